// One speech saved many times (转载, 修改稿, 定稿, again inside a compilation) is one speech: near
// duplicates are found by MinHash over character shingles, candidates by LSH banding, each candidate
// pair verified by its exact Jaccard similarity, and each group keeps one canonical document that
// lists the others as its versions. A compilation is split into its speeches before this (split.ts),
// so a speech inside one meets its standalone copy here as a speech of its own.
//
// Official speeches share much stock wording (套话): two different speeches on the same topic share
// many short phrases but few runs of five characters in the same combination, and the threshold is
// set above what the 33 sample speeches (all on 主题教育) share pairwise (test/core/dedupe.test.ts).
import type { CancellationToken, SpeechDocument, SpeechVersion } from '../types';

/** Characters per shingle: long enough that stock phrases do not make two speeches alike. */
export const SHINGLE_CHARS = 5;
/** Two speeches whose shingle sets have at least this Jaccard similarity are one speech. */
export const DUPLICATE_JACCARD = 0.5;
/**
 * A speech most of whose shingles are in a longer one is a copy of part of it (an excerpt reposted,
 * a compilation the splitter could not cut), checked on the pairs LSH brings up.
 */
export const DUPLICATE_CONTAINMENT = 0.85;
/** A shorter text than this is not judged by containment: a long quotation is not a speech's copy. */
const MIN_CONTAINED_CHARS = 500;
/** MinHash signature length (one-permutation hashing: one hash per shingle, into this many bins). */
const BINS = 128;
/** LSH: bands of rows; a pair sharing one band's values is a candidate. 32 × 4 catches Jaccard ≥ 0.5 with p > 0.98. */
const ROWS_PER_BAND = 4;
const BANDS = BINS / ROWS_PER_BAND;
/** How far below a line a signature's estimate may fall and the pair still be measured (a 128-bin estimate errs by ±0.09 at 2σ). */
const ESTIMATE_MARGIN = 0.15;
/** Speeches shorter than this (normalized characters) are not compared: too little text to tell. */
const MIN_CHARS = 100;
/** A bucket this full is compared star-wise (to its first member), not pairwise. */
const MAX_BUCKET_PAIRS = 64;

/**
 * The character a text is compared by at code unit `c`, or 0 to skip it: only what a reader hears
 * — Chinese characters, letters (lower-cased, full-width folded) and digits; punctuation, spacing
 * and symbols vary between copies of one speech.
 */
function wordUnit(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return c;
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) ? c : c >= 0x41 && c <= 0x5a ? c + 0x20 : 0;
  if (c >= 0xff10 && c <= 0xff5a) return wordUnit(c - 0xfee0);
  // Rarer Han (extension A, compatibility, surrogate halves of the supplementary planes) and other scripts' letters.
  if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff)) return c;
  return c >= 0x00c0 && c < 0x2000 ? c : 0;
}

/** The text as compared (see wordUnit). */
export function normalizedForDedupe(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const u = wordUnit(text.charCodeAt(i));
    if (u) out += String.fromCharCode(u);
  }
  return out;
}

/** murmur3's 32-bit finalizer: spreads a rolling hash's bits evenly. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes of the k-character shingles of the text as compared (a polynomial rolling hash, mixed), and its length. */
export function shingleHashes(text: string, k = SHINGLE_CHARS): { hashes: Uint32Array; length: number } {
  const units = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const u = wordUnit(text.charCodeAt(i));
    if (u) units[n++] = u;
  }
  const count = n - k + 1;
  if (count <= 0) return { hashes: new Uint32Array(0), length: n };
  const hashes = new Uint32Array(count);
  const B = 0x01000193;
  let pow = 1;
  for (let i = 0; i < k - 1; i++) pow = Math.imul(pow, B);
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (i >= k) h = (h - Math.imul(units[i - k], pow)) | 0;
    h = (Math.imul(h, B) + units[i]) | 0;
    if (i >= k - 1) hashes[i - k + 1] = mix(h);
  }
  return { hashes, length: n };
}

/**
 * A MinHash signature by one-permutation hashing: each shingle's hash falls into one of BINS bins
 * by its top bits and the bin keeps its least value; empty bins borrow the next non-empty bin's
 * value (rotation densification), so short texts still compare bin by bin.
 */
export function minHashSignature(hashes: Uint32Array): Uint32Array {
  const sig = new Uint32Array(BINS).fill(0xffffffff);
  const shift = 32 - Math.log2(BINS);
  for (let i = 0; i < hashes.length; i++) {
    const bin = hashes[i] >>> shift;
    const value = hashes[i] & ((1 << shift) - 1);
    if (value < sig[bin]) sig[bin] = value;
  }
  const empty = 0xffffffff;
  if (!hashes.length) return sig;
  for (let b = 0; b < BINS; b++) {
    if (sig[b] !== empty) continue;
    for (let step = 1; step < BINS; step++) {
      const from = sig[(b + step) % BINS];
      if (from !== empty && from < 1 << shift) {
        // Distinct per distance, so two texts agree here only when they agree on the borrowed bin.
        sig[b] = (from + step * (1 << shift)) >>> 0;
        break;
      }
    }
  }
  return sig;
}

/** Exact similarity of two texts' shingle sets: Jaccard, and the share of the smaller set inside the larger. */
export function shingleSimilarity(a: Uint32Array, b: Uint32Array): { jaccard: number; containment: number } {
  const setA = new Set(a);
  const setB = new Set(b);
  let common = 0;
  for (const h of setA) if (setB.has(h)) common++;
  const union = setA.size + setB.size - common;
  const smaller = Math.min(setA.size, setB.size);
  return { jaccard: union === 0 ? 0 : common / union, containment: smaller === 0 ? 0 : common / smaller };
}

/** Words in a file name or title that say which version a copy is. */
const FINAL = /定稿|终稿|正式稿|印发稿|最终/;
const DRAFT = /修改稿|征求意见稿|草稿|初稿|讨论稿|送审稿|修订稿|底稿|副本|复件|copy|\(\d+\)|（\d+）/i;

export interface DedupeOptions {
  /** Jaccard similarity from which two speeches are one (default DUPLICATE_JACCARD). */
  threshold?: number;
  /** When each source file was last changed: the newer copy wins a tie. */
  modifiedMs?: (source: string) => number | undefined;
  token?: CancellationToken;
}

export interface DedupeResult {
  /** One document per speech, in the input's order; a speech saved more than once lists the others as `versions`. */
  documents: SpeechDocument[];
  /** How many input documents are versions of another (input length minus output length). */
  duplicates: number;
  /** Pairs LSH proposed, pairs measured exactly, and the most alike pair that was not merged. */
  pairs: { candidates: number; measured: number; closestApart: number };
}

function baseName(source: string): string {
  return source.slice(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
}

/**
 * Which copy stands for the speech: a final version (定稿, by file name or title) over a draft
 * (修改稿, 征求意见稿…, or a copy's "(2)"); a file of its own over a part of a compilation; the
 * fuller text (a later version adds, seldom cuts); then the newer file; then the first read.
 */
function canonicalOf(members: number[], docs: SpeechDocument[], lengths: number[], partsOf: Map<string, number>, options: DedupeOptions): number {
  const rank = (i: number) => {
    const d = docs[i];
    const label = `${baseName(d.source)} ${d.title}`;
    return FINAL.test(label) ? 0 : DRAFT.test(label) ? 2 : 1;
  };
  const standalone = (i: number) => ((partsOf.get(docs[i].source) ?? 1) === 1 ? 0 : 1);
  return members.reduce((best, i) => {
    const byRank = rank(i) - rank(best) || standalone(i) - standalone(best);
    if (byRank) return byRank < 0 ? i : best;
    // Lengths within 2 % are the same text edited, not a fuller one.
    if (Math.abs(lengths[i] - lengths[best]) > 0.02 * Math.max(lengths[i], lengths[best])) return lengths[i] > lengths[best] ? i : best;
    const [ti, tb] = [options.modifiedMs?.(docs[i].source) ?? 0, options.modifiedMs?.(docs[best].source) ?? 0];
    if (ti !== tb) return ti > tb ? i : best;
    return best;
  });
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** The speeches with near duplicates folded into one document each (see the file's comment). */
export function dedupeSpeeches(documents: SpeechDocument[], options: DedupeOptions = {}): DedupeResult {
  const threshold = options.threshold ?? DUPLICATE_JACCARD;
  const n = documents.length;
  const lengths = new Array<number>(n).fill(0);
  const signatures: (Uint32Array | undefined)[] = new Array(n);
  const groups = new UnionFind(n);
  /** Texts too short to compare by shingles are the same speech only when they are the same text. */
  const shortTexts = new Map<string, number>();
  /** Each document's band hashes, band-major: bandKeys[band * n + i]. */
  const bandKeys = new Uint32Array(BANDS * n);
  const compared: number[] = [];
  for (let i = 0; i < n; i++) {
    if (options.token?.isCancellationRequested) return { documents, duplicates: 0, pairs: { candidates: 0, measured: 0, closestApart: 0 } };
    const { hashes, length } = shingleHashes(documents[i].text);
    lengths[i] = length;
    if (length < MIN_CHARS) {
      const normalized = normalizedForDedupe(documents[i].text);
      const same = shortTexts.get(normalized);
      if (same === undefined) shortTexts.set(normalized, i);
      else if (normalized) groups.union(same, i);
      continue;
    }
    const sig = minHashSignature(hashes);
    signatures[i] = sig;
    compared.push(i);
    for (let band = 0; band < BANDS; band++) {
      let h = band;
      for (let r = band * ROWS_PER_BAND; r < (band + 1) * ROWS_PER_BAND; r++) h = mix((h ^ sig[r]) + 0x9e3779b9);
      bandKeys[band * n + i] = h;
    }
  }
  // Candidate pairs: documents with equal values in a band (sorted by the band's hash, runs of equals),
  // pairwise; star-wise in a crowded run (union-find joins the rest).
  const candidates = new Set<number>();
  const order = Uint32Array.from(compared);
  for (let band = 0; band < BANDS; band++) {
    const keys = bandKeys.subarray(band * n, (band + 1) * n);
    order.sort((a, b) => keys[a] - keys[b]);
    for (let start = 0; start < order.length; ) {
      let end = start + 1;
      while (end < order.length && keys[order[end]] === keys[order[start]]) end++;
      const size = end - start;
      const pairwise = (size * (size - 1)) / 2 <= MAX_BUCKET_PAIRS;
      for (let a = start; a < end; a++) {
        for (let b = a + 1; b < end; b++) {
          if (!pairwise && a > start) break;
          const [x, y] = order[a] < order[b] ? [order[a], order[b]] : [order[b], order[a]];
          candidates.add(x * n + y);
        }
      }
      start = end;
    }
  }
  let measured = 0;
  let closestApart = 0;
  const shingles = new Map<number, Uint32Array>();
  const shinglesOf = (i: number) => {
    let s = shingles.get(i);
    if (!s) shingles.set(i, (s = shingleHashes(documents[i].text).hashes));
    return s;
  };
  for (const pair of candidates) {
    const [a, b] = [Math.floor(pair / n), pair % n];
    if (groups.find(a) === groups.find(b)) continue;
    // The signatures estimate both similarities (containment from Jaccard and the two sizes); only
    // a pair near either line is measured exactly. Speeches that share stock sentences collide in a
    // band now and then, and stop here.
    const [sa, sb] = [signatures[a]!, signatures[b]!];
    let agree = 0;
    for (let k = 0; k < BINS; k++) if (sa[k] === sb[k]) agree++;
    const jaccardEstimate = agree / BINS;
    const [small, large] = lengths[a] < lengths[b] ? [lengths[a], lengths[b]] : [lengths[b], lengths[a]];
    const containmentEstimate = (jaccardEstimate * (small + large)) / ((1 + jaccardEstimate) * small);
    if (jaccardEstimate < threshold - ESTIMATE_MARGIN && (small < MIN_CONTAINED_CHARS || containmentEstimate < DUPLICATE_CONTAINMENT - ESTIMATE_MARGIN)) continue;
    const { jaccard, containment } = shingleSimilarity(shinglesOf(a), shinglesOf(b));
    measured++;
    const contained = Math.min(lengths[a], lengths[b]) >= MIN_CONTAINED_CHARS && containment >= DUPLICATE_CONTAINMENT;
    if (jaccard >= threshold || contained) groups.union(a, b);
    else closestApart = Math.max(closestApart, jaccard);
  }
  shingles.clear();

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = groups.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const partsOf = new Map<string, number>();
  for (const d of documents) partsOf.set(d.source, (partsOf.get(d.source) ?? 0) + 1);
  const keep = new Map<number, SpeechVersion[]>();
  for (const list of members.values()) {
    const canonical = list.length === 1 ? list[0] : canonicalOf(list, documents, lengths, partsOf, options);
    keep.set(
      canonical,
      list.filter((i) => i !== canonical).map((i) => ({ id: documents[i].id, title: documents[i].title, source: documents[i].source, sourceLines: documents[i].sourceLines })),
    );
  }
  const out: SpeechDocument[] = [];
  for (let i = 0; i < n; i++) {
    const versions = keep.get(i);
    if (!versions) continue;
    out.push(versions.length ? { ...documents[i], versions } : documents[i]);
  }
  return { documents: out, duplicates: n - out.length, pairs: { candidates: candidates.size, measured, closestApart } };
}
