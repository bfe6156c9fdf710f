// The suffix array of a large corpus, sorted on the machine's other core while the caller does other
// work (mining the sample). The array lives in a SharedArrayBuffer, so the caller gets it in place; the
// codes (two bytes a character) are handed over to the thread, not shared: they die with it the moment
// it ends, instead of lingering until a garbage collection — 180 MB at 90 M characters, at the peak.
import { Worker } from 'node:worker_threads';
import { inducedSortingModule, sentinelCodes } from './sais';

// \`__name\`: the helper a bundler that keeps function names (tsx does) wraps them in.
const THREAD_SOURCE = `
const __name = (f) => f;
const { parentPort, workerData } = require('node:worker_threads');
const sais = (${inducedSortingModule.toString()})();
const s = workerData.wide ? new Int32Array(workerData.codes) : new Uint16Array(workerData.codes);
sais(s, new Int32Array(workerData.sa), s.length, workerData.k);
parentPort.postMessage('sorted');
`;

/** Starts sorting in a thread; undefined when no thread can start. */
export function suffixArrayInThread(text: string): Promise<Int32Array> | undefined {
  const n = text.length + 1;
  const { k, codes } = sentinelCodes(text);
  const sa = new SharedArrayBuffer(n * 4);
  let worker: Worker;
  try {
    worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { codes: codes.buffer, wide: codes instanceof Int32Array, k, sa },
      transferList: [codes.buffer as ArrayBuffer],
    });
  } catch {
    return undefined;
  }
  return new Promise<Int32Array>((resolve, reject) => {
    worker.once('message', () => {
      resolve(new Int32Array(sa).subarray(1)); // the sentinel's suffix is always first
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`suffix sorting thread exited (${code})`)));
  });
}
