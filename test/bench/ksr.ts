// In-process leave-one-out keystroke-savings run of the completion engine over the 33 sample speeches:
// the same walk as ../shared/eval/ksr.mjs (the writer accepts the best of the top N and pays rank + 1;
// the index holds every other speech), without a process per fold, so the method's knobs can be
// compared quickly. The speeches are split in two halves by their number: the calibration and the
// thresholds are fitted on the TUNE half (even numbers) and the TEST half (odd numbers) reports what
// the fitting did not see, next to leave-one-out over all 33.
//
// Usage: npm run bench:ksr -- [--top 5] [--inline] [--half tune|test|all] [--eagerness quiet|normal|eager]
//          [--no-guard] [--set key=value]... [--json]
//        npm run bench:ksr -- --fit     fits src/core/complete/calibration.ts on the tune half and prints it
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { completionTuning, itemModel, listKnots, thresholds, type Eagerness } from '../../src/core/complete';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { guardStats } from '../../src/core/suggest';
import type { SpeechDocument } from '../../src/core/types';
import { ksrSummary, walkSpeech, type Recorder, type Walk } from './ksrWalk';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const docsDir = opt('--docs', join(__dirname, '..', 'core', 'fixtures', 'speeches'));
const top = Number(opt('--top', '5'));
const inline = args.includes('--inline');
const guard = !args.includes('--no-guard');
const fit = args.includes('--fit');
const only = fit ? 'tune' : opt('--half', 'all');
const eagerness = opt('--eagerness', 'normal') as Eagerness;
args.forEach((a, i) => {
  if (a !== '--set') return;
  const [k, v] = args[i + 1].split('=');
  (completionTuning as Record<string, number>)[k] = Number(v);
});

export type Half = 'tune' | 'test';
/** Which half a speech file belongs to: even numbers tune, odd numbers test. */
export const halfOf = (file: string): Half => (Number(/\d+/.exec(file)?.[0] ?? 0) % 2 === 0 ? 'tune' : 'test');

const files = readdirSync(docsDir).filter((f) => f.endsWith('.txt')).sort();
const docs: (SpeechDocument & { half: Half })[] = files.map((f) => {
  const text = readFileSync(join(docsDir, f), 'utf8');
  return { id: f, title: text.slice(0, text.indexOf('\n')), kind: '其他', text, source: join(docsDir, f), sourceLines: [0, 0], headings: [], half: halfOf(f) };
});
const held = docs.filter((d) => only === 'all' || d.half === only);
const folds = new Map<string, CorpusIndex>();
const foldOf = (d: SpeechDocument) => {
  let index = folds.get(d.id);
  if (!index) folds.set(d.id, (index = buildCorpusIndex(docs.filter((o) => o !== d))));
  return index;
};

const times: number[] = [];

function walk(speech: SpeechDocument, recorder: Recorder = {}): Walk {
  return walkSpeech(foldOf(speech), speech.text, { top, inline, guard, eagerness }, times, recorder);
}

function report(): void {
  const walks = new Map<string, Walk & { half: Half }>();
  const started = performance.now();
  for (const d of held) walks.set(d.id, { ...walk(d), half: d.half });
  const rows = [
    ['leave-one-out, all', [...walks.values()]],
    ['tune half (even)', [...walks.values()].filter((w) => w.half === 'tune')],
    ['test half (odd)', [...walks.values()].filter((w) => w.half === 'test')],
  ] as const;
  times.sort((a, b) => a - b);
  const q = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))];
  const results = rows.filter(([, ws]) => ws.length).map(([name, ws]) => ({ name, ...ksrSummary(ws) }));
  console.log(
    `${inline ? 'ghost text (top 1, inline)' : `suggest list (top ${top})`}, ${eagerness}${guard ? '' : ', no 提法 guard'} — ${((performance.now() - started) / 1000).toFixed(0)} s, request p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms`,
  );
  console.log('set                  speeches   chars    KSR %  top-1 %  accept %  idle/100ch  one-speech %');
  for (const r of results)
    console.log(
      `${r.name.padEnd(20)} ${String(r.speeches).padStart(8)} ${String(r.chars).padStart(7)} ${r.ksr.toFixed(2).padStart(8)} ${r.top1Precision.toFixed(1).padStart(8)} ${r.acceptRate.toFixed(1).padStart(9)} ${r.idleOffersPer100.toFixed(1).padStart(11)} ${r.singleSpeechShare.toFixed(1).padStart(13)}`,
    );
  const per1000 = (n: number) => ((1000 * n) / Math.max(1, times.length)).toFixed(1);
  if (guard) console.log(`提法 guard: ${guardStats.checked} items checked, ${per1000(guardStats.dropped)} dropped and ${per1000(guardStats.corrected)} corrected per 1,000 requests (${times.length} requests)`);
  if (args.includes('--json')) console.log(JSON.stringify({ inline, top, eagerness, results, p50_ms: q(0.5), p99_ms: q(0.99) }));
}

/**
 * Fits the calibration on the tune half: (1) a walk with nothing held back records every candidate's
 * features and whether the writer went on with it, and the logistic model is fitted to that; (2) a
 * second walk with the fitted model records each list's raw chance and whether it was taken, and a
 * monotone map is fitted to that. Prints the constants for src/core/complete/calibration.ts.
 */
function fitCalibration(): void {
  const open = { ...thresholds };
  for (const e of ['quiet', 'normal', 'eager'] as const) thresholds[e] = { list: 0, ghost: 0 };
  // The candidates are gathered with a fixed seed model (more mass, shorter item: likelier), not
  // with whatever the file holds now, so a fit gives the same numbers every time it is run.
  itemModel.weights = SEED_WEIGHTS.slice();
  const features: number[][] = [];
  const labels: number[] = [];
  for (const d of held) walk(d, { candidate: (f, right) => (features.push(f), labels.push(right ? 1 : 0)) });
  itemModel.weights = logistic(features, labels);
  const lists: [number, number][] = [];
  for (const d of held) walk(d, { list: (raw, taken) => lists.push([raw, taken ? 1 : 0]) });
  const knots = isotonicKnots(lists);
  Object.assign(thresholds, open);
  console.log(`fitted on ${held.length} speeches (tune half): ${features.length} candidates, ${lists.length} lists`);
  console.log(`itemModel.weights = ${JSON.stringify(itemModel.weights.map((w) => +w.toFixed(4)))}`);
  console.log(`listKnots = ${JSON.stringify(knots)}`);
  void listKnots;
}

/** The model the candidates are gathered with before the fit (intercept, log mass, log length, the rest 0). */
const SEED_WEIGHTS = [-1.5, 1, -0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/** Logistic regression by gradient descent on standardized features; weights returned for the raw features (intercept first). */
function logistic(x: number[][], y: number[], rounds = 4000, rate = 0.5, l2 = 1e-4): number[] {
  const n = x.length, m = x[0].length;
  const mu = Array.from({ length: m }, (_, j) => x.reduce((s, r) => s + r[j], 0) / n);
  const sd = Array.from({ length: m }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j] - mu[j]) ** 2, 0) / n) || 1);
  const z = x.map((r) => r.map((v, j) => (v - mu[j]) / sd[j]));
  const w = new Array(m + 1).fill(0);
  for (let round = 0; round < rounds; round++) {
    const g = new Array(m + 1).fill(0);
    for (let i = 0; i < n; i++) {
      let s = w[0];
      for (let j = 0; j < m; j++) s += w[j + 1] * z[i][j];
      const e = 1 / (1 + Math.exp(-s)) - y[i];
      g[0] += e;
      for (let j = 0; j < m; j++) g[j + 1] += e * z[i][j];
    }
    for (let j = 0; j <= m; j++) w[j] -= rate * (g[j] / n + (j ? l2 * w[j] : 0));
  }
  // Back to the raw features: w·(x − mu)/sd = Σ (w/sd)·x − Σ w·mu/sd.
  const raw = [w[0] - w.slice(1).reduce((s, wj, j) => s + (wj * mu[j]) / sd[j], 0), ...w.slice(1).map((wj, j) => wj / sd[j])];
  return raw;
}

/**
 * A monotone step map from raw estimate to observed rate: equal-count bins by raw value, merged
 * (pool-adjacent-violators) until the rates never fall; knots at each bin's mean raw value.
 */
function isotonicKnots(pairs: [number, number][], bins = 16): [number, number][] {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const blocks: { x: number; y: number; n: number }[] = [];
  const size = Math.max(1, Math.floor(sorted.length / bins));
  for (let i = 0; i < sorted.length; i += size) {
    const part = sorted.slice(i, i + size);
    blocks.push({ x: part.reduce((n, p) => n + p[0], 0) / part.length, y: part.reduce((n, p) => n + p[1], 0) / part.length, n: part.length });
    for (let k = blocks.length - 1; k > 0 && blocks[k - 1].y >= blocks[k].y; k--) {
      const [a, b] = [blocks[k - 1], blocks[k]];
      const n = a.n + b.n;
      blocks.splice(k - 1, 2, { x: (a.x * a.n + b.x * b.n) / n, y: (a.y * a.n + b.y * b.n) / n, n });
    }
  }
  const knots: [number, number][] = [[0, 0], ...blocks.map((b): [number, number] => [+b.x.toFixed(4), +b.y.toFixed(4)])];
  if (knots[knots.length - 1][0] < 1) knots.push([1, knots[knots.length - 1][1]]);
  return knots.filter((k, i) => i === 0 || k[0] > knots[i - 1][0]);
}

if (fit) fitCalibration();
else report();
