// 校对 on real text: the examples (with ⟦ ⟧ marking where a finding must be), the norms of
// GB/T 15834 and 15835 and of numbering, Markdown drafts, and properties over the sample speeches.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadLexicon } from '../../src/core/lexicon';
import { applyFixes, Proofreader, type CorpusEvidence, type ProofreadFinding } from '../../src/core/proofread';
import { EVAL_DOCS_DIR } from './fixtures/corpusFixtures';

const files = readdirSync(EVAL_DOCS_DIR).filter((f) => f.endsWith('.txt')).sort();
const speeches = files.map((f) => readFileSync(path.join(EVAL_DOCS_DIR, f), 'utf8'));
let proofreader: Proofreader;

before(function () {
  // jieba's dictionary and the candidate indexes load once: about 1.5 s on this machine.
  this.timeout(20000);
  proofreader = new Proofreader(loadLexicon);
  proofreader.warmUp();
});

/** The text without markers, and the spans the markers ⟦…⟧ enclose. */
function marked(input: string): { text: string; spans: [number, number][] } {
  const spans: [number, number][] = [];
  let text = '';
  let open = -1;
  for (const ch of input) {
    if (ch === '⟦') open = text.length;
    else if (ch === '⟧') spans.push([open, text.length]);
    else text += ch;
  }
  return { text, spans };
}

/** Findings of `codes` on the marked text: exactly at the marked spans, each with the given fix. */
function expectAt(input: string, code: string, fixes: (string | undefined)[], options: Parameters<Proofreader['proofread']>[1] = {}): ProofreadFinding[] {
  const { text, spans } = marked(input);
  const found = proofreader.proofread(text, options).filter((f) => f.code === code);
  assert.deepEqual(
    found.map((f) => [f.start, f.end, f.fix]),
    spans.map(([a, b], k) => [a, b, fixes[k]]),
    `${text}: ${JSON.stringify(found.map((f) => [text.slice(f.start, f.end), f.fix]))}`,
  );
  return found;
}

/** The other speeches as the corpus a draft is judged against. */
function corpusWithout(file: string): CorpusEvidence {
  const all = speeches.filter((_, i) => files[i] !== file).join('\n');
  return {
    occurrences: (s) => {
      let n = 0;
      for (let p = all.indexOf(s); p >= 0; p = all.indexOf(s, p + 1)) n++;
      return n;
    },
  };
}

describe('proofread: the issue’s examples', () => {
  it('截止目前 → 截至目前, and 截止日期 stays', () => {
    expectAt('⟦截止⟧目前，全市已整改问题30余个。报名截止日期为本月底。', 'typo.confusion', ['截至']);
  });

  it('认真的学习 → 认真地学习, and 认真的态度 / 进行认真的学习 stay', () => {
    expectAt('我们要认真⟦的⟧学习，扎扎实实⟦的⟧推进各项工作。要以认真的态度进行认真的学习。', 'typo.confusion', ['地', '地']);
  });

  it('切水增强 → 切实增强, judged against the corpus (03.txt has the slip; the other speeches write 切实增强)', () => {
    const paragraph = speeches[files.indexOf('03.txt')].split('\n').find((l) => l.includes('切水增强'))!;
    const found = proofreader.proofread(paragraph, { corpus: corpusWithout('03.txt') }).filter((f) => f.kind === 'typo');
    assert.deepEqual(
      found.map((f) => [paragraph.slice(f.start, f.end), f.fix]),
      [['切水', '切实']],
    );
  });

  it('切水增强 in a draft that writes 切实 elsewhere, without a corpus', () => {
    expectAt('要切实抓好整改落实。要⟦切水⟧增强“四个意识”、坚定“四个自信”。', 'typo.word', ['切实']);
  });

  it('「30余个,整改」: a half-width comma between Chinese characters, a safe fix', () => {
    const [f] = expectAt('已整改问题30余个⟦,⟧整改率达到95%，人均1,000元。', 'punctuation.halfWidth', ['，']);
    assert.equal(f.safe, true);
  });

  it('"四个意识" with straight quotes → “四个意识”', () => {
    expectAt('牢固树立⟦"⟧四个意识⟦"⟧，坚定“四个自信”。', 'punctuation.straightQuotes', ['“', '”']);
  });

  it('一、二、四、: the skipped number is flagged, with 三 as the fix', () => {
    const [f] = expectAt('一、总体要求\n二、主要任务\n⟦四⟧、保障措施\n', 'numbering.skipped', ['三']);
    assert.equal(f.safe, false, 'renumbering may be the wrong fix: the missing section may be the error');
  });
});

describe('proofread: GB/T 15834 punctuation', () => {
  it('flags unpaired quotes, brackets and book-title marks, not a quotation that runs over paragraphs', () => {
    expectAt('学习⟦《⟧习近平谈治国理政第四卷。\n要⟦（⟧一并抓好落实。\n他说：“第一段。\n“第二段。”\n', 'punctuation.unpaired', [undefined, undefined]);
  });

  it('writes the ellipsis …… and the dash ——, and leaves a line of ellipses alone (omitted text)', () => {
    expectAt('有的地方不到位⟦...⟧这些问题要重视。有的不具体⟦。。。⟧要改。\n………………\n', 'punctuation.ellipsis', ['……', '……']);
    expectAt('这是一项系统工程⟦--⟧既需要顶层设计。', 'punctuation.dash', ['——']);
  });

  it('puts ‘’ inside “”, drops the 顿号 before 等, a doubled mark, and the 顿号 in 三四个', () => {
    expectAt('他说：“要把⟦“⟧放管服⟦”⟧落到实处。”', 'punctuation.nestedQuotes', ['‘', '’']);
    expectAt('推广教育、医疗⟦、⟧等经验，做好等级评定。', 'punctuation.enumerationBeforeDeng', ['']);
    expectAt('发言完毕⟦，，⟧谢谢大家！', 'punctuation.repeated', ['，']);
    expectAt('每季度调研三⟦、⟧四次，第一、二季度，一、二等奖。', 'punctuation.approximateNumber', ['']);
  });
});

describe('proofread: GB/T 15835 numbers', () => {
  it('years: 〇 not 零; percentages keep both %; ranges take ～ (numbers) or — (times)', () => {
    expectAt('⟦二零二三⟧年，二〇二四年。', 'number.yearZero', ['二〇二三']);
    expectAt('提高⟦10⟧～20%，稳定在10%～20%。', 'number.percentRange', ['10%']);
    expectAt('用3⟦-⟧5年时间，今年1⟦-⟧9月，电话0571-88888888，2023-03-05。', 'number.rangeMark', ['～', '—']);
  });

  it('a year in Chinese numerals where the draft writes years in digits (not on a date line)', () => {
    const found = proofreader.proofread('（二〇二三年三月）\n2022年增长5%，2023年增长6%，二〇二四年将增长7%。').filter((f) => f.code === 'number.yearStyle');
    assert.deepEqual(found.map((f) => f.fix), ['2024']);
  });
});

describe('proofread: numbering 一、→（一）→1.→（1）', () => {
  it('wrong forms are flagged with safe fixes', () => {
    const text = '一.总体要求\n(一)基本原则\n1、坚持问题导向\n(1)突出重点\n';
    const found = proofreader.proofread(text).filter((f) => f.code === 'numbering.form');
    assert.deepEqual(found.map((f) => [text.slice(f.start, f.end), f.fix, f.safe]), [
      ['一.', '一、', true],
      ['(一)', '（一）', true],
      ['1、', '1.', true],
      ['(1)', '（1）', true],
    ]);
  });

  it('counts each level under its heading, flags repeats and a level out of order, and points 一是…二是', () => {
    const text = '一、总体要求\n（一）基本原则\n（二）目标任务\n二、主要任务\n（一）抓好学习\n（一）抓好整改\n1.完善制度\n（二）强化保障\n三、组织保障\n1.加强领导\n（一）压实责任\n一是加强领导；二是压实责任；四是强化督导。\n';
    const found = proofreader.proofread(text).filter((f) => f.kind === 'numbering');
    assert.deepEqual(found.map((f) => [f.code, text.slice(f.start, f.end)]), [
      ['numbering.repeated', '一'],
      ['numbering.levelOrder', '（一）'],
      ['numbering.skipped', '四'],
    ]);
  });
});

describe('proofread: Markdown drafts', () => {
  it('reads headings without #, and skips code, link targets and web addresses', () => {
    const text = '# 一、总体要求\n\n见[通知](http://a.b/c,d.html)和`a,b`。\n\n```\n代码,不查\n```\n\n## ⟦三⟧、保障措施\n';
    const { text: plain } = marked(text);
    const found = proofreader.proofread(plain, { markdown: true });
    assert.deepEqual(found.map((f) => [f.code, plain.slice(f.start, f.end)]), [['numbering.skipped', '三']]);
  });
});

describe('proofread: properties over the sample speeches', () => {
  it('findings never overlap, lie inside the text, and each fix changes only its own span', function () {
    // 150 drafts, each proofread from scratch (new paragraphs every run): about 1–4 s on this shared machine.
    this.timeout(20000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: speeches.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 400 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(',', '"', '...', '（', '”', '、', '--', '(一)', '\n三、')), { maxLength: 4 }), (d, from, len, noise) => {
        let text = speeches[d].slice(from % speeches[d].length, (from % speeches[d].length) + len);
        for (const [at, s] of noise) text = text.slice(0, at % (text.length + 1)) + s + text.slice(at % (text.length + 1));
        const found = proofreader.proofread(text);
        let end = 0;
        for (const f of found) {
          assert.ok(f.start >= end && f.end >= f.start && f.end <= text.length, JSON.stringify(f));
          end = f.end;
          if (f.fix === undefined) continue;
          const fixed = text.slice(0, f.start) + f.fix + text.slice(f.end);
          assert.equal(fixed.slice(0, f.start), text.slice(0, f.start));
          assert.equal(fixed.slice(f.start + f.fix.length), text.slice(f.end));
          assert.notEqual(f.fix, text.slice(f.start, f.end));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('applying the safe fixes removes what they fixed (all at once, as the editor does)', () => {
    const draft = '已整改30余个,整改率95%。增强"四个意识"。\n一.总体要求\n有的不到位...要改。发言完毕，，谢谢！推广教育、医疗、等经验。二零二三年，提高10～20%。';
    const fixed = applyFixes(draft, proofreader.proofread(draft));
    assert.equal(fixed, '已整改30余个，整改率95%。增强“四个意识”。\n一、总体要求\n有的不到位……要改。发言完毕，谢谢！推广教育、医疗等经验。二〇二三年，提高10%～20%。');
    assert.deepEqual(proofreader.proofread(fixed).filter((f) => f.safe), []);
  });

  it('raises at most 1 false finding per 10,000 characters of the clean sample speeches', function () {
    // All 33 speeches, each judged against the others as its corpus (as the product will be).
    this.timeout(20000);
    const confirmed: { file: string; code: string; found?: string }[] = JSON.parse(readFileSync(path.join(__dirname, '..', 'bench', 'sampleSlips.json'), 'utf8'));
    let chars = 0;
    const falseOnes: string[] = [];
    speeches.forEach((text, i) => {
      chars += text.length;
      for (const f of proofreader.proofread(text, { corpus: corpusWithout(files[i]) }))
        if (!confirmed.some((c) => c.file === files[i] && c.code === f.code && (c.found === undefined || c.found === text.slice(f.start, f.end))))
          falseOnes.push(`${files[i]} ${f.code} ${text.slice(f.start - 6, f.end + 6)}`);
    });
    assert.ok((falseOnes.length * 10_000) / chars <= 1, `${falseOnes.length} in ${chars}: ${falseOnes.join('; ')}`);
  });

  it('re-checks only the paragraphs that changed', function () {
    // Three checks of a whole speech: up to 1 s on this shared machine.
    this.timeout(10000);
    const draft = speeches[0];
    const p = new Proofreader(loadLexicon);
    p.proofread(draft);
    const paragraphs = p.lastChecked;
    const edited = draft.replace('。', '，要切水增强。');
    const found = p.proofread(edited);
    assert.ok(paragraphs > 10);
    assert.equal(p.lastChecked, 1);
    assert.deepEqual(found, new Proofreader(loadLexicon).proofread(edited), 'the cache gives what a fresh check gives');
  });
});
