// Word 2007+ (.docx) through mammoth, after the zip checks of zip.ts. mammoth reads a document as
// its tracked changes accepted (w:ins and w:moveTo kept, w:del and w:moveFrom dropped) and leaves
// comments, footnotes and headers out, which is the text a speech is (test/core/formats.test.ts holds it to that).
import mammoth from 'mammoth';
import { SkipError } from '../skipReason';
import { checkedEntries, isCompoundFile } from './zip';
import { Stalled } from '../stall';
import { errorMessage, type FormatContext } from './format';
import { hasCompoundStream, wordBinaryText } from './doc';

/** Upper bound on the XML a .docx may expand to (the text of any real speech collection is far less). */
export const MAX_DOCX_XML_BYTES = 64 * 1024 * 1024;
/** Upper bound on all entries together, images included. */
export const MAX_DOCX_TOTAL_BYTES = 512 * 1024 * 1024;

/** Checks a .docx archive without reading it (declared sizes, then each XML part inflated under a cap). */
export function checkDocxArchive(buf: Buffer): void {
  checkedEntries(buf, { required: 'word/document.xml', format: '.docx', maxXmlBytes: MAX_DOCX_XML_BYTES, maxTotalBytes: MAX_DOCX_TOTAL_BYTES });
}

/** The text of a .docx, one paragraph per line (empty paragraphs stay as blank lines). */
export async function docxText(buf: Buffer, context?: FormatContext): Promise<string> {
  // Word saves a password-protected .docx as a compound file holding the encrypted package; a
  // compound file without one is a Word 97–2003 document that was renamed.
  if (isCompoundFile(buf)) {
    if (hasCompoundStream(buf, 'EncryptedPackage')) throw new SkipError({ code: 'encrypted', format: '.docx' });
    return wordBinaryText(buf, '.docx', context);
  }
  checkDocxArchive(buf);
  let result: { value: string };
  try {
    const work = mammoth.extractRawText({ buffer: buf });
    result = await (context ? context.within(work) : work);
  } catch (err) {
    if (err instanceof Stalled) throw err;
    throw new SkipError({ code: 'parseFailed', message: errorMessage(err) });
  }
  // mammoth ends every paragraph with a blank line; one newline per paragraph keeps Word's own blanks.
  return result.value.replace(/\n\n/g, '\n');
}
