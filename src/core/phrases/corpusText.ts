// The corpus as one searchable string: every speech's cleaned text joined by NUL, advertising lines
// masked out (same length, so offsets still map to lines), with a suffix array over it.
import { isAdvert } from '../corpus/advert';
import type { SpeechDocument } from '../types';
import { buildSuffixArray, findRange } from './suffixArray';

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

export interface CorpusText {
  text: string;
  sa: Int32Array;
  documents: SpeechDocument[];
  spans: DocumentSpan[];
}

function lineStartsOf(text: string): Int32Array {
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

/** `suffixArray` may be swapped (the index builder sorts a large corpus on another thread and fills `sa` in later). */
export function buildCorpusText(documents: SpeechDocument[], suffixArray: (text: string) => Int32Array = buildSuffixArray): CorpusText {
  const parts: string[] = [];
  const spans: DocumentSpan[] = [];
  let offset = 0;
  documents.forEach((d, doc) => {
    const clean = maskAdvertising(d.text.replace(/\r\n?/g, '\n').replace(/\u0000/g, ' '));
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
