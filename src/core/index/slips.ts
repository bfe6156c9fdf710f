// The corpus's own slips, found when it is indexed: places where a speech writes a well-attested
// formulation wrongly (中国特色色会主义, 坚定理想理念, 习近平主义想 for 习近平新时代中国特色社会主义思想).
// A past speech is not proofread; completion must not offer its slips as stock phrases, and the
// 常用提法 view marks mined items that hold one (疑似笔误).
//
// Two kinds, each found through the suffix array, never by reading the whole corpus:
//  - substitutions: one or two characters of a formulation replaced, each by a character typed for
//    it (a homophone, a look-alike, a pinyin one key away) or by one the formulation has beside it
//    (an echo: 特色色会, 理想理念). The slip keeps one half of the formulation intact (or one third, for two
//    substitutions in a long one), so only the occurrences of those halves and thirds are compared;
//  - garbled copies: the formulation's characters in order with some left out, the same first two and
//    last characters (习近平主义想). The copies are walked as a trie over the suffix array, extending a
//    match only by characters the formulation has further on.
// Either way the slip is GARBLED_RATIO times rarer than its formulation and is not a formulation itself.
import { confusion, type Confusion } from '../lexicon/confusable';
import type { CorpusChars, CorpusText } from '../phrases/corpusText';
import { findRange } from '../phrases/suffixArray';
import { GARBLED_RATIO, TWO_EDIT_MIN_CHARS, hanCount, isHan, type Formulation, type FormulationTable } from './formulations';

export interface CorpusSlip {
  /** The slip as the corpus writes it. */
  text: string;
  /** The formulation it is a slip of. */
  expected: string;
  kind: 'substitution' | 'garbled';
  /** Occurrences of the slip in the corpus. */
  count: number;
}

/** Formulations shorter than this (Han characters) are not scanned: too many short look-alikes are words of their own. */
const MIN_CHARS = 4;

/**
 * Every slip of a formulation of `table` that the corpus writes, at most one entry per slip text (the
 * better-attested formulation wins).
 */
export function findCorpusSlips(corpus: CorpusText, table: FormulationTable): CorpusSlip[] {
  const found = new Map<string, { slip: CorpusSlip; against: number }>();
  const known = new Set(table.formulations.map((f) => f.text));
  const keep = (slip: CorpusSlip, formulation: Formulation) => {
    if (known.has(slip.text) || slip.count * GARBLED_RATIO > formulation.count) return;
    const seen = found.get(slip.text);
    if (!seen || formulation.count > seen.against) found.set(slip.text, { slip, against: formulation.count });
  };
  for (const f of table.formulations) {
    const han = hanCount(f.text);
    if (han < MIN_CHARS || f.count < GARBLED_RATIO) continue;
    for (const slip of substitutions(corpus, f)) keep(slip, f);
    if (han >= TWO_EDIT_MIN_CHARS) for (const slip of garbledCopies(corpus, f)) keep(slip, f);
  }
  return [...found.values()].map((x) => x.slip).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** Substitution slips of `f`: texts as long as `f`, keeping one of its anchors, with one or two plausible changes. */
function substitutions(corpus: CorpusText, f: Formulation): CorpusSlip[] {
  const { text, sa } = corpus;
  const n = f.text.length;
  const long = hanCount(f.text) >= TWO_EDIT_MIN_CHARS;
  const h = n >> 1;
  // One change leaves a half intact; two changes in a long formulation leave a half or a third.
  const anchors: [number, number][] = [[0, h], [h, n]];
  if (long) {
    const a = Math.floor(n / 3), b = Math.floor((2 * n) / 3);
    anchors.push([0, a], [a, b], [b, n]);
  }
  const counts = new Map<string, number>();
  const [flo, fhi] = findRange(text, sa, f.text);
  for (const [from, to] of anchors) {
    const [lo, hi] = findRange(text, sa, f.text.slice(from, to));
    for (let k = lo; k < hi; k++) {
      // The formulation itself (a contiguous run of the left anchors' range) is skipped whole.
      if (from === 0 && k >= flo && k < fhi) {
        k = fhi - 1;
        continue;
      }
      const start = sa[k] - from;
      if (start < 0 || start + n > text.length) continue;
      if (!plausibleChanges(text, start, f.text, long ? 2 : 1, from, to)) continue;
      const t = text.slice(start, start + n);
      if (t !== f.text) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  // The same slip is met once per anchor it keeps: count its occurrences once, from the index.
  return [...counts.keys()].map((t) => {
    const [lo, hi] = findRange(text, sa, t);
    return { text: t, expected: f.text, kind: 'substitution', count: hi - lo };
  });
}

/**
 * Whether the corpus text at `start` is `f` with 1 to `max` Han characters replaced (outside the
 * anchor [from, to), which matched), each by a character typed for it or by its neighbour.
 */
function plausibleChanges(text: CorpusChars, start: number, f: string, max: number, from: number, to: number): boolean {
  let changes = 0;
  for (let i = 0; i < f.length; i++) {
    if (i >= from && i < to) continue;
    const have = text.charCodeAt(start + i);
    const want = f.charCodeAt(i);
    if (have === want) continue;
    if (++changes > max || !isHan(have) || !isHan(want)) return false;
    // An echo: the character written is one the formulation has beside this place (特色社会 → 特色色会).
    const echo = [-2, -1, 1, 2].some((d) => i + d >= 0 && i + d < f.length && f.charCodeAt(i + d) === have);
    if (!echo && !typedFor(String.fromCharCode(have), String.fromCharCode(want), f.length)) return false;
  }
  return changes > 0;
}

/** A character typed for another: any channel in a long formulation, the same sound or shape in a short one. */
function typedFor(wrong: string, right: string, length: number): boolean {
  const channel: Confusion | undefined = confusion(wrong, right);
  if (!channel) return false;
  return length >= TWO_EDIT_MIN_CHARS || channel === 'homophone' || channel === 'shape';
}

/**
 * Garbled copies of `f`: strings of the corpus made of f's first two characters, then some of its
 * characters in order, ending with its last, shorter than f and at least four Han characters long.
 */
function garbledCopies(corpus: CorpusText, f: Formulation): CorpusSlip[] {
  const { text, sa } = corpus;
  const out: CorpusSlip[] = [];
  const last = f.text.length - 1;
  // Depth-first over (matched text, index in f of its last character, its suffix-array range).
  const stack: { s: string; j: number; lo: number; hi: number }[] = [];
  const [lo0, hi0] = findRange(text, sa, f.text.slice(0, 2));
  if (hi0 > lo0) stack.push({ s: f.text.slice(0, 2), j: 1, lo: lo0, hi: hi0 });
  let visited = 0;
  while (stack.length && visited++ < MAX_WALK) {
    const { s, j, lo, hi } = stack.pop()!;
    const tried = new Set<string>();
    for (let k = j + 1; k <= last; k++) {
      const ch = f.text[k];
      // The earliest k for each character: a subsequence's leftmost embedding.
      if (tried.has(ch)) continue;
      tried.add(ch);
      const next = s + ch;
      const [a, b] = findRange(text, sa, next, lo, hi);
      if (b <= a) continue;
      if (k === last && next.length < f.text.length && hanCount(next) >= MIN_CHARS) {
        out.push({ text: next, expected: f.text, kind: 'garbled', count: b - a });
      }
      // f's own prefix goes on; so does a copy that has already left characters out.
      if (k < last) stack.push({ s: next, j: k, lo: a, hi: b });
    }
  }
  return out;
}

/** Trie nodes one formulation's walk may visit (bounds the time a pathological corpus could take). */
const MAX_WALK = 20_000;
