// `npm run bench`: the scale benchmark. Generates (and caches under .cache/bench/) seeded corpora of
// 1 M, 10 M and 90 M characters from one half of the sample's sentences, plus a held-out corpus from
// the other half (contexts and queries come from it, so nothing measured is a sentence the index holds), measures each size in a fresh
// child process (peak RSS per size), runs the naive Fuse.js baseline at 1 M and 10 M, and prints a
// table. `--json` ends the output with one JSON line; `--sizes 1e6,1e7` for a quick run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { generateCorpus, type CorpusPart } from './generateCorpus';

const root = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const numbers = (s: string) => s.split(',').map((x) => Math.round(Number(x)));
const sizes = numbers(value('--sizes') ?? '1e6,1e7,9e7');
const baselineSizes = numbers(value('--baseline-sizes') ?? '1e6,1e7').filter((s) => sizes.includes(s));
const contexts = value('--contexts') ?? '10000';
const queries = value('--queries') ?? '1000';
const json = args.includes('--json');

const sampleDir = join(root, 'media', 'corpus');
const cacheDir = join(root, '.cache', 'bench');
const label = (chars: number) => (chars >= 1e6 ? `${+(chars / 1e6).toFixed(1)} M` : `${Math.round(chars / 1e3)} K`);

function corpusFor(chars: number, seed: number, part: CorpusPart = 'indexed') {
  const t = performance.now();
  const g = generateCorpus(sampleDir, join(cacheDir, `corpus-${chars}-seed${seed}${part === 'heldOut' ? '-heldout' : ''}`), chars, seed, part);
  const s = (performance.now() - t) / 1000;
  if (s > 1) process.stderr.write(`generated ${label(g.chars)} chars (${g.files} files) in ${s.toFixed(1)} s\n`);
  return g;
}

/** Runs measure.ts in a fresh Node; returns its JSON line, or the error. */
function measure(mode: string, dir: string, holdout: string, extra: string[]): Record<string, number> & { error?: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'measure.ts'), mode, dir, holdout, ...extra], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return { error: (r.stderr || r.stdout || `exit ${r.status} ${r.signal ?? ''}`).trim().split('\n').slice(-5).join(' | ') } as never;
  }
}

function table(headers: string[], cells: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function fmt(n: number | undefined | null): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '—';
  if (n >= 100) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1);
  if (n >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

const round = (n: number | undefined, digits = 3): number | null => (n === undefined || Number.isNaN(n) ? null : +n.toFixed(digits));

/** Activation as the e2e run measured it: test-results/activation.json, or the activation entry of e2e-metrics.json. */
function readActivation(): { ms: number; note: string; file: string } | undefined {
  for (const name of ['activation.json', 'e2e-metrics.json']) {
    const file = join(root, 'test-results', name);
    if (!existsSync(file)) continue;
    try {
      const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const a = (j.activation ?? j) as { activation_ms?: number; activateFunctionMs?: number; vscodeActivationMs?: number };
      const ms = a.activation_ms ?? a.activateFunctionMs;
      if (typeof ms === 'number') {
        const note = a.vscodeActivationMs !== undefined ? `VS Code's Running Extensions says ${a.vscodeActivationMs} ms including loading the code` : 'as recorded';
        return { ms, note, file };
      }
    } catch {
      // An unreadable file is the same as none.
    }
  }
  return undefined;
}

function main() {
  // Made of the other half of the sample's sentences: no context or query is a sentence the index holds.
  const holdout = corpusFor(300_000, 4242, 'heldOut');
  // The extension's own worker bundle, as esbuild.mjs makes dist/worker.js.
  const workerFile = join(cacheDir, 'worker.js');
  esbuild.buildSync({ entryPoints: [join(root, 'src', 'indexWorker.ts')], outfile: workerFile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
  const results: { chars: number; cold: ReturnType<typeof measure>; warm: ReturnType<typeof measure>; handover: ReturnType<typeof measure> }[] = [];
  const baseline: { chars: number; r: ReturnType<typeof measure> }[] = [];
  for (const size of sizes) {
    const corpus = corpusFor(size, 42);
    process.stderr.write(`measuring ${label(size)}…\n`);
    const cold = measure('cold', corpus.dir, holdout.dir, ['--contexts', contexts, '--queries', queries, '--cache', join(cacheDir, `index-${size}`)]);
    const warm = cold.error ? cold : measure('warm', corpus.dir, holdout.dir, ['--contexts', contexts, '--queries', queries, '--cache', join(cacheDir, `index-${size}`)]);
    const handover = cold.error ? cold : measure('handover', corpus.dir, holdout.dir, ['--cache', join(cacheDir, `index-${size}`), '--worker', workerFile]);
    results.push({ chars: size, cold, warm, handover });
    if (baselineSizes.includes(size)) {
      process.stderr.write(`baseline ${label(size)}…\n`);
      baseline.push({ chars: size, r: measure('baseline', corpus.dir, holdout.dir, ['--queries', size >= 1e7 ? '20' : '100']) });
    }
  }

  const activation = readActivation();
  const activationMs = activation?.ms ?? null;
  const peak = (r: (typeof results)[number]) => Math.max(r.cold.peak_rss_mb ?? 0, r.warm.peak_rss_mb ?? 0);
  const pair = (wall: number | undefined, cpu: number | undefined) => `${fmt(wall)} (${fmt(cpu)})`;
  console.log('\n讲稿助手 scale benchmark — each size in fresh processes; contexts and queries from a held-out corpus (seed 4242).');
  console.log('Times are wall clock, with this thread\'s CPU time in parentheses (the machine is shared: wall ≫ CPU means waiting for a core).\n');
  console.log(
    table(
      ['chars', 'files', 'cold index s', 'load s', 'phrase idx s', 'search idx s', 'save s', 'warm load s', 'peak RSS MB (cold/warm)', 'complete p50 ms', 'complete p99 ms', 'search p50 ms', 'search p95 ms', 'related p50 ms', 'related p95 ms'],
      results.map((r) =>
        r.cold.error
          ? [label(r.chars), `failed: ${r.cold.error}`, '', '', '', '', '', '', '', '', '', '', '', '', '']
          : [
              label(r.cold.chars),
              String(r.cold.files),
              pair(r.cold.cold_index_s, r.cold.cold_cpu_s),
              fmt(r.cold.load_s),
              fmt(r.cold.phrase_index_s),
              fmt(r.cold.search_index_s),
              fmt(r.cold.save_s),
              pair(r.warm.warm_load_s, r.warm.warm_cpu_s),
              `${fmt(peak(r))} (${fmt(r.cold.peak_rss_mb)}/${fmt(r.warm.peak_rss_mb)})`,
              pair(r.warm.complete_p50_ms, r.warm.complete_cpu_p50_ms),
              pair(r.warm.complete_p99_ms, r.warm.complete_cpu_p99_ms),
              pair(r.warm.search_p50_ms, r.warm.search_cpu_p50_ms),
              pair(r.warm.search_p95_ms, r.warm.search_cpu_p95_ms),
              pair(r.warm.related_p50_ms, r.warm.related_cpu_p50_ms),
              pair(r.warm.related_p95_ms, r.warm.related_cpu_p95_ms),
            ],
      ),
    ),
  );
  for (const r of results) if (r.warm.error && !r.cold.error) console.log(`warm load at ${label(r.chars)} failed: ${r.warm.error}`);
  console.log('\nWhere the cold index time goes (seconds; the suffix array is sorted on the other core while the sample is mined),');
  console.log('and the extension\'s path: the indexing worker loads the saved index and hands it to the host thread.\n');
  console.log(
    table(
      ['chars', 'read', 'mine sample', 'wait suffix array', 'recount', 'distinctiveness', 'corpus slips', 'roles', 'search tables', 'formulations', 'formulations #', 'worker hand-over s', 'host restore s', 'host longest stall ms'],
      results.map((r) =>
        r.cold.error
          ? [label(r.chars), '', '', '', '', '', '', '', '', '', '', '', '']
          : [
              label(r.cold.chars),
              fmt(r.cold.read_s),
              fmt(r.cold.mine_sample_s),
              fmt(r.cold.wait_suffix_array_s),
              fmt(r.cold.recount_s),
              fmt(r.cold.distinctiveness_s),
              fmt(r.cold.slips_s),
              fmt(r.cold.roles_s),
              fmt(r.cold.search_index_s),
              fmt(r.cold.formulations_s),
              r.handover.error ? '—' : String(r.handover.formulations),
              r.handover.error ? `failed: ${r.handover.error}` : fmt(r.handover.handover_load_s),
              fmt(r.handover.host_restore_s),
              fmt(r.handover.host_longest_stall_ms),
            ],
      ),
    ),
  );
  if (baseline.length) {
    console.log('\nNaive baseline: one Fuse.js instance over all sentences, default options (the first of the same held-out queries)\n');
    console.log(
      table(
        ['chars', 'sentences', 'queries', 'Fuse p50 ms', 'Fuse p95 ms', 'ours p50 ms', 'ours p95 ms', 'ratio p50', 'ratio p95'],
        baseline.map(({ chars, r }) => {
          const ours = results.find((x) => x.chars === chars)!.warm;
          return r.error
            ? [label(chars), `failed: ${r.error}`, '', '', '', '', '', '', '']
            : [
                label(chars),
                String(r.sentences),
                String(r.queries),
                pair(r.search_p50_ms, r.search_cpu_p50_ms),
                pair(r.search_p95_ms, r.search_cpu_p95_ms),
                pair(ours.search_p50_ms, ours.search_cpu_p50_ms),
                pair(ours.search_p95_ms, ours.search_cpu_p95_ms),
                `${fmt(r.search_p50_ms / ours.search_p50_ms)}×`,
                `${fmt(r.search_p95_ms / ours.search_p95_ms)}×`,
              ];
        }),
      ),
    );
  }
  console.log(
    `\nactivation: ${activation ? `${activation.ms} ms inside activate() (performance marks, real VS Code of the e2e harness; ${activation.note}) — from ${activation.file}` : 'null — measured by the e2e run in real VS Code (npm run test:e2e writes test-results/e2e-metrics.json); not present'}`,
  );
  console.log(`contexts per size: ${results[0]?.warm.contexts ?? '—'}, queries per size: ${results[0]?.warm.queries ?? '—'}`);

  if (json) {
    const out = {
      sizes: results.map((r) => ({
        chars: r.cold.chars ?? r.chars,
        cold_index_s: round(r.cold.cold_index_s),
        warm_load_s: round(r.warm.warm_load_s),
        peak_rss_mb: round(peak(r) || undefined, 1),
        handover_load_s: round(r.handover.handover_load_s),
        host_longest_stall_ms: round(r.handover.host_longest_stall_ms, 1),
        complete_p50_ms: round(r.warm.complete_p50_ms),
        complete_p99_ms: round(r.warm.complete_p99_ms),
        search_p50_ms: round(r.warm.search_p50_ms),
        search_p95_ms: round(r.warm.search_p95_ms),
        related_p50_ms: round(r.warm.related_p50_ms),
        related_p95_ms: round(r.warm.related_p95_ms),
      })),
      baseline: baseline.map(({ chars, r }) => ({ chars: results.find((x) => x.chars === chars)?.cold.chars ?? chars, search_p50_ms: round(r.search_p50_ms), search_p95_ms: round(r.search_p95_ms) })),
      activation_ms: activationMs,
    };
    console.log(JSON.stringify(out));
  }
}

main();
