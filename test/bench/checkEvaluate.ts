// How often 提法核对 cries wolf, and how often it catches a real slip, measured leave-one-out: each
// held-out speech is checked against an index of the others (every flag on it is a false alarm, as
// the sample speeches are published text), then copies of it get one character changed inside a
// formulation the index knows (seeded) and we count the copies whose slip is flagged and fixed.
import { checkFormulations, type FormulationIssue } from '../../src/core/check';
import { buildCorpusIndex, isHan, type CorpusIndex } from '../../src/core/index';
import { occurs } from '../../src/core/phrases';
import { confusion } from '../../src/core/lexicon';
import { findRange } from '../../src/core/phrases/suffixArray';
import type { SpeechDocument } from '../../src/core/types';

export interface InjectedSlip {
  /** Offset of the changed character in the speech. */
  at: number;
  original: string;
  replacement: string;
  formulation: string;
  /** The formulation's form (quoted, group, item, long). */
  form: string;
  /** A flag covers the slip and its fix gives the original speech back. */
  detected: boolean;
  /** A flag covers the slip but its fix would write something else. */
  wrongFix: boolean;
  /** Confidence of the flag covering the slip, if any. */
  confidence?: number;
}

export interface HeldOutSpeech {
  docId: string;
  title: string;
  chars: number;
  /** Flags on the unchanged speech: false alarms. */
  flags: FormulationIssue[];
  injected: InjectedSlip[];
  /** Copies with two items of a parallel group swapped (original: the group, replacement: the swapped order). */
  swapped: InjectedSlip[];
  /** Time to check the unchanged speech. */
  checkMs: number;
}

export interface LeaveOneOutReport {
  speeches: number;
  chars: number;
  flags: number;
  flagsPer10k: number;
  injected: number;
  detected: number;
  wrongFixes: number;
  recall: number;
  /** Parallel groups with two items swapped, and how many of those were caught and fixed. */
  swaps: number;
  swapsDetected: number;
  held: HeldOutSpeech[];
}

export interface LeaveOneOutOptions {
  /** Indexes of the speeches to hold out (default: all). */
  holdOut?: number[];
  /** Copies with one slip each, per held-out speech. */
  slipsPerSpeech: number;
  /**
   * 'random': the new character is drawn from the corpus's characters. 'word': it makes a word the
   * corpus uses with the character before it and was typed for the old one (如 IME 选错同音词: 增智 → 增值), the harder case.
   */
  slips: 'random' | 'word';
  seed: number;
  /** Flags below this confidence are not counted (default: the check's own threshold). */
  minConfidence?: number;
  /** Builds the index of the other speeches (default buildCorpusIndex); a test may cache it. */
  build?: (documents: SpeechDocument[]) => CorpusIndex;
}

/** mulberry32: small, seeded, reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A character drawn from the corpus's own use (frequent characters more often), Han only. */
function corpusCharacter(index: CorpusIndex, rnd: () => number, not: string): string {
  const text = index.corpus.text;
  for (;;) {
    const ch = String.fromCharCode(text.charCodeAt(Math.floor(rnd() * text.length)));
    if (ch !== not && isHan(ch.charCodeAt(0))) return ch;
  }
}

/**
 * A Han character the corpus writes after `before` (so the two make a word it uses) that a writer
 * could have typed for `not` (the same or a similar pinyin, a similar shape: an IME's wrong pick), or undefined.
 */
function wordCharacter(index: CorpusIndex, rnd: () => number, before: string, not: string): string | undefined {
  const { text, sa } = index.corpus;
  const [lo, hi] = findRange(text, sa, before);
  for (let attempt = 0; attempt < 40 && hi > lo; attempt++) {
    const ch = String.fromCharCode(text.charCodeAt(sa[lo + Math.floor(rnd() * (hi - lo))] + 1) || 0);
    if (ch && ch !== not && isHan(ch.charCodeAt(0)) && confusion(ch, not)) return ch;
  }
  return undefined;
}

/** Copies of `text` with one character changed in a formulation the index knows (one slip per copy). */
function injectSlips(index: CorpusIndex, text: string, count: number, kind: LeaveOneOutOptions['slips'], rnd: () => number): { text: string; slip: InjectedSlip }[] {
  type Site = { formulation: string; form: string; pos: number };
  const sites: Site[] = [];
  // Whole formulations: a part (四个意识 of “四个意识”) lies inside one, whose slips are drawn already.
  for (const f of index.formulations.formulations) {
    if (f.form === 'part') continue;
    for (let p = text.indexOf(f.text); p >= 0; p = text.indexOf(f.text, p + 1)) sites.push({ formulation: f.text, form: f.form, pos: p });
  }
  // One site per formulation, so frequent words do not crowd out the rest.
  const byFormulation = new Map<string, Site>();
  for (const s of sites.sort((a, b) => a.pos - b.pos)) if (!byFormulation.has(s.formulation)) byFormulation.set(s.formulation, s);
  const pool = [...byFormulation.values()];
  const out: { text: string; slip: InjectedSlip }[] = [];
  while (out.length < count && pool.length) {
    const { formulation, form, pos } = pool.splice(Math.floor(rnd() * pool.length), 1)[0];
    // A word slip needs a Han character before it to make the word with.
    const han = [...formulation].map((c, i) => (isHan(c.charCodeAt(0)) && (kind === 'random' || (i > 0 && isHan(formulation.charCodeAt(i - 1)))) ? i : -1)).filter((i) => i >= 0);
    if (!han.length) continue;
    const off = han[Math.floor(rnd() * han.length)];
    const original = formulation[off];
    // A slip the corpus itself writes is a wording, not a slip: draw again (a few times).
    for (let attempt = 0; attempt < 5; attempt++) {
      const replacement = kind === 'random' ? corpusCharacter(index, rnd, original) : wordCharacter(index, rnd, formulation[off - 1], original);
      if (!replacement) continue;
      const variant = formulation.slice(0, off) + replacement + formulation.slice(off + 1);
      if (occurs(index.corpus, variant)) continue;
      const at = pos + off;
      out.push({
        text: text.slice(0, at) + replacement + text.slice(at + 1),
        slip: { at, original, replacement, formulation, form, detected: false, wrongFix: false },
      });
      break;
    }
  }
  return out;
}

/** Copies of `text` with two items of one parallel group swapped (one group per copy). */
function swapGroupItems(index: CorpusIndex, text: string, rnd: () => number): { text: string; slip: InjectedSlip }[] {
  const out: { text: string; slip: InjectedSlip }[] = [];
  for (const f of index.formulations.formulations) {
    const pos = text.indexOf(f.text);
    const separator = /[、，；]/.exec(f.text)?.[0];
    if (f.form !== 'group' || pos < 0 || !separator) continue;
    // Quotes stay around the whole group (“学思想、强党性、重实践、建新功”).
    const quoted = f.text.startsWith('“') && f.text.endsWith('”');
    const items = (quoted ? f.text.slice(1, -1) : f.text).split(separator);
    const i = Math.floor(rnd() * items.length);
    const j = (i + 1 + Math.floor(rnd() * (items.length - 1))) % items.length;
    [items[i], items[j]] = [items[j], items[i]];
    const variant = quoted ? `“${items.join(separator)}”` : items.join(separator);
    if (variant === f.text || occurs(index.corpus, variant)) continue;
    out.push({
      text: text.slice(0, pos) + variant + text.slice(pos + f.text.length),
      slip: { at: pos, original: f.text, replacement: variant, formulation: f.text, form: 'group', detected: false, wrongFix: false },
    });
  }
  return out;
}

/** Checks each copy; a slip is detected when a flag covers it and its fix gives `original` back. */
function detect(check: (text: string) => FormulationIssue[], original: string, copies: { text: string; slip: InjectedSlip }[]): InjectedSlip[] {
  for (const { text, slip } of copies) {
    const hit = check(text).find((f) => f.start <= slip.at && slip.at < f.end);
    if (!hit) continue;
    slip.detected = text.slice(0, hit.start) + hit.expected + text.slice(hit.end) === original;
    slip.wrongFix = !slip.detected;
    slip.confidence = hit.confidence;
  }
  return copies.map((c) => c.slip);
}

export function leaveOneOut(documents: SpeechDocument[], options: Partial<LeaveOneOutOptions> = {}): LeaveOneOutReport {
  const opts: LeaveOneOutOptions = { slipsPerSpeech: 10, seed: 1, slips: 'random', ...options };
  const build = opts.build ?? ((docs: SpeechDocument[]) => buildCorpusIndex(docs));
  const rnd = random(opts.seed);
  const held: HeldOutSpeech[] = [];
  for (const i of opts.holdOut ?? documents.map((_, k) => k)) {
    const doc = documents[i];
    const index = build(documents.filter((_, k) => k !== i));
    const check = (text: string) => checkFormulations(index, text, { minConfidence: opts.minConfidence });
    const started = performance.now();
    const flags = check(doc.text);
    const checkMs = performance.now() - started;
    const injected = detect(check, doc.text, injectSlips(index, doc.text, opts.slipsPerSpeech, opts.slips, rnd));
    const swapped = detect(check, doc.text, swapGroupItems(index, doc.text, rnd));
    held.push({ docId: doc.id, title: doc.title, chars: doc.text.length, flags, injected, swapped, checkMs });
  }
  const chars = held.reduce((n, h) => n + h.chars, 0);
  const flags = held.reduce((n, h) => n + h.flags.length, 0);
  const slips = held.flatMap((h) => h.injected);
  const detected = slips.filter((s) => s.detected).length;
  return {
    speeches: held.length,
    chars,
    flags,
    flagsPer10k: chars ? (flags * 10_000) / chars : 0,
    injected: slips.length,
    detected,
    wrongFixes: slips.filter((s) => s.wrongFix).length,
    recall: slips.length ? detected / slips.length : 0,
    swaps: held.reduce((n, h) => n + h.swapped.length, 0),
    swapsDetected: held.reduce((n, h) => n + h.swapped.filter((s) => s.detected).length, 0),
    held,
  };
}
