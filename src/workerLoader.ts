// The CorpusLoader of the extension: the corpus and its whole index (mining, completion, search, the
// formulation table) are loaded, built and cached by the indexing worker (dist/worker.js), never on
// the extension host thread. The cache lives in the extension's global storage, keyed by every
// corpus file's path, size and mtime, the engine's version and this extension's version. A second
// worker builds the small index of the open drafts, so a draft never waits behind a corpus build.
import * as vscode from 'vscode';
import type { CompletionIndex } from './core/index';
import { IndexWorker } from './core/index/worker';
import type { SpeechDocument } from './core/types';
import type { CorpusLoader } from './corpus';

function workerFile(extension: vscode.ExtensionContext): string {
  return vscode.Uri.joinPath(extension.extensionUri, 'dist', 'worker.js').fsPath;
}

export function workerCorpusLoader(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel): CorpusLoader {
  const worker = new IndexWorker(workerFile(extension));
  extension.subscriptions.push({ dispose: () => worker.dispose() });
  const build = String(extension.extension.packageJSON.version ?? 'dev');
  return async (sources, { token, onProgress, maxFileBytes }) => {
    const started = Date.now();
    const result = await worker.index(sources, {
      storageDir: extension.globalStorageUri.fsPath,
      build,
      token,
      maxFileBytes,
      onProgress: (p) => onProgress({ filesDone: p.filesDone, filesTotal: p.filesTotal, chars: p.chars, path: p.path }),
    });
    if (result.cacheProblem) log.info(vscode.l10n.t('Index cache not used: {0}', result.cacheProblem));
    if (result.index) {
      const how =
        result.origin === 'cache'
          ? vscode.l10n.t('loaded from the cache')
          : result.origin === 'incremental'
            ? vscode.l10n.t('{0} changed files read again, the rest from the cache', result.reparsedFiles.length)
            : vscode.l10n.t('built from all files');
      log.info(vscode.l10n.t('Corpus index ready in {0} ms ({1}).', Date.now() - started, how));
    }
    return result;
  };
}

/** Builds the completion index of the open drafts in a worker of its own. */
export type DraftsIndexer = (documents: SpeechDocument[]) => Promise<CompletionIndex>;

export function workerDraftsIndexer(extension: vscode.ExtensionContext): DraftsIndexer {
  const worker = new IndexWorker(workerFile(extension));
  extension.subscriptions.push({ dispose: () => worker.dispose() });
  return (documents) => worker.completionIndex(documents);
}
