// `related`: 相关素材 from the shell — the corpus's paragraphs most related to a text (a paragraph or
// a heading being written), best first, each with its speech's title and heading path.
import { SearchTables } from '../core/index';
import { relatedPassages, showPlaceholders, type RelatedHit } from '../core/search';
import { ArgReader } from './args';
import { loadCliCorpus } from './docs';
import { placeLabel } from './search';

function relatedJson(hit: RelatedHit) {
  return {
    kind: hit.kind,
    text: showPlaceholders(hit.text).text,
    title: hit.title,
    headingPath: hit.headingPath,
    line: hit.line,
    column: hit.column,
    score: +hit.score.toFixed(4),
    docId: hit.docId,
  };
}

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const corpus = reader.corpus();
  const json = reader.flag('--json');
  const top = reader.one('--top');
  const text = reader.one('--text');
  const extra = reader.positionals();
  if (extra.length) throw new Error(`related takes its text with --text (got ${extra.join(' ')})`);
  const n = top === undefined ? 10 : Number(top);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--top needs a positive whole number (got ${top})`);
  if (!text?.trim()) throw new Error('related needs a text: related --text "二、大兴调查研究，推进成果转化走实" [--top N] [--json]');

  const started = performance.now();
  const { documents } = await loadCliCorpus(corpus);
  const hits = relatedPassages(SearchTables.build(documents), text, { top: n });
  if (json) {
    process.stdout.write(`${JSON.stringify(hits.map(relatedJson), null, 2)}\n`);
    return 0;
  }
  if (!hits.length) {
    process.stdout.write('没有相关素材 nothing related\n');
    return 0;
  }
  const out = hits.map((h, i) => `${String(i + 1).padStart(3)}. ${showPlaceholders(h.text).text}\n       ${placeLabel(h)}  第 ${h.line + 1} 行`);
  process.stderr.write(`${hits.length} passages (${documents.length} speeches, index + query ${(performance.now() - started).toFixed(0)} ms)\n`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
