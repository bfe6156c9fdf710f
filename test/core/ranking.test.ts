import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import type { CompletionItem } from '../../src/core/complete';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { suggest } from '../../src/core/suggest';
import {
  acceptanceWeight,
  addedText,
  mergeRanked,
  rankingTuning,
  recallAccepted,
  recordAcceptance,
  rerank,
  sanitizeAccepted,
  type AcceptedPhrases,
} from '../../src/core/complete/ranking';
import { loadCorpus } from '../../src/core/corpus';

const CORPUS = path.join(__dirname, '..', '..', 'media', 'corpus');
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 21);

const item = (insert: string, replace: number): CompletionItem => ({ insert, replace, label: insert, kind: 'phrase', confidence: 0.5, speeches: 2 });

describe('completion ranking', () => {
  describe('recordAcceptance', () => {
    it('counts acceptances, and an old count has decayed by the time it is added to', () => {
      let acc: AcceptedPhrases = {};
      acc = recordAcceptance(acc, '增强“四个意识”', NOW);
      acc = recordAcceptance(acc, '增强“四个意识”', NOW);
      assert.equal(acc['增强“四个意识”'].count, 2);
      const later = NOW + rankingTuning.halfLifeDays * DAY;
      acc = recordAcceptance(acc, '增强“四个意识”', later);
      assert.equal(acc['增强“四个意识”'].count, 2); // 2 halved, plus 1
      assert.equal(acc['增强“四个意识”'].last, later);
    });

    it('ignores phrases too short to matter and text spanning lines', () => {
      assert.deepEqual(recordAcceptance({}, '我们', NOW), {});
      assert.deepEqual(recordAcceptance({}, '同志们：\n今天', NOW), {});
    });

    it('keeps at most maxRemembered phrases, dropping the weakest', () => {
      let acc: AcceptedPhrases = {};
      for (let i = 0; i < rankingTuning.maxRemembered; i++) acc = recordAcceptance(acc, `提法${i}号样例`, NOW - i * DAY);
      acc = recordAcceptance(acc, '新的提法样例', NOW);
      assert.equal(Object.keys(acc).length, rankingTuning.maxRemembered);
      assert.ok('新的提法样例' in acc);
      assert.ok(!(`提法${rankingTuning.maxRemembered - 1}号样例` in acc), 'the oldest went');
    });
  });

  it('sanitizeAccepted keeps well-formed entries only', () => {
    const raw = { 增强四个意识: { count: 2, last: NOW }, 短: { count: 1, last: NOW }, 坏的条目: { count: 'x' }, 负数条目: { count: -1, last: NOW } };
    assert.deepEqual(sanitizeAccepted(raw), { 增强四个意识: { count: 2, last: NOW } });
    for (const junk of [undefined, null, 3, 'x', [1, 2]]) assert.deepEqual(sanitizeAccepted(junk), {});
  });

  it('acceptanceWeight halves every half-life and is 0 for unknown phrases', () => {
    assert.equal(acceptanceWeight(undefined, NOW), 0);
    assert.equal(acceptanceWeight({ count: 4, last: NOW - 2 * rankingTuning.halfLifeDays * DAY }, NOW), 1);
  });

  describe('rerank', () => {
    const items = ['坚定“四个自信”、', '坚定“四个自信”、做到“两个维护”', '坚定理想信念'].map((t) => item(t, 2));

    it('keeps the engine order when nothing was accepted', () => {
      assert.deepEqual(rerank(items, {}, NOW), items);
    });

    it('moves an accepted phrase up by ranksPerAcceptance per acceptance', () => {
      const acc = recordAcceptance({}, '坚定理想信念', NOW);
      assert.deepEqual(
        rerank(items, acc, NOW).map((i) => i.insert),
        ['坚定理想信念', '坚定“四个自信”、', '坚定“四个自信”、做到“两个维护”'],
      );
    });

    it('an acceptance long ago moves a phrase less', () => {
      const acc = { 坚定理想信念: { count: 1, last: NOW - 3 * rankingTuning.halfLifeDays * DAY } };
      assert.equal(rerank(items, acc, NOW)[2].insert, '坚定理想信念');
    });

    it('is a permutation of its input (fast-check)', () => {
      fc.assert(
        fc.property(fc.array(fc.string({ minLength: 3, maxLength: 8 }), { maxLength: 12 }), fc.array(fc.nat(20)), (texts, counts) => {
          const list = texts.map((t) => item(t, 0));
          const acc: Record<string, { count: number; last: number }> = {};
          texts.forEach((t, i) => counts[i] && (acc[t] = { count: counts[i], last: NOW }));
          const out = rerank(list, acc, NOW);
          assert.equal(out.length, list.length);
          assert.deepEqual(new Set(out), new Set(list));
        }),
      );
    });
  });

  describe('mergeRanked', () => {
    it('takes the lists in turn, drops items leaving the same text, and stops at the limit', () => {
      const corpus = [item('增强“四个意识”、', 5), item('增强“四个意识”', 5), item('增强“四个自信”', 5)];
      const drafts = [item('“四个意识”、', 3), item('“四个服务”', 3)];
      const merged = mergeRanked([corpus, drafts], 4);
      assert.deepEqual(
        merged.map((i) => i.insert),
        ['增强“四个意识”、', '增强“四个意识”', '“四个服务”', '增强“四个自信”'],
      );
      assert.equal(mergeRanked([corpus, drafts], 2).length, 2);
      assert.deepEqual(mergeRanked([[], []], 5), []);
    });

    it('added text is what lands after the cursor', () => {
      assert.equal(addedText(item('增强“四个意识”', 5)), '意识”');
    });
  });

  describe('recallAccepted', () => {
    const acc = recordAcceptance(recordAcceptance({}, '增强“四个意识”、坚定“四个自信”', NOW), '坚持以人民为中心', NOW);

    it('offers a remembered phrase whose start was just typed, replacing the typed start', () => {
      const [hit] = recallAccepted('同志们，我们要增强“四个', acc, NOW);
      assert.equal(hit.insert, '增强“四个意识”、坚定“四个自信”');
      assert.equal(hit.replace, '增强“四个'.length);
      assert.deepEqual(
        recallAccepted('始终坚持', acc, NOW).map((i) => [i.insert, i.replace]),
        [['坚持以人民为中心', 2]],
      );
    });

    it('needs at least minRecallPrefix typed chars and never offers a finished phrase', () => {
      assert.deepEqual(recallAccepted('我们要增', acc, NOW), []);
      assert.deepEqual(recallAccepted('坚持以人民为中心', acc, NOW), []);
      assert.deepEqual(recallAccepted('坚持以人民为\n', acc, NOW), []);
    });

    it('replace stays within the typed line and insert starts with the replaced text (fast-check)', () => {
      const phrases = fc.array(fc.stringMatching(/^[增强四个意识坚定、“”持以人民为中心]{3,12}$/), { maxLength: 6 });
      fc.assert(
        fc.property(phrases, fc.stringMatching(/^[增强四个意识坚定、“”持以人民为中心\n]{0,20}$/), (list, before) => {
          let acc: AcceptedPhrases = {};
          for (const p of list) acc = recordAcceptance(acc, p, NOW);
          for (const hit of recallAccepted(before, acc, NOW, 5)) {
            const line = before.slice(before.lastIndexOf('\n') + 1);
            assert.ok(hit.replace >= rankingTuning.minRecallPrefix && hit.replace <= line.length);
            assert.ok(line.endsWith(hit.insert.slice(0, hit.replace)));
            assert.ok(hit.insert.length > hit.replace);
          }
        }),
      );
    });
  });

  describe('on the sample corpus', () => {
    let index: CorpusIndex;
    before(async function () {
      this.timeout(20_000); // mines the sample corpus
      const { documents } = await loadCorpus([CORPUS], { token: { isCancellationRequested: false }, onProgress: () => undefined });
      index = buildCorpusIndex(documents);
    });

    it('a phrase the writer accepted comes first next time', () => {
      const items = suggest(index, '增强“四个', { limit: 5 });
      assert.ok(items.length >= 2, 'the engine offers several lengths here');
      const chosen = items[items.length - 1];
      const acc = recordAcceptance(recordAcceptance({}, chosen.insert, NOW), chosen.insert, NOW);
      assert.equal(rerank(items, acc, NOW)[0].insert, chosen.insert);
    });
  });
});
