// Completion a writer can trust (issue 10), on the bundled sample corpus: every example a user met, with
// the cursor marked | (what follows it is what the corpus writes there, for the reader; the engine reads
// only what is before it), and the rules behind them as properties over contexts from the 33 speeches.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { EAGERNESS, type CompletionItem, type Eagerness } from '../../src/core/complete';
import type { CorpusIndex } from '../../src/core/index';
import type { CorpusSlip } from '../../src/core/index/slips';
import { suggest, typedTail } from '../../src/core/suggest';
import { sampleSlips } from './phrasesFixture';

let index: CorpusIndex;
let slips: CorpusSlip[];
let corpusText: string;

before(async function () {
  this.timeout(20_000);
  ({ index, slips, text: corpusText } = await sampleSlips());
});

/** The text before the cursor marker. */
function cursor(marked: string): string {
  const at = marked.indexOf('|');
  assert.ok(at >= 0, `no cursor in ${marked}`);
  return marked.slice(0, at);
}

const added = (item: CompletionItem) => item.insert.slice(item.replace);

/** Every item shown at `before`: the list and the ghost text, at every eagerness. */
function shown(before: string): CompletionItem[] {
  return EAGERNESS.flatMap((eagerness) => [...suggest(index, before, { eagerness }), ...suggest(index, before, { eagerness, inline: true })]);
}

/** What the writer's text becomes with `item`: the typed text it keeps, then its insert. */
function written(before: string, item: CompletionItem): { typed: number; text: string } {
  const tail = typedTail(before);
  return { typed: tail.length, text: tail.slice(0, tail.length - item.replace) + item.insert };
}

/** Where a slip parts from its formulation: their common beginning's length. */
function parting(slip: CorpusSlip): number {
  let k = 0;
  while (k < slip.text.length && slip.text[k] === slip.expected[k]) k++;
  return k;
}

/** Contexts from the 33 speeches: every `step`th position of each, with up to 40 characters before it. */
function contexts(step: number): string[] {
  const dir = path.join(__dirname, 'fixtures', 'speeches');
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    for (let i = 20; i < text.length; i += step) {
      const line = text.slice(Math.max(0, i - 40), i).split('\n').pop() ?? '';
      if (line.length >= 2) out.push(line);
    }
  }
  return out;
}

describe('completion a writer can trust: the examples users met', () => {
  it('坚持不懈用习近平新时代中国特色社会主义|思想凝心铸魂: never 思想凝 or 思想凝心 — a four-character formulation is not cut', () => {
    const before = cursor('坚持不懈用习近平新时代中国特色社会主义|思想凝心铸魂');
    const items = shown(before);
    assert.ok(items.length > 0, 'the eager list offers the way the corpus goes on');
    for (const item of items) {
      const a = added(item);
      assert.ok(!/凝$|凝心$/.test(a), a);
      if (a.includes('凝心')) assert.match(a, /凝心(铸|聚)魂/);
    }
  });

  it('坚持不懈用习近平新时代中国特色社会主义|: a label longer than the typed text it may repeat starts at a word (习近平…, not 懈用…)', () => {
    const before = cursor('坚持不懈用习近平新时代中国特色社会主义|思想凝心铸魂');
    const items = suggest(index, before, { eagerness: 'eager' });
    assert.ok(items.length > 0);
    for (const item of items) {
      assert.ok(before.endsWith(item.insert.slice(0, item.replace)), item.label);
      assert.match(item.label, /^(习近平|坚持|用习)/, item.label);
    }
  });

  it('坚持不懈用|习近平新时代…: no item stops at 习近平', () => {
    for (const item of shown(cursor('坚持不懈用|习近平新时代中国特色社会主义思想'))) {
      const a = added(item);
      assert.notEqual(a, '习近平');
      if (a.startsWith('习近平')) assert.ok(a.includes('思想'), a);
    }
  });

  it('no item writes a slip of the corpus (习近平主义想, 中国特色色会主义…) at any point of typing it, unless the writer typed where it goes wrong', () => {
    assert.ok(slips.some((s) => s.text === '习近平主义想'));
    let asked = 0;
    for (const slip of slips) {
      // Where the corpus writes the slip: the 20 characters before it, then each of its prefixes typed.
      const at = corpusText.indexOf(slip.text);
      const lead = corpusText.slice(Math.max(0, at - 20), at).split('\n').pop() ?? '';
      for (let k = 0; k < slip.text.length; k++) {
        const before = lead + slip.text.slice(0, k);
        for (const item of shown(before)) {
          const { typed, text } = written(before, item);
          // The item writes the slip when it writes where the slip parts from the formulation; a slip the
          // writer has already typed past that point is theirs (全文校对 flags it), not the item's.
          for (let at = text.indexOf(slip.text); at >= 0; at = text.indexOf(slip.text, at + 1)) {
            assert.ok(at + parting(slip) < typed, `${before}| → ${added(item)} writes the slip ${slip.text}`);
          }
        }
        asked++;
      }
    }
    assert.ok(asked > 50);
  });

  it('one speech’s private detail is not offered: 我结合|本次培训中区委李书记…, 结合工作实际|制定征求意见函, 按照“|一墓一策”', () => {
    for (const [marked, detail] of [
      ['我结合|本次培训中区委李书记讲话精神', /李书记|本次培训/],
      ['结合工作实际|制定征求意见函', /征求意见函/],
      ['按照“|一墓一策”要求', /一墓一策/],
    ] as const) {
      for (const item of shown(cursor(marked))) assert.doesNotMatch(added(item), detail, `${marked} → ${added(item)}`);
    }
  });

  it('深刻领悟“两个|确立”的决定性意义: variants that differ in a 的 or a mark show once', () => {
    const before = cursor('深刻领悟“两个|确立”的决定性意义');
    for (const eagerness of EAGERNESS) {
      const texts = suggest(index, before, { eagerness, limit: 10 }).map(added);
      assert.ok(!(texts.includes('确立”的决定性意义') && texts.includes('确立”决定性意义')), texts.join(' | '));
    }
  });

  it('增强“四个|意识”: the ghost text is the list’s first item, and the list and ghost agree on where it ends', () => {
    const before = cursor('我们要不断增强“四个|意识”');
    const [first] = suggest(index, before, { eagerness: 'eager' });
    const [ghost] = suggest(index, before, { eagerness: 'eager', inline: true });
    assert.ok(first && ghost);
    assert.deepEqual([added(ghost), ghost.replace], [added(first), first.replace]);
  });
});

describe('completion a writer can trust: the rules, over contexts from the 33 speeches', () => {
  const sample = () => contexts(173);

  it('the ghost text, when shown, is the list’s first item, at every eagerness', function () {
    this.timeout(60_000);
    let ghosts = 0;
    for (const before of sample()) {
      for (const eagerness of EAGERNESS) {
        const [ghost] = suggest(index, before, { eagerness, inline: true });
        if (!ghost) continue;
        ghosts++;
        const [first] = suggest(index, before, { eagerness });
        assert.ok(first, `${before}| ghost ${added(ghost)} without a list`);
        assert.deepEqual([ghost.insert, ghost.replace], [first.insert, first.replace], before);
      }
    }
    assert.ok(ghosts > 20, `ghost text shown ${ghosts} times`);
  });

  it('eagerness only moves the threshold: what quiet shows, normal shows; what normal shows, eager shows', function () {
    this.timeout(60_000);
    const order: Eagerness[] = ['quiet', 'normal', 'eager'];
    const counts = order.map(() => 0);
    for (const before of sample()) {
      const lists = order.map((eagerness) => suggest(index, before, { eagerness }).length > 0);
      lists.forEach((l, i) => (counts[i] += l ? 1 : 0));
      for (let i = 1; i < order.length; i++) assert.ok(!lists[i - 1] || lists[i], `${before}| shown at ${order[i - 1]}, not at ${order[i]}`);
    }
    // The setting does something: each step shows lists at more contexts.
    assert.ok(counts[0] < counts[1] && counts[1] < counts[2], counts.join(' < '));
  });

  it('no list holds two variants of one item (a 的, a mark or a quote apart)', function () {
    this.timeout(60_000);
    const fold = (s: string) => s.replace(/[的，、：；。！？“”‘’「」『』（）《》]/g, '');
    for (const before of sample()) {
      const texts = suggest(index, before, { eagerness: 'eager', limit: 10 }).map(added);
      const folded = texts.map(fold);
      assert.equal(new Set(folded).size, folded.length, `${before}| ${texts.join(' | ')}`);
    }
  });
});
