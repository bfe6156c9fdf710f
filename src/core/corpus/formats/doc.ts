// Word 97–2003 (.doc) and WPS (.wps) binary documents: OLE compound files holding a WordDocument
// stream, read by word-extractor (pure JS). Its OLE reader only is used (its .docx path is mammoth's
// job here). Deleted revisions are dropped by word-extractor; comments, footnotes, headers and
// text boxes are kept apart from the body, which is all we take.
import BufferReader from 'word-extractor/lib/buffer-reader';
import WordOleExtractor from 'word-extractor/lib/word-ole-extractor';
import { SkipError } from '../skipReason';
import { Stalled } from '../stall';
import { errorMessage, type FormatContext } from './format';
import { isCompoundFile } from './zip';

/** FIB flags (offset 0x0A of the WordDocument stream): fEncrypted and fObfuscated. */
const FIB_ENCRYPTED = 0x0100;
const FIB_OBFUSCATED = 0x8000;
/** A compound file's directory entries are 128 bytes; the name's length in bytes (with its NUL) is at 64. */
const DIRECTORY_ENTRY_BYTES = 128;

/**
 * Whether a compound file's directory holds an entry of this name. The directory is found by its
 * entries' shape (UTF-16 name, NUL, its length at byte 64, on a 128-byte boundary) rather than by
 * walking the sector chains: enough to tell a Word document from an encrypted package or a Works file.
 */
export function hasCompoundStream(buf: Buffer, name: string): boolean {
  const needle = Buffer.from(`${name}\0`, 'utf16le');
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 1)) {
    if (at % DIRECTORY_ENTRY_BYTES === 0 && at + 66 <= buf.length && buf.readUInt16LE(at + 64) === needle.length) return true;
  }
  return false;
}

class CheckedWordExtractor extends WordOleExtractor {
  constructor(private readonly format: string) {
    super();
  }

  override extractWordDocument(document: unknown, buffer: Buffer) {
    // An encrypted document's text is ciphertext: word-extractor would return it as garbage.
    if (buffer.length >= 12 && buffer.readUInt16LE(0) === 0xa5ec && buffer.readUInt16LE(0x0a) & (FIB_ENCRYPTED | FIB_OBFUSCATED)) {
      return Promise.reject(new SkipError({ code: 'encrypted', format: this.format }));
    }
    return super.extractWordDocument(document, buffer);
  }
}

/** The body text of a Word 97–2003 compound file, one paragraph per line. */
export async function wordBinaryText(buf: Buffer, format: string, context?: FormatContext): Promise<string> {
  if (!isCompoundFile(buf)) throw new SkipError({ code: 'notWordBinary', format });
  if (!hasCompoundStream(buf, 'WordDocument')) {
    // The header names the directory's first sector: past the end of the file, the file was cut short.
    const sectorBytes = 2 ** buf.readUInt16LE(0x1e);
    const directory = (buf.readUInt32LE(0x30) + 1) * sectorBytes;
    if (buf.length >= 0x34 && directory >= buf.length) throw new SkipError({ code: 'damaged', format, message: 'the file is cut short' });
    throw new SkipError({ code: 'notWordBinary', format });
  }
  let body: string;
  try {
    const work = new CheckedWordExtractor(format).extract(new BufferReader(buf));
    const document = await (context ? context.within(work) : work);
    // filterUnicode would turn Chinese quotes “” into ASCII ones.
    body = document.getBody({ filterUnicode: false });
  } catch (err) {
    if (err instanceof SkipError || err instanceof Stalled) throw err;
    throw new SkipError({ code: 'damaged', format, message: errorMessage(err) });
  }
  return body.replace(/\r\n?/g, '\n');
}
