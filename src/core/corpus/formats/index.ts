// The corpus formats by file extension: how each is read and how large it may be. CORPUS_EXTENSIONS,
// isCorpusFile and the size limits follow this table; readSpeechFile reads through it.
import { EncodingMismatch, encodingCandidates, SliceDecoder as TextSliceDecoder, undecodable } from '../decode';
import { SkipError } from '../skipReason';
import { wordBinaryText } from './doc';
import { docxText } from './docx';
import type { CorpusFormat, FormatContext, StreamedFormat, WholeFileFormat } from './format';
import { htmlText } from './html';
import { mhtText } from './mht';
import { odtText } from './odt';
import { pdfText } from './pdf';
import { rtfText, rtfDecoders } from './rtf';
import { isCompoundFile } from './zip';

export type { CorpusFormat, FormatContext, SliceDecoder, StreamedFormat, WholeFileFormat } from './format';
export { EncodingMismatch };

const MB = 1024 * 1024;

/**
 * A .docx, .odt or Word 97–2003 file is read whole (a zip from its end, a compound file through its
 * sector tables); beyond 64 MB it is pictures, not a speech.
 */
export const MAX_DOCX_FILE_BYTES = 64 * MB;
export const MAX_WORD_BINARY_FILE_BYTES = 64 * MB;
export const MAX_ODT_FILE_BYTES = 64 * MB;
/**
 * pdf.js holds the whole file and its object tables: an official PDF with embedded fonts and figures
 * runs to a few hundred KB a page, so 128 MB is several hundred pages.
 */
export const MAX_PDF_FILE_BYTES = 128 * MB;
/** A saved page is parsed into a tree several times its size; past 128 MB it is inlined pictures. */
export const MAX_HTML_FILE_BYTES = 128 * MB;
/** A .mht carries the page's pictures in base64 beside it: the page itself is a small part of it. */
export const MAX_MHT_FILE_BYTES = 128 * MB;

function plainText(markdown: boolean): StreamedFormat {
  return {
    kind: 'streamed',
    markdown,
    decoders(head) {
      const { encodings, skip } = encodingCandidates(head);
      return {
        skip,
        candidates: encodings.map((encoding) => () => new TextSliceDecoder(encoding, skip > 0)),
        undecodable: () => undecodable(encodings, skip > 0),
      };
    },
  };
}

const startsWith = (bytes: Buffer, text: string) => bytes.subarray(0, 64).toString('latin1').replace(/^(?:\ufeff|\u00ef\u00bb\u00bf|\s)+/, '').startsWith(text);

/**
 * A .doc or .wps by what it holds, not its name: Word 97–2003 and WPS write a compound file; Word
 * also saves "Word documents" that are RTF or a web page, and a renamed .docx is a zip.
 */
async function wordText(bytes: Buffer, format: string, context: FormatContext): Promise<string> {
  if (isCompoundFile(bytes)) return wordBinaryText(bytes, format, context);
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return docxText(bytes, context);
  if (startsWith(bytes, '{\\rtf')) return rtfText(bytes);
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (/^\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)/i.test(head)) return htmlText(bytes);
  if (/^(?:mime-version|content-type):/im.test(head)) return mhtText(bytes);
  throw new SkipError({ code: 'notWordBinary', format });
}

function whole(maxBytes: number, read: WholeFileFormat['read']): WholeFileFormat {
  return { kind: 'whole', maxBytes, read };
}

const html = whole(MAX_HTML_FILE_BYTES, async (bytes) => htmlText(bytes));
const mht = whole(MAX_MHT_FILE_BYTES, async (bytes) => mhtText(bytes));

export const CORPUS_FORMATS: Readonly<Record<string, CorpusFormat>> = {
  '.txt': plainText(false),
  '.md': plainText(true),
  '.docx': whole(MAX_DOCX_FILE_BYTES, (bytes, context) => docxText(bytes, context)),
  '.doc': whole(MAX_WORD_BINARY_FILE_BYTES, (bytes, context) => wordText(bytes, '.doc', context)),
  '.wps': whole(MAX_WORD_BINARY_FILE_BYTES, (bytes, context) => wordText(bytes, '.wps', context)),
  '.pdf': whole(MAX_PDF_FILE_BYTES, pdfText),
  '.html': html,
  '.htm': html,
  '.mht': mht,
  '.mhtml': mht,
  '.rtf': { kind: 'streamed', decoders: rtfDecoders },
  '.odt': whole(MAX_ODT_FILE_BYTES, async (bytes) => odtText(bytes)),
};

/** The extensions read, in the table's order. */
export const CORPUS_EXTENSIONS = Object.keys(CORPUS_FORMATS);

export function formatOf(ext: string): CorpusFormat | undefined {
  return Object.prototype.hasOwnProperty.call(CORPUS_FORMATS, ext) ? CORPUS_FORMATS[ext] : undefined;
}
