// `check <file>`: 提法核对 — spans of a draft one character away from a formulation the corpus uses
// often (做到“两个拥护” → 做到“两个维护”). Exit code 1 when something was flagged, as linters do.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkFormulations, type FormulationIssue } from '../core/check';
import { decodeBytes, ioErrorReason } from '../core/corpus';
import { ArgReader } from './args';
import { loadCliIndex } from './docs';
import { skipReasonText } from './skipReasons';

/** 1-based line and column (in UTF-16 units, as editors count) of each offset, in one pass. */
function lineColumns(text: string, offsets: number[]): { line: number; column: number }[] {
  const order = offsets.map((o, i) => [o, i]).sort((a, b) => a[0] - b[0]);
  const out: { line: number; column: number }[] = new Array(offsets.length);
  let line = 1, lineStart = 0, pos = 0;
  for (const [offset, i] of order) {
    for (; pos < offset; pos++) {
      if (text.charCodeAt(pos) !== 10) continue;
      line++;
      lineStart = pos + 1;
    }
    out[i] = { line, column: offset - lineStart + 1 };
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const corpus = reader.corpus();
  const json = reader.flag('--json');
  const files = reader.positionals();
  if (files.length !== 1) throw new Error('check needs one draft file: check <file> [--corpus DIR]... [--no-default-corpus] [--json]');
  const file = files[0];
  let draft: string;
  try {
    draft = decodeBytes(readFileSync(file)).text;
  } catch (err) {
    throw new Error(`${file}: ${skipReasonText(ioErrorReason(err))}`);
  }

  const index = await loadCliIndex(corpus);
  const { documents } = index;
  if (!documents.length) process.stderr.write('素材库为空，无从核对 the corpus is empty: nothing to check against (--corpus DIR)\n');
  const issues = checkFormulations(index, draft);
  const where = lineColumns(draft, issues.map((i) => i.start));
  if (json) {
    const out = issues.map((issue, k) => ({ ...where[k], ...issue }));
    process.stdout.write(JSON.stringify({ file, speeches: documents.length, formulations: index.formulations.formulations.length, issues: out }, null, 2) + '\n');
  } else {
    const relative = path.relative(process.cwd(), file);
    const name = relative && !relative.startsWith('..') ? relative : file;
    for (const [k, issue] of issues.entries()) process.stdout.write(`${name}:${where[k].line}:${where[k].column}  ${describe(issue)}\n`);
    process.stdout.write(
      issues.length
        ? `${issues.length} 处提法可能有误 possible wrong formulations (对照 ${documents.length} 篇讲稿中的 ${index.formulations.formulations.length} 条常用提法)\n`
        : `未发现提法问题 no wrong formulations found (对照 ${documents.length} 篇讲稿中的 ${index.formulations.formulations.length} 条常用提法)\n`,
    );
  }
  return issues.length ? 1 : 0;
}

function describe(issue: FormulationIssue): string {
  const { phrase } = issue;
  const example = phrase.example ? `，如《${phrase.example.title}》` : '';
  return `「${issue.found}」应为「${issue.expected}」（素材库中 ${phrase.speeches} 篇、${phrase.count} 次${example}；置信度 ${issue.confidence.toFixed(2)}）`;
}
