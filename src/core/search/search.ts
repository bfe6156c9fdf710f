// Search over the corpus: sentences, speech titles and mined phrases (the index's search tables).
// Two stages, because Fuse.js is a linear scan (about 50–100 ms per 100k items) and a 90 M-character
// corpus has millions of sentences: the bigram index picks candidates in a few milliseconds, then
// Fuse.js scores each keyword on the few hundred best candidates and gives the matched ranges.
import Fuse from 'fuse.js';
import { foldText, intersectSorted } from '../index/bigramIndex';
import { UNIT_KINDS, type SearchTables, type SearchUnitKind } from '../index/searchTables';
import { mergeRanges } from '../ranges';
import type { CancellationToken } from '../types';

export type SearchHitKind = SearchUnitKind;

export interface SearchHit {
  kind: SearchHitKind;
  /** The sentence, title or phrase as it reads in the corpus. */
  text: string;
  /** Id of the speech it comes from ('' for a phrase). */
  docId: string;
  /** Title of that speech ('' for a phrase). */
  title: string;
  /** 0-based line and column of `text` in the speech's cleaned text (0, 0 for titles and phrases). */
  line: number;
  column: number;
  /** Fuse.js score, mean over the keywords: 0 = every keyword found exactly, up to 1. */
  score: number;
  /** Matched character ranges of `text`, [start, end) with end exclusive, ascending, not overlapping. */
  matches: [number, number][];
}

export interface SearchOptions {
  /** Most hits returned (default 50). */
  limit?: number;
  token?: CancellationToken;
}

/** How many candidates Fuse.js scores per query: enough for any list a person reads, small enough to be instant. */
const RERANK_POOL = 300;
/** Below this many candidates, checking the text directly is cheaper than decoding another posting list. */
const VERIFY_DIRECTLY = 256;
/** A single-character query reads postings until it has this many candidates (its bigram lists can be huge). */
const SINGLE_CHAR_CAP = 5000;
/** A keyword with a typo still counts as a candidate when at least this share of its bigrams is present. */
const RELAXED_SHARE = 0.5;
/** Shorter keywords must be found as typed. */
const RELAXED_MIN_LENGTH = 4;
/** Fuse.js threshold: 0.4 lets a 5-character keyword have 2 wrong characters, a 2-character one none. */
const FUSE_OPTIONS = { ignoreLocation: true, includeMatches: true, threshold: 0.4, isCaseSensitive: true, minMatchCharLength: 1 };

/** The keywords of a query: split at spaces, folded, without duplicates or keywords inside another. */
export function parseQuery(query: string): string[] {
  const words = [...new Set(foldText(query).split(/[\s\u3000]+/).filter((w) => w.length > 0))];
  return words.filter((w) => !words.some((o) => o !== w && o.includes(w)));
}

/**
 * One counter per unit, shared by every query of this thread and left at zero after each: maps of
 * hundreds of thousands of entries would dominate the time, and a fresh array per query would cost
 * megabytes at 90 M characters.
 */
let scratch = new Uint16Array(0);

/** Units of `tables` matching every keyword of `query`, best first. Empty query → []. */
export function searchCorpus(tables: SearchTables, query: string, options: SearchOptions = {}): SearchHit[] {
  return new Query(tables).search(query, options);
}

/** One query's view of the tables (the methods read them as the old SearchIndex did). */
class Query {
  private readonly bigrams;
  private readonly unitStart;
  private readonly unitEnd;
  constructor(private readonly tables: SearchTables) {
    this.bigrams = tables.bigrams;
    this.unitStart = tables.unitStart;
    this.unitEnd = tables.unitEnd;
  }

  private get count(): number {
    return this.tables.count;
  }

  private unitString(unit: number): string {
    return this.tables.unitString(unit);
  }

  /** Units matching every keyword of `query`, best first. Empty query → []. */
  search(query: string, options: SearchOptions): SearchHit[] {
    const limit = options.limit ?? 50;
    const keywords = parseQuery(query);
    if (!keywords.length || limit <= 0) return [];
    const exact = this.exactCandidates(keywords);
    if (options.token?.isCancellationRequested) return [];
    let pool = exact;
    // Near matches only fill a list the exact ones leave short.
    if (exact.length < limit) {
      const taken = new Set(exact);
      const relaxed = this.relaxedCandidates(keywords).filter((u) => !taken.has(u));
      pool = exact.concat(relaxed.slice(0, RERANK_POOL - exact.length));
    }
    if (options.token?.isCancellationRequested) return [];
    const scored: { hit: SearchHit; order: number }[] = [];
    pool.forEach((unit, order) => {
      const hit = this.rerank(unit, keywords);
      if (hit) scored.push({ hit, order });
    });
    scored.sort((a, b) => a.hit.score - b.hit.score || a.order - b.order);
    return scored.slice(0, limit).map((x) => x.hit);
  }

  /**
   * Units containing every keyword as written, shortest first (a short sentence that has all the
   * keywords is about them; a long one may only mention them), at most RERANK_POOL.
   */
  private exactCandidates(keywords: string[]): number[] {
    const multi = keywords.filter((w) => w.length >= 2);
    let cand: Int32Array;
    if (multi.length) {
      const ids = new Set<number>();
      for (const w of multi) {
        for (let i = 0; i + 1 < w.length; i++) {
          const id = this.bigrams.idOf(w.charCodeAt(i), w.charCodeAt(i + 1));
          if (id < 0) return [];
          ids.add(id);
        }
      }
      const byRarity = [...ids].sort((a, b) => this.bigrams.count(a) - this.bigrams.count(b) || a - b);
      cand = this.bigrams.postings(byRarity[0]);
      for (let i = 1; i < byRarity.length && cand.length > VERIFY_DIRECTLY; i++) {
        cand = intersectSorted(cand, this.bigrams.postings(byRarity[i]));
      }
      // A one-character keyword alongside: units without any bigram of that character go before any text is read.
      for (const w of keywords) if (w.length === 1 && cand.length > VERIFY_DIRECTLY) cand = this.withCharacter(cand, w.charCodeAt(0));
    } else {
      cand = this.singleCharacterCandidates(keywords);
    }
    const verified: number[] = [];
    for (const unit of this.shortestFirst(cand)) {
      if (keywords.every((w) => this.contains(unit, w))) {
        verified.push(unit);
        if (verified.length >= RERANK_POOL) break;
      }
    }
    return verified;
  }

  /**
   * The candidates that have character `c` next to another (in one of its bigrams); when its lists
   * are much longer than the candidates, reading the candidates' text is cheaper and they stay.
   */
  private withCharacter(cand: Int32Array, c: number): Int32Array {
    const ids = this.bigrams.bigramsWith(c);
    let total = 0;
    for (const id of ids) total += this.bigrams.count(id);
    if (total > cand.length * 8) return cand;
    const marks = this.scratchCounter();
    const touched: number[] = [];
    for (const id of ids) {
      for (const u of this.bigrams.postings(id)) {
        if (marks[u] === 0) {
          marks[u] = 1;
          touched.push(u);
        }
      }
    }
    const kept = cand.filter((u) => marks[u] === 1);
    for (const u of touched) marks[u] = 0;
    return kept;
  }

  private scratchCounter(): Uint16Array {
    if (scratch.length < this.count) scratch = new Uint16Array(this.count);
    return scratch;
  }

  /** Units containing the rarest of the single-character keywords, read from its bigrams' lists. */
  private singleCharacterCandidates(keywords: string[]): Int32Array {
    let best: Int32Array = new Int32Array(0);
    let bestTotal = Infinity;
    for (const w of keywords) {
      const ids = this.bigrams.bigramsWith(w.charCodeAt(0));
      let total = 0;
      for (const id of ids) total += this.bigrams.count(id);
      if (total < bestTotal) [best, bestTotal] = [ids, total];
    }
    const seen = new Set<number>();
    for (let i = 0; i < best.length && seen.size < SINGLE_CHAR_CAP; i++) {
      for (const u of this.bigrams.postings(best[i])) {
        seen.add(u);
        if (seen.size >= SINGLE_CHAR_CAP) break;
      }
    }
    return Int32Array.from(seen).sort();
  }

  /**
   * Units where every keyword of four or more characters has at least half of its bigrams (a typo or
   * an inserted word breaks only a few) and every shorter keyword is present as typed (one wrong
   * character in three leaves nothing to recognise); most bigrams first.
   */
  private relaxedCandidates(keywords: string[]): number[] {
    const long = keywords.filter((w) => w.length >= RELAXED_MIN_LENGTH);
    if (!long.length) return [];
    const counter = this.scratchCounter();
    let units: Int32Array | undefined;
    let score = new Int32Array(0);
    for (const w of long) {
      const ids = [...new Set(this.bigramIds(w))].filter((id) => id >= 0);
      const need = Math.ceil((w.length - 1) * RELAXED_SHARE);
      if (ids.length < need) return [];
      ids.sort((a, b) => this.bigrams.count(a) - this.bigrams.count(b) || a - b);
      // A unit with `need` of the bigrams has one of the (ids - need + 1) rarest: only those lists
      // can add a unit, the commoner ones only count for units already found.
      const seeding = ids.length - need + 1;
      const touched: number[] = [];
      ids.forEach((id, rank) => {
        for (const u of this.bigrams.postings(id)) {
          if (counter[u] > 0) counter[u]++;
          else if (rank < seeding) {
            counter[u] = 1;
            touched.push(u);
          }
        }
      });
      const passing = Int32Array.from(touched.filter((u) => counter[u] >= need)).sort();
      const prev = units;
      units = prev ? intersectSorted(prev, passing) : passing;
      const next = new Int32Array(units.length);
      for (let i = 0, j = 0; i < units.length; i++) {
        if (prev) while (prev[j] !== units[i]) j++;
        next[i] = (prev ? score[j] : 0) + counter[units[i]];
      }
      score = next;
      for (const u of touched) counter[u] = 0;
      if (!units.length) return [];
    }
    const short = keywords.filter((w) => w.length < RELAXED_MIN_LENGTH);
    let found = units ?? new Int32Array(0);
    // Short keywords must be there as typed: their bigram lists narrow the units before any text is read.
    for (const w of short) {
      for (const id of new Set(this.bigramIds(w))) {
        if (id < 0) return [];
        if (found.length <= VERIFY_DIRECTLY) break;
        found = intersectSorted(found, this.bigrams.postings(id));
      }
    }
    const kept = new Set(found);
    if (kept.size < (units?.length ?? 0)) score = score.filter((_, i) => kept.has(units![i]));
    const order: number[] = [];
    for (let i = 0; i < found.length; i++) if (short.every((w) => this.contains(found[i], w))) order.push(i);
    const len = (u: number) => this.unitEnd[u] - this.unitStart[u];
    order.sort((a, b) => score[b] - score[a] || len(found[a]) - len(found[b]) || found[a] - found[b]);
    return order.map((i) => found[i]);
  }

  /** Whether unit `u` contains the folded keyword `w`. */
  private contains(u: number, w: string): boolean {
    const unit = this.unitString(u);
    // Keywords without ASCII match the raw text: only ASCII forms change when folded.
    return (/[\x21-\x7e]/.test(w) ? foldText(unit) : unit).includes(w);
  }

  private bigramIds(w: string): number[] {
    const ids: number[] = [];
    for (let i = 0; i + 1 < w.length; i++) ids.push(this.bigrams.idOf(w.charCodeAt(i), w.charCodeAt(i + 1)));
    return ids;
  }

  /** Candidates ordered by length, then position: a counting sort, linear in the candidates. */
  private shortestFirst(cand: Int32Array): Int32Array {
    const CAP = 1024;
    const key = (u: number) => Math.min(this.unitEnd[u] - this.unitStart[u], CAP);
    const at = new Int32Array(CAP + 2);
    for (let i = 0; i < cand.length; i++) at[key(cand[i]) + 1]++;
    for (let k = 1; k < at.length; k++) at[k] += at[k - 1];
    const out = new Int32Array(cand.length);
    for (let i = 0; i < cand.length; i++) out[at[key(cand[i])]++] = cand[i];
    return out;
  }

  /** Fuse.js scores each keyword on the unit; every keyword must match. */
  private rerank(unit: number, keywords: string[]): SearchHit | undefined {
    const text = this.unitString(unit);
    const folded = foldText(text);
    let total = 0;
    const ranges: [number, number][] = [];
    for (const w of keywords) {
      const exactAt = folded.indexOf(w);
      if (exactAt >= 0) {
        // Found as typed: every occurrence is highlighted (Fuse.js would mark only the best one).
        for (let i = exactAt; i >= 0; i = folded.indexOf(w, i + w.length)) ranges.push([i, i + w.length]);
        continue;
      }
      const result = Fuse.match(w, folded, FUSE_OPTIONS);
      if (!result.isMatch) return undefined;
      total += result.score;
      for (const [s, e] of result.indices ?? []) ranges.push([s, e + 1]);
    }
    const { unitDoc, unitKind, unitLine, unitColumn, docs } = this.tables;
    const doc = unitDoc[unit];
    return {
      kind: UNIT_KINDS[unitKind[unit]],
      text,
      docId: doc >= 0 ? docs[doc].id : '',
      title: doc >= 0 ? docs[doc].title : '',
      line: unitLine[unit],
      column: unitColumn[unit],
      score: total / keywords.length,
      matches: mergeRanges(ranges),
    };
  }
}

/** A hit's text with each matched range wrapped in 【】, for places that cannot highlight (a terminal, a quick-pick label). */
export function markMatches(hit: Pick<SearchHit, 'text' | 'matches'>, open = '【', close = '】'): string {
  let out = '';
  let at = 0;
  for (const [s, e] of hit.matches) {
    out += `${hit.text.slice(at, s)}${open}${hit.text.slice(s, e)}${close}`;
    at = e;
  }
  return out + hit.text.slice(at);
}
