// The corpus's own slips (src/core/index/slips.ts), on the bundled sample corpus: a past speech is not
// proofread, and what it writes wrongly must be found when it is indexed, not offered as a stock phrase.
import * as assert from 'node:assert/strict';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { findCorpusSlips, type CorpusSlip } from '../../src/core/index/slips';
import type { SpeechDocument } from '../../src/core/types';
import { sampleSlips } from './phrasesFixture';

let index: CorpusIndex;
let slips: CorpusSlip[];
let corpusText: string;

before(async function () {
  this.timeout(20_000);
  ({ index, slips, text: corpusText } = await sampleSlips());
});

const slipOf = (text: string) => slips.find((s) => s.text === text);

describe('the corpus’s own slips', () => {
  it('finds the sample’s garbled 习近平新时代中国特色社会主义思想, with how often each is written', () => {
    // One speech writes 习近平主义思想 eleven times and 习近平主义想 once; 18 speeches write it right.
    assert.deepEqual(slipOf('习近平主义思想'), { text: '习近平主义思想', expected: '习近平新时代中国特色社会主义思想', kind: 'garbled', count: 11 });
    assert.equal(slipOf('习近平主义想')?.expected, '习近平新时代中国特色社会主义思想');
  });

  it('finds substitutions: a doubled character (特色色会) and a word typed for another (理想理念)', () => {
    assert.equal(slipOf('中国特色色会主义')?.expected, '中国特色社会主义');
    assert.equal(slipOf('中国特色色会主义')?.kind, 'substitution');
    assert.equal(slipOf('坚定理想理念')?.expected, '坚定理想信念');
  });

  it('a shortened wording that several speeches write on their own is not a garbled copy (学习新时代中国特色社会主义思想)', () => {
    assert.equal(slipOf('学习新时代中国特色社会主义思想'), undefined);
    assert.equal(slipOf('学习贯彻新时代中国特色社会主义思想'), undefined);
    // One speech writing its own slip eleven times does not make it a wording: 学习习近平主义思想 still is one.
    assert.equal(slipOf('学习习近平主义思想')?.expected, '学习贯彻习近平新时代中国特色社会主义思想');
  });

  it('every slip is written, much rarer than its formulation, and is not itself a formulation', () => {
    assert.ok(slips.length > 0);
    const known = new Set(index.formulations.formulations.map((f) => f.text));
    const counts = new Map(index.formulations.formulations.map((f) => [f.text, f.count]));
    for (const s of slips) {
      assert.ok(corpusText.includes(s.text), s.text);
      assert.ok(!known.has(s.text), `${s.text} is a formulation`);
      assert.ok((counts.get(s.expected) ?? 0) >= 10 * s.count, `${s.text} ×${s.count} against ${s.expected} ×${counts.get(s.expected)}`);
      assert.notEqual(s.text, s.expected);
    }
  });

  it('takes no formulation for a slip of another: the sample’s well-attested wordings are not flagged', () => {
    // Formulations the corpus writes often, some of them a character away from another (殷切嘱托 / 殷殷嘱托).
    const flagged = new Set(slips.map((s) => s.text));
    for (const f of index.formulations.formulations.filter((f) => f.count >= 3)) assert.ok(!flagged.has(f.text), f.text);
  });

  it('mined items holding a slip are marked with the formulation they slip from (the 常用提法 view shows 疑似笔误)', () => {
    const items = [...index.mined.phrases, ...index.mined.groups, ...index.mined.quotations];
    const holding = items.filter((item) => slips.some((s) => item.text.includes(s.text)));
    for (const item of holding) {
      assert.equal(item.suspectSlip, true, item.text);
      assert.ok(item.slipOf, item.text);
    }
    // And nothing well-formed is marked because of them.
    for (const item of items.filter((i) => i.suspectSlip)) assert.ok(item.slipOf && item.slipOf !== item.text, item.text);
  });

  it('a slip written as often as the right wording is a variant, not a slip', () => {
    // Two speeches writing the same wrong-looking wording as often as the rest is a house style.
    const speech = (id: string, text: string): SpeechDocument => ({ id, title: id, kind: '其他', text, source: id, sourceLines: [0, 0], headings: [] });
    const right = '我们要坚定理想信念，牢记初心使命。';
    const other = '我们要坚定理想理念，牢记初心使命。';
    const docs = [...Array.from({ length: 6 }, (_, i) => speech(`a${i}`, right.repeat(3))), ...Array.from({ length: 6 }, (_, i) => speech(`b${i}`, other.repeat(3)))];
    const built = buildCorpusIndex(docs);
    assert.ok(!findCorpusSlips(built.corpus, built.formulations).some((s) => s.text.includes('理想理念')));
  });
});
