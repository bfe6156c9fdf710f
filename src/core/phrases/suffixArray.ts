// A suffix array over UTF-16 code units: the one exact structure behind both phrase mining
// (repeats = LCP intervals) and completion (every continuation of a context is one SA range).
// Built by induced sorting (sais.ts): linear time, ~6 bytes per char while building, 4 kept.
import { suffixArrayByInducedSorting } from './sais';

/** Sorted start positions of all suffixes of `text`. */
export function buildSuffixArray(text: string): Int32Array {
  // Induced sorting is linear and needs a quarter of the memory; doubling stays for text holding U+FFFF.
  return suffixArrayByInducedSorting(text) ?? suffixArrayByDoubling(text);
}

function suffixArrayByDoubling(text: string): Int32Array {
  const n = text.length + 1; // + a sentinel smaller than every char, so cyclic shifts sort as suffixes
  const s = new Int32Array(n);
  for (let i = 0; i < text.length; i++) s[i] = text.charCodeAt(i) + 1;
  s[n - 1] = 0;

  const p = new Int32Array(n);
  let c = new Int32Array(n);
  const cnt = new Int32Array(Math.max(65537, n));
  for (let i = 0; i < n; i++) cnt[s[i]]++;
  for (let i = 1; i < 65537; i++) cnt[i] += cnt[i - 1];
  for (let i = n - 1; i >= 0; i--) p[--cnt[s[i]]] = i;
  let classes = 1;
  c[p[0]] = 0;
  for (let i = 1; i < n; i++) {
    if (s[p[i]] !== s[p[i - 1]]) classes++;
    c[p[i]] = classes - 1;
  }
  const pn = new Int32Array(n);
  let cn = new Int32Array(n);
  for (let h = 1; h < n && classes < n; h <<= 1) {
    for (let i = 0; i < n; i++) {
      const v = p[i] - h;
      pn[i] = v < 0 ? v + n : v;
    }
    cnt.fill(0, 0, classes);
    for (let i = 0; i < n; i++) cnt[c[pn[i]]]++;
    for (let i = 1; i < classes; i++) cnt[i] += cnt[i - 1];
    for (let i = n - 1; i >= 0; i--) p[--cnt[c[pn[i]]]] = pn[i];
    cn[p[0]] = 0;
    classes = 1;
    for (let i = 1; i < n; i++) {
      const a = p[i], b = p[i - 1];
      const a2 = a + h < n ? a + h : a + h - n;
      const b2 = b + h < n ? b + h : b + h - n;
      if (c[a] !== c[b] || c[a2] !== c[b2]) classes++;
      cn[p[i]] = classes - 1;
    }
    [c, cn] = [cn, c];
  }
  return p.subarray(1); // drop the sentinel's suffix (always first)
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

/** Compares the suffix at `pos` with `pattern` over the pattern's length: <0, 0 (prefix match), >0. */
function compareAt(text: string, pos: number, pattern: string): number {
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
  text: string,
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
