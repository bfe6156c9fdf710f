// Mining what speech writers reuse: stock phrases, parallel groups (排比) and quotations.
export { attestation, buildCorpusText, documentAt, locate, occurrences, occurs, type Attestation, type CorpusText } from './corpusText';
export { mineCorpus, mineSample, recountMined, MINING_SAMPLE_CHARS, type MinedCorpus, type MinedItems } from './sampledMining';
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
