// The phrase indexes behind completion and the 常用提法 view: one over the corpus, built once per
// corpus version (the one place to move to a worker thread), and a small one over the writer's open
// drafts, rebuilt a moment after they stop typing. Neither is ever rebuilt on a keystroke.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildPhraseIndex, formulationsReady, type PhraseIndex } from './core/complete';
import type { CancellationToken, SpeechDocument } from './core/types';
import type { Corpus, LoadedCorpus } from './corpus';
import type { FeatureContext } from './feature';
import { prebuiltIndexOf } from './workerLoader';

export const COMPLETION_SECTION = 'speechDrafter.completion';
/** Languages whose documents are drafts: completion is offered there and their text feeds the drafts index. */
export const DRAFT_LANGUAGES = ['markdown', 'plaintext'] as const;
/** Documents the extension may read as drafts (not output channels, git views, or our read-only speeches). */
const DRAFT_SCHEMES = ['file', 'untitled'];
/** The documents completion serves (the same as `isDraft`, for VS Code's registries). */
export const DRAFT_SELECTOR: vscode.DocumentFilter[] = DRAFT_LANGUAGES.flatMap((language) => DRAFT_SCHEMES.map((scheme) => ({ language, scheme })));

/** Turns speeches into a PhraseIndex; swappable (a worker thread) without touching any feature. Must honour `token`. */
export type PhraseIndexBuilder = (documents: readonly SpeechDocument[], token: CancellationToken) => Promise<PhraseIndex>;

const buildOnThisThread: PhraseIndexBuilder = async (documents) => {
  // The indexing worker built it together with the corpus: nothing to do on this thread.
  const prebuilt = prebuiltIndexOf(documents);
  if (prebuilt) return prebuilt.phrases;
  // Let the caller's turn finish (activation, the keystroke that asked) before the long synchronous build.
  await new Promise((resolve) => setImmediate(resolve));
  return buildPhraseIndex(documents);
};

/** The PhraseIndex of the current corpus. */
export class Phrases implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<PhraseIndex>();
  /** Fires when an index for a new corpus version is ready. */
  readonly onDidChange = this.changeEmitter.event;

  private built: { version: number; index: PhraseIndex } | undefined;
  private building: { version: number; promise: Promise<PhraseIndex>; cts: vscode.CancellationTokenSource } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly corpus: Corpus,
    private readonly log: vscode.LogOutputChannel,
    private readonly builder: PhraseIndexBuilder = buildOnThisThread,
  ) {
    this.subscriptions.push(
      this.changeEmitter,
      // Once anyone asked for the index, keep it in step with the corpus.
      corpus.onDidChange((loaded) => {
        if (this.built || this.building) void this.indexFor(loaded);
      }),
    );
  }

  /** The index for the current corpus; the first call loads the corpus and builds it. Never rejects. */
  async ready(): Promise<PhraseIndex> {
    return this.indexFor(await this.corpus.ready);
  }

  /** The newest index built so far (possibly for an older corpus version), without waiting. */
  get current(): PhraseIndex | undefined {
    return this.built?.index;
  }

  /** True when `current` is the index of the newest loaded corpus. */
  get isCurrent(): boolean {
    return !!this.built && this.built.version === this.corpus.current?.version && !this.corpus.isLoading;
  }

  private indexFor(loaded: LoadedCorpus): Promise<PhraseIndex> {
    if (this.built?.version === loaded.version) return Promise.resolve(this.built.index);
    if (this.building?.version === loaded.version) return this.building.promise;
    this.building?.cts.cancel();
    const cts = new vscode.CancellationTokenSource();
    const started = Date.now();
    const promise = this.builder(loaded.documents, cts.token).then(
      async (index) => {
        if (cts.token.isCancellationRequested) return this.built?.index ?? index;
        // The 提法 guard of completion and the checker share it: built here once, in slices, not on a keystroke.
        await formulationsReady(index);
        if (cts.token.isCancellationRequested) return this.built?.index ?? index;
        this.built = { version: loaded.version, index };
        this.log.info(
          vscode.l10n.t(
            'Phrase index built in {0} ms: {1} stock phrases, {2} parallel groups, {3} quotations.',
            Date.now() - started,
            index.phrases.length,
            index.groups.length,
            index.quotations.length,
          ),
        );
        this.changeEmitter.fire(index);
        return index;
      },
      (err: unknown) => {
        this.log.error(vscode.l10n.t('Building the phrase index failed: {0}', err instanceof Error ? err.message : String(err)));
        return this.built?.index ?? buildPhraseIndex([]);
      },
    );
    const building = { version: loaded.version, promise, cts };
    this.building = building;
    void promise.finally(() => {
      cts.dispose();
      if (this.building === building) this.building = undefined;
    });
    return promise;
  }

  dispose(): void {
    this.building?.cts.cancel();
    for (const d of this.subscriptions) d.dispose();
  }
}

const phrasesByCorpus = new WeakMap<Corpus, Phrases>();

/** The one Phrases of this window (made on first use, disposed with the extension). */
export function phrasesOf(context: FeatureContext): Phrases {
  let phrases = phrasesByCorpus.get(context.corpus);
  if (!phrases) {
    phrases = new Phrases(context.corpus, context.log);
    phrasesByCorpus.set(context.corpus, phrases);
    context.extension.subscriptions.push(phrases);
  }
  return phrases;
}

/** Drafts bigger than this are skipped (a pasted book is not a draft, and mining it would stall typing). */
const MAX_DRAFT_CHARS = 60_000;
/** All open drafts together are indexed up to this many chars (a rebuild on this thread stays in the low hundreds of ms). */
const MAX_DRAFTS_CHARS = 120_000;
/** Rebuild this long after the last edit: typing goes on uninterrupted, a pause picks the new text up. */
const DRAFTS_DEBOUNCE_MS = 1_000;

export function isDraft(document: vscode.TextDocument): boolean {
  return (DRAFT_LANGUAGES as readonly string[]).includes(document.languageId) && DRAFT_SCHEMES.includes(document.uri.scheme);
}

/**
 * A small PhraseIndex over the open drafts, so the writer's own wording comes back to them. The
 * lines holding a cursor are left out: completing a line from its own older copy would only echo it.
 */
export class OpenDraftPhrases implements vscode.Disposable {
  private built: PhraseIndex | undefined;
  private timer: NodeJS.Timeout | undefined;
  private cts: vscode.CancellationTokenSource | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly corpus: Corpus,
    private readonly log: vscode.LogOutputChannel,
    private readonly enabled: () => boolean,
    private readonly builder: PhraseIndexBuilder = buildOnThisThread,
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
  get index(): PhraseIndex | undefined {
    return this.enabled() ? this.built : undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rebuild(), DRAFTS_DEBOUNCE_MS);
  }

  private async rebuild(): Promise<void> {
    this.cts?.cancel();
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
    const cts = (this.cts = new vscode.CancellationTokenSource());
    try {
      const index = documents.length ? await this.builder(documents, cts.token) : undefined;
      // A newer edit started another rebuild meanwhile; its result wins.
      if (cts.token.isCancellationRequested) return;
      this.built = index;
    } catch (err) {
      this.log.warn(vscode.l10n.t('Indexing the open drafts failed: {0}', err instanceof Error ? err.message : String(err)));
      return;
    } finally {
      cts.dispose();
      if (this.cts === cts) this.cts = undefined;
    }
    const ms = Date.now() - started;
    if (ms > 200) this.log.info(vscode.l10n.t('Open drafts indexed in {0} ms ({1} documents, {2} characters).', ms, documents.length, total));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.cts?.cancel();
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
