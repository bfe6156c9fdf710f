// Saved web pages (.html, .htm; the page inside a .mht): the article only. The page is parsed with
// htmlparser2 (the parser html-to-text is built on); scripts, styles, forms, navigation, headers,
// footers, sidebars and anything whose id or class names such a part (nav, menu, footer, share,
// ad…) are dropped; then the element holding the most prose — scored by its paragraphs' length and
// Chinese punctuation, less its share of link text, as Firefox's Reader View scores — is the
// article. Its nearest heading before it is its title. Adverts left inside the article are for
// clean.ts, which runs after every reader.
import { parseDocument } from 'htmlparser2';
import { decodeBytes } from '../decode';
import { SkipError } from '../skipReason';

interface HtmlNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
  data?: string;
  parent?: HtmlNode | null;
}

/** Never text a reader reads. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'head', 'nav', 'aside', 'form',
  'button', 'select', 'input', 'textarea', 'header', 'footer', 'menu', 'dialog', 'map', 'audio', 'video',
]);
/** Parts of a page that are not its article, by the names sites give them. */
const UNLIKELY = /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|header|head|sidebar|side|banner|ads?|advert\w*|gg|guanggao|share|bdshare|comments?|related|recommend|hot|copyright|toolbar|login|search|topbar|links?|friendlink|pager?|pagination|qrcode|erweima|print|tools?|social)(?:$|[\s_-])/i;
const LIKELY = /article|content|main|body|text|zoom|detail|正文|TRS_Editor|pages_content|zw/i;
const BLOCKS = new Set([
  'address', 'article', 'blockquote', 'body', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'caption', 'html',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3']);
const PROSE_PUNCTUATION = /[，。；：！？、,.;]/g;
/** Stands for an empty paragraph until lines are made (no page text holds it). */
const BLANK = '\u2029';
/** A paragraph shorter than this says too little to score its container. */
const MIN_PARAGRAPH_CHARS = 10;

/** The charset a page declares in its first bytes (`<meta charset>` or `content="…; charset=…"`). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m?.[1];
}

/** Label a TextDecoder knows, GB2312 and GBK read as GB18030 (their superset); undefined when unknown. */
function decoderLabel(charset: string | undefined): string | undefined {
  if (!charset) return undefined;
  const label = charset.toLowerCase();
  if (/^(?:gb2312|gbk|x-gbk|gb18030|cp936|ms936|euc-cn|hz-gb-2312)$/.test(label)) return 'gb18030';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/**
 * A page's text: by its byte-order mark, its declared charset (or the MIME part's), else as a
 * plain text file is decoded (UTF-8, else GB18030).
 */
export function decodeHtml(bytes: Uint8Array, charsetHint?: string): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const label = bom || utf16 ? undefined : (decoderLabel(declaredCharset(bytes)) ?? decoderLabel(charsetHint));
  if (!label || label === 'utf-16le' || label === 'utf-16be') return decodeBytes(bytes).text;
  const text = new TextDecoder(label).decode(bytes);
  if (text.includes('\0')) throw new SkipError({ code: 'binary', detail: 'nulChar' });
  return text;
}

const nameOf = (node: HtmlNode) => `${node.attribs?.id ?? ''} ${node.attribs?.class ?? ''}`;

function isDropped(node: HtmlNode): boolean {
  if (node.type === 'script' || node.type === 'style' || node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') return true;
  if (node.type !== 'tag') return false;
  if (DROPPED.has(node.name!)) return true;
  const attribs = node.attribs ?? {};
  if ('hidden' in attribs || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attribs.style ?? '')) return true;
  // LibreOffice and Word write a page's header and footer as <div title="header|footer">.
  if (/^(?:header|footer)$/i.test(attribs.title ?? '')) return true;
  const name = nameOf(node);
  return name.trim() !== '' && UNLIKELY.test(name) && !LIKELY.test(name);
}

interface Scored {
  node: HtmlNode;
  score: number;
  chars: number;
  linkChars: number;
}

/** Text of a subtree as lines: blocks and <br> break lines, runs of white space become one space. */
function textLines(root: HtmlNode): string[] {
  let text = '';
  const walk = (node: HtmlNode, pre: boolean) => {
    if (isDropped(node)) return;
    if (node.type === 'text') {
      text += pre ? node.data! : node.data!.replace(/[ \t\r\n\f]+/g, ' ');
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    if (node.name === 'br') {
      text += '\n';
      return;
    }
    const block = BLOCKS.has(node.name ?? '');
    if (block) text += '\n';
    const before = text.length;
    for (const child of node.children ?? []) walk(child, pre || node.name === 'pre');
    // An empty paragraph (Word writes <p>&nbsp;</p>) is a blank line: it separates speeches in a compilation.
    if (node.name === 'p' && !text.slice(before).trim()) text += `\n${BLANK}\n`;
    if (block) text += '\n';
  };
  walk(root, false);
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const blank = raw === BLANK;
    const line = blank ? '' : raw.trim();
    if (line || (blank && lines.length && lines[lines.length - 1] !== '')) lines.push(line);
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The element that holds the article: Reader View's scoring, for Chinese prose. */
function articleOf(document: HtmlNode): { article: HtmlNode; title?: string } {
  const scores = new Map<HtmlNode, Scored>();
  const entry = (node: HtmlNode) => {
    let s = scores.get(node);
    if (!s) scores.set(node, (s = { node, score: 0, chars: 0, linkChars: 0 }));
    return s;
  };
  const blockAncestor = (node: HtmlNode): HtmlNode | undefined => {
    for (let p = node.parent; p; p = p.parent) if (p.type === 'root' || BLOCKS.has(p.name ?? '')) return p;
    return undefined;
  };
  // Text of each block (its own inline text, not its child blocks'), and link text within it.
  const own = new Map<HtmlNode, { chars: string; linkChars: number }>();
  const headings: HtmlNode[] = [];
  const order = new Map<HtmlNode, number>();
  const walk = (node: HtmlNode, inLink: boolean) => {
    if (isDropped(node)) return;
    order.set(node, order.size);
    if (node.type === 'text') {
      const block = blockAncestor(node);
      if (!block) return;
      const t = node.data!.replace(/\s+/g, '');
      if (!t) return;
      const o = own.get(block) ?? { chars: '', linkChars: 0 };
      o.chars += t;
      if (inLink) o.linkChars += t.length;
      own.set(block, o);
      return;
    }
    if (node.type === 'tag' && HEADINGS.has(node.name!)) headings.push(node);
    for (const child of node.children ?? []) walk(child, inLink || node.name === 'a');
  };
  walk(document, false);
  for (const [block, { chars, linkChars }] of own) {
    // Every container up the tree learns how much text and link text it holds.
    for (let p: HtmlNode | null | undefined = block; p; p = p.parent) {
      const e = entry(p);
      e.chars += chars.length;
      e.linkChars += linkChars;
    }
    if (chars.length - linkChars < MIN_PARAGRAPH_CHARS) continue;
    const score = 1 + (chars.match(PROSE_PUNCTUATION)?.length ?? 0) + Math.min(Math.floor(chars.length / 100), 3);
    // A paragraph counts for the element holding it and, by half, for the one above (Reader View's rule);
    // text written straight into a container (lines split by <br>) counts for that container itself.
    const parent = block.name === 'p' || HEADINGS.has(block.name ?? '') || block.name === 'li' ? blockAncestor(block) : block;
    if (!parent) continue;
    entry(parent).score += score;
    const grand = blockAncestor(parent);
    if (grand) entry(grand).score += score / 2;
  }
  let best: Scored | undefined;
  for (const s of scores.values()) {
    if (s.score <= 0) continue;
    const final = s.score * (1 - s.linkChars / Math.max(1, s.chars));
    if (!best || final > best.score * (1 - best.linkChars / Math.max(1, best.chars))) best = s;
  }
  const article = best?.node ?? document;
  // The title: the last heading before the article (pages put it above the body, outside its box).
  const at = order.get(article) ?? 0;
  const inside = (h: HtmlNode) => {
    for (let p: HtmlNode | null | undefined = h; p; p = p.parent) if (p === article) return true;
    return false;
  };
  const before = headings.filter((h) => (order.get(h) ?? 0) < at && !inside(h));
  const title = before.length && !headings.some(inside) ? textLines(before[before.length - 1]).join('') || undefined : undefined;
  return { article, title };
}

/** The article of a page, one paragraph per line, its title first. */
export function htmlArticleText(html: string): string {
  const document = parseDocument(html) as unknown as HtmlNode;
  const { article, title } = articleOf(document);
  const lines = textLines(article);
  if (title && lines[0] !== title) lines.unshift(title);
  return lines.join('\n');
}

export function htmlText(bytes: Uint8Array, charsetHint?: string): string {
  return htmlArticleText(decodeHtml(bytes, charsetHint));
}
