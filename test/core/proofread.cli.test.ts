// The `proofread` command (the alias of `check`), run in-process (its output captured) without a
// corpus, so no index is built: lines by file:line:column with a count per kind, and --json with
// every kind's findings. With the corpus and its 提法 findings: test/integration/check.cli.test.ts.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { run } from '../../src/cli/proofread';
import { tempDir } from './fixtures/corpusFixtures';

async function capture(args: string[]): Promise<{ code: number; stdout: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    const code = await run(args);
    return { code, stdout: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

describe('cli: proofread', function () {
  // The first check loads jieba's dictionary (about 1 s here).
  this.timeout(20000);
  const tmp = tempDir();
  after(() => tmp.dispose());
  const draft = '# 在全市工作会议上的讲话\n\n截止目前，已整改问题30余个,整改率达到95%。要切实抓好落实，切水增强"四个意识"。\n\n## 一、总体要求\n\n## 二、主要任务\n\n## 四、保障措施\n';

  it('prints file:line:column, the message and the fix, and a count per kind; exit 1', async () => {
    const file = path.join(tmp.dir, '草稿.md');
    writeFileSync(file, draft);
    const { code, stdout } = await capture([file, '--no-default-corpus']);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.ok(lines[0].endsWith('草稿.md:3:1  [错别字] 「截止」应为「截至」  → 截至'), lines[0]);
    assert.ok(lines.some((l) => l.endsWith(':3:15  [标点] 中文里的半角「,」应为全角「，」  → ，')), stdout);
    assert.ok(lines.some((l) => l.includes('「切水」疑为「切实」')), stdout);
    assert.ok(lines.some((l) => l.endsWith(':9:4  [序号] 序号跳过了：此处应为「三」，不是「四」  → 三')), stdout);
    assert.match(lines[lines.length - 1], /^共 6 处：提法 0，错别字 2，标点 3，数字 0，序号 1（3 处可安全地一并修正；对照 0 篇讲稿中的 0 条常用提法）$/);
  });

  it('--json reports every kind, each finding with line, column, length, kind, message and fix; GBK files too', async () => {
    const file = path.join(tmp.dir, 'draft-gbk.txt');
    writeFileSync(file, iconv.encode(draft.replace(/^#+ /gm, ''), 'gbk'));
    const { code, stdout } = await capture([file, '--json', '--no-default-corpus']);
    assert.equal(code, 1);
    const out = JSON.parse(stdout) as { counts: Record<string, number>; findings: { line: number; column: number; length: number; kind: string; code: string; message: string; fix: string | null; safe: boolean }[] };
    assert.deepEqual(out.counts, { formulation: 0, typo: 2, punctuation: 3, number: 0, numbering: 1 });
    assert.deepEqual(out.findings[0], { line: 3, column: 1, length: 2, kind: 'typo', code: 'typo.confusion', message: '「截止」应为「截至」', params: { found: '截止', expected: '截至' }, fix: '截至', safe: false });
    const numbering = out.findings.find((f) => f.kind === 'numbering')!;
    assert.deepEqual([numbering.line, numbering.column, numbering.length, numbering.fix], [9, 1, 1, '三']);
  });

  it('exits 0 with a clean draft', async () => {
    const file = path.join(tmp.dir, 'clean.txt');
    writeFileSync(file, '同志们：\n今天，我们召开全市工作会议，主要任务是总结前一阶段工作，部署下一步任务。\n');
    const { code, stdout } = await capture([file, '--no-default-corpus']);
    assert.equal(code, 0);
    assert.match(stdout, /未发现问题/);
  });
});
