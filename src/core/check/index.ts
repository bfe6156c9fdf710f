// 提法核对: near-misses of the corpus's well-attested formulations in a draft.
export {
  FormulationIndex,
  buildFormulationIndex,
  buildFormulationIndexInSlices,
  defaultFormulationCheckOptions,
  type Formulation,
  type FormulationCheckOptions,
} from './formulations';
export { checkFormulations, type FormulationEditKind, type FormulationIssue, type PhraseExample } from './check';
