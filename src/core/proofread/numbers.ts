// 数字 per GB/T 15835-2011 出版物上数字用法: a year is written in full (2023年, not 23年), in
// Chinese numerals with 〇 for zero (二〇二三年, not 二零二三年), and one draft writes its years one
// way; a range of percentages keeps both % (10%～20%); a range of numbers takes the wave dash ～,
// a range of years the dash — (2023—2024年), never a hyphen.
import { finding, replacement } from './finding';
import type { Paragraph } from './prose';
import type { ProofreadFinding } from './types';

const CN_DIGITS = '〇一二三四五六七八九';
const CN_YEAR = /(?<![一二三四五六七八九十〇零○Ｏ百千万亿第])[一二三四五六七八九〇零○Ｏ]{4}(?=年)/g;
const ARABIC_YEAR = /(?<![\d.])(1[89]\d\d|20\d\d)(?=年)/g;
/** A line that is only a date, as under a title or at the end of a speech: (二〇二三年三月五日). */
const DATE_LINE = /^[\s\u3000（(]*[一二三四五六七八九〇零○Ｏ]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?[）)\s\u3000]*$/;

function yearOf(cn: string): string {
  return [...cn].map((c) => String(CN_DIGITS.indexOf(c === '零' || c === '○' || c === 'Ｏ' ? '〇' : c))).join('');
}

export function checkNumbers(paragraphs: readonly Paragraph[]): ProofreadFinding[] {
  const out: ProofreadFinding[] = [];
  const arabicYears: string[] = [];
  const chineseYears: { p: Paragraph; at: number; text: string; dateLine: boolean }[] = [];
  for (const p of paragraphs) {
    const s = p.text;
    const local: ProofreadFinding[] = [];
    for (const m of s.matchAll(ARABIC_YEAR)) arabicYears.push(m[1]);
    const dateLine = DATE_LINE.test(s);
    for (const m of s.matchAll(CN_YEAR)) {
      chineseYears.push({ p, at: m.index!, text: m[0], dateLine });
      if (/[零○Ｏ]/.test(m[0])) local.push(replacement('number.yearZero', s, m.index!, m.index! + 4, m[0].replace(/[零○Ｏ]/g, '〇'), true));
    }
    // Percent ranges: 10～20% → 10%～20% (the first % may not be left out).
    for (const m of s.matchAll(/(?<![\d.%])(\d+(?:\.\d+)?)(\s*)([～~\-－–—至到])(\s*)(\d+(?:\.\d+)?)[%％]/g)) {
      local.push(replacement('number.percentRange', s, m.index!, m.index! + m[1].length, `${m[1]}%`, true, { range: m[0] }));
    }
    // Hyphens in ranges: 10-20万 → 10～20万; 2023-2024年 → 2023—2024年.
    for (const m of s.matchAll(/(?<![\d.A-Za-z-])(\d+(?:\.\d+)?)[%％]?\s*([-－–~])\s*(\d+(?:\.\d+)?)(?=[%％万亿千百个名人岁件项次倍元吨米天年月日家所亩户]|[（）《》“”，。、；：\s]|$)(?![\d-])/g)) {
      const unit = s[m.index! + m[0].length];
      // Times take the dash (2023—2024年, 1—9月); other numbers the wave dash (10～20万).
      const time = (/^(1[89]|20)\d\d$/.test(m[1]) && /^(1[89]|20)\d\d$/.test(m[3]) && unit === '年') || unit === '月' || unit === '日';
      // Dates and codes (2023-03-05, 0571-8888) are not ranges; a range joins numbers of one kind.
      if (!time && (/^0/.test(m[1]) || s[m.index! + m[0].length] === '-')) continue;
      const markAt = m.index! + m[0].indexOf(m[2], m[1].length);
      local.push(replacement('number.rangeMark', s, markAt, markAt + 1, time ? '—' : '～', true));
    }
    // 23年3月: a year cut to two digits (a duration such as 23年来 is not followed by a month).
    for (const m of s.matchAll(/(?<![\d.])(\d{2})(?=年\d{1,2}月)/g)) local.push(finding('number.shortYear', m.index!, m.index! + 2, { found: m[0] }, undefined, false));
    for (const f of local) out.push({ ...f, start: f.start + p.start, end: f.end + p.start });
  }
  // A short year gets the century the draft's full years use, if they all agree.
  const centuries = new Set(arabicYears.map((y) => y.slice(0, 2)));
  for (const f of out)
    if (f.code === 'number.shortYear' && centuries.size === 1) {
      f.fix = [...centuries][0] + f.params.found;
      f.params.expected = f.fix;
    }
  // One style of years per draft: running text that writes years both ways is flagged where it differs from the majority.
  const running = chineseYears.filter((y) => !y.dateLine);
  if (running.length && arabicYears.length > running.length)
    for (const y of running) out.push(finding('number.yearStyle', y.p.start + y.at, y.p.start + y.at + 4, { found: y.text, style: 'arabic' }, yearOf(y.text), false));
  return out;
}

