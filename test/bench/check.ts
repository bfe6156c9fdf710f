// 提法核对 leave-one-out over the eval speeches: false alarms on clean speeches and recall of
// injected one-character slips, for a range of confidence thresholds.
// Usage: npm run bench:check -- [--docs DIR] [--slips 10] [--kind random|word] [--seed 1] [--limit N] [--json FILE]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leaveOneOut } from './checkEvaluate';
import type { SpeechDocument } from '../../src/core/types';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const docsDir = opt('--docs', join(__dirname, '..', 'core', 'fixtures', 'speeches'));
const files = readdirSync(docsDir).filter((f) => f.endsWith('.txt')).sort().slice(0, Number(opt('--limit', '1000')));
const docs: SpeechDocument[] = files.map((f) => {
  const text = readFileSync(join(docsDir, f), 'utf8');
  return { id: f, title: text.slice(0, text.indexOf('\n')), kind: '其他', text, source: join(docsDir, f), sourceLines: [0, 0], headings: [] };
});

const started = Date.now();
// Everything above zero confidence is kept, so one run gives the whole threshold table.
const slips = opt('--kind', 'random') === 'word' ? 'word' : 'random';
const report = leaveOneOut(docs, { slipsPerSpeech: Number(opt('--slips', '10')), seed: Number(opt('--seed', '1')), slips, minConfidence: 0.01 });
const json = opt('--json', '');
if (json) writeFileSync(json, JSON.stringify(report, null, 1));

const flags = report.held.flatMap((h) => h.flags);
const injected = report.held.flatMap((h) => h.injected);
console.log(`${report.speeches} speeches, ${report.chars} chars, ${report.injected} injected ${slips} slips, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log('threshold  flags  per10k  recall  wrong-fix');
for (const t of [0.01, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
  const f = flags.filter((x) => x.confidence >= t).length;
  const hit = injected.filter((s) => s.detected && s.confidence! >= t).length;
  const wrong = injected.filter((s) => s.wrongFix && s.confidence! >= t).length;
  console.log(`${t.toFixed(2).padStart(9)}  ${String(f).padStart(5)}  ${((f * 10_000) / report.chars).toFixed(2).padStart(6)}  ${(hit / report.injected).toFixed(3).padStart(6)}  ${String(wrong).padStart(9)}`);
}
for (const form of ['quoted', 'group', 'item', 'long', 'part']) {
  const of = injected.filter((s) => s.form === form);
  if (of.length) console.log(`  ${form.padEnd(7)} injected ${String(of.length).padStart(3)}, recall ${(of.filter((s) => s.detected).length / of.length).toFixed(2)}`);
}
console.log(`parallel groups with two items swapped: ${report.swapsDetected} of ${report.swaps} caught and fixed`);
const ms = report.held.map((h) => (h.checkMs * 10_000) / h.chars).sort((a, b) => a - b);
console.log(`check time per 10k chars: median ${ms[ms.length >> 1].toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`);
console.log('\nflags on clean speeches (confidence ≥ 0.3):');
for (const h of report.held) for (const f of h.flags) if (f.confidence >= 0.3) console.log(`  ${f.confidence.toFixed(2)}  ${f.found} → ${f.expected}  (${f.kind}, ${f.phrase.count} 次 ${f.phrase.speeches} 篇)  ${h.docId}`);
console.log('\nmissed slips:');
for (const s of injected) if (!s.detected) console.log(`  [${s.form}] ${s.formulation}: ${s.original}→${s.replacement}${s.wrongFix ? ' (wrong fix)' : ''}${s.confidence !== undefined ? ` conf ${s.confidence.toFixed(2)}` : ''}`);
