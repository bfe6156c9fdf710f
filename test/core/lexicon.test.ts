// The shared lexicon: jieba-wasm's segmentation and jieba's word counts, on real speech text.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { confusion, loadLexicon, readings, segment, WordFrequencies, type Lexicon } from '../../src/core/lexicon';
import { EVAL_DOCS_DIR } from './fixtures/corpusFixtures';

const speeches = readdirSync(EVAL_DOCS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(path.join(EVAL_DOCS_DIR, f), 'utf8'));
let lexicon: Lexicon;

before(function () {
  // jieba's dictionary (349,000 words) and the wasm segmenter load once: about 1 s on this machine.
  this.timeout(20000);
  lexicon = loadLexicon();
  segment('预热');
});

describe('lexicon: background word frequencies', () => {
  it('reads jieba’s counts and tags: common words, rare words, and words it does not have', () => {
    assert.ok(lexicon.frequencies.size > 300_000, String(lexicon.frequencies.size));
    assert.ok(lexicon.totalFrequency > 50_000_000);
    assert.ok(lexicon.wordFrequency('切实') > 1000 && lexicon.isCommonWord('切实'));
    assert.equal(lexicon.wordFrequency('切水'), 0);
    assert.ok(!lexicon.isCommonWord('布署'), 'a misspelling jieba saw a few times is not common');
    assert.ok(lexicon.wordFrequency('的') > lexicon.wordFrequency('地') && lexicon.wordFrequency('地') > lexicon.wordFrequency('切实'));
    assert.equal(lexicon.tag('认真'), 'ad');
    assert.equal(lexicon.tag('学习'), 'v');
    assert.equal(lexicon.tag('切水'), undefined);
  });

  it('parses dict.txt lines with and without a tag, and with CRLF', () => {
    const f = WordFrequencies.parse('切实 1260 ad\r\n增强 4300\n坏行\n 3 n\n零 0 m\n');
    assert.equal(f.count('切实'), 1260);
    assert.equal(f.tag('切实'), 'ad');
    assert.equal(f.count('增强'), 4300);
    assert.equal(f.tag('增强'), 'x');
    assert.equal(f.size, 2);
    assert.equal(f.total, 5560);
  });

  it('scores a sentence higher than the same characters with a slip (the unigram model the typo check uses)', () => {
    for (const [right, wrong] of [
      ['切实增强四个意识', '切水增强四个意识'],
      ['坚持问题导向', '坚持问提导向'],
      ['深入学习贯彻', '深入学习惯彻'],
    ])
      assert.ok(lexicon.logProbability(right) > lexicon.logProbability(wrong) + 5, `${right} / ${wrong}`);
  });

  it('segments into dictionary words that cover the text exactly, for any stretch of a speech', function () {
    // 60 stretches, each segmented twice: under a second, more on a busy machine.
    this.timeout(10000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: speeches.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 300 }), (d, from, len) => {
        const text = speeches[d].slice(from % speeches[d].length, (from % speeches[d].length) + len);
        for (const split of [lexicon.segment(text), lexicon.bestSegmentation(text).words]) {
          assert.equal(split.map((t) => t.word).join(''), text);
          for (const t of split) assert.equal(text.slice(t.start, t.end), t.word);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads a sentence as jieba does: bestSegmentation (which the typo check scores with) agrees with jieba-wasm without HMM', function () {
    // Eight speeches segmented both ways: about 0.3 s, more on a busy machine.
    this.timeout(10000);
    let same = 0;
    let total = 0;
    for (const text of speeches.slice(0, 8))
      for (const clause of text.match(/[\u4e00-\u9fff]+/g) ?? []) {
        const ours = new Set(lexicon.bestSegmentation(clause).words.map((t) => t.end));
        const theirs = segment(clause).map((t) => t.end);
        total += theirs.length;
        same += theirs.filter((e) => ours.has(e)).length;
      }
    assert.ok(same / total > 0.99, `${same} of ${total} word ends agree`);
  });

  it('gives UTF-16 offsets past characters outside the BMP', () => {
    const text = '𠀀切实增强“四个意识”𠀀，';
    const tokens = segment(text);
    assert.equal(tokens.map((t) => t.word).join(''), text);
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.word);
    assert.ok(tokens.some((t) => t.word.startsWith('切实') && t.start === 2), JSON.stringify(tokens));
  });
});

describe('lexicon: confusable characters', () => {
  it('knows homophones, look-alikes and pinyin one letter apart, and nothing else', function () {
    // The first pinyin lookup loads pinyin-pro's dictionary.
    this.timeout(10000);
    assert.ok(readings('行').includes('xing') && readings('行').includes('hang'));
    assert.deepEqual(readings('，'), []);
    assert.equal(confusion('提', '题'), 'homophone');
    assert.equal(confusion('已', '己'), 'shape');
    assert.equal(confusion('水', '实'), 'nearPinyin'); // qieshi typed qieshui
    assert.equal(confusion('四', '是'), 'fuzzyPinyin'); // si / shi
    assert.equal(confusion('水', '火'), undefined);
    assert.equal(confusion('水', '水'), undefined);
  });
});
