// Completion over the index: `complete` per keystroke, and what the writer chose before (ranking.ts).
export { complete, completionTuning, type CompleteOptions, type CompletionItem, type CompletionKind } from './complete';
export { snippetOf } from './snippet';
