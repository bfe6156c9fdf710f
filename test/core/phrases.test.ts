// Mining on the bundled sample corpus: stock phrases, parallel groups, quotations, and the suffix array under them.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAdvert } from '../../src/core/corpus/advert';
import type { CorpusIndex } from '../../src/core/index';
import { buildCorpusText, buildLcp, buildSuffixArray, findRange, mineQuotations, mineStockPhrases, type MinedItems } from '../../src/core/phrases';
import type { SpeechDocument } from '../../src/core/types';
import { sampleIndex } from './phrasesFixture';


function speech(id: string, text: string): SpeechDocument {
  return { id, title: id, kind: '其他', text, source: '', sourceLines: [0, text.split('\n').length - 1], headings: [] };
}

let index: MinedItems;
let documents: SpeechDocument[];

before(async function () {
  this.timeout(20_000); // mines the sample corpus once for every test of the file
  let built: CorpusIndex;
  ({ documents, index: built } = await sampleIndex());
  index = built.mined;
});

describe('suffix array', () => {
  it('sorts suffixes exactly like a naive sort, with a correct LCP (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'以学铸魂、增智正风促干ab'), maxLength: 60 }), (t) => {
        const sa = buildSuffixArray(t);
        const naive = [...Array(t.length).keys()].sort((a, b) => (t.slice(a) < t.slice(b) ? -1 : 1));
        assert.deepEqual(Array.from(sa), naive);
        const lcp = buildLcp(t, sa);
        for (let i = 1; i < sa.length; i++) {
          let h = 0;
          while (t[sa[i - 1] + h] !== undefined && t[sa[i - 1] + h] === t[sa[i] + h]) h++;
          assert.equal(lcp[i], h);
        }
      }),
    );
  });

  it('finds every occurrence of a pattern as one range', () => {
    const t = '以学铸魂、以学增智、以学正风、以学促干';
    const sa = buildSuffixArray(t);
    const [lo, hi] = findRange(t, sa, '以学');
    assert.equal(hi - lo, 4);
    assert.deepEqual([...sa.slice(lo, hi)].sort((a, b) => a - b), [0, 5, 10, 15]);
    const [a, b] = findRange(t, sa, '不存在');
    assert.equal(b - a, 0);
  });
});

describe('stock phrases', () => {
  it('are recurring spans of 4..40 chars used by two or more speeches, within one sentence', () => {
    assert.ok(index.phrases.length > 100, `only ${index.phrases.length} phrases`);
    for (const p of index.phrases) {
      assert.ok(p.text.length >= 4 && p.text.length <= 40, p.text);
      assert.ok(p.docs >= 2 && p.count >= p.docs, `${p.text} ${p.count}/${p.docs}`);
      assert.ok(!/[。！？；\n\u0000]/.test(p.text), p.text);
      assert.ok(p.where.length >= 1 && p.where.every((w) => w.line >= 0 && w.docId), p.text);
    }
  });

  it('include the corpus\'s common formulas, with counts and locations', () => {
    const byText = new Map(index.phrases.map((p) => [p.text, p]));
    const thought = byText.get('习近平新时代中国特色社会主义思想');
    assert.ok(thought && thought.docs >= 10, 'the full name of the thought is a stock phrase');
    const doc = documents.find((d) => d.id === thought.where[0].docId)!;
    assert.ok(doc.text.split('\n')[thought.where[0].line].includes(thought.text), 'the location points at the line');
  });

  it('never come from advertising, even when an advert repeats across speeches', () => {
    const ad = '【哒哒素材库】——每天更新材料1000多篇内部高质量素材，添加客服微信获取';
    const docs = [speech('a', `同志们：\n${ad}\n我们要坚定不移推进全面从严治党。`), speech('b', `${ad}\n要坚定不移推进全面从严治党。`)];
    assert.ok(isAdvert(ad), 'the one advert detector (cleaning and mining) knows it');
    const phrases = mineStockPhrases(buildCorpusText(docs));
    assert.ok(phrases.some((p) => p.text.includes('坚定不移推进全面从严治党')));
    assert.ok(!phrases.some((p) => /素材|客服|微信/.test(p.text)), JSON.stringify(phrases.map((p) => p.text)));
  });
});

describe('parallel groups (排比)', () => {
  it('are found from repeated frames, edge items cut to the frame', () => {
    const texts = index.groups.map((g) => g.text);
    assert.ok(texts.includes('以学铸魂、以学增智、以学正风、以学促干'), texts.slice(0, 20).join(' | '));
    assert.ok(texts.includes('增强“四个意识”、坚定“四个自信”、做到“两个维护”'), texts.slice(0, 20).join(' | '));
    assert.ok(texts.some((t) => t.includes('学思想、强党性、重实践、建新功')));
  });

  it('keep their items, separator and how widely they are used', () => {
    const g = index.groups.find((x) => x.text === '以学铸魂、以学增智、以学正风、以学促干')!;
    assert.deepEqual(g.items, ['以学铸魂', '以学增智', '以学正风', '以学促干']);
    assert.equal(g.separator, '、');
    assert.ok(g.docs >= 2 && g.count >= g.docs);
  });
});

describe('quotations', () => {
  it('keep who is quoted and the words', () => {
    const xi = index.quotations.filter((q) => q.speaker === '习近平总书记');
    assert.ok(xi.length >= 5, `${xi.length} quotations of 习近平总书记`);
    for (const q of index.quotations) {
      assert.ok(q.text.length >= 4 && !q.text.includes('“') && !q.text.includes('”'), q.text);
      assert.ok(q.speaker.length >= 2, q.attribution);
    }
  });

  it('leave out a saying a speech quotes to refute it (人们常说“…”，但我认为…)', () => {
    assert.ok(documents.some((d) => d.text.includes('人们常说“党建就是搞虚的东西”，但我认为')), 'the sample has the refuted saying');
    assert.equal(index.quotations.find((q) => q.text === '党建就是搞虚的东西'), undefined);
    const mine = (text: string) => mineQuotations(buildCorpusText([speech('a', text), speech('b', text)]));
    // Hearsay answered by 但/其实/…: not a quotation; the same hearsay endorsed, or an authority answered, still is.
    assert.deepEqual(mine('有人说“抓党建是虚功夫”，其实不然。').map((q) => q.text), []);
    assert.deepEqual(mine('人们常说“细节决定成败”，这话很有道理。').map((q) => q.text), ['细节决定成败']);
    assert.deepEqual(mine('习近平总书记强调“空谈误国，实干兴邦”，但有的干部还在空谈。').map((q) => q.text), ['空谈误国，实干兴邦']);
  });

  it('include sayings quoted without quotation marks (古人云)', () => {
    const q = index.quotations.find((x) => x.text === '惟俭可以助廉');
    assert.ok(q, 'the saying after 古人云 is a quotation');
    assert.equal(q.speaker, '古人');
  });
});
