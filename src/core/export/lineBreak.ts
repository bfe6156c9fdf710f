// How an office suite breaks a Chinese paragraph into lines, modelled closely enough that the page
// preview's page count equals LibreOffice's for the exported .docx (measured on the 33 sample
// speeches, see test/integration/export.test.ts):
//   - every CJK character and full-width mark advances one em at the text's width scale;
//     “ ” ‘ ’ — … · are set in the Chinese font (the writer gives them all four font slots), so they
//     are full-width too;
//   - a run of half-width characters (digits, Latin letters, ASCII marks) is one unbreakable word of
//     its Times New Roman widths (Liberation Serif, metric-compatible, stands in for it on Linux);
//     a space ends a word and costs nothing at the end of a line;
//   - between Chinese and such a run the suite adds a small gap (Word's autoSpaceDE/DN, LibreOffice's
//     ideograph-alpha spacing);
//   - 避头尾: no line starts with a mark of FORBIDDEN_START nor ends with one of FORBIDDEN_END (the
//     zh-CN lists LibreOffice ships); a mark that does not fit pulls the character before it down
//     (punctuation never hangs into the margin: the .docx turns hanging off).

/** Marks that may not begin a line (LibreOffice's zh-CN ForbiddenLineBeginCharacters). */
export const FORBIDDEN_START = new Set(
  ':!),.:;?]}¢\'"、。〉》」』】〕〗〞︰︱︳﹐､﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？｜｝︴︶︸︺︼︾﹀﹂﹄﹏､～￠々‖•·ˇˉ―-′’”',
);
/** Marks that may not end a line (LibreOffice's zh-CN ForbiddenLineEndCharacters). */
export const FORBIDDEN_END = new Set('([{£¥\'"‵〈《「『【〔〖（［｛￡￥〝︵︷︹︻︽︿﹁﹃﹙﹛﹝（｛“‘');

/** Characters of East-Asian-ambiguous width that Chinese text sets full width, in the Chinese font. */
export const CHINESE_AMBIGUOUS = /[\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7\u2025\u2030\u2032\u2033\u203b\u00a7\u00b0\u00d7\u00f7\u2116\u2103\u2160-\u216b\u2460-\u2473\u2474-\u249b\u25a0-\u25ff\u2605\u2606]/;

/** Advance widths of printable ASCII (U+0020–U+007E) in 1/1000 em: Times New Roman / Liberation Serif. */
const TIMES_REGULAR = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];
const TIMES_BOLD = [
  250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
  930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
  333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
];

/**
 * The width a line may fill, in twips: in LibreOffice a line whose text comes within 3 twips
 * (0.15 pt) of the text area's width does not fit (its margins go through 1/100 mm and back, and
 * its glyph widths are rounded); measured on the sample speeches.
 */
export const lineWidth = (textWidthTwips: number) => textWidthTwips - 3;

/** Gap the suite puts between a Chinese character and a half-width letter or digit, in em. */
export const AUTOSPACE_EM = 0.2;

export interface TextStyle {
  /** Font size in points. */
  sizePt: number;
  /** Character width scale in percent. */
  scalePercent: number;
  bold?: boolean;
}

/** Twips per 1/1000 em of the style (its size at its width scale). */
/** The suite measures every glyph in whole twips (found by comparing line breaks with LibreOffice's). */
const glyphTwips = (w: number) => Math.round(w);
const unitTwips = (style: TextStyle) => (style.sizePt * 20 * style.scalePercent) / 100 / 1000;

const enum Kind {
  Wide,
  Narrow,
  Space,
}

function kindOf(ch: string, code: number): Kind {
  if (code === 0x20 || code === 0x09 || code === 0xa0) return Kind.Space;
  const wide =
    CHINESE_AMBIGUOUS.test(ch) ||
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000;
  return wide ? Kind.Wide : Kind.Narrow;
}

/** Width of one half-width character in twips (Times metrics; other scripts at half an em). */
function narrowTwips(code: number, style: TextStyle): number {
  const table = style.bold ? TIMES_BOLD : TIMES_REGULAR;
  const em = code >= 0x20 && code <= 0x7e ? table[code - 0x20] : 500;
  return glyphTwips(em * unitTwips(style));
}

const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const ALNUM = /[0-9A-Za-z\u00c0-\u024f]/;

/** One unbreakable piece of a line: a CJK character, a half-width word, or a space. */
export interface Unit {
  /** UTF-16 offsets in the paragraph text. */
  start: number;
  end: number;
  kind: 'wide' | 'narrow' | 'space';
  /** Advance in twips, without any autospace gap. */
  width: number;
}

export function units(text: string, style: TextStyle, headingStyle?: { length: number; style: TextStyle }): Unit[] {
  const out: Unit[] = [];
  const wide = glyphTwips(1000 * unitTwips(style));
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    const size = ch.length;
    const s = headingStyle && i < headingStyle.length ? headingStyle.style : style;
    const kind = kindOf(ch, code);
    if (kind === Kind.Wide) {
      out.push({ start: i, end: i + size, kind: 'wide', width: s === style ? wide : glyphTwips(1000 * unitTwips(s)) });
      i += size;
    } else if (kind === Kind.Space) {
      out.push({ start: i, end: i + 1, kind: 'space', width: narrowTwips(0x20, s) });
      i += 1;
    } else {
      // Letters and digits start a Latin word that takes the marks after them (「2,000」「3.5%」「2023,」)
      // and cannot be broken; a mark with no letter or digit before it belongs to the Chinese around
      // it and breaks like a Chinese character (LibreOffice breaks 「**」 between its stars).
      let j = i;
      let width = 0;
      let latin = false;
      while (j < text.length) {
        const c = text.codePointAt(j)!;
        const cs = String.fromCodePoint(c);
        if (kindOf(cs, c) !== Kind.Narrow) break;
        if (ALNUM.test(cs)) latin = true;
        else if (!latin && j > i) break;
        width += narrowTwips(c, headingStyle && j < headingStyle.length ? headingStyle.style : style);
        j += cs.length;
        if (!latin) break;
      }
      out.push({ start: i, end: j, kind: 'narrow', width });
      i = j;
    }
  }
  return out;
}

/** Closing marks a half-width letter or digit stays attached to (found in LibreOffice: 「，1」 never breaks, 「；1」 does). */
const CLOSE_BEFORE_ALNUM = new Set('，。、．）］｝〉》」』】〕〗〙〛”’');

/** May a line break fall between units a and b? */
function breakAllowed(text: string, a: Unit, b: Unit): boolean {
  if (a.kind === 'space') return true;
  if (b.kind === 'space') return false;
  const last = text[a.end - 1];
  const first = text[b.start];
  if (FORBIDDEN_END.has(last) || FORBIDDEN_START.has(first)) return false;
  if (b.kind === 'narrow' && ALNUM.test(first) && CLOSE_BEFORE_ALNUM.has(last)) return false;
  return true;
}


/**
 * Gap the suite adds between a Chinese character and a half-width letter or digit next to it
 * (not next to marks): a fifth of an em (measured in LibreOffice: 3.1 pt at 3号, 98 %).
 */
export function autospaceTwips(style: TextStyle): number {
  return glyphTwips(AUTOSPACE_EM * 1000 * unitTwips(style));
}

/** Autospace gap between two adjacent units of `text`, in twips. */
function gap(text: string, a: Unit | undefined, b: Unit, style: TextStyle): number {
  if (!a) return 0;
  const left = text[a.end - 1];
  const right = text[b.start];
  const mixed = (a.kind === 'wide' && b.kind === 'narrow' && IDEOGRAPH.test(left) && ALNUM.test(right)) || (a.kind === 'narrow' && b.kind === 'wide' && ALNUM.test(left) && IDEOGRAPH.test(right));
  return mixed ? autospaceTwips(style) : 0;
}

/** Width in twips of a text set on one line (no breaking). */
export function textWidth(text: string, style: TextStyle): number {
  const us = units(text, style);
  return us.reduce((w, u, i) => w + gap(text, us[i - 1], u, style) + u.width, 0);
}

export interface BrokenLine {
  /** UTF-16 offsets of the line in the paragraph. */
  start: number;
  end: number;
}

/**
 * Breaks a paragraph into lines of at most `firstWidth` (first line) and `width` (the rest) twips.
 * Returns at least one line (an empty paragraph is one empty line).
 */
export function breakLines(text: string, style: TextStyle, firstWidth: number, width: number, headingStyle?: { length: number; style: TextStyle }): BrokenLine[] {
  const us = units(text, style, headingStyle);
  if (!us.length) return [{ start: 0, end: text.length }];
  const lines: BrokenLine[] = [];
  let from = 0;
  while (from < us.length) {
    const limit = lines.length ? width : firstWidth;
    let used = 0;
    let k = from;
    for (; k < us.length; k++) {
      const u = us[k];
      const add = gap(text, k > from ? us[k - 1] : undefined, u, style) + u.width;
      // A space at the end of a line costs nothing.
      if (u.kind !== 'space' && used + add > limit) break;
      used += add;
    }
    if (k >= us.length) {
      lines.push({ start: us[from].start, end: text.length });
      break;
    }
    // us[k] does not fit: break before the last unit at or before k that may start a line.
    let cut = k;
    while (cut > from && !breakAllowed(text, us[cut - 1], us[cut])) cut--;
    if (cut === from) cut = Math.max(k, from + 1); // nothing allowed: break where it overflows
    lines.push({ start: us[from].start, end: us[cut - 1].end });
    from = cut;
    while (from < us.length && us[from].kind === 'space') from++; // spaces at a break vanish
  }
  return lines;
}
