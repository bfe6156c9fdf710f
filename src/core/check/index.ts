// 提法核对: near-misses of the corpus's well-attested formulations (the index's formulation table) in a draft.
export {
  checkFormulations,
  CHANNEL_WEIGHT,
  DEFAULT_MIN_CONFIDENCE,
  type CheckIndex,
  type FormulationCheckOptions,
  type FormulationEditKind,
  type FormulationIssue,
  type PhraseExample,
} from './check';
export { checkDraft, formulationFinding, indexEvidence, type DraftCheckOptions } from './findings';
/** Loads what the check's homophone and look-alike weights read (pinyin-pro, ~80 ms) ahead of the first check. */
export { warmUpPinyin as warmUpCheck } from '../lexicon/confusable';
