// Word files through mammoth, after a look at the zip's own directory: a .docx that would expand
// to gigabytes (a zip bomb) is refused before anything is inflated.
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';

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

/** Reads the zip central directory; throws a one-line reason when the archive is unusable or unsafe. */
function zipEntries(buf: Buffer): ZipEntry[] {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('不是有效的 .docx：找不到 ZIP 目录（corrupt or not a zip file）');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error('不支持 ZIP64 格式的 .docx（too large）');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) {
      throw new Error('不是有效的 .docx：ZIP 目录已损坏（corrupt zip directory）');
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) {
      throw new Error('不是有效的 .docx：ZIP 条目已损坏（corrupt zip entry）');
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
    throw new Error('不是 Word 文档：缺少 word/document.xml（not a .docx）');
  }
  const total = entries.reduce((s, e) => s + e.size, 0);
  const xml = entries.filter((e) => /\.(?:xml|rels)$/i.test(e.name));
  const xmlTotal = xml.reduce((s, e) => s + e.size, 0);
  if (total > MAX_DOCX_TOTAL_BYTES || xmlTotal > MAX_DOCX_XML_BYTES) {
    throw new Error(`解压后过大（${Math.round(Math.max(total, xmlTotal) / MB)} MB），疑似压缩炸弹（zip bomb），已跳过`);
  }
  for (const e of xml) {
    if (e.method === 0) continue;
    if (e.method !== 8) throw new Error(`不支持的压缩方式 ${e.method}（${e.name}）`);
    const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    try {
      const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      if (out.length !== e.size) throw new Error('size mismatch');
    } catch {
      throw new Error(`不是有效的 .docx：${e.name} 解压失败或大小与声明不符（corrupt or zip bomb）`);
    }
  }
}

/** The text of a .docx, one paragraph per line (empty paragraphs stay as blank lines). */
export async function docxText(buf: Buffer): Promise<string> {
  checkDocxArchive(buf);
  const result = await mammoth.extractRawText({ buffer: buf });
  // mammoth ends every paragraph with a blank line; one newline per paragraph keeps Word's own blanks.
  return result.value.replace(/\n\n/g, '\n');
}
