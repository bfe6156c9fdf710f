// 插入提纲: pick a speech structure (snippets/*.code-snippets) with a preview and insert it as a
// snippet, or pick a corpus speech and insert its skeleton — its headings kept, its bodies blanks —
// in the draft's heading style: a Markdown draft whose headings read `## 一、` gets `## 一、` too.
import * as vscode from 'vscode';
import type { Corpus } from './corpus';
import { applyHeadingStyle, headingStyleOf, loadOutlineSnippets, speechSkeleton, type OutlineSnippet } from './core/outlineSnippet';
import type { SpeechDocument } from './core/types';
import type { Feature } from './feature';

export const OutlineCommands = { insertOutline: 'speechDrafter.insertOutline' } as const;

/** The structures file lists whole speeches; the others hold openings and closings. */
const STRUCTURES_FILE = 'outlines.code-snippets';
const PREVIEW_CHARS = 160;

interface OutlineItem extends vscode.QuickPickItem {
  snippet?: OutlineSnippet;
  fromSpeech?: true;
}

interface SpeechItem extends vscode.QuickPickItem {
  doc: SpeechDocument;
}

/** A snippet's text on one line, for a quick-pick detail: line breaks shown as ⏎, cut to a length. */
export function previewLine(text: string, max = PREVIEW_CHARS): string {
  const flat = text.replace(/\n+/g, ' ⏎ ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Where to insert: the active editor, or a new Markdown draft when none is open. */
async function targetEditor(): Promise<vscode.TextEditor> {
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.document.isClosed) return editor;
  const draft = await vscode.workspace.openTextDocument({ language: 'markdown' });
  return vscode.window.showTextDocument(draft);
}

async function pickSpeech(corpus: Corpus): Promise<SpeechDocument | undefined> {
  const pick = vscode.window.createQuickPick<SpeechItem>();
  pick.title = vscode.l10n.t('Insert the structure of a corpus speech');
  pick.placeholder = vscode.l10n.t('Pick a speech; its headings are kept and every body becomes a blank');
  pick.matchOnDescription = true;
  pick.busy = true;
  pick.show();
  const chosen = new Promise<SpeechDocument | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.doc);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
  });
  const loaded = await corpus.ready;
  pick.items = loaded.documents.map((doc) => ({
    label: doc.title,
    description: `${doc.kind} · ${vscode.l10n.t('{0} headings', doc.headings.length)}`,
    detail: previewLine(doc.headings.filter((h) => h.level === 1 && !h.point).map((h) => h.text).join(' / ')) || vscode.l10n.t('(no headings)'),
    doc,
  }));
  pick.busy = false;
  return chosen;
}

async function insertOutline(corpus: Corpus, snippetsDir: string, log: vscode.LogOutputChannel): Promise<void> {
  const { snippets, problems } = loadOutlineSnippets(snippetsDir);
  for (const p of problems) log.warn(vscode.l10n.t('Snippet problem: {0}', p));
  const item = (s: OutlineSnippet): OutlineItem => ({
    label: s.name,
    description: s.prefixes.join(' / '),
    detail: previewLine(s.preview),
    snippet: s,
  });
  const structures = snippets.filter((s) => s.file.endsWith(STRUCTURES_FILE));
  const parts = snippets.filter((s) => !s.file.endsWith(STRUCTURES_FILE));
  // The corpus option sits between the structures and the openings/closings, where it is seen without scrolling far.
  const items: OutlineItem[] = [
    ...structures.map(item),
    { label: vscode.l10n.t('From the corpus'), kind: vscode.QuickPickItemKind.Separator },
    {
      label: `$(list-tree) ${vscode.l10n.t('Follow the structure of a speech in the corpus…')}`,
      detail: vscode.l10n.t('Pick any speech: its headings, levels and numbering are kept, its text becomes blanks to fill'),
      fromSpeech: true,
    },
    { label: vscode.l10n.t('Openings and closings'), kind: vscode.QuickPickItemKind.Separator },
    ...parts.map(item),
  ];
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Insert Outline'),
    placeHolder: vscode.l10n.t('Pick a structure (type its name or prefix, e.g. gzhb)'),
    matchOnDescription: true,
    matchOnDetail: false,
  });
  if (!chosen) return;
  let body: string | undefined = chosen.snippet?.body;
  if (chosen.fromSpeech) {
    const doc = await pickSpeech(corpus);
    if (doc) body = speechSkeleton(doc);
  }
  if (body === undefined) return;
  const editor = await targetEditor();
  const style = editor.document.languageId === 'markdown' ? headingStyleOf(editor.document.getText()) : undefined;
  await editor.insertSnippet(new vscode.SnippetString(style ? applyHeadingStyle(body, style) : body));
}

export const registerInsertOutline: Feature = ({ corpus, extension, log }) => {
  const snippetsDir = vscode.Uri.joinPath(extension.extensionUri, 'snippets').fsPath;
  return vscode.commands.registerCommand(OutlineCommands.insertOutline, () => insertOutline(corpus, snippetsDir, log));
};
