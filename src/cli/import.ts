// `import FILE.docx [-o DRAFT.md]`: a Word file as a Markdown draft (从 Word 文件新建草稿), on stdout or
// into a new file (an existing one is replaced only with --force).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { docxToMarkdown } from '../core/export';
import { ArgReader } from './args';
import { ioErrorReason } from '../core/corpus';
import { skipReasonText } from './skipReasons';

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const out = reader.one('-o') ?? reader.one('--output');
  const force = reader.flag('--force');
  const files = reader.positionals();
  if (files.length !== 1) throw new Error('usage: import FILE.docx [-o DRAFT.md] [--force]');
  const { markdown, warnings } = await docxToMarkdown(readFileSync(files[0])).catch((err: unknown) => {
    throw new Error(`${files[0]}: ${skipReasonText(ioErrorReason(err))}`);
  });
  for (const w of warnings) process.stderr.write(`${files[0]}: ${w}\n`);
  if (!out) {
    process.stdout.write(markdown);
    return 0;
  }
  if (existsSync(out) && !force) {
    process.stderr.write(`${out} 已存在 already exists: add --force to replace it\n`);
    return 1;
  }
  writeFileSync(out, markdown);
  process.stderr.write(`${out}\n`);
  return 0;
}
