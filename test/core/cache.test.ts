// The corpus index cache: a load equals a rebuild, a damaged or stale cache is rebuilt, an edited,
// added or removed file re-reads only that file, and a cancelled indexing leaves the previous index
// and cache usable. On a copy of the sample corpus in a temporary folder (the real files are never written).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFormulations } from '../../src/core/check';
import { cacheFileFor, indexCorpus, type CorpusIndex, type IndexedCorpus } from '../../src/core/index';
import { CorpusIndexCache } from '../../src/core/index/cache';
import { searchCorpus } from '../../src/core/search';
import { suggest } from '../../src/core/suggest';
import { seededRandom } from '../bench/generateCorpus';

const SAMPLE = path.join(__dirname, '..', '..', 'media', 'corpus');
const identity = { build: 'test' };

/** Contexts and queries cut from the corpus itself, so every one of them has answers. */
function probes(index: CorpusIndex, n: number, seed: number): { contexts: string[]; queries: string[] } {
  const rand = seededRandom(seed);
  const contexts: string[] = [];
  const queries: string[] = [];
  while (contexts.length < n) {
    const d = index.documents[Math.floor(rand() * index.documents.length)].text;
    const at = 4 + Math.floor(rand() * (d.length - 4));
    contexts.push(d.slice(Math.max(0, at - 12), at));
    const q = d.slice(at, at + 2 + Math.floor(rand() * 3));
    if (/^\p{Script=Han}+$/u.test(q)) queries.push(q);
  }
  return { contexts, queries };
}

/** Everything a user can observe of an index: speeches, mined items, completions, search hits, 提法 issues. */
function observe(index: CorpusIndex, p: { contexts: string[]; queries: string[] }) {
  return {
    documents: index.documents.map((d) => ({ ...d })),
    phrases: index.mined.phrases.map((x) => [x.text, x.count, x.docs]),
    groups: index.mined.groups.map((x) => x.text),
    quotations: index.mined.quotations.map((x) => [x.text, x.speaker]),
    completions: p.contexts.map((c) => suggest(index, c, { eagerness: 'eager' })),
    inline: p.contexts.map((c) => suggest(index, c, { inline: true, eagerness: 'eager' })),
    search: p.queries.map((q) => searchCorpus(index.search, q, { limit: 10 })),
    formulations: index.formulations.formulations.map((f) => [f.text, f.form, [...f.slots]]),
    variants: index.formulations.variants.map((v) => [v.text, v.expected.text, v.kind]),
    issues: p.contexts.map((c) => checkFormulations(index, `${c}做到“两个拥护”，以学增志`)),
  };
}

describe('corpus index cache', function () {
  this.timeout(60_000); // each test indexes a copy of the sample corpus two or three times (about half a second each, much more on a busy machine)
  let work: string;
  let corpusDir: string;
  let storageDir: string;
  let files: string[];

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-cache-'));
    corpusDir = path.join(work, 'corpus');
    storageDir = path.join(work, 'storage');
    fs.mkdirSync(corpusDir);
    for (const f of fs.readdirSync(SAMPLE)) fs.copyFileSync(path.join(SAMPLE, f), path.join(corpusDir, f));
    files = fs.readdirSync(corpusDir).sort().map((f) => path.join(corpusDir, f));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  const run = (options: Parameters<typeof indexCorpus>[1] = {}): Promise<IndexedCorpus> => indexCorpus([corpusDir], { storageDir, identity, ...options });

  it('loads what it saved: the same speeches, phrases, completions and search hits as a rebuild', async () => {
    const built = await run();
    assert.equal(built.origin, 'rebuilt');
    assert.equal(built.reparsedFiles.length, files.length);
    assert.ok(fs.existsSync(cacheFileFor(storageDir, [corpusDir])));
    const loaded = await run();
    assert.equal(loaded.origin, 'cache', loaded.cacheProblem);
    assert.deepEqual(loaded.reparsedFiles, []);
    const p = probes(built.index!, 300, 7);
    assert.ok(p.queries.length > 100);
    const a = observe(built.index!, p);
    const b = observe(loaded.index!, p);
    const offered = a.completions.filter((c) => c.length).length;
    assert.ok(offered > 60, `the probes exercise completion (${offered} of ${p.contexts.length} offered)`);
    assert.deepEqual(b, a);
  });

  for (const [what, damage] of [
    ['a flipped byte in the middle of the data', (file: string) => flipByteAt(file, 0.5)],
    ['a flipped byte in the header', (file: string) => flipByteAt(file, 20 / fs.statSync(file).size)],
    ['a truncated file', (file: string) => fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.7))],
    ['an empty file', (file: string) => fs.writeFileSync(file, '')],
    ['a file of another format', (file: string) => fs.writeFileSync(file, JSON.stringify({ sa: [1, 2, 3] }))],
  ] as const) {
    it(`rebuilds, never trusting it, after ${what}`, async () => {
      const built = await run();
      const file = cacheFileFor(storageDir, [corpusDir]);
      damage(file);
      const again = await run();
      assert.equal(again.origin, 'rebuilt');
      assert.ok(again.cacheProblem, 'the problem is reported');
      const p = probes(built.index!, 100, 3);
      assert.deepEqual(observe(again.index!, p), observe(built.index!, p));
      // The rebuilt cache is whole again.
      assert.equal((await run()).origin, 'cache');
    });
  }

  it('rebuilds a cache of another build (extension version)', async () => {
    await run();
    const other = await run({ identity: { build: 'other' } });
    assert.equal(other.origin, 'rebuilt');
    assert.match(other.cacheProblem ?? '', /build/);
  });

  it('an edited file re-reads only that file; its speeches change, the others come from the cache', async () => {
    const before = await run();
    const edited = files[2];
    const text = fs.readFileSync(edited, 'utf8');
    const marker = '坚持把规划蓝图一锤一锤钉到底，确保青山绿水长留人间';
    fs.writeFileSync(edited, text.replace(/\n/, `\n${marker}。\n`));
    const after = await run();
    assert.equal(after.origin, 'incremental');
    assert.deepEqual(after.reparsedFiles, [edited]);
    const bySource = (r: IndexedCorpus, f: string) => r.documents.filter((d) => d.source === f).map((d) => ({ ...d }));
    for (const f of files.filter((x) => x !== edited)) assert.deepEqual(bySource(after, f), bySource(before, f));
    assert.ok(bySource(after, edited).some((d) => d.text.includes(marker)));
    assert.ok(searchCorpus(after.index!.search, '一锤一锤钉到底').some((h) => h.text.includes(marker)));
    // And the next start loads the updated index.
    const next = await run();
    assert.equal(next.origin, 'cache');
    assert.ok(searchCorpus(next.index!.search, '一锤一锤钉到底').length > 0);
  });

  it('an added file is the only one read; a removed file drops its speeches without reading anything', async () => {
    const before = await run();
    const added = path.join(corpusDir, 'zz_new.txt');
    fs.writeFileSync(added, '在全市青年干部座谈会上的讲话\n同志们：\n青年干部要敢于担当、善于作为，在急难险重任务中经受磨炼。\n谢谢大家！\n');
    const withAdded = await run();
    assert.equal(withAdded.origin, 'incremental');
    assert.deepEqual(withAdded.reparsedFiles, [added]);
    assert.equal(withAdded.documents.length, before.documents.length + withAdded.documents.filter((d) => d.source === added).length);

    fs.rmSync(files[0]);
    const withRemoved = await run();
    assert.equal(withRemoved.origin, 'incremental');
    assert.deepEqual(withRemoved.reparsedFiles, []);
    assert.ok(!withRemoved.documents.some((d) => d.source === files[0]));
    assert.ok(withRemoved.documents.some((d) => d.source === added));
  });

  it('a cancelled indexing leaves the previous index usable and the cache as it was', async () => {
    const first = await run();
    const p = probes(first.index!, 100, 5);
    const expected = observe(first.index!, p);
    fs.appendFileSync(files[1], '\n新增一段文字，用来触发重新索引。\n');
    let cancel = false;
    const token = {
      get isCancellationRequested() {
        return cancel;
      },
    };
    const cancelled = await run({ token, onProgress: () => (cancel = true) });
    assert.equal(cancelled.cancelled, true);
    assert.equal(cancelled.index, undefined);
    // The index in hand still answers exactly as before.
    assert.deepEqual(observe(first.index!, p), expected);
    // The cache still describes the files as they were before the edit, and still loads.
    const cache = CorpusIndexCache.open(cacheFileFor(storageDir, [corpusDir]), identity);
    try {
      assert.equal(cache.files.length, files.length);
      assert.deepEqual(observe(cache.index(), p), expected);
    } finally {
      cache.close();
    }
    // Indexing again picks the edit up, reading only that file.
    const resumed = await run();
    assert.equal(resumed.origin, 'incremental');
    assert.deepEqual(resumed.reparsedFiles, [files[1]]);
  });

  it('works without a storage folder (no cache), and a folder that cannot be written costs only the cache', async () => {
    const none = await indexCorpus([corpusDir]);
    assert.equal(none.origin, 'rebuilt');
    assert.equal(none.cacheProblem, undefined);
    const blocked = path.join(work, 'blocked');
    fs.writeFileSync(blocked, 'a file where the storage folder should be');
    const r = await indexCorpus([corpusDir], { storageDir: blocked, identity });
    assert.equal(r.origin, 'rebuilt');
    assert.ok(r.index);
    assert.match(r.cacheProblem ?? '', /saving the cache failed/);
  });
});

/** Flips one byte at a fraction of the file's length. */
function flipByteAt(file: string, fraction: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const at = Math.floor(fs.fstatSync(fd).size * fraction);
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, at);
    b[0] ^= 0x5a;
    fs.writeSync(fd, b, 0, 1, at);
  } finally {
    fs.closeSync(fd);
  }
}
