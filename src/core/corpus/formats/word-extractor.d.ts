// The parts of word-extractor (no types of its own) that doc.ts uses.
declare module 'word-extractor/lib/buffer-reader' {
  export default class BufferReader {
    constructor(buffer: Buffer);
  }
}

declare module 'word-extractor/lib/word-ole-extractor' {
  import type BufferReader from 'word-extractor/lib/buffer-reader';
  export interface WordDocumentText {
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  export default class WordOleExtractor {
    extract(reader: BufferReader): Promise<WordDocumentText>;
    extractWordDocument(document: unknown, buffer: Buffer): Promise<WordDocumentText>;
  }
}
