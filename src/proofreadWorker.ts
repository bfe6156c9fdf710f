// The proofreading worker (bundled as dist/proofreadWorker.js): 全文校对 off the extension host
// thread. Requests {type: 'check', id, key, text, options} → {type: 'done', id, findings}; one
// Proofreader per document key keeps that draft's paragraph cache; {type: 'forget', key} drops it.
import { parentPort } from 'node:worker_threads';
import { loadLexicon } from './core/lexicon';
import { Proofreader } from './core/proofread';
import type { ProofreadReply, ProofreadRequest } from './core/proofread/proofreadWorkerClient';

const port = parentPort;
if (port) {
  const documents = new Map<string, Proofreader>();
  let loaded = false;
  port.on('message', (request: ProofreadRequest) => {
    if (request.type === 'forget') {
      documents.delete(request.key);
      return;
    }
    if (request.type !== 'check') return;
    try {
      let loadMs: number | undefined;
      if (!loaded) {
        const started = performance.now();
        new Proofreader(loadLexicon).warmUp();
        loadMs = performance.now() - started;
        loaded = true;
      }
      let proofreader = documents.get(request.key);
      if (!proofreader) documents.set(request.key, (proofreader = new Proofreader(loadLexicon)));
      const started = performance.now();
      const findings = proofreader.proofread(request.text, request.options);
      const reply: ProofreadReply = { type: 'done', id: request.id, findings, ms: performance.now() - started, checkedParagraphs: proofreader.lastChecked, loadMs };
      port.postMessage(reply);
    } catch (err) {
      port.postMessage({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) } satisfies ProofreadReply);
    }
  });
}
