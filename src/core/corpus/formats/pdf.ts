// PDF, from its text layer, through Mozilla's pdf.js (pdfjs-dist, pure JS; its worker runs in this
// thread, which is the indexing worker already). A PDF lays text out in lines at the page width;
// a speech's paragraph is one line here, so lines are put back together: into lines by baseline,
// top to bottom and left to right (single-column documents, as speeches are), then a line that
// reaches the right margin runs on into the next unless that one is indented, set apart, in
// another size, or starts a numbered heading. Page numbers and the running headers and footers
// that repeat at the top or bottom of the pages are dropped.
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { SkipError } from '../skipReason';
import { Stalled } from '../stall';
import { errorMessage, type FormatContext } from './format';
import { AffineMatrix } from './pdfMatrix';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

/** pdf.js, loaded on the first PDF (it is most of the bundle's code) with its worker in this thread. */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const global = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
    global.DOMMatrix ??= AffineMatrix;
    // On load pdf.js warns that it can't render without a canvas module: we only read text.
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const { lib, worker } = await loadPdfjsModules();
      global.pdfjsWorker = worker;
      return lib;
    } finally {
      console.warn = warn;
    }
  })();
  return loading;
}

/**
 * pdf.js and its worker: from dist/pdfjs.js beside the bundle (esbuild.mjs makes it, so the other
 * bundles don't carry pdf.js), or from node_modules when run from source. The module names are
 * not literals, so that esbuild leaves these loads to run time.
 */
async function loadPdfjsModules(): Promise<{ lib: PdfJs; worker: unknown }> {
  const bundled = path.join(__dirname, 'pdfjs.js');
  if (existsSync(bundled)) return require(bundled) as { lib: PdfJs; worker: unknown };
  const [lib, worker] = await Promise.all([import(PDFJS_MODULES.lib), import(PDFJS_MODULES.worker)]);
  return { lib: lib as PdfJs, worker };
}

const PDFJS_MODULES: { lib: string; worker: string } = { lib: 'pdfjs-dist/legacy/build/pdf.mjs', worker: 'pdfjs-dist/legacy/build/pdf.worker.mjs' };

/**
 * The CMaps of Chinese CID fonts (GB, CNS), for PDFs whose fonts have no Unicode map of their own:
 * beside the bundle (dist/pdf-cmaps, copied there by esbuild.mjs), or in pdfjs-dist when run from source.
 */
function cmapDir(): string | undefined {
  const candidates = [path.join(__dirname, 'pdf-cmaps')];
  try {
    candidates.push(path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps'));
  } catch {
    // Bundled: no node_modules.
  }
  const found = candidates.find((dir) => existsSync(dir));
  return found ? `${found}${path.sep}` : undefined;
}

/** A piece of text the PDF places at (x, y) (PDF space: y grows upwards), `right` where it ends, in a font of `size`. */
export interface PdfRun {
  text: string;
  x: number;
  y: number;
  right: number;
  size: number;
}

interface Line {
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
  page: number;
}

const LATIN = /[A-Za-z0-9]/;
/** A line that is only a page number: `3`, `- 3 -`, `第3页`, `第 3 页 共 10 页`, `3/10`, `Page 3 of 10`. */
const PAGE_NUMBER = /^(?:[-—–~\s]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—–~\s]*|\d{1,4}\s*[/／]\s*\d{1,4}|第\s*\d{1,4}\s*页\s*[,，]?\s*共\s*\d{1,4}\s*页|[-—–]\s*[ivxlcIVXLC]{1,6}\s*[-—–]|page\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?)$/i;
/** Numbered headings start a paragraph of their own, whatever the line before them. */
const HEADING_START = /^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[，、：:,章节条部分]|\d{1,2}[.、．](?!\d))/;
/** A page with fewer characters than this, on average, has no text layer (a scan, maybe with a stamp). */
const MIN_CHARS_PER_PAGE = 10;

/**
 * One line's runs as text. Runs that overlap are an overlay — Chinese quotes set in another font
 * over spaces left for them in the main run — and are merged glyph by glyph by position.
 */
function joinRuns(runs: PdfRun[]): string {
  const overlaps = runs.some((run, i) => i > 0 && run.x < runs[i - 1].right - 0.2 * run.size);
  if (overlaps) runs = glyphsInPlace(runs);
  let text = '';
  let end = -Infinity;
  for (const run of runs) {
    const gap = run.x - end;
    const before = text[text.length - 1] ?? '';
    // A space where words of Latin script stood apart; none between Chinese characters.
    if (text && gap > 0.25 * run.size && LATIN.test(before) && LATIN.test(run.text[0])) text += ' ';
    text += run.text;
    end = Math.max(end, run.right);
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** Runs cut into glyphs (advances taken as even within a run), in x order; a space another run's glyph covers goes. */
function glyphsInPlace(runs: PdfRun[]): PdfRun[] {
  const glyphs: (PdfRun & { from: number })[] = [];
  runs.forEach((run, from) => {
    const chars = Array.from(run.text);
    const advance = (run.right - run.x) / Math.max(1, chars.length);
    chars.forEach((ch, i) => glyphs.push({ text: ch, x: run.x + i * advance, right: run.x + (i + 1) * advance, y: run.y, size: run.size, from }));
  });
  glyphs.sort((a, b) => a.x - b.x);
  const ink = glyphs.filter((g) => g.text.trim());
  return glyphs.filter((g) => g.text.trim() || !ink.some((o) => o.from !== g.from && Math.abs(o.x - g.x) < 0.5 * (g.right - g.x)));
}

/** A page's text runs grouped into lines, top to bottom. */
function pageLines(runs: PdfRun[], page: number): Line[] {
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let current: PdfRun[] = [];
  let y = NaN;
  const flush = () => {
    if (!current.length) return;
    current.sort((a, b) => a.x - b.x);
    const text = joinRuns(current);
    if (text) {
      const size = Math.max(...current.map((r) => r.size));
      lines.push({ text, left: current[0].x, right: Math.max(...current.map((r) => r.right)), y, size, page });
    }
    current = [];
  };
  for (const run of runs) {
    if (current.length && Math.abs(run.y - y) > 0.4 * Math.max(run.size, current[0].size)) flush();
    if (!current.length) y = run.y;
    current.push(run);
  }
  flush();
  return lines;
}

const shape = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, '');

/** Drops page numbers, and running headers and footers: lines at a page's top or bottom that recur on most pages. */
function withoutPageFurniture(pages: Line[][]): Line[][] {
  const edges = (lines: Line[]) => [...lines.slice(0, 2), ...lines.slice(-2)];
  const recurring = new Map<string, number>();
  for (const lines of pages) for (const s of new Set(edges(lines).map((l) => shape(l.text)))) recurring.set(s, (recurring.get(s) ?? 0) + 1);
  const repeats = (l: Line) => pages.length >= 2 && (recurring.get(shape(l.text)) ?? 0) >= Math.max(2, 0.6 * pages.length);
  return pages.map((lines) => {
    const edge = new Set(edges(lines));
    return lines.filter((l) => !(edge.has(l) && (PAGE_NUMBER.test(l.text) || repeats(l))));
  });
}

/** The most frequent value and how often it occurs. */
function mostCommon(values: number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  let best = values[0] ?? 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > (counts.get(best) ?? 0)) best = v;
  }
  return { value: best, count: counts.get(best) ?? 0 };
}

/** Lines put back into paragraphs, one per line. */
function paragraphs(pages: Line[][]): string[] {
  const all = pages.flat();
  if (!all.length) return [];
  const left = mostCommon(all.map((l) => Math.round(l.left))).value;
  // The right margin is where most lines end (a line ending in punctuation may hang past it); in
  // Latin text set ragged, where the longest line ends.
  const ends = mostCommon(all.map((l) => Math.round(l.right)));
  const right = ends.count >= Math.max(2, 0.1 * all.length) ? ends.value : Math.max(...all.map((l) => l.right));
  // Line pitch: the most common distance between consecutive lines of a page; a gap well beyond it
  // is an empty paragraph (it separates speeches in a compilation).
  const pitches = all.flatMap((l, i) => (i > 0 && all[i - 1].page === l.page ? [Math.round(all[i - 1].y - l.y)] : []));
  const pitch = mostCommon(pitches.filter((p) => p > 0)).value || Infinity;
  const out: string[] = [];
  let previous: Line | undefined;
  for (const line of all) {
    if (previous && previous.page === line.page && previous.y - line.y > 1.7 * pitch && out[out.length - 1] !== '') out.push('');
    // A number or Latin word too long for the end of a line moves whole to the next, and so does an
    // opening quote or bracket (it may not end a line): the line before stops short of the margin by it.
    const leadingWord = /^[A-Za-z0-9.,%]+/.exec(line.text)?.[0].length ?? 0;
    const opening = /^[“‘（《【〈「『(]/.test(line.text) ? 1 : 0;
    const runsOn =
      previous !== undefined &&
      previous.right >= right - (1.5 + 0.6 * leadingWord + opening) * previous.size &&
      line.left <= left + 0.5 * line.size &&
      Math.abs(line.size - previous.size) <= 0.15 * previous.size &&
      (line.page !== previous.page || previous.y - line.y <= Math.min(2.2 * previous.size, 1.7 * pitch)) &&
      !HEADING_START.test(line.text);
    if (runsOn) {
      const last = out[out.length - 1];
      const space = /[A-Za-z0-9.,;:!?)]$/.test(last) && /^[A-Za-z0-9(]/.test(line.text) ? ' ' : '';
      out[out.length - 1] = last + space + line.text;
    } else out.push(line.text);
    previous = line;
  }
  return out;
}

/** The text of pages of runs: lines, without page furniture, put back into paragraphs (one per line). */
export function layoutPdfText(pages: PdfRun[][]): string {
  return paragraphs(withoutPageFurniture(pages.map((runs, i) => pageLines(runs, i + 1)))).join('\n');
}

function damaged(err: unknown): SkipError {
  const name = (err as Error | undefined)?.name;
  if (name === 'PasswordException') return new SkipError({ code: 'encrypted', format: '.pdf' });
  return new SkipError({ code: 'damaged', format: '.pdf', message: errorMessage(err) });
}

export async function pdfText(bytes: Buffer, context: FormatContext): Promise<string> {
  if (!bytes.subarray(0, 1024).includes('%PDF-')) throw new SkipError({ code: 'wrongFormat', expected: '.pdf' });
  const lib = await pdfjs();
  const cMapUrl = cmapDir();
  const task = lib.getDocument({
    // pdf.js may transfer the array it is given: a copy, so the caller's buffer stays whole.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    ...(cMapUrl ? { cMapUrl, cMapPacked: true } : {}),
  });
  try {
    let doc;
    try {
      doc = await context.within(task.promise);
    } catch (err) {
      throw err instanceof Stalled ? err : damaged(err);
    }
    const pages: PdfRun[][] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      if (context.token?.isCancellationRequested) return '';
      const runs: PdfRun[] = [];
      try {
        const page = await context.within(doc.getPage(n));
        const content = await context.within(page.getTextContent());
        for (const item of content.items) {
          if (!('str' in item) || !item.str.trim()) continue;
          const [a, b, c, d, x, y] = item.transform as number[];
          const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
          runs.push({ text: item.str, x, y, right: x + item.width, size });
          chars += item.str.replace(/\s/g, '').length;
        }
        page.cleanup();
      } catch (err) {
        throw err instanceof Stalled ? err : damaged(err);
      }
      pages.push(runs);
    }
    if (chars < MIN_CHARS_PER_PAGE * Math.max(1, doc.numPages)) throw new SkipError({ code: 'noTextLayer' });
    return layoutPdfText(pages);
  } finally {
    void task.destroy().catch(() => undefined);
  }
}
