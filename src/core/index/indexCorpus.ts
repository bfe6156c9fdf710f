// Loading a corpus with its index, through the cache. Unchanged files (same path, size and mtime,
// same engine and build): the saved index is loaded as it is. Some files changed, were added or
// removed: only those files are read and parsed again; every other file's speeches come from the
// cache, and the corpus-wide structures (suffix array, mining, search tables) are rebuilt from the
// merged speeches — they span all files, so they are not patched in place. A cache that is
// missing, damaged or from another engine or build is never trusted: everything is rebuilt.
//
// A speech saved several times (a 定稿 and a 修改稿, again inside a compilation) is indexed once:
// the speeches read are folded into distinct ones here, between reading and building, and nowhere
// else (foldVersions). So every count the features show — a phrase's 篇, search, 提法核对, the
// tree — counts distinct speeches. The cache keeps the copies too, so an update folds again over
// every file's speeches; a load of an unchanged corpus takes the versions as saved.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CorpusIndexCache, saveCorpusIndex, type CachedFile, type CacheIdentity } from './cache';
import { CacheInvalidError } from './sectionFile';
import { collectFiles, readSpeechFile, sizeLimitReason } from '../corpus/load';
import { dedupeSpeeches, type DedupeResult } from '../corpus/dedupe';
import type { SkipReason } from '../corpus/skipReason';
import type { CancellationToken, CorpusLoadResult, SkippedFile, SpeechDocument } from '../types';
import { buildCorpusIndexAsync, type CorpusIndex } from './corpusIndex';

export interface IndexProgress {
  filesDone: number;
  filesTotal: number;
  chars: number;
  path: string;
  /** What is happening: reading files, building the index, saving it. */
  phase: 'reading' | 'indexing' | 'saving' | 'done';
}

export interface IndexCorpusOptions {
  /** Folder for the cache (the extension's global storage); none: no cache. */
  storageDir?: string;
  identity?: CacheIdentity;
  token?: CancellationToken;
  onProgress?: (p: IndexProgress) => void;
  maxFileBytes?: number;
}

export interface IndexedCorpus extends CorpusLoadResult {
  /** The distinct speeches (the index's): a speech saved several times is one, listing the others as its versions. */
  documents: SpeechDocument[];
  /** Absent only when cancelled. */
  index?: CorpusIndex;
  /** cache: loaded as saved; incremental: some files re-read; rebuilt: every file read. */
  origin: 'cache' | 'incremental' | 'rebuilt';
  /** Files read and parsed in this run (all of them for a rebuild). */
  reparsedFiles: string[];
  /** Why the cache could not be used (absent when it was, or when there is no storage). */
  cacheProblem?: string;
  /** Seconds per phase. */
  timings: Record<string, number>;
}

/** The cache file of one list of sources: windows with different corpora keep separate caches. */
export function cacheFileFor(storageDir: string, sources: readonly string[]): string {
  const key = createHash('sha256').update(JSON.stringify(sources)).digest('hex').slice(0, 16);
  return path.join(storageDir, `corpus-index-${key}.sdidx`);
}

/**
 * The speeches to index: near duplicates folded into one speech each, which lists the others as its
 * versions (dedupe.ts); the newer file stands for a speech when nothing else decides. The one place
 * where versions are decided, for the editor's worker and the CLI alike.
 */
export function foldVersions(documents: SpeechDocument[], modifiedMs: ReadonlyMap<string, number>, token?: CancellationToken): DedupeResult {
  return dedupeSpeeches(documents, { modifiedMs: (source) => modifiedMs.get(source), token });
}

const sameFile = (a: CachedFile, b: { path: string; size: number; mtimeMs: number }) => a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * What a cached file stands for now: undefined when it must be read again (it changed, or the size
 * limit, which the user may have raised or lowered, now falls on its other side); else its skip
 * reason, a size one restated with today's limit.
 */
function reuse(cached: CachedFile, now: { path: string; size: number; mtimeMs: number }, maxFileBytes: number | undefined): { skipped?: SkipReason } | undefined {
  if (!sameFile(cached, now)) return undefined;
  const tooLarge = sizeLimitReason(now.path, now.size, maxFileBytes);
  if (!!tooLarge !== (cached.skipped?.code === 'tooLarge')) return undefined;
  const skipped = tooLarge ?? cached.skipped;
  return skipped ? { skipped } : {};
}

export async function indexCorpus(sources: string[], options: IndexCorpusOptions = {}): Promise<IndexedCorpus> {
  const identity = options.identity ?? { build: 'dev' };
  const timings: Record<string, number> = {};
  let lap = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - lap) / 1000;
    lap = now;
  };
  const token = options.token;
  const skippedSources: SkippedFile[] = [];
  const files = await collectFiles(sources, skippedSources, token);
  const stats = await Promise.all(
    files.map(async (p) => {
      const st = await fs.stat(p).catch(() => undefined);
      return { path: p, size: st?.size ?? -1, mtimeMs: st?.mtimeMs ?? -1 };
    }),
  );
  phase('scan_s');
  const cancelled = (reparsedFiles: string[]): IndexedCorpus => ({ documents: [], skipped: [], cancelled: true, origin: 'rebuilt', reparsedFiles, timings });
  if (token?.isCancellationRequested) return cancelled([]);

  const cacheFile = options.storageDir ? cacheFileFor(options.storageDir, sources) : undefined;
  let cache: CorpusIndexCache | undefined;
  let cacheProblem: string | undefined;
  if (cacheFile) {
    try {
      cache = CorpusIndexCache.open(cacheFile, identity);
    } catch (err) {
      cacheProblem = err instanceof Error ? err.message : String(err);
    }
  }

  const progress = (p: Omit<IndexProgress, 'filesTotal'>) => options.onProgress?.({ ...p, filesTotal: files.length });
  try {
    // Nothing changed: the saved index is the index.
    const reuses = cache && cache.files.length === stats.length ? cache.files.map((f, i) => reuse(f, stats[i], options.maxFileBytes)) : [];
    if (cache && reuses.length === stats.length && reuses.every((r) => r !== undefined)) {
      try {
        const index = cache.index();
        phase('cache_load_s');
        const skipped = [...skippedSources, ...stats.flatMap((st, i) => (reuses[i]!.skipped ? [{ path: st.path, reason: reuses[i]!.skipped! }] : []))];
        const chars = index.documents.reduce((n, d) => n + d.text.length, 0);
        progress({ filesDone: files.length, chars, path: '', phase: 'done' });
        return { documents: [...index.documents], skipped, index, origin: 'cache', reparsedFiles: [], timings };
      } catch (err) {
        if (!(err instanceof CacheInvalidError)) throw err;
        cacheProblem = err.message;
        cache.close();
        cache = undefined;
      }
    }

    // Reuse the speeches of unchanged files; read the others.
    const reused = new Map<string, { file: CachedFile; documents: SpeechDocument[] }>();
    if (cache) {
      try {
        const { documents } = cache.documents();
        let at = 0;
        for (const f of cache.files) {
          reused.set(f.path, { file: f, documents: documents.slice(at, at + f.speeches) });
          at += f.speeches;
        }
      } catch (err) {
        if (!(err instanceof CacheInvalidError)) throw err;
        cacheProblem = err.message;
        reused.clear();
      }
      phase('cache_documents_s');
    }

    const documents: SpeechDocument[] = [];
    const skipped: SkippedFile[] = [...skippedSources];
    const keys: CachedFile[] = [];
    const reparsedFiles: string[] = [];
    let chars = 0;
    for (let i = 0; i < stats.length; i++) {
      if (token?.isCancellationRequested) return cancelled(reparsedFiles);
      const st = stats[i];
      const old = reused.get(st.path);
      const still = old && reuse(old.file, st, options.maxFileBytes);
      let fileDocs: SpeechDocument[];
      let reason: SkipReason | undefined;
      if (old && still) {
        fileDocs = old.documents;
        reason = still.skipped;
      } else {
        const read = await readSpeechFile(st.path, { maxBytes: options.maxFileBytes });
        fileDocs = read.documents;
        reason = read.skipped?.reason;
        reparsedFiles.push(st.path);
      }
      documents.push(...fileDocs);
      if (reason) skipped.push({ path: st.path, reason });
      keys.push({ ...st, speeches: fileDocs.length, ...(reason ? { skipped: reason } : {}) });
      for (const d of fileDocs) chars += d.text.length;
      progress({ filesDone: i + 1, chars, path: st.path, phase: 'reading' });
    }
    phase('read_s');
    if (token?.isCancellationRequested) return cancelled(reparsedFiles);

    progress({ filesDone: files.length, chars, path: '', phase: 'indexing' });
    const distinct = foldVersions(documents, new Map(stats.map((st) => [st.path, st.mtimeMs])), token).documents;
    phase('dedupe_s');
    if (token?.isCancellationRequested) return cancelled(reparsedFiles);
    const index = await buildCorpusIndexAsync(distinct);
    phase('build_s');
    Object.assign(timings, index.timings);
    if (token?.isCancellationRequested) return cancelled(reparsedFiles);

    if (cacheFile) {
      progress({ filesDone: files.length, chars, path: '', phase: 'saving' });
      cache?.close();
      cache = undefined;
      try {
        saveCorpusIndex(cacheFile, index, keys, skippedSources, identity, documents);
      } catch (err) {
        // A full disk or a read-only storage folder costs the next start a rebuild, nothing more.
        cacheProblem = `saving the cache failed: ${err instanceof Error ? err.message : String(err)}`;
      }
      phase('save_s');
    }
    progress({ filesDone: files.length, chars, path: '', phase: 'done' });
    const origin = reused.size ? 'incremental' : 'rebuilt';
    return { documents: distinct, skipped, index, origin, reparsedFiles, ...(cacheProblem ? { cacheProblem } : {}), timings };
  } finally {
    cache?.close();
  }
}
