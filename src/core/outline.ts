// The outline of a speech from its numbering: `一、` above `（一）` above `第一，`/`1.` above `（1）`
// (`第一，` is the top level of a speech without `一、`),
// compressed to the levels the document actually uses; `一是`/`一要` are points under the heading before.
import type { Heading } from './types';

const NUM = '[一二三四五六七八九十]{1,3}';

/** `第一，` has no fixed rank: in speeches it is the top level, unless `一、` is used above it. */
const ORDINAL = -1;
const ORDINAL_UNDER_CHINESE = 3;
const ORDINAL_ON_TOP = 0.5;
/** Marks a point (`一是`): its level comes from the heading before it, not from a rank. */
const POINT_RANK = 0;

/** Numbering styles in their conventional order of rank (lower = higher in the outline). */
const STYLES: { rank: number; numbering: Numbering; pattern: RegExp }[] = [
  { rank: 1, numbering: '一、', pattern: new RegExp(`^${NUM}[、．.](?![、．.])`) },
  { rank: 2, numbering: '（一）', pattern: new RegExp(`^[（(]${NUM}[）)]`) },
  { rank: ORDINAL, numbering: '第一，', pattern: new RegExp(`^第${NUM}[，、：:,．.](?=\\S)`) },
  { rank: 4, numbering: '1.', pattern: /^\d{1,2}(?:[、．]|\.(?!\d))(?=\S)/ },
  { rank: 5, numbering: '（1）', pattern: /^[（(]\d{1,2}[）)]/ },
];

/** The numbering styles of a speech's headings, by the style of their first instance. */
export type Numbering = '一、' | '（一）' | '第一，' | '1.' | '（1）';

/** The numbering a line (already trimmed) starts with, by the rules above; `一是` points are not numbering. */
export function numberingOf(line: string): Numbering | undefined {
  return STYLES.find((st) => st.pattern.test(line))?.numbering;
}
/** `一是`, `二要`, `三则`: enumerated points inside a section, not headings of their own. */
const POINT = new RegExp(`^${NUM}(?:是|要)(?=[^，,。；：\\s])`);

const HEADING_TEXT_MAX = 40;

export function extractOutline(text: string): Heading[] {
  const lines = text.split(/\r\n|\r|\n/);
  const found: { rank: number; line: number; text: string }[] = [];
  lines.forEach((raw, line) => {
    const s = raw.trim();
    if (!s) return;
    const style = STYLES.find((st) => st.pattern.test(s));
    if (style) found.push({ rank: style.rank, line, text: headingText(s) });
    else if (POINT.test(s)) found.push({ rank: POINT_RANK, line, text: headingText(s) });
  });
  const usesChinese = found.some((f) => f.rank === 1);
  for (const f of found) if (f.rank === ORDINAL) f.rank = usesChinese ? ORDINAL_UNDER_CHINESE : ORDINAL_ON_TOP;
  // Levels are relative: a speech whose top level is `第一，` shows it at level 1.
  const ranks = [...new Set(found.filter((f) => f.rank !== POINT_RANK).map((f) => f.rank))].sort((a, b) => a - b);
  const headings: Heading[] = [];
  let lastLevel = 0;
  for (const f of found) {
    if (f.rank === POINT_RANK) {
      headings.push({ level: lastLevel + 1, text: f.text, line: f.line, point: true });
    } else {
      lastLevel = ranks.indexOf(f.rank) + 1;
      headings.push({ level: lastLevel, text: f.text, line: f.line });
    }
  }
  return headings;
}

/** The heading sentence: up to the first full stop, at most HEADING_TEXT_MAX characters. */
function headingText(line: string): string {
  const end = line.search(/[。！？!?]/);
  const sentence = (end > 0 ? line.slice(0, end) : line).trim();
  return sentence.length > HEADING_TEXT_MAX ? `${sentence.slice(0, HEADING_TEXT_MAX)}…` : sentence;
}
