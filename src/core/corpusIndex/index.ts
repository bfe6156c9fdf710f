// The corpus index as a whole: built from speeches, saved to and loaded from a cache, updated per file.
export { buildCorpusIndex, buildCorpusIndexAsync, PARALLEL_BUILD_CHARS, type CorpusIndex } from './build';
export { cacheFileFor, indexCorpus, type IndexCorpusOptions, type IndexedCorpus, type IndexProgress } from './indexCorpus';
export { ENGINE_VERSION, type CacheIdentity } from '../cache/indexCache';
