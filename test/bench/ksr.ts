// In-process leave-one-out keystroke-savings run of the completion engine over the 33 sample speeches:
// the same walk as ../shared/eval/ksr.mjs (the writer accepts the best of the top N and pays rank + 1;
// the index holds every other speech), without a process per fold, so the method's knobs can be
// compared quickly. The speeches are split in two halves by their number: knobs are tuned on the
// TUNE half (even numbers) and the TEST half (odd numbers) reports what the tuning did not see, next
// to leave-one-out over all 33.
// Usage: npm run bench:ksr -- [--docs DIR] [--top 5] [--inline] [--half tune|test|all] [--no-guard] [--set key=value]... [--json]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { completionTuning } from '../../src/core/complete';
import { buildCorpusIndex } from '../../src/core/index';
import { guardStats } from '../../src/core/suggest';
import type { SpeechDocument } from '../../src/core/types';
import { ksrSummary, walkSpeech, type Walk } from './ksrWalk';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const docsDir = opt('--docs', join(__dirname, '..', 'core', 'fixtures', 'speeches'));
const top = Number(opt('--top', '5'));
const inline = args.includes('--inline');
const guard = !args.includes('--no-guard');
const only = opt('--half', 'all');
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

const times: number[] = [];
const walk = (held: SpeechDocument): Walk => walkSpeech(buildCorpusIndex(docs.filter((d) => d !== held)), held.text, { top, inline, guard }, times);

const walks = new Map<string, Walk & { half: Half }>();
const started = performance.now();
for (const d of docs) if (only === 'all' || d.half === only) walks.set(d.id, { ...walk(d), half: d.half });

const rows = [
  ['leave-one-out, all', [...walks.values()]],
  ['tune half (even)', [...walks.values()].filter((w) => w.half === 'tune')],
  ['test half (odd)', [...walks.values()].filter((w) => w.half === 'test')],
] as const;
times.sort((a, b) => a - b);
const q = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))];
const results = rows.filter(([, ws]) => ws.length).map(([name, ws]) => ({ name, ...ksrSummary(ws) }));
const requests = times.length;
console.log(`${inline ? 'ghost text (top 1, inline)' : `suggest list (top ${top})`}${guard ? '' : ', no 提法 guard'} — ${((performance.now() - started) / 1000).toFixed(0)} s, request p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms`);
console.log('set                  speeches   chars    KSR %  top-1 %  accept %  idle/100ch');
for (const r of results)
  console.log(
    `${r.name.padEnd(20)} ${String(r.speeches).padStart(8)} ${String(r.chars).padStart(7)} ${r.ksr.toFixed(2).padStart(8)} ${r.top1Precision.toFixed(1).padStart(8)} ${r.acceptRate.toFixed(1).padStart(9)} ${r.idleOffersPer100.toFixed(1).padStart(11)}`,
  );
const per1000 = (n: number) => ((1000 * n) / Math.max(1, requests)).toFixed(1);
if (guard) console.log(`提法 guard: ${guardStats.checked} items checked, ${per1000(guardStats.dropped)} dropped and ${per1000(guardStats.corrected)} corrected per 1,000 requests (${requests} requests)`);
if (args.includes('--json')) console.log(JSON.stringify({ inline, top, results, p50_ms: q(0.5), p99_ms: q(0.99) }));
