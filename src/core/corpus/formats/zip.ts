// The zip containers of .docx and .odt, read from their own central directory before anything is
// inflated: an archive that would expand to gigabytes (a zip bomb), or lies about its sizes, is refused.
import { inflateRawSync } from 'node:zlib';
import { SkipError } from '../skipReason';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  dataOffset: number;
}

/** The first bytes of an OLE compound file: Word 97–2003, or an encrypted .docx/.xlsx wrapped in one. */
export const COMPOUND_FILE_SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');

export function isCompoundFile(buf: Uint8Array): boolean {
  return buf.length >= 8 && COMPOUND_FILE_SIGNATURE.equals(buf.subarray(0, 8));
}

/** Reads the zip central directory; throws a SkipError when the archive is unusable or unsafe. */
export function zipEntries(buf: Buffer): ZipEntry[] {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SkipError({ code: 'corruptArchive', detail: 'notZip' });
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new SkipError({ code: 'zip64' });
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) {
      throw new SkipError({ code: 'corruptArchive', detail: 'directory' });
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) {
      throw new SkipError({ code: 'corruptArchive', detail: 'entry' });
    }
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      dataOffset: local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

const MB = 1024 * 1024;

export interface ArchiveLimits {
  /** The entry that makes the archive this format (`word/document.xml`, `content.xml`). */
  required: string;
  /** The format named in a wrongFormat reason. */
  format: string;
  /** Upper bound on the XML parts together. */
  maxXmlBytes: number;
  /** Upper bound on all entries together, pictures included. */
  maxTotalBytes: number;
}

/**
 * The entries of an archive of this format, after checking declared sizes and inflating every XML
 * part with an output cap equal to its declared size (an archive that lies about its sizes is caught too).
 */
export function checkedEntries(buf: Buffer, limits: ArchiveLimits): ZipEntry[] {
  const entries = zipEntries(buf);
  if (!entries.some((e) => e.name === limits.required)) throw new SkipError({ code: 'wrongFormat', expected: limits.format });
  const total = entries.reduce((s, e) => s + e.size, 0);
  const xml = entries.filter((e) => /\.(?:xml|rels)$/i.test(e.name));
  const xmlTotal = xml.reduce((s, e) => s + e.size, 0);
  if (total > limits.maxTotalBytes || xmlTotal > limits.maxXmlBytes) {
    throw new SkipError({ code: 'zipBomb', megabytes: Math.round(Math.max(total, xmlTotal) / MB) });
  }
  for (const e of xml) inflateEntry(buf, e);
  return entries;
}

/** One entry's bytes, inflated to exactly its declared size or refused. */
export function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (e.method === 0) {
    if (data.length !== e.size) throw new SkipError({ code: 'corruptArchive', detail: 'inflate', entry: e.name });
    return data;
  }
  if (e.method !== 8) throw new SkipError({ code: 'unsupportedCompression', method: e.method, entry: e.name });
  let inflated: Buffer | undefined;
  try {
    inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
  } catch {
    // Damaged, or larger than declared (the output cap stopped it): the same to the reader.
  }
  if (inflated?.length !== e.size) throw new SkipError({ code: 'corruptArchive', detail: 'inflate', entry: e.name });
  return inflated;
}
