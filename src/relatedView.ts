// 相关素材: a view that follows the paragraph or heading being written in a draft and lists the
// corpus's most related paragraphs, other speeches first, each with its title and heading path.
// It asks the engine a moment after typing pauses (never on each keystroke), and the pinyin of an IME
// composition is no part of what it asks, so composing changes nothing. A click inserts the passage
// (one undo step); the row's button opens it in its speech.
import * as vscode from 'vscode';
import { relatedFocus, relatedPassages, showPlaceholders, type RelatedFocus, type RelatedHit } from './core/search';
import type { Corpus } from './corpus';
import { isDraft } from './drafts';
import type { Feature } from './feature';
import { insertAtCursor, placeOf } from './search';
import { showSpeech } from './speechDocuments';

export const RELATED_VIEW_ID = 'speechDrafter.related';

export const RelatedCommands = {
  insertRelated: 'speechDrafter.insertRelated',
  openRelatedSource: 'speechDrafter.openRelatedSource',
} as const;

/** The view asks this long after the last keystroke or cursor move. */
export const RELATED_DELAY_MS = 300;
/** Passages listed. */
const TOP = 20;
/** Characters of a passage in its row (the tooltip has it whole). */
const LABEL_CHARS = 30;

interface RelatedRow {
  hit: RelatedHit;
  /** The passage as a writer reads it (placeholders as 某). */
  text: string;
}

class RelatedProvider implements vscode.TreeDataProvider<RelatedRow> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  rows: RelatedRow[] = [];

  set(hits: RelatedHit[]): void {
    this.rows = hits.map((hit) => ({ hit, text: showPlaceholders(hit.text).text }));
    this.emitter.fire();
  }

  getChildren(element?: RelatedRow): RelatedRow[] {
    return element ? [] : this.rows;
  }

  getTreeItem(row: RelatedRow): vscode.TreeItem {
    const { hit, text } = row;
    const label = text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS)}…` : text;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `${hit.docId}:${hit.line}`;
    item.description = placeOf(hit);
    item.iconPath = new vscode.ThemeIcon(hit.ownSpeech ? 'file' : 'note');
    item.contextValue = 'relatedPassage';
    item.accessibilityInformation = { label: `${text} — ${placeOf(hit)}` };
    item.command = { command: RelatedCommands.insertRelated, title: vscode.l10n.t('Insert at Cursor'), arguments: [row] };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, row: RelatedRow): vscode.TreeItem {
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(placeOf(row.hit)).appendMarkdown('**\n\n');
    md.appendText(row.text);
    md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to insert it after the paragraph being written; the button opens it in its speech.'));
    item.tooltip = md;
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** Where a passage goes: at the cursor on an empty line, else as a paragraph of its own after the cursor's line. */
async function insertPassage(editor: vscode.TextEditor, text: string): Promise<void> {
  const at = editor.selection.active;
  const line = editor.document.lineAt(at.line);
  if (line.isEmptyOrWhitespace || !editor.selection.isEmpty) {
    await insertAtCursor(editor, text);
    return;
  }
  const gap = editor.document.languageId === 'markdown' ? '\n\n' : '\n';
  editor.selection = new vscode.Selection(line.range.end, line.range.end);
  await insertAtCursor(editor, gap + text);
}

export const registerRelatedView: Feature = ({ corpus }) => {
  const provider = new RelatedProvider();
  const view = vscode.window.createTreeView(RELATED_VIEW_ID, { treeDataProvider: provider });
  let timer: NodeJS.Timeout | undefined;
  let lastDraft: vscode.TextEditor | undefined;
  /** What the list answers: the focus text and the corpus version it was asked against. */
  let asked: { text: string; version: number } | undefined;

  const say = (message: string | undefined) => {
    view.message = message;
  };

  const update = async () => {
    timer = undefined;
    if (!view.visible) return;
    const editor = vscode.window.activeTextEditor && isDraft(vscode.window.activeTextEditor.document) ? vscode.window.activeTextEditor : lastDraft;
    if (!editor || editor.document.isClosed) {
      provider.set([]);
      asked = undefined;
      say(vscode.l10n.t('Write in a Markdown or plain-text draft: the passages related to your paragraph or heading appear here.'));
      return;
    }
    const { document, selection } = editor;
    const focus: RelatedFocus | undefined = relatedFocus((n) => document.lineAt(n).text, selection.active.line, selection.active.character);
    if (!focus) {
      provider.set([]);
      asked = undefined;
      say(vscode.l10n.t('Write a few words of a paragraph or heading: the passages related to it appear here.'));
      return;
    }
    const loaded = corpus.current;
    if (!loaded || corpus.isLoading) say(vscode.l10n.t('Indexing…'));
    const ready = loaded && !corpus.isLoading ? loaded : await corpus.ready;
    // Unchanged: the same words (composing pinyin is no part of them) against the same corpus.
    if (asked?.text === focus.text && asked.version === ready.version) return;
    asked = { text: focus.text, version: ready.version };
    const ownSource = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
    const hits = relatedPassages(ready.index.search, focus.text, { top: TOP, ownSource });
    provider.set(hits);
    const what = focus.text.length > 16 ? `${focus.text.slice(0, 16)}…` : focus.text;
    say(
      hits.length
        ? focus.heading
          ? vscode.l10n.t('Related to the heading “{0}”', what)
          : vscode.l10n.t('Related to the paragraph “{0}”', what)
        : vscode.l10n.t('Nothing in the corpus is related to “{0}”.', what),
    );
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), RELATED_DELAY_MS);
  };

  const track = (editor: vscode.TextEditor | undefined) => {
    if (editor && isDraft(editor.document)) lastDraft = editor;
  };
  track(vscode.window.activeTextEditor);

  return vscode.Disposable.from(
    provider,
    view,
    { dispose: () => clearTimeout(timer) },
    view.onDidChangeVisibility(() => {
      if (view.visible) {
        asked = undefined;
        schedule();
      }
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      track(editor);
      schedule();
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (isDraft(e.textEditor.document)) schedule();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isDraft(e.document)) schedule();
    }),
    corpus.onDidChange(() => {
      asked = undefined;
      schedule();
    }),
    vscode.commands.registerCommand(RelatedCommands.insertRelated, async (row?: RelatedRow) => {
      const target = lastDraft && !lastDraft.document.isClosed ? lastDraft : undefined;
      if (!row) return;
      if (!target) {
        await vscode.env.clipboard.writeText(row.text);
        void vscode.window.showInformationMessage(vscode.l10n.t('No editor is open; the passage was copied to the clipboard.'));
        return;
      }
      const editor = await vscode.window.showTextDocument(target.document, target.viewColumn);
      await insertPassage(editor, row.hit.text);
    }),
    vscode.commands.registerCommand(RelatedCommands.openRelatedSource, async (row?: RelatedRow) => {
      const doc = row && (await corpus.ready).byId(row.hit.docId);
      if (!row || !doc) return;
      await showSpeech(doc, row.hit.line, { select: { column: row.hit.column, length: row.hit.text.length } });
    }),
  );
};
