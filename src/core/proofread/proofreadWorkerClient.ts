// The host side of the proofreading worker (src/proofreadWorker.ts, bundled as
// dist/proofreadWorker.js): the lexicon (jieba's dictionary and the wasm segmenter, about 0.7 s and
// 90 MB to load) lives in that thread, so the extension host never pays for it on a keystroke. One
// Proofreader per document key in the worker keeps each draft's paragraph cache.
import { Worker } from 'node:worker_threads';
import type { ProofreadFinding, ProofreadOptions } from './types';

export type ProofreadRequest =
  | { type: 'check'; id: number; key: string; text: string; options: Partial<Omit<ProofreadOptions, 'corpus'>> }
  | { type: 'forget'; key: string };

export type ProofreadReply =
  | { type: 'done'; id: number; findings: ProofreadFinding[]; ms: number; checkedParagraphs: number; loadMs?: number }
  | { type: 'error'; id: number; message: string };

export interface ProofreadResult {
  findings: ProofreadFinding[];
  /** Time the worker spent on this check (not counting the first load). */
  ms: number;
  /** Paragraphs read from scratch (the others came from the document's cache). */
  checkedParagraphs: number;
  /** Time the first request spent loading the lexicon, if this one did. */
  loadMs?: number;
}

export class ProofreadWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: ProofreadResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly file: string) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file);
    worker.on('message', (reply: ProofreadReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (!this.pending.size) worker.unref();
      if (reply.type === 'error') p.reject(new Error(reply.message));
      else p.resolve({ findings: reply.findings, ms: reply.ms, checkedParagraphs: reply.checkedParagraphs, loadMs: reply.loadMs });
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the proofreading worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  check(key: string, text: string, options: Partial<Omit<ProofreadOptions, 'corpus'>> = {}): Promise<ProofreadResult> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Referenced while it owes an answer; an idle worker keeps no process alive.
      worker.ref();
      worker.postMessage({ type: 'check', id, key, text, options } satisfies ProofreadRequest);
    });
  }

  /** Drops a closed document's paragraph cache. */
  forget(key: string): void {
    this.worker?.postMessage({ type: 'forget', key } satisfies ProofreadRequest);
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error('the proofreading worker was disposed'));
    this.pending.clear();
    void worker?.terminate();
  }
}
