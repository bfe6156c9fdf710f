// Completion over the index: `complete` per keystroke, and what the writer chose before (ranking.ts).
export { complete, completionTuning, type CompleteOptions, type CompletionExplanation, type CompletionItem, type CompletionKind } from './complete';
export { defaultEagerness, EAGERNESS, itemChance, itemFeatures, itemModel, listChance, listKnots, thresholds, type Eagerness, type ItemEvidence } from './calibration';
export { snippetOf } from './snippet';
