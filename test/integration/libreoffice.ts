// LibreOffice (headless) and poppler as a test instrument: .docx → PDF → page size, page count,
// text, the lines of each page, PNGs. Debian packages libreoffice-writer-nogui and poppler-utils
// (scripts/setup-system.sh installs them).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Why the tools are missing, or undefined when soffice and poppler are on PATH. */
export function missingTools(): string | undefined {
  const missing = ['soffice', 'pdfinfo', 'pdftotext', 'pdftoppm'].filter((t) => spawnSync('which', [t]).status !== 0);
  return missing.length ? `${missing.join(', ')} not on PATH (sudo bash scripts/setup-system.sh installs libreoffice-writer-nogui and poppler-utils)` : undefined;
}

/** fonts.conf that maps the fonts a 公文 names to free look-alikes, so the PNGs look like the real thing. */
export const FONTCONFIG = path.join(__dirname, 'fonts.conf');

/**
 * Converts every .docx to PDF beside it with one soffice run and a fresh profile (parallel runs
 * must not share one). Returns the PDF paths.
 */
export function convertToPdf(docxFiles: string[], outDir: string): string[] {
  const profile = mkdtempSync(path.join(tmpdir(), 'speech-drafter-lo-'));
  try {
    const result = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...docxFiles],
      // The first start of a fresh profile takes several seconds, each document about one more.
      { encoding: 'utf8', timeout: 300_000, env: { ...process.env, FONTCONFIG_FILE: FONTCONFIG, SAL_USE_VCLPLUGIN: 'svp' } },
    );
    const pdfs = docxFiles.map((f) => path.join(outDir, `${path.basename(f, '.docx')}.pdf`));
    const missing = pdfs.filter((p) => !existsSync(p));
    if (result.status !== 0 || missing.length) {
      throw new Error(`soffice failed (status ${result.status}${result.error ? `, ${result.error.message}` : ''}): ${missing.join(', ')}\n${result.stdout}${result.stderr}`);
    }
    return pdfs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface PdfInfo {
  pages: number;
  widthPt: number;
  heightPt: number;
}

export function pdfInfo(pdf: string): PdfInfo {
  const out = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  return { pages, widthPt: Number(size?.[1]), heightPt: Number(size?.[2]) };
}

export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export interface PdfLine {
  page: number;
  /** Top of the line box and its left and right ends, in points from the page's top-left corner. */
  y: number;
  x0: number;
  x1: number;
  text: string;
}

/** The lines of every page as pdftotext sees them (words joined without spaces). */
export function pdfLines(pdf: string): PdfLine[] {
  const html = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out: PdfLine[] = [];
  html.split('<page ').slice(1).forEach((page, i) => {
    for (const m of page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)) {
      const text = [...m[4].matchAll(/>([^<]*)<\/word>/g)].map((w) => decodeEntities(w[1])).join('');
      out.push({ page: i + 1, y: Number(m[2]), x0: Number(m[1]), x1: Number(m[3]), text });
    }
  });
  return out;
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}

/** Writes PNGs of the PDF's pages (first..last) at `dpi` as `<prefix>-<n>.png`; returns their paths. */
export function pdfToPngs(pdf: string, prefix: string, first = 1, last = 1, dpi = 60): string[] {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(first), '-l', String(last), pdf, prefix]);
  const pngs: string[] = [];
  for (let p = first; p <= last; p++) {
    const candidates = [`${prefix}-${p}.png`, `${prefix}-${String(p).padStart(2, '0')}.png`, `${prefix}-${String(p).padStart(3, '0')}.png`];
    const found = candidates.find((c) => existsSync(c));
    if (found) pngs.push(found);
  }
  return pngs;
}

export function writeFile(file: string, data: Buffer | string): string {
  writeFileSync(file, data);
  return file;
}
