// 相关素材: the corpus's paragraphs most related to the one being written (or the heading being
// written), for the view that follows the cursor. The text is the query: its bigrams are BM25 terms,
// weighted by how rare each is in the corpus and how often the text uses it; the rarest are read
// first and the common ones only while a budget of postings lasts, which keeps a query at 90 M
// characters within a few tens of milliseconds. The best paragraphs are then scored again with their
// heading path as a second field (a paragraph under 二、大兴调查研究 is about 调查研究), and listed with
// other speeches first: the draft's own file, when the corpus holds it, comes last, and the paragraph
// being written never comes back.
import { foldCode, isBlankCode } from '../index/bigramIndex';
import type { SearchTables } from '../index/searchTables';
import type { CancellationToken } from '../types';
import { Bm25, K1, isTermChar } from './bm25';
import { headingName, headingsAbove, type PassagePlace } from './passages';
import { bareText } from './search';

export interface RelatedHit extends PassagePlace {
  kind: 'paragraph';
  /** The paragraph as it reads in the corpus. */
  text: string;
  /** BM25 of the query's terms in the paragraph and its heading path; higher is closer. */
  score: number;
  /** From the draft's own file (listed after the other speeches). */
  ownSpeech: boolean;
}

export interface RelatedOptions {
  /** Most passages returned (default 10). */
  top?: number;
  /** The draft's file: passages of its own speech come after the others', and its paragraph never comes back. */
  ownSource?: string;
  /** Speeches (by id) left out. */
  excludeDocs?: ReadonlySet<string>;
  token?: CancellationToken;
}

/** Postings read per query at most (common terms beyond this add little and cost the most). */
const POSTINGS_BUDGET = 300_000;
/** A term in more than this share of the paragraphs is too common to tell them apart. */
const COMMON_SHARE = 0.25;
/** The rarest terms are always read, however common. */
const MIN_TERMS = 4;
/** Paragraphs scored again with their heading path. */
const RERANK_POOL = 120;
/** A query term in the heading path counts as this many occurrences (BM25F's field weight). */
const HEADING_WEIGHT = 1;
/** A paragraph of the draft's own file holding this share of the text's terms is the text itself. */
const SELF_SHARE = 0.8;
/** Query-term frequency saturation (BM25's k3). */
const K3 = K1;

interface Term {
  id: number;
  /** The bigram as a string, to look for in heading paths. */
  text: string;
  weight: number;
  df: number;
}

/** The bigrams of `text` that are terms (letters and digits on both sides) with their counts. */
function queryTerms(tables: SearchTables, text: string): Term[] {
  const counts = new Map<number, { text: string; n: number }>();

  let prev = -1;
  let prevCh = '';
  for (let i = 0; i < text.length; i++) {
    const c = foldCode(text.charCodeAt(i));
    if (isBlankCode(c) || !isTermChar(c)) {
      prev = -1;
      continue;
    }
    const ch = String.fromCharCode(c);
    if (prev >= 0) {
      const id = tables.bigrams.idOf(prev, c);
      if (id >= 0) {
        const t = counts.get(id);
        if (t) t.n++;
        else counts.set(id, { text: prevCh + ch, n: 1 });
      }
    }
    prev = c;
    prevCh = ch;
  }
  const n = tables.count;
  return [...counts].map(([id, t]) => {
    const df = tables.bigrams.count(id);
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return { id, text: t.text, df, weight: (idf * t.n * (K3 + 1)) / (t.n + K3) };
  });
}

/** The paragraphs most related to `text`, best first (other speeches before the draft's own). */
export function relatedPassages(tables: SearchTables, text: string, options: RelatedOptions = {}): RelatedHit[] {
  const top = options.top ?? 10;
  if (top <= 0 || !tables.count || !text.trim()) return [];
  const terms = queryTerms(tables, text).sort((a, b) => a.df - b.df || a.id - b.id);
  if (!terms.length) return [];
  const bm = new Bm25(tables);
  try {
    let read = 0;
    const used: Term[] = [];
    for (const t of terms) {
      const common = t.df > tables.count * COMMON_SHARE;
      if (used.length >= MIN_TERMS && (common || read + t.df > POSTINGS_BUDGET)) continue;
      read += bm.addTerm(t.id, t.weight);
      used.push(t);
    }
    if (options.token?.isCancellationRequested) return [];
    const bare = bareText(text);
    const queryIds = new Set(terms.map((t) => t.id));
    const hits: RelatedHit[] = [];
    const seen = new Set<string>();
    for (const unit of bm.best(RERANK_POOL + top)) {
      const doc = tables.docs[tables.unitDoc[unit]];
      // A heading alone is no material to insert; its words count for the paragraphs under it.
      if (tables.unitKind[unit] === 1) continue;
      if (options.excludeDocs?.has(doc.id)) continue;
      const passage = tables.unitString(unit);
      const key = bareText(passage);
      if (!key || key === bare || seen.has(key)) continue;
      const ownSpeech = !!options.ownSource && doc.source === options.ownSource;
      if (ownSpeech && sharedTerms(tables, unit, queryIds) >= SELF_SHARE * queryIds.size) continue;
      seen.add(key);
      const line = tables.unitLine[unit];
      const path = headingsAbove(doc, line, tables.unitKind[unit] !== 1);
      const pathText = [doc.title, ...path.map((h) => h.text)].join('\n');
      let score = bm.scores[unit];
      for (const t of used) if (pathText.includes(t.text)) score += t.weight * bm.saturation(HEADING_WEIGHT, passage.length);
      hits.push({ kind: 'paragraph', text: passage, score, ownSpeech, docId: doc.id, title: doc.title, headingPath: path.map(headingName), line, column: tables.column(unit) });
    }
    hits.sort((a, b) => Number(a.ownSpeech) - Number(b.ownSpeech) || b.score - a.score);
    return hits.slice(0, top);
  } finally {
    bm.release();
  }
}

/** How many of `ids` (bigram ids) the unit holds. */
function sharedTerms(tables: SearchTables, unit: number, ids: ReadonlySet<number>): number {
  const text = tables.text(unit);
  const found = new Set<number>();
  let prev = -1;
  for (let i = tables.start(unit); i < tables.end(unit); i++) {
    const c = foldCode(text.charCodeAt(i));
    if (prev >= 0) {
      const id = tables.bigrams.idOf(prev, c);
      if (ids.has(id)) found.add(id);
    }
    prev = isBlankCode(c) ? -1 : c;
  }
  return found.size;
}

/** What 相关素材 follows at a cursor. */
export interface RelatedFocus {
  /** The paragraph or heading's text, without Markdown marks or the pinyin being composed. */
  text: string;
  /** Its 0-based line. */
  line: number;
  /** A heading (Markdown #, or numbered 一、（一）第一，) rather than a paragraph. */
  heading: boolean;
  /** The cursor ends a run of Latin letters right after Chinese: an IME composing pinyin (its letters are left out). */
  composing: boolean;
}

/** A paragraph needs this many Chinese characters (or letters and digits) to be followed; shorter, the heading above is. */
const FOCUS_MIN_CHARS = 4;
const MARKDOWN_MARKS = /^\s{0,3}(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)/;
const NUMBERED_HEADING = /^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[，、：:])/;
/** Pinyin being composed: Latin letters (and ' between syllables) at the cursor, after Chinese or at the line's start. */
const COMPOSING = /(^|[^\x00-\x7f])([a-z][a-z']*)$/i;

function termChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isTermChar(foldCode(text.charCodeAt(i)))) n++;
  return n;
}

function isHeadingLine(raw: string): boolean {
  return /^\s{0,3}#{1,6}\s/.test(raw) || NUMBERED_HEADING.test(raw.trim());
}

/**
 * The paragraph (line) the cursor is in, or — when it holds too little to go on — the nearest
 * heading above it. `lineAt(n)` reads line n of the draft.
 */
export function relatedFocus(lineAt: (n: number) => string, cursorLine: number, cursorChar: number): RelatedFocus | undefined {
  const raw = lineAt(cursorLine);
  const before = raw.slice(0, cursorChar);
  const composing = COMPOSING.exec(before);
  const committed = composing ? before.slice(0, before.length - composing[2].length) + raw.slice(cursorChar) : raw;
  const own = committed.replace(MARKDOWN_MARKS, '').trim();
  if (termChars(own) >= FOCUS_MIN_CHARS) return { text: own, line: cursorLine, heading: isHeadingLine(committed), composing: !!composing };
  for (let n = cursorLine - 1; n >= 0; n--) {
    const above = lineAt(n);
    if (!isHeadingLine(above)) continue;
    const text = above.replace(MARKDOWN_MARKS, '').trim();
    if (termChars(text) >= FOCUS_MIN_CHARS) return { text, line: n, heading: true, composing: !!composing };
  }
  return undefined;
}
