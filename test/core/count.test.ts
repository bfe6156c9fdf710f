import * as assert from 'node:assert/strict';
import { countCharacters, markdownVisibleText, speakingMinutes } from '../../src/core/count';

// Each sample was counted by hand, character by character, under the rule in src/core/count.ts.
const SAMPLES: { text: string; chars: number; cjk: number; punctuation: number; fullWidth: number; words: number }[] = [
  // 我就讲这些 (5) + 。
  { text: '我就讲这些。', chars: 6, cjk: 5, punctuation: 1, fullWidth: 0, words: 0 },
  // 发言完毕(4)，不当之处(4)，请同志们批评指正(8)，谢谢(2)。 → 18 + 4 marks
  { text: '发言完毕，不当之处，请同志们批评指正，谢谢。', chars: 22, cjk: 18, punctuation: 4, fullWidth: 0, words: 0 },
  // 今年前三季度(6)，市专利转让(5) 2000 次(1)，较去年同期增长(7) 25% 。 → words 2000 and 25%
  { text: '今年前三季度，市专利转让2000次，较去年同期增长25%。', chars: 24, cjk: 19, punctuation: 3, fullWidth: 0, words: 2 },
  // “(1)两个维护(4)”(1)——(2)坚决(2)！(1)
  { text: '“两个维护”——坚决！', chars: 11, cjk: 6, punctuation: 5, fullWidth: 0, words: 0 },
  // 推进(2) ＡＩ(2 full-width letters) 赋能(2)，(1) 《(1)十四五(3)》(1) 规划(2)
  { text: '推进ＡＩ赋能，《十四五》规划', chars: 14, cjk: 9, punctuation: 3, fullWidth: 2, words: 0 },
  // 同志们(3)：(1) COVID-19(1 word) 疫情(2) GDP(1 word); spaces, tabs and line breaks count nothing
  { text: ' 同志们：\n\n\tCOVID-19 疫情  GDP\r\n', chars: 8, cjk: 5, punctuation: 1, fullWidth: 0, words: 2 },
  // a character outside the BMP (𠀀) is one character, not two code units
  { text: '𠀀字', chars: 2, cjk: 2, punctuation: 0, fullWidth: 0, words: 0 },
  { text: '', chars: 0, cjk: 0, punctuation: 0, fullWidth: 0, words: 0 },
];

describe('countCharacters', () => {
  for (const s of SAMPLES) {
    it(`counts ${JSON.stringify(s.text)} as ${s.chars} 字`, () => {
      const c = countCharacters(s.text);
      assert.deepEqual(
        { chars: c.chars, cjk: c.cjk, punctuation: c.punctuation, fullWidth: c.fullWidth, words: c.words },
        { chars: s.chars, cjk: s.cjk, punctuation: s.punctuation, fullWidth: s.fullWidth, words: s.words },
      );
      assert.equal(c.spoken, s.cjk + s.fullWidth + s.words);
    });
  }

  it('adds up over concatenation at whitespace', () => {
    const a = countCharacters(SAMPLES[1].text);
    const b = countCharacters(SAMPLES[2].text);
    assert.equal(countCharacters(`${SAMPLES[1].text}\n${SAMPLES[2].text}`).chars, a.chars + b.chars);
  });
});

describe('speakingMinutes', () => {
  it('reads 2,200 spoken 字 in 10 minutes at the default 220 字/分钟, and honours a rate', () => {
    assert.equal(speakingMinutes(2200), 10);
    assert.equal(speakingMinutes(600, 200), 3);
    assert.equal(speakingMinutes(0), 0);
  });
  it('falls back to the default for a rate that is not positive', () => {
    assert.equal(speakingMinutes(440, 0), 2);
    assert.equal(speakingMinutes(440, Number.NaN), 2);
  });
});

describe('markdownVisibleText', () => {
  it('counts what a reader sees of a Markdown draft', () => {
    const draft = [
      '# 在全市工作会议上的讲话',
      '',
      '> 同志们：',
      '',
      '- **一、提高站位**',
      '1. 要[抓落实](https://example.com)。',
      '***',
      '![图](a.png)<!-- 备注 -->关于**工作的讲话。',
    ].join('\n');
    assert.equal(
      markdownVisibleText(draft),
      ['在全市工作会议上的讲话', '', '同志们：', '', '一、提高站位', '1. 要抓落实。', '', '关于**工作的讲话。'].join('\n'),
    );
    // By hand: 在全市工作会议上的讲话 11 | 同志们： 3+1 | 一、提高站位 5+1 | 1. (word) 要抓落实 4 。1 | 关于 2 ** (word) 工作的讲话 5 。1
    const c = countCharacters(markdownVisibleText(draft));
    assert.deepEqual({ chars: c.chars, cjk: c.cjk, punctuation: c.punctuation, words: c.words }, { chars: 36, cjk: 30, punctuation: 4, words: 2 });
  });

  it('leaves plain Chinese text alone', () => {
    const text = '发言完毕，不当之处，请同志们批评指正，谢谢。\n我就讲这些。';
    assert.equal(markdownVisibleText(text), text);
  });
});
