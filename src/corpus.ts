// The corpus of this window: which sources the settings name, loading them with their index (lazily,
// with progress, in the indexing worker), and reloading when the settings or a corpus folder change.
// Every feature reads the speeches and the one CorpusIndex from here: `await corpus.ready` (Foam's
// pattern: one Promise of the index), or `corpus.current` on a keystroke, which never waits.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_FILE_MB, isCorpusFile, oneLine, printablePath } from './core/corpus';
import { emptyCorpusIndex, type CorpusIndex } from './core/index';
import type { CancellationToken, CorpusLoadResult, SkippedFile, SpeechDocument } from './core/types';
import { skipReasonText } from './skipReasons';

export const CORPUS_SECTION = 'speechDrafter.corpus';
/** Small corpora load before a notification would be read; only slower loads show one. */
const NOTIFY_AFTER_MS = 500;
/** Saving a file often fires several events (temp file, rename, change); one reload covers them. */
const WATCH_DEBOUNCE_MS = 800;

export interface LoadProgress {
  filesDone: number;
  filesTotal: number;
  chars: number;
  path: string;
}

/**
 * How the corpus and its index get loaded (the indexing worker with its cache: workerLoader.ts). It
 * must honour `token`; a cancelled load resolves with `cancelled: true` and no index.
 */
export type CorpusLoader = (
  sources: string[],
  options: { token: CancellationToken; onProgress: (p: LoadProgress) => void; maxFileBytes: number },
) => Promise<CorpusLoadResult & { index?: CorpusIndex; origin?: IndexOrigin }>;

/** Where a loaded index came from: the cache as saved, the cache with some files read again, or every file read. */
export type IndexOrigin = 'cache' | 'incremental' | 'rebuilt';

export interface LoadedCorpus {
  readonly documents: readonly SpeechDocument[];
  /** The index of exactly these speeches: completion, search, 提法核对 and the 常用提法 view read it. */
  readonly index: CorpusIndex;
  readonly skipped: readonly SkippedFile[];
  /** Absolute paths of the files and folders that were read. */
  readonly sources: readonly string[];
  /** Grows with every load that replaced the corpus; work computed for an older version can be dropped. */
  readonly version: number;
  /** The user cancelled the last load: these documents are from the load before it (or none). */
  readonly cancelled: boolean;
  /** How the index was had, and how long the load took (milliseconds); absent for the empty corpus. */
  readonly origin?: IndexOrigin;
  readonly loadMs?: number;
  /** The speech of this id; a version's id (a copy the index folded, dedupe.ts) gives the speech that stands for it. */
  byId(id: string): SpeechDocument | undefined;
}

/** When the settings are read again after a load (milliseconds): a late arrival is seen without a change event. */
const RECHECK_MS = [2_000, 6_000, 15_000, 40_000];

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The sources the settings name for this window, and what was left out. */
export interface CorpusSources {
  sources: string[];
  /** Workspace settings files whose corpus paths were ignored because the workspace is not trusted. */
  ignoredUntrusted: string[];
  /** Relative paths that could not be resolved (no workspace folder is open). */
  unresolved: string[];
}

/**
 * The workspace settings files that set the corpus paths. In restricted mode VS Code hides those
 * values even from inspect(), so the files are read (only to tell the user, never to use the paths).
 */
function workspaceSettingsNamingPaths(folders: readonly string[]): string[] {
  const files = folders.map((f) => path.join(f, '.vscode', 'settings.json'));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') files.push(workspaceFile.fsPath);
  return files.filter((f) => {
    try {
      return /"speechDrafter\.corpus\.paths"\s*:/.test(fs.readFileSync(f, 'utf8'));
    } catch {
      return false;
    }
  });
}

function loadedCorpus(
  result: Pick<LoadedCorpus, 'documents' | 'skipped' | 'index' | 'origin' | 'loadMs'>,
  sources: readonly string[],
  version: number,
  cancelled: boolean,
): LoadedCorpus {
  const byId = new Map(result.documents.map((d) => [d.id, d]));
  for (const d of result.documents) for (const v of d.versions ?? []) byId.set(v.id, d);
  const { documents, index, skipped, origin, loadMs } = result;
  return { documents, index, skipped, sources, version, cancelled, origin, loadMs, byId: (id) => byId.get(id) };
}

/** No speeches, nothing indexed: before the first load, or after one that failed with nothing before it. */
function emptyCorpus(version = 0, cancelled = false): LoadedCorpus {
  return loadedCorpus({ documents: [], skipped: [], index: emptyCorpusIndex() }, [], version, cancelled);
}

/** Resolves one configured path: `~` is the home folder, a relative path is taken in each workspace folder. */
export function resolveCorpusPath(p: string, folders: readonly string[], home = os.homedir()): string[] {
  const trimmed = p.trim();
  if (!trimmed) return [];
  if (trimmed === '~' || trimmed.startsWith('~/') || trimmed.startsWith('~\\')) return [path.join(home, trimmed.slice(1))];
  if (path.isAbsolute(trimmed)) return [path.normalize(trimmed)];
  return folders.map((f) => path.join(f, trimmed));
}

export class Corpus implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<LoadedCorpus>();
  private readonly loadingEmitter = new vscode.EventEmitter<void>();
  private readonly progressEmitter = new vscode.EventEmitter<LoadProgress>();
  /** Fires after every load that finished (replaced, kept on cancel, or failed). */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires when a load starts. */
  readonly onDidStartLoading = this.loadingEmitter.event;
  /** Fires as a load reads files (a few times a second at most). */
  readonly onDidReportProgress = this.progressEmitter.event;

  private pending: Promise<LoadedCorpus> | undefined;
  private latest: LoadedCorpus | undefined;
  private generation = 0;
  private loadCts: vscode.CancellationTokenSource | undefined;
  private watchers: vscode.Disposable[] = [];
  private watchedKey = '';
  private debounce: NodeJS.Timeout | undefined;
  private toldAboutTrust = false;
  /** The sources the newest load was asked to read. */
  private requested: readonly string[] = [];
  private rechecks: NodeJS.Timeout[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly loader: CorpusLoader,
  ) {
    // Nothing loads until someone asks; after that, these keep the corpus in step with its sources.
    const reloadIfLoaded = () => {
      if (this.pending) void this.reload();
    };
    this.subscriptions.push(
      this.changeEmitter,
      this.loadingEmitter,
      this.progressEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(CORPUS_SECTION)) reloadIfLoaded();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(reloadIfLoaded),
      vscode.workspace.onDidGrantWorkspaceTrust(reloadIfLoaded),
    );
  }

  /** The loaded corpus; the first call starts loading. Never rejects: a failed load gives the previous corpus (or an empty one). */
  get ready(): Promise<LoadedCorpus> {
    return (this.pending ??= this.reload());
  }

  /** The last loaded corpus, if any, without starting a load (what a keystroke reads: it never waits). */
  get current(): LoadedCorpus | undefined {
    return this.latest;
  }

  /** True when the newest load finished and no other is under way: `current` is the corpus the settings name. */
  get isReady(): boolean {
    return this.latest !== undefined && !this.isLoading;
  }

  get isLoading(): boolean {
    return this.loadCts !== undefined;
  }

  /** Loads again from the current settings, cancelling a load under way. Resolves with the newest corpus. */
  reload(): Promise<LoadedCorpus> {
    this.loadCts?.cancel();
    this.loadCts?.dispose();
    const cts = (this.loadCts = new vscode.CancellationTokenSource());
    const generation = ++this.generation;
    const loading = this.load(cts.token);
    // load() reads the settings before its first await: these are the sources it was asked for.
    const requested = this.requested;
    const run = loading.catch((err) => this.failed(err)).then((loaded) => {
      // A newer load replaced this one: hand its result to whoever awaited this one.
      if (generation !== this.generation) return this.pending!;
      cts.dispose();
      this.loadCts = undefined;
      this.latest = loaded;
      this.changeEmitter.fire(loaded);
      // The settings may change with no change event reaching the extension: after a window reload in
      // code-server the user's settings can arrive seconds after the extension first reads them (the
      // e2e saw the sample alone, user folder missing). Read them again now and a few times more.
      if (this.settingsMoved(requested)) return this.reload();
      this.recheck(requested);
      return loaded;
    });
    this.pending = run;
    // After `pending` is set, so a listener reading `ready` gets this load rather than starting one.
    this.loadingEmitter.fire();
    return run;
  }

  /** The size limit of a corpus file (speechDrafter.corpus.maxFileMB), kept within its bounds. */
  maxFileBytes(): number {
    const mb = vscode.workspace.getConfiguration(CORPUS_SECTION).get<number>('maxFileMB', MAX_FILE_MB.default);
    const valid = typeof mb === 'number' && Number.isFinite(mb);
    const bounded = valid ? Math.min(MAX_FILE_MB.max, Math.max(MAX_FILE_MB.min, mb)) : MAX_FILE_MB.default;
    if (bounded !== mb) this.log.warn(vscode.l10n.t('speechDrafter.corpus.maxFileMB is {0}; using {1} (allowed: {2}–{3}).', String(mb), bounded, MAX_FILE_MB.min, MAX_FILE_MB.max));
    return bounded * 1024 * 1024;
  }

  /** The files and folders the settings name, in order, without duplicates. */
  sources(): CorpusSources {
    const cfg = vscode.workspace.getConfiguration(CORPUS_SECTION);
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const out: string[] = [];
    const ignoredUntrusted: string[] = [];
    const unresolved: string[] = [];
    if (cfg.get<boolean>('includeSample', true)) out.push(vscode.Uri.joinPath(this.extensionUri, 'media', 'corpus').fsPath);

    const add = (paths: unknown, base: readonly string[]) => {
      if (!Array.isArray(paths)) return;
      for (const p of paths) {
        if (typeof p !== 'string') continue;
        const resolved = resolveCorpusPath(p, base);
        if (!resolved.length && p.trim()) unresolved.push(p);
        out.push(...resolved);
      }
    };
    const paths = cfg.inspect<string[]>('paths');
    if (vscode.workspace.isTrusted) {
      // Workspace and folder values override the user's, as settings do; a folder's relative paths are its own.
      if (folders.length === 0) add(cfg.get('paths'), []);
      for (const f of folders) add(vscode.workspace.getConfiguration(CORPUS_SECTION, f.uri).get('paths'), [f.uri.fsPath]);
    } else {
      // An untrusted workspace must not point the extension at files: only the user's own paths count.
      add(paths?.globalValue, folders.map((f) => f.uri.fsPath));
      ignoredUntrusted.push(...workspaceSettingsNamingPaths(folders.map((f) => f.uri.fsPath)));
    }
    return { sources: [...new Set(out)], ignoredUntrusted: [...new Set(ignoredUntrusted)], unresolved };
  }

  /** Whether the settings now name other sources than `requested`, the sources a load was asked for (then says so in the log). */
  private settingsMoved(requested: readonly string[]): boolean {
    const now = this.sources().sources;
    if (sameList(now, requested)) return false;
    this.log.info(vscode.l10n.t('The corpus settings changed: loading again ({0}).', now.join(', ')));
    return true;
  }

  /** Reads the settings again at RECHECK_MS after a load; reloads if they moved and nothing else is loading. */
  private recheck(requested: readonly string[]): void {
    for (const t of this.rechecks) clearTimeout(t);
    this.rechecks = RECHECK_MS.map((ms) =>
      setTimeout(() => {
        if (!this.isLoading && this.requested === requested && this.settingsMoved(requested)) void this.reload();
      }, ms),
    );
  }

  private async load(token: vscode.CancellationToken): Promise<LoadedCorpus> {
    const previous = this.latest;
    const { sources, ignoredUntrusted, unresolved } = this.sources();
    this.requested = sources;
    this.log.debug(`corpus load: trusted ${vscode.workspace.isTrusted}, paths ${JSON.stringify(vscode.workspace.getConfiguration(CORPUS_SECTION).inspect('paths'))}, sources ${JSON.stringify(sources)}`);
    this.explainIgnored(ignoredUntrusted, unresolved);
    // A missing path comes back from the loader as a skipped source, logged with the files.
    this.watch(sources);

    const started = Date.now();
    let progress: LoadProgress = { filesDone: 0, filesTotal: 0, chars: 0, path: '' };
    let reportToNotification: ((p: LoadProgress) => void) | undefined;
    const work = this.loader(sources, {
      token,
      maxFileBytes: this.maxFileBytes(),
      onProgress: (p) => {
        progress = p;
        reportToNotification?.(p);
        if (this.loadCts?.token === token) this.progressEmitter.fire(p);
      },
    });
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    const notifyTimer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('讲稿助手: indexing the corpus'), cancellable: true },
        (notification, cancel) => {
          cancel.onCancellationRequested(() => {
            if (this.loadCts?.token === token) this.loadCts.cancel();
          });
          let reported = 0;
          reportToNotification = (p) => {
            const fraction = p.filesTotal ? p.filesDone / p.filesTotal : 0;
            notification.report({
              message: vscode.l10n.t('{0} of {1} files, {2} characters', p.filesDone, p.filesTotal, p.chars.toLocaleString()),
              increment: Math.max(0, fraction * 100 - reported),
            });
            reported = Math.max(reported, fraction * 100);
          };
          reportToNotification(progress);
          return settled;
        },
      );
    }, NOTIFY_AFTER_MS);
    void settled.then(() => clearTimeout(notifyTimer));

    let result: Awaited<ReturnType<CorpusLoader>>;
    try {
      result = await work;
    } catch (err) {
      return this.failed(err);
    }
    if (token.isCancellationRequested || result.cancelled || !result.index) {
      this.log.info(vscode.l10n.t('Indexing was cancelled; the previous corpus stays in use.'));
      return previous ? loadedCorpus(previous, previous.sources, previous.version, true) : emptyCorpus(0, true);
    }
    for (const s of result.skipped) this.log.warn(vscode.l10n.t('Skipped {0}: {1}', printablePath(s.path), oneLine(skipReasonText(s.reason))));
    const chars = result.documents.reduce((n, d) => n + d.text.length, 0);
    const versions = result.documents.flatMap((d) => d.versions ?? []);
    const files = new Set([...result.documents, ...versions].map((d) => d.source)).size;
    this.log.info(
      vscode.l10n.t(
        'Loaded {0} speeches from {1} files ({2} characters) in {3} ms; {4} files skipped.',
        result.documents.length,
        files,
        chars.toLocaleString(),
        Date.now() - started,
        result.skipped.length,
      ),
    );
    if (versions.length) this.log.info(vscode.l10n.t('{0} copies of these speeches (saved again, edited, in a compilation) are counted once.', versions.length));
    const { documents, skipped, index, origin } = result;
    return loadedCorpus({ documents, skipped, index, origin, loadMs: Date.now() - started }, sources, (previous?.version ?? 0) + 1, false);
  }

  /** A load that threw keeps the previous corpus (or an empty one): features never see a rejection. */
  private failed(err: unknown): LoadedCorpus {
    const message = err instanceof Error ? err.message : String(err);
    this.log.error(vscode.l10n.t('Loading the corpus failed: {0}', message));
    void vscode.window.showErrorMessage(vscode.l10n.t('讲稿助手: loading the corpus failed: {0}', message));
    return this.latest ?? emptyCorpus();
  }

  private explainIgnored(ignoredUntrusted: string[], unresolved: string[]): void {
    for (const p of unresolved) this.log.warn(vscode.l10n.t('Relative corpus path {0} ignored: no workspace folder is open.', p));
    if (!ignoredUntrusted.length) return;
    this.log.warn(vscode.l10n.t('Workspace not trusted: the corpus paths set in {0} are ignored.', ignoredUntrusted.join(', ')));
    if (this.toldAboutTrust) return;
    this.toldAboutTrust = true;
    const manage = vscode.l10n.t('Manage Workspace Trust');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          '讲稿助手: this workspace is not trusted, so the corpus paths in its settings are ignored. Only your user settings and the bundled sample are read.',
        ),
        manage,
      )
      .then((choice) => {
        if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      });
  }

  /** Watches every corpus folder (and single file) so adding, editing or removing a file reloads. */
  private watch(sources: string[]): void {
    const sample = vscode.Uri.joinPath(this.extensionUri, 'media', 'corpus').fsPath;
    const watched = sources.filter((s) => s !== sample);
    const key = watched.join('\n');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const s of watched) {
      let pattern: vscode.RelativePattern;
      try {
        pattern = fs.statSync(s).isDirectory()
          ? new vscode.RelativePattern(vscode.Uri.file(s), '**/*')
          : new vscode.RelativePattern(vscode.Uri.file(path.dirname(s)), path.basename(s));
      } catch {
        continue;
      }
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const onEvent = (uri: vscode.Uri) => this.scheduleReload(uri);
      this.watchers.push(watcher, watcher.onDidCreate(onEvent), watcher.onDidChange(onEvent), watcher.onDidDelete(onEvent));
    }
  }

  private scheduleReload(uri: vscode.Uri): void {
    const name = path.basename(uri.fsPath);
    // Word's lock files (~$x.docx) and editors' temp files come and go while a user merely reads;
    // a name without an extension may be a folder that was added or removed.
    if (name.startsWith('.') || (path.extname(name) && !isCorpusFile(name))) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.log.info(vscode.l10n.t('Corpus changed ({0}); reloading.', uri.fsPath));
      void this.reload();
    }, WATCH_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.debounce);
    for (const t of this.rechecks) clearTimeout(t);
    this.loadCts?.cancel();
    this.loadCts?.dispose();
    for (const d of [...this.watchers, ...this.subscriptions]) d.dispose();
  }
}
