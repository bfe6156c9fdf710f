// The shape of the 素材库 tree, decided without VS Code: speeches grouped by kind, headings nested by level.
import { countCharacters } from './count';
import { SPEECH_KINDS, type Heading, type SpeechDocument, type SpeechKind } from './types';

export interface KindGroup {
  kind: SpeechKind;
  documents: SpeechDocument[];
}

/** One heading with the headings (and points) that sit under it. */
export interface OutlineNode {
  heading: Heading;
  children: OutlineNode[];
}

/** Groups speeches by kind in the fixed order of SPEECH_KINDS, omitting empty kinds; order within a kind is kept. */
export function groupByKind(documents: readonly SpeechDocument[]): KindGroup[] {
  const byKind = new Map<SpeechKind, SpeechDocument[]>();
  for (const d of documents) {
    const list = byKind.get(d.kind);
    if (list) list.push(d);
    else byKind.set(d.kind, [d]);
  }
  // A kind the engine adds later still shows, after the known ones.
  const order = [...SPEECH_KINDS, ...[...byKind.keys()].filter((k) => !SPEECH_KINDS.includes(k))];
  return order.filter((k) => byKind.has(k)).map((kind) => ({ kind, documents: byKind.get(kind)! }));
}

/**
 * Nests headings by level: each heading becomes a child of the nearest earlier heading with a
 * smaller level. Levels may skip (1 → 3) and a document may start below level 1; neither throws.
 */
export function nestHeadings(headings: readonly Heading[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const open: OutlineNode[] = [];
  for (const heading of headings) {
    const node: OutlineNode = { heading, children: [] };
    while (open.length && open[open.length - 1].heading.level >= heading.level) open.pop();
    (open.length ? open[open.length - 1].children : roots).push(node);
    open.push(node);
  }
  return roots;
}

/**
 * The last line (0-based, inclusive) of the section a heading opens: up to the line before the next
 * heading of the same or a higher level, else the end of the text.
 */
export function sectionEnd(headings: readonly Heading[], index: number, lineCount: number): number {
  const h = headings[index];
  for (let i = index + 1; i < headings.length; i++) {
    if (headings[i].level <= h.level && headings[i].line > h.line) return headings[i].line - 1;
  }
  return Math.max(h.line, lineCount - 1);
}

/**
 * Length as the tree shows it: 字数 counted as the status bar counts a draft (Word's and WPS's rule,
 * countCharacters), so a speech and a draft of the same text show the same number.
 */
export function speechLength(text: string): number {
  return countCharacters(text).chars;
}

/**
 * The opening of a speech for a tooltip: its first non-empty lines after the title, cut to about
 * `maxChars` characters (never in the middle of a surrogate pair).
 */
export function openingLines(doc: Pick<SpeechDocument, 'text' | 'title'>, maxLines = 4, maxChars = 240): string[] {
  const lines = doc.text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length && lines[0] === doc.title.trim()) lines.shift();
  const out: string[] = [];
  let budget = maxChars;
  for (const line of lines) {
    if (out.length >= maxLines || budget <= 0) break;
    const chars = [...line];
    out.push(chars.length > budget ? chars.slice(0, budget).join('') + '…' : line);
    budget -= chars.length;
  }
  return out;
}
