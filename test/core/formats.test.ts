// The corpus formats read in process from files built here: what each reads (the body, as its
// tracked changes accepted) and what it leaves out, and one skip reason for each kind of bad file.
// Real converted documents (LibreOffice) are test/integration/formats.test.ts's.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { CORPUS_EXTENSIONS, isCorpusFile, readSpeechFile, sizeLimitReason } from '../../src/core/corpus';
import { layoutPdfText, type PdfRun } from '../../src/core/corpus/formats/pdf';
import { RtfDecoder } from '../../src/core/corpus/formats/rtf';
import type { SkipReason } from '../../src/core/corpus';
import { skipReasonText } from '../../src/cli/skipReasons';
import { docxWithParts, makeMht, makeOdt, passwordPdf, savedPage, scannedPdf, textPdf } from './fixtures/formatFixtures';
import { makeDocx, tempDir } from './fixtures/corpusFixtures';

const MB = 1024 * 1024;
const SPEECH = ['在全县作风建设大会上的讲话', '同志们：', '今天我们召开全县作风建设大会，主要任务是动员全县上下进一步转变作风。', '一、提高政治站位', '作风建设永远在路上，永远没有休止符。', '谢谢大家！'];

describe('corpus formats', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.dispose());

  async function read(name: string, bytes: Buffer | string, sliceBytes?: number) {
    const file = path.join(tmp.dir, name);
    writeFileSync(file, bytes);
    const r = await readSpeechFile(file, sliceBytes ? { sliceBytes } : {});
    return { text: r.documents.map((d) => d.text).join('\n\n'), titles: r.documents.map((d) => d.title), skipped: r.skipped?.reason };
  }

  async function skipOf(name: string, bytes: Buffer | string): Promise<SkipReason | undefined> {
    const r = await read(name, bytes);
    assert.equal(r.text, '', `${name} gave text: ${r.text.slice(0, 80)}`);
    if (r.skipped) assert.doesNotMatch(skipReasonText(r.skipped), /[\r\n]/);
    return r.skipped;
  }

  it('the registry: every extension is a corpus file, lock files are not, and whole-file formats have their own caps', () => {
    assert.deepEqual([...CORPUS_EXTENSIONS].sort(), ['.doc', '.docx', '.htm', '.html', '.md', '.mht', '.mhtml', '.odt', '.pdf', '.rtf', '.txt', '.wps']);
    for (const ext of CORPUS_EXTENSIONS) assert.ok(isCorpusFile(`讲话${ext.toUpperCase()}`), ext);
    assert.ok(!isCorpusFile('~$讲话.doc') && !isCorpusFile('讲话.xls') && !isCorpusFile('讲话.pdf.part'));
    assert.deepEqual(sizeLimitReason('a.pdf', 129 * MB, 1024 * MB), { code: 'tooLarge', bytes: 129 * MB, limitBytes: 128 * MB, fixedLimit: true });
    assert.deepEqual(sizeLimitReason('a.WPS', 65 * MB, 1024 * MB), { code: 'tooLarge', bytes: 65 * MB, limitBytes: 64 * MB, fixedLimit: true });
    assert.equal(sizeLimitReason('a.rtf', 300 * MB, 1024 * MB), undefined, 'RTF is streamed: only the setting limits it');
    assert.equal(sizeLimitReason('a.odt', 2 * MB, 1 * MB)?.code, 'tooLarge');
  });

  describe('.docx', () => {
    it('reads tracked changes as accepted (insertions and moves in, deletions out) and leaves comments and footnotes out', async () => {
      const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
      const body = [
        `<w:p>${run('在全县作风建设大会上的讲话')}</w:p>`,
        `<w:p>${run('同志们：')}</w:p>`,
        `<w:p>${run('今天我们召开')}<w:ins w:id="1" w:author="a">${run('全县')}</w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>全市</w:delText></w:r></w:del>${run('作风建设大会。')}</w:p>`,
        `<w:p><w:commentRangeStart w:id="0"/>${run('作风建设永远在路上')}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>${run('，永远没有休止符。')}<w:r><w:footnoteReference w:id="1"/></w:r></w:p>`,
        `<w:p><w:moveFrom w:id="3" w:author="a">${run('挪走的句子。')}</w:moveFrom><w:moveTo w:id="4" w:author="a">${run('挪来的句子。')}</w:moveTo></w:p>`,
        `<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr><w:del w:id="6" w:author="a"><w:r><w:delText>整段删去的话。</w:delText></w:r></w:del></w:p>`,
        `<w:p>${run('谢谢大家！')}</w:p>`,
      ].join('');
      const comments = '<w:comment w:id="0" w:author="审稿人"><w:p><w:r><w:t>批注：此处再斟酌</w:t></w:r></w:p></w:comment>';
      const footnotes = '<w:footnote w:id="1"><w:p><w:r><w:t>脚注：引自某文件</w:t></w:r></w:p></w:footnote>';
      const r = await read('修改稿.docx', await docxWithParts(body, comments, footnotes));
      assert.equal(r.skipped, undefined);
      assert.equal(
        r.text,
        ['在全县作风建设大会上的讲话', '同志们：', '今天我们召开全县作风建设大会。', '作风建设永远在路上，永远没有休止符。', '挪来的句子。', '谢谢大家！'].join('\n'),
      );
    });

    it('an encrypted .docx (a compound file holding EncryptedPackage) is skipped as password-protected', async () => {
      const ole = Buffer.alloc(2048);
      Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(ole);
      const name = Buffer.from('EncryptedPackage\0', 'utf16le');
      name.copy(ole, 1024);
      ole.writeUInt16LE(name.length, 1024 + 64);
      assert.deepEqual(await skipOf('加密.docx', ole), { code: 'encrypted', format: '.docx' });
      assert.equal(skipReasonText({ code: 'encrypted', format: '.docx' }), '.docx 文件有密码保护，无法读取（password-protected）');
    });
  });

  describe('.doc and .wps', () => {
    it('a .wps or .doc that is not a compound file is skipped with its reason; one that Word saved as RTF, HTML or .docx is read', async () => {
      assert.deepEqual(await skipOf('旧文件.wps', '这是一个纯文本文件，不是 WPS 文档。'), { code: 'notWordBinary', format: '.wps' });
      assert.equal(skipReasonText({ code: 'notWordBinary', format: '.wps' }), '不是 Word 97–2003 格式的 .wps 文件（not a Word 97–2003 compound file）');
      assert.deepEqual(await skipOf('Works.wps', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)])), { code: 'notWordBinary', format: '.wps' });
      const rtf = await read('其实是RTF.doc', `{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}}\\f0 ${SPEECH.map((p) => rtfEscape(p)).join('\\par\n')}\\par}`);
      assert.equal(rtf.text, SPEECH.join('\n'));
      const html = await read('其实是网页.doc', `<html><body>${SPEECH.map((p) => `<p>${p}</p>`).join('')}</body></html>`);
      assert.equal(html.text, SPEECH.join('\n'));
      const docx = await read('其实是docx.doc', await makeDocx(SPEECH));
      assert.equal(docx.text, SPEECH.join('\n'));
    });

    it('a damaged compound file is skipped as a damaged .doc, not read as garbage', async () => {
      const ole = Buffer.alloc(4096, 0xff);
      Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(ole);
      const name = Buffer.from('WordDocument\0', 'utf16le');
      name.copy(ole, 1024);
      ole.writeUInt16LE(name.length, 1024 + 64);
      const reason = await skipOf('损坏.doc', ole);
      assert.equal(reason?.code, 'damaged', JSON.stringify(reason));
    });
  });

  describe('.rtf', () => {
    it('reads Chinese Word RTF: \\\'xx in the GBK code page, \\uN with fallbacks, the body only (no header, comment, deleted text)', async () => {
      const rtf = [
        '{\\rtf1\\ansi\\ansicpg936\\deff0\\uc1',
        `{\\fonttbl{\\f0\\fnil\\fcharset134 ${rtfEscape('宋体')};}{\\f1\\fswiss\\fcharset0 Arial;}}`,
        '{\\colortbl;\\red0\\green0\\blue0;}{\\stylesheet{\\s0 Normal;}}{\\info{\\title x}{\\author y}}',
        `{\\header\\pard ${rtfEscape('页眉：机密')}\\par}{\\footer\\pard - 1 -\\par}`,
        `\\pard\\f0 ${rtfEscape(SPEECH[0])}\\par`,
        `${rtfEscape(SPEECH[1])}\\par`,
        // Word writes what GBK lacks (and LibreOffice writes everything) as \uN with a fallback byte.
        `${[...SPEECH[2]].map((c) => `\\u${c.charCodeAt(0) > 0x7fff ? c.charCodeAt(0) - 0x10000 : c.charCodeAt(0)}?`).join('')}\\par`,
        `{\\*\\annotation ${rtfEscape('批注内容')}}${rtfEscape(SPEECH[3])}{\\deleted ${rtfEscape('删去的字')}}\\par`,
        `{\\field{\\*\\fldinst HYPERLINK "x"}{\\fldrslt ${rtfEscape(SPEECH[4])}}}\\par`,
        `{\\pict\\pngblip 89504e47}${rtfEscape(SPEECH[5])}\\par}`,
      ].join('\r\n');
      const whole = await read('定稿.rtf', rtf);
      assert.equal(whole.skipped, undefined);
      assert.equal(whole.text, SPEECH.join('\n'));
      // Slices of 16 bytes cut control words, \'xx escapes and GBK pairs everywhere: the same text.
      assert.equal((await read('定稿2.rtf', rtf, 16)).text, whole.text);
    });

    it('reads a font\'s \\fcharset134 under \\ansicpg1252 as GBK, and \\uc2 fallbacks', () => {
      const d = new RtfDecoder();
      const text = d.decode(Buffer.from(`{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f1\\fcharset134 x;}}\\f1 ${rtfEscape('讲话')}\\uc2\\u35762\\'bd\\'b2\\par}`, 'latin1'), true);
      assert.equal(text, '讲话讲\n');
    });

    it('skips what is not RTF, and nesting no document has', async () => {
      assert.deepEqual(await skipOf('假的.rtf', 'plain text'), { code: 'wrongFormat', expected: '.rtf' });
      assert.equal((await skipOf('嵌套.rtf', `{\\rtf1 ${'{'.repeat(100_000)}`))?.code, 'damaged');
    });
  });

  describe('.odt', () => {
    it('reads paragraphs and headings; leaves out footnotes, comments and tracked deletions', async () => {
      const body = [
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>删去的一段。</text:p></text:deletion></text:changed-region></text:tracked-changes>',
        `<text:h text:outline-level="1">${SPEECH[0]}</text:h>`,
        `<text:p>${SPEECH[1]}</text:p>`,
        `<text:p>今天我们召开全县作风建设大会，<text:change text:change-id="c1"/>主要任务是动员全县上下进一步转变作风。<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注内容</text:p></text:note-body></text:note></text:p>`,
        `<text:list><text:list-item><text:p>一、提高政治站位</text:p></text:list-item></text:list>`,
        `<text:p><office:annotation><dc:creator>审稿</dc:creator><text:p>批注内容</text:p></office:annotation>作风建设永远在路上，永远没有休止符。</text:p>`,
        `<text:p>谢谢<text:s/>大家&#xFF01;</text:p>`,
      ].join('');
      const r = await read('讲话.odt', await makeOdt(body));
      assert.equal(r.skipped, undefined);
      assert.equal(r.text, SPEECH.join('\n'));
    });

    it('skips a password-protected, a truncated and a mislabelled .odt with their reasons', async () => {
      assert.deepEqual(await skipOf('加密.odt', await makeOdt('<text:p>x</text:p>', true)), { code: 'encrypted', format: '.odt' });
      assert.equal((await skipOf('截断.odt', (await makeOdt('<text:p>讲话</text:p>')).subarray(0, 200)))?.code, 'corruptArchive');
      assert.deepEqual(await skipOf('其实是docx.odt', await makeDocx(SPEECH)), { code: 'wrongFormat', expected: '.odt' });
    });
  });

  describe('saved web pages', () => {
    it('a GBK page: the article and its title only — no navigation, script, share bar, sidebar advert, related links or footer', async () => {
      const page = savedPage(SPEECH[0], SPEECH.slice(1), 'gb2312');
      const r = await read('讲话_某某市人民政府网.htm', iconv.encode(page, 'gbk'));
      assert.equal(r.skipped, undefined);
      assert.equal(r.text, SPEECH.join('\n'));
      assert.deepEqual(r.titles, [SPEECH[0]]);
    });

    it('an .mht (MIME, quoted-printable GBK page, a picture beside it) reads as the page does', async () => {
      const page = savedPage(SPEECH[0], SPEECH.slice(1), 'gb2312');
      const r = await read('讲话.mht', makeMht(iconv.encode(page, 'gbk'), 'gb2312'));
      assert.equal(r.skipped, undefined);
      assert.equal(r.text, SPEECH.join('\n'));
      assert.deepEqual(await skipOf('假的.mht', '不是网页存档'), { code: 'wrongFormat', expected: '.mht' });
    });

    it('a page that is binary is skipped as binary', async () => {
      assert.equal((await skipOf('图片.html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3])))?.code, 'binary');
    });
  });

  describe('.pdf', function () {
    // The first PDF loads pdf.js (about a second on this machine).
    this.timeout(10_000);

    it('reads the text layer: lines by baseline, paragraphs joined, page numbers and running headers dropped', async () => {
      const header: [number, number, string] = [72, 760, 'City Government Work Report 2023'];
      const pdf = textPdf([
        [header, [72, 700, 'Opening remarks'], [90, 680, 'The first paragraph runs on past the right'], [72, 666, 'margin of the page and ends here.'], [300, 40, '- 1 -']],
        [header, [72, 700, 'and this one continues on the next page.'], [90, 680, 'A second paragraph.'], [300, 40, 'Page 2']],
        [header, [90, 700, 'Closing words.'], [300, 40, '- 3 -']],
      ]);
      const r = await read('report.pdf', pdf);
      assert.equal(r.skipped, undefined);
      // The widest line sets the right margin: the indented first line reaches it and runs on; the
      // short line after it ends its paragraph, so page 2's first line starts one.
      assert.equal(
        r.text,
        ['Opening remarks', 'The first paragraph runs on past the right margin of the page and ends here.', 'and this one continues on the next page.', 'A second paragraph.', 'Closing words.'].join('\n'),
      );
    });

    const OVERLAID = '思想是行动的先导。总要求是 学思想、强党性 。写满这一行';
    const ADVANCE = 480 / OVERLAID.length;

    it('layout: joins a paragraph\'s lines (and across a page), keeps indented and numbered starts, merges overlaid quotes', () => {
      const run = (text: string, x: number, y: number, right = x + 10 * [...text].length): PdfRun => ({ text, x, y, right, size: 10 });
      const page1 = [
        run('页眉：某某市委办公室', 60, 800),
        run('在全县大会上的讲话', 100, 760),
        run('同志们：', 60, 740),
        run('今天召开大会，主要任务是总结工作、部署任务。这一行写满', 80, 725, 540),
        run('了整行，接着的一行是同一段。', 60, 712),
        run('一、统一思想', 60, 699),
        // Quotes set in another font over the spaces the main run leaves for them.
        run(OVERLAID, 60, 686, 540),
        run('“', 60 + OVERLAID.indexOf(' ') * ADVANCE, 686, 60 + (OVERLAID.indexOf(' ') + 1) * ADVANCE),
        run('”', 60 + OVERLAID.lastIndexOf(' ') * ADVANCE, 686, 60 + (OVERLAID.lastIndexOf(' ') + 1) * ADVANCE),
        run('第 1 页', 280, 40),
      ];
      const page2 = [
        run('页眉：某某市委办公室', 60, 800),
        run('接续上一页的句子。', 60, 760),
        // Two characters short of the margin: an opening quote may not end a line, so the line broke early.
        run('增强斗志，激发干事创业的', 80, 747, 520),
        run('“实”的干劲。', 60, 734),
        // Two characters short, and nothing moved: the paragraph ended.
        run('这一段到此结束，没有写满', 80, 721, 520),
        run('谢谢大家！', 60, 708),
        run('第 2 页', 280, 40),
      ];
      assert.equal(
        layoutPdfText([page1, page2]),
        [
          '在全县大会上的讲话',
          '同志们：',
          '今天召开大会，主要任务是总结工作、部署任务。这一行写满了整行，接着的一行是同一段。',
          '一、统一思想',
          '思想是行动的先导。总要求是“学思想、强党性”。写满这一行接续上一页的句子。',
          '增强斗志，激发干事创业的“实”的干劲。',
          '这一段到此结束，没有写满',
          '谢谢大家！',
        ].join('\n'),
      );
    });

    it('a scan is 无文字层（扫描件）, a password-protected PDF is encrypted, a broken one damaged, a non-PDF wrongFormat', async () => {
      assert.deepEqual(await skipOf('扫描件.pdf', scannedPdf()), { code: 'noTextLayer' });
      assert.equal(skipReasonText({ code: 'noTextLayer' }), '无文字层（扫描件）（scanned PDF without a text layer）');
      assert.deepEqual(await skipOf('加密.pdf', passwordPdf()), { code: 'encrypted', format: '.pdf' });
      assert.equal((await skipOf('截断.pdf', textPdf([[[72, 700, 'Hello']]]).subarray(0, 120)))?.code, 'damaged');
      assert.deepEqual(await skipOf('不是.pdf', '这不是PDF'), { code: 'wrongFormat', expected: '.pdf' });
    });
  });
});

/** Text as RTF \'xx escapes of its GBK bytes (what Chinese Word writes). */
function rtfEscape(text: string): string {
  return [...iconv.encode(text, 'gbk')].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\'${b.toString(16)}`)).join('');
}
