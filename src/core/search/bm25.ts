// BM25 over the index's paragraph units (src/core/index/searchTables.ts), for search and 相关素材.
// Terms are character bigrams: Chinese has no spaces, any word of two or more characters is a run of
// bigrams, and the postings carry how often each bigram occurs in each paragraph. A query's terms are
// scored into one shared array of unit scores (one Float32 per paragraph, reused by every query of
// this thread and left at zero after each), then the best units are kept in a small heap.
import type { SearchTables } from '../index/searchTables';

/** BM25's term-frequency saturation and length normalisation, at their usual values. */
export const K1 = 1.2;
export const B = 0.75;
/**
 * A unit shorter than this share of the mean length is scored as if it were that long: a heading or a
 * one-line sentence is not "more about" a keyword for being short, and plain BM25 would rank every
 * one-line mention above the paragraphs that discuss it.
 */
export const SHORT_FLOOR = 0.5;

export interface Accumulated {
  /** Units with a score, in the order first reached. */
  units: Int32Array;
  /** Postings decoded: the work done. */
  postings: number;
}

let scoreScratch = new Float32Array(0);
let unitScratch = new Int32Array(0);
let tfScratch = new Uint8Array(0);

/** Inverse document frequency of a term found in `df` of `n` units (never negative). */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** One query's scoring over the tables: add terms, then take the best units. */
export class Bm25 {
  readonly scores: Float32Array;
  private touched: number[] = [];
  private decoded = 0;
  private readonly lengthFactor: number;
  /** Units shorter than this are scored as this long. */
  private readonly minLength: number;

  constructor(private readonly tables: SearchTables) {
    if (scoreScratch.length < tables.count) scoreScratch = new Float32Array(tables.count);
    this.scores = scoreScratch;
    this.lengthFactor = B / Math.max(1, tables.meanLength);
    this.minLength = tables.meanLength * SHORT_FLOOR;
  }

  get postings(): number {
    return this.decoded;
  }

  /** BM25's contribution of a term seen `tf` times in a unit of `length` characters, per unit of idf. */
  saturation(tf: number, length: number): number {
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + this.lengthFactor * Math.max(length, this.minLength)));
  }

  /** Inverse document frequency of bigram `id`. */
  idf(id: number): number {
    return idf(this.tables.count, this.tables.bigrams.count(id));
  }

  /**
   * Adds `weight` × BM25 of bigram `id` to every unit containing it; `each` sees every unit reached
   * (for per-keyword bookkeeping). Returns the number of postings read.
   */
  addTerm(id: number, weight: number, each?: (unit: number) => void): number {
    const { bigrams, unitStart, unitEnd } = this.tables;
    const n = bigrams.count(id);
    if (unitScratch.length < n) {
      unitScratch = new Int32Array(Math.max(n, unitScratch.length * 2));
      tfScratch = new Uint8Array(unitScratch.length);
    }
    bigrams.postingsWithCounts(id, unitScratch, tfScratch);
    const scores = this.scores;
    const lf = this.lengthFactor;
    const min = this.minLength;
    for (let k = 0; k < n; k++) {
      const u = unitScratch[k];
      const tf = tfScratch[k];
      const s = (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + lf * Math.max(min, unitEnd[u] - unitStart[u])));
      if (scores[u] === 0) this.touched.push(u);
      // Never exactly zero once reached, so `touched` lists each unit once.
      scores[u] += s || Number.MIN_VALUE;
      each?.(u);
    }
    this.decoded += n;
    return n;
  }

  /** Every unit reached so far. */
  reached(): readonly number[] {
    return this.touched;
  }

  /** The `k` best units by `key` (default: the score), best first; ties go to the earlier unit. */
  best(k: number, key: (unit: number) => number = (u) => this.scores[u]): number[] {
    return bestUnits(this.touched, k, key);
  }

  /** Leaves the shared score array at zero for the next query. */
  release(): void {
    for (const u of this.touched) this.scores[u] = 0;
    this.touched = [];
  }
}

/** Characters that make a bigram a term: letters (Han included) and digits, after width folding. */
export function isTermChar(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * The `k` best of `units` by `key`, best first (ties: the lower unit first), with a heap of `k`: the
 * units reached by a common term can number hundreds of thousands at 90 M characters.
 */
export function bestUnits(units: readonly number[], k: number, key: (unit: number) => number): number[] {
  const size = Math.max(0, Math.min(k, units.length));
  const hu = new Int32Array(size);
  const hk = new Float64Array(size);
  let n = 0;
  // `a` ranks below `b`: the heap's root is the worst unit kept.
  const below = (ka: number, ua: number, kb: number, ub: number) => ka < kb || (ka === kb && ua > ub);
  const swap = (i: number, j: number) => {
    const u = hu[i];
    hu[i] = hu[j];
    hu[j] = u;
    const x = hk[i];
    hk[i] = hk[j];
    hk[j] = x;
  };
  for (const unit of units) {
    const kv = key(unit);
    if (n < size) {
      hu[n] = unit;
      hk[n] = kv;
      for (let i = n++; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!below(hk[i], hu[i], hk[p], hu[p])) break;
        swap(i, p);
        i = p;
      }
    } else if (size > 0 && below(hk[0], hu[0], kv, unit)) {
      hu[0] = unit;
      hk[0] = kv;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n && below(hk[l], hu[l], hk[m], hu[m])) m = l;
        if (r < n && below(hk[r], hu[r], hk[m], hu[m])) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => (below(hk[i], hu[i], hk[j], hu[j]) ? 1 : below(hk[j], hu[j], hk[i], hu[i]) ? -1 : 0));
  return order.map((i) => hu[i]);
}
