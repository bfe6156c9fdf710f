// 搜索素材库: a quick pick that searches the corpus as you type (sentences, titles, phrases), shows
// the matched characters, inserts the chosen sentence at the cursor, and opens its source speech.
//
// VS Code 1.100 lets an extension neither set highlights on a quick-pick item nor turn off the
// quick pick's own label matching, which re-sorts matching labels alphabetically. So the matched
// characters are marked in the label with 【】, and the label is what the engine ranked.
import * as vscode from 'vscode';
import type { Corpus, LoadedCorpus } from './corpus';
import { markMatches, searchCorpus as search, type SearchHit } from './core/search';
import type { Feature } from './feature';
import { showSpeech } from './speechDocuments';

export const SearchCommands = { searchCorpus: 'speechDrafter.searchCorpus' } as const;

const MAX_HITS = 50;

interface HitItem extends vscode.QuickPickItem {
  hit?: SearchHit;
}

const KIND_ICON: Record<SearchHit['kind'], string> = { sentence: 'quote', title: 'book', phrase: 'symbol-string' };

function hitItem(hit: SearchHit, openButton: vscode.QuickInputButton): HitItem {
  const where = hit.kind === 'phrase' ? vscode.l10n.t('stock phrase') : `${hit.title} · ${vscode.l10n.t('Line {0}', hit.line + 1)}`;
  return {
    label: markMatches(hit),
    // On its own line: a long sentence would push a description out of sight.
    detail: where,
    iconPath: new vscode.ThemeIcon(KIND_ICON[hit.kind]),
    // The engine's hits are already filtered and ranked; VS Code must not hide any of them.
    alwaysShow: true,
    buttons: hit.docId ? [openButton] : [],
    hit,
  };
}

function messageItem(text: string): HitItem {
  return { label: `$(info) ${text}`, alwaysShow: true };
}

/** Inserts `text` at every cursor of `editor` as one edit. */
export async function insertAtCursor(editor: vscode.TextEditor, text: string): Promise<void> {
  // One edit for every cursor: a single undo takes it all back.
  await editor.edit((builder) => {
    for (const selection of editor.selections) builder.replace(selection, text);
  });
  const end = editor.selection.end;
  editor.revealRange(new vscode.Range(end, end));
}

async function searchCorpus(corpus: Corpus): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const pick = vscode.window.createQuickPick<HitItem>();
  pick.title = vscode.l10n.t('Search the corpus');
  pick.placeholder = vscode.l10n.t('Type keywords; separate several with spaces (all must match)');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  const openButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: vscode.l10n.t('Open the source speech at this line') };
  const disposables: vscode.Disposable[] = [pick];
  let loaded: LoadedCorpus | undefined;
  let hidden = false;

  const refresh = () => {
    const query = pick.value;
    if (!loaded) {
      pick.items = [messageItem(vscode.l10n.t('Indexing…'))];
      return;
    }
    if (!query.trim()) {
      pick.items = [messageItem(vscode.l10n.t('Type to search {0} speeches: sentences, titles and phrases.', loaded.documents.length))];
      return;
    }
    const hits = search(loaded.index.search, query, { limit: MAX_HITS });
    pick.items = hits.length ? hits.map((h) => hitItem(h, openButton)) : [messageItem(vscode.l10n.t('Nothing in the corpus matches “{0}”.', query.trim()))];
  };

  disposables.push(
    pick.onDidChangeValue(refresh),
    pick.onDidAccept(async () => {
      const hit = pick.selectedItems[0]?.hit;
      if (!hit) return;
      pick.hide();
      if (!editor || editor.document.isClosed) {
        await vscode.env.clipboard.writeText(hit.text);
        void vscode.window.showInformationMessage(vscode.l10n.t('No editor is open; the sentence was copied to the clipboard.'));
        return;
      }
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      await insertAtCursor(editor, hit.text);
    }),
    pick.onDidTriggerItemButton(async (e) => {
      const hit = e.item.hit;
      const doc = hit && loaded?.byId(hit.docId);
      if (!hit || !doc) return;
      pick.hide();
      await showSpeech(doc, hit.line);
    }),
    pick.onDidHide(() => {
      hidden = true;
      vscode.Disposable.from(...disposables).dispose();
    }),
  );
  pick.busy = true;
  refresh();
  pick.show();
  const ready = await corpus.ready;
  if (hidden) return;
  loaded = ready;
  pick.busy = false;
  refresh();
}

export const registerCorpusSearch: Feature = (context) =>
  vscode.commands.registerCommand(SearchCommands.searchCorpus, () => searchCorpus(context.corpus));
