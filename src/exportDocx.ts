// 导出为 Word（公文格式 / 讲话稿格式）: the draft (the active editor's, or the file picked in the
// explorer) as a .docx beside it. The draft is only read — an unsaved editor is exported as shown,
// and never saved; an existing .docx is replaced only when the writer says so.
import { writeFile as fsWriteFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { bylineText, docxPathFor, exportDraft, exportSettings, isMarkdownPath, readDraft, type ExportFormat, type ExportSettings } from './core/export';
import type { Feature } from './feature';
import { SPEAKING_RATE_SETTING } from './statusBar';

export const ExportCommands = {
  exportGongwen: 'speechDrafter.exportGongwen',
  exportSpeech: 'speechDrafter.exportSpeech',
} as const;

export const EXPORT_SECTION = 'speechDrafter.export';
const DRAFT_LANGUAGES = new Set(['markdown', 'plaintext']);

/** The speechDrafter.export.* settings for `scope` (the draft's folder settings apply). */
export function currentExportSettings(scope?: vscode.Uri): ExportSettings {
  const c = vscode.workspace.getConfiguration(EXPORT_SECTION, scope);
  return exportSettings({
    titleFont: c.get('titleFont'),
    bodyFont: c.get('bodyFont'),
    heading1Font: c.get('heading1Font'),
    heading2Font: c.get('heading2Font'),
    speechFontSize: c.get('speechFontSize'),
    boldLevel3: c.get('boldLevel3'),
    speechShowLength: c.get('speechShowLength'),
    speakingRate: vscode.workspace.getConfiguration().get(SPEAKING_RATE_SETTING),
  });
}

export function formatLabel(format: ExportFormat): string {
  return format === 'gongwen' ? vscode.l10n.t('公文 format') : vscode.l10n.t('讲话稿 format');
}

/** A draft to export: the text as the editor shows it, whether it is Markdown, and its file. */
interface DraftSource {
  text: string;
  markdown: boolean;
  uri: vscode.Uri;
}

async function draftSource(arg: unknown): Promise<DraftSource | undefined> {
  if (arg instanceof vscode.Uri) {
    // From the explorer or the editor title: the open editor's text if there is one, else the file.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
    const doc = open ?? (await vscode.workspace.openTextDocument(arg));
    return { text: doc.getText(), markdown: doc.languageId === 'markdown' || isMarkdownPath(arg.path), uri: doc.uri };
  }
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !DRAFT_LANGUAGES.has(doc.languageId)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a Markdown or plain-text draft to export it to Word.'));
    return undefined;
  }
  return { text: doc.getText(), markdown: doc.languageId === 'markdown', uri: doc.uri };
}

/** Where the .docx goes: beside the draft, or, for an untitled draft, where the writer chooses. */
async function targetUri(source: DraftSource, format: ExportFormat): Promise<vscode.Uri | undefined> {
  if (source.uri.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = docxPathFor(`${source.uri.path.split('/').pop() || 'draft'}.md`, format).split(/[\\/]/).pop()!;
    return vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export to Word ({0})', formatLabel(format)),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { [vscode.l10n.t('Word document')]: ['docx'] },
    });
  }
  const file = source.uri.path.split('/').pop()!;
  const docx = docxPathFor(file, format).split(/[\\/]/).pop()!;
  return vscode.Uri.joinPath(source.uri, '..', docx);
}

/**
 * Writes the .docx: straight to disk for a file on this machine (the extension host runs where the
 * files are, also in a remote window; VS Code's file service took up to 2 s for a first write in
 * code-server), through VS Code's file system for other schemes.
 */
async function writeFile(uri: vscode.Uri, data: Uint8Array): Promise<void> {
  if (uri.scheme === 'file') await fsWriteFile(uri.fsPath, data);
  else await vscode.workspace.fs.writeFile(uri, data);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** 讲话稿: the speaker and date line under the title, asked for when the draft has none. */
async function askByline(): Promise<{ speaker?: string; date?: string } | undefined> {
  const now = new Date();
  const today = `（${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日）`;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Speaker and date under the title'),
    prompt: vscode.l10n.t('Printed in 楷体 under the title, e.g. 张三（2026年12月2日）. Leave it empty for none. A line like this under the title in the draft is used without asking.'),
    value: today,
    valueSelection: [0, 0],
  });
  if (value === undefined) return undefined;
  const parsed = readDraft({ text: `标题\n${value.trim()}\n正文`, markdown: false });
  if (parsed.speaker || parsed.date) return { speaker: parsed.speaker, date: parsed.date };
  return value.trim() ? { speaker: value.trim() } : {};
}

async function exportTo(format: ExportFormat, arg: unknown, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const source = await draftSource(arg);
  if (!source) return undefined;
  const input = { text: source.text, markdown: source.markdown };
  if (!source.text.trim()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The draft is empty: nothing to export.'));
    return undefined;
  }
  let byline: { speaker?: string; date?: string } = {};
  if (format === 'speech' && !bylineText(readDraft(input))) {
    const asked = await askByline();
    if (!asked) return undefined;
    byline = asked;
  }
  const target = await targetUri(source, format);
  if (!target) return undefined;
  if (target.toString() === source.uri.toString()) return undefined;
  const name = target.path.split('/').pop()!;
  if (await exists(target)) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it?', name), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  const started = performance.now();
  let pages: number;
  let built: number;
  try {
    const result = await exportDraft({ ...input, ...byline }, format, currentExportSettings(source.uri));
    built = performance.now();
    pages = result.pages;
    await writeFile(target, result.docx);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`export ${format} ${target.toString()}: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export {0}: {1}', name, message));
    return undefined;
  }
  const ms = (t: number) => (t - started).toFixed(0);
  log.info(`exported ${target.toString()} (${format}, ${pages} pages) in ${ms(performance.now())} ms (.docx built in ${ms(built)} ms)`);
  void offerToOpen(target, name, format, pages);
  return target;
}

/** The notification: open the file (desktop only: it opens in the system's Word) or show it in its folder. */
async function offerToOpen(target: vscode.Uri, name: string, format: ExportFormat, pages: number): Promise<void> {
  const local = target.scheme === 'file' && vscode.env.remoteName === undefined;
  const open = vscode.l10n.t('Open');
  const reveal = local ? vscode.l10n.t('Open Folder') : vscode.l10n.t('Show in Explorer');
  const message = pages === 1 ? vscode.l10n.t('Exported {0} ({1}, 1 page).', name, formatLabel(format)) : vscode.l10n.t('Exported {0} ({1}, {2} pages).', name, formatLabel(format), pages);
  const choice = await vscode.window.showInformationMessage(message, ...(local ? [open, reveal] : [reveal]));
  if (choice === open) await vscode.env.openExternal(target);
  else if (choice === reveal) await vscode.commands.executeCommand(local ? 'revealFileInOS' : 'revealInExplorer', target);
}

export const registerExportDocx: Feature = ({ log }) =>
  vscode.Disposable.from(
    vscode.commands.registerCommand(ExportCommands.exportGongwen, (arg?: unknown) => exportTo('gongwen', arg, log)),
    vscode.commands.registerCommand(ExportCommands.exportSpeech, (arg?: unknown) => exportTo('speech', arg, log)),
  );
