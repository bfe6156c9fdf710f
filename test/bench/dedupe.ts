// `npm run bench:dedupe`: near-duplicate detection at scale. Loads the bench's generated corpus
// (90 M characters by default, cached under .cache/bench/ as `npm run bench` caches it), then times
// dedupeSpeeches and says what it merged. The generated speeches are sample sentences recombined at
// random: they share sentences, not whole speeches, so a right answer is (almost) no merge.
import { join } from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { dedupeSpeeches, shingleHashes, shingleSimilarity } from '../../src/core/corpus/dedupe';
import { generateCorpus } from './generateCorpus';

const root = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const chars = Number(args.find((a) => /^\d/.test(a)) ?? 90_000_000);

(async () => {
  const dir = join(root, '.cache', 'bench', `corpus-${chars}-seed42`);
  const generated = generateCorpus(join(root, 'media', 'corpus'), dir, chars, 42);
  let t = performance.now();
  const { documents } = await loadCorpus([generated.dir]);
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
})();
