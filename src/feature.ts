// What every surface (tree, completion, search, status bar…) is handed by `activate`.
import type * as vscode from 'vscode';
import type { PhraseCompleter } from './completer';
import type { Corpus } from './corpus';

export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  /**
   * The corpus of this window with its one index: `await corpus.ready` for the loaded speeches and
   * index, `corpus.current` where nothing may wait (a keystroke), `corpus.onDidChange` for reloads.
   */
  readonly corpus: Corpus;
  /** Completion shared by the suggest list and ghost text: the corpus index, the open drafts, phrases accepted before. */
  readonly completer: PhraseCompleter;
  /** The 讲稿助手 output channel. */
  readonly log: vscode.LogOutputChannel;
}

/** Registers one surface; must stay cheap (no corpus loading) and return everything it registered. */
export type Feature = (context: FeatureContext) => vscode.Disposable;
