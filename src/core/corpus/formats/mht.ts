// Web archives (.mht, .mhtml: what a browser's "save as single file" and Word's "web page, single
// file" write): a MIME message whose root part is the page, quoted-printable or base64, often in
// GBK. The page's part is found and decoded; its text is read as a saved page is (html.ts).
import { SkipError } from '../skipReason';
import { htmlText } from './html';

interface MimePart {
  headers: Map<string, string>;
  body: Buffer;
}

/** Header fields (unfolded, names lower-case) and where the body starts. */
function parseHeaders(buf: Buffer, from: number, to: number): { headers: Map<string, string>; bodyStart: number } {
  const headers = new Map<string, string>();
  let end = buf.indexOf('\r\n\r\n', from);
  let sep = 4;
  const lf = buf.indexOf('\n\n', from);
  if (lf >= 0 && (end < 0 || lf < end)) {
    end = lf;
    sep = 2;
  }
  if (end < 0 || end > to) end = to;
  const lines = buf.toString('latin1', from, end).split(/\r?\n/);
  let current = '';
  const flush = () => {
    const colon = current.indexOf(':');
    if (colon > 0) headers.set(current.slice(0, colon).trim().toLowerCase(), current.slice(colon + 1).trim());
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line)) current += ` ${line.trim()}`;
    else {
      flush();
      current = line;
    }
  }
  flush();
  return { headers, bodyStart: Math.min(to, end + sep) };
}

/** A parameter of a header value: `boundary`, `charset`, `type`. */
function parameter(value: string | undefined, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d && i + 2 < text.length && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out[n++] = parseInt(text.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}

function decodedBody(part: MimePart): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

/** The parts of a multipart body (nested multiparts flattened), or the message itself. */
function partsOf(buf: Buffer, from: number, to: number, depth = 0): MimePart[] {
  const { headers, bodyStart } = parseHeaders(buf, from, to);
  const type = headers.get('content-type') ?? '';
  const boundary = parameter(type, 'boundary');
  if (!/^multipart\//i.test(type) || !boundary || depth > 8) return [{ headers, body: buf.subarray(bodyStart, to) }];
  const marker = Buffer.from(`--${boundary}`);
  const parts: MimePart[] = [];
  let at = buf.indexOf(marker, bodyStart);
  while (at >= 0 && at < to) {
    let start = at + marker.length;
    if (buf.toString('latin1', start, start + 2) === '--') break;
    start = buf.indexOf('\n', start) + 1;
    if (start <= 0) break;
    const next = buf.indexOf(marker, start);
    const end = next < 0 || next > to ? to : next;
    // The line break before the next boundary belongs to the boundary.
    const bodyEnd = buf[end - 1] === 0x0a ? (buf[end - 2] === 0x0d ? end - 2 : end - 1) : end;
    parts.push(...partsOf(buf, start, bodyEnd, depth + 1));
    at = next;
  }
  return parts;
}

export function mhtText(bytes: Buffer): string {
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 4096));
  if (!/^(?:content-type|mime-version):/im.test(head)) {
    throw new SkipError({ code: 'wrongFormat', expected: '.mht' });
  }
  const parts = partsOf(bytes, 0, bytes.length);
  const type = (p: MimePart) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase();
  const page = parts.find((p) => type(p).startsWith('text/html')) ?? parts.find((p) => type(p).startsWith('text/plain'));
  if (!page) throw new SkipError({ code: 'wrongFormat', expected: '.mht' });
  const body = decodedBody(page);
  const charset = parameter(page.headers.get('content-type'), 'charset');
  if (type(page).startsWith('text/html')) return htmlText(body, charset);
  return new TextDecoder(/^(?:gb2312|gbk|gb18030)$/i.test(charset ?? '') ? 'gb18030' : 'utf-8').decode(body);
}
