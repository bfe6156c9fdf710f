// The corpus index on disk, and on the wire from the indexing worker: one section file
// (sectionFile.ts) holding the corpus text, its suffix array, the roles, the search tables, the
// formulation table and the speeches' metadata, keyed by every corpus file's path, size and mtime,
// the engine's version and the extension's build. Loading it takes the typed arrays as they are;
// nothing is mined, sorted or queried again.
import type { SkipReason } from '../corpus/skipReason';
import { SegmentedText, type CorpusChars, type CorpusText, type DocumentSpan } from '../phrases/corpusText';
import type { MinedItems } from '../phrases/sampledMining';
import type { CorpusIndex } from './corpusIndex';
import { FormulationTable, type FormulationTableParts } from './formulations';
import { SearchTables, type SearchTablesParts } from './searchTables';
import type { Heading, SkippedFile, SpeechDocument, SpeechKind } from '../types';
import { CacheInvalidError, SectionFile, writeSectionFile, type SectionArray, type SectionValue } from './sectionFile';

/** Bump when what the engine builds (or how it is saved) changes: every older cache is then rebuilt. */
export const ENGINE_VERSION = 6;

/** One corpus file as the cache knows it: a change of size or mtime means it is read again. */
export interface CachedFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** Speeches of this file, in order (they follow the previous files' speeches in `documents`). */
  speeches: number;
  /** Why the file gave no speeches, when it was skipped. */
  skipped?: SkipReason;
}

interface CachedSpeech {
  id: string;
  title: string;
  kind: SpeechKind;
  source: string;
  sourceLines: [number, number];
  headings: Heading[];
  length: number;
  /** Where the text is: the corpus text (the common case: cleaning changed nothing) or the own-text section. */
  inCorpus: boolean;
  at: number;
}

export interface CacheMeta {
  engine: number;
  build: string;
  files: CachedFile[];
  /** Sources that could not be read at all (missing folders): not files, so not keyed. */
  skippedSources: SkippedFile[];
  speeches: CachedSpeech[];
  phrases: MinedItems['phrases'];
  groups: MinedItems['groups'];
  quotations: MinedItems['quotations'];
  formulations: FormulationTableParts['formulations'];
  variants: FormulationTableParts['variants'];
}

export interface CorpusIndexParts {
  meta: CacheMeta;
  /** Typed arrays, and the two texts as strings. */
  sections: Record<string, SectionValue>;
}

export interface CacheIdentity {
  /** The extension's version (or any build id): a cache from another build is not used. */
  build: string;
}

const textOf = (codes: Uint16Array): string => Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).toString('utf16le');

/** The index as a JSON-able meta and typed-array sections: what the cache file holds, and what the worker posts. */
export function corpusIndexParts(index: CorpusIndex, files: CachedFile[], skippedSources: SkippedFile[], identity: CacheIdentity): CorpusIndexParts {
  const { corpus, mined } = index;
  const own: string[] = [];
  let ownLength = 0;
  const speeches: CachedSpeech[] = index.documents.map((d, i) => {
    const start = corpus.spans[i].start;
    const inCorpus = corpus.text.startsWith(d.text, start) && corpus.text.charCodeAt(start + d.text.length) === 0;
    const at = inCorpus ? start : ownLength;
    if (!inCorpus) {
      own.push(d.text);
      ownLength += d.text.length;
    }
    return { id: d.id, title: d.title, kind: d.kind, source: d.source, sourceLines: d.sourceLines, headings: d.headings, length: d.text.length, inCorpus, at };
  });
  const lineStartOffset = new Int32Array(corpus.spans.length + 1);
  corpus.spans.forEach((s, i) => (lineStartOffset[i + 1] = lineStartOffset[i] + s.lineStarts.length));
  const lineStarts = new Int32Array(lineStartOffset[corpus.spans.length]);
  corpus.spans.forEach((s, i) => lineStarts.set(s.lineStarts, lineStartOffset[i]));
  const search = index.search.toParts();
  const formulations = index.formulations.toParts();
  const meta: CacheMeta = {
    engine: ENGINE_VERSION,
    build: identity.build,
    files,
    skippedSources,
    speeches,
    phrases: mined.phrases,
    groups: mined.groups,
    quotations: mined.quotations,
    formulations: formulations.formulations,
    variants: formulations.variants,
  };
  const sections: Record<string, SectionValue> = {
    // One string in the worker, where the parts are made (an index on the editor's thread is never saved).
    text: typeof corpus.text === 'string' ? corpus.text : corpus.text.slice(0),
    ownText: own.join(''),
    sa: corpus.sa,
    roles: index.roles,
    formulationSlots: formulations.slots,
    spanStart: Int32Array.from(corpus.spans, (s) => s.start),
    lineStartOffset,
    lineStarts,
    unitDoc: search.unitDoc,
    unitStart: search.unitStart,
    unitEnd: search.unitEnd,
    unitLine: search.unitLine,
    unitKind: search.unitKind,
    bigramKeys: search.bigrams.keys,
    bigramSlotKeys: search.bigrams.slotKeys,
    bigramSlotIds: search.bigrams.slotIds,
    bigramOffset: search.bigrams.offset,
    bigramCounts: search.bigrams.counts,
    bigramData: search.bigrams.data,
  };
  return { meta, sections };
}

export function saveCorpusIndex(file: string, index: CorpusIndex, files: CachedFile[], skippedSources: SkippedFile[], identity: CacheIdentity): void {
  const { meta, sections } = corpusIndexParts(index, files, skippedSources, identity);
  writeSectionFile(file, meta, sections);
}

/** Reads one section (from a cache file or a posted message), checked; throws CacheInvalidError. */
export type SectionReader = {
  (name: string, type: 'i32'): Int32Array;
  (name: string, type: 'u16'): Uint16Array;
  (name: string, type: 'u8'): Uint8Array;
  (name: string, type: 'text'): string;
};

/**
 * The cached speeches with their text, without the index. The corpus text is the 'text' section
 * (a cache file, in the worker), or else the speeches' corpus segments sent one by one (the worker's
 * hand-over to the editor's thread, which never holds the text as one string).
 */
export function restoreDocuments(meta: CacheMeta, read: SectionReader, segments?: readonly string[]): { documents: SpeechDocument[]; corpusText: CorpusChars } {
  const ownText = read('ownText', 'text');
  let corpusText: CorpusChars;
  let inCorpus: (s: CachedSpeech, i: number) => string;
  if (segments) {
    if (segments.length !== meta.speeches.length) throw new CacheInvalidError('the speeches and their texts do not match');
    corpusText = new SegmentedText(segments, read('spanStart', 'i32'));
    inCorpus = (s, i) => {
      if (s.length !== segments[i].length) throw new CacheInvalidError(`speech ${s.id} does not fit its text`);
      return segments[i];
    };
  } else {
    const text = read('text', 'text');
    corpusText = text;
    inCorpus = (s) => {
      if (s.at < 0 || s.at + s.length > text.length) throw new CacheInvalidError(`cached speech ${s.id} lies outside the cached text`);
      return text.slice(s.at, s.at + s.length);
    };
  }
  const documents = meta.speeches.map((s, i): SpeechDocument => {
    if (!s.inCorpus && (s.at < 0 || s.at + s.length > ownText.length)) throw new CacheInvalidError(`cached speech ${s.id} lies outside the cached text`);
    const text = s.inCorpus ? inCorpus(s, i) : ownText.slice(s.at, s.at + s.length);
    return { id: s.id, title: s.title, kind: s.kind, text, source: s.source, sourceLines: s.sourceLines, headings: s.headings };
  });
  return { documents, corpusText };
}

/** The whole index from its parts, every section checked against the others. */
export function restoreCorpusIndex(meta: CacheMeta, read: SectionReader, segments?: readonly string[]): CorpusIndex {
  const steps = restoreSteps(meta, read, segments);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, giving the event loop a turn between its steps (the speeches, the search tables, the
 * formulation table): how the extension host takes an index from the worker without a long stall.
 */
export async function restoreCorpusIndexYielding(meta: CacheMeta, read: SectionReader, segments?: readonly string[]): Promise<CorpusIndex> {
  const steps = restoreSteps(meta, read, segments);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* restoreSteps(meta: CacheMeta, read: SectionReader, segments?: readonly string[]): Generator<void, CorpusIndex> {
  const t0 = performance.now();
  const { documents, corpusText } = restoreDocuments(meta, read, segments);
  const t1 = performance.now();
  yield;
  const sa = read('sa', 'i32');
  const roles = read('roles', 'u8');
  const spanStart = read('spanStart', 'i32');
  const lineStartOffset = read('lineStartOffset', 'i32');
  const lineStarts = read('lineStarts', 'i32');
  if (sa.length !== corpusText.length || roles.length !== corpusText.length) throw new CacheInvalidError('cached suffix array does not fit the cached text');
  if (spanStart.length !== documents.length || lineStartOffset.length !== documents.length + 1) throw new CacheInvalidError('cached speech table does not fit');
  const spans: DocumentSpan[] = documents.map((_, doc) => ({
    doc,
    start: spanStart[doc],
    lineStarts: lineStarts.subarray(lineStartOffset[doc], lineStartOffset[doc + 1]),
  }));
  const corpus: CorpusText = { text: corpusText, sa, documents, spans };
  const mined: MinedItems = { phrases: meta.phrases, groups: meta.groups, quotations: meta.quotations };
  const searchParts: SearchTablesParts = {
    unitDoc: read('unitDoc', 'i32'),
    unitStart: read('unitStart', 'i32'),
    unitEnd: read('unitEnd', 'i32'),
    unitLine: read('unitLine', 'i32'),
    unitKind: read('unitKind', 'u8'),
    bigrams: { keys: read('bigramKeys', 'i32'), slotKeys: read('bigramSlotKeys', 'i32'), slotIds: read('bigramSlotIds', 'i32'), offset: read('bigramOffset', 'i32'), counts: read('bigramCounts', 'i32'), data: read('bigramData', 'u8') },
  };
  const checked = <T>(restore: () => T): T => {
    try {
      return restore();
    } catch (err) {
      throw err instanceof CacheInvalidError ? err : new CacheInvalidError(err instanceof Error ? err.message : String(err));
    }
  };
  const t2 = performance.now();
  const search = checked(() => SearchTables.fromParts(documents, searchParts));
  const t3 = performance.now();
  yield;
  const t4 = performance.now();
  const slots = read('formulationSlots', 'u8');
  const formulations = checked(() => FormulationTable.fromParts({ formulations: meta.formulations, variants: meta.variants, slots }));
  const t5 = performance.now();
  const timings = {
    restore_s: (t1 - t0 + t3 - t2 + t5 - t4) / 1000,
    restore_documents_s: (t1 - t0) / 1000,
    restore_search_s: (t3 - t2) / 1000,
    restore_formulations_s: (t5 - t4) / 1000,
  };
  return { documents, corpus, mined, roles, search, formulations, timings };
}

/** A reader over sections held in memory (a posted message): same checks of presence and type. */
export function memoryReader(sections: Record<string, SectionValue>): SectionReader {
  return ((name: string, type: 'i32' | 'u16' | 'u8' | 'text') => {
    const a = sections[name];
    const ok =
      type === 'text' ? typeof a === 'string' : type === 'i32' ? a instanceof Int32Array : type === 'u16' ? a instanceof Uint16Array : a instanceof Uint8Array;
    if (!ok) throw new CacheInvalidError(`section ${name} is missing or not ${type}`);
    return a;
  }) as SectionReader;
}


/** An opened cache whose header matches this engine and build; its parts are read on demand. */
export class CorpusIndexCache {
  private constructor(private readonly file: SectionFile<CacheMeta>) {}

  /** Opens the cache, or throws CacheInvalidError (missing, foreign, damaged, or from another engine or build). */
  static open(path: string, identity: CacheIdentity): CorpusIndexCache {
    const file = SectionFile.open<CacheMeta>(path);
    const meta = file.meta;
    const problem =
      meta?.engine !== ENGINE_VERSION
        ? `cache is from engine ${meta?.engine}, this is ${ENGINE_VERSION}`
        : meta.build !== identity.build
          ? `cache is from build ${meta.build}, this is ${identity.build}`
          : !Array.isArray(meta.files) || !Array.isArray(meta.speeches)
            ? 'cache header is incomplete'
            : meta.files.reduce((n, f) => n + f.speeches, 0) !== meta.speeches.length
              ? 'cache header does not add up'
              : undefined;
    if (problem) {
      file.close();
      throw new CacheInvalidError(problem);
    }
    return new CorpusIndexCache(file);
  }

  get files(): readonly CachedFile[] {
    return this.file.meta.files;
  }

  get skippedSources(): readonly SkippedFile[] {
    return this.file.meta.skippedSources;
  }

  /** The cached speeches (with their text), without the index: what an incremental update reuses. */
  documents(): { documents: SpeechDocument[]; corpusText: CorpusChars } {
    return restoreDocuments(this.file.meta, this.reader());
  }

  /** The whole index, every section checked. */
  index(): CorpusIndex {
    return restoreCorpusIndex(this.file.meta, this.reader());
  }

  private reader(): SectionReader {
    return ((name: string, type: 'i32' | 'u16' | 'u8' | 'text') =>
      type === 'text' ? textOf(this.file.read(name, 'u16')) : this.file.read(name, type as 'i32')) as SectionReader;
  }

  close(): void {
    this.file.close();
  }
}
