import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadCorpus } from '../../src/core/corpus';
import { SearchTables } from '../../src/core/index';
import { splitSentences } from '../../src/core/index/sentences';
import { bareText, markMatches, parseQuery, searchCorpus, showPlaceholders, type SearchOptions } from '../../src/core/search';
import type { SpeechDocument } from '../../src/core/types';
import { seededRandom } from '../bench/generateCorpus';

const CORPUS = path.join(__dirname, '..', '..', 'media', 'corpus');

/** Search tables over `docs`, queried as the editor queries them. */
function searchable(docs: SpeechDocument[]) {
  const tables = SearchTables.build(docs);
  return { tables, search: (query: string, options?: SearchOptions) => searchCorpus(tables, query, options) };
}
type Searchable = ReturnType<typeof searchable>;

interface KnownItem {
  query: string;
  sentence: string;
}

/**
 * Known-item queries: a random sentence of the speeches' body text (not a title), and 2–3 keywords of
 * 2–4 Chinese characters cut from random, non-overlapping places of it — what a writer remembers of a
 * sentence they read.
 */
function knownItems(tables: SearchTables, n: number, seed: number): KnownItem[] {
  const rand = seededRandom(seed);
  const pick = (k: number) => Math.floor(rand() * k);
  const sentences: string[] = [];
  for (let u = 0; u < tables.count; u++) {
    const text = tables.unitString(u);
    for (const s of splitSentences(text)) sentences.push(text.slice(s.start, s.end));
  }
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
    index = searchable(docs);
  });

  it('finds the sentence of ≥ 95 % of 300 generated known-item queries in the top 5 (as the hit, or inside the paragraph hit)', () => {
    const items = knownItems(index.tables, 300, 20261121);
    const misses: KnownItem[] = [];
    for (const item of items) {
      const hits = index.search(item.query, { limit: 5 });
      if (!hits.some((h) => h.text.includes(item.sentence))) misses.push(item);
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
  });

  it('returns passages only — sentences and whole paragraphs of the speeches, never a title or a mined phrase fragment', () => {
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const q of ['调查研究', '初心使命', '以学铸魂', '发展']) {
      const hits = index.search(q, { limit: 100 });
      assert.ok(hits.length > 0, q);
      for (const h of hits) {
        assert.ok(h.kind === 'sentence' || h.kind === 'paragraph', h.kind);
        const doc = byId.get(h.docId)!;
        assert.equal(h.title, doc.title);
        assert.notEqual(h.text.trim(), doc.title.trim(), 'a title is no passage');
        const line = doc.text.split(/\r?\n/)[h.line];
        assert.equal(line.slice(h.column, h.column + h.text.length), h.text);
        // A paragraph hit is its whole line.
        if (h.kind === 'paragraph') assert.equal(h.text, line.trim());
        for (const [s, e] of h.matches) assert.ok(0 <= s && s < e && e <= h.text.length);
      }
    }
  });

  it('never returns the query itself', () => {
    for (const q of ['初心使命', '调查研究', '以学铸魂']) {
      for (const h of index.search(q, { limit: 100 })) assert.notEqual(bareText(h.text), bareText(q));
    }
    // A whole sentence pasted as the query comes back as the paragraph around it.
    const paragraph = index.tables.unitString([...Array(index.tables.count).keys()].find((u) => splitSentences(index.tables.unitString(u)).length > 3)!);
    const first = splitSentences(paragraph)[1];
    const sentence = paragraph.slice(first.start, first.end);
    const hit = index.search(sentence)[0];
    assert.equal(hit.text, paragraph);
    assert.equal(hit.kind, 'paragraph');
  });

  it('ranks paragraphs about the keyword above passing mentions, and lists more than 50 on demand', () => {
    assert.ok(index.search('发展', { limit: 200 }).length > 50, 'more than 50 hits for a common keyword');
    const hits = index.search('调查研究', { limit: 200 });
    assert.ok(hits.length > 20, `${hits.length}`);
    // The top hits discuss it (several occurrences), the tail mentions it once.
    const occurrences = (h: (typeof hits)[number]) => h.matches.length;
    const head = hits.slice(0, 5).reduce((n, h) => n + occurrences(h), 0) / 5;
    const tail = hits.slice(-10).reduce((n, h) => n + occurrences(h), 0) / 10;
    assert.ok(head >= 3 * tail, `head ${head} tail ${tail}`);
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1], hits[i]];
      assert.ok(a.found > b.found || (a.found === b.found && (a.exact > b.exact || (a.exact === b.exact && a.score >= b.score))), `order at ${i}`);
    }
    // A list naming the keyword among others (以学铸魂、以学增智…) counts for less than a passage about it.
    const soul = index.search('以学铸魂', { limit: 5 });
    assert.ok(soul.slice(0, 3).some((h) => /牢牢把握以学铸魂|“以学铸魂，就是/.test(h.text)), soul.map((h) => h.text.slice(0, 20)).join(' | '));
  });

  it('gives each hit its heading path: the section headings above it, outermost first', () => {
    const hit = index.search('注重成果转化，把措施定实')[0];
    assert.ok(hit, 'found');
    assert.equal(hit.title, '在第二批主题教育调查研究部署推进会上的讲话');
    assert.deepEqual(hit.headingPath, ['第三，牢记解决问题是调查研究的目的，要注重成果转化，把措施定实']);
    const nested = index.search('兜牢民生底线 救助体系')[0];
    assert.ok(nested.headingPath.length >= 2, JSON.stringify(nested.headingPath));
    assert.match(nested.headingPath[0], /^三、/);
    assert.match(nested.headingPath[1], /^（二）/);
  });

  it('needs every space-separated keyword first, and highlights each', () => {
    const hits = index.search('初心 使命 课题');
    assert.ok(hits.length > 0);
    const full = hits.filter((h) => h.found === 3);
    assert.ok(full.length > 0);
    assert.deepEqual(hits.slice(0, full.length), full, 'hits with every keyword come first');
    for (const h of full) {
      const marked = h.matches.map(([s, e]) => h.text.slice(s, e)).join('|');
      for (const w of ['初心', '使命', '课题']) assert.ok(marked.includes(w), marked);
    }
    assert.equal(markMatches({ text: '守初心担使命', matches: [[1, 3], [4, 6]] }), '守【初心】担【使命】');
  });

  it('ranks exact hits before a typo, and still finds a passage through a typo', () => {
    const typo = index.search('高质亮发展');
    assert.ok(typo.length > 0);
    assert.ok(typo[0].text.includes('高质量发展'));
    assert.equal(typo[0].exact, 0);
    const mixed = index.search('推动高质量发展取得新成效', { limit: 20 });
    assert.ok(mixed[0].text.includes('推动高质量发展取得新成效'));
  });

  it('leaves out the speeches it is told to', () => {
    const all = index.search('调查研究', { limit: 100 });
    const skip = new Set([all[0].docId]);
    const rest = index.search('调查研究', { limit: 100, excludeDocs: skip });
    assert.ok(rest.length > 0 && rest.every((h) => !skip.has(h.docId)));
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

  it('shows the corpus\'s placeholders as 某, moving the marks with them', () => {
    assert.deepEqual(showPlaceholders('关于**工作的重要讲话', [[4, 6]]), { text: '关于某工作的重要讲话', matches: [[3, 5]] });
    assert.deepEqual(showPlaceholders('*市*区', [[0, 2]]), { text: '某市某区', matches: [[0, 2]] });
    assert.deepEqual(showPlaceholders('没有占位', [[0, 2]]), { text: '没有占位', matches: [[0, 2]] });
  });

  it('is deterministic and honours cancellation', () => {
    const again = searchable(docs);
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
