// 从 Word 文件新建草稿: a .docx (a speech begun in Word, or one exported from here) as a Markdown
// draft — one line per Word paragraph with a blank line between (so Markdown keeps them apart), the
// Title style as `#`, Heading 1–4 as `##`–`#####`, the text as typed (numbering such as 一、 stays
// text, and the draft reader takes the level from it again). mammoth reads the file, after the zip
// bomb check the corpus reader uses.
import mammoth from 'mammoth';
import { checkDocxArchive } from '../corpus/formats/docx';

/** mammoth's style map: Word styles (English names, as files store them) to the HTML we read back. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='heading 1'] => h2:fresh",
  "p[style-name='heading 2'] => h3:fresh",
  "p[style-name='heading 3'] => h4:fresh",
  "p[style-name='heading 4'] => h5:fresh",
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

export interface ImportedDraft {
  markdown: string;
  /** mammoth's notes on what it could not carry over (unknown styles, images…). */
  warnings: string[];
}

/** The Markdown draft of a .docx. Throws a SkipError (the reason as data) for a file that is not a usable .docx. */
export async function docxToMarkdown(buf: Buffer): Promise<ImportedDraft> {
  checkDocxArchive(buf);
  const result = await mammoth.convertToHtml({ buffer: buf }, { styleMap: STYLE_MAP, ignoreEmptyParagraphs: true });
  const blocks: string[] = [];
  for (const m of result.value.matchAll(/<(h[1-6]|p|li|td|th)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    const tag = m[1].toLowerCase();
    // A line break inside a paragraph (a title set in two lines) is a space in Markdown's one line.
    const text = decode(tag[0] === 'h' ? m[2].replace(/<br\s*\/?>/gi, '') : m[2])
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n');
    if (!text) continue;
    const level = tag[0] === 'h' ? Number(tag[1]) : 0;
    blocks.push(level ? `${'#'.repeat(level)} ${text}` : text);
  }
  const warnings = result.messages.filter((m) => m.type === 'warning').map((m) => m.message);
  return { markdown: blocks.length ? `${blocks.join('\n\n')}\n` : '', warnings };
}
