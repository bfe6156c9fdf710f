// `phrases`: what mining found in the corpus — stock phrases, parallel groups (排比) and quotations,
// with how often and in how many speeches each is used.
import { ArgReader } from './args';
import { loadCliIndex } from './docs';

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const corpus = reader.corpus();
  const json = reader.flag('--json');
  const top = reader.one('--top');
  const extra = reader.positionals();
  if (extra.length) throw new Error(`phrases takes no arguments (got ${extra.join(' ')})`);
  const n = top === undefined ? 30 : Number(top);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--top needs a positive whole number (got ${top})`);

  const { documents, mined: index } = await loadCliIndex(corpus);
  const phrases = index.phrases.slice(0, n);
  const groups = index.groups.slice(0, n);
  const quotations = index.quotations.slice(0, n);
  if (json) {
    process.stdout.write(JSON.stringify({ speeches: documents.length, phrases, groups, quotations }, null, 2) + '\n');
    return 0;
  }
  const counts = (m: { count: number; docs: number }) => `${String(m.count).padStart(4)} 次 ${String(m.docs).padStart(3)} 篇`;
  const out: string[] = [];
  out.push(`常用语 stock phrases (${index.phrases.length}, top ${phrases.length})`);
  for (const p of phrases) out.push(`  ${counts(p)}  ${p.text}`);
  out.push('', `排比 parallel groups (${index.groups.length}, top ${groups.length})`);
  for (const g of groups) out.push(`  ${counts(g)}  ${g.text}`);
  out.push('', `引语 quotations (${index.quotations.length}, top ${quotations.length})`);
  for (const q of quotations) out.push(`  ${counts(q)}  ${q.attribution}：“${q.text}”`);
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
