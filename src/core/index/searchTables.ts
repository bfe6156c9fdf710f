// The search tables of the index: every searchable unit (a sentence of a speech, a title, a mined
// phrase) as rows of typed columns, and a character-bigram inverted index over them. Built once in
// the indexing worker; queries live in src/core/search.
import type { SpeechDocument } from '../types';
import { BigramIndex, type BigramIndexParts } from './bigramIndex';
import { Int32Column } from './columns';
import { splitSentences } from './sentences';

export type SearchUnitKind = 'sentence' | 'title' | 'phrase';
export const UNIT_KINDS: readonly SearchUnitKind[] = ['sentence', 'title', 'phrase'];

/** What crosses from the worker (and into the cache): the texts after the speeches' own (titles, phrases) and the unit tables. */
export interface SearchTablesParts {
  extraTexts: string[];
  unitText: Int32Array;
  unitStart: Int32Array;
  unitEnd: Int32Array;
  unitLine: Int32Array;
  unitColumn: Int32Array;
  unitDoc: Int32Array;
  unitKind: Uint8Array;
  bigrams: BigramIndexParts;
}

export class SearchTables {
  private constructor(
    readonly docs: readonly SpeechDocument[],
    /** texts[i]: a speech's cleaned text, a title or a phrase; units are ranges of these */
    readonly texts: readonly string[],
    readonly unitText: Int32Array,
    readonly unitStart: Int32Array,
    readonly unitEnd: Int32Array,
    readonly unitLine: Int32Array,
    readonly unitColumn: Int32Array,
    /** index into docs, or -1 for a phrase */
    readonly unitDoc: Int32Array,
    readonly unitKind: Uint8Array,
    readonly bigrams: BigramIndex,
  ) {}

  static build(docs: readonly SpeechDocument[], phrases: readonly string[] = []): SearchTables {
    const texts: string[] = [];
    // Typed columns, not number[]: millions of rows at 90 M characters (see columns.ts).
    const [t, s, e, ln, col, d, k] = Array.from({ length: 7 }, () => new Int32Column());
    const add = (text: number, start: number, end: number, line: number, column: number, doc: number, kind: number) => {
      t.push(text), s.push(start), e.push(end), ln.push(line), col.push(column), d.push(doc), k.push(kind);
    };
    const separateTitles: number[] = [];
    docs.forEach((doc, di) => {
      const ti = texts.push(doc.text) - 1;
      const title = doc.title.trim();
      let titleInText = false;
      for (const span of splitSentences(doc.text)) {
        // The title line of the text is the title hit: one result, at its line, not two.
        const isTitle: boolean = !titleInText && title.length > 0 && doc.text.slice(span.start, span.end) === title;
        titleInText ||= isTitle;
        add(ti, span.start, span.end, span.line, span.column, di, isTitle ? 1 : 0);
      }
      if (title && !titleInText) separateTitles.push(di);
    });
    for (const di of separateTitles) {
      const title = docs[di].title.trim();
      add(texts.push(title) - 1, 0, title.length, 0, 0, di, 1);
    }
    for (const phrase of new Set(phrases.map((p) => p.trim()).filter((p) => p.length > 0))) {
      add(texts.push(phrase) - 1, 0, phrase.length, 0, 0, -1, 2);
    }
    const units = {
      count: t.length,
      text: (u: number) => texts[t.at(u)],
      start: (u: number) => s.at(u),
      end: (u: number) => e.at(u),
    };
    const bigrams = BigramIndex.build(units);
    return new SearchTables(docs, texts, t.finish(), s.finish(), e.finish(), ln.finish(), col.finish(), d.finish(), Uint8Array.from(k.finish()), bigrams);
  }

  toParts(): SearchTablesParts {
    return {
      extraTexts: this.texts.slice(this.docs.length),
      unitText: this.unitText,
      unitStart: this.unitStart,
      unitEnd: this.unitEnd,
      unitLine: this.unitLine,
      unitColumn: this.unitColumn,
      unitDoc: this.unitDoc,
      unitKind: this.unitKind,
      bigrams: this.bigrams.toParts(),
    };
  }

  /** The tables over `docs` (the speeches they were built from, in order) from saved parts. */
  static fromParts(docs: readonly SpeechDocument[], parts: SearchTablesParts): SearchTables {
    const n = parts.unitText.length;
    const tables = [parts.unitStart, parts.unitEnd, parts.unitLine, parts.unitColumn, parts.unitDoc, parts.unitKind];
    if (tables.some((t) => t.length !== n)) throw new Error('search tables do not fit together');
    const texts = [...docs.map((d) => d.text), ...parts.extraTexts];
    return new SearchTables(
      docs, texts, parts.unitText, parts.unitStart, parts.unitEnd, parts.unitLine, parts.unitColumn, parts.unitDoc, parts.unitKind,
      BigramIndex.fromParts(parts.bigrams),
    );
  }

  /** Number of searchable units (sentences + titles + phrases). */
  get count(): number {
    return this.unitText.length;
  }
  text(unit: number): string {
    return this.texts[this.unitText[unit]];
  }
  start(unit: number): number {
    return this.unitStart[unit];
  }
  end(unit: number): number {
    return this.unitEnd[unit];
  }
  unitString(unit: number): string {
    return this.texts[this.unitText[unit]].slice(this.unitStart[unit], this.unitEnd[unit]);
  }
}
