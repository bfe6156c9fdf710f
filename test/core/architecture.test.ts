// The layout shows the data flow: corpus → phrases (mining) → index → {complete, search, check}, and
// the guard that checks completions (suggest.ts) sits above complete and check. Read from the import
// statements of every file under src/: no cycle anywhere, and no import against the flow.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports of a file (`import … from './x'`, `export … from '../y'`, type-only ones too), resolved to files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    const base = path.resolve(path.dirname(file), m[1]);
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    assert.ok(target, `${path.relative(SRC, file)} imports ${m[1]}, which is not a file under src/`);
    out.push(target);
  }
  return out;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');

/** Import cycles, each as the files around it (Tarjan's strongly connected components). */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(rel(w));
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

/** The area of a core file: its folder under src/core, or the file's own name for a file directly in it. */
function area(file: string): string | undefined {
  const r = rel(file);
  if (!r.startsWith('core/')) return undefined;
  const parts = r.split('/');
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.ts$/, '');
}

/** What each area of the engine may import besides itself (and the leaf modules every area may use). */
const ALLOWED: Record<string, string[]> = {
  corpus: [],
  // General Chinese, not the corpus: jieba's segmenter and word counts (the background the 常用提法
  // view ranks formulations against; the proofreader's dictionary), pinyin and look-alike characters.
  // It reads nothing of the engine.
  lexicon: [],
  phrases: ['corpus', 'lexicon'],
  // The corpus's own slips (index/slips) are told from variants by the lexicon's look-alike tables.
  index: ['corpus', 'phrases', 'lexicon'],
  complete: ['index', 'phrases'],
  search: ['index'],
  // The lexicon's pinyin and look-alike tables (lexicon/confusable, no dictionary): a homophone or
  // look-alike is a likelier slip. proofread: 全文校对 reports 提法 slips as proofreading findings,
  // one list with the proofreader's kinds (check/findings.ts).
  check: ['index', 'phrases', 'lexicon', 'proofread'],
  suggest: ['complete', 'check', 'index', 'phrases'],
  // Word out and in: the draft's text and outline, the corpus's .docx reader; never the index.
  export: ['corpus'],
  // 校对 of a draft's wording and norms, on the lexicon (the corpus's evidence comes in as a parameter).
  proofread: ['lexicon'],
};
const LEAVES = new Set(['types', 'ranges', 'count', 'outline', 'outlineTree', 'outlineSnippet']);

describe('architecture', () => {
  it('reads the imports of every file (the check below would pass vacuously otherwise)', () => {
    assert.ok(files.length > 50, `${files.length} files`);
    const edges = [...graph.values()].reduce((n, list) => n + list.length, 0);
    assert.ok(edges > 100, `${edges} imports`);
    assert.ok(graph.get(path.join(SRC, 'core', 'suggest.ts'))!.some((f) => rel(f).startsWith('core/check/')));
  });

  it('has no import cycle under src/', () => {
    assert.deepEqual(cycles(), []);
  });

  it('follows the data flow: corpus → phrases → index → {complete, search, check} → suggest', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = area(file);
      if (!from || LEAVES.has(from)) continue;
      const allowed = ALLOWED[from];
      assert.ok(allowed, `core/${from} is not an area of the engine this test knows: add it to ALLOWED`);
      for (const target of imports) {
        const to = area(target);
        if (to === undefined) wrong.push(`${rel(file)} → ${rel(target)} (the engine imports the extension)`);
        else if (to !== from && !LEAVES.has(to) && !allowed.includes(to)) wrong.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('keeps complete, search and check apart: none imports another', () => {
    const features = ['complete', 'search', 'check'];
    for (const [file, imports] of graph) {
      const from = area(file);
      if (!from || !features.includes(from)) continue;
      for (const target of imports) assert.ok(!features.includes(area(target) ?? '') || area(target) === from, `${rel(file)} → ${rel(target)}`);
    }
  });

  it('keeps evaluation code out of the engine (it lives in test/bench)', () => {
    for (const file of files) assert.doesNotMatch(rel(file), /evaluat|bench/i);
  });
});
