// Drafts: the Markdown and plain-text documents the writer is writing (completion, 提法核对 and the
// status bar serve these), and the small completion index of the open drafts, so the writer's own
// wording comes back to them. That index is built in a worker of its own a moment after typing stops,
// never on a keystroke and never on the extension host thread.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompletionIndex } from './core/index';
import type { SpeechDocument } from './core/types';
import type { Corpus } from './corpus';
import type { DraftsIndexer } from './workerLoader';

export const COMPLETION_SECTION = 'speechDrafter.completion';
/** Languages whose documents are drafts: completion is offered there and their text feeds the drafts index. */
export const DRAFT_LANGUAGES = ['markdown', 'plaintext'] as const;
/** Documents the extension may read as drafts (not output channels, git views, or our read-only speeches). */
const DRAFT_SCHEMES = ['file', 'untitled'];
/** The documents completion serves (the same as `isDraft`, for VS Code's registries). */
export const DRAFT_SELECTOR: vscode.DocumentFilter[] = DRAFT_LANGUAGES.flatMap((language) => DRAFT_SCHEMES.map((scheme) => ({ language, scheme })));

/** Drafts bigger than this are skipped (a pasted book is not a draft). */
const MAX_DRAFT_CHARS = 60_000;
/** All open drafts together are indexed up to this many chars (a rebuild stays in the low hundreds of ms). */
const MAX_DRAFTS_CHARS = 120_000;
/** Rebuild this long after the last edit: typing goes on uninterrupted, a pause picks the new text up. */
const DRAFTS_DEBOUNCE_MS = 1_000;

export function isDraft(document: vscode.TextDocument): boolean {
  return (DRAFT_LANGUAGES as readonly string[]).includes(document.languageId) && DRAFT_SCHEMES.includes(document.uri.scheme);
}

/**
 * The completion index of the open drafts. The lines holding a cursor are left out: completing a
 * line from its own older copy would only echo it.
 */
export class OpenDrafts implements vscode.Disposable {
  private built: CompletionIndex | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped by every rebuild: a slower, older one must not replace a newer result. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly corpus: Corpus,
    private readonly log: vscode.LogOutputChannel,
    private readonly enabled: () => boolean,
    private readonly indexer: DraftsIndexer,
  ) {
    const onDocument = (document: vscode.TextDocument) => {
      if (isDraft(document)) this.schedule();
    };
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument(onDocument),
      vscode.workspace.onDidCloseTextDocument(onDocument),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) onDocument(e.document);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(COMPLETION_SECTION)) this.schedule();
      }),
    );
    this.schedule();
  }

  /** The index of the drafts as of the last pause in typing, or undefined (none open, or turned off). */
  get index(): CompletionIndex | undefined {
    return this.enabled() ? this.built : undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rebuild(), DRAFTS_DEBOUNCE_MS);
  }

  private async rebuild(): Promise<void> {
    const generation = ++this.generation;
    if (!this.enabled()) {
      this.built = undefined;
      return;
    }
    const started = Date.now();
    const corpusFiles = new Set(this.corpus.current?.documents.map((d) => d.source) ?? []);
    const documents: SpeechDocument[] = [];
    let total = 0;
    for (const document of vscode.workspace.textDocuments) {
      if (!isDraft(document) || document.getText().length > MAX_DRAFT_CHARS) continue;
      // A corpus file opened in the editor is already in the corpus index.
      if (document.uri.scheme === 'file' && corpusFiles.has(document.uri.fsPath)) continue;
      const text = withoutCursorLines(document);
      if (total + text.length > MAX_DRAFTS_CHARS) continue;
      total += text.length;
      documents.push(draftDocument(document, text));
    }
    try {
      const index = documents.length ? await this.indexer(documents) : undefined;
      // A newer edit started another rebuild meanwhile; its result wins.
      if (generation !== this.generation) return;
      this.built = index;
    } catch (err) {
      this.log.warn(vscode.l10n.t('Indexing the open drafts failed: {0}', err instanceof Error ? err.message : String(err)));
      return;
    }
    const ms = Date.now() - started;
    if (ms > 200) this.log.info(vscode.l10n.t('Open drafts indexed in {0} ms ({1} documents, {2} characters).', ms, documents.length, total));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.generation++;
    for (const d of this.subscriptions) d.dispose();
  }
}

/** The document's text with every line that holds a cursor emptied (line numbers stay as they are). */
function withoutCursorLines(document: vscode.TextDocument): string {
  const lines = new Set<number>();
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document !== document) continue;
    for (const s of editor.selections) for (let l = s.start.line; l <= s.end.line; l++) lines.add(l);
  }
  const text = document.getText();
  if (!lines.size) return text;
  return text
    .split('\n')
    .map((line, i) => (lines.has(i) ? '' : line))
    .join('\n');
}

function draftDocument(document: vscode.TextDocument, text: string): SpeechDocument {
  const name = document.uri.scheme === 'untitled' ? document.uri.path : path.basename(document.uri.path);
  return {
    id: document.uri.toString(),
    title: name,
    kind: '其他',
    text,
    source: document.uri.scheme === 'file' ? document.uri.fsPath : '',
    sourceLines: [0, Math.max(0, document.lineCount - 1)],
    headings: [],
  };
}
