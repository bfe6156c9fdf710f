// `npm run bench:versions`: does a speech saved twice skew what the corpus teaches? Issue 14's
// measurement: the 33 sample speeches (test/core/fixtures/speeches), then the same plus an edited
// copy (修改稿, test/bench/editedCopies.ts: words changed, a paragraph added, commas varied) of every
// third one, indexed as the extension indexes them (foldVersions, then the index) and, to show what
// dedupe prevents, indexed as they are. For each corpus:
//   - mined items: how many phrases, parallel groups and quotations, their 篇 (speeches) summed, and
//     how many differ from the 33's (an item missing, new, or with another count or 篇);
//   - KSR: leave-one-out over the 33 originals, the walk of ksr.ts (top 5, 提法 guard on); a held-out
//     speech's own copy leaves with it (it is the same speech), the other copies stay;
//   - 提法核对: leave-one-out false alarms per 10,000 characters and recall of injected slips
//     (checkEvaluate.ts, seed 1, 10 slips a speech), held out the same way.
// Each figure of the deduplicated corpus must stay within 0.3 points of the 33's (percentage points
// for KSR and recall, flags per 10,000 characters, per cent of the count for mined items).
// Usage: npm run bench:versions -- [--no-ksr] [--no-check] [--json FILE]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { foldVersions } from '../../src/core/index/indexCorpus';
import type { SpeechDocument } from '../../src/core/types';
import { leaveOneOut } from './checkEvaluate';
import { copiesOfEveryThird } from './editedCopies';
import { ksrSummary, walkSpeech } from './ksrWalk';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const LIMIT = 0.3;
const docsDir = join(__dirname, '..', 'core', 'fixtures', 'speeches');
const files = readdirSync(docsDir).filter((f) => f.endsWith('.txt')).sort();
const texts = files.map((f) => readFileSync(join(docsDir, f), 'utf8'));
const asDoc = (id: string, text: string, source: string): SpeechDocument => ({ id, title: text.slice(0, text.indexOf('\n')), kind: '其他', text, source, sourceLines: [0, 0], headings: [] });
const originals = files.map((f, i) => asDoc(f, texts[i], join(docsDir, f)));
const copies = copiesOfEveryThird(texts.map((t) => t.trim())).map(({ of, text }) => ({
  of: originals[of].id,
  doc: asDoc(`${files[of]}（修改稿）`, text, join('/corpus', `${basename(files[of], '.txt')}（修改稿）.txt`)),
}));

interface Arm {
  name: string;
  /** The index of these speeches (the held-out ones already left out). */
  build: (docs: SpeechDocument[]) => CorpusIndex;
  /** The copies in this arm's corpus. */
  copies: typeof copies;
}
const plain = (docs: SpeechDocument[]) => buildCorpusIndex(docs);
const folded = (docs: SpeechDocument[]) => buildCorpusIndex(foldVersions(docs, new Map()).documents);
const arms: Arm[] = [
  { name: `${originals.length} speeches`, build: plain, copies: [] },
  { name: `+ ${copies.length} 修改稿, deduped`, build: folded, copies },
  { name: `+ ${copies.length} 修改稿, not deduped`, build: plain, copies },
];
/** The arm's corpus without the held-out originals: the other originals and the copies of those. */
const corpusOf = (arm: Arm, kept: SpeechDocument[]) => {
  const present = new Set(kept.map((d) => d.id));
  return [...kept, ...arm.copies.filter((c) => present.has(c.of)).map((c) => c.doc)];
};

type Figures = Record<string, number>;
const kinds = ['phrases', 'groups', 'quotations'] as const;

function measure(arm: Arm): { figures: Figures; items: Map<string, string>; seconds: number } {
  const started = performance.now();
  const figures: Figures = {};
  const whole = arm.build(corpusOf(arm, originals));
  figures.speeches = whole.documents.length;
  const items = new Map<string, string>();
  for (const kind of kinds) {
    const list = whole.mined[kind];
    figures[kind] = list.length;
    figures[`${kind} 篇`] = list.reduce((n, x) => n + x.docs, 0);
    for (const x of list) items.set(`${kind} ${x.text}`, `${x.count}×${x.docs}篇`);
  }
  if (!args.includes('--no-ksr')) {
    const walks = originals.map((held) => walkSpeech(arm.build(corpusOf(arm, originals.filter((d) => d !== held))), held.text, { top: 5, inline: false, guard: true }));
    const k = ksrSummary(walks);
    figures['KSR %'] = k.ksr;
    figures['top-1 %'] = k.top1Precision;
  }
  if (!args.includes('--no-check')) {
    const report = leaveOneOut(originals, { slipsPerSpeech: 10, seed: 1, slips: 'random', build: (docs) => arm.build(corpusOf(arm, docs)) });
    figures['提法 flags /10k'] = report.flagsPer10k;
    figures['提法 recall %'] = 100 * report.recall;
  }
  return { figures, items, seconds: (performance.now() - started) / 1000 };
}

const results = arms.map((arm) => {
  process.stderr.write(`measuring ${arm.name}…\n`);
  return { arm, ...measure(arm) };
});
const [base] = results;
/** How far a figure is from the 33's, in the figure's own points (see the header). */
const delta = (key: string, value: number) => {
  const b = base.figures[key];
  return /%|\/10k/.test(key) ? value - b : b ? (100 * (value - b)) / b : 0;
};
const differing = (items: Map<string, string>) => {
  let n = 0;
  for (const [k, v] of items) if (base.items.get(k) !== v) n++;
  for (const k of base.items.keys()) if (!items.has(k)) n++;
  return n;
};

const keys = Object.keys(base.figures);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const sign = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`;
const rows = keys.map((key) => {
  const row: Record<string, string> = { figure: key };
  for (const r of results) {
    const v = r.figures[key];
    row[r.arm.name] = r === base ? fmt(v) : `${fmt(v)} (${sign(delta(key, v))}${/%|\/10k/.test(key) ? '' : ' %'})`;
  }
  return row;
});
rows.push(Object.fromEntries([['figure', 'items unlike the 33\'s'], ...results.map((r) => [r.arm.name, String(differing(r.items))])]));
console.log(`\nIssue 14: ${originals.length} sample speeches, and the same with a 修改稿 of every third one (${copies.length}); Δ against the ${originals.length} in parentheses`);
console.log('(points for KSR, top-1 and recall; flags per 10,000 characters; per cent of the count for mined items and their 篇)\n');
console.table(rows);
const deduped = results[1];
const over = keys.filter((k) => k !== 'speeches' && Math.abs(delta(k, deduped.figures[k])) > LIMIT);
const skewed = keys.filter((k) => k !== 'speeches' && Math.abs(delta(k, results[2].figures[k])) > LIMIT);
console.log(`deduped: ${over.length ? `OVER ${LIMIT} on ${over.join(', ')}` : `every figure within ${LIMIT} of the ${originals.length}'s`} (${deduped.figures.speeches} speeches indexed)`);
console.log(`not deduped: ${skewed.length ? `off by more than ${LIMIT} on ${skewed.join(', ')}` : 'no figure moved'} (${results[2].figures.speeches} speeches indexed)`);
console.log(`seconds per corpus: ${results.map((r) => r.seconds.toFixed(0)).join(', ')}`);
const json = opt('--json');
if (json) writeFileSync(json, JSON.stringify(results.map((r) => ({ corpus: r.arm.name, ...r.figures, differing: differing(r.items) })), null, 1));
if (over.length) process.exitCode = 1;
