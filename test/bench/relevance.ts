// `npm run bench:relevance`: is what search and 相关素材 return material a writer can use? Judged, not
// assumed: test/bench/relevance/queries.json holds topic queries written from the sample speeches'
// headings, each with graded passages (2 = directly about the topic and usable, 1 = related, 0 or
// absent = not), judged by reading them. Leave one speech out: a query's own speech is excluded from
// what every system returns and from the ideal ranking. Reports nDCG@10 and P@10 for the search
// before issue 12 (its results, kept in relevance/baseline-run.json: sentences, titles and mined
// phrase fragments, which are no passage and gain nothing), today's search, and 相关素材 given the
// heading the query was written from.
//
//   npm run bench:relevance [-- --per-query] [--unjudged] [--json]
//
// `--unjudged` lists the top-10 passages no judgment covers (a pool to judge before trusting the numbers).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { SearchTables } from '../../src/core/index';
import { relatedPassages, searchCorpus } from '../../src/core/search';
import type { SpeechDocument } from '../../src/core/types';
import { EVAL_DOCS_DIR } from '../core/fixtures/corpusFixtures';

interface Judgment {
  /** "speech:line", the speech being the fixture file's name (00…32), the line 0-based in its cleaned text. */
  passage: string;
  grade: 0 | 1 | 2;
  /** The passage's first characters, to check the judgment still points where it was made. */
  opens: string;
}

interface RelevanceQuery {
  id: string;
  /** What a writer types into 搜索素材库. */
  query: string;
  /** The speech (fixture file name) the query was written from; left out when the query is run. */
  speech: string;
  /** The heading of that speech the query was written from: 相关素材's input. */
  heading: string;
  about: string;
  judgments: Judgment[];
}

interface BaselineRun {
  system: string;
  runs: Record<string, { kind: string; passage: string | null }[]>;
}

const DIR = path.join(__dirname, 'relevance');
const args = process.argv.slice(2);
const K = 10;

/** Ranked passages → gains, a passage listed again (another sentence of it) gaining nothing. */
function gains(ranked: (string | null)[], grades: Map<string, number>): number[] {
  const seen = new Set<string>();
  return ranked.slice(0, K).map((p) => {
    if (!p || seen.has(p)) return 0;
    seen.add(p);
    return grades.get(p) ?? 0;
  });
}

function dcg(g: number[]): number {
  return g.reduce((sum, x, i) => sum + (2 ** x - 1) / Math.log2(i + 2), 0);
}

interface Scores {
  ndcg: number;
  p: number;
  unjudged: string[];
}

function evaluate(ranked: (string | null)[], q: RelevanceQuery): Scores {
  const grades = new Map(q.judgments.filter((j) => !j.passage.startsWith(`${q.speech}:`)).map((j) => [j.passage, j.grade]));
  const g = gains(ranked, grades);
  const ideal = dcg([...grades.values()].sort((a, b) => b - a).slice(0, K));
  const unjudged = [...new Set(ranked.slice(0, K).filter((p): p is string => !!p && !grades.has(p) && !p.startsWith(`${q.speech}:`)))];
  return { ndcg: ideal > 0 ? dcg(g) / ideal : NaN, p: g.filter((x) => x > 0).length / K, unjudged };
}

function main(): Promise<void> {
  const queries = JSON.parse(readFileSync(path.join(DIR, 'queries.json'), 'utf8')) as RelevanceQuery[];
  const baseline = JSON.parse(readFileSync(path.join(DIR, 'baseline-run.json'), 'utf8')) as BaselineRun;
  return loadCorpus([EVAL_DOCS_DIR]).then(({ documents }) => {
    const speech = (d: SpeechDocument) => path.basename(d.source, '.txt');
    const byId = new Map(documents.map((d) => [d.id, d]));
    const lines = new Map(documents.map((d) => [speech(d), d.text.split('\n')]));
    // Every judgment must still point at the passage it was made for.
    for (const q of queries) {
      for (const j of q.judgments) {
        const [s, l] = j.passage.split(':');
        const text = lines.get(s)?.[Number(l)]?.trim() ?? '';
        if (!text.startsWith(j.opens)) throw new Error(`${q.id}: ${j.passage} no longer opens with “${j.opens}” (reads “${text.slice(0, 20)}”)`);
      }
    }
    const tables = SearchTables.build(documents);
    const idOf = new Map(documents.map((d) => [speech(d), d.id]));
    const key = (docId: string, line: number) => `${speech(byId.get(docId)!)}:${line}`;
    const systems: { name: string; run: (q: RelevanceQuery) => (string | null)[] }[] = [
      {
        name: 'search before issue 12',
        // A title or a phrase fragment is no passage: it holds a rank and gains nothing.
        run: (q) => (baseline.runs[q.id] ?? []).filter((h) => !h.passage?.startsWith(`${q.speech}:`)).map((h) => (h.kind === 'sentence' ? h.passage : null)),
      },
      {
        name: 'search (BM25 passages)',
        run: (q) => searchCorpus(tables, q.query, { limit: K, excludeDocs: new Set([idOf.get(q.speech)!]) }).map((h) => key(h.docId, h.line)),
      },
      {
        name: '相关素材 (from the heading)',
        run: (q) => relatedPassages(tables, q.heading, { top: K, excludeDocs: new Set([idOf.get(q.speech)!]) }).map((h) => key(h.docId, h.line)),
      },
    ];
    const results = systems.map((s) => ({ name: s.name, per: queries.map((q) => ({ q, ...evaluate(s.run(q), q) })) }));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const scored = (r: (typeof results)[number]) => r.per.filter((x) => !Number.isNaN(x.ndcg));
    if (args.includes('--json')) {
      console.log(JSON.stringify(results.map((r) => ({ system: r.name, ndcg10: mean(scored(r).map((x) => x.ndcg)), p10: mean(scored(r).map((x) => x.p)), queries: scored(r).length }))));
      return;
    }
    console.log(`\n讲稿助手 relevance — ${queries.length} topic queries from the sample's headings, ${queries.reduce((n, q) => n + q.judgments.length, 0)} graded passages, leave one speech out.\n`);
    const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length - [...s].filter((c) => c.charCodeAt(0) > 0x2e80).length));
    console.log(`${pad('system', 30)}  nDCG@10  P@10   unjudged in top 10`);
    for (const r of results) {
      const s = scored(r);
      const unjudged = s.reduce((n, x) => n + x.unjudged.length, 0);
      console.log(`${pad(r.name, 30)}  ${mean(s.map((x) => x.ndcg)).toFixed(3)}    ${mean(s.map((x) => x.p)).toFixed(3)}  ${unjudged}`);
    }
    if (args.includes('--per-query')) {
      console.log(`\n${pad('query', 26)}${results.map((r) => pad(r.name.slice(0, 14), 16)).join('')}`);
      queries.forEach((q, i) => {
        console.log(`${pad(`${q.id} ${q.query}`, 26)}${results.map((r) => pad(`${r.per[i].ndcg.toFixed(2)}/${r.per[i].p.toFixed(1)}`, 16)).join('')}`);
      });
    }
    if (args.includes('--unjudged')) {
      for (const r of results) {
        for (const x of r.per) {
          for (const p of x.unjudged) {
            const [s, l] = p.split(':');
            console.log(`${x.q.id} ${x.q.query} [${r.name.slice(0, 6)}] ${p} ${lines.get(s)?.[Number(l)]?.trim().slice(0, 80)}`);
          }
        }
      }
    }
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
