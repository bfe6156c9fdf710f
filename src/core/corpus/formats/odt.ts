// OpenDocument text (.odt: LibreOffice, WPS's and Word's "ODF" saves): a zip whose content.xml
// holds the body. Paragraphs and headings (text:p, text:h) become lines; footnotes (text:note),
// comments (office:annotation) and the deleted text of tracked changes (text:tracked-changes) are
// left out — the body as its changes accepted. Read with a small XML scanner: ODF's text markup is
// a handful of elements, and no entity but the five predefined and character references.
import { SkipError } from '../skipReason';
import { checkedEntries, inflateEntry, isCompoundFile } from './zip';

/** Same bounds as a .docx: the XML of a real speech collection is far less; pictures are what is big. */
const MAX_ODT_XML_BYTES = 64 * 1024 * 1024;
const MAX_ODT_TOTAL_BYTES = 512 * 1024 * 1024;

/** Elements whose content is not body text. */
const SKIPPED = new Set(['text:note', 'office:annotation', 'text:tracked-changes', 'text:bookmark-ref', 'office:forms', 'text:sequence-decls', 'draw:image', 'svg:title', 'svg:desc']);
const PARAGRAPHS = new Set(['text:p', 'text:h']);
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(\w+));/g, (m, hex: string, dec: string, name: string) => {
    if (hex || dec) {
      const code = parseInt(hex ?? dec, hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name] ?? m;
  });
}

/** The body of content.xml, one paragraph per line. */
export function odfBodyText(xml: string): string {
  const lines: string[] = [];
  let line = '';
  let inParagraph = 0;
  let skipDepth = 0;
  const skipStack: string[] = [];
  const tag = /<(\/?)([\w.-]+:[\w.-]+|[\w.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  for (const m of xml.matchAll(tag)) {
    const [, closing, name, attrs, selfClosing, cdata, text] = m;
    if (text !== undefined || cdata !== undefined) {
      if (!skipDepth && inParagraph) line += text !== undefined ? unescapeXml(text) : cdata;
      continue;
    }
    if (!name) continue;
    if (skipDepth) {
      if (name === skipStack[skipStack.length - 1]) {
        if (closing) {
          skipStack.pop();
          skipDepth--;
        } else if (!selfClosing) {
          skipStack.push(name);
          skipDepth++;
        }
      }
      continue;
    }
    if (SKIPPED.has(name)) {
      if (!closing && !selfClosing) {
        skipStack.push(name);
        skipDepth++;
      }
      continue;
    }
    if (PARAGRAPHS.has(name)) {
      if (closing) {
        inParagraph = Math.max(0, inParagraph - 1);
        // A paragraph inside another (a frame in a paragraph) ends a line of its own.
        lines.push(line);
        line = '';
      } else if (selfClosing) {
        if (line) lines.push(line);
        lines.push('');
        line = '';
      } else {
        if (inParagraph && line) {
          lines.push(line);
          line = '';
        }
        inParagraph++;
      }
      continue;
    }
    if (!inParagraph || closing) continue;
    if (name === 'text:s') line += ' '.repeat(Math.min(1000, Number(/text:c="(\d+)"/.exec(attrs)?.[1] ?? 1)));
    else if (name === 'text:tab') line += '\t';
    else if (name === 'text:line-break') line += '\n';
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function odtText(buf: Buffer): string {
  if (isCompoundFile(buf)) throw new SkipError({ code: 'wrongFormat', expected: '.odt' });
  const entries = checkedEntries(buf, { required: 'content.xml', format: '.odt', maxXmlBytes: MAX_ODT_XML_BYTES, maxTotalBytes: MAX_ODT_TOTAL_BYTES });
  const manifest = entries.find((e) => e.name === 'META-INF/manifest.xml');
  // A password-protected .odt keeps its parts encrypted inside the zip, and says so in the manifest.
  if (manifest && inflateEntry(buf, manifest).includes('encryption-data')) throw new SkipError({ code: 'encrypted', format: '.odt' });
  const content = entries.find((e) => e.name === 'content.xml')!;
  const xml = inflateEntry(buf, content).toString('utf8');
  const body = /<office:body[\s>]/.exec(xml);
  if (!body) throw new SkipError({ code: 'wrongFormat', expected: '.odt' });
  return odfBodyText(xml.slice(body.index));
}
