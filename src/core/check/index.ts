// 提法核对: near-misses of the corpus's well-attested formulations (the index's formulation table) in a draft.
export {
  checkFormulations,
  DEFAULT_MIN_CONFIDENCE,
  type CheckIndex,
  type FormulationCheckOptions,
  type FormulationEditKind,
  type FormulationIssue,
  type PhraseExample,
} from './check';
