// 校对 benchmark: known errors injected into clean text — half the sample speeches, half speeches
// written by test/bench/speechText.ts — and the whole 全文校对 run once per document (checkDraft: the
// 提法 check against a corpus index, the proofreader with that corpus's evidence); recall and
// precision per kind, false findings per 10,000 characters of clean text, and the time for a
// 10,000-字 draft. A sample speech is checked against an index of the other 32 (leave-one-out); a
// written one against all 33. Speeches and written texts are split in two halves: `tune` (what the
// thresholds were set on) and `held-out` (reported beside it, never tuned on).
// Usage: npm run bench:proofread -- [--per-kind 6] [--seed 1] [--no-corpus] [--slip-threshold N] [--min-confidence X] [--docs DIR] [--json FILE] [--list] [--speed-only]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDraft, checkFormulations, DEFAULT_MIN_CONFIDENCE } from '../../src/core/check';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { loadLexicon } from '../../src/core/lexicon';
import { Proofreader, WORD_SLIP, type ProofreadFinding } from '../../src/core/proofread';
import type { SpeechDocument } from '../../src/core/types';
import { chooseInjections, evaluateDocument, inject, INJECTED_KINDS, type DocumentReport, type InjectedKind } from './proofreadEvaluate';
import { seededRandom } from './generateCorpus';
import { writeSpeech } from './speechText';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const perKind = Number(opt('--per-kind', '6'));
const seed = Number(opt('--seed', '1'));
const useCorpus = !args.includes('--no-corpus');
// Trying another threshold for one-character slips (the shipped one is WORD_SLIP.threshold)…
WORD_SLIP.threshold = Number(opt('--slip-threshold', String(WORD_SLIP.threshold)));
// …or for 提法 slips (the shipped one is DEFAULT_MIN_CONFIDENCE).
const minConfidence = Number(opt('--min-confidence', String(DEFAULT_MIN_CONFIDENCE)));
const docsDir = opt('--docs', join(__dirname, '..', 'core', 'fixtures', 'speeches'));

interface Doc {
  id: string;
  text: string;
  half: 'tune' | 'held-out';
  source: 'speech' | 'written';
  index?: CorpusIndex;
}

const started = performance.now();
const files = readdirSync(docsDir).filter((f) => f.endsWith('.txt')).sort();
const speeches: SpeechDocument[] = files.map((f) => {
  const text = readFileSync(join(docsDir, f), 'utf8');
  return { id: f, title: text.slice(0, text.indexOf('\n')), kind: '其他', text, source: join(docsDir, f), sourceLines: [0, 0], headings: [] };
});
const speechChars = speeches.reduce((n, d) => n + d.text.length, 0);
const speedOnly = args.includes('--speed-only');
const docs: Doc[] = (speedOnly ? [] : speeches).map((d, i) => ({
  id: d.id,
  text: d.text,
  half: i % 2 === 0 ? 'tune' : 'held-out',
  source: 'speech',
  // Leave-one-out: a speech is checked against an index of the others.
  index: useCorpus ? buildCorpusIndex(speeches.filter((_, k) => k !== i)) : undefined,
}));
// As much written text as there are speeches.
const allSpeeches = useCorpus ? buildCorpusIndex(speeches) : undefined;
for (let k = 0, chars = 0; !speedOnly && chars < speechChars; k++) {
  const text = writeSpeech(1000 + k, 5000);
  chars += text.length;
  docs.push({ id: `written-${k}`, text, half: k % 2 === 0 ? 'tune' : 'held-out', source: 'written', index: allSpeeches });
}
const indexMs = performance.now() - started;

const lexiconStarted = performance.now();
const lexicon = loadLexicon();
const proofreader = new Proofreader(() => lexicon);
proofreader.warmUp();
const loadMs = performance.now() - lexiconStarted;
const rnd = seededRandom(seed);
const reports: (DocumentReport & { doc: Doc })[] = [];
for (const doc of docs) {
  const injections = chooseInjections(doc.text, lexicon, rnd, perKind, 24, doc.index);
  reports.push({ ...evaluateDocument(doc.id, doc.text, injections, (text) => checkDraft(doc.index, text, proofreader, { minConfidence })), doc });
}

/** Real slips a reader confirmed in the sample speeches (test/bench/sampleSlips.json): not false alarms. */
const confirmed: { file: string; code: string; found?: string; why: string }[] = JSON.parse(readFileSync(join(__dirname, 'sampleSlips.json'), 'utf8'));
const isReal = (doc: Doc, f: ProofreadFinding) =>
  confirmed.some((c) => c.file === doc.id && c.code === f.code && (c.found === undefined || c.found === doc.text.slice(f.start, f.end)));

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
const pad = (s: string | number, n: number) => String(s).padStart(n);
const FAMILY: Record<string, string> = { formulation: 'formulation', typo: 'typo', punctuation: 'punctuation', number: 'number', numbering: 'numbering' };
const family = (k: InjectedKind) => FAMILY[k.split('.')[0]];
const FORMULATION_KINDS = (Object.keys(INJECTED_KINDS) as InjectedKind[]).filter((k) => k.startsWith('formulation.'));

function table(title: string, rows: (DocumentReport & { doc: Doc })[]): void {
  const chars = rows.reduce((n, r) => n + r.chars, 0);
  console.log(`\n${title}: ${rows.length} documents, ${chars} characters`);
  console.log('kind                         injected  caught   recall   wrong fix  precision');
  const groups: [string, InjectedKind[]][] = [
    ['提法 slips', FORMULATION_KINDS],
    ['typos of common words', ['typo.confusion', 'typo.misspelling', 'typo.homophone', 'typo.shape']],
    ['punctuation & numbering norms', ['punctuation', 'number', 'numbering']],
  ];
  for (const [name, kinds] of groups) {
    for (const kind of kinds) {
      const inj = rows.flatMap((r) => r.injected.filter((i) => i.kind === kind));
      const caught = inj.filter((i) => i.caught).length;
      const wrong = inj.filter((i) => i.wrongFix).length;
      const induced = rows.reduce((n, r) => n + r.induced.filter((f) => f.kind === family(kind)).length, 0);
      // Precision of the family: caught over everything new it raised (catches, wrong fixes, induced).
      const famInduced = kind === kinds.find((k) => family(k) === family(kind)) ? induced : 0;
      console.log(`  ${kind.padEnd(27)}${pad(inj.length, 8)}${pad(caught, 8)}${pad(pct(caught, inj.length), 9)}${pad(wrong, 12)}${pad(famInduced ? `(${famInduced} induced)` : '', 19)}`);
    }
    const inj = rows.flatMap((r) => r.injected.filter((i) => kinds.includes(i.kind)));
    const caught = inj.filter((i) => i.caught).length;
    const wrong = inj.filter((i) => i.wrongFix).length;
    const induced = rows.reduce((n, r) => n + r.induced.filter((f) => kinds.some((k) => family(k) === f.kind)).length, 0);
    console.log(`= ${name.padEnd(27)}${pad(inj.length, 8)}${pad(caught, 8)}${pad(pct(caught, inj.length), 9)}${pad(wrong, 12)}${pad(pct(caught, caught + wrong + induced), 11)}`);
  }
  const clean = rows.flatMap((r) => r.clean.map((f) => ({ f, doc: r.doc })));
  const falseOnes = clean.filter(({ f, doc }) => !isReal(doc, f));
  console.log(`findings on the clean text: ${clean.length} (${((clean.length * 10_000) / chars).toFixed(2)} per 10k), of which false ${falseOnes.length} = ${((falseOnes.length * 10_000) / chars).toFixed(2)} per 10k`);
}

const slice = (source: Doc['source'], half?: Doc['half']) => reports.filter((r) => r.doc.source === source && (!half || r.doc.half === half));
console.log(
  `proofread benchmark: ${perKind} injected errors per kind per document, seed ${seed}, corpus ${useCorpus ? 'on (leave-one-out)' : 'off'}, slip threshold ${WORD_SLIP.threshold}, 提法 threshold ${minConfidence}; ${docs.length} indexes built in ${(indexMs / 1000).toFixed(1)} s, lexicon loaded in ${loadMs.toFixed(0)} ms`,
);
if (!speedOnly) table('sample speeches, tune half', slice('speech', 'tune'));
if (!speedOnly) table('sample speeches, held-out half', slice('speech', 'held-out'));
if (!speedOnly) table('written speeches, tune half', slice('written', 'tune'));
if (!speedOnly) table('written speeches, held-out half', slice('written', 'held-out'));
if (!speedOnly) table('all', reports);

// Speed: a 10,000-字 draft from the speeches, checked from scratch (both checks), then again after a
// one-character edit (the proofreader's paragraph cache; the 提法 check reads the whole draft again).
const draft = speeches.map((d) => d.text).join('\n').slice(0, 10_000);
const index = allSpeeches;
const wall: number[] = [];
const cpu: number[] = [];
const formulationMs: number[] = [];
const incremental: number[] = [];
const incrementalCpu: number[] = [];
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
for (let run = 0; run < 9; run++) {
  const fresh = new Proofreader(() => lexicon);
  let t = performance.now();
  let c = process.cpuUsage();
  checkDraft(index, draft, fresh);
  wall.push(performance.now() - t);
  cpu.push(cpuMs(c));
  if (index) {
    t = performance.now();
    checkFormulations(index, draft);
    formulationMs.push(performance.now() - t);
  }
  const at = draft.indexOf('，', 5000 + run * 97);
  const edited = draft.slice(0, at) + '的' + draft.slice(at);
  t = performance.now();
  c = process.cpuUsage();
  checkDraft(index, edited, fresh);
  incremental.push(performance.now() - t);
  incrementalCpu.push(cpuMs(c));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
// On a shared machine the wall clock also counts other processes' turns; CPU time less so.
console.log(
  `\nspeed, 10,000 characters, every kind: ${median(wall).toFixed(1)} ms wall (median of 9, best ${Math.min(...wall).toFixed(1)}), ${median(cpu).toFixed(1)} ms CPU` +
    (formulationMs.length ? `, of which the 提法 check ${median(formulationMs).toFixed(1)} ms` : '') +
    `; after a one-character edit ${median(incremental).toFixed(1)} ms wall, ${median(incrementalCpu).toFixed(1)} ms CPU (paragraph cache)`,
);

if (args.includes('--list')) {
  console.log('\nfindings on the clean sample speeches:');
  for (const r of slice('speech')) for (const f of r.clean) console.log(`  ${isReal(r.doc, f) ? 'real ' : 'FALSE'} ${r.doc.id} ${f.code} ${JSON.stringify(f.params)} | ${r.doc.text.slice(Math.max(0, f.start - 10), f.end + 10).replace(/\n/g, '⏎')}`);
  console.log('\nfindings on the clean written speeches:');
  for (const r of slice('written')) for (const f of r.clean) console.log(`  ${r.doc.id} ${f.code} ${JSON.stringify(f.params)} | ${r.doc.text.slice(Math.max(0, f.start - 10), f.end + 10).replace(/\n/g, '⏎')}`);
  console.log('\nmissed injections:');
  for (const r of reports) for (const i of r.injected) if (!i.caught) console.log(`  ${r.doc.id} ${i.kind} ${i.rule}: ${JSON.stringify(i.original)}→${JSON.stringify(i.replacement)}${i.wrongFix ? ' (wrong fix)' : ''} | ${r.doc.text.slice(Math.max(0, i.at - 8), i.at + 8).replace(/\n/g, '⏎')}`);
  console.log('\ninduced findings:');
  for (const r of reports) {
    const { text } = inject(r.doc.text, r.injected);
    for (const f of r.induced) console.log(`  ${r.doc.id} ${f.code} ${JSON.stringify(f.params)} | ${text.slice(Math.max(0, f.start - 12), f.end + 12).replace(/\n/g, '⏎')}`);
  }
}
const json = opt('--json', '');
if (json) writeFileSync(json, JSON.stringify(reports.map(({ doc: { index: _index, ...doc }, ...r }) => ({ ...r, half: doc.half, source: doc.source })), null, 1));
