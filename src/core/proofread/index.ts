// 校对: typos, punctuation (GB/T 15834), numbers (GB/T 15835) and numbering of a draft.
export { Proofreader, proofread, applyFixes, corpusCounts, defaultProofreadOptions } from './proofread';
export { TypoChecker, WORD_SLIP } from './typos';
export { proseOf, paragraphsOf } from './prose';
export { mergeFindings } from './finding';
export {
  PROOFREAD_KINDS,
  PROOFREAD_CODES,
  kindOf,
  type ProofreadKind,
  type ProofreadCode,
  type ProofreadFinding,
  type ProofreadOptions,
  type CorpusEvidence,
} from './types';
