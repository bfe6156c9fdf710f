// The prose of a draft, offset for offset: what is not prose (Markdown syntax, code, links, web
// addresses) is blanked to spaces so every checker reads the text a listener hears and reports
// offsets into the draft unchanged.

export interface Paragraph {
  /** UTF-16 offsets of the line in the draft (without its line break). */
  start: number;
  end: number;
  /** The line's prose (non-prose blanked). */
  text: string;
}

const URL = /\b(?:https?|ftp):\/\/[^\s<>"“”（）()，。；！？、]+|\bwww\.[^\s<>"“”（）()，。；！？、]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** `draft` with non-prose blanked; the same length, line breaks kept. */
export function proseOf(draft: string, markdown: boolean): string {
  let text = draft;
  if (markdown) {
    text = text.replace(/^---\n[\s\S]*?\n---(?=\n|$)/, blank); // front matter
    text = text.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[^\n]*(?=\n|$)|$)/gm, blank); // fenced code
    text = text.replace(/<!--[\s\S]*?-->/g, blank);
    text = text.replace(/(`+)[^`\n]+?\1/g, blank); // inline code
    text = text.replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, blank); // images
    text = text.replace(/\[([^\]\n]*)\]\(([^)\n]*)\)/g, (_m, label: string, target: string) => ` ${label}${blank(`](${target})`)}`);
    text = text.replace(/<\/?[A-Za-z][^>\n]*>/g, blank);
    text = text.replace(/^( {0,3})(#{1,6})(?=\s|$)/gm, (_m, indent: string, marks: string) => indent + blank(marks));
    text = text.replace(/^( {0,3})((?:> ?)+)/gm, (_m, indent: string, marks: string) => indent + blank(marks));
    text = text.replace(/^(\s*)([-*+])(?=\s)/gm, (_m, indent: string) => `${indent} `);
    text = text.replace(/^\s{0,3}([-*_])(\s*\1){2,}\s*$/gm, blank); // rules
    text = text.replace(/\*\*|__|~~/g, '  ');
    text = text.replace(/^\|.*$/gm, (row) => row.replace(/\|/g, ' ')); // table pipes
  }
  return text.replace(URL, blank);
}

/** The lines of `prose`, each with its offsets. */
export function paragraphsOf(prose: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  for (;;) {
    let end = prose.indexOf('\n', start);
    const last = end < 0;
    if (last) end = prose.length;
    // A \r before the break belongs to the break.
    const textEnd = end > start && prose.charCodeAt(end - 1) === 13 ? end - 1 : end;
    out.push({ start, end: textEnd, text: prose.slice(start, textEnd) });
    if (last) return out;
    start = end + 1;
  }
}

/** CJK ideographs (with extension A) and 〇. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3007;
}
