// Length of a draft as Chinese offices count it, and how long it takes to read aloud.
//
// The rule is Word's and WPS's 字数 (what a 限X字 request means):
//   - every Chinese character (and kana/hangul) counts 1;
//   - every full-width punctuation mark or symbol (。，、；：？！“”‘’（）《》【】—…·) counts 1;
//   - every full-width letter or digit (ＡＢＣ１２３) counts 1;
//   - a run of other characters without spaces — an English word, a number such as 2023, 3.5%,
//     COVID-19 — counts 1, like Word's 非中文单词;
//   - whitespace and line breaks count nothing.
// Speaking time leaves punctuation out (it is not read aloud): Chinese characters, full-width
// letters/digits and words, at a rate in 字 per minute (220 is a steady official delivery).

export interface CharacterCount {
  /** 字数: cjk + punctuation + fullWidth + words. */
  chars: number;
  /** Chinese characters (and kana, hangul). */
  cjk: number;
  /** Full-width punctuation and symbols. */
  punctuation: number;
  /** Full-width letters and digits. */
  fullWidth: number;
  /** Runs of other non-space characters: English words, half-width numbers. */
  words: number;
  /** What is read aloud: cjk + fullWidth + words. */
  spoken: number;
}

export const DEFAULT_SPEAKING_RATE = 220;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}〇]/u;
const FULL_WIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/u;
/** Full-width and CJK punctuation blocks, general punctuation (— … “ ” ‘ ’ ·), Latin-1 middle dot. */
const FULL_WIDTH_MARK = /[\u3001-\u303f\uff01-\uff65\uffe0-\uffee\u2010-\u205e\u00b7\ufe10-\ufe6f\u2e80-\u2eff]/u;
const SPACE = /\s/u;

const enum CharClass {
  Space,
  Cjk,
  FullWidthAlnum,
  Mark,
  Other,
}

function classify(ch: string): CharClass {
  if (SPACE.test(ch)) return CharClass.Space;
  if (CJK.test(ch)) return CharClass.Cjk;
  if (FULL_WIDTH_ALNUM.test(ch)) return CharClass.FullWidthAlnum;
  if (FULL_WIDTH_MARK.test(ch)) return CharClass.Mark;
  return CharClass.Other;
}

/** The class of every BMP code unit, from the patterns above, built on first use (the 素材库 tree counts thousands of speeches at once). */
let bmpClasses: Uint8Array | undefined;
function bmpClassTable(): Uint8Array {
  if (!bmpClasses) {
    bmpClasses = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) bmpClasses[c] = c >= 0xd800 && c <= 0xdfff ? CharClass.Other : classify(String.fromCharCode(c));
  }
  return bmpClasses;
}

export function countCharacters(text: string): CharacterCount {
  const table = bmpClassTable();
  let cjk = 0;
  let punctuation = 0;
  let fullWidth = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let cls: CharClass;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A character outside the BMP is one character.
      cls = classify(text.slice(i, i + 2));
      i++;
    } else {
      cls = table[c] as CharClass;
    }
    switch (cls) {
      case CharClass.Space:
        inWord = false;
        break;
      case CharClass.Cjk:
        cjk++;
        inWord = false;
        break;
      case CharClass.FullWidthAlnum:
        fullWidth++;
        inWord = false;
        break;
      case CharClass.Mark:
        punctuation++;
        inWord = false;
        break;
      default:
        if (!inWord) words++;
        inWord = true;
    }
  }
  return { chars: cjk + punctuation + fullWidth + words, cjk, punctuation, fullWidth, words, spoken: cjk + fullWidth + words };
}

/**
 * The text a reader sees of a Markdown draft, for counting: heading marks (`#`), quote marks (`>`),
 * bullets, rules, emphasis pairs, code ticks, HTML tags and comments go; link text stays, image
 * syntax goes. Ordered-list numbers stay (they show, and `1.` numbers a speech's points). An
 * unpaired `**` stays: the corpus uses `**` for redacted names.
 */
export function markdownVisibleText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .split(/\r?\n/)
    .map((line) =>
      /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)
        ? ''
        : line
            .replace(/^\s{0,3}(>\s?)+/, '')
            .replace(/^\s{0,3}#{1,6}(\s+|$)/, '')
            .replace(/\s+#+\s*$/, '')
            .replace(/^\s*[-*+]\s+(\[[ xX]\]\s+)?/, ''),
    )
    .join('\n')
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, '')
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/`+([^`\n]*)`+/g, '$1')
    .replace(/<\/?[A-Za-z][^>\n]*>/g, '')
    .replace(/(\*\*|__|~~)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(\*|_)(?=[^\s*_])([^*_\n]*?[^\s*_])\1/g, '$2');
}

/** Minutes to read `spoken` 字 aloud at `rate` 字 per minute (a bad rate falls back to the default). */
export function speakingMinutes(spoken: number, rate: number = DEFAULT_SPEAKING_RATE): number {
  const r = Number.isFinite(rate) && rate > 0 ? rate : DEFAULT_SPEAKING_RATE;
  return spoken / r;
}
