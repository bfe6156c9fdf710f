// `export DRAFT [--format gongwen|speech] [-o FILE]`: the draft as a .docx beside it (or at FILE), as
// 导出为 Word does; `--pages` prints the page count the preview shows instead of writing. The draft is
// only read; an existing .docx is replaced only with --force.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeBytes } from '../core/corpus';
import { docxPathFor, EXPORT_FORMATS, exportDraft, exportSettings, isMarkdownPath, previewPages, type ExportFormat } from '../core/export';
import { ArgReader } from './args';

const USAGE =
  'usage: export DRAFT [--format gongwen|speech] [-o FILE] [--force] [--pages] [--speaker NAME] [--date 2026年12月2日]\n' +
  '       [--font-size 小二|三号] [--bold-level3] [--no-length] [--title-font "方正小标宋简体, 华文中宋, 宋体"] [--body-font "仿宋_GB2312, 仿宋"]';

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const format = (reader.one('--format') ?? 'gongwen') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new Error(`--format is gongwen (公文格式) or speech (讲话稿格式), not ${format}\n${USAGE}`);
  const out = reader.one('-o') ?? reader.one('--output');
  const force = reader.flag('--force');
  const pagesOnly = reader.flag('--pages');
  const speaker = reader.one('--speaker');
  const date = reader.one('--date');
  const fontSize = reader.one('--font-size');
  if (fontSize !== undefined && fontSize !== '小二' && fontSize !== '三号') throw new Error(`--font-size is 小二 or 三号, not ${fontSize}`);
  const settings = exportSettings({
    speechFontSize: fontSize,
    boldLevel3: reader.flag('--bold-level3'),
    speechShowLength: !reader.flag('--no-length'),
    titleFont: reader.one('--title-font'),
    bodyFont: reader.one('--body-font'),
    heading1Font: reader.one('--heading1-font'),
    heading2Font: reader.one('--heading2-font'),
  });
  const files = reader.positionals();
  if (files.length !== 1) throw new Error(USAGE);
  const file = files[0];
  let text: string;
  try {
    text = decodeBytes(readFileSync(file)).text;
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const input = { text, markdown: isMarkdownPath(file), speaker, date };
  if (pagesOnly) {
    process.stdout.write(`${previewPages(input, format, settings).pages.length}\n`);
    return 0;
  }
  const target = out ?? docxPathFor(file, format);
  if (path.resolve(target) === path.resolve(file)) throw new Error(`${target} is the draft itself`);
  if (existsSync(target) && !force) {
    process.stderr.write(`${target} 已存在 already exists: add --force to replace it\n`);
    return 1;
  }
  const started = performance.now();
  const result = await exportDraft(input, format, settings);
  writeFileSync(target, result.docx);
  const label = format === 'gongwen' ? '公文格式' : '讲话稿格式';
  process.stdout.write(`${target}（${label}，${result.pages} 页 pages, ${(performance.now() - started).toFixed(0)} ms）\n`);
  return 0;
}
