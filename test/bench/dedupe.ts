// `npm run bench:dedupe`: near-duplicate detection at scale. Loads the bench's generated corpus
// (90 M characters by default, cached under .cache/bench/ as `npm run bench` caches it), then times
// dedupeSpeeches and says what it merged. The generated speeches are sample sentences recombined at
// random: they share sentences, not whole speeches, so a right answer is (almost) no merge.
// `-- --index`: instead, index the corpus as the extension does (indexCorpus with a cache, in this
// fresh process): cold, then again after one file changed (an incremental update, which folds
// versions again over every speech), then once more unchanged (a load, which folds nothing).
import { appendFileSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { dedupeSpeeches, shingleHashes, shingleSimilarity } from '../../src/core/corpus/dedupe';
import { indexCorpus } from '../../src/core/index';
import { generateCorpus } from './generateCorpus';

const root = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const chars = Number(args.find((a) => /^\d/.test(a)) ?? 90_000_000);

async function dedupeOnly(dir: string): Promise<void> {
  let t = performance.now();
  const { documents } = await loadCorpus([dir]);
  const loadS = (performance.now() - t) / 1000;
  const total = documents.reduce((n, d) => n + d.text.length, 0);
  const rss = process.memoryUsage().rss;
  t = performance.now();
  const result = dedupeSpeeches(documents);
  const dedupeS = (performance.now() - t) / 1000;
  const rssAfter = process.memoryUsage().rss;
  const merged = result.documents.filter((d) => d.versions);
  console.table([
    {
      corpus: `${(total / 1e6).toFixed(1)} M chars`,
      speeches: documents.length,
      'load s': loadS.toFixed(1),
      'dedupe s': dedupeS.toFixed(2),
      'M chars/s': (total / 1e6 / dedupeS).toFixed(1),
      'RSS +MB': Math.round((rssAfter - rss) / 2 ** 20),
      'LSH pairs': result.pairs.candidates,
      measured: result.pairs.measured,
      'closest apart (Jaccard)': result.pairs.closestApart.toFixed(3),
      duplicates: result.duplicates,
      groups: merged.length,
    },
  ]);
  // What was merged, with the exact similarity: a generated corpus should hold no real duplicates.
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const d of merged.slice(0, 5)) {
    for (const v of d.versions!.slice(0, 2)) {
      const s = shingleSimilarity(shingleHashes(d.text).hashes, shingleHashes(byId.get(v.id)!.text).hashes);
      console.log(`  ${d.title} (${d.text.length} chars) ~ ${v.title} (${byId.get(v.id)!.text.length} chars): Jaccard ${s.jaccard.toFixed(3)}, containment ${s.containment.toFixed(3)}`);
    }
  }
}

/** Cold index, an incremental update after one file changed, and an unchanged load, with the time dedupe took in each. */
async function indexing(dir: string): Promise<void> {
  const storageDir = join(root, '.cache', 'bench', `dedupe-index-${chars}`);
  rmSync(storageDir, { recursive: true, force: true });
  const file = join(dir, readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()[0]);
  const original = readFileSync(file);
  const rows = [];
  try {
    for (const run of ['cold', 'one file changed', 'unchanged'] as const) {
      if (run === 'one file changed') appendFileSync(file, '\n同志们，这一段是修改稿新加的话，用来测量增量更新。\n');
      const cpu = process.cpuUsage();
      const t = performance.now();
      const r = await indexCorpus([dir], { storageDir });
      const wall = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      rows.push({
        run,
        origin: r.origin,
        'files read': r.reparsedFiles.length,
        speeches: r.documents.length,
        'total s': wall.toFixed(1),
        'CPU s': ((used.user + used.system) / 1e6).toFixed(1),
        'read s': (r.timings.read_s ?? 0).toFixed(1),
        'dedupe s': r.timings.dedupe_s === undefined ? '—' : r.timings.dedupe_s.toFixed(2),
        'build s': (r.timings.build_s ?? 0).toFixed(1),
        'save s': (r.timings.save_s ?? 0).toFixed(1),
        'peak RSS MB': Math.round(process.resourceUsage().maxRSS / 1024),
      });
    }
  } finally {
    writeFileSync(file, original);
  }
  console.log(`\n  indexing ${(chars / 1e6).toFixed(0)} M characters as the extension does (indexCorpus with a cache), one process, wall and CPU seconds`);
  console.table(rows);
}

(async () => {
  const dir = join(root, '.cache', 'bench', `corpus-${chars}-seed42`);
  const generated = generateCorpus(join(root, 'media', 'corpus'), dir, chars, 42);
  if (args.includes('--index')) await indexing(generated.dir);
  else await dedupeOnly(generated.dir);
})();
