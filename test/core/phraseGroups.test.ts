// The 常用提法 view's groups and filter, on the sample corpus's mined phrases.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CorpusIndex } from '../../src/core/index';
import type { MinedItems } from '../../src/core/phrases';
import { filterTerms, pageOf, PhraseCatalog, type PhraseGroup, type PhraseMatch } from '../../src/core/phrases/phraseGroups';
import { sampleIndex } from './phrasesFixture';

const FOUR_GROUP = '增强“四个意识”、坚定“四个自信”、做到“两个维护”';

let index: MinedItems & { documents: CorpusIndex['documents'] };
let catalog: PhraseCatalog;

before(async function () {
  this.timeout(20_000); // mines the sample corpus once for every test of the file
  const { index: built } = await sampleIndex();
  index = { ...built.mined, documents: built.documents };
  catalog = new PhraseCatalog(built.mined);
});

const kindOf = (groups: PhraseGroup[], kind: PhraseGroup['kind']) => groups.find((g) => g.kind === kind)!;
const texts = (g: PhraseGroup) => g.matches.map((m) => m.entry.text);
/** The highlighted parts of a match's text. */
const marked = (m: PhraseMatch) => m.highlights.map(([a, b]) => m.entry.text.slice(a, b));

describe('PhraseCatalog on the sample corpus', () => {
  it('lists 排比, 引语, 常用提法 in that order, every mined item once', () => {
    const groups = catalog.groups();
    assert.deepEqual(groups.map((g) => g.kind), ['parallel', 'quotation', 'formulation']);
    assert.equal(kindOf(groups, 'parallel').total, index.groups.length);
    assert.equal(kindOf(groups, 'quotation').total, index.quotations.length);
    for (const g of groups) assert.equal(g.matches.length, g.total, 'no filter keeps everything');
    const all = groups.flatMap(texts);
    assert.equal(new Set(all).size, all.length, 'no text is listed twice');
    // Everything mined is somewhere.
    for (const p of [...index.phrases, ...index.groups, ...index.quotations]) assert.ok(all.includes(p.text), p.text);
  });

  it('a formulation that is also a parallel group is listed only as the group', () => {
    const groups = catalog.groups();
    const group = '“学思想、强党性、重实践、建新功”';
    assert.ok(index.phrases.some((p) => p.text === group), 'the sample mines it as a stock phrase too');
    assert.ok(texts(kindOf(groups, 'parallel')).includes(group));
    assert.ok(!texts(kindOf(groups, 'formulation')).includes(group));
  });

  it('sorts 排比 and 引语 by number of speeches, then occurrences', () => {
    for (const g of catalog.groups().filter((x) => x.kind !== 'formulation')) {
      for (let i = 1; i < g.matches.length; i++) {
        const a = g.matches[i - 1].entry, b = g.matches[i].entry;
        assert.ok(a.docs > b.docs || (a.docs === b.docs && a.count >= b.count), `${g.kind}: ${a.text} (${a.docs}/${a.count}) before ${b.text} (${b.docs}/${b.count})`);
      }
    }
  });

  it('sorts 常用提法 by how distinctive each is against general Chinese: the corpus’s own formulations first, everyday words last', () => {
    const formulations = kindOf(catalog.groups(), 'formulation').matches.map((m) => m.entry);
    const scored = formulations.filter((e) => e.distinctiveness !== undefined);
    assert.ok(scored.length > formulations.length / 2, `${scored.length} of ${formulations.length} scored`);
    for (let i = 1; i < scored.length; i++) assert.ok(scored[i - 1].distinctiveness! >= scored[i].distinctiveness!);
    // Fragments (no score) come after every scored formulation.
    assert.deepEqual(formulations.slice(0, scored.length), scored);
    const rank = (text: string) => formulations.findIndex((e) => e.text === text);
    for (const formulation of ['凝心铸魂', '走深走实', '急难愁盼', '学深悟透']) {
      assert.ok(rank(formulation) >= 0 && rank(formulation) < 60, `${formulation} at ${rank(formulation)}`);
    }
    for (const everyday of ['解决问题', '结合起来', '始终保持', '社会主义']) {
      assert.ok(rank(everyday) > formulations.length / 4, `${everyday} at ${rank(everyday)} of ${formulations.length}`);
    }
    const top = formulations.slice(0, 10).map((e) => e.text);
    assert.ok(!top.includes('主题教育'), top.join(' '));
  });

  it('carries counts, locations, a group’s items and a quotation’s speaker', () => {
    const group = kindOf(catalog.groups(), 'parallel').matches.find((m) => m.entry.text === FOUR_GROUP)!.entry;
    assert.deepEqual([group.count, group.docs], [6, 6]);
    assert.equal(group.items?.length, 3);
    for (const item of group.items!) assert.ok(FOUR_GROUP.includes(item), item);
    assert.equal(group.where.length, 6);
    for (const w of group.where) assert.ok(index.documents.some((d) => d.id === w.docId && d.text.split('\n')[w.line].includes(FOUR_GROUP)), `${w.title} line ${w.line}`);
    const mao = kindOf(catalog.groups(), 'quotation').matches.find((m) => m.entry.speaker === '毛泽东同志')!.entry;
    assert.match(mao.text, /与贪污腐化作斗争/);
  });
});

describe('the filter', () => {
  it('matches a substring inside a Chinese run and marks it', () => {
    const groups = catalog.groups('四个意识');
    const m = kindOf(groups, 'parallel').matches.find((x) => x.entry.text === FOUR_GROUP)!;
    assert.deepEqual(marked(m), ['四个意识']);
    for (const g of groups) for (const x of g.matches) assert.ok(x.entry.text.includes('四个意识'), x.entry.text);
    assert.ok(kindOf(groups, 'formulation').matches.length > 0);
  });

  it('ignores punctuation on both sides: typed without quotes, 增强四个意识坚定 finds the group and marks across the quote', () => {
    const m = kindOf(catalog.groups('增强四个意识坚定'), 'parallel').matches.find((x) => x.entry.text === FOUR_GROUP)!;
    assert.deepEqual(marked(m), ['增强“四个意识”、坚定']);
    assert.ok(kindOf(catalog.groups('“四个意识”、'), 'parallel').matches.some((x) => x.entry.text === FOUR_GROUP), 'typed with the quotes too');
  });

  it('wants every space-separated term (an ideographic space too), each marked', () => {
    const groups = catalog.groups('学思想\u3000建新功 ');
    const g = kindOf(groups, 'parallel').matches.find((x) => x.entry.text === '“学思想、强党性、重实践、建新功”')!;
    assert.deepEqual(marked(g), ['学思想', '建新功']);
    for (const x of groups.flatMap((y) => y.matches)) assert.ok(x.entry.text.includes('学思想') && x.entry.text.includes('建新功'), x.entry.text);
  });

  it('finds a quotation by who is quoted, with nothing marked in its text', () => {
    const quotes = kindOf(catalog.groups('毛泽东'), 'quotation').matches;
    assert.ok(quotes.length >= 1);
    for (const q of quotes) {
      assert.match(`${q.entry.speaker}${q.entry.attribution}`, /毛泽东/);
      assert.deepEqual(q.highlights, []);
    }
  });

  it('folds full-width letters and digits and case: ２０２３ and 2023 find the same', () => {
    const own = new PhraseCatalog({
      phrases: [{ text: '2023年GDP增长', count: 3, docs: 2, where: [] }],
      groups: [],
      quotations: [],
    });
    for (const filter of ['２０２３', 'gdp', 'ＧＤＰ增长']) {
      const m = kindOf(own.groups(filter), 'formulation').matches;
      assert.equal(m.length, 1, filter);
    }
    assert.deepEqual(marked(kindOf(own.groups('ＧＤＰ增长'), 'formulation').matches[0]), ['GDP增长']);
  });

  it('an empty, blank or punctuation-only filter keeps everything; a filter nothing has leaves the groups empty', () => {
    for (const f of ['', '  ', '\u3000', '“”、。']) {
      assert.deepEqual(filterTerms(f), [], JSON.stringify(f));
      assert.deepEqual(catalog.groups(f).map((g) => g.matches.length), catalog.groups().map((g) => g.total));
    }
    assert.deepEqual(catalog.groups('量子纠缠').map((g) => g.matches.length), [0, 0, 0]);
  });

  it('every match contains every term and every highlight lies inside the text (property)', () => {
    const all = catalog.groups().flatMap((g) => g.matches.map((m) => m.entry.text));
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.nat(), fc.integer({ min: 1, max: 4 }), (text, at, len) => {
        const chars = [...text.replace(/[^\p{L}\p{N}]/gu, '')];
        if (!chars.length) return;
        const start = at % chars.length;
        const term = chars.slice(start, start + len).join('');
        const groups = catalog.groups(term);
        assert.ok(groups.some((g) => g.matches.some((m) => m.entry.text === text)), `${term} finds ${text}`);
        for (const m of groups.flatMap((g) => g.matches)) {
          for (const [a, b] of m.highlights) assert.ok(0 <= a && a < b && b <= m.entry.text.length);
          if (m.entry.kind !== 'quotation') assert.ok(m.highlights.length > 0, m.entry.text);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('pageOf', () => {
  it('shows the first n and counts the rest', () => {
    assert.deepEqual(pageOf([1, 2, 3, 4, 5], 2), { items: [1, 2], hidden: 3 });
    assert.deepEqual(pageOf([1, 2], 50), { items: [1, 2], hidden: 0 });
    assert.deepEqual(pageOf([1, 2], -1), { items: [], hidden: 2 });
  });
});
