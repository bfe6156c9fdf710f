// What a hit is made of, shared by search and 相关素材: where a paragraph sits in its speech (its
// heading path), the sentences inside it, and the text as a writer should read it (the corpus's
// `*` placeholders as 某).
import { splitSentences, type SentenceSpan } from '../index/sentences';
import type { Heading, SpeechDocument } from '../types';

/** A sentence or a whole paragraph: the units a writer borrows. */
export type PassageKind = 'sentence' | 'paragraph';

/** Where a passage comes from, for the hit's second line and for opening it. */
export interface PassagePlace {
  /** Id of the speech. */
  docId: string;
  /** Title of the speech. */
  title: string;
  /** The headings the passage sits under, outermost first (its own, when it opens with one). */
  headingPath: string[];
  /** 0-based line and column of the passage in the speech's cleaned text. */
  line: number;
  column: number;
}

/**
 * The headings above `line` of `doc`, outermost first: each section heading whose section holds the
 * line, and the heading (or point, 一是…) the line itself opens with. A point covers only its own
 * paragraph; a heading's section runs to the next heading of its level or above.
 */
export function headingsAbove(doc: Pick<SpeechDocument, 'headings'>, line: number, includeOwn = true): Heading[] {
  const path: Heading[] = [];
  for (const h of doc.headings) {
    if (h.line > line) break;
    if (h.point && h.line !== line) continue;
    while (path.length && path[path.length - 1].level >= h.level) path.pop();
    // The line's own heading closes its siblings' sections either way; it is named only when asked.
    if (h.line < line || includeOwn) path.push(h);
  }
  return path;
}

/** Trailing sentence punctuation is dropped from a heading in a path (二、…，…。 reads as a name). */
export function headingName(h: Pick<Heading, 'text'>): string {
  return h.text.replace(/[。；;，,：:\s]+$/u, '');
}

/** The sentences of a paragraph's text. */
export function sentencesOf(text: string): SentenceSpan[] {
  return splitSentences(text);
}

/**
 * The text as a writer should read it: each run of the corpus's `*` placeholders as one 某, with
 * `ranges` (offsets into `text`, [start, end), ascending) moved to match.
 */
export function showPlaceholders(text: string, ranges: readonly [number, number][] = []): { text: string; matches: [number, number][] } {
  if (!text.includes('*')) return { text, matches: ranges.map(([s, e]) => [s, e]) };
  // at[i]: where offset i of `text` lands in the output.
  const at = new Int32Array(text.length + 1);
  let out = '';
  for (let i = 0; i < text.length; ) {
    at[i] = out.length;
    if (text[i] === '*') {
      let j = i;
      while (j < text.length && text[j] === '*') at[j++] = out.length;
      out += '某';
      i = j;
    } else {
      out += text[i++];
    }
  }
  at[text.length] = out.length;
  const matches: [number, number][] = [];
  for (const [s, e] of ranges) {
    const a = at[s];
    // A range ending inside a run of `*` ends after its 某.
    const b = e > 0 && text[e - 1] === '*' ? at[e - 1] + 1 : at[e];
    if (b > a) {
      const last = matches[matches.length - 1];
      if (last && last[1] >= a) last[1] = Math.max(last[1], b);
      else matches.push([a, b]);
    }
  }
  return { text: out, matches };
}

/**
 * A window of about `width` characters of a passage for a one-line list: from a little before the
 * first match (its sentence start when that is near), with … where it is cut, `matches` moved along.
 */
export function excerptOf(text: string, matches: readonly [number, number][], width = 60): { text: string; matches: [number, number][] } {
  if (text.length <= width) return { text, matches: matches.map(([s, e]) => [s, e]) };
  const first = matches.length ? matches[0][0] : 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  // Start at the sentence the match is in when its start is close enough.
  const sentenceStart = Math.max(text.lastIndexOf('。', first - 1), text.lastIndexOf('；', first - 1), text.lastIndexOf('！', first - 1), text.lastIndexOf('？', first - 1)) + 1;
  if (sentenceStart <= first && first - sentenceStart <= width / 2) start = sentenceStart;
  const end = Math.min(text.length, start + width);
  if (end === text.length) start = Math.max(0, end - width);
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const shift = lead.length - start;
  const kept: [number, number][] = [];
  for (const [s, e] of matches) {
    const a = Math.max(s, start);
    const b = Math.min(e, end);
    if (b > a) kept.push([a + shift, b + shift]);
  }
  return { text: lead + text.slice(start, end) + tail, matches: kept };
}
