// `outline <title-or-index>`: print one speech's outline, indented by level, with its line numbers.
import type { SpeechDocument } from '../core/types';
import { ArgReader } from './args';
import { loadCliIndex, sourceLabel, speechChars } from './docs';

/** An index as listed by `docs`, an exact title, or else the one title containing the words. */
function findSpeech(documents: readonly SpeechDocument[], query: string): SpeechDocument | SpeechDocument[] {
  if (/^\d+$/.test(query)) return documents[Number(query)] ?? [];
  const exact = documents.filter((d) => d.title === query);
  if (exact.length) return exact[0];
  const partial = documents.filter((d) => d.title.includes(query));
  return partial.length === 1 ? partial[0] : partial;
}

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const corpus = reader.corpus();
  const json = reader.flag('--json');
  const query = reader.positionals().join(' ').trim();
  if (!query) throw new Error('usage: outline <title-or-index> [--corpus DIR]... [--no-default-corpus] [--json]');
  const { documents } = await loadCliIndex(corpus);
  const found = findSpeech(documents, query);
  if (Array.isArray(found)) {
    if (!found.length) process.stderr.write(`没有找到讲稿 no speech matches "${query}" (${documents.length} speeches; see \`docs\`)\n`);
    else {
      process.stderr.write(`"${query}" 匹配多篇 matches ${found.length} speeches:\n`);
      for (const d of found) process.stderr.write(`  ${documents.indexOf(d)}  ${d.title}\n`);
    }
    return 1;
  }
  if (json) {
    const headings = found.headings.map((h) => ({ level: h.level, text: h.text, line: h.line, point: !!h.point }));
    process.stdout.write(`${JSON.stringify({ title: found.title, kind: found.kind, source: found.source, headings }, null, 2)}\n`);
    return 0;
  }
  const out = [`${found.title}`, `${found.kind} · ${speechChars(found)} 字 · ${sourceLabel(found)}`, ''];
  if (!found.headings.length) out.push('（没有编号标题 no numbered headings）');
  // Line numbers are 1-based here, as an editor shows them.
  for (const h of found.headings) out.push(`${String(h.line + 1).padStart(5)}  ${'  '.repeat(h.level - 1)}${h.text}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
