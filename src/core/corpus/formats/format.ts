// What a corpus format is to readSpeechFile: either text read slice by slice (decoded, cleaned and
// split as it comes: .txt, .md, .rtf), or a file read whole by a reader that returns its text.
import type { CancellationToken } from '../../types';
import type { SkipError } from '../skipReason';

/** Decodes one file slice after slice (a character or an RTF control word may straddle two slices). */
export interface SliceDecoder {
  decode(bytes: Uint8Array, last: boolean): string;
}

export interface SliceDecoders {
  /** Bytes at the start that are not text (a byte-order mark). */
  skip: number;
  /** Decoders to try in order: the next is tried when one throws EncodingMismatch. */
  candidates: (() => SliceDecoder)[];
  /** Why the file is skipped when every candidate failed. */
  undecodable(): SkipError;
}

export interface StreamedFormat {
  kind: 'streamed';
  /** Markdown: block quotes read as the speech they quote. */
  markdown?: boolean;
  /** The decoders for a file that starts with `head`; throws a SkipError when the file is not of this format. */
  decoders(head: Uint8Array): SliceDecoders;
}

export interface FormatContext {
  /** One step of a reader, given up (as a stalled read) when it takes longer than the stall timeout. */
  within<T>(work: Promise<T>): Promise<T>;
  token?: CancellationToken;
}

export interface WholeFileFormat {
  kind: 'whole';
  /** The format's own size limit (the file is held in memory whole, with its parser's structures). */
  maxBytes: number;
  /** The text, one paragraph per line; throws a SkipError when the file can't be used. */
  read(bytes: Buffer, context: FormatContext): Promise<string>;
}

export type CorpusFormat = StreamedFormat | WholeFileFormat;

/** A library's error as a one-line message. */
export function errorMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].trim();
}
