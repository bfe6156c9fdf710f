// 标点 per GB/T 15834-2011 标点符号用法: the marks of Chinese text are full-width; quotes, brackets and
// book-title marks come in pairs (a quotation over several paragraphs opens each and closes once);
// a quotation inside a quotation takes ‘’; the ellipsis is …… and the dash ——; a list that ends in
// 等 has no 顿号 before it; adjacent numbers of an estimate take none either (三四个).
import { finding, replacement } from './finding';
import { isHan, type Paragraph } from './prose';
import type { ProofreadFinding } from './types';

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。', '(': '（', ')': '）' };
/** Full-width marks that may stand next to a half-width one in Chinese text (“30余个”,整改). */
const CJK_MARK = /[，。、；：？！“”‘’（）《》〈〉「」『』【】…—]/;
const isChinese = (ch: string | undefined) => ch !== undefined && (isHan(ch.charCodeAt(0)) || CJK_MARK.test(ch));
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isLatin = (ch: string | undefined) => ch !== undefined && /[A-Za-z]/.test(ch);

/** The nearest character before/after `i` in `s` that is not a space. */
function neighbour(s: string, i: number, step: 1 | -1): string | undefined {
  for (let j = i + step; j >= 0 && j < s.length; j += step) if (s[j] !== ' ' && s[j] !== '\t') return s[j];
  return undefined;
}

/** A line that starts with a numbering mark (一. (一) 1.): the numbering checker owns its form. */
const NUMBERING_START = /^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}[.．,，]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])/;

function halfWidth(p: Paragraph, out: ProofreadFinding[]): void {
  const s = p.text;
  const numbering = NUMBERING_START.exec(s);
  const from = numbering ? numbering[0].length : 0;
  for (let i = from; i < s.length; i++) {
    const ch = s[i];
    if (!(ch in FULL_WIDTH) || ch === '(' || ch === ')') continue;
    const left = neighbour(s, i, -1);
    const right = neighbour(s, i, 1);
    // Between Chinese on the left and Chinese, the line's end or a number on the right
    // (“30余个,整改”, “讲话.”, “时间:10时”); 1,000 and 3.5 and 10:30 stay as they are.
    const chineseLeft = isChinese(left);
    const ok =
      ch === '.'
        ? chineseLeft && (right === undefined || isChinese(right)) && s[i + 1] !== '.' && s[i - 1] !== '.'
        : (chineseLeft && (right === undefined || isChinese(right) || isDigit(right) || isLatin(right))) || (isChinese(right) && (isDigit(left) || left === undefined) && ch !== ':');
    if (!ok) continue;
    // The spaces a half-width comma brings with it go too (30余个, 整改 → 30余个，整改).
    let end = i + 1;
    while (end < s.length && s[end] === ' ' && isChinese(neighbour(s, end - 1, 1))) end++;
    out.push(replacement('punctuation.halfWidth', s, i, end, FULL_WIDTH[ch], true));
  }
  // Half-width parentheses around Chinese: (市委办公室) → （市委办公室）.
  for (const m of s.matchAll(/\(([^()]*)\)/g)) {
    const at = m.index!;
    if (at < from) continue;
    const inner = m[1];
    if (![...inner].some((c) => isHan(c.charCodeAt(0))) && !isChinese(neighbour(s, at, -1))) continue;
    out.push(replacement('punctuation.halfWidth', s, at, at + 1, '（', true));
    out.push(replacement('punctuation.halfWidth', s, at + m[0].length - 1, at + m[0].length, '）', true));
  }
}

function straightQuotes(p: Paragraph, out: ProofreadFinding[]): void {
  const s = p.text;
  const at: number[] = [];
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) at.push(i);
  if (!at.length) return;
  for (let k = 0; k + 1 < at.length; k += 2) {
    const inner = s.slice(at[k] + 1, at[k + 1]);
    const chinese = [...inner].some((c) => isHan(c.charCodeAt(0))) || isChinese(neighbour(s, at[k], -1)) || isChinese(neighbour(s, at[k + 1], 1));
    if (!chinese) continue;
    out.push(replacement('punctuation.straightQuotes', s, at[k], at[k] + 1, '“', true));
    out.push(replacement('punctuation.straightQuotes', s, at[k + 1], at[k + 1] + 1, '”', true));
  }
  if (at.length % 2) {
    const i = at[at.length - 1];
    if (isChinese(neighbour(s, i, -1)) || isChinese(neighbour(s, i, 1))) out.push(finding('punctuation.straightQuotes', i, i + 1, { found: '"', expected: '“”' }, undefined, false));
  }
}

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '（': '）', '《': '》', '〈': '〉', '「': '」', '『': '』', '【': '】' };
const CLOSERS: Record<string, string> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [c, o]));

/**
 * Unpaired marks, and double quotes nested in double quotes. `continues` is true when the next
 * paragraph opens with “ (a quotation of several paragraphs leaves each but the last open).
 */
function pairs(p: Paragraph, continues: boolean, out: ProofreadFinding[]): void {
  const s = p.text;
  const stack: { ch: string; at: number }[] = [];
  const nested: [number, number][] = [];
  let broken = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch in PAIRS) {
      stack.push({ ch, at: i });
    } else if (ch in CLOSERS) {
      const open = CLOSERS[ch];
      // Close the nearest matching opener; marks opened after it and never closed are unpaired.
      let k = stack.length - 1;
      while (k >= 0 && stack[k].ch !== open) k--;
      if (k < 0) {
        out.push(finding('punctuation.unpaired', i, i + 1, { mark: ch, partner: open }, undefined, false));
        broken = true;
        continue;
      }
      for (const o of stack.splice(k + 1)) {
        out.push(finding('punctuation.unpaired', o.at, o.at + 1, { mark: o.ch, partner: PAIRS[o.ch] }, undefined, false));
        broken = true;
      }
      const o = stack.pop()!;
      if (o.ch === '“' && stack.some((x) => x.ch === '“')) nested.push([o.at, i]);
    }
  }
  for (const o of stack) {
    if (o.ch === '“' && continues && stack.filter((x) => x.ch === '“').length === 1) continue;
    out.push(finding('punctuation.unpaired', o.at, o.at + 1, { mark: o.ch, partner: PAIRS[o.ch] }, undefined, false));
    broken = true;
  }
  if (broken) return;
  for (const [a, b] of nested) {
    out.push(replacement('punctuation.nestedQuotes', s, a, a + 1, '‘', true));
    out.push(replacement('punctuation.nestedQuotes', s, b, b + 1, '’', true));
  }
}

function marks(p: Paragraph, out: ProofreadFinding[]): void {
  const s = p.text;
  const chinese = [...s].some((c) => isHan(c.charCodeAt(0)));
  if (!chinese) return;
  // A line of ellipses alone marks omitted paragraphs in an excerpt.
  const omission = /^[\s\u3000]*[…。.·]+[\s\u3000]*$/.test(s);
  if (!omission)
    for (const m of s.matchAll(/…+|\.{3,}|。{3,}|·{3,}|⋯+/g)) {
      const found = m[0];
      if (found[0] === '…' && (found.length === 2 || found.length === 4)) continue;
      // ... after a number or a Latin word is not Chinese text's ellipsis.
      if (found[0] !== '…' && found[0] !== '。' && !isChinese(neighbour(s, m.index!, -1)) && !isChinese(neighbour(s, m.index! + found.length - 1, 1))) continue;
      out.push(replacement('punctuation.ellipsis', s, m.index!, m.index! + found.length, found.length > 6 && found[0] === '…' ? '…………' : '……', true));
    }
  for (const m of s.matchAll(/-{2,}|－{2,}|—{3,}|[―─]{1,4}/g)) {
    const left = neighbour(s, m.index!, -1);
    const right = neighbour(s, m.index! + m[0].length - 1, 1);
    if (!isChinese(left) && !isChinese(right)) continue;
    out.push(replacement('punctuation.dash', s, m.index!, m.index! + m[0].length, '——', true));
  }
  // 等 after a 顿号 (not 等级, 等待, 等于… which start a word).
  for (const m of s.matchAll(/、(?=等(?![级待同候于量价高距额分号次第]))/g)) out.push(replacement('punctuation.enumerationBeforeDeng', s, m.index!, m.index! + 1, '', true));
  for (const m of s.matchAll(/([，、；：！？])\1+|(?<!。)。。(?!。)/g)) out.push(replacement('punctuation.repeated', s, m.index!, m.index! + m[0].length, m[0][0], true));
  // 三、四个 → 三四个: adjacent numbers of an estimate; 第一、二 and 一、二等奖/类/线 list ordinals.
  const DIGITS = '一二三四五六七八九十';
  for (const m of s.matchAll(/(?<![第\d一二三四五六七八九十百千])([一二三四五六七八九])、([二三四五六七八九十])(?=[十百千万]?[个天年月日次人名位种项条家所倍岁周])(?!年级)/g)) {
    if (DIGITS.indexOf(m[2]) !== DIGITS.indexOf(m[1]) + 1) continue;
    out.push(replacement('punctuation.approximateNumber', s, m.index! + 1, m.index! + 2, '', true));
  }
}

/** Punctuation findings of every paragraph, in draft offsets. */
export function checkPunctuation(paragraphs: readonly Paragraph[]): ProofreadFinding[] {
  const out: ProofreadFinding[] = [];
  for (let k = 0; k < paragraphs.length; k++) {
    const p = paragraphs[k];
    if (!p.text.trim()) continue;
    let next = k + 1;
    while (next < paragraphs.length && !paragraphs[next].text.trim()) next++;
    const continues = next < paragraphs.length && /^[\s\u3000]*“/.test(paragraphs[next].text);
    const local: ProofreadFinding[] = [];
    halfWidth(p, local);
    straightQuotes(p, local);
    pairs(p, continues, local);
    marks(p, local);
    for (const f of local) out.push({ ...f, start: f.start + p.start, end: f.end + p.start });
  }
  return out;
}
