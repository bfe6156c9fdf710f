// 序号: the levels of a speech's numbering go 一、→（一）→1.→（1）, each written in its own form
// (not 一. or (一) or 1、), and each level counts 1, 2, 3… under its heading without a gap or a
// repeat. Points in running text (一是…二是…) count the same way.
import { finding } from './finding';
import type { Paragraph } from './prose';
import type { ProofreadFinding } from './types';

const CN = '一二三四五六七八九十';

/** 一…九十九 as a number; 0 when not a Chinese numeral of that range. */
export function chineseNumber(s: string): number {
  if (/^[一二三四五六七八九]$/.test(s)) return CN.indexOf(s) + 1;
  const m = /^([二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return 0;
  return (m[1] ? CN.indexOf(m[1]) + 1 : 1) * 10 + (m[2] ? CN.indexOf(m[2]) + 1 : 0);
}

function chineseNumeral(n: number): string {
  if (n < 10) return CN[n - 1];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens > 1 ? CN[tens - 1] : '') + '十' + (ones ? CN[ones - 1] : '');
}

type Style = 'chinese' | 'parenChinese' | 'ordinal' | 'arabic' | 'parenArabic' | 'point';

/** Conventional rank (lower = higher level); the ordinal 第一， is placed by the speech, not by rank. */
const RANK: Partial<Record<Style, number>> = { chinese: 1, parenChinese: 2, arabic: 4, parenArabic: 5 };

interface Mark {
  style: Style;
  n: number;
  /** Offsets of the number (what a skip or repeat flags) and of the whole mark (what a form fix replaces). */
  numberStart: number;
  numberEnd: number;
  markStart: number;
  markEnd: number;
  /** The mark in its right form, when it is written otherwise. */
  rightForm?: string;
}

const NUM = '[一二三四五六七八九十]{1,3}';
const HEADINGS: { style: Style; pattern: RegExp; form: (num: string, m: RegExpExecArray) => string }[] = [
  // 一、 (wrong: 一. 一． 一， 一,)
  { style: 'chinese', pattern: new RegExp(`^(${NUM})([、.．，,])(?![、.．])`), form: (n) => `${n}、` },
  // （一） (wrong: (一) （一) (一） and a 、 after it)
  { style: 'parenChinese', pattern: new RegExp(`^([（(])(${NUM})([）)])(、?)`), form: (n) => `（${n}）` },
  { style: 'ordinal', pattern: new RegExp(`^第(${NUM})(?=[，、：,:．.])`), form: (n) => `第${n}` },
  // 1. or 1． (wrong: 1、 1， 1,)
  { style: 'arabic', pattern: /^(\d{1,2})([.．、，,])(?![\d.．])(?=\S)/, form: (n, m) => `${n}${m[2] === '．' ? '．' : '.'}` },
  { style: 'parenArabic', pattern: /^([（(])(\d{1,2})([）)])(、?)/, form: (n) => `（${n}）` },
];

function markOf(p: Paragraph): Mark | undefined {
  const lead = /^[\s\u3000]*/.exec(p.text)![0].length;
  const s = p.text.slice(lead);
  for (const h of HEADINGS) {
    const m = h.pattern.exec(s);
    if (!m) continue;
    const paren = h.style === 'parenChinese' || h.style === 'parenArabic';
    const num = paren ? m[2] : m[1];
    const n = /\d/.test(num) ? Number(num) : chineseNumber(num);
    if (!n) continue;
    const numberStart = p.start + lead + (paren ? 1 : h.style === 'ordinal' ? 1 : 0);
    const written = m[0];
    const right = h.form(num, m);
    return {
      style: h.style,
      n,
      numberStart,
      numberEnd: numberStart + num.length,
      markStart: p.start + lead,
      markEnd: p.start + lead + written.length,
      rightForm: h.style !== 'ordinal' && written !== right ? right : undefined,
    };
  }
  return undefined;
}

/** 一是, 二要… at the start of a line or after a full stop, semicolon or colon. */
const POINT = /(?:^|[。；：！？，,;:.!?\s\u3000])([一二三四五六七八九十]{1,2})(?:是|要)(?=[^，。；、\s])/g;

interface Level {
  style: Style;
  n: number;
}

function numberText(style: Style, n: number): string {
  return style === 'arabic' || style === 'parenArabic' ? String(n) : chineseNumeral(n);
}

export function checkNumbering(paragraphs: readonly Paragraph[]): ProofreadFinding[] {
  const out: ProofreadFinding[] = [];
  const open: Level[] = [];
  let points: Level | undefined;
  const counted = (level: Level, mark: Mark, top: boolean) => {
    // A repeat or a gap; a new count from 1 (another list) is not an error.
    if (mark.n === level.n) out.push(finding('numbering.repeated', mark.numberStart, mark.numberEnd, { found: numberText(mark.style, mark.n), expected: numberText(mark.style, level.n + 1) }, numberText(mark.style, level.n + 1), false));
    else if (mark.n > level.n + 1 && !(top && level.n === 0)) out.push(finding('numbering.skipped', mark.numberStart, mark.numberEnd, { found: numberText(mark.style, mark.n), expected: numberText(mark.style, level.n + 1) }, numberText(mark.style, level.n + 1), false));
    level.n = mark.n;
  };
  for (const p of paragraphs) {
    const mark = markOf(p);
    if (mark) {
      points = undefined;
      if (mark.rightForm) out.push(finding('numbering.form', mark.markStart, mark.markEnd, { found: p.text.slice(mark.markStart - p.start, mark.markEnd - p.start), expected: mark.rightForm }, mark.rightForm, true));
      const k = open.findIndex((l) => l.style === mark.style);
      if (k >= 0) {
        open.splice(k + 1);
        counted(open[k], mark, k === 0);
      } else {
        const parent = open[open.length - 1];
        const rank = RANK[mark.style];
        const parentRank = parent && RANK[parent.style];
        if (rank !== undefined && parentRank !== undefined && rank < parentRank)
          out.push(finding('numbering.levelOrder', mark.markStart, mark.markEnd, { found: p.text.slice(mark.markStart - p.start, mark.markEnd - p.start).trim(), after: numberText(parent.style, parent.n) }, undefined, false));
        const level: Level = { style: mark.style, n: 0 };
        open.push(level);
        counted(level, mark, open.length === 1);
      }
      continue;
    }
    for (const m of p.text.matchAll(POINT)) {
      const n = chineseNumber(m[1]);
      if (!n) continue;
      const at = p.start + m.index! + m[0].length - m[1].length - 1;
      const point: Mark = { style: 'point', n, numberStart: at, numberEnd: at + m[1].length, markStart: at, markEnd: at + m[1].length + 1 };
      if (n === 1 || !points) points = { style: 'point', n: n === 1 ? 0 : n - 1 };
      counted(points, point, false);
    }
  }
  return out;
}
