// The proofreading worker (bundled as dist/proofreadWorker.js): 全文校对 off the extension host
// thread. Requests {type: 'check', id, key, text, options, evidence} → {type: 'done', id, findings};
// with `evidence`, the strings the typo check wants counted in the corpus go to the host first
// ({type: 'count', id, strings} → {type: 'counts', id, counts}). One Proofreader per document key
// keeps that draft's paragraph cache; {type: 'forget', key} drops it.
import { parentPort } from 'node:worker_threads';
import { loadLexicon } from './core/lexicon';
import { corpusCounts, Proofreader } from './core/proofread';
import type { ProofreadReply, ProofreadRequest } from './core/proofread/proofreadWorkerClient';

const port = parentPort;
if (port) {
  const documents = new Map<string, Proofreader>();
  /** Checks waiting for the host's counts. */
  const waiting = new Map<number, (counts: number[]) => void>();
  let loaded = false;

  const check = async (request: Extract<ProofreadRequest, { type: 'check' }>): Promise<ProofreadReply> => {
    let loadMs: number | undefined;
    if (!loaded) {
      const started = performance.now();
      new Proofreader(loadLexicon).warmUp();
      loadMs = performance.now() - started;
      loaded = true;
    }
    let proofreader = documents.get(request.key);
    if (!proofreader) documents.set(request.key, (proofreader = new Proofreader(loadLexicon)));
    let started = performance.now();
    let ms = 0;
    let corpus;
    const queries = request.evidence ? proofreader.corpusQueries(request.text, request.options) : [];
    const checked = proofreader.lastChecked;
    if (queries.length) {
      ms += performance.now() - started;
      const counts = await new Promise<number[]>((resolve) => {
        waiting.set(request.id, resolve);
        port.postMessage({ type: 'count', id: request.id, strings: queries } satisfies ProofreadReply);
      });
      corpus = corpusCounts(queries, counts);
      started = performance.now();
    }
    const findings = proofreader.proofread(request.text, { ...request.options, corpus });
    ms += performance.now() - started;
    // The paragraphs read from scratch were read by the first of the two passes when there were two.
    return { type: 'done', id: request.id, findings, ms, checkedParagraphs: request.evidence ? checked : proofreader.lastChecked, corpusQueries: queries.length, loadMs };
  };

  port.on('message', (request: ProofreadRequest) => {
    if (request.type === 'forget') {
      documents.delete(request.key);
      return;
    }
    if (request.type === 'counts') {
      waiting.get(request.id)?.(request.counts);
      waiting.delete(request.id);
      return;
    }
    if (request.type !== 'check') return;
    check(request).then(
      (reply) => port.postMessage(reply),
      (err: unknown) => port.postMessage({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) } satisfies ProofreadReply),
    );
  });
}
