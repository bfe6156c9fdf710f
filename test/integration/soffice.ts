// Real documents made by LibreOffice (soffice --headless --convert-to), for the integration tests and
// the read-rate bench. Each conversion set is cached under .cache/ by the hash of its sources (and
// LibreOffice's version), so a rerun is fast; a missing or partial cache is made again.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { makeDocx } from '../core/fixtures/corpusFixtures';

export const ROOT = path.join(__dirname, '..', '..');

/** LibreOffice's version line, or undefined when soffice is not installed (scripts/setup-system.sh installs it). */
export function sofficeVersion(): string | undefined {
  try {
    return execFileSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60_000 }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Converts `inputs` to `format` into `outDir` with one soffice run, in a profile of its own (so
 * parallel runs don't collide). `infilter` names the import filter (`Text (encoded):GBK,LF,,,`).
 */
export async function convert(inputs: string[], format: string, outDir: string, infilter?: string): Promise<void> {
  const profile = path.join(tmpdir(), `soffice-profile-${process.pid}-${createHash('sha1').update(`${outDir}${format}${Math.random()}`).digest('hex').slice(0, 12)}`);
  try {
    const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', format, '--outdir', outDir, ...inputs];
    await promisify(execFile)('soffice', args, { timeout: 300_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * A folder under .cache/<area>/ holding what `make` writes into it, made once per `key` (the hash
 * of the sources and LibreOffice's version); a folder left half-made by a stopped run is made again.
 */
export async function cachedFolder(area: string, key: string, make: (dir: string) => Promise<void>): Promise<string> {
  const hash = createHash('sha256').update(key).update(sofficeVersion() ?? '').digest('hex').slice(0, 16);
  const dir = path.join(ROOT, '.cache', area, hash);
  if (existsSync(path.join(dir, '.complete'))) return dir;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  await make(building);
  writeFileSync(path.join(building, '.complete'), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}

export function filesIn(dir: string, ext: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(dir, f));
}

/**
 * A .docx laid out as official speeches are: the title centred, each paragraph after it indented by
 * two characters (so a PDF's paragraphs can be told apart), one w:p per source line, and the page
 * number in the footer between dashes (「— 3 —」).
 */
export function speechDocx(lines: string[]): Promise<Buffer> {
  const footer =
    '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>' +
    '<w:r><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>';
  return makeDocx(lines, {
    paragraphProperties: (i) => (i === 0 ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="480"/></w:pPr>'),
    parts: [{ name: 'footer1.xml', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml', relationship: 'footer', xml: footer }],
    sectionXml:
      '<w:sectPr><w:footerReference w:type="default" r:id="rel0"/><w:pgSz w:w="11906" w:h="16838"/>' +
      '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr>',
  });
}
