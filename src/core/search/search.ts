// 搜索素材库: keywords in, passages out — sentences and whole paragraphs of the corpus's speeches,
// ranked by relevance, each with its speech's title and heading path.
//
// Two stages. First BM25 over character bigrams (src/core/search/bm25.ts): every bigram of every
// keyword adds its weight to the paragraphs holding it, so a paragraph that holds a keyword whole, or
// most of one typed with a slip, is reached — in time proportional to the postings, a few
// milliseconds at 90 M characters. Then the few hundred best paragraphs are read: each keyword is
// counted where it occurs as typed, or matched by Fuse.js where it does not (a typo, a word put in
// between), the keywords are scored by BM25 with the paragraph's heading path as a second field, and
// Fuse.js's ranges and the exact ones become the match marks. A paragraph whose matches all lie in
// one of its sentences is returned as that sentence.
import Fuse from 'fuse.js';
import { foldText } from '../index/bigramIndex';
import type { SearchTables } from '../index/searchTables';
import { mergeRanges } from '../ranges';
import type { CancellationToken, Heading } from '../types';
import { Bm25, idf as idfOf } from './bm25';
import { headingName, headingsAbove, sentencesOf, type PassageKind, type PassagePlace } from './passages';

export type SearchHitKind = PassageKind;

export interface SearchHit extends PassagePlace {
  kind: SearchHitKind;
  /** The sentence or paragraph as it reads in the corpus (placeholders `*` as written). */
  text: string;
  /** Relevance, higher is better: BM25 of the keywords in the passage and its heading path. */
  score: number;
  /** How many keywords it holds (as typed or near), and how many as typed. */
  found: number;
  exact: number;
  /** Matched character ranges of `text`, [start, end) with end exclusive, ascending, not overlapping. */
  matches: [number, number][];
}

export interface SearchOptions {
  /** Most hits returned (default 50). */
  limit?: number;
  /** Speeches (by id) whose passages are left out. */
  excludeDocs?: ReadonlySet<string>;
  token?: CancellationToken;
}

/** Paragraphs read and scored per query: enough for pages of results, few enough to be instant. */
const RERANK_POOL = 400;
/** A one-character query reads postings until it has reached this many paragraphs. */
const SINGLE_CHAR_CAP = 5000;
/** Fuse.js is asked about keywords of this length or more: one wrong character in three leaves nothing to recognise. */
const FUZZY_MIN_LENGTH = 4;
/** Paragraphs Fuse.js reads per query at most, in the bigram stage's order (those holding most of a keyword first). */
const FUZZY_POOL = 150;
/** Fuse.js threshold: 0.4 lets a 5-character keyword have 2 wrong characters, a 2-character one none. */
const FUSE_OPTIONS = { ignoreLocation: true, includeMatches: true, threshold: 0.4, isCaseSensitive: true, minMatchCharLength: 1 };
/** A keyword in the heading path counts as this many occurrences in the paragraph (BM25F's field weight). */
const HEADING_WEIGHT = 1;
/** Share of the bigram stage's score kept in the final one: it ranks paragraphs that hold a keyword's parts. */
const BIGRAM_SHARE = 0.3;
/**
 * An occurrence that is one item of an enumeration (以学铸魂、以学增智、以学正风) names the topic in
 * passing: it counts as this share of an occurrence.
 */
const LIST_WEIGHT = 0.25;
/** A shorter sentence (二要在深化上不断发力。) only introduces its paragraph: the paragraph is the hit. */
const SENTENCE_MIN = 20;
/** A sentence this much shorter than its paragraph is returned alone when it holds every match. */
const SENTENCE_SHARE = 0.7;

/** The keywords of a query: split at spaces, folded, without duplicates or keywords inside another. */
export function parseQuery(query: string): string[] {
  const words = [...new Set(foldText(query).split(/[\s\u3000]+/).filter((w) => w.length > 0))];
  return words.filter((w) => !words.some((o) => o !== w && o.includes(w)));
}

/** Letters and digits only, folded: what "the same text" means for the query-is-not-a-hit rule. */
export function bareText(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/** Per-unit counters shared by the queries of this thread (left at zero after each). */
let seenScratch = new Uint16Array(0);
let coverScratch = new Float32Array(0);

/** Passages of `tables` matching `query`'s keywords, best first. Empty query → []. */
export function searchCorpus(tables: SearchTables, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 50;
  const keywords = parseQuery(query);
  if (!keywords.length || limit <= 0 || !tables.count) return [];
  const bm = new Bm25(tables);
  if (seenScratch.length < tables.count) {
    seenScratch = new Uint16Array(tables.count);
    coverScratch = new Float32Array(tables.count);
  }
  const cover = coverScratch;
  try {
    const weights = keywordWeights(tables, keywords);
    reach(tables, bm, keywords);
    if (options.token?.isCancellationRequested) return [];
    const pool = bm.best(Math.max(RERANK_POOL, limit * 4), (u) => cover[u] * 1e6 + bm.scores[u]);
    const stage1 = new Map(pool.map((u) => [u, bm.scores[u]]));
    const top = Math.max(...stage1.values(), 1e-9);
    const scored: Scored[] = [];
    const fuzzy = { budget: FUZZY_POOL };
    for (const unit of pool) {
      if (options.excludeDocs?.has(tables.docs[tables.unitDoc[unit]].id)) continue;
      const x = rescore(tables, bm, unit, keywords, weights, (stage1.get(unit)! / top) * BIGRAM_SHARE, fuzzy);
      if (x) scored.push(x);
    }
    if (options.token?.isCancellationRequested) return [];
    scored.sort((a, b) => b.found - a.found || b.exact - a.exact || b.score - a.score || a.unit - b.unit);
    const bare = bareText(query);
    const hits: SearchHit[] = [];
    const texts = new Set<string>();
    for (const x of scored) {
      const hit = passageOf(tables, x, bare);
      const key = bareText(hit.text);
      // The query itself is never a hit, and the same passage in two speeches is listed once.
      if (key === bare || texts.has(key)) continue;
      texts.add(key);
      hits.push(hit);
      if (hits.length >= limit) break;
    }
    return hits;
  } finally {
    for (const u of bm.reached()) cover[u] = 0;
    bm.release();
  }
}

/** Each keyword's weight: the idf of its rarest bigram (how rare the keyword is, at most), or 1 for a single character. */
function keywordWeights(tables: SearchTables, keywords: string[]): number[] {
  return keywords.map((w) => {
    let best = 0;
    for (let i = 0; i + 1 < w.length; i++) {
      const id = tables.bigrams.idOf(w.charCodeAt(i), w.charCodeAt(i + 1));
      best = Math.max(best, id >= 0 ? idfOf(tables.count, tables.bigrams.count(id)) : idfOf(tables.count, 0));
    }
    return w.length > 1 ? best : 1;
  });
}

/**
 * Stage one: every bigram of every keyword scores the paragraphs holding it (a keyword's bigrams
 * share its weight), and `cover` counts, per paragraph, the share of each keyword's bigrams it holds.
 */
function reach(tables: SearchTables, bm: Bm25, keywords: string[]): void {
  const seen = seenScratch;
  const cover = coverScratch;
  const multi = keywords.filter((w) => w.length > 1);
  for (const w of multi) {
    const ids = new Set<number>();
    let total = 0;
    for (let i = 0; i + 1 < w.length; i++) {
      total++;
      const id = tables.bigrams.idOf(w.charCodeAt(i), w.charCodeAt(i + 1));
      if (id >= 0) ids.add(id);
    }
    const touched: number[] = [];
    for (const id of ids) {
      bm.addTerm(id, bm.idf(id) / total, (u) => {
        if (seen[u]++ === 0) touched.push(u);
      });
    }
    for (const u of touched) {
      cover[u] += Math.min(1, seen[u] / total);
      seen[u] = 0;
    }
  }
  if (multi.length) return;
  // Only single characters: the rarest one's bigrams lead to the paragraphs holding it.
  let best: Int32Array = new Int32Array(0);
  let bestTotal = Infinity;
  for (const w of keywords) {
    const ids = tables.bigrams.bigramsWith(w.charCodeAt(0));
    let total = 0;
    for (const id of ids) total += tables.bigrams.count(id);
    if (total < bestTotal) [best, bestTotal] = [ids, total];
  }
  for (let i = 0; i < best.length && bm.reached().length < SINGLE_CHAR_CAP; i++) bm.addTerm(best[i], bm.idf(best[i]));
}

/** A paragraph of the pool, scored. */
interface Scored {
  unit: number;
  text: string;
  path: Heading[];
  score: number;
  found: number;
  exact: number;
  matches: [number, number][];
}

/** Stage two: the paragraph read, its keywords counted (or matched near by Fuse.js) and scored with its heading path. */
function rescore(
  tables: SearchTables,
  bm: Bm25,
  unit: number,
  keywords: string[],
  weights: number[],
  bigramScore: number,
  fuzzy: { budget: number },
): Scored | undefined {
  const text = tables.unitString(unit);
  const folded = foldText(text);
  const doc = tables.docs[tables.unitDoc[unit]];
  const path = headingsAbove(doc, tables.unitLine[unit], tables.unitKind[unit] !== 1);
  const pathText = foldText([doc.title, ...path.map((h) => h.text)].join('\n'));
  let score = bigramScore;
  let found = 0;
  let exact = 0;
  const ranges: [number, number][] = [];
  keywords.forEach((w, k) => {
    let tf = 0;
    for (let i = folded.indexOf(w); i >= 0; i = folded.indexOf(w, i + w.length)) {
      ranges.push([i, i + w.length]);
      tf += inList(folded, i, i + w.length) ? LIST_WEIGHT : 1;
    }
    if (tf) {
      found++;
      exact++;
    } else if (w.length >= FUZZY_MIN_LENGTH && fuzzy.budget > 0 && sharesBigrams(folded, w)) {
      fuzzy.budget--;
      const m = Fuse.match(w, folded, FUSE_OPTIONS);
      if (m.isMatch) {
        found++;
        // A near match counts as part of one occurrence.
        tf = 1 - (m.score ?? 0);
        for (const [s, e] of m.indices ?? []) ranges.push([s, e + 1]);
      }
    }
    const inPath = pathText.includes(w) ? HEADING_WEIGHT : 0;
    if (tf + inPath > 0) score += weights[k] * bm.saturation(tf + inPath, text.length);
  });
  return found ? { unit, text, path, score, found, exact, matches: mergeRanges(ranges) } : undefined;
}

/** Whether `text` holds at least half of the bigrams of `word`: below that Fuse.js cannot match it (threshold 0.4). */
function sharesBigrams(text: string, word: string): boolean {
  let n = 0;
  for (let i = 0; i + 1 < word.length; i++) if (text.includes(word.slice(i, i + 2))) n++;
  return n * 2 >= word.length - 1;
}

/**
 * The hit of a scored paragraph: the one sentence holding every match, or the whole paragraph — also
 * when that sentence is just the query (the writer pasted it: where it stands is what they want).
 */
function passageOf(tables: SearchTables, x: Scored, bareQuery: string): SearchHit {
  const { unit, text, matches } = x;
  const doc = tables.docs[tables.unitDoc[unit]];
  const line = tables.unitLine[unit];
  const heading = tables.unitKind[unit] === 1;
  const place = { docId: doc.id, title: doc.title, headingPath: x.path.map(headingName), line, column: tables.column(unit) };
  const base = { score: x.score, found: x.found, exact: x.exact };
  // All matches inside one sentence of a longer paragraph (not its heading): that sentence is the hit.
  const sentences = sentencesOf(text);
  if (sentences.length > 1 && matches.length) {
    const holder = sentences.findIndex((s) => s.start <= matches[0][0] && matches[matches.length - 1][1] <= s.end);
    const s = sentences[holder];
    const leadsHeading = holder === 0 && doc.headings.some((h) => h.line === line);
    const fits = s && s.end - s.start <= text.length * SENTENCE_SHARE && s.end - s.start >= SENTENCE_MIN;
    if (fits && !leadsHeading && bareText(text.slice(s.start, s.end)) !== bareQuery) {
      return {
        ...place,
        ...base,
        kind: 'sentence',
        text: text.slice(s.start, s.end),
        column: place.column + s.start,
        matches: matches.map(([a, b]) => [a - s.start, b - s.start]),
      };
    }
  }
  return { ...place, ...base, kind: heading || sentences.length <= 1 ? 'sentence' : 'paragraph', text, matches };
}

/** Whether text[start, end) is an item of an enumeration: a 、 right before or after it (quotes aside). */
export function inList(text: string, start: number, end: number): boolean {
  let a = start - 1;
  while (a >= 0 && QUOTES.has(text[a])) a--;
  let b = end;
  while (b < text.length && QUOTES.has(text[b])) b++;
  return text[a] === '、' || text[b] === '、';
}
const QUOTES = new Set([...'“”‘’「」『』《》"\'']);

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
