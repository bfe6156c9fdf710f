// `search`: the corpus search of 搜索素材库 from the shell — sentences and whole paragraphs matching
// the keywords, best first, with each speech's title and heading path, the matched characters in 【】.
import { SearchTables } from '../core/index';
import { markMatches, searchCorpus, showPlaceholders, type SearchHit } from '../core/search';
import { ArgReader } from './args';
import { loadCliCorpus } from './docs';

const KIND_LABEL: Record<SearchHit['kind'], string> = { sentence: '句', paragraph: '段' };

/** A hit as the JSON output gives it: the text as a writer reads it (placeholders as 某), 0-based line and column. */
export function hitJson(hit: SearchHit) {
  const shown = showPlaceholders(hit.text, hit.matches);
  return {
    kind: hit.kind,
    text: shown.text,
    title: hit.title,
    headingPath: hit.headingPath,
    line: hit.line,
    column: hit.column,
    score: +hit.score.toFixed(4),
    matches: shown.matches,
    docId: hit.docId,
  };
}

/** "标题 › 一、… › （二）…" */
export function placeLabel(hit: Pick<SearchHit, 'title' | 'headingPath'>): string {
  return [hit.title, ...hit.headingPath].join(' › ');
}

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const corpus = reader.corpus();
  const json = reader.flag('--json');
  const top = reader.one('--top');
  const query = reader.positionals().join(' ');
  const n = top === undefined ? 10 : Number(top);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--top needs a positive whole number (got ${top})`);
  if (!query.trim()) throw new Error('search needs keywords: search 调查研究 [more keywords] [--top N] [--json]');

  const started = performance.now();
  const { documents } = await loadCliCorpus(corpus);
  // The search tables alone, as the indexing worker builds them (no mining needed).
  const hits = searchCorpus(SearchTables.build(documents), query, { limit: n });
  if (json) {
    process.stdout.write(`${JSON.stringify(hits.map(hitJson), null, 2)}\n`);
    return 0;
  }
  if (!hits.length) {
    process.stdout.write(`没有找到“${query}” no match\n`);
    return 0;
  }
  const out = hits.map((h, i) => {
    const shown = showPlaceholders(h.text, h.matches);
    return `${String(i + 1).padStart(3)}. [${KIND_LABEL[h.kind]}] ${markMatches(shown)}\n       ${placeLabel(h)}  第 ${h.line + 1} 行`;
  });
  process.stderr.write(`${hits.length} hits (${documents.length} speeches, index + search ${(performance.now() - started).toFixed(0)} ms)\n`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
