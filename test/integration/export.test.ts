// Issue 11: a real office suite renders the exported .docx. Every sample speech (and the sample
// Markdown draft) is exported in both formats, LibreOffice (headless) converts them to PDF, and:
//   - pdfinfo: every page is A4, and the page count equals the page preview's;
//   - the lines LibreOffice set equal the preview's lines (reported; the page counts are asserted);
//   - pdftotext: every character of the draft is there, in order;
//   - the page number's 一字线 is 7 mm below the 版心 (GB/T 9704 7.5), read off the rendered page;
//   - pdftoppm: PNGs of the first pages under test-results/ (export-*.png), to look at.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sampleDraft } from '../../scripts/sample-draft.mjs';
import { markdownVisibleText } from '../../src/core/count';
import { parseDraft, type Draft } from '../../src/core/export/draft';
import { writeDocx } from '../../src/core/export/docx';
import { formatSpec, PAGE, TEXT_HEIGHT, type ExportFormat } from '../../src/core/export/formats';
import { layoutDraft, type Layout } from '../../src/core/export/layout';
import { convertToPdf, missingTools, pdfInfo, pdfLines, pdfText, pdfToPngs } from './libreoffice';

const SPEECHES = path.join(__dirname, '..', 'core', 'fixtures', 'speeches');
const RESULTS = path.join(__dirname, '..', '..', 'test-results');
const LENGTH_NOTE = '全文 1,234 字 · 约 6 分钟';

interface Sample {
  name: string;
  draft: Draft;
  /** What a reader sees of the draft file: its text, Markdown marks removed. */
  visible: string;
}

function samples(): Sample[] {
  const speeches = readdirSync(SPEECHES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(SPEECHES, f), 'utf8');
      return { name: f.replace('.txt', ''), draft: parseDraft(text, { markdown: false }), visible: text };
    });
  // The sample draft with a byline and a 落款, as a writer would finish it.
  const finished = `${sampleDraft.replace('\n\n同志们：', '\n\n（2026年12月2日）\n\n同志们：')}谢谢大家！\n\n市人民政府办公室\n\n2026年12月2日\n`;
  return [...speeches, { name: 'sample-draft', draft: parseDraft(finished, { markdown: true }), visible: markdownVisibleText(finished) }];
}

/** The text a PDF shows, without whitespace and without its page numbers (「—1—」) and header note. */
function pageText(pdf: string): string {
  return pdfText(pdf)
    .replace(/\s+/g, '')
    .replace(/—\d+—/g, '')
    .replace(LENGTH_NOTE.replace(/\s+/g, ''), '');
}

/** Rows of a PGM (P5) image at `dpi` that hold dark pixels, as mm from the page top. */
function darkRowsMm(pgm: Buffer, dpi: number, fromMm: number, toMm: number): number[] {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40));
  if (!header) throw new Error('not a PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  const mm = (row: number) => (row / dpi) * 25.4;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    if (mm(y) < fromMm || mm(y) > toMm) continue;
    let dark = 0;
    for (let x = 0; x < width; x++) if (data[y * width + x] < 128) dark++;
    if (dark > 2) rows.push(mm(y));
  }
  return rows;
}

describe('export rendered by LibreOffice (integration)', function () {
  const work = mkdtempSync(path.join(tmpdir(), 'speech-drafter-export-'));
  const all = samples();
  const results: Record<ExportFormat, { name: string; preview: number; office: number; lines: number; sameLines: number }[]> = { gongwen: [], speech: [] };
  const pdfs = new Map<string, string>();
  const layouts = new Map<string, Layout>();

  before(function () {
    const missing = missingTools();
    if (missing) throw new Error(missing);
  });

  after(function () {
    rmSync(work, { recursive: true, force: true });
    for (const format of ['gongwen', 'speech'] as const) {
      const rows = results[format];
      if (!rows.length) continue;
      const agree = rows.filter((r) => r.preview === r.office).length;
      const lines = rows.reduce((s, r) => s + r.lines, 0);
      const same = rows.reduce((s, r) => s + r.sameLines, 0);
      console.log(`      ${format}: page counts equal for ${agree}/${rows.length} drafts, ${same}/${lines} lines identical`);
      console.log(`      ${format}: ${rows.slice(0, 6).map((r) => `${r.name} ${r.preview}/${r.office}`).join(', ')} … (preview/LibreOffice pages)`);
    }
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'export-pages.json'), JSON.stringify(results, null, 2) + '\n');
  });

  for (const format of ['gongwen', 'speech'] as const) {
    describe(format === 'gongwen' ? '公文格式' : '讲话稿格式', function () {
      // Each test reads 34 PDFs through poppler's tools (a process per PDF, per page for the PNGs).
      this.timeout(120_000);
      before(async function () {
        // One soffice run converts all the drafts of a format: a fresh profile takes several seconds to start, each draft about 0.2 s.
        this.timeout(600_000);
        const dir = path.join(work, format);
        mkdirSync(dir, { recursive: true });
        const spec = formatSpec(format);
        const files: string[] = [];
        for (const s of all) {
          const file = path.join(dir, `${s.name}.docx`);
          writeFileSync(file, await writeDocx(s.draft, spec, { lengthNote: LENGTH_NOTE }));
          layouts.set(`${format}/${s.name}`, layoutDraft(s.draft, spec));
          files.push(file);
        }
        convertToPdf(files, dir).forEach((pdf, i) => pdfs.set(`${format}/${all[i].name}`, pdf));
      });

      it(`every page is A4 and the page count equals the preview's, for ${all.length} drafts`, function () {
        const wrong: string[] = [];
        for (const s of all) {
          const key = `${format}/${s.name}`;
          const pdf = pdfs.get(key)!;
          const layout = layouts.get(key)!;
          const info = pdfInfo(pdf);
          assert.equal(Math.round(info.widthPt), 595, `${key}: page width`);
          assert.equal(Math.round(info.heightPt), 842, `${key}: page height`);
          const model = layout.pages.flatMap((p, page) => p.lines.filter((l) => l.text.trim()).map((l) => `${page + 1}:${l.text.replace(/\s+/g, '')}`));
          const office = pdfLines(pdf)
            .filter((l) => !/^—\d+—$/.test(l.text.replace(/\s+/g, '')) && l.text.replace(/\s+/g, '') !== LENGTH_NOTE.replace(/\s+/g, ''))
            .map((l) => `${l.page}:${l.text.replace(/\s+/g, '')}`);
          const sameLines = model.filter((m, i) => office[i] === m).length;
          results[format].push({ name: s.name, preview: layout.pages.length, office: info.pages, lines: model.length, sameLines });
          if (info.pages !== layout.pages.length) wrong.push(`${s.name}: preview ${layout.pages.length}, LibreOffice ${info.pages}`);
        }
        assert.deepEqual(wrong, [], 'drafts whose page count differs');
      });

      it('every character of the draft is in the PDF, in order', function () {
        for (const s of all) {
          const expected = s.visible.replace(/\s+/g, '');
          assert.equal(pageText(pdfs.get(`${format}/${s.name}`)!), expected, `${format}/${s.name}`);
        }
      });

      it('page numbers 「— N —」 sit 7 mm below the 版心, odd right and even left (公文) or centred (讲话稿)', function () {
        const pdf = pdfs.get(`${format}/28`)!; // the longest speech: pages 1 and 2
        const lines = pdfLines(pdf).filter((l) => /^—\d+—$/.test(l.text.replace(/\s+/g, '')));
        const first = lines.find((l) => l.page === 1)!;
        const second = lines.find((l) => l.page === 2)!;
        assert.ok(first && second, 'page numbers on pages 1 and 2');
        assert.equal(first.text.replace(/\s+/g, ''), '—1—');
        const leftMargin = (PAGE.left / 20) * 1; // points
        const rightEdge = ((PAGE.width - PAGE.right) / 20) * 1;
        if (format === 'gongwen') {
          // One character (16 pt) in from the 版心's edge, within a couple of points.
          assert.ok(Math.abs(rightEdge - 16 - first.x1) < 3, `odd page number's right end ${first.x1} pt, expected ${rightEdge - 16}`);
          assert.ok(Math.abs(leftMargin + 16 - second.x0) < 3, `even page number's left end ${second.x0} pt, expected ${leftMargin + 16}`);
        } else {
          const centre = (leftMargin + rightEdge) / 2;
          assert.ok(Math.abs((first.x0 + first.x1) / 2 - centre) < 3, 'centred page number');
        }
        // The dash's ink, read off a 200 dpi render: its top 7 ± 1 mm below the 版心.
        const pgm = execFileSync('pdftoppm', ['-gray', '-r', '200', '-f', '1', '-l', '1', pdf], { maxBuffer: 64 * 1024 * 1024 });
        const textBottomMm = ((PAGE.top + TEXT_HEIGHT) / 20 / 72) * 25.4;
        const ink = darkRowsMm(pgm, 200, textBottomMm + 1, 297);
        assert.ok(ink.length, 'the page number is drawn below the 版心');
        const gap = ink[0] - textBottomMm;
        assert.ok(Math.abs(gap - 7) <= 1, `一字线 ${gap.toFixed(1)} mm below the 版心`);
      });

      it('writes PNGs of the first pages to test-results/export-*.png', function () {
        mkdirSync(RESULTS, { recursive: true });
        const pngs = [
          ...pdfToPngs(pdfs.get(`${format}/sample-draft`)!, path.join(RESULTS, `export-${format}-sample`), 1, 1, 70),
          ...pdfToPngs(pdfs.get(`${format}/04`)!, path.join(RESULTS, `export-${format}-04`), 1, 2, 70),
        ];
        assert.equal(pngs.length, 3);
      });
    });
  }
});
