// 提法核对: spans of a draft that are a slip away from a well-attested formulation of the corpus — one
// character changed (做到“两个拥护” for 做到“两个维护”), two changed in a long one (社会注意思想 for
// 社会主义思想), a character or a word inserted or dropped (两个坚决维护), two neighbours swapped, or
// a parallel group with two items swapped — while the draft's own wording never occurs in the corpus. Conservative by design: a writer stops trusting a checker
// that cries wolf, so an edit only counts where the corpus always fills that slot the same way.
import type { CorpusIndex } from '../index/corpusIndex';
import { FIXED_SLOT, SOFT_SLOT, hanCount, isHan, type VariantTarget } from '../index/formulations';
import { confusion, type Confusion } from '../lexicon/confusable';
import { findRange } from '../phrases/suffixArray';
import { occurs, type CorpusText } from '../phrases/corpusText';
import type { CancellationToken } from '../types';

/** What the check reads of the index: the corpus text and the formulation table. */
export type CheckIndex = Pick<CorpusIndex, 'corpus' | 'formulations'>;

export interface FormulationCheckOptions {
  /** Issues below this confidence (0..1) are not reported. */
  minConfidence?: number;
  token?: CancellationToken;
}

/** Below this confidence an issue is not reported: a writer stops trusting a checker that cries wolf. */
export const DEFAULT_MIN_CONFIDENCE = 0.6;

export type FormulationEditKind = 'substitution' | 'insertion' | 'deletion' | 'transposition';

export interface PhraseExample {
  docId: string;
  title: string;
  /** Absolute path of the speech's file ('' for in-memory speeches). */
  source: string;
  /** 0-based line in the speech's cleaned text. */
  line: number;
}

export interface FormulationIssue {
  /** UTF-16 offsets of the suspect span in the draft. */
  start: number;
  end: number;
  /** The draft's text of the span. */
  found: string;
  /** What the corpus writes there: replacing the span with it is the fix. */
  expected: string;
  kind: FormulationEditKind;
  /**
   * Characters the slip changed: 1, or 2 for two substituted characters (社会注意思想), an inserted or
   * dropped word of two (两个坚决维护) or two characters swapped; a group's swapped items count as 1.
   */
  edits: number;
  /** How the draft's character may have been typed for the corpus's (a substitution's likeliest channel). */
  channel?: Confusion;
  phrase: { text: string; count: number; speeches: number; example?: PhraseExample };
  /** 0..1: how widely the formulation is used, how long it is, how fixed the changed slot is. */
  confidence: number;
}

interface Candidate {
  start: number;
  end: number;
  formulation: VariantTarget & { slots?: Uint8Array };
  kind: FormulationEditKind;
  /** Offset of the edit inside the formulation (insertion: the inserted chars come before this offset). */
  at: number;
  /** Characters inserted, dropped or swapped at `at` (a substitution: 1). */
  width: number;
  /** A second substituted character's offset. */
  at2?: number;
  confidence?: number;
}

interface Edit {
  kind: 'substitution' | 'insertion' | 'deletion' | 'transposition';
  /** Offset in `rest` of the first mismatch. */
  offset: number;
  /** Draft characters the rest took. */
  consumed: number;
  width: number;
}

/** An inserted or dropped run of up to this many characters counts as one edit (a word: 两个坚决维护). */
const MAX_RUN = 2;

/**
 * Ways `rest` can match `text` from `from` with one edit strictly inside the formulation: one
 * character changed, a run of one or two inserted or dropped, or two neighbours swapped. An
 * insertion after its last character or a deletion of it would only be a longer or shorter phrase.
 */
function oneEdit(rest: string, text: string, from: number, out: Edit[]): void {
  out.length = 0;
  const n = rest.length;
  let m = 0;
  while (m < n && from + m < text.length && text.charCodeAt(from + m) === rest.charCodeAt(m)) m++;
  if (m === n || from + m >= text.length) return;
  if (from + n <= text.length && text.startsWith(rest.slice(m + 1), from + m + 1)) out.push({ kind: 'substitution', offset: m, consumed: n, width: 1 });
  if (m + 1 < n && text.charCodeAt(from + m) === rest.charCodeAt(m + 1) && text.charCodeAt(from + m + 1) === rest.charCodeAt(m) && text.startsWith(rest.slice(m + 2), from + m + 2))
    out.push({ kind: 'transposition', offset: m, consumed: n, width: 2 });
  const tail = rest.slice(m);
  for (let k = 1; k <= MAX_RUN; k++) {
    if (text.startsWith(tail, from + m + k)) out.push({ kind: 'insertion', offset: m, consumed: n + k, width: k });
    if (m + k < n && text.startsWith(rest.slice(m + k), from + m)) out.push({ kind: 'deletion', offset: m, consumed: n - k, width: k });
  }
}

const NUMERALS = new Set([...'一二三四五六七八九十百千万两零〇']);
const isSeparator = (code: number) => !isHan(code) && !(code >= 0x30 && code <= 0x39) && !((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
const allHan = (s: string) => s.length > 0 && [...s].every((c) => isHan(c.charCodeAt(0)));

/** True when offset `at` of `s` lies inside a quotation (“四个意识”): a numbered formulation, not a count. */
function insideQuotes(s: string, at: number): boolean {
  const open = s.lastIndexOf('“', at);
  return open >= 0 && s.indexOf('”', at) > at && s.lastIndexOf('”', at) < open;
}

/** The stretch of `s` around offset `at` between punctuation marks. */
function segmentAround(s: string, at: number): string {
  let a = Math.min(at, s.length - 1), b = at;
  while (a > 0 && !isSeparator(s.charCodeAt(a - 1))) a--;
  while (b < s.length && !isSeparator(s.charCodeAt(b))) b++;
  return s.slice(a, b);
}

/** True when `item` stands in the corpus between punctuation marks (or line ends) somewhere, among up to `maxInspect` occurrences. */
function occursAsItem(corpus: CorpusText, item: string, maxInspect = 400): boolean {
  const { text, sa } = corpus;
  const [lo, hi] = findRange(text, sa, item);
  const step = Math.max(1, (hi - lo) / maxInspect);
  const bounded = (pos: number) => pos < 0 || pos >= text.length || isSeparator(text.charCodeAt(pos));
  for (let k = lo; k < hi; k += step) {
    const pos = sa[Math.floor(k)];
    if (bounded(pos - 1) && bounded(pos + item.length)) return true;
  }
  return false;
}

/** Weight of a formulation by the number of speeches that use it: 2 → 0.67, 5 → 0.83, 13 → 0.93. */
const support = (speeches: number) => speeches / (speeches + 1);
/** Longer formulations leave less room for a legitimate look-alike: 4 Han chars → 0.8, 6 or more → 1. */
const lengthWeight = (hanChars: number) => Math.min(1, 0.4 + 0.1 * hanChars);

/** Inserted or dropped, these change style, not the formulation (坚定的理想信念, 科学的理论). */
const FUNCTION_CHARS = new Set([...'的了地得之和与及等着是在对为把']);

/**
 * How much likelier a slip is by the way the character was typed: a pinyin IME offers homophones
 * (确力 for 确立), handwriting and stroke input look-alikes; a character by no channel is as often a
 * deliberate other word (开设 for 开展) as a slip.
 */
export const CHANNEL_WEIGHT: Record<Confusion | 'none', number> = {
  homophone: 1,
  shape: 1,
  fuzzyPinyin: 0.95,
  nearPinyin: 0.9,
  none: 0.9,
};
/** Two characters changed is a wrong word picked (注意 for 主义): the weight of the likelier channel, times this. */
const TWO_EDIT_WEIGHT = 0.95;
/** Two neighbouring characters swapped (两个护维). */
const SWAP_WEIGHT = 0.9;
/** Weight of a character repeated from beside it (see echoed). */
const ECHO_WEIGHT = 0.95;

/** True when the character at `at` of `found` also stands one or two places before or after it. */
function echoed(found: string, at: number): boolean {
  for (const q of [at - 2, at - 1, at + 1, at + 2]) if (q >= 0 && q < found.length && found.charCodeAt(q) === found.charCodeAt(at)) return true;
  return false;
}

/** True when the character at `at` of `found` makes a pair with a neighbour there that the corpus uses: a word. */
function makesWord(corpus: CorpusText, found: string, at: number): boolean {
  const pair = (a: number) => a >= 0 && a + 2 <= found.length && isHan(found.charCodeAt(a)) && isHan(found.charCodeAt(a + 1)) && occurs(corpus, found.slice(a, a + 2));
  return pair(at - 1) || pair(at);
}

/**
 * How many corpus occurrences fit `before` + `width` characters + `after`, and how many of those have
 * `slot` there: a slot the corpus always fills the same way is a fixed part of the formulation.
 */
export function slotUse(corpus: CorpusText, before: string, after: string, width: number, slot: string | undefined, maxInspect = 4000): { total: number; same: number } {
  const { text, sa } = corpus;
  // Walk the occurrences of the longer side; check the other side at each.
  const anchorBefore = before.length >= after.length;
  const anchor = anchorBefore ? before : after;
  const [lo, hi] = findRange(text, sa, anchor);
  const step = Math.max(1, (hi - lo) / maxInspect);
  let total = 0, same = 0, seen = 0;
  outer: for (let k = lo; k < hi; k += step) {
    seen++;
    const pos = sa[Math.floor(k)];
    const slotAt = anchorBefore ? pos + before.length : pos - width;
    if (slotAt < 0 || slotAt + width > text.length) continue;
    const start = slotAt - before.length;
    if (start < 0 || !text.startsWith(before, start) || !text.startsWith(after, slotAt + width)) continue;
    for (let q = 0; q < width; q++) {
      const code = text.charCodeAt(slotAt + q);
      if (code === 0 || code === 0x0a) continue outer;
    }
    total++;
    if (slot !== undefined && text.startsWith(slot, slotAt)) same++;
  }
  // Scale a sample back to the whole range.
  const scale = seen ? (hi - lo) / seen : 1;
  return { total: total * scale, same: same * scale };
}

/** Whether a changed character at `at` (the draft's `ch`) may be a slip there; false where it is another wording. */
function substitutable(corpus: CorpusText, f: Candidate['formulation'] & { slots: Uint8Array }, at: number, ch: string): boolean {
  const p = f.text;
  if (!f.slots[at] || !isHan(ch.charCodeAt(0))) return false;
  // A soft slot (an end of a long phrase, a group item's frame, a verb before quotes) takes a word in
  // place of another (习近平总书记指示, 理论认识): only a character that makes no word with a neighbour is a slip.
  if (f.slots[at] === SOFT_SLOT) {
    const left = at > 0 ? p[at - 1] + ch : '';
    const right = at + 1 < p.length ? ch + p[at + 1] : '';
    if ((left && occurs(corpus, left)) || (right && occurs(corpus, right))) return false;
  }
  // 第二批 → 第三批 is a different batch, not a slip; a numeral only matters inside quotes (“四个意识”).
  return !(NUMERALS.has(p[at]) && NUMERALS.has(ch) && !insideQuotes(p, at));
}

/** Confidence of a candidate edit, or 0 when it must not be reported; `channel` is set for a substitution. */
function judge(corpus: CorpusText, c: Candidate, found: string): { confidence: number; channel?: Confusion } {
  const NONE = { confidence: 0 };
  const f = c.formulation as Candidate['formulation'] & { slots: Uint8Array };
  const p = f.text;
  const fixedAt = (q: number) => f.slots[q] === FIXED_SLOT;
  let weight = 1;
  let channel: Confusion | undefined;
  if (c.kind === 'insertion') {
    // Only where the formulation is fixed on both sides (inside its quotes, its items), and a word, not a particle.
    const inserted = found.slice(c.at, c.at + c.width);
    if (!fixedAt(c.at - 1) || !fixedAt(c.at) || !allHan(inserted)) return NONE;
    // A plain phrase often takes or drops a word (推动高质量发展 / 推动经济高质量发展).
    if (f.form === 'long' || f.form === 'part' || [...inserted].some((ch) => FUNCTION_CHARS.has(ch))) return NONE;
  } else if (c.kind === 'deletion') {
    const removed = p.slice(c.at, c.at + c.width);
    for (let q = c.at; q < c.at + c.width; q++) if (!fixedAt(q)) return NONE;
    if (f.form === 'long' || f.form === 'part' || !allHan(removed) || [...removed].some((ch) => FUNCTION_CHARS.has(ch))) return NONE;
    // What is left must still read as the formulation (坚持习 is a fragment of 坚持边学习, not a slip of it).
    if (hanCount(found) < 4) return NONE;
  } else if (c.kind === 'transposition') {
    if (!fixedAt(c.at) || !fixedAt(c.at + 1) || !allHan(found.slice(c.at, c.at + 2))) return NONE;
    weight = SWAP_WEIGHT;
  } else {
    const at = c.at2 === undefined ? [c.at] : [c.at, c.at2];
    let likeliest = 0;
    for (const q of at) {
      if (!substitutable(corpus, f, q, found[q])) return NONE;
      const how = confusion(found[q], p[q]);
      // Two characters changed, or one in a short part of a formulation (推送工作 beside 推动工作), only
      // count as a slip when typed for the other by some channel.
      if ((c.at2 !== undefined || f.form === 'part') && !how) return NONE;
      const w = CHANNEL_WEIGHT[how ?? 'none'];
      if (w > likeliest) {
        likeliest = w;
        channel = how;
      }
    }
    weight = c.at2 === undefined ? likeliest : likeliest * TWO_EDIT_WEIGHT;
    // A character repeated from beside it (理想理念, 特色色会) is the typist's echo: a slip whatever it makes.
    const echo = c.at2 === undefined && !channel && echoed(found, c.at);
    if (echo) weight = ECHO_WEIGHT;
    // In a plain phrase, a character typed for the other by no channel that makes a word the corpus
    // uses with a neighbour is another wording (开设 for 开展, 最新理论 for 创新理论), not a slip;
    // inside quotes and parallel groups the wording is fixed, and such a word is still a slip.
    else if (!channel && f.form !== 'quoted' && f.form !== 'group' && makesWord(corpus, found, c.at)) return NONE;
  }
  if (occurs(corpus, found)) return NONE;
  // The draft's item (between punctuation) used as an item elsewhere in the corpus is a wording, not a
  // slip; as part of a longer item it is not (以学正 of 以学正风 is the slip of a dropped character).
  for (const q of c.at2 === undefined ? [c.at] : [c.at, c.at2]) {
    const segment = segmentAround(found, q);
    if (segment.length >= 3 && segment !== found && occursAsItem(corpus, segment)) return NONE;
  }
  let fixed = 1;
  if (c.kind === 'substitution') {
    if (c.at2 === undefined || c.at2 === c.at + 1) {
      const w = c.at2 === undefined ? 1 : 2;
      const use = slotUse(corpus, p.slice(0, c.at), p.slice(c.at + w), w, p.slice(c.at, c.at + w));
      fixed = use.total > 0 ? use.same / use.total : 1;
    } else {
      for (const q of [c.at, c.at2]) {
        const use = slotUse(corpus, p.slice(0, q), p.slice(q + 1), 1, p[q]);
        fixed = Math.min(fixed, use.total > 0 ? use.same / use.total : 1);
      }
    }

  } else if (c.kind === 'insertion') {
    const use = slotUse(corpus, p.slice(0, c.at), p.slice(c.at), c.width, undefined);
    fixed = f.count / (f.count + use.total);
  }
  return { confidence: support(f.speeches) * lengthWeight(hanCount(p)) * fixed * weight, channel };
}

function example(corpus: CorpusText, f: VariantTarget): PhraseExample | undefined {
  const w = f.where[0];
  if (!w) return undefined;
  const doc = corpus.documents.find((d) => d.id === w.docId);
  return { docId: w.docId, title: w.title, source: doc?.source ?? '', line: w.line };
}

/** Near-misses of the corpus's formulations in `draft`, in text order, at most one per span. */
export function checkFormulations(index: CheckIndex, draft: string, options: FormulationCheckOptions = {}): FormulationIssue[] {
  const { token } = options;
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const { corpus, formulations: table } = index;
  if (token?.isCancellationRequested) return [];
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const push = (c: Candidate) => {
    const key = `${c.start}:${c.end}:${c.formulation.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      candidates.push(c);
    }
  };
  let reversed: string | undefined;
  const edits: Edit[] = [];
  const n = draft.length;
  for (let i = 0; i + 1 < n; i++) {
    if ((i & 4095) === 4095 && token?.isCancellationRequested) return [];
    const halves = table.halves.at(draft, i);
    if (halves)
      for (const h of halves) {
        if (!draft.startsWith(h.half, i)) continue;
        const p = h.formulation.text;
        const cut = p.length >> 1;
        if (h.left) {
          oneEdit(h.rest, draft, i + cut, edits);
          for (const e of edits) push({ start: i, end: i + cut + e.consumed, formulation: h.formulation, kind: e.kind, at: cut + e.offset, width: e.width });
        } else {
          // Code units reversed, as the formulation's left part was: offsets map back one to one.
          reversed ??= draft.split('').reverse().join('');
          oneEdit(h.rest, reversed, n - i, edits);
          for (const e of edits)
            push({
              start: i - e.consumed,
              end: i + h.half.length,
              formulation: h.formulation,
              kind: e.kind,
              // The first formulation offset the edit touches, counted back from the cut.
              at: e.kind === 'insertion' ? cut - e.offset : cut - e.offset - e.width,
              width: e.width,
            });
        }
      }
    // Two substitutions (社会注意思想): a third of the formulation is intact, which fixes its start.
    const thirds = table.thirds.at(draft, i);
    if (thirds)
      for (const t of thirds) {
        if (!draft.startsWith(t.piece, i)) continue;
        const p = t.formulation.text;
        const start = i - t.offset;
        if (start < 0 || start + p.length > n) continue;
        let first = -1, second = -1, diff = 0;
        for (let k = 0; k < p.length && diff <= 2; k++)
          if (draft.charCodeAt(start + k) !== p.charCodeAt(k)) {
            if (diff++ === 0) first = k;
            else second = k;
          }
        if (diff === 2) push({ start, end: start + p.length, formulation: t.formulation, kind: 'substitution', at: first, at2: second, width: 1 });
      }
    const variants = table.groupVariants.at(draft, i);
    if (variants)
      for (const v of variants) {
        if (!draft.startsWith(v.text, i)) continue;
        push({
          start: i,
          end: i + v.text.length,
          formulation: v.expected,
          kind: v.kind,
          at: 0,
          width: 1,
          confidence: support(v.expected.speeches) * (v.items >= 3 ? 1 : 0.85),
        });
      }
  }
  if (token?.isCancellationRequested) return [];
  const judged: FormulationIssue[] = [];
  for (const c of candidates) {
    const found = draft.slice(c.start, c.end);
    const { confidence, channel } = c.confidence !== undefined ? { confidence: c.confidence, channel: undefined } : judge(corpus, c, found);
    if (confidence < minConfidence) continue;
    const f = c.formulation;
    const edits = c.confidence !== undefined ? 1 : c.at2 !== undefined ? 2 : c.width;
    const issue: FormulationIssue = {
      start: c.start,
      end: c.end,
      found,
      expected: f.text,
      kind: c.kind,
      edits,
      phrase: { text: f.text, count: f.count, speeches: f.speeches, example: example(corpus, f) },
      confidence,
    };
    if (channel) issue.channel = channel;
    judged.push(issue);
  }
  // One issue per span: a group's wrong order first, the whole group before a part of it (one fix for
  // all the items it moved); then the most confident, of equals the narrower (closer to the slip).
  const order = (i: FormulationIssue) => (i.kind === 'transposition' ? i.end - i.start : 0);
  judged.sort((a, b) => order(b) - order(a) || b.confidence - a.confidence || a.end - a.start - (b.end - b.start) || a.start - b.start);
  // A reading that explains more of the span's changes wins over one inside it that explains fewer:
  // 信时代中国特色折会主义 is two slips of 习近平新时代中国特色社会主义思想, not one of 中国特色社会主义.
  const explained = judged.filter((b) => !judged.some((a) => a.edits > b.edits && a.start <= b.start && b.end <= a.end));
  const kept: FormulationIssue[] = [];
  for (const issue of explained) if (!kept.some((k) => issue.start < k.end && k.start < issue.end)) kept.push(issue);
  return kept.sort((a, b) => a.start - b.start);
}
