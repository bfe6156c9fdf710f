// The corpus's own slips, found when it is indexed: places where a speech writes a well-attested
// formulation wrongly (中国特色色会主义, 坚定理想理念, 习近平主义想 for 习近平新时代中国特色社会主义思想).
// A past speech is not proofread; completion must not offer its slips as stock phrases, and the
// 常用提法 view marks mined items that hold one (疑似笔误).
//
// Two kinds, each found by walking the suffix array as a trie (a step only follows text the corpus
// writes), never by reading the whole corpus:
//  - substitutions: one or two characters of a formulation replaced (two only in a long one), each by
//    a character typed for it (a homophone, a look-alike, a pinyin one key away) or by one the
//    formulation has beside it (an echo: 特色色会, 理想理念);
//  - garbled copies: the formulation's characters in order with some left out, the same first two and
//    last characters, at least a third of it (习近平主义想), of a formulation that is not a sentence of
//    several clauses. The walk extends a match only by characters the formulation has further on.
// Either way the slip is GARBLED_RATIO times rarer than its formulation and is not a formulation itself.
import { confusion, ConfusionSets, type Confusion } from '../lexicon/confusable';
import { documentAt, type CorpusChars, type CorpusText } from '../phrases/corpusText';
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
    if (slip.kind === 'garbled' && holdsAnother(corpus, slip)) return;
    const seen = found.get(slip.text);
    if (!seen || formulation.count > seen.against) found.set(slip.text, { slip, against: formulation.count });
  };
  const scanned = table.formulations.filter((f) => hanCount(f.text) >= MIN_CHARS && f.count >= GARBLED_RATIO);
  if (!scanned.length) return [];
  const typed = new TypedFor(corpus.text);
  for (const f of scanned) {
    const han = hanCount(f.text);
    for (const slip of substitutions(corpus, f, typed)) keep(slip, f);
    if (han >= TWO_EDIT_MIN_CHARS && !CLAUSE_MARK.test(f.text)) for (const slip of garbledCopies(corpus, f)) keep(slip, f);
  }
  return [...found.values()].map((x) => x.slip).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** Speeches that must write a wording for it to be the corpus's own (one speech repeating its own slip is not). */
const OWN_WORDING_SPEECHES = 3;

/** How many speeches write `text`, counting up to `enough`. */
function speechesWriting(corpus: CorpusText, text: string, enough: number): number {
  const [lo, hi] = findRange(corpus.text, corpus.sa, text);
  const docs = new Set<number>();
  for (let k = lo; k < hi && docs.size < enough; k++) docs.add(documentAt(corpus, corpus.sa[k]));
  return docs.size;
}

/**
 * A shortened copy that is mostly a wording several speeches write on their own is a wording of its own, not a
 * garbled copy: 学习新时代中国特色社会主义思想 is 学习 + 新时代中国特色社会主义思想, while 习近平主义想
 * holds nothing the corpus writes often.
 */
function holdsAnother(corpus: CorpusText, slip: CorpusSlip): boolean {
  const text = slip.text;
  const enough = Math.ceil((hanCount(text) * 2) / 3);
  for (let i = 0; i < text.length; i++) {
    for (let j = text.length; j > i; j--) {
      const part = text.slice(i, j);
      if (hanCount(part) < enough) break;
      if (speechesWriting(corpus, part, OWN_WORDING_SPEECHES) >= OWN_WORDING_SPEECHES) return true;
    }
  }
  return false;
}

/**
 * Substitution slips of `f`: corpus strings as long as `f` with one change (or two, in a long
 * formulation), each a character typed for f's (a confusable of it, or an echo of a neighbour). A
 * depth-first walk over the suffix array: each step narrows the range to the text so far, so only
 * strings the corpus writes are ever followed (one intact half or third, as a slip keeps, comes free).
 */
function substitutions(corpus: CorpusText, f: Formulation, typed: TypedFor): CorpusSlip[] {
  const { text, sa } = corpus;
  const n = f.text.length;
  const long = hanCount(f.text) >= TWO_EDIT_MIN_CHARS;
  const max = long ? 2 : 1;
  const out: CorpusSlip[] = [];
  const walk = (s: string, changes: number, lo: number, hi: number) => {
    const i = s.length;
    if (i === n) {
      if (changes > 0) out.push({ text: s, expected: f.text, kind: 'substitution', count: hi - lo });
      return;
    }
    const want = f.text[i];
    const [a, b] = findRange(text, sa, s + want, lo, hi);
    if (b > a) walk(s + want, changes, a, b);
    // Two changes are not both in the first two characters (a slip keeps the start of a long formulation).
    if (changes >= max || (i === 1 && changes > 0) || !isHan(want.charCodeAt(0))) return;
    const wrongs = typed.standIns(f.text, i, long);
    if (i < 2 || hi - lo > 32 * wrongs.size) {
      // A wide range (near the start, it holds most of the corpus): ask for each candidate.
      for (const wrong of wrongs) {
        const [c, d] = findRange(text, sa, s + wrong, lo, hi);
        if (d > c) walk(s + wrong, changes + 1, c, d);
      }
      return;
    }
    // Further on, the range is sorted by its character at i: visit its few blocks, one search each.
    for (let k = lo; k < hi; ) {
      const code = text.charCodeAt(sa[k] + i);
      let end = k + 1;
      for (let top = hi; end < top; ) {
        const mid = (end + top) >>> 1;
        if (text.charCodeAt(sa[mid] + i) === code) end = mid + 1;
        else top = mid;
      }
      const wrong = String.fromCharCode(code);
      if (code === code && wrongs.has(wrong)) walk(s + wrong, changes + 1, k, end);
      k = end;
    }
  };
  walk('', 0, 0, sa.length);
  return out;
}

/** The characters a slip writes for a formulation's, from the lexicon's confusables among the corpus's characters. */
class TypedFor {
  private readonly sets: ConfusionSets;
  private readonly cache = new Map<string, Set<string>>();

  constructor(corpusText: CorpusChars) {
    this.sets = new ConfusionSets(hanCharsOf(corpusText));
  }

  /** What may stand for f[i]: a character typed for it, or a neighbour of it in f (an echo: 特色社会 → 特色色会). */
  standIns(f: string, i: number, long: boolean): Set<string> {
    const want = f[i];
    const key = want + (long ? '+' : '');
    let typed = this.cache.get(key);
    if (!typed) {
      typed = new Set([...this.sets.of(want).keys()].filter((c) => typedFor(c, want, long)));
      this.cache.set(key, typed);
    }
    const out = new Set(typed);
    for (const d of [-2, -1, 1, 2]) {
      const c = f[i + d];
      if (c !== undefined && c !== want && isHan(c.charCodeAt(0))) out.add(c);
    }
    return out;
  }
}

/** The Han characters the corpus writes (candidates a slip may have put for a formulation's). */
function hanCharsOf(text: CorpusChars): string[] {
  const seen = new Uint8Array(0x10000);
  for (let i = 0; i < text.length; i++) seen[text.charCodeAt(i)] = 1;
  const out: string[] = [];
  for (let c = 0x3400; c < 0x10000; c++) if (seen[c] && isHan(c)) out.push(String.fromCharCode(c));
  return out;
}

/** A character typed for another: any channel in a long formulation, the same sound or shape in a short one. */
function typedFor(wrong: string, right: string, long: boolean): boolean {
  const channel: Confusion | undefined = confusion(wrong, right);
  if (!channel) return false;
  return long || channel === 'homophone' || channel === 'shape';
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
      if (k === last && next.length < f.text.length && hanCount(next) >= Math.max(MIN_CHARS, hanCount(f.text) / 3)) {
        out.push({ text: next, expected: f.text, kind: 'garbled', count: b - a });
      }
      // f's own prefix goes on; so does a copy that has already left characters out.
      if (k < last) stack.push({ s: next, j: k, lo: a, hi: b });
    }
  }
  return out;
}

/**
 * A clause mark inside a formulation: it is a sentence, and a shorter string with its first and last
 * characters is another sentence more often than a garbled copy.
 */
const CLAUSE_MARK = /[，；：。！？]/;

/** Trie nodes one formulation's walk may visit (bounds the time a pathological corpus could take). */
const MAX_WALK = 20_000;
