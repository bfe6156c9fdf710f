// Word files through mammoth, after a look at the zip's own directory: a .docx that would expand
// to gigabytes (a zip bomb) is refused before anything is inflated.
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { SkipError } from './skipReason';

/** Upper bound on the XML a .docx may expand to (the text of any real speech collection is far less). */
export const MAX_DOCX_XML_BYTES = 64 * 1024 * 1024;
/** Upper bound on all entries together, images included. */
export const MAX_DOCX_TOTAL_BYTES = 512 * 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  dataOffset: number;
}

/** Reads the zip central directory; throws a SkipError when the archive is unusable or unsafe. */
function zipEntries(buf: Buffer): ZipEntry[] {
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

/**
 * Checks declared sizes, then inflates the XML parts with an output cap equal to their declared
 * size, so an archive that lies about its sizes is caught too.
 */
export function checkDocxArchive(buf: Buffer): void {
  const entries = zipEntries(buf);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new SkipError({ code: 'wrongFormat', expected: '.docx' });
  }
  const total = entries.reduce((s, e) => s + e.size, 0);
  const xml = entries.filter((e) => /\.(?:xml|rels)$/i.test(e.name));
  const xmlTotal = xml.reduce((s, e) => s + e.size, 0);
  if (total > MAX_DOCX_TOTAL_BYTES || xmlTotal > MAX_DOCX_XML_BYTES) {
    throw new SkipError({ code: 'zipBomb', megabytes: Math.round(Math.max(total, xmlTotal) / MB) });
  }
  for (const e of xml) {
    if (e.method === 0) continue;
    if (e.method !== 8) throw new SkipError({ code: 'unsupportedCompression', method: e.method, entry: e.name });
    const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let inflated = -1;
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) }).length;
    } catch {
      // Damaged, or larger than declared (the output cap stopped it): the same to the reader.
    }
    if (inflated !== e.size) throw new SkipError({ code: 'corruptArchive', detail: 'inflate', entry: e.name });
  }
}

/** The text of a .docx, one paragraph per line (empty paragraphs stay as blank lines). */
export async function docxText(buf: Buffer): Promise<string> {
  checkDocxArchive(buf);
  let result: { value: string };
  try {
    result = await mammoth.extractRawText({ buffer: buf });
  } catch (err) {
    throw new SkipError({ code: 'parseFailed', message: (err instanceof Error ? err.message : String(err)).split('\n')[0] });
  }
  // mammoth ends every paragraph with a blank line; one newline per paragraph keeps Word's own blanks.
  return result.value.replace(/\n\n/g, '\n');
}
