// The host side of the indexing worker (src/indexWorker.ts, bundled as dist/worker.js): starts it
// on first use, sends one request per load, relays progress, and turns the transferred parts back
// into a CorpusIndex (or, for the open drafts, a CompletionIndex). Cancelling sets a shared flag the worker checks between files and phases; a
// worker deep in a long synchronous step that doesn't stop within a grace period is terminated
// (a new one starts on the next request). Either way the caller gets `cancelled: true` and keeps
// whatever index it had.
import { Worker } from 'node:worker_threads';
import { memoryReader, restoreCorpusIndexYielding, type CacheMeta } from './cache';
import type { SectionValue } from './sectionFile';
import { buildCorpusText } from '../phrases/corpusText';
import type { MinedItems } from '../phrases/sampledMining';
import type { CancellationToken, SkippedFile, SpeechDocument } from '../types';
import type { CompletionIndex } from './corpusIndex';
import type { IndexedCorpus, IndexProgress } from './indexCorpus';

/** The host took in a 'part': the worker may send the next. */
export interface PartAck {
  type: 'ack';
  id: number;
}

/** Build the completion part of an index over these speeches (the open drafts): small, no cache. */
export interface DraftsRequest {
  type: 'drafts';
  id: number;
  documents: SpeechDocument[];
}

export interface IndexWorkerRequest {
  type: 'index';
  id: number;
  sources: string[];
  storageDir?: string;
  build: string;
  maxFileBytes?: number;
  /** Int32Array(1) over it: non-zero = cancelled. */
  cancel: SharedArrayBuffer;
}

/**
 * The big parts of a finished index arrive first, in pieces ('part' messages), then 'done' with the
 * rest: each message is deserialized in its own task on the receiving thread, so at 90 M characters
 * no single one holds the extension host for long (one message of everything held it ~0.5 s).
 */
export type IndexWorkerPart =
  | { field: 'speeches'; items: CacheMeta['speeches'] }
  | { field: 'phrases'; items: CacheMeta['phrases'] }
  | { field: 'formulations'; items: CacheMeta['formulations'] }
  /** Each speech's text as it stands in the corpus text, in order. */
  | { field: 'segments'; items: string[] };

export type IndexWorkerReply =
  | { type: 'drafts'; id: number; sa: Int32Array; roles: Uint8Array; mined: MinedItems }
  | { type: 'progress'; id: number; progress: IndexProgress }
  | { type: 'part'; id: number; part: IndexWorkerPart }
  | { type: 'error'; id: number; message: string }
  | { type: 'done'; id: number; cancelled: true; reparsedFiles: string[]; timings: Record<string, number> }
  | {
      type: 'done';
      id: number;
      cancelled: false;
      meta: CacheMeta;
      sections: Record<string, SectionValue>;
      skipped: SkippedFile[];
      origin: IndexedCorpus['origin'];
      reparsedFiles: string[];
      cacheProblem?: string;
      timings: Record<string, number>;
    };

export interface IndexWorkerOptions {
  storageDir?: string;
  /** The extension's version: a cache from another build is rebuilt. */
  build: string;
  token?: CancellationToken;
  onProgress?: (p: IndexProgress) => void;
  maxFileBytes?: number;
}

/** How often the token is polled (the core token has no event), and how long a cancel may take. */
const CANCEL_POLL_MS = 50;
const CANCEL_GRACE_MS = 1500;

export class IndexWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    {
      worker: Worker;
      request: IndexWorkerRequest | DraftsRequest;
      settle: (reply: IndexWorkerReply | Error) => void;
      onProgress?: (p: IndexProgress) => void;
      parts: IndexWorkerPart[];
    }
  >();

  constructor(
    /** Path of the bundled worker script (dist/worker.js). */
    private readonly workerFile: string,
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    // The heap limit keeps a runaway corpus from taking the machine; the typed arrays live outside it.
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: 4096 } });
    worker.unref();
    worker.on('message', (reply: IndexWorkerReply) => {
      // Every part is acknowledged (a request no longer waited for too, or its worker would wait for ever),
      // after a turn of this thread's loop: the next part then arrives as a task of its own.
      if (reply.type === 'part') setImmediate(() => worker.postMessage({ type: 'ack', id: reply.id } satisfies PartAck));
      const p = this.pending.get(reply.id);
      // (A request moved to a fresh worker hears only from that one.)
      if (!p || p.worker !== worker) return;
      if (reply.type === 'progress') p.onProgress?.(reply.progress);
      else if (reply.type === 'part') p.parts.push(reply.part);
      else p.settle(reply);
    });
    const failAll = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      // Only the requests this worker had: a terminated worker's exit must not fail its successor's.
      for (const p of [...this.pending.values()]) if (p.worker === worker) p.settle(err);
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the indexing worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Loads the corpus with its index in the worker. Rejects only if the worker fails; a cancel resolves with `cancelled: true`. */
  index(sources: string[], options: IndexWorkerOptions): Promise<IndexedCorpus> {
    const id = this.nextId++;
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const worker = this.start();
    return new Promise<IndexedCorpus>((resolve, reject) => {
      let grace: NodeJS.Timeout | undefined;
      const poll = setInterval(() => {
        if (!options.token?.isCancellationRequested || grace) return;
        Atomics.store(flag, 0, 1);
        grace = setTimeout(() => {
          // Still busy: stop it; the next request starts a fresh worker.
          if (this.worker === worker) this.worker = undefined;
          this.pending.delete(id);
          clearInterval(poll);
          // A request sent after this one (a reload that cancelled it) starts over in a fresh worker instead of failing with this one.
          for (const p of this.pending.values()) {
            if (p.worker !== worker) continue;
            p.worker = this.start();
            p.parts = [];
            p.worker.postMessage(p.request);
          }
          void worker.terminate();
          resolve(cancelledResult());
        }, CANCEL_GRACE_MS);
      }, CANCEL_POLL_MS);
      const received: IndexWorkerPart[] = [];
      const settle = (reply: IndexWorkerReply | Error) => {
        const parts = this.pending.get(id)?.parts;
        if (parts) received.push(...parts);
        this.pending.delete(id);
        clearInterval(poll);
        clearTimeout(grace);
        if (reply instanceof Error) return reject(reply);
        if (reply.type === 'error') return reject(new Error(reply.message));
        if (reply.type !== 'done') return;
        if (reply.cancelled) return resolve({ ...cancelledResult(), reparsedFiles: reply.reparsedFiles, timings: reply.timings });
        const meta: CacheMeta = { ...reply.meta, speeches: [...reply.meta.speeches], phrases: [...reply.meta.phrases], formulations: [...reply.meta.formulations] };
        const segments: string[] = [];
        for (const part of received) {
          const into: unknown[] = part.field === 'segments' ? segments : meta[part.field];
          for (const item of part.items) into.push(item);
        }
        restoreCorpusIndexYielding(meta, memoryReader(reply.sections), segments).then((index) => {
          const { skipped, origin, reparsedFiles, cacheProblem, timings } = reply;
          resolve({ documents: [...index.documents], skipped, index, origin, reparsedFiles, ...(cacheProblem ? { cacheProblem } : {}), timings: { ...timings, ...index.timings } });
        }, (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))));
      };
      const request: IndexWorkerRequest = { type: 'index', id, sources, storageDir: options.storageDir, build: options.build, maxFileBytes: options.maxFileBytes, cancel };
      this.pending.set(id, { worker, request, settle, onProgress: options.onProgress, parts: [] });
      worker.postMessage(request);
    });
  }

  /** The completion part of an index over `documents` (the open drafts), built in the worker. */
  completionIndex(documents: SpeechDocument[]): Promise<CompletionIndex> {
    const id = this.nextId++;
    const worker = this.start();
    const request: DraftsRequest = { type: 'drafts', id, documents };
    return new Promise<CompletionIndex>((resolve, reject) => {
      const settle = (reply: IndexWorkerReply | Error) => {
        this.pending.delete(id);
        if (reply instanceof Error) return reject(reply);
        if (reply.type === 'error') return reject(new Error(reply.message));
        if (reply.type !== 'drafts') return;
        // The joined text is made again here (the same function, so the same text the array sorts).
        const corpus = buildCorpusText(documents, () => reply.sa);
        resolve({ documents, corpus, mined: reply.mined, roles: reply.roles });
      };
      this.pending.set(id, { worker, request, settle, parts: [] });
      worker.postMessage(request);
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

function cancelledResult(): IndexedCorpus {
  return { documents: [], skipped: [], cancelled: true, origin: 'rebuilt', reparsedFiles: [], timings: {} };
}
