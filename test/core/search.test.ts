import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadCorpus } from '../../src/core/corpus';
import { SearchTables } from '../../src/core/index';
import { splitSentences } from '../../src/core/index/sentences';
import { markMatches, parseQuery, searchCorpus, type SearchOptions } from '../../src/core/search';
import type { SpeechDocument } from '../../src/core/types';
import { seededRandom } from '../bench/generateCorpus';

const CORPUS = path.join(__dirname, '..', '..', 'media', 'corpus');

/** Search tables over `docs` (and phrases), queried as the editor queries them. */
function searchable(docs: SpeechDocument[], phrases: string[] = []) {
  const tables = SearchTables.build(docs, phrases);
  return { search: (query: string, options?: SearchOptions) => searchCorpus(tables, query, options) };
}
type Searchable = ReturnType<typeof searchable>;

interface KnownItem {
  query: string;
  sentence: string;
}

/**
 * Known-item queries: a random sentence of the corpus, and 2–3 keywords of 2–4 Chinese characters
 * cut from random, non-overlapping places of it — what a writer remembers of a sentence they read.
 */
function knownItems(docs: SpeechDocument[], n: number, seed: number): KnownItem[] {
  const rand = seededRandom(seed);
  const pick = (k: number) => Math.floor(rand() * k);
  const sentences = docs.flatMap((d) => splitSentences(d.text).map((s) => d.text.slice(s.start, s.end)));
  const usable = sentences.filter((s) => (s.match(/\p{Script=Han}/gu) ?? []).length >= 12);
  const items: KnownItem[] = [];
  while (items.length < n) {
    const sentence = usable[pick(usable.length)];
    const count = 2 + pick(2);
    const taken = new Array<boolean>(sentence.length).fill(false);
    const keywords: { at: number; word: string }[] = [];
    for (let tries = 0; keywords.length < count && tries < 50; tries++) {
      const len = 2 + pick(3);
      const at = pick(sentence.length - len + 1);
      const word = sentence.slice(at, at + len);
      if (!/^\p{Script=Han}+$/u.test(word) || taken.slice(at, at + len).some(Boolean)) continue;
      taken.fill(true, at, at + len);
      keywords.push({ at, word });
    }
    if (keywords.length < count) continue;
    // Keywords in the order they occur, as a person recalls them.
    keywords.sort((a, b) => a.at - b.at);
    items.push({ query: keywords.map((k) => k.word).join(' '), sentence });
  }
  return items;
}

describe('search', () => {
  let docs: SpeechDocument[];
  let index: Searchable;

  before(async () => {
    docs = (await loadCorpus([CORPUS])).documents;
    index = searchable(docs, ['坚持以人民为中心的发展思想', '全面从严治党永远在路上']);
  });

  it('finds the sentence of ≥ 95 % of 300 generated known-item queries in the top 5', () => {
    const items = knownItems(docs, 300, 20261121);
    const misses: KnownItem[] = [];
    for (const item of items) {
      const hits = index.search(item.query, { limit: 5 });
      if (!hits.some((h) => h.text === item.sentence)) misses.push(item);
    }
    const rate = 1 - misses.length / items.length;
    console.log(`      known-item hit rate (top 5): ${(rate * 100).toFixed(1)} % of ${items.length}`);
    for (const m of misses.slice(0, 5)) console.log(`      miss: ${m.query} → ${m.sentence.slice(0, 40)}`);
    assert.ok(rate >= 0.95, `hit rate ${rate}`);
  });

  it('returns nothing for an empty or blank query, and for a query nothing matches', () => {
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search('  \u3000 '), []);
    assert.deepEqual(index.search('量子纠缠超导体'), []);
    assert.deepEqual(index.search('zqxj'), []);
    assert.deepEqual(index.search('发展 zqxj'), [], 'one keyword missing is no match');
  });

  it('needs every space-separated keyword, and highlights each', () => {
    const hits = index.search('初心 使命 课题');
    assert.ok(hits.length > 0);
    for (const h of hits) {
      for (const w of ['初心', '使命', '课题']) assert.ok(h.text.includes(w), h.text);
      const marked = h.matches.map(([s, e]) => h.text.slice(s, e)).join('|');
      for (const w of ['初心', '使命', '课题']) assert.ok(marked.includes(w), marked);
    }
    assert.equal(markMatches({ text: '守初心担使命', matches: [[1, 3], [4, 6]] }), '守【初心】担【使命】');
  });

  it('gives hits that point at their speech, line and column, with ranges inside the text', () => {
    const hits = index.search('高质量发展', { limit: 100 });
    assert.ok(hits.length >= 10);
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const h of hits) {
      const doc = byId.get(h.docId)!;
      assert.equal(h.title, doc.title);
      const line = doc.text.split(/\r?\n/)[h.line];
      assert.equal(line.slice(h.column, h.column + h.text.length), h.text);
      for (const [s, e] of h.matches) assert.ok(0 <= s && s < e && e <= h.text.length);
    }
    // Exact hits first (score 0, the keyword as typed), then near ones that Fuse.js let through.
    const firstNear = hits.findIndex((h) => h.score > 0);
    const exact = firstNear < 0 ? hits : hits.slice(0, firstNear);
    assert.ok(exact.length >= 10 && exact.every((h) => h.score === 0 && h.text.includes('高质量发展')));
    assert.ok(hits.slice(exact.length).every((h) => h.score > 0 && h.score <= 0.4));
  });

  it('ranks exact hits before a typo, and still finds a sentence through a typo', () => {
    const typo = index.search('高质亮发展');
    assert.ok(typo.length > 0);
    assert.ok(typo[0].text.includes('高质量发展'));
    assert.ok(typo[0].score > 0);
    const mixed = index.search('推动高质量发展取得新成效', { limit: 20 });
    assert.ok(mixed[0].text.includes('推动高质量发展取得新成效'));
    for (let i = 1; i < mixed.length; i++) assert.ok(mixed[i - 1].score <= mixed[i].score);
  });

  it('searches titles and phrases too, once each', () => {
    const title = docs[1].title;
    const hits = index.search(title.slice(0, 6));
    const titleHits = hits.filter((h) => h.kind === 'title' && h.docId === docs[1].id);
    assert.equal(titleHits.length, 1, JSON.stringify(hits.slice(0, 3)));
    const phrase = index.search('永远在路上').find((h) => h.kind === 'phrase');
    assert.equal(phrase?.text, '全面从严治党永远在路上');
    assert.equal(phrase?.docId, '');
  });

  it('finds a single character, ignores case and full width, and drops redundant keywords', () => {
    assert.ok(index.search('党').length > 0);
    const doc: SpeechDocument = {
      id: 'x#0', title: '测试', kind: '其他', text: '推进ＡＩ赋能，提升2024年成效。', source: '', sourceLines: [0, 0], headings: [],
    };
    const small = searchable([doc]);
    assert.equal(small.search('ai赋能')[0]?.text, '推进ＡＩ赋能，提升2024年成效。');
    assert.deepEqual(small.search('２０２４')[0]?.matches, [[9, 13]]);
    assert.deepEqual(parseQuery('高质量发展 质量 发展  高质量发展'), ['高质量发展']);
  });

  it('is deterministic and honours cancellation', () => {
    const again = searchable(docs, ['坚持以人民为中心的发展思想', '全面从严治党永远在路上']);
    for (const q of ['发展', '党 建设', '初心使命', '作风建设']) assert.deepEqual(again.search(q), index.search(q));
    assert.deepEqual(index.search('发展', { token: { isCancellationRequested: true } }), []);
  });

  it('never throws on arbitrary queries and keeps ranges in range', () => {
    const alphabet = fc.constantFrom(...'发展党的建设 高质量，。“”ａＡa1 \u3000\n初心使命'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet })), (q) => {
        for (const h of index.search(q, { limit: 10 })) {
          for (const [s, e] of h.matches) assert.ok(0 <= s && s < e && e <= h.text.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
