// Fonts of the exported document, each a list: the font to use, then what to use without it.
//
// A .docx names one font per slot (w:rFonts) and, in its font table, one alternative (w:altName):
// so the first name goes into the text, the second into the font table as its altName (Word and
// WPS use it when the first is not installed), and the font table also says "Chinese (GB2312),
// serif/sans" for each, from which Word picks its own Chinese font when neither is there — that is
// where 宋体 at the end of 方正小标宋简体 → 华文中宋 → 宋体 comes from. Nothing is embedded: the
// _GB2312 fonts lack rare characters (a fallback must stay possible) and the 方正 fonts may not be
// redistributed.

export interface ExportFonts {
  /** 公文标题: 方正小标宋简体 → 华文中宋 → 宋体. */
  title: string[];
  /** 正文 and the 1. / （1） headings: 仿宋_GB2312 → 仿宋. */
  body: string[];
  /** 一、 headings: 黑体. */
  heading1: string[];
  /** （一） headings, the 讲话稿's speaker line and subtitles: 楷体_GB2312 → 楷体. */
  heading2: string[];
  /** Page numbers (GB/T 9704: 4号半角宋体). */
  pageNumber: string[];
  /** Half-width letters and digits of the text. */
  latin: string;
}

export const DEFAULT_FONTS: ExportFonts = {
  title: ['方正小标宋简体', '华文中宋', '宋体'],
  body: ['仿宋_GB2312', '仿宋'],
  heading1: ['黑体'],
  heading2: ['楷体_GB2312', '楷体'],
  pageNumber: ['宋体'],
  latin: 'Times New Roman',
};

/** A font list from a setting: 「方正小标宋简体, 华文中宋, 宋体」 (commas, 、 or ， between names), or the default when empty. */
export function fontList(value: unknown, fallback: string[]): string[] {
  const names = (Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '')
    .split(/[,，、;；\n]/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0 && n.length <= 64);
  return names.length ? names : fallback;
}

/** Fonts that are sans-serif (黑体 family); the rest are serif for the font table's family hint. */
const SANS = /黑|hei|sans|雅黑|yahei|arial|等线|dengxian/i;

export function fontFamilyHint(name: string): 'swiss' | 'roman' {
  return SANS.test(name) ? 'swiss' : 'roman';
}
