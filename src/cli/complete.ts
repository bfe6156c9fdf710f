// `complete`: a completion server on stdin/stdout, one JSON request per line, one answer line each,
// in order (the protocol of ../shared/eval/ksr.mjs):
//   request  {"before": "<text before the cursor>"}
//   answer   {"items": [{"insert", "replace", "label", "kind", "confidence", "speeches", "source"?, "snippet"?}, ...]}
// Lines that arrive while the corpus loads are answered, in order, once the index is ready.
// `--eagerness quiet|normal|eager` is the editor's 补全积极程度 (default normal).
import { createInterface } from 'node:readline';
import { defaultEagerness, type Eagerness } from '../core/complete';
import type { CorpusIndex } from '../core/index';
import { suggest } from '../core/suggest';
import { ArgReader, UsageError } from './args';
import { loadCliIndex } from './docs';

/** The values of --eagerness, with the setting's words. */
const EAGERNESS_CHOICES: Record<Eagerness, string> = { quiet: '安静', normal: '适中', eager: '积极' };

/** One answer line: the editor's suggestions (completions the 提法 guard admits). */
export function answer(index: CorpusIndex, line: string, options: { limit: number; inline: boolean; eagerness: Eagerness }): string {
  let before: unknown;
  try {
    before = (JSON.parse(line) as { before?: unknown })?.before;
  } catch {
    return JSON.stringify({ items: [], error: 'request is not JSON: {"before": "..."}' });
  }
  if (typeof before !== 'string') return JSON.stringify({ items: [], error: 'request needs a string "before"' });
  return JSON.stringify({ items: suggest(index, before, options) });
}

const USAGE = `usage: node dist/cli.js complete [--inline] [--top N] [--eagerness quiet|normal|eager] [corpus options]
A completion server: one JSON request a line on stdin, one answer line each on stdout, in order.
  request  {"before": "<text before the cursor>"}
  answer   {"items": [{"insert", "replace", "label", "kind", "confidence", "speeches", "source"?, "snippet"?}, ...]}
  --inline      only what ghost text would show (the list's first item, when the engine is sure of it)
  --top N       at most N items (default 5, with --inline 1)
  --eagerness   补全积极程度, as the editor's setting: ${Object.entries(EAGERNESS_CHOICES)
    .map(([value, words]) => `${value} (${words})`)
    .join(', ')}; default ${defaultEagerness}
`;

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  if (reader.flag('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const corpus = reader.corpus();
  const inline = reader.flag('--inline');
  const top = reader.one('--top');
  const eagerness = reader.choice('--eagerness', EAGERNESS_CHOICES, defaultEagerness);
  const extra = reader.positionals();
  if (extra.length) throw new UsageError(`complete takes no arguments (got ${extra.join(' ')})`);
  const limit = top === undefined ? (inline ? 1 : 5) : Number(top);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--top needs a positive whole number (got ${top})`);

  const pending: string[] = [];
  let index: CorpusIndex | null = null;
  const options = { limit, inline, eagerness };
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (index) process.stdout.write(answer(index, line, options) + '\n');
    else pending.push(line);
  });
  const closed = new Promise<void>((resolve) => lines.once('close', resolve));

  index = await loadCliIndex(corpus);
  process.stdout.write(pending.splice(0).map((l) => answer(index!, l, options) + '\n').join(''));
  await closed;
  return 0;
}
