// The 提法 guard (src/core/suggest.ts): no suggested item may write a formulation the check
// (src/core/check) flags, on the bundled corpus and leave-one-out on the 33 eval speeches (where
// back-off splices happen most).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkFormulations, type CheckIndex } from '../../src/core/check';
import { complete, completionTuning, type CompletionItem } from '../../src/core/complete';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { guardItem, suggest, typedTail } from '../../src/core/suggest';
import type { SpeechDocument } from '../../src/core/types';
import { sampleIndex } from './phrasesFixture';

const SPEECHES = path.join(__dirname, 'fixtures', 'speeches');

function speeches(): SpeechDocument[] {
  return readdirSync(SPEECHES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(SPEECHES, f), 'utf8');
      return { id: f, title: text.slice(0, text.indexOf('\n')), kind: '其他', text, source: path.join(SPEECHES, f), sourceLines: [0, 0], headings: [] };
    });
}

/** The checker's issues that the item's insert makes after `before` (not those wholly in the typed text). */
function issuesOf(formulations: CheckIndex, before: string, item: CompletionItem) {
  const tail = typedTail(before);
  const kept = tail.slice(0, tail.length - item.replace);
  return checkFormulations(formulations, kept + item.insert).filter((issue) => issue.end > kept.length);
}

const added = (items: CompletionItem[]) => items.map((it) => it.insert.slice(it.replace));

let index: CorpusIndex;

before(async function () {
  this.timeout(20_000); // mines the sample corpus once for every test of the file
  ({ index } = await sampleIndex());
});

describe('suggest: the 提法 guard over completion', () => {
  it('after 增强“四个 no item writes 增强“四个自信”, and the items go on with the group', () => {
    for (const typed of ['增强“四个', '我们要不断增强“四个', '要切实增强“四个']) {
      const items = suggest(index, typed, { limit: 10, eagerness: 'eager' });
      assert.ok(items.length >= 1, typed);
      assert.ok(added(items)[0].startsWith('意识”'), added(items)[0]);
      assert.ok(added(items).some((a) => a.startsWith('意识”、坚定“四个自信”')), added(items).join(' | '));
      for (const it of [...items, ...suggest(index, typed, { inline: true })]) {
        const written = typed.slice(0, typed.length - it.replace) + it.insert;
        assert.ok(!written.includes('增强“四个自信”'), written);
      }
    }
  });

  it('no candidate writes the back-off splice the real editor once showed, with PPM exclusion on or off', () => {
    // Back-off contexts (四个 alone) weigh little beside the full one, and a candidate must end where
    // a writer stops: 增强“四个自信” is not even weighed. The guard (below) is the second line.
    const spliced = () => {
      let written: string[] = [];
      complete(index, '增强“四个', { limit: 10, eagerness: 'eager', explain: (e) => (written = e.candidates.map((c) => '增强“四个' + c.added)) });
      assert.ok(written.length >= 1);
      return written.some((w) => w.includes('增强“四个自信”'));
    };
    const exclusion = completionTuning.exclusionMinCount;
    try {
      completionTuning.exclusionMinCount = 0;
      assert.equal(spliced(), false, 'without exclusion');
    } finally {
      completionTuning.exclusionMinCount = exclusion;
    }
    assert.equal(spliced(), false, 'with exclusion');
  });

  it('a spliced item becomes the formulation the checker expects when that continues the typed text', () => {
    const spliced: CompletionItem = { insert: '增强“四个自信”、做到“两个维护”', replace: 5, label: '', kind: 'group', confidence: 1, speeches: 1 };
    const formulations = index;
    assert.equal(issuesOf(formulations, '增强“四个', spliced)[0]?.expected, '增强“四个意识”');
    // The checker's expected text continues what is typed: the item becomes the right formulation.
    const fixed = guardItem(formulations, typedTail('我们要增强“四个'), spliced);
    assert.equal(fixed?.insert, '增强“四个意识”');
    assert.equal(fixed.replace, 5);
    assert.deepEqual(issuesOf(formulations, '我们要增强“四个', fixed), []);
  });

  it('drops an item whose fix would change what was typed, keeps clean items as they are', () => {
    const formulations = index;
    // 坚定“四个意识” is the wrong frame for 意识: the fix (坚定“四个自信”) is not a continuation of 坚定“四个意.
    const wrong: CompletionItem = { insert: '坚定“四个意识”', replace: 6, label: '', kind: 'group', confidence: 1, speeches: 1 };
    assert.equal(guardItem(formulations, '坚定“四个意', wrong), undefined);
    const clean: CompletionItem = { insert: '坚定“四个自信”', replace: 5, label: '', kind: 'group', confidence: 1, speeches: 1 };
    assert.equal(guardItem(formulations, '增强“四个意识”、坚定“四个', clean), clean);
  });

  it('a slip already typed does not take every item away', () => {
    // The writer's own 两个拥护 is the checker's business in the editor, not a reason to offer nothing.
    const typed = '做到“两个拥护”，增强“四个';
    assert.ok(checkFormulations(index, typed).length >= 1);
    const items = suggest(index, typed);
    assert.ok(added(items)[0]?.startsWith('意识”'), added(items).join(' | '));
  });

  describe('no item makes a checker-flagged span at random cursors of the 33 speeches (property)', () => {
    const docs = speeches();
    // Leave-one-out for a few speeches (the writer's text is not in the corpus, as in real use) and the whole corpus.
    const heldOut = [0, 8, 17, 29].filter((i) => i < docs.length);
    const folds = new Map<number, CorpusIndex>();
    let whole: CorpusIndex;

    before(function () {
      this.timeout(30_000); // five indexes of 32–33 speeches each (about a second apiece on this machine)
      for (const i of heldOut) folds.set(i, buildCorpusIndex(docs.filter((_, k) => k !== i)));
      whole = buildCorpusIndex(docs);
    });

    it('in the suggest list and the ghost text', function () {
      this.timeout(20_000); // 2000 cursors, each item checked
      assert.equal(docs.length, 33);
      fc.assert(
        fc.property(fc.nat(docs.length - 1), fc.nat(), fc.boolean(), (d, at, inline) => {
          const text = docs[d].text;
          const i = at % (text.length + 1);
          const before = text.slice(Math.max(0, i - 200), i);
          const fold = folds.get(d) ?? whole;
          const items = suggest(fold, before, inline ? { inline: true } : { limit: 5 });
          for (const it of items) assert.deepEqual(issuesOf(fold, before, it), [], `${before.slice(-20)}|${it.insert}`);
        }),
        { numRuns: 2000 },
      );
    });

    it("right after opening quotes and enumeration commas, where splices happen", function () {
      this.timeout(20_000); // every such cursor of four speeches
      let requests = 0;
      for (const [d, fold] of folds) {
        const text = docs[d].text;
        const formulations = fold;
        for (let i = 1; i < text.length; i++) {
          if (!'“、'.includes(text[i - 1]) && !'“、'.includes(text[i - 2] ?? '')) continue;
          const before = text.slice(Math.max(0, i - 200), i);
          for (const it of [...suggest(fold, before), ...suggest(fold, before, { inline: true })]) {
            requests++;
            assert.deepEqual(issuesOf(formulations, before, it), [], `${before.slice(-20)}|${it.insert}`);
          }
        }
      }
      assert.ok(requests > 100, `${requests} items checked`);
    });
  });
});
