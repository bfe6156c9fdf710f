// The corpus as one searchable string: every speech's cleaned text joined by NUL, advertising lines
// masked out (same length, so offsets still map to lines), with a suffix array over it.
import { isAdvert } from '../corpus/advert';
import type { SpeechDocument } from '../types';
import { buildSuffixArray, findRange, type CorpusChars } from './suffixArray';

/** Separates speeches and masks text that must never be suggested; no phrase crosses it. */
export const HARD_BREAK = '\u0000';

export function isHardBreak(ch: string): boolean {
  return ch === '\n' || ch === HARD_BREAK || ch === '\r';
}

/** Ends a sentence: a continuation never runs past one of these. */
export const SENTENCE_END = new Set([...'。！？；…!?;']);
/** Closes a clause or a quoted unit: natural places to stop an inserted phrase. */
export const CLAUSE_END = new Set([...'，、：。！？；…,;:!?”’」』）)】']);
/** Any punctuation (a phrase neither starts nor ends with these, except quotes kept whole). */
export const PUNCTUATION = new Set([...'，、：。！？；…,.;:!?“”‘’「」『』（）()《》【】—-·　 \t']);

export interface DocumentSpan {
  /** Index into CorpusText.documents. */
  doc: number;
  /** Offset of the speech's first char in CorpusText.text. */
  start: number;
  /** Offsets of each line start, relative to `start`. */
  lineStarts: Int32Array;
}

export type { CorpusChars };

export interface CorpusText {
  /**
   * The text: one string in the worker and the CLI; on the editor's thread a SegmentedText of the
   * speeches' own strings (one 90-million-character string would have to be copied whole, in one go,
   * to cross from the worker).
   */
  text: CorpusChars;
  sa: Int32Array;
  documents: SpeechDocument[];
  spans: DocumentSpan[];
}

/** A corpus text held as one string: what building the suffix array and mining need. */
export interface FlatCorpusText extends CorpusText {
  text: string;
}

/**
 * The corpus text as its speeches' strings, each followed by a NUL that is not stored: the same
 * characters at the same offsets as the joined string. Reads go to the segment of the last read
 * first, so a scan along the text costs no search.
 */
export class SegmentedText implements CorpusChars {
  readonly length: number;
  private last = 0;

  constructor(
    private readonly segments: readonly string[],
    /** Offset of each segment's first character in the joined text. */
    private readonly starts: Int32Array,
  ) {
    const n = segments.length;
    this.length = n ? starts[n - 1] + segments[n - 1].length + 1 : 0;
  }

  /** The segment holding offset `pos` (a segment's NUL belongs to it). */
  private segmentAt(pos: number): number {
    const { starts, segments } = this;
    const k = this.last;
    if (k < segments.length && pos >= starts[k] && pos <= starts[k] + segments[k].length) return k;
    let lo = 0, hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return (this.last = lo);
  }

  charCodeAt(pos: number): number {
    if (!(pos >= 0 && pos < this.length)) return NaN;
    const k = this.segmentAt(pos);
    const off = pos - this.starts[k];
    return off < this.segments[k].length ? this.segments[k].charCodeAt(off) : 0;
  }

  slice(start: number, end = this.length): string {
    const a = Math.max(0, Math.min(this.length, start < 0 ? this.length + start : start));
    const b = Math.max(a, Math.min(this.length, end < 0 ? this.length + end : end));
    let out = '';
    for (let pos = a; pos < b; ) {
      const k = this.segmentAt(pos);
      const seg = this.segments[k];
      const off = pos - this.starts[k];
      const take = Math.min(b - pos, seg.length - off);
      if (take > 0) {
        out += seg.slice(off, off + take);
        pos += take;
      } else {
        out += HARD_BREAK;
        pos++;
      }
    }
    return out;
  }

  startsWith(search: string, position = 0): boolean {
    if (position < 0 || position + search.length > this.length) return false;
    for (let i = 0; i < search.length; i++) if (this.charCodeAt(position + i) !== search.charCodeAt(i)) return false;
    return true;
  }
}

export function lineStartsOf(text: string): Int32Array {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return Int32Array.from(starts);
}

/** Lines the advert detector flags, masked (cleaning dropped those of corpus files; a draft is not cleaned). */
function maskAdvertising(text: string): string {
  const lines = text.split('\n');
  let masked = false;
  for (let i = 0; i < lines.length; i++) {
    if (!isAdvert(lines[i])) continue;
    lines[i] = HARD_BREAK.repeat(lines[i].length);
    masked = true;
  }
  return masked ? lines.join('\n') : text;
}

/** The text a speech contributes to the corpus text: line breaks made \n, NULs made spaces, advert lines masked. */
export function corpusSegment(text: string): string {
  return maskAdvertising(text.replace(/\r\n?/g, '\n').replace(/\u0000/g, ' '));
}

/** `suffixArray` may be swapped (the index builder sorts a large corpus on another thread and fills `sa` in later). */
export function buildCorpusText(documents: SpeechDocument[], suffixArray: (text: string) => Int32Array = buildSuffixArray): FlatCorpusText {
  const parts: string[] = [];
  const spans: DocumentSpan[] = [];
  let offset = 0;
  documents.forEach((d, doc) => {
    const clean = corpusSegment(d.text);
    spans.push({ doc, start: offset, lineStarts: lineStartsOf(clean) });
    parts.push(clean);
    offset += clean.length + 1;
  });
  const text = parts.join(HARD_BREAK) + HARD_BREAK;
  return { text, sa: suffixArray(text), documents, spans };
}

/** Which speech holds text offset `pos` (binary search over span starts). */
export function documentAt(corpus: CorpusText, pos: number): number {
  const spans = corpus.spans;
  let lo = 0, hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (spans[mid].start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where text offset `pos` is: the speech's id and title and the 0-based line within its text. */
export function locate(corpus: CorpusText, pos: number): { docId: string; title: string; line: number } {
  const span = corpus.spans[documentAt(corpus, pos)];
  const rel = pos - span.start;
  const starts = span.lineStarts;
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= rel) lo = mid;
    else hi = mid - 1;
  }
  const d = corpus.documents[span.doc];
  return { docId: d.id, title: d.title, line: lo };
}

/** SA range of the suffixes starting with `pattern`. */
export function occurrences(corpus: CorpusText, pattern: string): [number, number] {
  return findRange(corpus.text, corpus.sa, pattern);
}

/** True when `pattern` occurs anywhere in the corpus. */
export function occurs(corpus: CorpusText, pattern: string): boolean {
  const [lo, hi] = findRange(corpus.text, corpus.sa, pattern);
  return hi > lo;
}

/** How often the corpus uses a text, in how many speeches, and where (the first of each speech). */
export interface Attestation {
  text: string;
  count: number;
  speeches: number;
  where: { docId: string; title: string; line: number }[];
}

/**
 * Occurrences of `pattern` with the speeches that use it; speeches are counted over at most
 * `maxInspect` occurrences sampled evenly (a phrase used a million times is in every speech anyway).
 */
export function attestation(corpus: CorpusText, pattern: string, maxLocations = 8, maxInspect = 2000): Attestation {
  const [lo, hi] = findRange(corpus.text, corpus.sa, pattern);
  const docs = new Map<number, number>();
  const step = Math.max(1, (hi - lo) / maxInspect);
  for (let k = lo; k < hi; k += step) {
    const pos = corpus.sa[Math.floor(k)];
    const doc = documentAt(corpus, pos);
    if (!docs.has(doc)) docs.set(doc, pos);
  }
  const where = [...docs.values()].slice(0, maxLocations).map((pos) => locate(corpus, pos));
  return { text: pattern, count: hi - lo, speeches: docs.size, where };
}
