// `search`: the corpus search of the 搜索素材库 command from the shell — sentences, titles and mined
// phrases matching every keyword, best first, the matched characters in 【】.
import { SearchTables } from '../core/index';
import { markMatches, searchCorpus, type SearchHit } from '../core/search';
import { ArgReader } from './args';
import { loadCliIndex } from './docs';

const KIND_LABEL: Record<SearchHit['kind'], string> = { sentence: '句', title: '题', phrase: '语' };

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const corpus = reader.corpus();
  const json = reader.flag('--json');
  const noPhrases = reader.flag('--no-phrases');
  const top = reader.one('--top');
  const query = reader.positionals().join(' ');
  const n = top === undefined ? 10 : Number(top);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--top needs a positive whole number (got ${top})`);
  if (!query.trim()) throw new Error('search needs keywords: search 高质量发展 [more keywords] [--top N] [--json]');

  const started = performance.now();
  const index = await loadCliIndex(corpus);
  const { documents } = index;
  // --no-phrases: the speeches' sentences and titles only (tables without the mined items).
  const tables = noPhrases ? SearchTables.build(documents) : index.search;
  const hits = searchCorpus(tables, query, { limit: n });
  if (json) {
    process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
    return 0;
  }
  if (!hits.length) {
    process.stdout.write(`没有找到“${query}” no match\n`);
    return 0;
  }
  const out = hits.map((h, i) => {
    const where = h.kind === 'phrase' ? '常用提法' : `${h.title} 第 ${h.line + 1} 行`;
    return `${String(i + 1).padStart(3)}. [${KIND_LABEL[h.kind]}] ${markMatches(h)}\n       ${where}  score ${h.score.toFixed(3)}`;
  });
  process.stderr.write(`${hits.length} hits (${documents.length} speeches, index + search ${(performance.now() - started).toFixed(0)} ms)\n`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
