// From a draft to pages: the blocks both the .docx writer and the page preview use (so the two
// cannot disagree on what is where), their lines (lineBreak.ts) and the pages those lines fall on.
//
// Pagination is exact arithmetic because every line is exactly `lineTwips` high and a page holds
// `linesPerPage` of them. Widow/orphan control is off in the .docx (so a paragraph may split after
// any line); a stand-alone heading keeps its lines together and stays with the next paragraph's first
// line, as the .docx asks (keepLines + keepNext).
import type { Draft, HeadingLevel } from './draft';
import { bodyAdvanceTwips, indentTwips, TEXT_WIDTH, type FormatSpec } from './formats';
import { breakLines, FORBIDDEN_END, FORBIDDEN_START, lineWidth, textWidth, type TextStyle } from './lineBreak';

export type BlockRole = 'title' | 'subtitle' | 'byline' | 'blank' | 'addressee' | 'body' | 'heading' | 'signature' | 'signatureDate';

export interface Block {
  role: BlockRole;
  /** The text; a title's lines are joined with '\n' (explicit line breaks). */
  text: string;
  level?: HeadingLevel;
  /** Headings: UTF-16 length of the heading part; the rest is body text. */
  headingLength?: number;
  align: 'justify' | 'center' | 'left';
  /** First-line and left indents, in twips. */
  firstIndent: number;
  leftIndent: number;
  keepNext: boolean;
  keepLines: boolean;
  /** Draft line it came from, when it has one. */
  line?: number;
}

export interface ExportOptions {
  /** 1. headings in bold 仿宋 (GB/T 9704 leaves it to the office; many bold it). */
  boldLevel3: boolean;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = { boldLevel3: false };

export function bodyStyle(spec: FormatSpec): TextStyle {
  return { sizePt: spec.bodyPt, scalePercent: spec.scalePercent };
}

export function titleStyle(spec: FormatSpec): TextStyle {
  return { sizePt: spec.titlePt, scalePercent: 100 };
}

/** Style of a heading's own part (only 1. may be bold; sizes are the body's). */
export function headingRunStyle(spec: FormatSpec, level: HeadingLevel, options: ExportOptions): TextStyle {
  return { ...bodyStyle(spec), bold: level === 3 && options.boldLevel3 };
}

/** Word boundaries of a Chinese text (UTF-16 offsets), from the runtime's ICU word segmenter. */
function wordBoundaries(text: string): Set<number> {
  const out = new Set<number>([0, text.length]);
  try {
    for (const s of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) out.add(s.index);
  } catch {
    // A runtime without ICU word data: every character boundary counts as one.
    for (let i = 0; i <= text.length; i++) out.add(i);
  }
  return out;
}

/**
 * A title in balanced lines of at most `max` characters (GB/T 9704 7.3.1: 词意完整, 排列对称,
 * 长短适宜): as few lines as fit, each about the same length, broken between words (never inside
 * 「主题」 or 「2023」), never before a mark that may not begin a line nor after one that may not end it.
 */
export function balanceTitle(title: string, max: number): string[] {
  const chars = Array.from(title);
  if (chars.length <= max) return [title];
  // Work in characters; map word boundaries from UTF-16 offsets to character indices.
  const offsets: number[] = [];
  let o = 0;
  for (const c of chars) {
    offsets.push(o);
    o += c.length;
  }
  offsets.push(o);
  const words = wordBoundaries(title);
  const isWordBoundary = (c: number) => words.has(offsets[c]);
  const allowed = (from: number, c: number) =>
    c > from && c < chars.length && c - from <= max && !FORBIDDEN_START.has(chars[c]) && !FORBIDDEN_END.has(chars[c - 1]) && !(/[\x21-\x7e]/.test(chars[c]) && /[\x21-\x7e]/.test(chars[c - 1]));
  const count = Math.ceil(chars.length / max);
  const lines: string[] = [];
  let from = 0;
  for (let k = count; k > 1; k--) {
    const ideal = from + Math.ceil((chars.length - from) / k);
    // The allowed cut nearest the ideal, a word boundary first; the last line must still fit.
    const candidates: number[] = [];
    for (let c = from + 1; c < chars.length; c++) if (allowed(from, c) && chars.length - c <= (k - 1) * max) candidates.push(c);
    // Between phrases reads best: before an opening mark, after 的/在/上/和/与/及 or a mark.
    const phrase = (c: number) => /[“《（(]/.test(chars[c]) || /[的在上和与及、，：]/.test(chars[c - 1]);
    const score = (c: number) => Math.abs(c - ideal) + (isWordBoundary(c) ? 0 : 10) - (phrase(c) ? 1.5 : 0);
    const cut = candidates.sort((a, b) => score(a) - score(b) || b - a)[0] ?? Math.min(from + max, chars.length - 1);
    lines.push(chars.slice(from, cut).join(''));
    from = cut;
  }
  lines.push(chars.slice(from).join(''));
  return lines;
}

const blank = (): Block => ({ role: 'blank', text: '', align: 'left', firstIndent: 0, leftIndent: 0, keepNext: false, keepLines: false });

/** The blocks of the page, in order: what the .docx writes as paragraphs and the preview draws. */
export function planBlocks(draft: Draft, spec: FormatSpec, options: ExportOptions = DEFAULT_EXPORT_OPTIONS): Block[] {
  const blocks: Block[] = [];
  const centred = (role: BlockRole, text: string): Block => ({ role, text, align: 'center', firstIndent: 0, leftIndent: 0, keepNext: false, keepLines: true });
  if (draft.title) blocks.push(centred('title', balanceTitle(draft.title, spec.titleCharsPerLine).join('\n')));
  if (draft.subtitle) blocks.push(centred('subtitle', draft.subtitle));
  const byline = bylineText(draft);
  if (byline) blocks.push(centred('byline', byline));
  if (blocks.length) blocks.push(blank());

  const indent = indentTwips(spec);
  for (const p of draft.paragraphs) {
    if (p.kind === 'addressee') {
      blocks.push({ role: 'addressee', text: p.text, align: 'justify', firstIndent: 0, leftIndent: 0, keepNext: false, keepLines: false, line: p.line });
    } else if (p.kind === 'heading') {
      // A heading alone on its line stays whole and with what follows; one followed by body text is a paragraph.
      const alone = (p.headingLength ?? p.text.length) >= p.text.length;
      blocks.push({
        role: 'heading',
        text: p.text,
        level: p.level,
        headingLength: p.headingLength,
        align: 'justify',
        firstIndent: indent,
        leftIndent: 0,
        keepNext: alone,
        keepLines: alone,
        line: p.line,
      });
    } else {
      blocks.push({ role: 'body', text: p.text, align: 'justify', firstIndent: indent, leftIndent: 0, keepNext: false, keepLines: false, line: p.line });
    }
  }

  if (draft.signature || draft.signatureDate) {
    // GB/T 9704 7.3.5.2: 署名 two characters in from the right, one line below the text; the date under it
    // starting two characters right of the 署名's start, or, when it is the longer, two in from the right.
    const style = bodyStyle(spec);
    const cell = bodyAdvanceTwips(spec);
    const sigWidth = draft.signature ? textWidth(draft.signature, style) : 0;
    const dateWidth = draft.signatureDate ? textWidth(draft.signatureDate, style) : 0;
    let sigStart = TEXT_WIDTH - 2 * cell - sigWidth;
    let dateStart = sigStart + 2 * cell;
    if (!draft.signature || dateStart + dateWidth > TEXT_WIDTH - 2 * cell) {
      dateStart = TEXT_WIDTH - 2 * cell - dateWidth;
      sigStart = dateStart - 2 * cell;
    }
    blocks.push(blank());
    const at = (role: BlockRole, text: string, start: number): Block => ({
      role,
      text,
      align: 'left',
      firstIndent: 0,
      leftIndent: Math.max(0, Math.round(start)),
      keepNext: role === 'signature',
      keepLines: true,
    });
    if (draft.signature) blocks.push(at('signature', draft.signature, sigStart));
    if (draft.signatureDate) blocks.push(at('signatureDate', draft.signatureDate, dateStart));
  }
  return blocks;
}

/** 「张三（2026年12月2日）」, 「（2026年12月2日）」 or 「张三」 — the 讲话稿's line under the title. */
export function bylineText(draft: Pick<Draft, 'speaker' | 'date'>): string {
  const date = draft.date ? `（${draft.date}）` : '';
  return `${draft.speaker ?? ''}${date}`;
}

export interface LaidLine {
  /** Index of the block in planBlocks' list. */
  block: number;
  role: BlockRole;
  text: string;
  /** UTF-16 offset of the line in its block's text. */
  start: number;
  level?: HeadingLevel;
  /** How many UTF-16 units at the line's start are in the heading font. */
  headingChars: number;
  align: Block['align'];
  /** Indent of this line in twips. */
  indent: number;
  /** Last line of its paragraph (not stretched when justified). */
  last: boolean;
}

export interface PageLayout {
  lines: LaidLine[];
}

export interface Layout {
  spec: FormatSpec;
  blocks: Block[];
  pages: PageLayout[];
}

function blockLines(block: Block, index: number, spec: FormatSpec, options: ExportOptions): LaidLine[] {
  const base: TextStyle = block.role === 'title' ? titleStyle(spec) : bodyStyle(spec);
  const segments = block.text.split('\n');
  const out: LaidLine[] = [];
  let offset = 0;
  for (const segment of segments) {
    const headingRest = Math.max(0, (block.headingLength ?? 0) - offset);
    const heading = block.role === 'heading' && block.level ? { length: headingRest, style: headingRunStyle(spec, block.level, options) } : undefined;
    const width = lineWidth(TEXT_WIDTH) - block.leftIndent;
    const broken = breakLines(segment, base, width - block.firstIndent, width, heading);
    broken.forEach((l, k) => {
      out.push({
        block: index,
        role: block.role,
        text: segment.slice(l.start, l.end),
        start: offset + l.start,
        level: block.level,
        headingChars: Math.max(0, Math.min(l.end, headingRest) - l.start),
        align: block.align,
        indent: block.leftIndent + (k === 0 && out.length === 0 ? block.firstIndent : 0),
        last: k === broken.length - 1,
      });
    });
    offset += segment.length + 1;
  }
  return out;
}

/** Lays the draft out on pages of the format. */
export function layoutDraft(draft: Draft, spec: FormatSpec, options: ExportOptions = DEFAULT_EXPORT_OPTIONS): Layout {
  const blocks = planBlocks(draft, spec, options);
  const perPage = spec.linesPerPage;
  const lines = blocks.map((b, i) => blockLines(b, i, spec, options));
  const pages: PageLayout[] = [{ lines: [] }];
  const room = () => perPage - pages[pages.length - 1].lines.length;
  const newPage = () => pages.push({ lines: [] });
  for (let i = 0; i < blocks.length; i++) {
    const own = lines[i];
    // What must share a page: this block whole if it keeps its lines, plus, through a chain of
    // keep-with-next blocks, each of them whole and the first line of the block after.
    let need = blocks[i].keepLines ? own.length : 1;
    if (blocks[i].keepNext) {
      need = own.length;
      let j = i + 1;
      while (j < blocks.length && blocks[j].keepNext) need += lines[j++].length;
      if (j < blocks.length) need += 1;
    }
    const atTop = pages[pages.length - 1].lines.length === 0;
    if (!atTop && need > room() && need <= perPage) newPage();
    for (const line of own) {
      if (room() === 0) newPage();
      pages[pages.length - 1].lines.push(line);
    }
  }
  return { spec, blocks, pages };
}
