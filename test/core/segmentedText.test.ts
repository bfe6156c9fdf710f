// The editor's thread holds the corpus text as its speeches' own strings (SegmentedText): every read
// must give what the joined string gives, and the suffix array must find the same ranges through it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildCorpusText, corpusSegment, SegmentedText } from '../../src/core/phrases/corpusText';
import { findRange } from '../../src/core/phrases/suffixArray';
import type { SpeechDocument } from '../../src/core/types';

const speech = (text: string, i: number): SpeechDocument => ({ id: `s${i}`, title: `s${i}`, kind: '其他', text, source: '', sourceLines: [0, 0], headings: [] });
const segmentsOf = (texts: string[]) => {
  const flat = buildCorpusText(texts.map(speech));
  const segments = texts.map(corpusSegment);
  return { flat, segmented: new SegmentedText(segments, Int32Array.from(flat.spans, (s) => s.start)) };
};
const unit = fc.constantFrom(...'以学铸魂增智正风，。\n“”a\u0000'.split(''));
const texts = fc.array(fc.string({ unit, maxLength: 30 }), { minLength: 1, maxLength: 6 });

describe('SegmentedText', () => {
  it('reads every character, slice and prefix as the joined string does (property)', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), fc.string({ unit, maxLength: 4 }), (parts, a, b, probe) => {
        const { flat, segmented } = segmentsOf(parts);
        const joined = flat.text;
        assert.equal(segmented.length, joined.length);
        for (let i = -1; i <= joined.length; i++) assert.ok(Object.is(segmented.charCodeAt(i), joined.charCodeAt(i)), `charCodeAt(${i})`);
        const from = a % (joined.length + 1), to = b % (joined.length + 1);
        assert.equal(segmented.slice(from, to), joined.slice(from, to));
        assert.equal(segmented.slice(from), joined.slice(from));
        for (let i = 0; i <= joined.length; i++) assert.equal(segmented.startsWith(probe, i), joined.startsWith(probe, i), `startsWith(${probe}, ${i})`);
      }),
      { numRuns: 300 },
    );
  });

  it('the suffix array finds the same ranges through it (property)', () => {
    fc.assert(
      fc.property(texts, fc.string({ unit, minLength: 1, maxLength: 3 }), (parts, pattern) => {
        const { flat, segmented } = segmentsOf(parts);
        assert.deepEqual(findRange(segmented, flat.sa, pattern), findRange(flat.text, flat.sa, pattern));
      }),
      { numRuns: 300 },
    );
  });
});
