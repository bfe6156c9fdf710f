// The corpus's state in the status bar while a draft is open: indexing (files read so far), or ready
// with the number of speeches the suggestions, the search and 提法核对 draw on. A click shows the
// 素材库 view. The icon is the readiness signal: $(library) means `corpus.current` holds the index of
// the corpus the settings name (the end-to-end tests wait on it, in any display language).
import * as vscode from 'vscode';
import type { Corpus, IndexOrigin, LoadedCorpus, LoadProgress } from './corpus';
import { isDraft } from './drafts';
import type { Feature } from './feature';
import { CORPUS_VIEW_ID } from './tree';

export const CORPUS_STATUS_ID = 'speechDrafter.corpusStatus';

function render(item: vscode.StatusBarItem, corpus: Corpus, progress: LoadProgress | undefined): void {
  const loaded = corpus.current;
  if (!corpus.isReady || !loaded) {
    const read = progress && progress.filesTotal ? vscode.l10n.t('{0} of {1} files', progress.filesDone.toLocaleString(), progress.filesTotal.toLocaleString()) : '';
    item.text = `$(sync~spin) ${vscode.l10n.t('Indexing…')}`;
    item.tooltip = read ? vscode.l10n.t('讲稿助手 is indexing the corpus: {0}.', read) : vscode.l10n.t('讲稿助手 is indexing the corpus.');
    item.accessibilityInformation = { label: typeof item.tooltip === 'string' ? item.tooltip : '' };
    return;
  }
  const speeches = loaded.documents.length.toLocaleString();
  const chars = loaded.documents.reduce((n, d) => n + d.text.length, 0).toLocaleString();
  item.text = `$(library) ${vscode.l10n.t('{0} speeches', speeches)}`;
  const ready = vscode.l10n.t('Corpus ready: {0} speeches, {1} characters.', speeches, chars);
  const how = loaded.origin && loaded.loadMs !== undefined ? ` ${vscode.l10n.t('Index {0} in {1} s.', originText(loaded.origin, loaded), (loaded.loadMs / 1000).toFixed(1))}` : '';
  const tooltip = `${ready}${how} ${vscode.l10n.t('Click to show the corpus.')}`;
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: tooltip };
}

function originText(origin: IndexOrigin, loaded: LoadedCorpus): string {
  if (origin === 'cache') return vscode.l10n.t('loaded from the cache');
  if (origin === 'rebuilt') return vscode.l10n.t('built from all files');
  return vscode.l10n.t('updated from the cache ({0} speeches)', loaded.documents.length.toLocaleString());
}

export const registerCorpusStatus: Feature = ({ corpus }) => {
  const item = vscode.window.createStatusBarItem(CORPUS_STATUS_ID, vscode.StatusBarAlignment.Right, 101);
  item.name = vscode.l10n.t('讲稿助手: corpus');
  item.command = { command: `${CORPUS_VIEW_ID}.focus`, title: vscode.l10n.t('Show the corpus') };
  let progress: LoadProgress | undefined;
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isDraft(document)) {
      item.hide();
      return;
    }
    render(item, corpus, progress);
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    corpus.onDidStartLoading(() => {
      progress = undefined;
      update();
    }),
    corpus.onDidReportProgress((p) => {
      progress = p;
      update();
    }),
    corpus.onDidChange(update),
  );
};
