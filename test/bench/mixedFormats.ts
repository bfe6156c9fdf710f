// `npm run bench:formats -- --mixed 9e7`: a corpus of N characters in mixed formats, indexed cold as
// the extension's worker indexes it (indexCorpus, cache cleared), in a fresh process: the read rate
// of each format inside that run (the time between one file's progress report and the next), every
// phase of the cold index, and the peak memory.
//
// The corpus is the scale benchmark's generated text (generateCorpus: files of ~256 K characters, a
// compilation of speeches each), each file given a format so that the shares of characters follow
// MIX, a guess at a 素材库 of Word files with some PDFs and saved pages. .docx is written here;
// .doc (and .wps, a .doc renamed), .pdf, .rtf, .odt and .html are converted from it by LibreOffice;
// .mht wraps the .html in GBK; GBK .txt is encoded here. Made once per size under .cache/bench/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { indexCorpus, type IndexProgress } from '../../src/core/index';
import { makeMht } from '../core/fixtures/formatFixtures';
import { cachedFolder, convert, sofficeVersion, speechDocx } from '../integration/soffice';
import { generateCorpus } from './generateCorpus';

/** Shares of the corpus's characters per format. */
export const MIX: Record<string, number> = { docx: 0.35, doc: 0.18, txt: 0.1, 'gbk.txt': 0.05, pdf: 0.1, html: 0.07, wps: 0.04, rtf: 0.04, odt: 0.04, mht: 0.03 };
/** Made by LibreOffice from the .docx (a .wps is a .doc renamed; a .mht wraps the .html). */
const CONVERTED = ['doc', 'pdf', 'rtf', 'odt', 'html'];
/** Files per soffice run: a run must end within convert()'s five minutes (a 256 K-character PDF takes ~10 s). */
const PER_RUN = 8;

const root = path.join(__dirname, '..', '..');
const formatOf = (file: string) => (file.endsWith('.gbk.txt') ? 'gbk.txt' : path.extname(file).slice(1));

/** The mixed corpus of about `chars` characters (made once, cached); its folder holds only corpus files. */
export async function mixedCorpus(chars: number): Promise<string> {
  const generated = generateCorpus(path.join(root, 'media', 'corpus'), path.join(root, '.cache', 'bench', `corpus-${chars}-seed42`), chars, 42);
  const sources = readdirSync(generated.dir).filter((f) => f.endsWith('.txt')).sort();
  const sizes = sources.map((f) => statSync(path.join(generated.dir, f)).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  // Each file goes to the format furthest below its share so far: the shares come out as MIX says.
  const given: Record<string, number> = Object.fromEntries(Object.keys(MIX).map((f) => [f, 0]));
  const formats = sizes.map((size) => {
    const done = Object.values(given).reduce((a, b) => a + b, 0) + size;
    const format = Object.keys(MIX).sort((a, b) => given[a] - MIX[a] * done - (given[b] - MIX[b] * done))[0];
    given[format] += size;
    return format;
  });
  const key = JSON.stringify({ v: 2, generated: { chars: generated.chars, files: generated.files, version: generated.version }, MIX, formats, total });
  const dir = await cachedFolder(`bench/mixed-${chars}`, key, async (out) => {
    const work = path.join(out, '.work');
    mkdirSync(work);
    const toConvert: Record<string, string[]> = Object.fromEntries(CONVERTED.map((f) => [f, []]));
    for (const [i, file] of sources.entries()) {
      const text = readFileSync(path.join(generated.dir, file), 'utf8');
      const stem = path.basename(file, '.txt');
      const format = formats[i];
      if (format === 'txt') writeFileSync(path.join(out, `${stem}.txt`), text);
      else if (format === 'gbk.txt') writeFileSync(path.join(out, `${stem}.gbk.txt`), iconv.encode(text, 'gbk'));
      else {
        // Every line a paragraph, the blank line between two speeches an empty one (as a compilation is laid out).
        const docx = await speechDocx(text.replace(/\n+$/, '').split('\n'));
        if (format === 'docx') writeFileSync(path.join(out, `${stem}.docx`), docx);
        else {
          writeFileSync(path.join(work, `${stem}.docx`), docx);
          toConvert[format === 'wps' ? 'doc' : format === 'mht' ? 'html' : format].push(path.join(work, `${stem}.docx`));
        }
      }
    }
    for (const format of CONVERTED) {
      const inputs = toConvert[format];
      for (let i = 0; i < inputs.length; i += PER_RUN) {
        process.stderr.write(`soffice → .${format}: ${i + 1}–${Math.min(i + PER_RUN, inputs.length)} of ${inputs.length}\n`);
        await convert(inputs.slice(i, i + PER_RUN), format, work);
      }
    }
    for (const [i, file] of sources.entries()) {
      const stem = path.basename(file, '.txt');
      const from = (ext: string) => path.join(work, `${stem}.${ext}`);
      const format = formats[i];
      if (format === 'wps') renameSync(from('doc'), path.join(out, `${stem}.wps`));
      else if (format === 'mht') {
        const html = readFileSync(from('html'), 'utf8').replace(/charset=utf-8/i, 'charset=gb2312');
        writeFileSync(path.join(out, `${stem}.mht`), makeMht(iconv.encode(html, 'gbk'), 'gb2312'));
      } else if (CONVERTED.includes(format)) copyFileSync(from(format), path.join(out, `${stem}.${format}`));
    }
    rmSync(work, { recursive: true, force: true });
  });
  return dir;
}

export interface ColdRun {
  chars: number;
  speeches: number;
  files: number;
  cold_index_s: number;
  cold_cpu_s: number;
  peak_rss_mb: number;
  timings: Record<string, number>;
  /** Per format: files, bytes, characters of text, seconds spent reading them (wall clock, and this process's CPU). */
  formats: Record<string, { files: number; bytes: number; chars: number; read_s: number; read_cpu_s: number }>;
}

/** Indexes `dir` from scratch (no cache), timing each file's read; run in a fresh process. */
export async function coldRun(dir: string): Promise<ColdRun> {
  const storageDir = path.join(root, '.cache', 'bench', 'mixed-index');
  rmSync(storageDir, { recursive: true, force: true });
  const formats: ColdRun['formats'] = {};
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let lastChars = 0;
  // Called after each file is read (and once before, after the scan): the time since the last call is that file's.
  const onProgress = (p: IndexProgress) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    if (p.phase === 'reading' && p.path) {
      const f = (formats[formatOf(p.path)] ??= { files: 0, bytes: 0, chars: 0, read_s: 0, read_cpu_s: 0 });
      f.files++;
      f.bytes += statSync(p.path).size;
      f.chars += p.chars - lastChars;
      f.read_s += (now - last) / 1000;
      f.read_cpu_s += (cpu.user + cpu.system) / 1e6;
      lastChars = p.chars;
    }
    last = performance.now();
    lastCpu = process.cpuUsage();
  };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await indexCorpus([dir], { storageDir, onProgress });
  const total = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const save = result.timings.save_s ?? 0;
  return {
    chars: result.documents.reduce((n, d) => n + d.text.length, 0),
    speeches: result.documents.length,
    files: Object.values(formats).reduce((n, f) => n + f.files, 0),
    // As the scale benchmark counts it: scan + read + dedupe + build; saving the cache apart.
    cold_index_s: total - save,
    cold_cpu_s: (cpu.user + cpu.system) / 1e6,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    timings: result.timings,
    formats,
  };
}

/** Makes the corpus, runs the cold index in a fresh process, prints the tables. */
export async function mixedBench(chars: number): Promise<void> {
  if (!sofficeVersion()) throw new Error('soffice is missing: run `bash scripts/setup-system.sh`');
  const t = performance.now();
  const dir = await mixedCorpus(chars);
  process.stderr.write(`mixed corpus ready in ${((performance.now() - t) / 1000).toFixed(0)} s: ${dir}\n`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'formats.ts'), '--cold-run', dir], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  let run: ColdRun;
  try {
    run = JSON.parse(line);
  } catch {
    throw new Error(`the cold run failed: ${child.stderr || child.stdout}`);
  }
  const M = (n: number) => (n / 1e6).toFixed(2);
  console.log(`\n  mixed-format corpus, ${M(run.chars)} M characters indexed (${run.speeches} speeches) from ${run.files} files — cold index in a fresh process (${sofficeVersion()})`);
  console.table(
    Object.entries(run.formats)
      .sort((a, b) => b[1].chars - a[1].chars)
      .map(([format, f]) => ({
        format: `.${format}`,
        files: f.files,
        'share of chars %': ((100 * f.chars) / Object.values(run.formats).reduce((n, x) => n + x.chars, 0)).toFixed(1),
        'M chars': M(f.chars),
        MB: (f.bytes / 2 ** 20).toFixed(1),
        'read s (CPU)': `${f.read_s.toFixed(1)} (${f.read_cpu_s.toFixed(1)})`,
        'ms per 100 K chars (CPU)': `${((f.read_s * 1e8) / Math.max(1, f.chars)).toFixed(1)} (${((f.read_cpu_s * 1e8) / Math.max(1, f.chars)).toFixed(1)})`,
      })),
  );
  const t2 = run.timings;
  const phases = ['scan_s', 'read_s', 'dedupe_s', 'corpus_text_s', 'mine_sample_s', 'wait_suffix_array_s', 'recount_s', 'slips_s', 'roles_s', 'search_index_s', 'formulations_s', 'save_s'];
  console.table([Object.fromEntries([['cold index s', run.cold_index_s.toFixed(1)], ['CPU s', run.cold_cpu_s.toFixed(1)], ['peak RSS MB', Math.round(run.peak_rss_mb)], ...phases.map((p) => [p.replace(/_s$/, ''), (t2[p] ?? 0).toFixed(1)])])]);
  console.log(JSON.stringify(run));
}
