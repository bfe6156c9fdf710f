// The host side of the proofreading worker (src/proofreadWorker.ts, bundled as
// dist/proofreadWorker.js): the lexicon (jieba's dictionary and the wasm segmenter, about 0.7 s and
// 90 MB to load) lives in that thread, so the extension host never pays for it on a keystroke. One
// Proofreader per document key in the worker keeps each draft's paragraph cache.
//
// The corpus stays on the host (its index is the editor's, and large): a check whose typo candidates
// need the corpus's word (is this form used there? is the restored word?) sends their strings to the
// host in one message, and the host answers with their counts from the index — one round trip per
// check, and none when no candidate needs it.
import { Worker } from 'node:worker_threads';
import type { ProofreadFinding, ProofreadOptions } from './types';

export type ProofreadRequest =
  | { type: 'check'; id: number; key: string; text: string; options: Partial<Omit<ProofreadOptions, 'corpus'>>; evidence: boolean }
  | { type: 'counts'; id: number; counts: number[] }
  | { type: 'forget'; key: string };

export type ProofreadReply =
  | { type: 'done'; id: number; findings: ProofreadFinding[]; ms: number; checkedParagraphs: number; corpusQueries: number; loadMs?: number }
  | { type: 'count'; id: number; strings: string[] }
  | { type: 'error'; id: number; message: string };

export interface ProofreadResult {
  findings: ProofreadFinding[];
  /** Time the worker spent on this check (not counting the first load, nor the host counting). */
  ms: number;
  /** Paragraphs read from scratch (the others came from the document's cache). */
  checkedParagraphs: number;
  /** Strings the host counted in the corpus for this check. */
  corpusQueries: number;
  /** Time the first request spent loading the lexicon, if this one did. */
  loadMs?: number;
}

/** Counts each string's occurrences in the corpus, in order; undefined while there is no corpus. */
export type CorpusCounter = () => ((strings: readonly string[]) => number[]) | undefined;

export class ProofreadWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: ProofreadResult) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly file: string,
    private readonly counter: CorpusCounter = () => undefined,
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file);
    worker.on('message', (reply: ProofreadReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      if (reply.type === 'count') {
        // The corpus may have gone meanwhile: no counts then, as for a check without a corpus.
        let counts: number[];
        try {
          counts = this.counter()?.(reply.strings) ?? reply.strings.map(() => 0);
        } catch {
          counts = reply.strings.map(() => 0);
        }
        worker.postMessage({ type: 'counts', id: reply.id, counts } satisfies ProofreadRequest);
        return;
      }
      this.pending.delete(reply.id);
      if (!this.pending.size) worker.unref();
      if (reply.type === 'error') p.reject(new Error(reply.message));
      else p.resolve({ findings: reply.findings, ms: reply.ms, checkedParagraphs: reply.checkedParagraphs, corpusQueries: reply.corpusQueries, loadMs: reply.loadMs });
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
      worker.postMessage({ type: 'check', id, key, text, options, evidence: this.counter() !== undefined } satisfies ProofreadRequest);
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
