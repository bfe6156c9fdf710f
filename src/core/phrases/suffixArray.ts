// A suffix array over UTF-16 code units: the one exact structure behind both phrase mining
// (repeats = LCP intervals) and completion (every continuation of a context is one SA range).
// Built by induced sorting (sais.ts): linear time, ~6 bytes per char while building, 4 kept, on any
// text (codes are ranked, so U+FFFF and friends need no other algorithm).
import { suffixArrayByInducedSorting } from './sais';

/** Sorted start positions of all suffixes of `text` (induced sorting: linear, any code unit). */
export function buildSuffixArray(text: string): Int32Array {
  return suffixArrayByInducedSorting(text);
}

/** Kasai's algorithm: lcp[i] = length of the common prefix of suffixes sa[i-1] and sa[i] (lcp[0] = 0). */
export function buildLcp(text: string, sa: Int32Array): Int32Array {
  const n = sa.length;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[sa[i]] = i;
  const lcp = new Int32Array(n);
  let h = 0;
  for (let i = 0; i < n; i++) {
    const r = rank[i];
    if (r === 0) {
      h = 0;
      continue;
    }
    const j = sa[r - 1];
    while (i + h < n && j + h < n && text.charCodeAt(i + h) === text.charCodeAt(j + h)) h++;
    lcp[r] = h;
    if (h > 0) h--;
  }
  return lcp;
}

/**
 * Read access to a text: a string has exactly these members, and so does corpusText.ts's
 * SegmentedText (a text held as many strings).
 */
export interface CorpusChars {
  readonly length: number;
  charCodeAt(pos: number): number;
  slice(start: number, end?: number): string;
  startsWith(search: string, position?: number): boolean;
}

/** Compares the suffix at `pos` with `pattern` over the pattern's length: <0, 0 (prefix match), >0. */
function compareAt(text: CorpusChars, pos: number, pattern: string): number {
  const m = pattern.length;
  for (let k = 0; k < m; k++) {
    const i = pos + k;
    if (i >= text.length) return -1;
    const d = text.charCodeAt(i) - pattern.charCodeAt(k);
    if (d !== 0) return d;
  }
  return 0;
}

/** The half-open SA range [lo, hi) of suffixes that start with `pattern`, searched within [from, to). */
export function findRange(
  text: CorpusChars,
  sa: Int32Array,
  pattern: string,
  from = 0,
  to = sa.length,
): [number, number] {
  let lo = from, hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(text, sa[mid], pattern) < 0) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAt(text, sa[mid], pattern) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [start, lo];
}
