// The search tables of the index: every paragraph of every speech (each non-empty line but the title
// line) as rows of typed columns, and a character-bigram inverted index over them with counts, for
// BM25. Paragraphs are what a writer borrows, and a sentence hit is found inside its paragraph at
// query time, so one unit serves both. Built once in the indexing worker; queries live in
// src/core/search. Mined phrases are not here: the 常用提法 view and completion serve them.
import type { SpeechDocument } from '../types';
import { BigramIndex, type BigramIndexParts } from './bigramIndex';
import { Int32Column } from './columns';

/** A paragraph of body text, or a heading standing on its own line (its words name the section below it). */
export type SearchUnitKind = 'paragraph' | 'heading';
export const UNIT_KINDS: readonly SearchUnitKind[] = ['paragraph', 'heading'];

/** What crosses from the worker (and into the cache): the unit tables and the bigram index. */
export interface SearchTablesParts {
  unitDoc: Int32Array;
  unitStart: Int32Array;
  unitEnd: Int32Array;
  unitLine: Int32Array;
  unitKind: Uint8Array;
  bigrams: BigramIndexParts;
}

function isBlank(code: number): boolean {
  return code <= 0x20 || code === 0x3000 || code === 0xa0 || code === 0xfeff;
}

export class SearchTables {
  /** Mean unit length in characters, for BM25's length normalisation. */
  readonly meanLength: number;

  private constructor(
    readonly docs: readonly SpeechDocument[],
    /** index into docs */
    readonly unitDoc: Int32Array,
    /** [start, end) of the unit in its speech's text, blanks trimmed */
    readonly unitStart: Int32Array,
    readonly unitEnd: Int32Array,
    /** 0-based line of the unit in its speech's text */
    readonly unitLine: Int32Array,
    /** index into UNIT_KINDS */
    readonly unitKind: Uint8Array,
    readonly bigrams: BigramIndex,
  ) {
    let total = 0;
    for (let u = 0; u < unitStart.length; u++) total += unitEnd[u] - unitStart[u];
    this.meanLength = unitStart.length ? total / unitStart.length : 1;
  }

  static build(docs: readonly SpeechDocument[]): SearchTables {
    // Typed columns, not number[]: hundreds of thousands of rows at 90 M characters (see columns.ts).
    const [d, s, e, ln, k] = Array.from({ length: 5 }, () => new Int32Column());
    docs.forEach((doc, di) => {
      const text = doc.text;
      const title = doc.title.trim();
      // A heading alone on its line; one that runs on into its section's text is a paragraph.
      const headingLines = new Set(doc.headings.map((h) => h.line));
      let line = 0;
      let titleSeen = false;
      for (let at = 0; at <= text.length; line++) {
        let next = text.indexOf('\n', at);
        if (next < 0) next = text.length;
        let a = at;
        let b = next;
        while (a < b && isBlank(text.charCodeAt(a))) a++;
        while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
        if (b > a) {
          // The title line is the speech's name, shown with every hit; it is not material.
          const isTitle: boolean = !titleSeen && title.length > 0 && b - a === title.length && text.startsWith(title, a);
          titleSeen ||= isTitle;
          if (!isTitle) {
            const heading = headingLines.has(line) && b - a <= HEADING_LINE_MAX && !/[。！？]./.test(text.slice(a, b));
            d.push(di), s.push(a), e.push(b), ln.push(line), k.push(heading ? 1 : 0);
          }
        }
        at = next + 1;
      }
    });
    const unitDoc = d.finish();
    const unitStart = s.finish();
    const unitEnd = e.finish();
    const bigrams = BigramIndex.build({
      count: unitDoc.length,
      text: (u: number) => docs[unitDoc[u]].text,
      start: (u: number) => unitStart[u],
      end: (u: number) => unitEnd[u],
    });
    return new SearchTables(docs, unitDoc, unitStart, unitEnd, ln.finish(), Uint8Array.from(k.finish()), bigrams);
  }

  toParts(): SearchTablesParts {
    return {
      unitDoc: this.unitDoc,
      unitStart: this.unitStart,
      unitEnd: this.unitEnd,
      unitLine: this.unitLine,
      unitKind: this.unitKind,
      bigrams: this.bigrams.toParts(),
    };
  }

  /** The tables over `docs` (the speeches they were built from, in order) from saved parts. */
  static fromParts(docs: readonly SpeechDocument[], parts: SearchTablesParts): SearchTables {
    const n = parts.unitDoc.length;
    const tables = [parts.unitStart, parts.unitEnd, parts.unitLine, parts.unitKind];
    if (tables.some((t) => t.length !== n)) throw new Error('search tables do not fit together');
    for (let u = 0; u < n; u++) {
      const doc = docs[parts.unitDoc[u]];
      if (!doc || parts.unitStart[u] < 0 || parts.unitEnd[u] > doc.text.length || parts.unitStart[u] >= parts.unitEnd[u]) {
        throw new Error('search tables do not fit the speeches');
      }
    }
    return new SearchTables(docs, parts.unitDoc, parts.unitStart, parts.unitEnd, parts.unitLine, parts.unitKind, BigramIndex.fromParts(parts.bigrams));
  }

  /** Number of searchable units. */
  get count(): number {
    return this.unitDoc.length;
  }
  text(unit: number): string {
    return this.docs[this.unitDoc[unit]].text;
  }
  start(unit: number): number {
    return this.unitStart[unit];
  }
  end(unit: number): number {
    return this.unitEnd[unit];
  }
  length(unit: number): number {
    return this.unitEnd[unit] - this.unitStart[unit];
  }
  kind(unit: number): SearchUnitKind {
    return UNIT_KINDS[this.unitKind[unit]];
  }
  unitString(unit: number): string {
    return this.docs[this.unitDoc[unit]].text.slice(this.unitStart[unit], this.unitEnd[unit]);
  }
  /** Column of the unit's first character on its line. */
  column(unit: number): number {
    const text = this.text(unit);
    return this.unitStart[unit] - (text.lastIndexOf('\n', this.unitStart[unit] - 1) + 1);
  }
}

/** A heading line longer than this carries its section's text with it: a paragraph. */
const HEADING_LINE_MAX = 60;
