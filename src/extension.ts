// Wires every surface to one Corpus and its index. `activate` is synchronous and cheap: it registers
// providers and commands only; the corpus and its index load (in the indexing worker) when a feature
// first awaits `corpus.ready`.
//
// Language choice: our users are Chinese, and many of them run an English VS Code. The product name
// 讲稿助手 stays Chinese in every locale (it is the name; the activity-bar entry is 讲稿助手 everywhere).
// An English VS Code adds an English gloss where a reader needs one ("素材库 Corpus", the command
// category and extension name "讲稿助手 Speech Drafter") and shows English command titles and messages.
// Speech kinds (讲话, 主持词…) are the corpus's own vocabulary and are never translated. A Chinese
// VS Code shows Chinese throughout (package.nls.zh-cn.json, l10n/bundle.l10n.zh-cn.json).
import * as vscode from 'vscode';
import { AcceptedPhraseStore, PhraseCompleter, setting } from './completer';
import { registerPhraseCompletion } from './completion';
import { Corpus } from './corpus';
import { registerCorpusStatus } from './corpusStatus';
import { OpenDrafts } from './drafts';
import type { Feature, FeatureContext } from './feature';
import { registerInlinePhraseCompletion } from './inlineCompletion';
import { registerInsertOutline } from './insertOutline';
import { registerPhrasesView } from './phrasesView';
import { registerProofread } from './proofread';
import { registerRelatedView } from './relatedView';
import { registerCorpusSearch } from './search';
import { registerSpeechDocuments } from './speechDocuments';
import { registerStatusBar } from './statusBar';
import { registerCorpusTree } from './tree';
import { registerExportDocx } from './exportDocx';
import { registerImportDocx } from './importDocx';
import { registerPagePreview } from './pagePreview';
import { workerCorpusLoader, workerDraftsIndexer } from './workerLoader';

/** Add a surface here: one line, one `Feature`. */
const features: Feature[] = [
  registerSpeechDocuments,
  registerCorpusTree,
  registerPhraseCompletion,
  registerInlinePhraseCompletion,
  registerCorpusSearch,
  registerInsertOutline,
  registerRelatedView,
  registerPhrasesView,
  registerStatusBar,
  registerCorpusStatus,
  registerExportDocx,
  registerPagePreview,
  registerImportDocx,
  registerProofread,
];

export const LogCommands = { showLog: 'speechDrafter.showLog' } as const;

/** What `vscode.extensions.getExtension(...).exports` gives tests and other extensions. */
export interface SpeechDrafterApi {
  readonly corpus: Corpus;
  /** Time spent inside `activate`, from performance marks. */
  readonly activationMs: number;
}

export function activate(extension: vscode.ExtensionContext): SpeechDrafterApi {
  const start = performance.mark('speechDrafter.activate.start');
  const log = vscode.window.createOutputChannel('讲稿助手', { log: true });
  const corpus = new Corpus(extension.extensionUri, log, workerCorpusLoader(extension, log));
  const drafts = new OpenDrafts(corpus, log, () => setting('includeOpenDrafts', true), workerDraftsIndexer(extension));
  const completer = new PhraseCompleter(corpus, drafts, new AcceptedPhraseStore(extension.globalState));
  extension.subscriptions.push(log, corpus, drafts, vscode.commands.registerCommand(LogCommands.showLog, () => log.show()));
  const context: FeatureContext = { extension, corpus, completer, log };
  for (const feature of features) extension.subscriptions.push(feature(context));
  const end = performance.mark('speechDrafter.activate.end');
  const activationMs = end.startTime - start.startTime;
  log.info(`activate: ${activationMs.toFixed(2)} ms`);
  return { corpus, activationMs };
}

export function deactivate(): void {
  // Everything registered is in context.subscriptions; VS Code disposes it.
}
