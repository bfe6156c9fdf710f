// The benchmark's corpora: what it indexes and what it queries with are made of disjoint halves of
// the sample's sentences, so a measured completion or search never looks up a sentence the index holds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCorpus } from '../bench/generateCorpus';

const SAMPLE = path.join(__dirname, '..', '..', 'media', 'corpus');

function sentencesOf(dir: string): Set<string> {
  const out = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
    for (const s of fs.readFileSync(path.join(dir, f), 'utf8').match(/[^。！？；\n]+[。！？；]/g) ?? []) if (s.length >= 8) out.add(s);
  }
  return out;
}

describe('benchmark corpora', () => {
  let work: string;
  before(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-gen-'))));
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('the held-out corpus shares no sentence with an indexed one', () => {
    const indexed = generateCorpus(SAMPLE, path.join(work, 'indexed'), 300_000, 42, 'indexed');
    const heldOut = generateCorpus(SAMPLE, path.join(work, 'held'), 100_000, 4242, 'heldOut');
    assert.ok(indexed.chars >= 300_000 && heldOut.chars >= 100_000);
    const a = sentencesOf(indexed.dir);
    const b = sentencesOf(heldOut.dir);
    assert.ok(a.size > 1000 && b.size > 500, `${a.size} and ${b.size} sentences`);
    const shared = [...b].filter((s) => a.has(s));
    assert.deepEqual(shared, []);
  });

  it('makes the same corpus from the same seed, and another one from another half', () => {
    const one = generateCorpus(SAMPLE, path.join(work, 'one'), 50_000, 7);
    const two = generateCorpus(SAMPLE, path.join(work, 'two'), 50_000, 7);
    const read = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
    assert.deepEqual(read(one.dir), read(two.dir));
    // A cached corpus of the other half is not taken for this one: it is made again.
    const other = generateCorpus(SAMPLE, path.join(work, 'one'), 50_000, 7, 'heldOut');
    assert.equal(other.part, 'heldOut');
    assert.notDeepEqual(read(other.dir), read(two.dir));
  });
});
