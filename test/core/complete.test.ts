// Completion on the bundled sample corpus, with a cursor marker `|` in the typed text: what the editor
// offers (`suggest`: completions the 提法 guard admits) and the engine's own contract (`complete`).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { complete, snippetOf, thresholds, type CompletionItem } from '../../src/core/complete';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { suggest, type SuggestOptions } from '../../src/core/suggest';
import type { SpeechDocument } from '../../src/core/types';
import { sampleIndex } from './phrasesFixture';

let index: CorpusIndex;
let documents: SpeechDocument[];

before(async function () {
  this.timeout(20_000); // mines the sample corpus once for every test of the file (~2 s, more on a busy machine)
  ({ documents, index } = await sampleIndex());
});

/** Completes at the `|` in `typed`; returns the items and what each one adds after the cursor. */
function completeAt(typed: string, options?: SuggestOptions): { items: CompletionItem[]; added: string[] } {
  const cursor = typed.indexOf('|');
  assert.ok(cursor >= 0, 'test text needs a | cursor');
  const before = typed.slice(0, cursor);
  const items = suggest(index, before, options);
  for (const it of items) assert.equal(it.insert.slice(0, it.replace), before.slice(before.length - it.replace), 'replaced text is what was typed');
  return { items, added: items.map((it) => it.insert.slice(it.replace)) };
}

describe('complete', () => {
  it('after 增强“四个 the list offers the group item by item and whole, and the ghost text is its first item', () => {
    const typed = '我们要不断增强“四个|';
    const { items, added } = completeAt(typed);
    assert.ok(added[0].startsWith('意识”、坚定“四个自信”'), added[0]);
    assert.ok(added.includes('意识”、坚定“四个自信”、做到“两个维护”'), added.join(' | '));
    assert.equal(items[0].kind, 'group');
    assert.ok(items[0].label.includes('增强“四个意识”'), 'the label shows the phrase whole, not just the rest');
    const ghost = suggest(index, typed.slice(0, -1), { inline: true });
    assert.deepEqual(ghost, [items[0]], 'the ghost text is the list’s first item');
  });

  it('after 以学铸魂、 the parallel group continues', () => {
    const { items, added } = completeAt('努力在以学铸魂、|');
    // The likeliest stop first (以学增智), the whole group among the items, each a group item.
    assert.ok(added[0].startsWith('以学增智'), added[0]);
    const whole = added.findIndex((a) => a.startsWith('以学增智、以学正风、以学促干'));
    assert.ok(whole >= 0, added.join(' | '));
    assert.equal(items[whole].kind, 'group');
  });

  it('points each item at its source speech and line', () => {
    const { items } = completeAt('牢牢把握“学思想、|');
    assert.ok(items.length);
    const src = items[0].source!;
    const doc = documents.find((d) => d.id === src.docId)!;
    assert.ok(doc, src.docId);
    assert.ok(doc.text.split('\n')[src.line].includes('强党性'), doc.text.split('\n')[src.line]);
  });

  it('turns placeholders into snippet tab stops', () => {
    // The writer follows one speech word for word (16 characters): its *-redacted names are offered as tab stops.
    const { items, added } = completeAt('同志们，刚才，*组长代表*市委第|');
    const withStar = items.find((it, i) => added[i].includes('*'));
    assert.ok(withStar, `an item with a placeholder: ${added.join(' | ')}`);
    assert.match(withStar.snippet!, /\$\{1:\*+\}/);
    assert.equal(snippetOf('关于**工作的重要讲话', 2), '关于${1:**}工作的重要讲话$0');
    assert.equal(snippetOf('*市委第*监督联络组', 0), '${1:*}市委第${2:*}监督联络组$0');
    assert.equal(snippetOf('没有占位符', 0), undefined);
    assert.equal(snippetOf('*已输入的星号不算', 3), undefined);
    assert.equal(snippetOf('费用$100}*', 0), '费用\\$100\\}${1:*}$0');
  });

  it('inline answers at most one item: the list’s first, and only when it is likely', () => {
    const list = suggest(index, '牢牢把握“学思想、', { eagerness: 'eager' });
    const ghost = suggest(index, '牢牢把握“学思想、', { inline: true, eagerness: 'eager' });
    assert.equal(ghost.length, 1);
    assert.deepEqual(ghost[0], list[0]);
    assert.ok(ghost[0].insert.slice(ghost[0].replace).startsWith('强党性、重实践'), ghost[0].insert);
    assert.ok(list.some((it) => it.insert.endsWith('强党性、重实践、建新功”')), list.map((it) => it.insert).join(' | '));
    // The ghost text shows exactly when the list's first item reaches the ghost threshold: a list whose
    // first item is less sure shows without ghost text.
    let listOnly = 0;
    for (const doc of documents.slice(0, 4)) {
      for (let at = 10; at < doc.text.length; at += 37) {
        const before = doc.text.slice(Math.max(0, at - 30), at);
        const [first] = suggest(index, before);
        const ghostText = suggest(index, before, { inline: true });
        if (!first) continue;
        const sure = first.confidence >= thresholds.normal.ghost;
        assert.deepEqual(ghostText, sure ? [first] : [], before);
        if (!sure) listOnly++;
      }
    }
    assert.ok(listOnly > 0, 'some list shows without ghost text');
    // Sure enough: the ghost text is the list's first item.
    const [sure] = suggest(index, '增强“四个', { inline: true });
    assert.ok(sure && sure.confidence >= thresholds.normal.ghost);
    assert.deepEqual(sure, suggest(index, '增强“四个')[0]);
    assert.deepEqual(suggest(index, '今天天气', { inline: true }), []);
  });

  it('returns nothing rather than junk', () => {
    assert.deepEqual(suggest(index, ''), []);
    assert.deepEqual(suggest(index, 'qwzx'), []);
    assert.deepEqual(suggest(index, '同志们：\n'), []);
    assert.deepEqual(suggest(index, '很好', { limit: 0 }), []);
  });

  it('never throws on any text, keeps replace in bounds, and answers the same input the same way (property)', () => {
    const fromCorpus = fc
      .tuple(fc.nat(documents.length - 1), fc.nat(), fc.integer({ min: 0, max: 60 }))
      .map(([d, at, len]) => {
        const t = documents[d].text;
        const i = at % Math.max(1, t.length);
        return t.slice(i, i + len);
      });
    const noise = fc.string({ unit: fc.constantFrom(...'，。、“”*\n\r\u0000a\ud83d以学铸魂增强四个'), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(fromCorpus, noise, fc.string()), fc.boolean(), fc.integer({ min: -2, max: 8 }), (before, inline, limit) => {
        const items = suggest(index, before, { inline, limit });
        assert.ok(items.length <= (inline ? 1 : Math.max(0, limit)));
        for (const it of items) {
          assert.ok(Number.isInteger(it.replace) && it.replace >= 0 && it.replace <= before.length);
          assert.ok(it.insert.length > it.replace, 'inserts something');
          assert.equal(it.insert.slice(0, it.replace), before.slice(before.length - it.replace));
          assert.ok(!/[\n\u0000]/.test(it.insert));
        }
        assert.deepEqual(suggest(index, before, { inline, limit }), items);
      }),
      { numRuns: 200 },
    );
  });

  it('copes with an empty corpus and a huge line', () => {
    const empty = buildCorpusIndex([]);
    assert.deepEqual(suggest(empty, '增强“四个'), []);
    assert.ok(suggest(index, '增强“四个'.repeat(10000)).length > 0);
  });

  it('lets errors through: it catches nothing (the editor providers log them), so the property above can fail', () => {
    assert.throws(() => complete(index, undefined as unknown as string), TypeError);
    const boom = new Error('admit failed');
    assert.throws(
      () =>
        complete(index, '增强“四个', {
          admit: () => {
            throw boom;
          },
        }),
      (err) => err === boom,
    );
  });

  it('offers only what `admit` lets through, the next best taking a refused rank', () => {
    const all = complete(index, '深入学习贯彻习近平');
    assert.ok(all.length >= 2);
    const refused = all[0].insert;
    const admitted = complete(index, '深入学习贯彻习近平', { admit: (item) => (item.insert === refused ? undefined : item) });
    assert.ok(!admitted.some((it) => it.insert === refused));
    assert.equal(admitted.length, all.length, 'the refused rank is filled by another candidate');
  });
});
