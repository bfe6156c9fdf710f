// Suffix array by induced sorting (SA-IS, Nong, Zhang & Chan 2009): linear time, and all work
// happens inside the output array plus a bitset of suffix types and one bucket array per level —
// about 6 bytes per char at the top level (the UTF-16 codes, then the SA), where prefix doubling
// needs 24. That is what lets a 90-million-character corpus be indexed in a bounded time and memory.

/**
 * The whole algorithm inside one function with no outside references, so that a thread can be
 * started from its source text (saisThread.ts) in the bundle and under tsx alike.
 */
export function inducedSortingModule() {
  type Codes = Uint16Array | Int32Array;

  /** true = S-type (smaller than the suffix after it), false = L-type. */
  const isS = (t: Uint8Array, i: number) => (t[i >> 3] & (1 << (i & 7))) !== 0;

  /** Bucket starts (ends = false) or ends of every code, from the code counts (or counting now, when counts is bkt). */
  function bucketBounds(s: Codes, n: number, counts: Int32Array, bkt: Int32Array, ends: boolean): void {
    if (counts === bkt) {
      bkt.fill(0);
      for (let i = 0; i < n; i++) bkt[s[i]]++;
    }
    let sum = 0;
    for (let c = 0; c < counts.length; c++) {
      sum += counts[c];
      bkt[c] = ends ? sum : sum - counts[c];
    }
  }

  /**
   * Induces the order of the L-type suffixes from the seeds, then of the S-types from the L-types.
   * The type of j = sa[i] - 1 is read from the codes, not the bitset (Mori's trick, saving a cache
   * miss per step): in the L pass every entry is L or LMS, so j is L iff s[j] >= s[j+1]; in the S pass
   * j is S iff s[j] < s[j+1], or they are equal and entry i is an S-type already placed (i at or
   * beyond the bucket's write pointer).
   */
  function induce(s: Codes, sa: Int32Array, n: number, counts: Int32Array, bkt: Int32Array): void {
    bucketBounds(s, n, counts, bkt, false);
    for (let i = 0; i < n; i++) {
      const j = sa[i] - 1;
      if (j >= 0) {
        const c = s[j];
        if (c >= s[j + 1]) sa[bkt[c]++] = j;
      }
    }
    bucketBounds(s, n, counts, bkt, true);
    for (let i = n - 1; i >= 0; i--) {
      const j = sa[i] - 1;
      if (j >= 0) {
        const c = s[j];
        const c1 = s[j + 1];
        if (c < c1 || (c === c1 && i >= bkt[c])) sa[--bkt[c]] = j;
      }
    }
  }

  /**
   * Sorts the suffixes of s[0..n) into sa[0..n). s[n-1] must be a sentinel: 0, unique, smallest.
   * Every other code is in [1, k).
   */
  function sais(s: Codes, sa: Int32Array, n: number, k: number): void {
    if (n === 1) {
      sa[0] = 0;
      return;
    }
    const t = new Uint8Array((n >> 3) + 1);
    t[(n - 1) >> 3] |= 1 << ((n - 1) & 7); // the sentinel is S
    for (let i = n - 3; i >= 0; i--) {
      if (s[i] < s[i + 1] || (s[i] === s[i + 1] && isS(t, i + 1))) t[i >> 3] |= 1 << (i & 7);
    }
    const isLms = (i: number) => i > 0 && isS(t, i) && !isS(t, i - 1);
    // Counted once per level; a reduced alphabet can have tens of millions of names, and then the
    // counts live in `bkt` itself, recounted from the codes when the bounds are needed (less memory).
    const bkt = new Int32Array(k);
    const counts = k <= 1 << 17 ? new Int32Array(k) : bkt;
    if (counts !== bkt) for (let i = 0; i < n; i++) counts[s[i]]++;

    // Stage 1: sort the LMS substrings by one induced pass from their bucket ends.
    bucketBounds(s, n, counts, bkt, true);
    sa.fill(-1, 0, n);
    for (let i = 1; i < n; i++) if (isLms(i)) sa[--bkt[s[i]]] = i;
    induce(s, sa, n, counts, bkt);

    let n1 = 0;
    for (let i = 0; i < n; i++) if (isLms(sa[i])) sa[n1++] = sa[i];

    // Name them: equal LMS substrings share a name. LMS positions are ≥ 2 apart, so pos >> 1 is free.
    sa.fill(-1, n1, n);
    let name = 0;
    let prev = -1;
    for (let i = 0; i < n1; i++) {
      const pos = sa[i];
      let diff = false;
      for (let d = 0; d < n; d++) {
        if (prev === -1 || s[pos + d] !== s[prev + d] || isS(t, pos + d) !== isS(t, prev + d)) {
          diff = true;
          break;
        }
        if (d > 0 && (isLms(pos + d) || isLms(prev + d))) break;
      }
      if (diff) {
        name++;
        prev = pos;
      }
      sa[n1 + (pos >> 1)] = name - 1;
    }
    for (let i = n - 1, j = n - 1; i >= n1; i--) if (sa[i] >= 0) sa[j--] = sa[i];

    // Stage 2: sort the reduced string (recursively while names repeat).
    const s1 = sa.subarray(n - n1, n);
    const sa1 = sa.subarray(0, n1);
    if (name < n1) sais(s1, sa1, n1, name);
    else for (let i = 0; i < n1; i++) sa1[s1[i]] = i;

    // Stage 3: place the sorted LMS suffixes at their bucket ends and induce the rest.
    bucketBounds(s, n, counts, bkt, true);
    for (let i = 1, j = 0; i < n; i++) if (isLms(i)) s1[j++] = i;
    for (let i = 0; i < n1; i++) sa1[i] = s1[sa1[i]];
    sa.fill(-1, n1, n);
    for (let i = n1 - 1; i >= 0; i--) {
      const j = sa[i];
      sa[i] = -1;
      sa[--bkt[s[j]]] = j;
    }
    induce(s, sa, n, counts, bkt);
  }

  return sais;
}

const sais = inducedSortingModule();

/** The text as SA-IS codes: each UTF-16 code unit's rank among those the text uses (1…k-1), then the 0 sentinel. */
export interface SentinelCodes {
  codes: Uint16Array | Int32Array;
  /** Alphabet size, the sentinel included. */
  k: number;
}

/**
 * Ranks the code units the text uses (order kept, so the suffix order is the code-unit order): a
 * Chinese corpus uses a few thousand of the 65,536, which keeps the codes in 16 bits whatever they
 * are — U+FFFF included — and the top level's buckets small. Only a text using every code unit
 * would need 32-bit codes.
 */
export function sentinelCodes(text: string): SentinelCodes {
  const rank = new Int32Array(0x10000);
  for (let i = 0; i < text.length; i++) rank[text.charCodeAt(i)] = 1;
  let k = 1;
  for (let c = 0; c < 0x10000; c++) if (rank[c]) rank[c] = k++;
  const codes = k > 0x10000 ? new Int32Array(text.length + 1) : new Uint16Array(text.length + 1);
  for (let i = 0; i < text.length; i++) codes[i] = rank[text.charCodeAt(i)];
  codes[text.length] = 0;
  return { codes, k };
}

/** Sorted start positions of all suffixes of `text` by UTF-16 code unit (a suffix sorts before the longer ones it prefixes). */
export function suffixArrayByInducedSorting(text: string): Int32Array {
  const n = text.length + 1;
  const { codes, k } = sentinelCodes(text);
  const sa = new Int32Array(n);
  sais(codes, sa, n, k);
  return sa.subarray(1); // the sentinel's suffix is always first
}
