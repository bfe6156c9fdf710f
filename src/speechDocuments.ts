// Corpus speeches as read-only virtual documents (the cleaned text), with their outline in the
// Outline view and breadcrumbs, and the commands that open a speech, a heading or the source file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Corpus } from './corpus';
import { decodeBytes } from './core/corpus';
import { nestHeadings, sectionEnd, speechLength, type OutlineNode } from './core/outlineTree';
import type { SpeechDocument } from './core/types';
import type { Feature } from './feature';

/** Scheme of the read-only speech documents; features that read the user's drafts should skip it. */
export const SPEECH_SCHEME = 'speech-drafter';
/**
 * Speeches already turned to word wrap, by URI. A speech is one long line per paragraph; VS Code keeps
 * a wrap toggled on a document for as long as the document is open, without touching any setting —
 * a setting would wrap the user's own plain-text files too, and a language of their own would make
 * the read-only speeches editable.
 */
const wrapped = new Set<string>();

/** Turns word wrap on for the speech in `editor` (the active one), once per opened document, unless the user wraps anyway. */
async function wrapSpeech(editor: vscode.TextEditor): Promise<void> {
  const key = editor.document.uri.toString();
  if (wrapped.has(key) || vscode.workspace.getConfiguration('editor', editor.document).get<string>('wordWrap', 'off') !== 'off') return;
  if (vscode.window.activeTextEditor !== editor) return;
  wrapped.add(key);
  await vscode.commands.executeCommand('editor.action.toggleWordWrap');
}

export const SpeechCommands = {
  openSpeech: 'speechDrafter.openSpeech',
  openHeading: 'speechDrafter.openHeading',
  openSourceFile: 'speechDrafter.openSourceFile',
} as const;

/** `speech-drafter:/讲话/<title>.txt?id=…` — the path gives the tab its title, the query finds the speech. */
export function speechUri(doc: SpeechDocument): vscode.Uri {
  const safe = (s: string) => s.replace(/[\\/]/g, '／').replace(/\s+/g, ' ').trim() || '—';
  return vscode.Uri.from({
    scheme: SPEECH_SCHEME,
    path: `/${safe(doc.kind)}/${safe(doc.title)}.txt`,
    query: new URLSearchParams({ id: doc.id }).toString(),
  });
}

export function speechIdOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === SPEECH_SCHEME ? (new URLSearchParams(uri.query).get('id') ?? undefined) : undefined;
}

/** Accepts what menus and callers pass: a speech id, a SpeechDocument, or a tree node holding one. */
function speechIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { id?: unknown; doc?: { id?: unknown } };
    if (o.doc && typeof o.doc.id === 'string') return o.doc.id;
    if (typeof o.id === 'string' && 'headings' in o) return o.id;
  }
  return undefined;
}

async function findSpeech(corpus: Corpus, arg: unknown): Promise<SpeechDocument | undefined> {
  const id = speechIdFromArg(arg);
  const loaded = await corpus.ready;
  const doc = id ? loaded.byId(id) : undefined;
  if (!doc) void vscode.window.showWarningMessage(vscode.l10n.t('This speech is no longer in the corpus.'));
  return doc;
}

export interface ShowOptions {
  /** Keep focus where it is (a tree click: arrow keys keep walking the tree, as in the Explorer). */
  preserveFocus?: boolean;
  /** Select this stretch of the line (a passage) instead of the whole line. */
  select?: { column: number; length: number };
}

function showOptionsFromArg(arg: unknown): ShowOptions {
  return arg && typeof arg === 'object' && (arg as ShowOptions).preserveFocus === true ? { preserveFocus: true } : {};
}

/**
 * Opens a speech read-only; with `line`, selects that line and centres it. Other features (search,
 * phrases) call this to show where a sentence comes from.
 */
export async function showSpeech(doc: SpeechDocument, line?: number, options: ShowOptions = {}): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(speechUri(doc));
  const preserveFocus = options.preserveFocus === true;
  if (line === undefined) {
    const shown = await vscode.window.showTextDocument(document, { preserveFocus });
    await wrapSpeech(shown);
    return shown;
  }
  const at = Math.min(Math.max(0, line), document.lineCount - 1);
  const lineEnd = document.lineAt(at).range.end;
  const from = options.select ? Math.min(options.select.column, lineEnd.character) : 0;
  const to = options.select ? Math.min(from + options.select.length, lineEnd.character) : lineEnd.character;
  // Cursor at the start of the line (or passage), the line (or passage) selected so it stands out.
  const selection = new vscode.Selection(new vscode.Position(at, to), new vscode.Position(at, from));
  const editor = await vscode.window.showTextDocument(document, { selection, preserveFocus });
  editor.selection = selection; // the option is a Range and loses which end holds the cursor
  await wrapSpeech(editor);
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
  return editor;
}

class SpeechContentProvider implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly corpus: Corpus) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const loaded = await this.corpus.ready;
    const id = speechIdOf(uri);
    const doc = id ? loaded.byId(id) : undefined;
    if (doc) return doc.text;
    return vscode.l10n.t('This speech is no longer in the corpus: {0}', path.posix.basename(uri.path, '.txt'));
  }

  /** After a reload, open speech documents show the new text. */
  refreshOpen(): void {
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === SPEECH_SCHEME) this.emitter.fire(d.uri);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

class SpeechOutlineProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly corpus: Corpus) {}

  async provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
    const loaded = await this.corpus.ready;
    if (token.isCancellationRequested) return [];
    const id = speechIdOf(document.uri);
    const doc = id ? loaded.byId(id) : undefined;
    if (!doc || doc.text !== document.getText()) return [];
    const last = document.lineCount - 1;
    const index = new Map(doc.headings.map((h, i) => [h, i]));
    const toSymbol = (node: OutlineNode): vscode.DocumentSymbol => {
      const start = Math.min(node.heading.line, last);
      const end = Math.min(Math.max(start, sectionEnd(doc.headings, index.get(node.heading)!, document.lineCount)), last);
      const symbol = new vscode.DocumentSymbol(
        node.heading.text,
        '',
        node.heading.point ? vscode.SymbolKind.Field : vscode.SymbolKind.String,
        new vscode.Range(start, 0, end, document.lineAt(end).text.length),
        document.lineAt(start).range,
      );
      symbol.children = node.children.map(toSymbol);
      return symbol;
    };
    return nestHeadings(doc.headings).map(toSymbol);
  }
}

async function pickSpeech(corpus: Corpus): Promise<SpeechDocument | undefined> {
  const loaded = await corpus.ready;
  if (!loaded.documents.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The corpus is empty. Add a corpus folder first.'));
    return undefined;
  }
  const items = loaded.documents.map((doc) => ({
    label: doc.title,
    description: `${doc.kind} · ${vscode.l10n.t('{0} chars', speechLength(doc.text).toLocaleString())}`,
    detail: doc.source ? path.basename(doc.source) : undefined,
    doc,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Open which speech?'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.doc;
}

/** 'gb18030' for a legacy-encoded text file, else undefined (VS Code reads UTF-8 and BOMs itself). */
/** Enough of a file to tell its encoding without reading a large one whole on the extension host. */
const SNIFF_BYTES = 64 * 1024;

function sourceEncoding(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, head, 0, SNIFF_BYTES, 0);
    // Cut at the last line feed so a multi-byte character split by the read does not look like GBK.
    const lf = n < SNIFF_BYTES ? n : head.lastIndexOf(0x0a, n - 1) + 1 || n;
    return decodeBytes(head.subarray(0, lf)).encoding === 'gb18030' ? 'gb18030' : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Opens a speech's source file at its first line (a text file), or points at it (Word, PDF…). Also for a speech's other versions. */
export async function openSourceFile(doc: Pick<SpeechDocument, 'source' | 'sourceLines'>): Promise<void> {
  if (!doc.source || !fs.existsSync(doc.source)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The source file no longer exists: {0}', doc.source));
    return;
  }
  const uri = vscode.Uri.file(doc.source);
  const ext = path.extname(doc.source).toLowerCase();
  if (ext === '.txt' || ext === '.md') {
    // VS Code does not guess GBK by default; open such a file in the encoding the corpus was read in.
    const encoding = sourceEncoding(doc.source);
    const document = await vscode.workspace.openTextDocument(uri, encoding ? { encoding } : undefined);
    const position = new vscode.Position(Math.min(doc.sourceLines[0], document.lineCount - 1), 0);
    const editor = await vscode.window.showTextDocument(document, { selection: new vscode.Selection(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    return;
  }
  // Word files cannot be shown as text: point at the file instead.
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
  } else if (vscode.env.remoteName === undefined) {
    await vscode.commands.executeCommand('revealFileInOS', uri);
  } else {
    const copy = vscode.l10n.t('Copy Path');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('The source file is {0}', doc.source), copy);
    if (choice === copy) await vscode.env.clipboard.writeText(doc.source);
  }
}

export const registerSpeechDocuments: Feature = ({ corpus }) => {
  const content = new SpeechContentProvider(corpus);
  return vscode.Disposable.from(
    content,
    vscode.workspace.registerTextDocumentContentProvider(SPEECH_SCHEME, content),
    vscode.languages.registerDocumentSymbolProvider({ scheme: SPEECH_SCHEME }, new SpeechOutlineProvider(corpus)),
    corpus.onDidChange(() => content.refreshOpen()),
    vscode.workspace.onDidCloseTextDocument((d) => wrapped.delete(d.uri.toString())),
    // Arguments: (speech id | tree node, options?) and (speech id, line, options?).
    vscode.commands.registerCommand(SpeechCommands.openSpeech, async (arg?: unknown, options?: unknown) => {
      const doc = arg === undefined ? await pickSpeech(corpus) : await findSpeech(corpus, arg);
      if (doc) await showSpeech(doc, undefined, showOptionsFromArg(options));
    }),
    vscode.commands.registerCommand(SpeechCommands.openHeading, async (arg: unknown, line: unknown, options?: unknown) => {
      const doc = await findSpeech(corpus, arg);
      if (doc) await showSpeech(doc, typeof line === 'number' ? line : undefined, showOptionsFromArg(options));
    }),
    vscode.commands.registerCommand(SpeechCommands.openSourceFile, async (arg?: unknown) => {
      const doc = arg === undefined ? await pickSpeech(corpus) : await findSpeech(corpus, arg);
      if (doc) await openSourceFile(doc);
    }),
  );
};
