// 搜索素材库: a quick pick that searches the corpus as you type and lists passages — sentences and
// whole paragraphs — best first, each with its speech's title and heading path. Enter inserts the
// passage at the cursor (one undo step; the corpus's `*` placeholders become tab stops reading 某), an
// item button opens it in its speech, and a last row brings 50 more.
//
// VS Code 1.100 lets an extension neither set highlights on a quick-pick item nor turn off the
// quick pick's own label matching, which puts every label holding the typed text as one piece first
// and sorts those by label — the engine's ranking lost. So the matched characters are marked in the
// label with 【】, and a zero-width space after each mark's first character keeps VS Code from
// finding the typed text whole in any label: the rows stay in the engine's order.
import * as vscode from 'vscode';
import type { Corpus, LoadedCorpus } from './corpus';
import { excerptOf, markMatches, searchCorpus as search, showPlaceholders, type PassagePlace, type SearchHit } from './core/search';
import type { Feature } from './feature';
import { showSpeech } from './speechDocuments';

export const SearchCommands = { searchCorpus: 'speechDrafter.searchCorpus' } as const;

/** Hits listed at first, and how many more each "more results" row adds. */
const PAGE = 50;
/** Characters of a passage shown in its row (the whole passage is what Enter inserts). */
const LABEL_CHARS = 64;

interface HitItem extends vscode.QuickPickItem {
  hit?: SearchHit;
  more?: true;
}

const KIND_ICON: Record<SearchHit['kind'], string> = { sentence: 'quote', paragraph: 'note' };

/** "Title › 一、… › （二）…", the place a passage comes from. */
export function placeOf(hit: Pick<PassagePlace, 'title' | 'headingPath'>): string {
  return [hit.title, ...hit.headingPath].join(' › ');
}

function hitItem(hit: SearchHit, openButton: vscode.QuickInputButton): HitItem {
  const shown = showPlaceholders(hit.text, hit.matches);
  const kind = hit.kind === 'paragraph' ? vscode.l10n.t('Paragraph, {0} chars', shown.text.length.toLocaleString()) : vscode.l10n.t('Sentence');
  return {
    label: unmatchable(excerptOf(shown.text, shown.matches, LABEL_CHARS)),
    // On its own line: a long title and heading path would push a description out of sight.
    detail: `${placeOf(hit)} · ${kind}`,
    iconPath: new vscode.ThemeIcon(KIND_ICON[hit.kind]),
    // The engine's hits are already filtered and ranked; VS Code must not hide any of them.
    alwaysShow: true,
    buttons: [openButton],
    hit,
  };
}

/** The excerpt with its matches in 【】, each broken after its first character by a zero-width space (see above). */
export function unmatchable(excerpt: { text: string; matches: [number, number][] }): string {
  return markMatches(excerpt).replace(/【(.)/gu, '【$1\u200b');
}

function messageItem(text: string): HitItem {
  return { label: `$(info) ${text}`, alwaysShow: true };
}

/** The corpus's placeholders (`*`, `**`) as snippet tab stops reading 某; undefined when the text has none. */
export function placeholderSnippet(text: string): vscode.SnippetString | undefined {
  if (!text.includes('*')) return undefined;
  const snippet = new vscode.SnippetString();
  for (const part of text.split(/(\*+)/)) {
    if (!part) continue;
    if (part.startsWith('*')) snippet.appendPlaceholder('某');
    else snippet.appendText(part);
  }
  return snippet;
}

/** Inserts `text` at every cursor of `editor` as one edit; placeholders become tab stops. */
export async function insertAtCursor(editor: vscode.TextEditor, text: string): Promise<void> {
  const snippet = placeholderSnippet(text);
  if (snippet) {
    await editor.insertSnippet(snippet, editor.selections);
  } else {
    // One edit for every cursor: a single undo takes it all back.
    await editor.edit((builder) => {
      for (const selection of editor.selections) builder.replace(selection, text);
    });
  }
  const end = editor.selection.end;
  editor.revealRange(new vscode.Range(end, end));
}

async function searchCorpus(corpus: Corpus): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const pick = vscode.window.createQuickPick<HitItem>();
  pick.title = vscode.l10n.t('Search the corpus');
  pick.placeholder = vscode.l10n.t('Type keywords; separate several with spaces');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  const openButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: vscode.l10n.t('Open in its speech') };
  const disposables: vscode.Disposable[] = [pick];
  let loaded: LoadedCorpus | undefined;
  let hidden = false;
  let limit = PAGE;

  const refresh = (keepActive?: number) => {
    const query = pick.value;
    if (!loaded) {
      pick.items = [messageItem(vscode.l10n.t('Indexing…'))];
      return;
    }
    if (!query.trim()) {
      pick.items = [messageItem(vscode.l10n.t('Type to search the sentences and paragraphs of {0} speeches.', loaded.documents.length))];
      return;
    }
    // One more than shown: whether a "more results" row is needed.
    const hits = search(loaded.index.search, query, { limit: limit + 1 });
    if (!hits.length) {
      pick.items = [messageItem(vscode.l10n.t('Nothing in the corpus matches “{0}”.', query.trim()))];
      return;
    }
    const items = hits.slice(0, limit).map((h) => hitItem(h, openButton));
    if (hits.length > limit) items.push({ label: `$(ellipsis) ${vscode.l10n.t('More results…')}`, alwaysShow: true, more: true });
    pick.items = items;
    if (keepActive !== undefined) pick.activeItems = [items[Math.min(keepActive, items.length - 1)]];
  };

  disposables.push(
    pick.onDidChangeValue(() => {
      limit = PAGE;
      refresh();
    }),
    pick.onDidAccept(async () => {
      const item = pick.selectedItems[0];
      if (item?.more) {
        const first = limit;
        limit += PAGE;
        refresh(first);
        return;
      }
      const hit = item?.hit;
      if (!hit) return;
      pick.hide();
      if (!editor || editor.document.isClosed) {
        await vscode.env.clipboard.writeText(showPlaceholders(hit.text).text);
        void vscode.window.showInformationMessage(vscode.l10n.t('No editor is open; the passage was copied to the clipboard.'));
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
      await showSpeech(doc, hit.line, { select: { column: hit.column, length: hit.text.length } });
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
