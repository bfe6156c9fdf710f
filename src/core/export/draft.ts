// A draft as the page sees it: title block, 主送机关 (or 称呼), paragraphs with their heading levels,
// 落款 and 成文日期. Read from Markdown or plain text; every non-empty line the writer typed is one
// paragraph (lines are never run together), blank lines only separate.
//
// Heading levels come from the numbering the writer typed, by the outline engine's rules
// (outline.ts): 一、 → 1 (黑体), （一） → 2 (楷体), 1. → 3, （1） → 4 (仿宋); 第一， is level 1 in a draft
// without 一、 and level 3 under it. A Markdown heading without numbering takes its level from the
// number of #s (## → 1). 插入提纲's 「## 一、…」 is a Markdown heading with numbering: level 1.
import { markdownVisibleText } from '../count';
import { numberingOf, type Numbering } from '../outline';

export type HeadingLevel = 1 | 2 | 3 | 4;

export interface DraftParagraph {
  kind: 'body' | 'heading' | 'addressee';
  text: string;
  level?: HeadingLevel;
  /** Headings: how many UTF-16 units at the start are the heading (up to its first full stop); the rest is body text. */
  headingLength?: number;
  /** 0-based line of the draft. */
  line: number;
}

export interface Draft {
  /** The title, '' when the draft has none. */
  title: string;
  /** A line such as 「——在全市经济工作会议上的讲话」 under the title. */
  subtitle?: string;
  /** The speaker and date of a speech, from the draft's front matter or the lines under its title. */
  speaker?: string;
  date?: string;
  paragraphs: DraftParagraph[];
  /** 落款 (发文机关署名) and 成文日期 at the end of the draft. */
  signature?: string;
  signatureDate?: string;
}

export interface DraftSource {
  /** Markdown (# headings, emphasis marks) rather than plain text. */
  markdown: boolean;
}

const SENTENCE_END = /[。！？!?]/;
const DATE_BODY = '(?:\\d{4}|[〇○零一二三四五六七八九]{4})\\s*年\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*月\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*日';
const DATE_LINE = new RegExp(`^${DATE_BODY}$`);
const BYLINE = new RegExp(`^(?:(.{1,20}?)\\s*)?[（(]\\s*(${DATE_BODY})\\s*[）)]$`);
const BYLINE_IN_PARENS = new RegExp(`^[（(]\\s*(.{1,20}?)\\s+(${DATE_BODY})\\s*[）)]$`);
/** A speaker or signing office: short, no sentence punctuation. */
const NAME_LINE = /^[^，,。；;：:！!？?、“”"]{1,24}$/;
const TITLE_MAX = 60;

/** `---` front matter: `speaker:`/`讲话人:`, `date:`/`日期:`, `title:`/`标题:` (only these keys are read). */
function frontMatter(lines: string[]): { end: number; values: Map<string, string> } {
  const values = new Map<string, string>();
  if (lines[0]?.trim() !== '---') return { end: 0, values };
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (close < 0) return { end: 0, values };
  for (const l of lines.slice(1, close)) {
    const m = /^\s*([\p{L}_][\p{L}\p{N}_-]*)\s*[:：]\s*(.*?)\s*$/u.exec(l);
    if (m) values.set(m[1].toLowerCase(), m[2].replace(/^(['"])(.*)\1$/, '$2'));
  }
  return { end: close + 1, values };
}

interface SourceLine {
  text: string;
  line: number;
  /** # count of a Markdown heading, 0 otherwise. */
  hashes: number;
}

/** The lines a reader sees, Markdown marks removed, blank lines dropped (line numbers kept). */
function visibleLines(text: string, from: number, markdown: boolean): SourceLine[] {
  // Comments may span lines: blank them out keeping their line breaks, so line numbers stay right.
  const all = (markdown ? text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, '')) : text).split(/\r\n|\r|\n/);
  const out: SourceLine[] = [];
  let fence = false;
  for (let line = from; line < all.length; line++) {
    let raw = all[line];
    let hashes = 0;
    if (markdown) {
      if (/^\s{0,3}(```|~~~)/.test(raw)) {
        fence = !fence;
        continue;
      }
      const heading = /^\s{0,3}(#{1,6})(?:\s+|$)/.exec(raw);
      if (heading && !fence) hashes = heading[1].length;
      raw = fence ? raw : markdownVisibleText(raw);
    }
    const t = raw.replace(/\u00a0/g, ' ').trim();
    if (t) out.push({ text: t, line, hashes });
  }
  return out;
}

function looksLikeTitle(first: SourceLine, markdown: boolean): boolean {
  if (markdown && first.hashes === 1) return true;
  if (first.hashes > 1) return false;
  // GB/T 9704 7.3.1: a title uses no punctuation but 书名号, 顿号 and quotation marks — a line with a
  // comma or a full stop is the text's first sentence.
  const t = first.text;
  return t.length <= TITLE_MAX && !numberingOf(t) && !/[，,。；;：:！!？?]/.test(t) && !/、$/.test(t);
}

const LEVEL_OF: Record<Exclude<Numbering, '第一，'>, HeadingLevel> = { '一、': 1, '（一）': 2, '1.': 3, '（1）': 4 };

/** Length of the heading sentence at the start of a numbered line: through its first full stop, or the whole line. */
function headingLength(text: string): number {
  const end = text.search(SENTENCE_END);
  return end >= 0 ? end + 1 : text.length;
}

/** Reads a draft. Never fails: text with no recognisable parts is all body paragraphs. */
export function parseDraft(text: string, source: DraftSource): Draft {
  const rawLines = text.split(/\r\n|\r|\n/);
  const { end, values } = frontMatter(rawLines);
  const lines = visibleLines(text, end, source.markdown);
  const draft: Draft = { title: values.get('title') ?? values.get('标题') ?? '', paragraphs: [] };
  const speaker = values.get('speaker') ?? values.get('讲话人');
  const date = values.get('date') ?? values.get('日期');
  if (speaker) draft.speaker = speaker;
  if (date) draft.date = date.replace(/^[（(]\s*|\s*[）)]$/g, '');

  let i = 0;
  if (!draft.title && lines.length > 1 && looksLikeTitle(lines[0], source.markdown)) draft.title = lines[i++].text;
  if (draft.title) {
    if (lines[i] && /^(——|—|－－|--)/.test(lines[i].text) && !lines[i].hashes) draft.subtitle = lines[i++].text;
    // The speaker and date lines under the title: 「（2026年12月2日）」, 「张三（2026年12月2日）」, 「张三」 then the date.
    const byline = (t: string) => BYLINE_IN_PARENS.exec(t) ?? BYLINE.exec(t);
    for (let k = 0; k < 2 && lines[i] && !lines[i].hashes; k++) {
      const t = lines[i].text;
      const m = byline(t);
      if (m) {
        if (m[1]) draft.speaker ??= m[1].trim();
        draft.date ??= m[2].replace(/\s+/g, '');
        i++;
        break;
      }
      const next = lines[i + 1] && byline(lines[i + 1].text);
      if (k === 0 && NAME_LINE.test(t) && next && !next[1]) {
        draft.speaker ??= t;
        i++;
        continue;
      }
      break;
    }
  }

  // 成文日期 (and the 署名 above it) close the draft.
  let last = lines.length;
  if (last - 1 > i && DATE_LINE.test(lines[last - 1].text.replace(/\s+/g, '')) && !lines[last - 1].hashes) {
    draft.signatureDate = lines[last - 1].text;
    last--;
    const sig = lines[last - 1];
    if (last - 1 > i && sig && !sig.hashes && NAME_LINE.test(sig.text) && !numberingOf(sig.text)) {
      draft.signature = sig.text;
      last--;
    }
  }

  const body = lines.slice(i, last);
  const usesChineseTop = body.some((l) => numberingOf(l.text) === '一、');
  body.forEach((l, k) => {
    const numbering = numberingOf(l.text);
    if (k === 0 && !numbering && !l.hashes && l.text.length <= TITLE_MAX && /[：:]$/.test(l.text)) {
      draft.paragraphs.push({ kind: 'addressee', text: l.text, line: l.line });
      return;
    }
    let level: HeadingLevel | undefined;
    if (numbering === '第一，') level = usesChineseTop ? 3 : 1;
    else if (numbering) level = LEVEL_OF[numbering];
    else if (l.hashes) level = Math.min(4, Math.max(1, l.hashes - 1)) as HeadingLevel;
    if (level) {
      // A Markdown heading is a heading whole; a numbered plain line only up to its first full stop.
      const length = l.hashes ? l.text.length : headingLength(l.text);
      draft.paragraphs.push({ kind: 'heading', text: l.text, level, headingLength: length, line: l.line });
    } else {
      draft.paragraphs.push({ kind: 'body', text: l.text, line: l.line });
    }
  });
  return draft;
}

/** Every character the draft puts on the page, in order (for tests and the length note). */
export function draftText(draft: Draft): string {
  const parts = [draft.title, draft.subtitle, draft.speaker, draft.date, ...draft.paragraphs.map((p) => p.text), draft.signature, draft.signatureDate];
  return parts.filter((p): p is string => !!p).join('\n');
}
