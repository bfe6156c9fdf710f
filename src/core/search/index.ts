// Search over the corpus (the index's search tables): keywords in, ranked hits with matched ranges out.
export { markMatches, parseQuery, searchCorpus, type SearchHit, type SearchHitKind, type SearchOptions } from './search';
