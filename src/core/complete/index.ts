// Completion over the mined corpus: build a PhraseIndex once, then ask `complete` per keystroke.
export { PhraseIndex, buildPhraseIndex, type PhraseIndexOptions } from './phraseIndex';
export { complete, completionTuning, type CompleteOptions, type CompletionItem, type CompletionKind } from './complete';
export { snippetOf } from './snippet';
export { formulationsOf, formulationsReady, guardItem, guardStats, typedTail } from './guard';
