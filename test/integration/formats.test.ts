// Issue 14, formats: real .doc, .wps, .odt, .rtf, .pdf, .html made by LibreOffice from sample speeches
// (a .docx laid out as speeches are, and a GBK .txt), then .mht and a saved page with navigation and
// adverts built around them. The text each reader extracts must equal the source's apart from
// layout (white space); a corrupt file of each format is skipped with its reason. The table printed
// at the end is the per-format agreement the issue asks for.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { cleanText, loadCorpus, readSpeechFile, type SkipReason } from '../../src/core/corpus';
import { EVAL_DOCS_DIR, tempDir } from '../core/fixtures/corpusFixtures';
import { makeMht, savedPage } from '../core/fixtures/formatFixtures';
import { cachedFolder, convert, filesIn, sofficeVersion, speechDocx } from './soffice';

/** Sample speeches converted from a .docx (a spread of lengths and kinds), and one from a GBK .txt. */
const DOCX_SOURCES = ['00', '05', '12', '20', '27', '31'];
const GBK_SOURCE = '07';
const FORMATS = ['doc', 'odt', 'rtf', 'pdf', 'html'];
/** Speeches compiled into one document, an empty paragraph between them (as 汇编 files are). */
const COMPILATION = ['01', '03', '12', '16', '22', '29'];

const sourceLines = (id: string) => readFileSync(path.join(EVAL_DOCS_DIR, `${id}.txt`), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
/** GBK has no no-break space: a plain one stands in (as in the unit tests' GBK copies). */
const gbkText = (id: string) => readFileSync(path.join(EVAL_DOCS_DIR, `${id}.txt`), 'utf8').replace(/\u00a0/g, ' ');

async function textOf(file: string): Promise<{ text: string; skipped?: SkipReason }> {
  const r = await readSpeechFile(file);
  return { text: r.documents.map((d) => d.text).join('\n'), skipped: r.skipped?.reason };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Share of `a`'s characters that `b` reproduces in order (longest common subsequence), in per cent. */
function agreement(a: string, b: string): number {
  if (a === b) return 100;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const x = a.slice(start, a.length - end);
  const y = b.slice(start, b.length - end);
  let prev = new Uint32Array(y.length + 1);
  let row = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) row[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
    [prev, row] = [row, prev];
  }
  return (100 * (start + end + prev[y.length])) / Math.max(a.length, b.length);
}

/** Sets fEncrypted in the FIB of a Word 97–2003 file (its WordDocument stream starts on a sector with the magic A5EC). */
function markEncrypted(doc: Buffer): Buffer {
  const out = Buffer.from(doc);
  for (let at = 512; at + 12 <= out.length; at += 512) {
    if (out.readUInt16LE(at) === 0xa5ec && out.readUInt16LE(at + 2) >= 0x00c1) {
      out.writeUInt16LE(out.readUInt16LE(at + 0x0a) | 0x0100, at + 0x0a);
      return out;
    }
  }
  throw new Error('no FIB found');
}

interface Row {
  format: string;
  files: number;
  'source chars': number;
  'char agreement %': string;
  'paragraphs exact %': string;
}

describe('formats made by LibreOffice (integration)', function () {
  // A cold cache converts 7 documents to 5 formats with soffice (about a minute on 2 cores); a warm one reads them in seconds.
  this.timeout(600_000);
  let converted: string;
  let tmp: ReturnType<typeof tempDir>;
  const rows: Row[] = [];

  before(async () => {
    if (!sofficeVersion()) throw new Error('soffice is missing: run `bash scripts/setup-system.sh` (Debian libreoffice-writer-nogui)');
    const key = JSON.stringify({ v: 3, docx: DOCX_SOURCES.map(sourceLines), compilation: COMPILATION.map(sourceLines), gbk: gbkText(GBK_SOURCE), FORMATS });
    converted = await cachedFolder('integration/formats', key, async (dir) => {
      for (const id of DOCX_SOURCES) writeFileSync(path.join(dir, `s${id}.docx`), await speechDocx(sourceLines(id)));
      writeFileSync(path.join(dir, 'compilation.docx'), await speechDocx(COMPILATION.flatMap((id, i) => [...(i ? [''] : []), ...sourceLines(id)])));
      writeFileSync(path.join(dir, `g${GBK_SOURCE}.txt`), iconv.encode(gbkText(GBK_SOURCE), 'gbk'));
      for (const format of FORMATS) {
        await convert(filesIn(dir, '.docx'), format, dir);
        await convert([path.join(dir, `g${GBK_SOURCE}.txt`)], format, dir, 'Text (encoded):GBK,LF,,,');
      }
    });
    tmp = tempDir();
  });

  after(() => {
    tmp?.dispose();
    if (!rows.length) return;
    console.log(`\n  extracted text against the source (white space ignored), LibreOffice ${sofficeVersion()}`);
    console.table(rows);
  });

  const sources = () => [...DOCX_SOURCES.map((id) => ({ id, stem: `s${id}`, source: path.join(converted, `s${id}.docx`) })), { id: GBK_SOURCE, stem: `g${GBK_SOURCE}`, source: path.join(converted, `g${GBK_SOURCE}.txt`) }];

  /** Reads every source's copy in one format against the source itself; one table row. */
  async function compareFormat(format: string, copyOf: (stem: string) => Promise<string>): Promise<void> {
    let chars = 0;
    let common = 0;
    let exact = 0;
    let paragraphs = 0;
    const problems: string[] = [];
    for (const { stem, source } of sources()) {
      const want = await textOf(source);
      assert.equal(want.skipped, undefined, `${source}: ${JSON.stringify(want.skipped)}`);
      const got = await textOf(await copyOf(stem));
      if (got.skipped) problems.push(`${stem}.${format}: skipped ${JSON.stringify(got.skipped)}`);
      const [a, b] = [squeeze(want.text), squeeze(got.text)];
      const share = agreement(a, b);
      chars += a.length;
      common += (share / 100) * Math.max(a.length, b.length);
      if (a !== b) problems.push(`${stem}.${format}: ${share.toFixed(2)} % of the characters agree`);
      const gotLines = new Set(got.text.split('\n'));
      const wantLines = want.text.split('\n').filter(Boolean);
      paragraphs += wantLines.length;
      exact += wantLines.filter((l) => gotLines.has(l)).length;
    }
    rows.push({ format, files: sources().length, 'source chars': chars, 'char agreement %': ((100 * common) / chars).toFixed(2), 'paragraphs exact %': ((100 * exact) / paragraphs).toFixed(1) });
    assert.deepEqual(problems, []);
  }

  for (const format of FORMATS) {
    it(`.${format}: the text equals the source's apart from layout`, () => compareFormat(format, async (stem) => path.join(converted, `${stem}.${format}`)));
  }

  it('.wps (what WPS writes for the 97–2003 format: a .doc by another name) reads as the .doc', () =>
    compareFormat('wps', async (stem) => {
      const file = path.join(tmp.dir, `${stem}.wps`);
      copyFileSync(path.join(converted, `${stem}.doc`), file);
      return file;
    }));

  it('.mht (the page as quoted-printable GBK in a MIME archive) reads as the page', () =>
    compareFormat('mht', async (stem) => {
      const html = readFileSync(path.join(converted, `${stem}.html`), 'utf8').replace(/charset=utf-8/i, 'charset=gb2312');
      const file = path.join(tmp.dir, `${stem}.mht`);
      writeFileSync(file, makeMht(iconv.encode(html, 'gbk'), 'gb2312'));
      return file;
    }));

  it('a saved web page (GBK) with navigation, scripts, share bar, sidebar adverts and footer: the speech only', () =>
    compareFormat('saved page', async (stem) => {
      const lines = (await textOf(path.join(converted, `${stem}.${stem.startsWith('g') ? 'txt' : 'docx'}`))).text.split('\n');
      const file = path.join(tmp.dir, `${stem}_网页.htm`);
      writeFileSync(file, iconv.encode(savedPage(lines[0], lines.slice(1), 'gb2312'), 'gbk'));
      return file;
    }));

  it('a compilation (six speeches, an empty paragraph between them) is split into the same six speeches in every format', async () => {
    const titles = async (file: string) => (await readSpeechFile(file)).documents.map((d) => d.title);
    const expected = await titles(path.join(converted, 'compilation.docx'));
    assert.deepEqual(expected, COMPILATION.map((id) => cleanText(sourceLines(id)[0])));
    for (const format of FORMATS) assert.deepEqual(await titles(path.join(converted, `compilation.${format}`)), expected, format);
  });

  it('a corrupt, mislabelled or password-protected file of each format is skipped with its reason, the rest of the folder read', async () => {
    const folder = path.join(tmp.dir, '损坏');
    const bytes = (name: string) => readFileSync(path.join(converted, name));
    const cut = (b: Buffer, share: number) => b.subarray(0, Math.floor(b.length * share));
    const bad: [string, Buffer | string, (r: SkipReason) => boolean][] = [
      ['截断.doc', cut(bytes('s05.doc'), 0.3), (r) => r.code === 'damaged'],
      ['加密.doc', markEncrypted(bytes('s05.doc')), (r) => r.code === 'encrypted'],
      ['截断.wps', cut(bytes('s05.doc'), 0.6), (r) => r.code === 'damaged'],
      ['不是复合文档.wps', '这是一个文本文件，改了扩展名。', (r) => r.code === 'notWordBinary'],
      ['截断.odt', cut(bytes('s05.odt'), 0.5), (r) => r.code === 'corruptArchive'],
      ['截断.docx', cut(bytes('s05.docx'), 0.5), (r) => r.code === 'corruptArchive'],
      ['头部损坏.rtf', Buffer.concat([Buffer.from('\u0000\u0001garbage'), bytes('s05.rtf').subarray(12)]), (r) => r.code === 'wrongFormat'],
      ['乱码.pdf', Buffer.concat([cut(bytes('s05.pdf'), 0.02), Buffer.alloc(4096, 0x7f)]), (r) => r.code === 'damaged' || r.code === 'noTextLayer'],
      ['二进制.html', Buffer.concat([Buffer.from('<html><body>'), Buffer.alloc(64, 0), Buffer.from('</body></html>')]), (r) => r.code === 'binary'],
      ['不是MIME.mht', '<p>只有一段网页</p>', (r) => r.code === 'wrongFormat'],
    ];
    mkdirSync(folder);
    for (const [name, content] of bad) writeFileSync(path.join(folder, name), content);
    for (const format of FORMATS) copyFileSync(path.join(converted, `s12.${format}`), path.join(folder, `好的.${format}`));
    const result = await loadCorpus([folder]);
    const reasons = new Map(result.skipped.map((s) => [path.basename(s.path), s.reason]));
    const wrong = bad.filter(([name, , ok]) => !reasons.has(name) || !ok(reasons.get(name)!)).map(([name]) => `${name}: ${JSON.stringify(reasons.get(name))}`);
    assert.deepEqual(wrong, []);
    assert.equal(result.skipped.length, bad.length, JSON.stringify(result.skipped));
    assert.deepEqual(new Set(result.documents.map((d) => path.basename(d.source))), new Set(FORMATS.map((f) => `好的.${f}`)));
    console.log(`\n  corrupt files: ${bad.map(([name]) => `${name} → ${reasons.get(name)?.code}`).join('; ')}`);
  });
});
