// Issue 11, the engine: the document XML the writer produces (page, margins, grid, fonts, sizes,
// footers), the draft model (headings, 主送机关, 落款, byline), the page model and Word back in.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { sampleDraft } from '../../scripts/sample-draft.mjs';
import { markdownVisibleText } from '../../src/core/count';
import { docxPathFor, docxToMarkdown, exportDraft, exportSettings, lengthNote, previewPages } from '../../src/core/export';
import { parseDraft } from '../../src/core/export/draft';
import { writeDocx } from '../../src/core/export/docx';
import { formatSpec } from '../../src/core/export/formats';
import { balanceTitle, layoutDraft } from '../../src/core/export/layout';
import { breakLines } from '../../src/core/export/lineBreak';
import { EVAL_DOCS_DIR } from './fixtures/corpusFixtures';
import type { SkipError } from '../../src/core/corpus';

async function parts(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml')) out[name] = await zip.file(name)!.async('string');
  return out;
}

/** The first element `<tag …/>` or `<tag …>` of xml (after `from`), as its attribute map. */
function attrs(xml: string, tag: string, from = 0): Record<string, string> {
  const m = new RegExp(`<${tag}(\\s[^>]*?)?/?>`).exec(xml.slice(from));
  assert.ok(m, `no <${tag}>`);
  return Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}

/** The <w:style> element with the given styleId. */
function style(styles: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  assert.ok(m, `no style ${id}`);
  return m[0];
}

const speech = (n: string) => readFileSync(path.join(EVAL_DOCS_DIR, `${n}.txt`), 'utf8');

describe('export: the .docx XML', function () {
  let gongwen: Record<string, string>;
  let speechDoc: Record<string, string>;

  before(async function () {
    const input = { text: `${sampleDraft}谢谢大家！\n\n市人民政府办公室\n\n2026年12月2日\n`, markdown: true };
    gongwen = await parts((await exportDraft(input, 'gongwen')).docx);
    speechDoc = await parts((await exportDraft({ ...input, date: '2026年12月2日', speaker: '张三' }, 'speech')).docx);
  });

  it('A4 with GB/T 9704 margins (天头 37 mm, 订口 28 mm, 版心 156 × 225 mm) and a 22 × 28 document grid', function () {
    const doc = gongwen['word/document.xml'];
    assert.deepEqual(attrs(doc, 'w:pgSz'), { 'w:w': '11906', 'w:h': '16838', 'w:orient': 'portrait' });
    const mar = attrs(doc, 'w:pgMar');
    assert.equal(mar['w:top'], '2098'); // 37 mm
    assert.equal(mar['w:left'], '1587'); // 28 mm
    assert.equal(mar['w:right'], '1474'); // 26 mm: 210 − 28 − 26 = 156 mm
    assert.equal(mar['w:bottom'], '1984'); // 35 mm: 297 − 37 − 35 = 225 mm
    const grid = attrs(doc, 'w:docGrid');
    assert.equal(grid['w:type'], 'linesAndChars');
    // 225 mm / 22 lines = 579 twips; 156 mm / 28 = 15.79 pt a character, 0.21 pt under 16 pt, in 1/4096 pt.
    assert.equal(grid['w:linePitch'], '579');
    assert.equal(Number(grid['w:charSpace']), Math.round((8845 / 28 / 20 - 16) * 4096));
    assert.equal(Math.floor((16838 - 2098 - 1984) / 579), 22);
  });

  it('styles: Normal 3号仿宋 (east-Asian hint) on exact 28.95 pt lines; Title 2号小标宋; headings 黑体/楷体/仿宋 with Word’s own names', function () {
    const styles = gongwen['word/styles.xml'];
    const normal = style(styles, 'Normal');
    assert.match(normal, /w:default="1"/);
    assert.match(normal, /<w:sz w:val="32"\/>/);
    assert.match(normal, /w:eastAsia="仿宋_GB2312"/);
    assert.match(normal, /w:hint="eastAsia"/);
    assert.match(normal, /w:ascii="Times New Roman"/);
    assert.match(normal, /<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"\/>/);
    assert.match(normal, /<w:widowControl w:val="0"\/>/);
    assert.match(normal, /<w:snapToGrid w:val="0"\/>/);
    assert.match(normal, /<w:ind w:firstLine="627"\/>/, 'two characters of 15.68 pt');
    const title = style(styles, 'Title');
    assert.match(title, /<w:name w:val="Title"\/>/);
    assert.match(title, /<w:sz w:val="44"\/>/);
    assert.match(title, /w:eastAsia="方正小标宋简体"/);
    assert.match(title, /<w:jc w:val="center"\/>/);
    assert.match(title, /<w:ind w:firstLine="0"\/>/);
    const expected: [number, string][] = [
      [1, '黑体'],
      [2, '楷体_GB2312'],
      [3, '仿宋_GB2312'],
      [4, '仿宋_GB2312'],
    ];
    for (const [level, font] of expected) {
      const h = style(styles, `Heading${level}`);
      assert.match(h, new RegExp(`<w:name w:val="heading ${level}"/>`));
      assert.match(h, new RegExp(`w:eastAsia="${font}"`));
      assert.match(h, new RegExp(`<w:outlineLvl w:val="${level - 1}"/>`));
      assert.doesNotMatch(h, /<w:sz /, 'headings keep the body size (3号)');
    }
    // Only the styles written here: no Heading5, Strong, ListParagraph… from the library's defaults.
    const ids = [...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(ids, ['DefaultParagraphFont', 'Footer', 'Header', 'Heading1', 'Heading2', 'Heading3', 'Heading4', 'Normal', 'Subtitle', 'Title']);
    assert.doesNotMatch(style(styles, 'Heading3'), /<w:b\/>/, 'not bold unless boldLevel3');
  });

  it('boldLevel3 makes the 1. heading style bold', async function () {
    const settings = exportSettings({ boldLevel3: true });
    const styles = (await parts((await exportDraft({ text: '一、总体\n1.第一条', markdown: false }, 'gongwen', settings)).docx))['word/styles.xml'];
    assert.match(style(styles, 'Heading3'), /<w:b\/>/);
  });

  it('font fallbacks: the first name in the text, the second as the font table’s altName, all as Chinese (GB2312) fonts', function () {
    const fonts = gongwen['word/fontTable.xml'];
    assert.match(fonts, /<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"\/><w:charset w:val="86"\/><w:family w:val="roman"\/>/);
    assert.match(fonts, /<w:font w:name="华文中宋"><w:altName w:val="宋体"\/>/);
    assert.match(fonts, /<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    assert.match(fonts, /<w:font w:name="黑体"><w:charset w:val="86"\/><w:family w:val="swiss"\/>/);
  });

  it('page numbers: 4号宋体 「— PAGE —」, odd pages right and even pages left, one character in; 讲话稿 centred', function () {
    assert.match(gongwen['word/settings.xml'], /<w:evenAndOddHeaders\/>/);
    const doc = gongwen['word/document.xml'];
    const footerIds = Object.fromEntries([...doc.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [m[1], m[2]]));
    assert.deepEqual(Object.keys(footerIds).sort(), ['default', 'even']);
    const footers = Object.keys(gongwen).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => gongwen[n]);
    assert.equal(footers.length, 2);
    for (const [align, side] of [
      ['right', 'w:right'],
      ['left', 'w:left'],
    ] as const) {
      const footer = footers.find((f) => f.includes(`<w:jc w:val="${align}"/>`));
      assert.ok(footer, `a footer aligned ${align}`);
      assert.equal(attrs(footer, 'w:ind')[side], '320', 'one 3号 character in');
      assert.match(footer, /<w:instrText xml:space="preserve">PAGE<\/w:instrText>/);
      assert.match(footer, /— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —/);
    }
    const footerStyle = style(gongwen['word/styles.xml'], 'Footer');
    assert.match(footerStyle, /<w:sz w:val="28"\/>/); // 4号
    assert.match(footerStyle, /w:ascii="宋体"[^>]*w:eastAsia="宋体"|w:eastAsia="宋体"/);
    // 讲话稿: one centred footer, the first page's header carries the length note.
    const sd = speechDoc['word/document.xml'];
    assert.doesNotMatch(speechDoc['word/settings.xml'], /<w:evenAndOddHeaders\/>/);
    assert.match(sd, /<w:titlePg\/>/);
    const headers = Object.keys(speechDoc).filter((n) => /^word\/header\d*\.xml$/.test(n));
    assert.ok(headers.some((h) => /全文 [\d,]+ 字 · 约 \d+ 分钟/.test(speechDoc[h])), 'the first-page header has 「全文 N 字 · 约 M 分钟」');
    const speechFooters = Object.keys(speechDoc).filter((n) => /^word\/footer\d*\.xml$/.test(n));
    for (const f of speechFooters) assert.match(speechDoc[f], /<w:jc w:val="center"\/>/);
  });

  it('“ ” — … are set in the Chinese font in every slot, half-width runs in Times New Roman', async function () {
    const doc = (await parts((await exportDraft({ text: '标题\n他说“2026年要抓落实”——这是……', markdown: false }, 'gongwen')).docx))['word/document.xml'];
    const fontsOf = (text: string) => {
      const m = new RegExp(`<w:r><w:rPr>(?:<w:[^>]*>)*?<w:rFonts ([^>]*)/>(?:<w:[^>]*>)*?</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`).exec(doc);
      assert.ok(m, `a run of its own for ${text}`);
      return Object.fromEntries([...m[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    };
    for (const mark of ['“', '”——', '……']) {
      assert.deepEqual(fontsOf(mark), { 'w:ascii': '仿宋_GB2312', 'w:cs': '仿宋_GB2312', 'w:eastAsia': '仿宋_GB2312', 'w:hAnsi': '仿宋_GB2312', 'w:hint': 'eastAsia' }, mark);
    }
    assert.deepEqual(fontsOf('2026'), { 'w:ascii': 'Times New Roman', 'w:cs': 'Times New Roman', 'w:eastAsia': 'Times New Roman', 'w:hAnsi': 'Times New Roman' });
  });

  it('讲话稿: 小二 by default (3号 as a setting), 17 lines a page (18 at 3号), the speaker line in 楷体 under the title', async function () {
    const styles = speechDoc['word/styles.xml'];
    assert.match(style(styles, 'Normal'), /<w:sz w:val="36"\/>/);
    assert.match(style(styles, 'Normal'), /w:line="750" w:lineRule="exact"/);
    assert.match(style(styles, 'Subtitle'), /w:eastAsia="楷体_GB2312"/);
    const subtitle = /<w:p><w:pPr><w:pStyle w:val="Subtitle"\/><\/w:pPr>([\s\S]*?)<\/w:p>/.exec(speechDoc['word/document.xml']);
    assert.ok(subtitle);
    assert.equal(subtitle[1].replace(/<[^>]+>/g, ''), '张三（2026年12月2日）');
    const third = await parts((await exportDraft({ text: '标题\n正文', markdown: false }, 'speech', exportSettings({ speechFontSize: '三号' }))).docx);
    assert.match(style(third['word/styles.xml'], 'Normal'), /<w:sz w:val="32"\/>/);
    assert.match(style(third['word/styles.xml'], 'Normal'), /w:line="708" w:lineRule="exact"/);
  });

  it('a font name with XML metacharacters is escaped, not injected', async function () {
    const settings = exportSettings({ bodyFont: '仿"宋<&>, 仿宋' });
    const xml = await parts((await exportDraft({ text: '正文', markdown: false }, 'gongwen', settings)).docx);
    assert.match(style(xml['word/styles.xml'], 'Normal'), /w:eastAsia="仿&quot;宋&lt;&amp;&gt;"/);
    assert.match(xml['word/fontTable.xml'], /w:name="仿&quot;宋&lt;&amp;&gt;"/);
  });
});

describe('export: reading the draft', function () {
  it('the sample draft (插入提纲’s 「## 一、」): title, 称呼, three level-1 headings, every line its own paragraph', function () {
    const d = parseDraft(sampleDraft, { markdown: true });
    assert.equal(d.title, '在全市2026年度重点工作推进会上的讲话');
    assert.deepEqual(
      d.paragraphs.map((p) => [p.kind, p.level ?? 0, p.text.slice(0, 6)]),
      [
        ['addressee', 0, '同志们：'],
        ['body', 0, '今天，我们召'],
        ['heading', 1, '一、提高政治'],
        ['heading', 1, '二、突出工作'],
        ['heading', 1, '三、强化责任'],
        ['body', 0, '同志们，'],
      ],
    );
  });

  it('numbering in plain lines gives the levels (一、 1, （一） 2, 1. 3, （1） 4; 第一， is 1 alone, 3 under 一、); # without numbering by its count', function () {
    const plain = parseDraft('标题\n一、总体要求\n（一）坚持党的领导。党的领导是根本。\n1.加强学习\n（1）读原著\n一是要学\n第一，要落实', { markdown: false });
    assert.deepEqual(
      plain.paragraphs.map((p) => [p.level ?? 0, p.headingLength ?? 0]),
      [
        [1, 6],
        [2, 10], // 「（一）坚持党的领导。」 is the heading, the rest body text
        [3, 6],
        [4, 6],
        [0, 0],
        [3, 6],
      ],
    );
    assert.equal(parseDraft('标题\n第一，要落实\n第二，要检查', { markdown: false }).paragraphs[0].level, 1);
    const md = parseDraft('# 标题\n\n## 总体要求\n\n### 具体任务\n\n正文', { markdown: true });
    assert.deepEqual(md.paragraphs.map((p) => [p.kind, p.level ?? 0]), [['heading', 1], ['heading', 2], ['body', 0]]);
  });

  it('lines are never run together, Markdown paragraphs or not; blank lines only separate', function () {
    const d = parseDraft('标题\n\n第一行正文。\n第二行正文。\n\n\n第三行。', { markdown: false });
    assert.deepEqual(d.paragraphs.map((p) => p.text), ['第一行正文。', '第二行正文。', '第三行。']);
    assert.deepEqual(parseDraft('# 标题\n\n一句\n二句', { markdown: true }).paragraphs.map((p) => p.text), ['一句', '二句']);
  });

  it('the speaker and date under the title, in any of the usual forms, or from front matter', function () {
    const forms: [string, string | undefined, string][] = [
      ['讲话\n（2026年12月2日）\n正文', undefined, '2026年12月2日'],
      ['讲话\n张三\n（2026年12月2日）\n正文', '张三', '2026年12月2日'],
      ['讲话\n张三（2026年12月2日）\n正文', '张三', '2026年12月2日'],
      ['讲话\n（张三　二〇二六年十二月二日）\n正文', '张三', '二〇二六年十二月二日'],
    ];
    for (const [text, speaker, date] of forms) {
      const d = parseDraft(text, { markdown: false });
      assert.equal(d.speaker, speaker, text);
      assert.equal(d.date, date, text);
      assert.deepEqual(d.paragraphs.map((p) => p.text), ['正文'], text);
    }
    const fm = parseDraft('---\nspeaker: 李四\ndate: 2026年1月5日\n---\n# 讲话\n\n正文', { markdown: true });
    assert.deepEqual([fm.speaker, fm.date, fm.title], ['李四', '2026年1月5日', '讲话']);
  });

  it('落款 and 成文日期 at the end; no title when the first line is a 称呼', function () {
    const d = parseDraft(speech('00'), { markdown: false });
    assert.equal(d.title, '');
    assert.equal(parseDraft('今天，我们召开全市重点工作推进会\n下面讲三点意见', { markdown: false }).title, '', 'a sentence is not a title');
    assert.equal(parseDraft('关于印发《工作规则》的通知\n各区县：', { markdown: false }).title, '关于印发《工作规则》的通知');
    assert.equal(d.paragraphs[0].kind, 'addressee');
    const signed = parseDraft('关于做好工作的通知\n各区县：\n请认真落实。\n市人民政府办公室\n2026年12月2日', { markdown: false });
    assert.equal(signed.signature, '市人民政府办公室');
    assert.equal(signed.signatureDate, '2026年12月2日');
    assert.deepEqual(signed.paragraphs.map((p) => p.kind), ['addressee', 'body']);
  });
});

describe('export: the page model', function () {
  const spec = formatSpec('gongwen');
  const body = { sizePt: 16, scalePercent: 98 };

  it('28 Chinese characters a line, 26 after the 2-character indent; 22 lines a page', function () {
    const text = '国'.repeat(26 + 28 * 3);
    const lines = breakLines(text, body, 8842 - 627, 8842);
    assert.deepEqual(lines.map((l) => l.end - l.start), [26, 28, 28, 28]);
    const layout = layoutDraft(parseDraft(Array(30).fill(`${'国'.repeat(19)}。`).join('\n'), { markdown: false }), spec);
    assert.deepEqual(layout.pages.map((p) => p.lines.length), [22, 8]);
  });

  it('避头尾: a closing mark that does not fit takes the character before it along; an opening mark never ends a line', function () {
    const comma = breakLines(`${'国'.repeat(28)}，国`, body, 8842, 8842);
    assert.deepEqual(comma.map((l) => l.end - l.start), [27, 3]);
    const quote = breakLines(`${'国'.repeat(27)}“国国`, body, 8842, 8842);
    assert.deepEqual(quote.map((l) => l.end - l.start), [27, 3]);
    const year = breakLines(`${'国'.repeat(25)}2023年国`, body, 8842, 8842);
    assert.equal(year[0].end - year[0].start, 29, '2023 is narrow: 25 + 2023 + 年 fit one line');
    const unbroken = breakLines(`${'国'.repeat(27)}，12国`, body, 8842, 8842);
    assert.equal(unbroken[1].start, 26, '「，12」 stays together, so 国，12 moves down');
  });

  it('a heading alone on its line stays with the next paragraph’s first line', function () {
    const filler = Array(21).fill(`${'国'.repeat(19)}。`).join('\n');
    const layout = layoutDraft(parseDraft(`${filler}\n一、小标题\n正文一行`, { markdown: false }), spec);
    assert.deepEqual(layout.pages.map((p) => p.lines.length), [21, 2]);
    assert.equal(layout.pages[1].lines[0].text, '一、小标题');
  });

  it('long titles are balanced and broken between words', function () {
    assert.deepEqual(balanceTitle('在全市2026年度重点工作推进会上的讲话', 18), ['在全市2026年度重点', '工作推进会上的讲话']);
    for (const line of balanceTitle('关于进一步加强和改进新时代机关党的建设工作的实施意见', 18)) assert.ok(Array.from(line).length <= 18, line);
  });

  it('a 10,000-字 draft lays out on as many pages as its lines need', function () {
    const text = Array.from({ length: 4 }, () => speech('28')).join('\n');
    const layout = previewPages({ text, markdown: false }, 'gongwen');
    const lines = layout.pages.reduce((s, p) => s + p.lines.length, 0);
    assert.equal(layout.pages.length, Math.ceil(lines / 22), 'no keep rule left a page short here');
    assert.ok(layout.pages.length > 60);
  });

  it('the length note counts 字 as the status bar does', function () {
    assert.equal(lengthNote({ text: '# 标题\n\n同志们：今天开会。', markdown: true }, 220), '全文 11 字 · 约 1 分钟');
  });

  it('the .docx goes beside the draft, named for the format', function () {
    assert.equal(docxPathFor('/a/讲话稿.md', 'gongwen'), path.join('/a', '讲话稿.docx'));
    assert.equal(docxPathFor('/a/讲话稿.txt', 'speech'), path.join('/a', '讲话稿（讲话稿）.docx'));
  });
});

describe('export: Word back in', function () {
  it('export then import keeps the text, the title as #, headings as ## with their numbering', async function () {
    this.timeout(10_000); // mammoth reading a 100 kB .docx
    const text = `${sampleDraft}谢谢大家！\n\n市人民政府办公室\n\n2026年12月2日\n`;
    const { docx } = await exportDraft({ text, markdown: true }, 'gongwen');
    const { markdown } = await docxToMarkdown(docx);
    assert.equal(markdownVisibleText(markdown).replace(/\s+/g, ''), markdownVisibleText(text).replace(/\s+/g, ''));
    assert.match(markdown, /^# 在全市2026年度重点工作推进会上的讲话\n/);
    assert.match(markdown, /\n## 一、提高政治站位/);
    // And the imported draft reads back as the same structure.
    const again = parseDraft(markdown, { markdown: true });
    assert.deepEqual(again.paragraphs.map((p) => p.kind), parseDraft(text, { markdown: true }).paragraphs.map((p) => p.kind));
  });

  it('a plain-text speech survives the round trip in both formats', async function () {
    this.timeout(10_000); // two exports and two mammoth reads of a 6,000-字 speech
    const text = speech('05');
    for (const format of ['gongwen', 'speech'] as const) {
      const { markdown } = await docxToMarkdown((await exportDraft({ text, markdown: false }, format)).docx);
      assert.equal(markdownVisibleText(markdown).replace(/\s+/g, ''), text.replace(/\s+/g, ''), format);
    }
  });

  it('a file that is not a .docx gets a clear reason', async function () {
    await assert.rejects(docxToMarkdown(Buffer.from('not a zip at all')), (err: SkipError) => err.reason.code === 'corruptArchive');
  });

  it('writeDocx of an empty draft is still a valid document', async function () {
    const xml = await parts(await writeDocx(parseDraft('', { markdown: false }), formatSpec('gongwen')));
    assert.match(xml['word/document.xml'], /<w:body><w:p/);
  });
});
