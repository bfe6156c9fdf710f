// The suffix array builders behind a 90 M-character corpus: induced sorting (SA-IS) gives exactly
// the order of a direct sort, on any text (random strings over tiny alphabets,
// NUL separators, surrogates, U+FFFF), on the sample corpus, on reduced alphabets too large to keep
// counts for, and when sorted in a thread.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { buildSuffixArray } from '../../src/core/phrases/suffixArray';
import { inducedSortingModule, suffixArrayByInducedSorting } from '../../src/core/phrases/sais';
import { suffixArrayInThread } from '../../src/core/phrases/saisThread';

const SAMPLE = path.join(__dirname, '..', '..', 'media', 'corpus');

/** The reference: sort positions by comparing suffixes directly (fine for short texts). */
function naiveSuffixArray(text: string): number[] {
  return Array.from({ length: text.length }, (_, i) => i).sort((a, b) => {
    const x = text.slice(a), y = text.slice(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

describe('suffix array by induced sorting', function () {
  this.timeout(60_000); // thousands of generated texts each checked against a naive sort, and a thread started

  it('equals the direct sort on random texts over small alphabets (with NUL, surrogates and U+FFFF)', () => {
    const alphabet = fc.constantFrom('\u0000', '的', '学', '习', '\n', '\ud83d', '\ude00', '\uffff', 'a');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), (chars) => {
        const text = chars.join('');
        assert.deepEqual([...buildSuffixArray(text)], naiveSuffixArray(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders every suffix of the sample corpus (joined by NUL): a permutation, each suffix below the next', () => {
    const text = fs.readdirSync(SAMPLE).map((f) => fs.readFileSync(path.join(SAMPLE, f), 'utf8')).join('\u0000');
    const sa = suffixArrayByInducedSorting(text);
    assert.equal(sa.length, text.length);
    const seen = new Uint8Array(text.length);
    for (const p of sa) seen[p]++;
    assert.ok(seen.every((x) => x === 1), 'every position exactly once');
    for (let i = 1; i < sa.length; i++) assert.ok(text.slice(sa[i - 1]) < text.slice(sa[i]), `suffixes ${i - 1} and ${i} out of order`);
  });

  it('sorts reduced alphabets too large to keep bucket counts for (names above 2^17)', () => {
    const sais = inducedSortingModule();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 200 }), (codes) => {
        const n = codes.length + 1;
        const s = Int32Array.from([...codes.map((c) => 1 + c * 40_000), 0]);
        const sa = new Int32Array(n);
        sais(s, sa, n, 6 * 40_000 + 1);
        const reference = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
          for (let d = 0; ; d++) if (s[a + d] !== s[b + d]) return s[a + d] - s[b + d];
        });
        assert.deepEqual([...sa], reference);
      }),
      { numRuns: 300 },
    );
  });

  it('sorted in a thread, gives the same array', async () => {
    const text = fs.readdirSync(SAMPLE).map((f) => fs.readFileSync(path.join(SAMPLE, f), 'utf8')).join('\u0000');
    const threaded = await suffixArrayInThread(text)!;
    assert.deepEqual([...threaded], [...suffixArrayByInducedSorting(text)]);
    // U+FFFF (a noncharacter some converters leave in text) needs no other algorithm.
    const odd = '含有\uffff的文本\uffff含有';
    assert.deepEqual([...(await suffixArrayInThread(odd)!)], naiveSuffixArray(odd));
  });
});
