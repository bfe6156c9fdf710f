// 从 Word 文件新建草稿: pick a .docx, read it (core/export/importDocx.ts, mammoth) and open the text as
// a new untitled Markdown draft. Nothing on disk changes until the writer saves the new draft.
import * as vscode from 'vscode';
import { docxToMarkdown } from './core/export';
import type { Feature } from './feature';
import { ioErrorReason } from './core/corpus';
import { skipReasonText } from './skipReasons';

export const ImportCommands = { newDraftFromWord: 'speechDrafter.newDraftFromWord' } as const;

async function newDraftFromWord(arg: unknown, log: vscode.LogOutputChannel): Promise<vscode.TextDocument | undefined> {
  let file = arg instanceof vscode.Uri ? arg : undefined;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('New Draft from Word File'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Word document')]: ['docx'] },
      openLabel: vscode.l10n.t('Open as Draft'),
    });
    file = picked?.[0];
  }
  if (!file) return undefined;
  const name = file.path.split('/').pop() ?? '';
  let markdown: string;
  try {
    const imported = await docxToMarkdown(Buffer.from(await vscode.workspace.fs.readFile(file)));
    for (const w of imported.warnings) log.warn(`${name}: ${w}`);
    markdown = imported.markdown;
  } catch (err) {
    const message = skipReasonText(ioErrorReason(err));
    log.error(`import ${file.toString()}: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', name, message));
    return undefined;
  }
  if (!markdown.trim()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no text to draft from.', name));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(doc);
  return doc;
}

export const registerImportDocx: Feature = ({ log }) =>
  vscode.commands.registerCommand(ImportCommands.newDraftFromWord, (arg?: unknown) => newDraftFromWord(arg, log));
