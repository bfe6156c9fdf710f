// What every surface (tree, completion, search, status bar…) is handed by `activate`.
import type * as vscode from 'vscode';
import type { Corpus } from './corpus';

export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  /** The corpus of this window: `await corpus.ready` for the loaded speeches, `corpus.onDidChange` for reloads. */
  readonly corpus: Corpus;
  /** The 讲稿助手 output channel. */
  readonly log: vscode.LogOutputChannel;
}

/** Registers one surface; must stay cheap (no corpus loading) and return everything it registered. */
export type Feature = (context: FeatureContext) => vscode.Disposable;
