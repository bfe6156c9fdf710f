// Export speed (issue 11): a 10,000-字 draft (sample speeches joined) to .docx in both formats, and the
// page preview's layout of it — the work the preview does after typing stops. Prints a table.
// Usage: npm run bench:export -- [--chars 10000] [--runs 15]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countCharacters } from '../../src/core/count';
import { exportDraft, previewPages } from '../../src/core/export';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const target = Number(opt('--chars', '10000'));
const runs = Number(opt('--runs', '15'));
const dir = join(__dirname, '..', 'core', 'fixtures', 'speeches');
const speeches = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));

// Whole speeches, in order, until the draft has `target` 字 (as Word counts), cut at a line end.
let text = '';
for (let i = 0; countCharacters(text).chars < target; i++) text += `${speeches[i % speeches.length].trim()}\n`;
const lines = text.split('\n');
while (lines.length > 1 && countCharacters(lines.slice(0, -1).join('\n')).chars >= target) lines.pop();
text = lines.join('\n');
const input = { text, markdown: false };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs: number[]) => Math.max(...xs);

async function time(fn: () => unknown): Promise<{ first: number; median: number; max: number }> {
  const samples: number[] = [];
  let first = 0;
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    if (i === 0) first = ms;
    else samples.push(ms);
  }
  return { first, median: median(samples), max: max(samples) };
}

async function main() {
  console.log(`draft: ${countCharacters(text).chars.toLocaleString('en-US')} 字, ${lines.length} lines; ${runs} runs after a first (cold) one`);
  console.log('what                               first ms  median ms   max ms   pages');
  for (const format of ['gongwen', 'speech'] as const) {
    const exp = await time(() => exportDraft(input, format));
    const pages = (await exportDraft(input, format)).pages;
    const pre = await time(() => previewPages(input, format));
    const row = (what: string, t: { first: number; median: number; max: number }) =>
      console.log(`${what.padEnd(34)} ${t.first.toFixed(1).padStart(8)}  ${t.median.toFixed(1).padStart(9)}  ${t.max.toFixed(1).padStart(7)}   ${String(pages).padStart(5)}`);
    row(`export .docx (${format})`, exp);
    row(`preview layout (${format})`, pre);
  }
}
main();
