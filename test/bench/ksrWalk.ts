// The keystroke-savings walk of ../shared/eval/ksr.mjs, in-process: a writer types a speech one
// character at a time, is offered the top N items before each, and accepts the one that saves the
// most keystrokes, paying rank + 1 for it. Used by ksr.ts (leave-one-out over the samples, and the
// calibration fit) and versions.ts (the same with edited copies in the corpus).
import { itemFeatures, type CompletionExplanation, type Eagerness } from '../../src/core/complete';
import type { CorpusIndex } from '../../src/core/index';
import { suggest } from '../../src/core/suggest';

/** The harness's context: it sends the 200 characters before the cursor. */
const CONTEXT = 200;

export interface Walk {
  chars: number;
  keys: number;
  /** Positions where something was offered, and where an offer was taken. */
  offered: number;
  accepted: number;
  top1Good: number;
  /** Positions where something was offered and nothing taken (what sits on screen for nothing). */
  idleItems: number;
  /** Items listed, and of those the ones that rest on a single speech of the corpus. */
  listed: number;
  singleSpeech: number;
}

export interface WalkOptions {
  top: number;
  inline: boolean;
  /** Completions checked by 提法核对 (suggest's guard) against the same index. */
  guard: boolean;
  eagerness?: Eagerness;
}

/** What a walk can record besides its totals: every candidate (with whether it was right) and every list made. */
export interface Recorder {
  candidate?(features: number[], right: boolean): void;
  list?(raw: number, taken: boolean): void;
}

/** Types `doc` against `index`; each request's milliseconds are pushed to `times`. */
export function walkSpeech(index: CorpusIndex, doc: string, options: WalkOptions, times: number[] = [], recorder: Recorder = {}): Walk {
  const { top, inline, guard, eagerness } = options;
  const w: Walk = { chars: doc.length, keys: 0, offered: 0, accepted: 0, top1Good: 0, idleItems: 0, listed: 0, singleSpeech: 0 };
  let i = 0;
  while (i < doc.length) {
    let ex: CompletionExplanation | undefined;
    const t0 = performance.now();
    const items = suggest(index, doc.slice(Math.max(0, i - CONTEXT), i), {
      limit: inline ? 1 : top,
      inline,
      eagerness,
      check: guard ? index : null,
      explain: (e) => (ex = e),
    }).slice(0, top);
    times.push(performance.now() - t0);
    let best: { r: number; gain: number; net: number } | null = null;
    items.forEach((it, r) => {
      const n = it.replace;
      if (n < 0 || n > Math.min(i, CONTEXT) || !doc.startsWith(it.insert, i - n)) return;
      const gain = it.insert.length - n, cost = r + 1;
      if (r === 0 && gain >= 2) w.top1Good++;
      if (gain > cost && (!best || gain - cost > best.net)) best = { r, gain, net: gain - cost };
    });
    if (ex) {
      for (const c of ex.candidates) recorder.candidate?.(itemFeatures(c.evidence), doc.startsWith(c.added, i));
      if (ex.items.length) recorder.list?.(ex.listRaw, best !== null);
    }
    if (items.length) w.offered++;
    w.listed += items.length;
    w.singleSpeech += items.filter((it) => it.speeches === 1).length;
    const b = best as { r: number; gain: number } | null;
    if (b) {
      w.keys += b.r + 1;
      i += b.gain;
      w.accepted++;
    } else {
      if (items.length) w.idleItems++;
      w.keys += 1;
      i += 1;
    }
  }
  return w;
}

/** KSR and the rest over a set of walks (percentages). */
export function ksrSummary(ws: readonly Walk[]) {
  const sum = (k: keyof Walk) => ws.reduce((n, w) => n + w[k], 0);
  const chars = sum('chars');
  return {
    speeches: ws.length,
    chars,
    ksr: 100 * (1 - sum('keys') / chars),
    top1Precision: (100 * sum('top1Good')) / Math.max(1, sum('offered')),
    acceptRate: (100 * sum('accepted')) / Math.max(1, sum('offered')),
    idleOffersPer100: (100 * sum('idleItems')) / chars,
    offeredPerChar: sum('offered') / chars,
    singleSpeechShare: (100 * sum('singleSpeech')) / Math.max(1, sum('listed')),
  };
}
