// The CorpusLoader of the extension: the corpus and its whole index (completion, mining, search)
// are loaded, built and cached by the indexing worker (dist/worker.js), never on the extension
// host thread. The cache lives in the extension's global storage, keyed by every corpus file's
// path, size and mtime, the engine's version and this extension's version. The index built with a
// corpus is handed to the phrase and search features through `prebuiltIndexOf`, so they don't
// build their own on this thread.
import * as vscode from 'vscode';
import type { CorpusIndex } from './core/corpusIndex';
import { IndexWorker } from './core/corpusIndex/indexWorkerClient';
import type { SpeechDocument } from './core/types';
import type { CorpusLoader } from './corpus';

const prebuilt = new WeakMap<readonly SpeechDocument[], CorpusIndex>();

/** The index the worker built together with these speeches (the `documents` of a LoadedCorpus), if any. */
export function prebuiltIndexOf(documents: readonly SpeechDocument[]): CorpusIndex | undefined {
  return prebuilt.get(documents);
}

export function workerCorpusLoader(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel): CorpusLoader {
  const worker = new IndexWorker(vscode.Uri.joinPath(extension.extensionUri, 'dist', 'worker.js').fsPath);
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
      prebuilt.set(result.documents, result.index);
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
