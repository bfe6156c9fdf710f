// Outline snippets: the speech structures of snippets/*.code-snippets, and the skeleton of any
// corpus speech, both as VS Code snippet bodies (TextMate syntax). The parser here reads that syntax
// far enough to check a body and show what it inserts, so the 插入提纲 list can preview it.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SpeechDocument } from './types';

export interface OutlineSnippet {
  /** The snippet's name, its key in the file (会议主持词). */
  name: string;
  /** What to type to insert it (pinyin initials such as `hyzcc`). */
  prefixes: string[];
  description: string;
  /** The snippet body, lines joined with '\n'. */
  body: string;
  /** The text it inserts when every blank keeps its default. */
  preview: string;
  /** File it was read from. */
  file: string;
}

export interface OutlineSnippetLibrary {
  snippets: OutlineSnippet[];
  /** One line per file or snippet that could not be read, naming it and why. */
  problems: string[];
}

export const SNIPPET_FILE = /\.(code-snippets|json)$/;

/** Reads every snippet file of `dir`, in file-name order; a bad file or entry is reported, the rest kept. */
export function loadOutlineSnippets(dir: string): OutlineSnippetLibrary {
  const snippets: OutlineSnippet[] = [];
  const problems: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => SNIPPET_FILE.test(f)).sort();
  } catch (err) {
    return { snippets, problems: [`${dir}: ${(err as Error).message}`] };
  }
  for (const f of files) {
    const file = path.join(dir, f);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(`${f}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      problems.push(`${f}: expected an object of snippets`);
      continue;
    }
    for (const [name, entry] of Object.entries(data as Record<string, unknown>)) {
      try {
        snippets.push({ name, file, ...readEntry(entry) });
      } catch (err) {
        problems.push(`${f}: ${name}: ${(err as Error).message}`);
      }
    }
  }
  return { snippets, problems };
}

function readEntry(entry: unknown): Omit<OutlineSnippet, 'name' | 'file'> {
  const e = entry as { prefix?: unknown; body?: unknown; description?: unknown };
  if (!e || typeof e !== 'object') throw new Error('not an object');
  const prefixes = typeof e.prefix === 'string' ? [e.prefix] : e.prefix;
  if (!Array.isArray(prefixes) || !prefixes.length || !prefixes.every((p) => typeof p === 'string' && p.length > 0)) {
    throw new Error('needs a prefix (a string or a list of strings)');
  }
  const lines = typeof e.body === 'string' ? [e.body] : e.body;
  if (!Array.isArray(lines) || !lines.length || !lines.every((l) => typeof l === 'string')) {
    throw new Error('needs a body (a string or a list of strings)');
  }
  if (typeof e.description !== 'string' || !e.description) throw new Error('needs a description');
  const body = lines.join('\n');
  return { prefixes, description: e.description, body, preview: expandSnippet(body).text };
}

// ---------------------------------------------------------------------------------------------
// TextMate snippet syntax, as VS Code reads it:
//   $1 ${1} ${1:default} ${1|one,two|} $NAME ${NAME} ${NAME:default} ${1/regex/format/flags}
//   \$ \} \\ escape; inside a choice \, and \| too.

export type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; children: SnippetNode[] }
  | { type: 'choice'; index: number; options: string[] }
  | { type: 'variable'; name: string; children: SnippetNode[] };

export class SnippetSyntaxError extends Error {}

export function parseSnippet(body: string): SnippetNode[] {
  let pos = 0;
  const fail = (msg: string): never => {
    throw new SnippetSyntaxError(`${msg} at offset ${pos}`);
  };

  const parseSequence = (inside: boolean): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (pos < body.length) {
      const ch = body[pos];
      if (ch === '\\' && pos + 1 < body.length && '$}\\'.includes(body[pos + 1])) {
        text += body[pos + 1];
        pos += 2;
      } else if (ch === '}' && inside) {
        flush();
        return nodes;
      } else if (ch === '$') {
        const node = parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          pos++;
        }
      } else {
        text += ch;
        pos++;
      }
    }
    if (inside) fail('unclosed ${');
    flush();
    return nodes;
  };

  /** A `$…` construct at pos, or undefined when the `$` is just a character. */
  const parseDollar = (): SnippetNode | undefined => {
    const rest = body.slice(pos + 1);
    let m = /^\d+/.exec(rest);
    if (m) {
      pos += 1 + m[0].length;
      return { type: 'tabstop', index: Number(m[0]), children: [] };
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      pos += 1 + m[0].length;
      return { type: 'variable', name: m[0], children: [] };
    }
    if (rest[0] !== '{') return undefined;
    m = /^\{(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (!m) return fail('expected a tab stop number or variable name after ${');
    const key = m[1];
    const isIndex = /^\d/.test(key);
    pos += 1 + m[0].length;
    const next = body[pos];
    if (next === '}') {
      pos++;
      return isIndex ? { type: 'tabstop', index: Number(key), children: [] } : { type: 'variable', name: key, children: [] };
    }
    if (next === ':') {
      pos++;
      const children = parseSequence(true);
      pos++; // the closing }
      return isIndex ? { type: 'tabstop', index: Number(key), children } : { type: 'variable', name: key, children };
    }
    if (next === '|' && isIndex) {
      pos++;
      const options: string[] = [];
      let option = '';
      for (;;) {
        if (pos >= body.length) fail('unclosed choice');
        const ch = body[pos];
        if (ch === '\\' && pos + 1 < body.length && ',|\\$}'.includes(body[pos + 1])) {
          option += body[pos + 1];
          pos += 2;
        } else if (ch === ',') {
          options.push(option);
          option = '';
          pos++;
        } else if (ch === '|') {
          options.push(option);
          pos++;
          if (body[pos] !== '}') fail('a choice ends with |}');
          pos++;
          return { type: 'choice', index: Number(key), options };
        } else {
          option += ch;
          pos++;
        }
      }
    }
    if (next === '/') {
      // A transform: /regex/format/flags}. Its text is the (transformed) mirror; previews show the source.
      let slashes = 0;
      pos++;
      while (pos < body.length && slashes < 2) {
        if (body[pos] === '\\') pos++;
        else if (body[pos] === '/') slashes++;
        pos++;
      }
      while (pos < body.length && /[a-z]/.test(body[pos])) pos++;
      if (body[pos] !== '}') fail('unclosed transform');
      pos++;
      return isIndex ? { type: 'tabstop', index: Number(key), children: [] } : { type: 'variable', name: key, children: [] };
    }
    return fail(`unexpected ${JSON.stringify(next ?? 'end')} in \${${key}`);
  };

  return parseSequence(false);
}

export interface ExpandedSnippet {
  /** The inserted text with every blank at its default (first choice; a mirror repeats its tab stop). */
  text: string;
  /** Tab stop numbers in the order the cursor visits them ($0 last). */
  tabStops: number[];
}

/** Variables VS Code resolves; previews show their names as 〔NAME〕 except the dates, which read naturally. */
function variableText(name: string): string | undefined {
  const now = new Date();
  const dates: Record<string, string> = {
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_MONTH: String(now.getMonth() + 1).padStart(2, '0'),
    CURRENT_DATE: String(now.getDate()).padStart(2, '0'),
  };
  return dates[name];
}

export function expandSnippet(body: string): ExpandedSnippet {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, string>();
  const stops = new Set<number>();
  // First pass: the default of each tab stop is its first definition with content.
  const collect = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.type === 'tabstop' || n.type === 'choice') stops.add(n.index);
      if (n.type === 'tabstop' && n.children.length && !defaults.has(n.index)) defaults.set(n.index, render(n.children));
      if (n.type === 'choice' && !defaults.has(n.index)) defaults.set(n.index, n.options[0] ?? '');
      if (n.type === 'tabstop' || n.type === 'variable') collect(n.children);
    }
  };
  const render = (list: SnippetNode[]): string =>
    list
      .map((n) => {
        switch (n.type) {
          case 'text':
            return n.value;
          case 'choice':
            return n.options[0] ?? '';
          case 'tabstop':
            return n.children.length ? render(n.children) : (defaults.get(n.index) ?? '');
          case 'variable':
            return variableText(n.name) ?? (n.children.length ? render(n.children) : `〔${n.name}〕`);
        }
      })
      .join('');
  collect(nodes);
  const tabStops = [...stops].filter((i) => i > 0).sort((a, b) => a - b);
  if (stops.has(0)) tabStops.push(0);
  return { text: render(nodes), tabStops };
}

/** Text as a snippet shows it literally. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

// ---------------------------------------------------------------------------------------------
// The skeleton of a speech: its headings as written, and a blank where each body was.

const SALUTATION = /^(尊敬的[^：:]{0,30}|各位[^：:]{0,20}|同志们|女士们、先生们|老师们、同学们)[：:]$/;
const CLOSING = /(讲这些|讲这么多|完毕|谢谢大家|批评指正|散会)[。！!]?$/;
const SENTENCE_END = /[。！？!?；;]/;

/**
 * A snippet body that rebuilds `doc`'s structure: the title as the first blank, the salutation
 * and closing kept, every heading kept as written (its numbering gives its level), and a tab stop
 * for each body. A heading followed on its line by text (`一是……。然后……`) gets its blank on that
 * line; a heading alone on its line gets it on the next.
 */
export function speechSkeleton(doc: SpeechDocument): string {
  const lines = doc.text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let stop = 1;
  const blank = (defaultText = '') => (defaultText ? `\${${stop++}:${escapeSnippetText(defaultText)}}` : `\$${stop++}`);
  out.push(blank(doc.title.trim() || '标题'));
  const headings = [...doc.headings].filter((h) => h.line >= 0 && h.line < lines.length).sort((a, b) => a.line - b.line);
  const firstHeadingLine = headings.length ? headings[0].line : lines.length;
  const titleLine = lines.findIndex((l) => l.trim().length > 0 && l.trim() === doc.title.trim());
  const opening = lines.slice(titleLine >= 0 && titleLine < firstHeadingLine ? titleLine + 1 : 0, firstHeadingLine).map((l) => l.trim()).filter(Boolean);
  if (opening.length && SALUTATION.test(opening[0])) out.push(escapeSnippetText(opening.shift()!));
  if (opening.length) out.push(blank());
  const lastLine = lines.map((l) => l.trim()).filter(Boolean).pop() ?? '';
  const closing = headings.length && lastLine.length <= 40 && CLOSING.test(lastLine) && lastLine !== lines[headings[headings.length - 1].line].trim() ? lastLine : '';
  for (const h of headings) {
    const line = lines[h.line].trim();
    const end = line.search(SENTENCE_END);
    const head = end >= 0 && end < line.length - 1 ? line.slice(0, end + 1) : line;
    const rest = line.slice(head.length).trim();
    if (rest || h.point) out.push(`${escapeSnippetText(head)}${blank()}`);
    else out.push(escapeSnippetText(head), blank());
  }
  if (closing) out.push(`\${${stop++}:${escapeSnippetText(closing)}}`);
  out[out.length - 1] += '$0';
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The draft's heading style: a Markdown draft that writes its headings as `## 一、…` gets inserted
// outlines in the same style, each numbering level with the marks the draft gives it.

const CN_NUM = '[一二三四五六七八九十]{1,3}';
/** Numbering styles a heading line can start with, outermost first. */
const NUMBERINGS: { name: string; pattern: RegExp }[] = [
  { name: 'chinese', pattern: new RegExp(`^${CN_NUM}[、．.](?![、．.])`) },
  { name: 'bracketed', pattern: new RegExp(`^[（(]${CN_NUM}[）)]`) },
  { name: 'ordinal', pattern: new RegExp(`^第${CN_NUM}[，、：:,．.]`) },
  { name: 'arabic', pattern: /^\d{1,2}(?:[、．]|\.(?!\d))/ },
];

/** The Markdown marks (`## `) a draft puts before each numbering style of heading, and before its title. */
export interface HeadingStyle {
  marks: Record<string, number>;
  /** Depth of the `#` before an unnumbered heading (the title), when the draft has one. */
  title?: number;
  /** The draft parts its paragraphs with empty lines (as Markdown must, or consecutive lines run together). */
  blankLines: boolean;
}

function numberingOf(text: string): string | undefined {
  return NUMBERINGS.find((n) => n.pattern.test(text))?.name;
}

/** The draft's heading style, or undefined when it writes no numbered heading as a Markdown heading. */
export function headingStyleOf(draft: string): HeadingStyle | undefined {
  const marks: Record<string, number> = {};
  let title: number | undefined;
  for (const line of draft.split(/\r?\n/)) {
    const m = /^(#{1,6})[ \t]+(\S.*)$/.exec(line);
    if (!m) continue;
    const numbering = numberingOf(m[2].trim());
    if (numbering) marks[numbering] ??= m[1].length;
    else title ??= m[1].length;
  }
  if (!Object.keys(marks).length) return undefined;
  const blankLines = /\S[ \t]*\r?\n[ \t]*\r?\n[ \t]*\S/.test(draft);
  // A deeper level the draft has not written yet goes one mark below the level above it.
  let depth = 0;
  for (const { name } of NUMBERINGS) {
    if (marks[name] !== undefined) depth = marks[name];
    else if (depth) marks[name] = Math.min(6, depth + 1);
  }
  return title !== undefined ? { marks, title, blankLines } : { marks, blankLines };
}

/**
 * An outline snippet body in the draft's style: each line that is a numbered heading on its own (no
 * text after its sentence) gets the draft's marks for its numbering; the title line (the first) gets
 * the title's marks. A heading that runs on into its section's text stays a paragraph. When the draft
 * parts its paragraphs with empty lines, so do the inserted lines.
 */
export function applyHeadingStyle(body: string, style: HeadingStyle): string {
  const lines = body.split('\n');
  const styled = lines
    .map((line, i) => {
      if (!line.trim() || /^#/.test(line)) return line;
      const numbering = numberingOf(line);
      const raw = line.replace(/\$0$/, '');
      // Alone on its line: nothing (not even a blank to fill) after its sentence.
      const alone = !/[。！？；]\s*\S/.test(raw) && expandSnippet(raw).text.length <= 60;
      if (numbering && style.marks[numbering] && alone) return `${'#'.repeat(style.marks[numbering])} ${line}`;
      if (i === 0 && style.title && !numbering && lines[1]?.trim() === '') return `${'#'.repeat(style.title)} ${line}`;
      return line;
    });
  if (!style.blankLines) return styled.join('\n');
  return styled.filter((line) => line.trim()).join('\n\n');
}
