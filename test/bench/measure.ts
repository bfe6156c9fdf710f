// One benchmark size in a fresh process, so peak RSS belongs to this size alone. Run by run.ts:
//   measure.ts cold     <corpusDir> <holdoutDir> --cache DIR   index from scratch (cache cleared), save it
//   measure.ts warm     <corpusDir> <holdoutDir> --cache DIR [--contexts N] [--queries N]   load it, time queries
//   measure.ts baseline <corpusDir> <holdoutDir> [--queries N]   one Fuse.js over all sentences
//   measure.ts handover <corpusDir> <holdoutDir> --cache DIR --worker FILE   the extension's path: the
//     indexing worker (dist/worker.js) loads the saved index and hands it to this thread, whose
//     longest stall (event-loop delay, as the extension host would feel it) is reported
// Prints one JSON line on stdout.
import { rmSync } from 'node:fs';
import Fuse from 'fuse.js';
import { loadCorpus } from '../../src/core/corpus';
import { indexCorpus } from '../../src/core/index';
import { IndexWorker } from '../../src/core/index/worker';
import { splitSentences } from '../../src/core/index/sentences';
import { relatedPassages, searchCorpus } from '../../src/core/search';
import { suggest } from '../../src/core/suggest';
import type { SpeechDocument } from '../../src/core/types';
import { seededRandom } from './generateCorpus';

const [mode, corpusDir, holdoutDir, ...rest] = process.argv.slice(2);
const option = (name: string) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Wall-clock milliseconds per call, sorted; `cpu` gets this thread's CPU milliseconds per call (what a busy machine can't inflate). */
function timeEach<T>(inputs: T[], run: (x: T) => unknown, cpu: number[] = []): number[] {
  const times: number[] = [];
  for (const x of inputs) {
    const c = process.cpuUsage();
    const t = performance.now();
    run(x);
    times.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  return times.sort((a, b) => a - b);
}

const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/** Text before a cursor at random places in held-out speeches: up to 30 chars back to the line start. */
function contextsFrom(docs: SpeechDocument[], count: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const out: string[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const d = docs[Math.floor(rand() * docs.length)].text;
    const at = 2 + Math.floor(rand() * (d.length - 2));
    const lineStart = d.lastIndexOf('\n', at - 1) + 1;
    const before = d.slice(Math.max(lineStart, at - 30), at);
    if (before.length >= 2) out.push(before);
  }
  return out;
}

/** What 相关素材 is asked: paragraphs and headings of held-out speeches (lines of 8 characters or more). */
function paragraphsFrom(docs: SpeechDocument[], count: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const lines = docs.flatMap((d) => d.text.split('\n').map((l) => l.trim()).filter((l) => l.length >= 8));
  return Array.from({ length: Math.min(count, lines.length) }, () => lines[Math.floor(rand() * lines.length)]);
}

/** Search queries as a writer types them: one or two runs of 2–5 Chinese characters from held-out text. */
function queriesFrom(docs: SpeechDocument[], count: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const word = (): string => {
    for (;;) {
      const d = docs[Math.floor(rand() * docs.length)].text;
      const len = 2 + Math.floor(rand() * 4);
      const at = Math.floor(rand() * Math.max(1, d.length - len));
      const w = d.slice(at, at + len);
      if (w.length === len && [...w].every((ch) => isHan(ch.charCodeAt(0)))) return w;
    }
  };
  const out: string[] = [];
  while (out.length < count) out.push(rand() < 0.3 ? `${word()} ${word()}` : word());
  return out;
}

async function main() {
  const storageDir = option('--cache');
  if (mode === 'cold') {
    if (!storageDir) throw new Error('cold needs --cache DIR');
    rmSync(storageDir, { recursive: true, force: true });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await indexCorpus([corpusDir], { storageDir });
    const total = (performance.now() - t0) / 1000;
    const t = result.timings;
    const save = t.save_s ?? 0;
    console.log(
      JSON.stringify({
        chars: result.documents.reduce((n, d) => n + d.text.length, 0),
        files: new Set(result.documents.map((d) => d.source)).size,
        speeches: result.documents.length,
        origin: result.origin,
        cache_problem: result.cacheProblem,
        // Cold index = scan + read/parse + build; saving the cache is reported apart.
        cold_index_s: total - save,
        cold_cpu_s: cpuSeconds(c0),
        load_s: (t.scan_s ?? 0) + (t.read_s ?? 0),
        read_s: t.read_s,
        phrase_index_s: t.phrase_index_s,
        wait_suffix_array_s: t.wait_suffix_array_s,
        mine_sample_s: t.mine_sample_s,
        recount_s: t.recount_s,
        roles_s: t.roles_s,
        slips_s: t.slips_s,
        search_index_s: t.search_index_s,
        distinctiveness_s: t.distinctiveness_s,
        formulations_s: t.formulations_s,
        save_s: save,
        peak_rss_mb: peakRssMb(),
      }),
    );
  } else if (mode === 'warm') {
    if (!storageDir) throw new Error('warm needs --cache DIR');
    const holdout = (await loadCorpus([holdoutDir])).documents;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await indexCorpus([corpusDir], { storageDir });
    const warm = (performance.now() - t0) / 1000;
    const warmCpu = cpuSeconds(c0);
    if (result.origin !== 'cache' || !result.index) throw new Error(`the cache was not used: ${result.origin} ${result.cacheProblem ?? ''}`);
    const index = result.index;
    const contexts = contextsFrom(holdout, Number(option('--contexts') ?? 10_000), 11);
    const queries = queriesFrom(holdout, Number(option('--queries') ?? 1000), 12);
    const completeCpu: number[] = [];
    const searchCpu: number[] = [];
    const completeTimes = timeEach(contexts, (c) => suggest(index, c), completeCpu);
    const searchTimes = timeEach(queries, (q) => searchCorpus(index.search, q), searchCpu);
    const paragraphs = paragraphsFrom(holdout, Number(option('--queries') ?? 1000), 13);
    const relatedCpu: number[] = [];
    const relatedTimes = timeEach(paragraphs, (p) => relatedPassages(index.search, p, { top: 20 }), relatedCpu);
    console.log(
      JSON.stringify({
        warm_load_s: warm,
        warm_cpu_s: warmCpu,
        complete_p50_ms: percentile(completeTimes, 50),
        complete_p99_ms: percentile(completeTimes, 99),
        complete_cpu_p50_ms: percentile(completeCpu, 50),
        complete_cpu_p99_ms: percentile(completeCpu, 99),
        contexts: contexts.length,
        search_p50_ms: percentile(searchTimes, 50),
        search_p95_ms: percentile(searchTimes, 95),
        search_cpu_p50_ms: percentile(searchCpu, 50),
        search_cpu_p95_ms: percentile(searchCpu, 95),
        queries: queries.length,
        related_p50_ms: percentile(relatedTimes, 50),
        related_p95_ms: percentile(relatedTimes, 95),
        related_cpu_p50_ms: percentile(relatedCpu, 50),
        related_cpu_p95_ms: percentile(relatedCpu, 95),
        related_queries: paragraphs.length,
        peak_rss_mb: peakRssMb(),
      }),
    );
  } else if (mode === 'handover') {
    const workerFile = option('--worker');
    if (!storageDir || !workerFile) throw new Error('handover needs --cache DIR and --worker FILE');
    // The loop's turns, timed from here: a long gap between two of them is a stall of this thread.
    let last = performance.now();
    let longest = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    const worker = new IndexWorker(workerFile);
    const t0 = performance.now();
    const result = await worker.index([corpusDir], { storageDir, build: 'dev' });
    const handover = (performance.now() - t0) / 1000;
    clearInterval(tick);
    worker.dispose();
    if (result.origin !== 'cache' || !result.index) throw new Error(`the cache was not used: ${result.origin} ${result.cacheProblem ?? ''}`);
    console.log(
      JSON.stringify({
        handover_load_s: handover,
        host_longest_stall_ms: longest,
        host_restore_s: result.index.timings.restore_s,
        speeches: result.documents.length,
        formulations: result.index.formulations.formulations.length,
        peak_rss_mb: peakRssMb(),
      }),
    );
  } else if (mode === 'baseline') {
    const holdout = (await loadCorpus([holdoutDir])).documents;
    const { documents } = await loadCorpus([corpusDir]);
    const sentences: string[] = [];
    for (const d of documents) for (const s of splitSentences(d.text)) sentences.push(d.text.slice(s.start, s.end));
    const fuse = new Fuse(sentences); // the naive baseline: default options
    const queries = queriesFrom(holdout, Number(option('--queries') ?? 50), 12);
    const cpu: number[] = [];
    const times = timeEach(queries, (q) => fuse.search(q), cpu);
    console.log(
      JSON.stringify({
        sentences: sentences.length,
        search_p50_ms: percentile(times, 50),
        search_p95_ms: percentile(times, 95),
        search_cpu_p50_ms: percentile(cpu, 50),
        search_cpu_p95_ms: percentile(cpu, 95),
        queries: queries.length,
        peak_rss_mb: peakRssMb(),
      }),
    );
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
