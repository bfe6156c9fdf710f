// 提法核对: spans of a draft that are one edit away from a well-attested formulation of the corpus
// (做到“两个拥护” for 做到“两个维护”), or a parallel group with two items swapped, while the draft's
// own wording never occurs in the corpus. Conservative by design: a writer stops trusting a checker
// that cries wolf, so an edit only counts where the corpus always fills that slot the same way.
import type { CorpusIndex } from '../index/corpusIndex';
import { FIXED_SLOT, SOFT_SLOT, hanCount, isHan, type VariantTarget } from '../index/formulations';
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
  phrase: { text: string; count: number; speeches: number; example?: PhraseExample };
  /** 0..1: how widely the formulation is used, how long it is, how fixed the changed slot is. */
  confidence: number;
}

interface Candidate {
  start: number;
  end: number;
  formulation: VariantTarget & { slots?: Uint8Array };
  kind: FormulationEditKind;
  /** Offset of the edit inside the formulation (insertion: the inserted char comes before this offset). */
  at: number;
  /** The draft's character at the edit (substitution, insertion). */
  ch?: string;
  confidence?: number;
}

interface Edit {
  kind: 'substitution' | 'insertion' | 'deletion';
  /** Offset in `rest` of the first mismatch. */
  offset: number;
  /** Draft characters the rest took. */
  consumed: number;
  ch?: string;
}

/**
 * Ways `rest` can match `text` from `from` with exactly one edit strictly inside the formulation: an
 * insertion after its last character or a deletion of it would only be a longer or shorter phrase.
 */
function oneEdit(rest: string, text: string, from: number, out: Edit[]): void {
  out.length = 0;
  const n = rest.length;
  let m = 0;
  while (m < n && from + m < text.length && text.charCodeAt(from + m) === rest.charCodeAt(m)) m++;
  if (m === n || from + m >= text.length) return;
  const tail = rest.slice(m + 1);
  const ch = text[from + m];
  if (from + n <= text.length && text.startsWith(tail, from + m + 1)) out.push({ kind: 'substitution', offset: m, consumed: n, ch });
  if (text.startsWith(rest.slice(m), from + m + 1)) out.push({ kind: 'insertion', offset: m, consumed: n + 1, ch });
  if (m < n - 1 && text.startsWith(tail, from + m)) out.push({ kind: 'deletion', offset: m, consumed: n - 1 });
}

const NUMERALS = new Set([...'一二三四五六七八九十百千万两零〇']);
const isSeparator = (code: number) => !isHan(code) && !(code >= 0x30 && code <= 0x39) && !((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);

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

/** Weight of a formulation by the number of speeches that use it: 2 → 0.67, 5 → 0.83, 13 → 0.93. */
const support = (speeches: number) => speeches / (speeches + 1);
/** Longer formulations leave less room for a legitimate look-alike: 4 Han chars → 0.8, 6 or more → 1. */
const lengthWeight = (hanChars: number) => Math.min(1, 0.4 + 0.1 * hanChars);

/** Inserted or dropped, these change style, not the formulation (坚定的理想信念, 科学的理论). */
const FUNCTION_CHARS = new Set([...'的了地得之和与及等着是在对为把']);

/** True when a run of three Han characters of `found` through offset `at` occurs in the corpus. */
function locallyAttested(corpus: CorpusText, found: string, at: number): boolean {
  for (let a = Math.max(0, at - 2); a <= at && a + 3 <= found.length; a++) {
    const tri = found.slice(a, a + 3);
    if (isHan(tri.charCodeAt(0)) && isHan(tri.charCodeAt(1)) && isHan(tri.charCodeAt(2)) && occurs(corpus, tri)) return true;
  }
  return false;
}

/**
 * How many corpus occurrences fit `before` + one character + `after`, and how many of those have
 * `slot` there: a slot the corpus always fills the same way is a fixed part of the formulation.
 */
function slotUse(corpus: CorpusText, before: string, after: string, slot: string | undefined, maxInspect = 4000): { total: number; same: number } {
  const { text, sa } = corpus;
  // Walk the occurrences of the longer side; check the other side at each.
  const anchorBefore = before.length >= after.length;
  const anchor = anchorBefore ? before : after;
  const [lo, hi] = findRange(text, sa, anchor);
  const step = Math.max(1, (hi - lo) / maxInspect);
  let total = 0, same = 0, seen = 0;
  for (let k = lo; k < hi; k += step) {
    seen++;
    const pos = sa[Math.floor(k)];
    const slotAt = anchorBefore ? pos + before.length : pos - 1;
    if (slotAt < 0 || slotAt >= text.length) continue;
    const start = slotAt - before.length;
    if (start < 0 || !text.startsWith(before, start) || !text.startsWith(after, slotAt + 1)) continue;
    const code = text.charCodeAt(slotAt);
    if (code === 0 || code === 0x0a) continue;
    total++;
    if (slot !== undefined && code === slot.charCodeAt(0)) same++;
  }
  // Scale a sample back to the whole range.
  const scale = seen ? (hi - lo) / seen : 1;
  return { total: total * scale, same: same * scale };
}

/** Confidence of a one-edit candidate, or 0 when it must not be reported. */
function judge(corpus: CorpusText, c: Candidate, found: string): number {
  const f = c.formulation as Candidate['formulation'] & { slots: Uint8Array };
  const p = f.text;
  const removed = c.kind === 'insertion' ? undefined : p[c.at];
  // Only where the formulation is fixed (inside its quotes, its items, not its ends).
  if (c.kind === 'insertion' ? !(f.slots[c.at - 1] === FIXED_SLOT && f.slots[c.at] === FIXED_SLOT) : !f.slots[c.at]) return 0;
  if (c.kind === 'deletion' && f.slots[c.at] !== FIXED_SLOT) return 0;
  // Only a changed character is a 提法 error: not punctuation, digits, latin or spacing.
  if (c.ch !== undefined && !isHan(c.ch.charCodeAt(0))) return 0;
  if (c.kind !== 'substitution') {
    // A long plain phrase often takes or drops a word (推动高质量发展 / 推动经济高质量发展).
    if (f.form === 'long' || FUNCTION_CHARS.has(c.ch ?? removed!)) return 0;
  }
  // A soft slot (an end of a long phrase, a group item's frame, a verb before quotes) takes a word in
  // place of another (习近平总书记指示, 理论认识): only a character that makes no word with a neighbour is a slip.
  if (c.kind === 'substitution' && f.slots[c.at] === SOFT_SLOT) {
    const left = c.at > 0 ? p[c.at - 1] + c.ch! : '';
    const right = c.at + 1 < p.length ? c.ch! + p[c.at + 1] : '';
    if ((left && occurs(corpus, left)) || (right && occurs(corpus, right))) return 0;
  }
  // 第二批 → 第三批 is a different batch, not a slip; a numeral only matters inside quotes (“四个意识”).
  if (c.kind === 'substitution' && NUMERALS.has(removed!) && NUMERALS.has(c.ch!) && !insideQuotes(p, c.at)) return 0;
  if (occurs(corpus, found)) return 0;
  // The draft's item (between punctuation) used elsewhere in the corpus is a wording, not a slip.
  const segment = segmentAround(found, c.at);
  if (segment.length >= 3 && segment !== found && occurs(corpus, segment)) return 0;
  let fixed = 1;
  if (c.kind === 'substitution') {
    const use = slotUse(corpus, p.slice(0, c.at), p.slice(c.at + 1), removed);
    fixed = use.total > 0 ? use.same / use.total : 1;
    // The changed character reads naturally with its neighbours somewhere in the corpus: maybe a wording.
    if (locallyAttested(corpus, found, c.at)) fixed *= LOCALLY_ATTESTED;
  } else if (c.kind === 'insertion') {
    const use = slotUse(corpus, p.slice(0, c.at), p.slice(c.at), undefined);
    fixed = f.count / (f.count + use.total);
  }
  return support(f.speeches) * lengthWeight(hanCount(p)) * fixed;
}

/** Weight of a substitution whose new character sits in a three-character run the corpus uses. */
const LOCALLY_ATTESTED = 0.75;

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
          for (const e of edits) push({ start: i, end: i + cut + e.consumed, formulation: h.formulation, kind: e.kind, at: cut + e.offset, ch: e.ch });
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
              at: e.kind === 'insertion' ? cut - e.offset : cut - 1 - e.offset,
              ch: e.ch,
            });
        }
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
          confidence: support(v.expected.speeches) * (v.items >= 3 ? 1 : 0.85),
        });
      }
  }
  if (token?.isCancellationRequested) return [];
  const judged: FormulationIssue[] = [];
  for (const c of candidates) {
    const found = draft.slice(c.start, c.end);
    const confidence = c.confidence ?? judge(corpus, c, found);
    if (confidence < minConfidence) continue;
    const f = c.formulation;
    judged.push({
      start: c.start,
      end: c.end,
      found,
      expected: f.text,
      kind: c.kind,
      phrase: { text: f.text, count: f.count, speeches: f.speeches, example: example(corpus, f) },
      confidence,
    });
  }
  // One issue per span: a group's wrong order first, the whole group before a part of it (one fix for
  // all the items it moved); then the most confident, of equals the narrower (closer to the slip).
  const order = (i: FormulationIssue) => (i.kind === 'transposition' ? i.end - i.start : 0);
  judged.sort((a, b) => order(b) - order(a) || b.confidence - a.confidence || a.end - a.start - (b.end - b.start) || a.start - b.start);
  const kept: FormulationIssue[] = [];
  for (const issue of judged) if (!kept.some((k) => issue.start < k.end && k.start < issue.end)) kept.push(issue);
  return kept.sort((a, b) => a.start - b.start);
}
