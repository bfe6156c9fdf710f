// The two page formats a draft leaves the editor in, in the units a .docx stores (twips, 1/20 pt),
// so the layout model (layout.ts) and the writer (docx.ts) read the same numbers.
//
// 公文格式 follows GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, 22 lines of 28
// characters, title 2号 (22 pt), body 3号 (16 pt). 讲话稿格式 keeps the page and 版心 and sets
// larger type on fewer, wider-spaced lines for reading aloud.
//
// Why the body is not snapped to the character grid: 28 characters of 16 pt need 448 pt, the 版心 is
// 442.25 pt. Word compresses each character to the 15.79 pt grid cell; LibreOffice (7.4) instead gives
// every character wider than its cell two cells, i.e. 14 characters a line. So the section still
// declares the 22 × 28 grid (Word's page setup shows it), while paragraphs opt out of the grid and
// set characters at 98 % width (字符缩放): 28 characters then take 439 pt in Word, WPS and LibreOffice
// alike, and every line is an exact 28.95 pt (= 225 mm / 22), so a page holds exactly 22 lines.
// (Condensed spacing would do as well in Word, but LibreOffice leaves the last character of every
// run uncondensed, so a line's width would depend on how its runs fall.)

export type ExportFormat = 'gongwen' | 'speech';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['gongwen', 'speech'];

/** 字号 of Chinese typesetting, in points. */
export const FONT_SIZE_PT = { 二号: 22, 小二: 18, 三号: 16, 四号: 14 } as const;
export type SpeechFontSize = '三号' | '小二';

export const TWIPS_PER_PT = 20;
const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

/** A4 portrait with the GB/T 9704 margins: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm. */
export const PAGE = {
  width: mmToTwips(210),
  height: mmToTwips(297),
  top: mmToTwips(37),
  left: mmToTwips(28),
  right: mmToTwips(26),
  bottom: mmToTwips(35),
} as const;
/** 版心 width and height in twips (8845 × 12756). */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;

/** GB/T 9704 7.5: the page number's 一字线 sits 7 mm below the 版心. */
export const PAGE_NUMBER_GAP_MM = 7;

export interface FormatSpec {
  readonly format: ExportFormat;
  /** Body (and heading) size in points. */
  readonly bodyPt: number;
  /** Title size in points (2号). */
  readonly titlePt: number;
  /** Lines a page holds and characters a line holds: the document grid. */
  readonly linesPerPage: number;
  readonly charsPerLine: number;
  /** Exact line height of every line, in twips (the grid's line pitch). */
  readonly lineTwips: number;
  /** Character width scale of the text, in percent (see the header comment). */
  readonly scalePercent: number;
  /** Title characters per line at most (titles are broken into balanced lines before layout). */
  readonly titleCharsPerLine: number;
  /** Page numbers alternate right (odd) and left (even), or sit centred. */
  readonly pageNumbers: 'outside' | 'centre';
}

/** The grid pitch of one character cell in twips, as the section's grid declares it. */
export function charPitchTwips(spec: FormatSpec): number {
  return TEXT_WIDTH / spec.charsPerLine;
}

/** Twips one body character advances: its size at the width scale. */
export function bodyAdvanceTwips(spec: FormatSpec): number {
  return (spec.bodyPt * TWIPS_PER_PT * spec.scalePercent) / 100;
}

/** 2-character first-line indent, in whole twips. */
export function indentTwips(spec: FormatSpec, chars = 2): number {
  return Math.round(chars * bodyAdvanceTwips(spec));
}

export function formatSpec(format: ExportFormat, speechFontSize: SpeechFontSize = '小二'): FormatSpec {
  if (format === 'gongwen') {
    return {
      format,
      bodyPt: FONT_SIZE_PT.三号,
      titlePt: FONT_SIZE_PT.二号,
      linesPerPage: 22,
      charsPerLine: 28,
      lineTwips: Math.floor(TEXT_HEIGHT / 22),
      scalePercent: 98,
      titleCharsPerLine: 18,
      pageNumbers: 'outside',
    };
  }
  // 讲话稿: about twice the body size between lines, for a reader who looks up and finds the line again.
  const large = speechFontSize === '小二';
  const linesPerPage = large ? 17 : 18;
  return {
    format,
    bodyPt: large ? FONT_SIZE_PT.小二 : FONT_SIZE_PT.三号,
    titlePt: FONT_SIZE_PT.二号,
    linesPerPage,
    charsPerLine: large ? 24 : 28,
    lineTwips: Math.floor(TEXT_HEIGHT / linesPerPage),
    scalePercent: large ? 100 : 98,
    titleCharsPerLine: 18,
    pageNumbers: 'centre',
  };
}
