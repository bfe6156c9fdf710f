// Search over the corpus (the index's search tables): keywords in, ranked passages with matched
// ranges out; and 相关素材, the passages most related to a paragraph being written.
export { bareText, markMatches, parseQuery, searchCorpus, type SearchHit, type SearchHitKind, type SearchOptions } from './search';
export { relatedFocus, relatedPassages, type RelatedFocus, type RelatedHit, type RelatedOptions } from './related';
export { excerptOf, headingName, headingsAbove, showPlaceholders, type PassageKind, type PassagePlace } from './passages';
