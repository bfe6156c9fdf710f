// In-process leave-one-out keystroke-savings run of the completion engine over the eval speeches:
// the same walk as ../shared/eval/ksr.mjs (writer accepts the best of the top N, pays rank + 1),
// without spawning a process per fold, so the method's knobs can be compared quickly.
// Usage: npm run bench:ksr -- [--docs DIR] [--top 5] [--inline] [--limit N] [--no-guard] [--set key=value]...
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildPhraseIndex, complete, completionTuning, formulationsOf, guardStats } from '../../src/core/complete';
import type { SpeechDocument } from '../../src/core/types';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const docsDir = opt('--docs', join(__dirname, '..', 'core', 'fixtures', 'speeches'));
const top = Number(opt('--top', '5'));
const limit = Number(opt('--limit', '1000'));
const inline = args.includes('--inline');
const guard = !args.includes('--no-guard');
args.forEach((a, i) => {
  if (a !== '--set') return;
  const [k, v] = args[i + 1].split('=');
  (completionTuning as Record<string, number>)[k] = Number(v);
});

const files = readdirSync(docsDir).filter((f) => f.endsWith('.txt')).sort();
const docs: SpeechDocument[] = files.map((f) => {
  const text = readFileSync(join(docsDir, f), 'utf8');
  return { id: f, title: text.slice(0, text.indexOf('\n')), kind: '其他', text, source: join(docsDir, f), sourceLines: [0, 0], headings: [] };
});

let chars = 0, keys = 0, offered = 0, top1Good = 0, requests = 0;
const times: number[] = [];
for (const held of docs.slice(0, limit)) {
  const index = buildPhraseIndex(docs.filter((d) => d !== held));
  // Built with the index (the extension and the CLI do the same), not inside the first request's time.
  if (guard) formulationsOf(index);
  const doc = held.text;
  let i = 0;
  while (i < doc.length) {
    const t0 = performance.now();
    const items = complete(index, doc.slice(Math.max(0, i - 200), i), { limit: top, inline, formulations: guard ? undefined : null }).slice(0, top);
    times.push(performance.now() - t0);
    requests++;
    let best: { r: number; gain: number; net: number } | null = null;
    items.forEach((it, r) => {
      const n = it.replace;
      if (n < 0 || n > Math.min(i, 200) || !doc.startsWith(it.insert, i - n)) return;
      const gain = it.insert.length - n, cost = r + 1;
      if (r === 0 && gain >= 2) top1Good++;
      if (gain > cost && (!best || gain - cost > best.net)) best = { r, gain, net: gain - cost };
    });
    if (items.length) offered++;
    const b = best as { r: number; gain: number } | null;
    if (b) { keys += b.r + 1; i += b.gain; } else { keys += 1; i += 1; }
  }
  chars += doc.length;
}
times.sort((a, b) => a - b);
const q = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))].toFixed(2);
console.log(`KSR=${(100 * (1 - keys / chars)).toFixed(2)}% top1-precision=${(100 * top1Good / Math.max(1, offered)).toFixed(1)}% offered/char=${(offered / chars).toFixed(2)} p50=${q(0.5)}ms p99=${q(0.99)}ms (top ${top}${inline ? ', inline' : ''}, ${Math.min(limit, docs.length)} docs, ${chars} chars)`);
const per1000 = (n: number) => ((1000 * n) / Math.max(1, requests)).toFixed(1);
if (guard) console.log(`提法 guard: ${guardStats.checked} items checked, ${per1000(guardStats.dropped)} dropped and ${per1000(guardStats.corrected)} corrected per 1,000 requests (${requests} requests)`);
