// The indexing worker (bundled as dist/worker.js): loads, parses, builds and caches the corpus index
// off the extension host thread. One request at a time: {type: 'index', id, sources, storageDir,
// build, cancel} → progress messages, then one 'done' whose typed arrays are transferred, not copied;
// or {type: 'drafts', id, documents} → the completion part of an index over the open drafts.
// `cancel` is a SharedArrayBuffer flag the host sets, so even a long synchronous step sees it.
import { parentPort } from 'node:worker_threads';
import { corpusIndexParts } from './core/index/cache';
import { indexCorpus, type IndexProgress } from './core/index/indexCorpus';
import type { SectionValue } from './core/index/sectionFile';
import { buildCompletionIndex } from './core/index/corpusIndex';
import type { DraftsRequest, IndexWorkerPart, IndexWorkerReply, IndexWorkerRequest, PartAck } from './core/index/worker';

/** Progress is posted at most this often (the notification can't show more). */
const PROGRESS_EVERY_MS = 100;
/** Speeches or phrases per 'part' message: each deserializes on the host in a few milliseconds. */
const PART_ITEMS = 2000;
/** Characters of speech text per 'part' message (about 4 MB: a few milliseconds on the host). */
const SEGMENT_CHARS = 2_000_000;

function transferables(sections: Record<string, SectionValue>): ArrayBuffer[] {
  // Small arrays may sit in Node's shared buffer pool, which must not be detached: those are copied.
  const buffers = new Set<ArrayBuffer>();
  for (const a of Object.values(sections)) if (typeof a !== 'string' && a.buffer instanceof ArrayBuffer && a.buffer.byteLength >= 64 * 1024) buffers.add(a.buffer);
  return [...buffers];
}

const port = parentPort;

/** Acks the host sends for each part it took in, per request (see handOver). */
const acks = new Map<number, () => void>();

/**
 * Sends a built index to the host: the big lists and the text as parts, each sent only after the host
 * acknowledged the one before. Node hands a thread every message waiting for it in one go, so parts
 * sent back to back would be taken in as one long stall of the editor; paced, each is its own task.
 */
async function handOver(request: IndexWorkerRequest, result: Awaited<ReturnType<typeof indexCorpus>>): Promise<void> {
  const out = port!;
  const index = result.index!;
  const { meta, sections } = corpusIndexParts(index, [], [], { build: request.build });
  const parts: IndexWorkerPart[] = [];
  for (let i = 0; i < meta.speeches.length; i += PART_ITEMS) parts.push({ field: 'speeches', items: meta.speeches.slice(i, i + PART_ITEMS) });
  for (let i = 0; i < meta.phrases.length; i += PART_ITEMS) parts.push({ field: 'phrases', items: meta.phrases.slice(i, i + PART_ITEMS) });
  for (let i = 0; i < meta.formulations.length; i += PART_ITEMS) parts.push({ field: 'formulations', items: meta.formulations.slice(i, i + PART_ITEMS) });
  // The text goes as the speeches' own strings, a few million characters a part: the editor's thread
  // keeps them as they arrive and never builds (copies) one 90-million-character string.
  const { text, spans } = index.corpus;
  let batch: string[] = [];
  let batchChars = 0;
  spans.forEach((span, i) => {
    const end = i + 1 < spans.length ? spans[i + 1].start - 1 : text.length - 1;
    const segment = text.slice(span.start, end);
    batch.push(segment);
    batchChars += segment.length;
    if (batchChars >= SEGMENT_CHARS) {
      parts.push({ field: 'segments', items: batch });
      batch = [];
      batchChars = 0;
    }
  });
  if (batch.length) parts.push({ field: 'segments', items: batch });
  for (const part of parts) {
    const acked = new Promise<void>((resolve) => acks.set(request.id, resolve));
    out.postMessage({ type: 'part', id: request.id, part } satisfies IndexWorkerReply);
    await acked;
  }
  acks.delete(request.id);
  const { text: _text, ...restSections } = sections;
  void _text;
  const done: IndexWorkerReply = {
    type: 'done',
    id: request.id,
    cancelled: false,
    meta: { ...meta, speeches: [], phrases: [], formulations: [] },
    sections: restSections,
    skipped: result.skipped,
    origin: result.origin,
    reparsedFiles: result.reparsedFiles,
    cacheProblem: result.cacheProblem,
    timings: result.timings,
  };
  out.postMessage(done, transferables(restSections));
}

if (port) {
  const post = (reply: IndexWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
  port.on('message', (request: IndexWorkerRequest | DraftsRequest | PartAck) => {
    if (request?.type === 'ack') {
      acks.get(request.id)?.();
      return;
    }
    if (request?.type === 'drafts') {
      try {
        const { corpus, mined, roles } = buildCompletionIndex(request.documents);
        post({ type: 'drafts', id: request.id, sa: corpus.sa, roles, mined }, [corpus.sa.buffer as ArrayBuffer, roles.buffer as ArrayBuffer]);
      } catch (err) {
        post({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) });
      }
      return;
    }
    if (request?.type !== 'index') return;
    const flag = new Int32Array(request.cancel);
    const token = {
      get isCancellationRequested() {
        return Atomics.load(flag, 0) !== 0;
      },
    };
    let lastPost = 0;
    const onProgress = (p: IndexProgress) => {
      const now = Date.now();
      if (p.phase === 'reading' && p.filesDone < p.filesTotal && now - lastPost < PROGRESS_EVERY_MS) return;
      lastPost = now;
      post({ type: 'progress', id: request.id, progress: p });
    };
    indexCorpus(request.sources, { storageDir: request.storageDir, identity: { build: request.build }, token, onProgress, maxFileBytes: request.maxFileBytes })
      .then((result) => {
        if (result.cancelled || !result.index) {
          post({ type: 'done', id: request.id, cancelled: true, reparsedFiles: result.reparsedFiles, timings: result.timings });
          return;
        }
        return handOver(request, result);
      })
      .catch((err: unknown) => post({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) }));
  });
}
