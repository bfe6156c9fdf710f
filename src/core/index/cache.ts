// The corpus index on disk, and on the wire from the indexing worker: one section file
// (sectionFile.ts) holding the corpus text, its suffix array, the roles, the search tables, the
// formulation table and the speeches' metadata, keyed by every corpus file's path, size and mtime,
// the engine's version and the extension's build. Loading it takes the typed arrays as they are;
// nothing is mined, sorted or queried again.
//
// The cache keeps every file's speeches, the copies of a speech saved several times too (each marked
// with the id of the speech that stands for it, its text in the own-text section), so an update can
// fold versions again over all of them; the speeches the index was built on carry their versions,
// so a load has them without folding anything. The worker's hand-over sends only the latter.
import type { SkipReason } from '../corpus/skipReason';
import { SegmentedText, type CorpusChars, type CorpusText, type DocumentSpan } from '../phrases/corpusText';
import type { MinedItems } from '../phrases/sampledMining';
import type { CorpusIndex } from './corpusIndex';
import { FormulationTable, type FormulationTableParts } from './formulations';
import { SearchTables, type SearchTablesParts } from './searchTables';
import type { Heading, SkippedFile, SpeechDocument, SpeechKind, SpeechVersion } from '../types';
import { CacheInvalidError, SectionFile, writeSectionFile, type SectionArray, type SectionValue } from './sectionFile';

/** Bump when what the engine builds (or how it is saved) changes: every older cache is then rebuilt. */
export const ENGINE_VERSION = 11;

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
  /** A speech of the index: its other copies (dedupe.ts), when it stands for some. */
  versions?: SpeechVersion[];
  /** A copy, not indexed: the id of the speech that stands for it (its text is in the own-text section). */
  versionOf?: string;
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

/**
 * The index as a JSON-able meta and typed-array sections: what the cache file holds, and what the
 * worker posts. `all`: every speech read, in file order, the copies its speeches stand for among them
 * (the cache keeps those); without it only the index's speeches are written (the worker's hand-over).
 */
export function corpusIndexParts(
  index: CorpusIndex,
  files: CachedFile[],
  skippedSources: SkippedFile[],
  identity: CacheIdentity,
  all: readonly SpeechDocument[] = index.documents,
): CorpusIndexParts {
  const { corpus, mined } = index;
  const own: string[] = [];
  let ownLength = 0;
  const ownText = (text: string) => {
    own.push(text);
    ownLength += text.length;
    return ownLength - text.length;
  };
  const cached = (d: SpeechDocument) => ({ id: d.id, title: d.title, kind: d.kind, source: d.source, sourceLines: d.sourceLines, headings: d.headings, length: d.text.length });
  const keptBy = new Map<string, string>();
  for (const d of index.documents) for (const v of d.versions ?? []) keptBy.set(v.id, d.id);
  let next = 0;
  const speeches: CachedSpeech[] = all.map((d) => {
    const i = next;
    if (d.id !== index.documents[i]?.id) {
      const versionOf = keptBy.get(d.id);
      if (versionOf === undefined) throw new Error(`speech ${d.id} is neither indexed nor a version of an indexed speech`);
      return { ...cached(d), inCorpus: false, at: ownText(d.text), versionOf };
    }
    next++;
    const kept = index.documents[i];
    const start = corpus.spans[i].start;
    const inCorpus = corpus.text.startsWith(kept.text, start) && corpus.text.charCodeAt(start + kept.text.length) === 0;
    const at = inCorpus ? start : ownText(kept.text);
    return { ...cached(kept), inCorpus, at, ...(kept.versions?.length ? { versions: kept.versions } : {}) };
  });
  if (next !== index.documents.length) throw new Error('the speeches read do not hold every indexed speech in order');
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

export function saveCorpusIndex(
  file: string,
  index: CorpusIndex,
  files: CachedFile[],
  skippedSources: SkippedFile[],
  identity: CacheIdentity,
  all: readonly SpeechDocument[] = index.documents,
): void {
  const { meta, sections } = corpusIndexParts(index, files, skippedSources, identity, all);
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
 * The cached speeches with their text, without the index: `documents`, every speech read in file
 * order, copies too, without versions (what an incremental update reuses and folds again), and
 * `indexed`, the speeches the index was built on, with their versions. The corpus text is the 'text'
 * section (a cache file, in the worker), or else the indexed speeches' corpus segments sent one by
 * one (the worker's hand-over to the editor's thread, which never holds the text as one string).
 */
export function restoreDocuments(
  meta: CacheMeta,
  read: SectionReader,
  segments?: readonly string[],
): { documents: SpeechDocument[]; indexed: SpeechDocument[]; corpusText: CorpusChars } {
  const ownText = read('ownText', 'text');
  let corpusText: CorpusChars;
  let inCorpus: (s: CachedSpeech, k: number) => string;
  if (segments) {
    if (segments.length !== meta.speeches.filter((s) => s.versionOf === undefined).length) throw new CacheInvalidError('the speeches and their texts do not match');
    corpusText = new SegmentedText(segments, read('spanStart', 'i32'));
    inCorpus = (s, k) => {
      if (s.length !== segments[k].length) throw new CacheInvalidError(`speech ${s.id} does not fit its text`);
      return segments[k];
    };
  } else {
    const text = read('text', 'text');
    corpusText = text;
    inCorpus = (s) => {
      if (s.at < 0 || s.at + s.length > text.length) throw new CacheInvalidError(`cached speech ${s.id} lies outside the cached text`);
      return text.slice(s.at, s.at + s.length);
    };
  }
  const documents: SpeechDocument[] = [];
  const indexed: SpeechDocument[] = [];
  const indexedIds = new Map<string, SpeechDocument>();
  for (const s of meta.speeches) {
    if (!s.inCorpus && (s.at < 0 || s.at + s.length > ownText.length)) throw new CacheInvalidError(`cached speech ${s.id} lies outside the cached text`);
    const copy = s.versionOf !== undefined;
    if (copy && s.inCorpus) throw new CacheInvalidError(`cached copy ${s.id} lies in the corpus text`);
    const text = s.inCorpus ? inCorpus(s, indexed.length) : ownText.slice(s.at, s.at + s.length);
    const d: SpeechDocument = { id: s.id, title: s.title, kind: s.kind, text, source: s.source, sourceLines: s.sourceLines, headings: s.headings };
    documents.push(d);
    if (copy) continue;
    const kept = s.versions?.length ? { ...d, versions: s.versions } : d;
    indexed.push(kept);
    indexedIds.set(kept.id, kept);
  }
  // Every copy belongs to an indexed speech that lists it.
  for (const s of meta.speeches) {
    if (s.versionOf !== undefined && !indexedIds.get(s.versionOf)?.versions?.some((v) => v.id === s.id)) throw new CacheInvalidError(`cached copy ${s.id} is not a version of ${s.versionOf}`);
  }
  return { documents, indexed, corpusText };
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
  const { indexed: documents, corpusText } = restoreDocuments(meta, read, segments);
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

  /** The cached speeches (with their text), without the index: what an incremental update reuses (`documents`: every file's, copies too). */
  documents(): { documents: SpeechDocument[]; indexed: SpeechDocument[]; corpusText: CorpusChars } {
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
