// A speech saved several times is indexed once (issue 14): indexCorpus folds the copies it read
// (a 修改稿, the same speech inside a compilation) into the speech that stands for them, builds the
// index on the distinct speeches, keeps the copies in the cache so an update folds again, and a
// load gives the versions back as they were; the worker's hand-over (its parts) carries them too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, indexCorpus, type IndexedCorpus } from '../../src/core/index';
import { corpusIndexParts, CorpusIndexCache, memoryReader, restoreCorpusIndex, restoreDocuments } from '../../src/core/index/cache';
import { CacheInvalidError } from '../../src/core/index/sectionFile';
import { editedCopy } from '../bench/editedCopies';
import { EVAL_DOCS_DIR } from './fixtures/corpusFixtures';

const S = fs.readdirSync(EVAL_DOCS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(EVAL_DOCS_DIR, f), 'utf8').trim());
const identity = { build: 'test' };
/** What a user sees of a corpus's mined items: each with its count and its 篇. */
const minedCounts = (r: IndexedCorpus) => {
  const { phrases, groups, quotations } = r.index!.mined;
  return { phrases: phrases.map((x) => [x.text, x.count, x.docs]), groups: groups.map((x) => [x.text, x.count, x.docs]), quotations: quotations.map((x) => [x.text, x.count, x.docs]) };
};
const names = (vs: { source: string }[] | undefined) => (vs ?? []).map((v) => path.basename(v.source)).sort();

describe('versions in the index (one speech saved several times is indexed once)', function () {
  this.timeout(10_000); // indexes a 30 K-character corpus up to four times per test: a second each on a busy machine
  let work: string;
  let corpus: string;
  let plain: string;
  let storageDir: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-versions-'));
    corpus = path.join(work, 'corpus');
    plain = path.join(work, 'plain');
    storageDir = path.join(work, 'storage');
    for (const dir of [corpus, plain]) {
      fs.mkdirSync(dir);
      for (let i = 1; i <= 6; i++) fs.writeFileSync(path.join(dir, `${i}.txt`), S[i]);
    }
    // The corpus has three more files: a 修改稿 of speech 1, and a compilation of speech 2 and speech 7.
    fs.writeFileSync(path.join(corpus, '1（修改稿）.txt'), editedCopy(S[1], S[8], 1));
    fs.writeFileSync(path.join(corpus, '汇编.txt'), `${S[2]}\n\n${S[7]}`);
    // The plain corpus holds the same distinct speeches once each.
    fs.writeFileSync(path.join(plain, '汇编.txt'), S[7]);
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('indexes the distinct speeches: the copies are versions, every 篇 count is that of the corpus without them', async () => {
    const r = await indexCorpus([corpus]);
    assert.equal(r.documents.length, 7);
    assert.deepEqual(r.index!.documents, r.documents);
    const one = r.documents.find((d) => d.source.endsWith(`${path.sep}1.txt`))!;
    const two = r.documents.find((d) => d.source.endsWith(`${path.sep}2.txt`))!;
    assert.deepEqual(names(one.versions), ['1（修改稿）.txt']);
    assert.deepEqual(names(two.versions), ['汇编.txt']);
    assert.equal(two.versions![0].id, `${path.join(corpus, '汇编.txt')}#0`);
    assert.equal(r.documents.filter((d) => d.versions).length, 2);
    const without = await indexCorpus([plain]);
    assert.deepEqual(minedCounts(r), minedCounts(without));
    assert.ok(r.index!.mined.phrases.length > 50, 'the corpus mines phrases');
  });

  it('keeps every file\'s speeches in the cache and loads the versions as saved, without folding again', async () => {
    const built = await indexCorpus([corpus], { storageDir, identity });
    const cache = CorpusIndexCache.open(cacheFileFor(storageDir, [corpus]), identity);
    try {
      assert.equal(cache.files.reduce((n, f) => n + f.speeches, 0), 9, 'seven speeches and two copies');
      const { documents, indexed } = cache.documents();
      assert.equal(documents.length, 9);
      assert.ok(documents.every((d) => d.versions === undefined), 'the speeches as read, to fold again');
      assert.deepEqual(indexed, built.documents);
    } finally {
      cache.close();
    }
    const loaded = await indexCorpus([corpus], { storageDir, identity });
    assert.equal(loaded.origin, 'cache', loaded.cacheProblem);
    assert.deepEqual(loaded.documents, built.documents);
    assert.equal(loaded.timings.dedupe_s, undefined, 'a load folds nothing');
  });

  it('an update folds again: removing the speech that stands for a copy makes the copy a speech of its own, read from the cache', async () => {
    await indexCorpus([corpus], { storageDir, identity });
    fs.rmSync(path.join(corpus, '1.txt'));
    const after = await indexCorpus([corpus], { storageDir, identity });
    assert.equal(after.origin, 'incremental');
    assert.deepEqual(after.reparsedFiles, []);
    assert.equal(after.documents.length, 7);
    const copy = after.documents.find((d) => d.source.endsWith('1（修改稿）.txt'))!;
    assert.equal(copy.versions, undefined);
    assert.ok(after.index!.documents.includes(copy));
    // Adding the original back folds the copy into it again.
    fs.writeFileSync(path.join(corpus, '1.txt'), S[1]);
    const again = await indexCorpus([corpus], { storageDir, identity });
    assert.deepEqual(again.reparsedFiles, [path.join(corpus, '1.txt')]);
    assert.deepEqual(names(again.documents.find((d) => d.source.endsWith(`${path.sep}1.txt`))!.versions), ['1（修改稿）.txt']);
  });

  it('the hand-over parts (no copies) carry the versions, through the speeches\' text segments too', async () => {
    const r = await indexCorpus([corpus]);
    const { meta, sections } = corpusIndexParts(r.index!, [], [], identity);
    assert.equal(meta.speeches.length, 7);
    assert.deepEqual(restoreCorpusIndex(meta, memoryReader(sections)).documents, r.documents);
    const { text, spans } = r.index!.corpus;
    const segments = spans.map((s, i) => text.slice(s.start, i + 1 < spans.length ? spans[i + 1].start - 1 : text.length - 1));
    const { text: _text, ...rest } = sections;
    void _text;
    assert.deepEqual(restoreCorpusIndex(meta, memoryReader(rest), segments).documents, r.documents);
  });

  it('a cached copy that no speech lists is a damaged cache', async () => {
    const r = await indexCorpus([corpus]);
    const { meta, sections } = corpusIndexParts(r.index!, [], [], identity, await readAll(corpus));
    const copy = meta.speeches.find((s) => s.versionOf !== undefined)!;
    assert.ok(copy);
    assert.doesNotThrow(() => restoreDocuments(meta, memoryReader(sections)));
    copy.versionOf = meta.speeches.find((s) => s.versionOf === undefined && !s.versions)!.id;
    assert.throws(() => restoreDocuments(meta, memoryReader(sections)), CacheInvalidError);
  });
});

/** Every speech of the folder as read (copies too), through the cache, in file order. */
async function readAll(dir: string) {
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-versions-all-'));
  try {
    await indexCorpus([dir], { storageDir: storage, identity });
    const cache = CorpusIndexCache.open(cacheFileFor(storage, [dir]), identity);
    try {
      return cache.documents().documents;
    } finally {
      cache.close();
    }
  } finally {
    fs.rmSync(storage, { recursive: true, force: true });
  }
}
