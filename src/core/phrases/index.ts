// Mining what speech writers reuse: stock phrases, parallel groups (排比) and quotations.
export { buildCorpusText, isAdvertising, locate, type CorpusText } from './corpusText';
export {
  defaultMiningOptions,
  mineParallelGroups,
  mineQuotations,
  mineStockPhrases,
  type MiningOptions,
  type ParallelGroup,
  type PhraseLocation,
  type Quotation,
  type StockPhrase,
} from './mine';
export { buildLcp, buildSuffixArray, findRange } from './suffixArray';
