// Bytes → text. Chinese corpora come as UTF-8 (with or without BOM), UTF-16 with a BOM, or the
// legacy GBK/GB18030 of older Windows tools; anything else is refused with a SkipError.
// Big files are decoded slice by slice (SliceDecoder) with the same checks as decodeBytes.

import { SkipError } from './skipReason';

export interface DecodedText {
  text: string;
  /** WHATWG encoding label actually used: 'utf-8', 'utf-16le', 'utf-16be' or 'gb18030'. */
  encoding: string;
}

/** Share of control characters (other than tab, newline, CR, form feed) above which text is binary. */
const MAX_CONTROL_SHARE = 0.02;

/** The bytes are not in the encoding tried; the caller may try the next candidate. */
export class EncodingMismatch extends Error {
  constructor(readonly encoding: string) {
    super(`invalid ${encoding}`);
  }
}

/**
 * The encodings to try, in order, judged from the first bytes: a BOM names one (and `skip` is its
 * length); without one, UTF-8 and then GB18030 (a superset of GBK and GB2312, so one decoder reads all three).
 */
export function encodingCandidates(head: Uint8Array): { encodings: string[]; skip: number } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encodings: ['utf-8'], skip: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encodings: ['utf-16le'], skip: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encodings: ['utf-16be'], skip: 2 };
  return { encodings: ['utf-8', 'gb18030'], skip: 0 };
}

/** Why no candidate encoding fits: with a BOM, the encoding it named is damaged. */
export function undecodable(encodings: string[], hadBom: boolean): SkipError {
  return new SkipError(hadBom ? { code: 'undecodable', encoding: encodings[0] } : { code: 'undecodable' });
}

/**
 * Decodes one file in one encoding, slice after slice (a character may straddle two slices), and
 * checks every slice as decodeBytes checks a whole file. Throws EncodingMismatch when the bytes are
 * not in this encoding, a SkipError when they are binary.
 */
export class SliceDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;

  constructor(
    readonly encoding: string,
    private readonly afterBom: boolean,
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }

  decode(bytes: Uint8Array, last: boolean): string {
    // Without a BOM a NUL byte never occurs in UTF-8 or GB18030 text: it is binary (or BOM-less UTF-16).
    if (!this.afterBom && bytes.indexOf(0) >= 0) {
      throw new SkipError({ code: 'binary', detail: 'nulByte' });
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: !last });
    } catch {
      throw new EncodingMismatch(this.encoding);
    }
    checkText(text);
    return text;
  }
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  const { encodings, skip } = encodingCandidates(bytes);
  for (const encoding of encodings) {
    try {
      return { text: new SliceDecoder(encoding, skip > 0).decode(bytes.subarray(skip), true), encoding };
    } catch (err) {
      if (!(err instanceof EncodingMismatch)) throw err;
    }
  }
  throw undecodable(encodings, skip > 0);
}

/** Throws a SkipError when decoded text is binary: a NUL, or too many control characters. */
function checkText(text: string): void {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new SkipError({ code: 'binary', detail: 'nulChar' });
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  if (text.length > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    throw new SkipError({ code: 'binary', detail: 'controls' });
  }
}
