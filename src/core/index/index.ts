// The index of a corpus (corpusIndex.ts), built from speeches, saved to and loaded from a cache
// (cache.ts), updated per file (indexCorpus.ts), and built off the editor's thread (worker.ts).
export { buildCompletionIndex, buildCorpusIndex, buildCorpusIndexAsync, emptyCorpusIndex, PARALLEL_BUILD_CHARS, type BuildOptions, type CompletionIndex, type CorpusIndex } from './corpusIndex';
export { cacheFileFor, foldVersions, indexCorpus, type IndexCorpusOptions, type IndexedCorpus, type IndexProgress } from './indexCorpus';
export { ENGINE_VERSION, type CacheIdentity } from './cache';
export { itemKindAt, type ItemKind } from './roles';
export { SearchTables, UNIT_KINDS, type SearchUnitKind } from './searchTables';
export {
  BigramTable,
  FIXED_SLOT,
  FormulationTable,
  SOFT_SLOT,
  GARBLED_RATIO,
  TWO_EDIT_MIN_CHARS,
  suspectSlips,
  hanCount,
  isHan,
  type Formulation,
  type FormulationForm,
  type FormulationHalf,
  type FormulationPiece,
  type SuspectSlip,
  type GroupVariant,
  type VariantTarget,
} from './formulations';
