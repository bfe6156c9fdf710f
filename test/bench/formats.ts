// `npm run bench:formats`: how fast each corpus format is read (readSpeechFile: read, extract,
// decode, clean, split), on the 33 sample speeches as one document converted by LibreOffice to
// every format (cached under .cache/bench/formats/). Prints MB/s of file and characters/s of text,
// and what a 90 M-character corpus of each format would take to read.
// `-- --mixed 9e7`: a corpus of that many characters in mixed formats, indexed cold (mixedFormats.ts).
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { readSpeechFile } from '../../src/core/corpus';
import { EVAL_DOCS_DIR } from '../core/fixtures/corpusFixtures';
import { makeMht } from '../core/fixtures/formatFixtures';
import { cachedFolder, convert, sofficeVersion, speechDocx } from '../integration/soffice';
import { coldRun, mixedBench } from './mixedFormats';

const CONVERTED = ['doc', 'odt', 'rtf', 'pdf', 'html'];
/** Each format is read for at least this long (and at least 3 times); the median read is reported. */
const MIN_MS = 2000;

const args = process.argv.slice(2);
const after = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

async function perFormat(): Promise<void> {
  if (!sofficeVersion()) throw new Error('soffice is missing: run `bash scripts/setup-system.sh`');
  const speeches = readdirSync(EVAL_DOCS_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(EVAL_DOCS_DIR, f), 'utf8').trim());
  // One document of all 33 speeches, a blank line between them (a compilation, as 素材库 files often are).
  const lines = speeches.flatMap((s, i) => [...(i ? [''] : []), ...s.split('\n').map((l) => l.trim()).filter(Boolean)]);
  const dir = await cachedFolder('bench/formats', JSON.stringify({ v: 1, lines, CONVERTED }), async (out) => {
    writeFileSync(path.join(out, 'all.docx'), await speechDocx(lines));
    for (const format of CONVERTED) await convert([path.join(out, 'all.docx')], format, out);
  });
  const text = lines.join('\n');
  const files: [string, string][] = [
    ['.txt (UTF-8)', write(dir, 'all.txt', text)],
    ['.txt (GBK)', write(dir, 'all-gbk.txt', iconv.encode(text.replace(/\u00a0/g, ' '), 'gbk'))],
    ['.md', write(dir, 'all.md', text)],
    ['.docx', path.join(dir, 'all.docx')],
    ...CONVERTED.map((f): [string, string] => [`.${f}`, path.join(dir, `all.${f}`)]),
    ['.wps (a .doc)', copy(path.join(dir, 'all.doc'), path.join(dir, 'all.wps'))],
    ['.mht (GBK, quoted-printable)', write(dir, 'all.mht', makeMht(iconv.encode(readFileSync(path.join(dir, 'all.html'), 'utf8').replace(/charset=utf-8/i, 'charset=gb2312'), 'gbk'), 'gb2312'))],
  ];
  const rows = [];
  for (const [format, file] of files) {
    const bytes = statSync(file).size;
    const times: number[] = [];
    let chars = 0;
    let speechCount = 0;
    const started = performance.now();
    while (times.length < 3 || performance.now() - started < MIN_MS) {
      const t = performance.now();
      const r = await readSpeechFile(file);
      times.push(performance.now() - t);
      if (r.skipped) throw new Error(`${file}: ${JSON.stringify(r.skipped)}`);
      chars = r.documents.reduce((n, d) => n + d.text.length, 0);
      speechCount = r.documents.length;
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)];
    rows.push({
      format,
      'file KB': Math.round(bytes / 1024),
      speeches: speechCount,
      chars,
      'ms per read': ms.toFixed(1),
      'MB/s': (bytes / 2 ** 20 / (ms / 1000)).toFixed(1),
      'K chars/s': Math.round(chars / ms),
      '90 M chars in s': ((90e6 / chars) * (ms / 1000)).toFixed(0),
      'first read ms': '',
    });
  }
  console.log(`\n  read rate per format (readSpeechFile, median of ≥3 reads over ≥${MIN_MS / 1000} s; ${sofficeVersion()})`);
  console.table(rows.map(({ 'first read ms': _, ...r }) => r));
}

const mixed = after('--mixed');
const coldDir = after('--cold-run');
if (coldDir) void coldRun(coldDir).then((r) => console.log(JSON.stringify(r)));
else if (mixed) void mixedBench(Math.round(Number(mixed)));
else void perFormat();

function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

function copy(from: string, to: string): string {
  copyFileSync(from, to);
  return to;
}
