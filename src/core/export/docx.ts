// The .docx writer (the `docx` library): the blocks of layout.ts as paragraphs with Word's built-in
// styles (Normal, Title, Subtitle, heading 1–4, header, footer — so Word and WPS show no duplicates
// and their navigation pane shows the outline), the 22 × 28 document grid, and the page numbers
// 「— 1 —」 in 4号 宋体, right on odd pages and left on even ones (公文) or centred (讲话稿).
//
// Only the styles given here are written (`importedStyles` replaces the library's defaults, which
// would add a dozen English styles). Heading text carries no direct formatting, so a change to
// "标题 1" in Word applies everywhere; the body text that follows a heading sentence on the same
// line (（一）坚持……。正文……) is set back to the body font on its run.
import {
  AlignmentType,
  Document,
  DocumentDefaults,
  DocumentGridType,
  Footer,
  Header,
  ImportedXmlComponent,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  StyleForParagraph,
  TextRun,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { Draft, HeadingLevel } from './draft';
import { DEFAULT_FONTS, fontFamilyHint, type ExportFonts } from './fonts';
import { bylineText, DEFAULT_EXPORT_OPTIONS, planBlocks, type Block, type ExportOptions } from './layout';
import { CHINESE_AMBIGUOUS } from './lineBreak';
import { charPitchTwips, FONT_SIZE_PT, indentTwips, mmToTwips, PAGE, PAGE_NUMBER_GAP_MM, TWIPS_PER_PT, type FormatSpec } from './formats';

export interface DocxOptions extends ExportOptions {
  fonts: ExportFonts;
  /** 讲话稿: a note such as 「全文 3,214 字 · 约 15 分钟」 in the first page's header. */
  lengthNote?: string;
  /** Document properties. */
  creator?: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

const HALF_POINTS = (pt: number) => pt * 2;
const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** w:rFonts for Chinese text in `eastAsia`: Latin in `latin`, ambiguous marks (“” — …) by the east-Asian hint. */
function runFonts(eastAsia: string, latin: string) {
  return { ascii: latin, hAnsi: latin, eastAsia, cs: latin, hint: 'eastAsia' };
}

function headingFont(fonts: ExportFonts, level: HeadingLevel): string {
  return level === 1 ? fonts.heading1[0] : level === 2 ? fonts.heading2[0] : fonts.body[0];
}

/**
 * Normal, the base of every paragraph style: body font and size, exact line height, justified,
 * 2-character indent, characters narrowed to fit 28 a line, no widow/orphan control, no hanging punctuation in
 * LibreOffice, out of the character grid (see formats.ts). Written as XML because the library's
 * style options have no w:default, snapToGrid, widowControl or overflowPunct.
 */
function normalStyle(spec: FormatSpec, fonts: ExportFonts): ImportedXmlComponent {
  const sz = HALF_POINTS(spec.bodyPt);
  const f = runFonts(fonts.body[0], fonts.latin);
  // overflowPunct="1" is Word's own default (a closing mark may hang in the margin); LibreOffice 7.4
  // reads the value inverted, so writing it is what keeps LibreOffice from hanging marks — which it
  // would otherwise draw outside the page's text area, and its PDF export would drop.
  return ImportedXmlComponent.fromXmlString(
    `<w:style ${W_NS} w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
      `<w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/><w:overflowPunct w:val="1"/>` +
      `<w:spacing w:before="0" w:after="0" w:line="${spec.lineTwips}" w:lineRule="exact"/>` +
      `<w:ind w:firstLine="${indentTwips(spec)}"/><w:jc w:val="both"/></w:pPr>` +
      `<w:rPr><w:rFonts w:ascii="${escapeXml(f.ascii)}" w:hAnsi="${escapeXml(f.hAnsi)}" w:eastAsia="${escapeXml(f.eastAsia)}" w:cs="${escapeXml(f.cs)}" w:hint="eastAsia"/>` +
      `<w:color w:val="000000"/><w:w w:val="${spec.scalePercent}"/><w:kern w:val="0"/><w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/>` +
      `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:style>`,
  );
}

function defaultParagraphFontStyle(): ImportedXmlComponent {
  return ImportedXmlComponent.fromXmlString(
    `<w:style ${W_NS} w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>` +
      `<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`,
  );
}

function styles(spec: FormatSpec, fonts: ExportFonts, options: ExportOptions) {
  const centred = { alignment: AlignmentType.CENTER, indent: { firstLine: 0 } };
  const heading = (level: HeadingLevel) =>
    new StyleForParagraph({
      id: `Heading${level}`,
      name: `heading ${level}`,
      basedOn: 'Normal',
      next: 'Normal',
      uiPriority: 9,
      quickFormat: true,
      paragraph: { outlineLevel: level - 1 },
      run: { font: runFonts(headingFont(fonts, level), fonts.latin), bold: level === 3 && options.boldLevel3 },
    });
  const pageFont = runFonts(fonts.pageNumber[0], fonts.pageNumber[0]);
  return [
    new DocumentDefaults({
      run: { font: runFonts(fonts.body[0], fonts.latin), size: HALF_POINTS(spec.bodyPt), language: { value: 'en-US', eastAsia: 'zh-CN' } },
      paragraph: { spacing: { before: 0, after: 0, line: spec.lineTwips, lineRule: LineRuleType.EXACT } },
    }),
    normalStyle(spec, fonts),
    defaultParagraphFontStyle(),
    new StyleForParagraph({
      id: 'Title',
      name: 'Title',
      basedOn: 'Normal',
      next: 'Normal',
      uiPriority: 10,
      quickFormat: true,
      paragraph: { ...centred, keepNext: true, keepLines: true },
      run: { font: runFonts(fonts.title[0], fonts.latin), size: HALF_POINTS(spec.titlePt), scale: 100 },
    }),
    new StyleForParagraph({
      id: 'Subtitle',
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      uiPriority: 11,
      quickFormat: true,
      paragraph: { ...centred, keepNext: true, keepLines: true },
      run: { font: runFonts(fonts.heading2[0], fonts.latin) },
    }),
    heading(1),
    heading(2),
    heading(3),
    heading(4),
    new StyleForParagraph({
      id: 'Header',
      name: 'header',
      basedOn: 'Normal',
      uiPriority: 99,
      unhideWhenUsed: true,
      paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0 }, spacing: { line: 360, lineRule: LineRuleType.AUTO } },
      run: { font: runFonts(fonts.heading2[0], fonts.latin), size: HALF_POINTS(FONT_SIZE_PT.四号), scale: 100 },
    }),
    new StyleForParagraph({
      id: 'Footer',
      name: 'footer',
      basedOn: 'Normal',
      uiPriority: 99,
      unhideWhenUsed: true,
      paragraph: { indent: { firstLine: 0 }, spacing: { line: 240, lineRule: LineRuleType.AUTO } },
      run: { font: pageFont, size: HALF_POINTS(FONT_SIZE_PT.四号), scale: 100 },
    }),
  ];
}

/** 「— 1 —」: half-width digits between 一字线 (em dashes), 4号 宋体 (the Footer style). */
function pageNumberFooter(alignment: 'right' | 'left' | 'center', spec: FormatSpec): Footer {
  // GB/T 9704 7.5: 单页码居右空一字，双页码居左空一字 — one body character from the edge.
  const oneChar = spec.bodyPt * TWIPS_PER_PT;
  const indent = alignment === 'right' ? { right: oneChar, firstLine: 0 } : alignment === 'left' ? { left: oneChar, firstLine: 0 } : { firstLine: 0 };
  const align = alignment === 'right' ? AlignmentType.RIGHT : alignment === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER;
  return new Footer({
    children: [new Paragraph({ style: 'Footer', alignment: align, indent, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })],
  });
}

/**
 * A text as runs by the font each character must be set in, whatever script an office suite files
 * it under: “ ” — … in the Chinese font `eastAsia` (all four slots: LibreOffice files a quote after
 * a digit as Latin), half-width letters, digits and marks in the Latin font (all slots: between
 * Chinese characters LibreOffice files a comma as Chinese), the rest by the paragraph's style.
 */
export function fontRuns(text: string, eastAsia: string, latin: string, base: IRunOptions = {}): TextRun[] {
  const runs: TextRun[] = [];
  const classOf = (ch: string) => (CHINESE_AMBIGUOUS.test(ch) ? 'ambiguous' : /[\u0020-\u024f]/.test(ch) ? 'latin' : 'chinese');
  let from = 0;
  const chars = Array.from(text);
  let offset = 0;
  let current = chars.length ? classOf(chars[0]) : 'chinese';
  const flush = (to: number) => {
    if (to <= from) return;
    const piece = text.slice(from, to);
    const font = current === 'ambiguous' ? runFonts(eastAsia, eastAsia) : current === 'latin' ? { ascii: latin, hAnsi: latin, eastAsia: latin, cs: latin } : base.font;
    runs.push(new TextRun({ ...base, text: piece, ...(font ? { font } : {}) }));
    from = to;
  };
  for (const ch of chars) {
    const c = classOf(ch);
    if (c !== current) {
      flush(offset);
      current = c;
    }
    offset += ch.length;
  }
  flush(text.length);
  return runs;
}

/** The font of a block's Chinese text, for the runs that carry one of their own. */
function blockFont(block: Block, fonts: ExportFonts): string {
  if (block.role === 'title') return fonts.title[0];
  if (block.role === 'subtitle' || block.role === 'byline') return fonts.heading2[0];
  if (block.role === 'heading') return headingFont(fonts, block.level ?? 1);
  return fonts.body[0];
}

/** The runs of one block: the heading part by its style, the rest back in the body font. */
function blockRuns(block: Block, fonts: ExportFonts): ParagraphChild[] {
  const own = blockFont(block, fonts);
  if (block.role === 'title') {
    return block.text.split('\n').flatMap((line, i) => [...(i > 0 ? [new TextRun({ break: 1 })] : []), ...fontRuns(line, own, fonts.latin)]);
  }
  if (block.role === 'heading' && block.headingLength !== undefined && block.headingLength < block.text.length) {
    const body: IRunOptions = { font: runFonts(fonts.body[0], fonts.latin), bold: false };
    return [...fontRuns(block.text.slice(0, block.headingLength), own, fonts.latin), ...fontRuns(block.text.slice(block.headingLength), fonts.body[0], fonts.latin, body)];
  }
  return fontRuns(block.text, own, fonts.latin);
}

function blockParagraph(block: Block, fonts: ExportFonts): Paragraph {
  const children = blockRuns(block, fonts);
  switch (block.role) {
    case 'title':
      return new Paragraph({ style: 'Title', children });
    case 'subtitle':
    case 'byline':
      return new Paragraph({ style: 'Subtitle', children });
    case 'heading':
      return new Paragraph({
        style: `Heading${block.level ?? 1}`,
        keepNext: block.keepNext || undefined,
        keepLines: block.keepLines || undefined,
        children,
      });
    case 'addressee':
    case 'blank':
      return new Paragraph({ indent: { firstLine: 0 }, children });
    case 'signature':
    case 'signatureDate':
      return new Paragraph({
        alignment: AlignmentType.LEFT,
        indent: { left: block.leftIndent, firstLine: 0 },
        keepNext: block.keepNext || undefined,
        keepLines: true,
        children,
      });
    default:
      return new Paragraph({ children });
  }
}

/** word/fontTable.xml: every font the document names, with the second name of its list as altName. */
export function fontTableXml(fonts: ExportFonts): string {
  const entries = new Map<string, string | undefined>();
  for (const list of [fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.pageNumber]) {
    list.forEach((name, i) => {
      if (!entries.has(name) || (entries.get(name) === undefined && list[i + 1])) entries.set(name, list[i + 1]);
    });
  }
  const font = (name: string, alt: string | undefined) =>
    `<w:font w:name="${escapeXml(name)}">${alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : ''}` +
    `<w:charset w:val="86"/><w:family w:val="${fontFamilyHint(name)}"/><w:pitch w:val="variable"/></w:font>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts ${W_NS}>` +
    `<w:font w:name="${escapeXml(fonts.latin)}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
    [...entries].map(([name, alt]) => font(name, alt)).join('') +
    `</w:fonts>`
  );
}

/** The footer's distance from the page's bottom edge, so the 一字线 sits 7 mm below the 版心. */
function footerDistance(): number {
  // The footer line is about 1.3 × 14 pt tall and the dash is drawn about 0.55 em below its top.
  const dashBelowLineTop = Math.round(0.55 * FONT_SIZE_PT.四号 * TWIPS_PER_PT);
  const lineHeight = Math.round(1.3 * FONT_SIZE_PT.四号 * TWIPS_PER_PT);
  return PAGE.bottom - mmToTwips(PAGE_NUMBER_GAP_MM) + dashBelowLineTop - lineHeight;
}

/** The draft as a .docx in the given format. */
export async function writeDocx(draft: Draft, spec: FormatSpec, options: Partial<DocxOptions> = {}): Promise<Buffer> {
  const fonts = options.fonts ?? DEFAULT_FONTS;
  const exportOptions: ExportOptions = { ...DEFAULT_EXPORT_OPTIONS, ...options };
  const blocks = planBlocks(draft, spec, exportOptions);
  const outside = spec.pageNumbers === 'outside';
  const lengthHeader = spec.format === 'speech' && options.lengthNote;
  const charSpace = Math.round((charPitchTwips(spec) / TWIPS_PER_PT - spec.bodyPt) * 4096);
  const doc = new Document({
    creator: options.creator ?? '讲稿助手',
    title: draft.title || bylineText(draft) || undefined,
    styles: { importedStyles: styles(spec, fonts, exportOptions) },
    evenAndOddHeaderAndFooters: outside,
    sections: [
      {
        properties: {
          titlePage: !!lengthHeader,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mmToTwips(15), footer: footerDistance(), gutter: 0 },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: spec.lineTwips, charSpace },
        },
        headers: lengthHeader ? { first: new Header({ children: [new Paragraph({ style: 'Header', children: [new TextRun(options.lengthNote!)] })] }) } : undefined,
        footers: outside
          ? { default: pageNumberFooter('right', spec), even: pageNumberFooter('left', spec) }
          : { default: pageNumberFooter('center', spec), ...(lengthHeader ? { first: pageNumberFooter('center', spec) } : {}) },
        children: blocks.length ? blocks.map((b) => blockParagraph(b, fonts)) : [new Paragraph({ children: [] })],
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml(fonts) }]);
}
