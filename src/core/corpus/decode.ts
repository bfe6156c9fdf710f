// Bytes → text. Chinese corpora come as UTF-8 (with or without BOM), UTF-16 with a BOM, or the
// legacy GBK/GB18030 of older Windows tools; anything else is refused with a one-line reason.

export interface DecodedText {
  text: string;
  /** WHATWG encoding label actually used: 'utf-8', 'utf-16le', 'utf-16be' or 'gb18030'. */
  encoding: string;
}

/** Share of control characters (other than tab, newline, CR, form feed) above which text is binary. */
const MAX_CONTROL_SHARE = 0.02;

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return checked(decodeStrict('utf-8', bytes.subarray(3)), 'utf-8');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return checked(decodeStrict('utf-16le', bytes.subarray(2)), 'utf-16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return checked(decodeStrict('utf-16be', bytes.subarray(2)), 'utf-16be');
  }
  // Without a BOM a NUL byte never occurs in UTF-8 or GB18030 text: it is binary (or BOM-less UTF-16).
  if (bytes.indexOf(0) >= 0) {
    throw new Error('不是文本文件：含有 NUL 字节（binary data, or UTF-16 without a BOM）');
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== undefined) return checked(utf8, 'utf-8');
  // GB18030 is a superset of GBK and GB2312, so one decoder reads all three.
  const gb = tryDecode('gb18030', bytes);
  if (gb !== undefined) return checked(gb, 'gb18030');
  throw new Error('无法识别的编码：既不是 UTF-8/UTF-16，也不是 GBK/GB18030（undecodable text）');
}

function decodeStrict(encoding: string, bytes: Uint8Array): string {
  const text = tryDecode(encoding, bytes);
  if (text === undefined) throw new Error(`${encoding.toUpperCase()} 文本已损坏，无法解码（invalid ${encoding}）`);
  return text;
}

function tryDecode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function checked(text: string, encoding: string): DecodedText {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) throw new Error('不是文本文件：含有 NUL 字符（binary data）');
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  if (text.length > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    throw new Error('不是文本文件：控制字符过多（mostly control characters, binary data）');
  }
  return { text, encoding };
}
