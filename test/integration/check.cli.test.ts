// The `check` command, run from source through tsx exactly as dist/cli.js runs it.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { runCli as cli } from './cli';
import { tempDir } from '../core/fixtures/corpusFixtures';

describe('cli: check', function () {
  this.timeout(90_000); // every test runs the CLI from source (tsx), indexes the sample corpus and loads jieba's dictionary: seconds each, more on a busy machine
  const tmp = tempDir();
  after(() => tmp.dispose());

  it('lists every kind by file:line:column with the corpus wording for 提法 slips and a count per kind, exit 1', async () => {
    const draft = path.join(tmp.dir, '草稿.md');
    writeFileSync(draft, '# 讲话\n\n同志们要做到“两个拥护”。\n要以学增志，截止目前已整改30余个,深入学习习近平新时代中国特色社会注意思想。\n');
    const text = await cli('check', draft);
    assert.equal(text.code, 1, text.stderr);
    const lines = text.stdout.trim().split('\n');
    assert.match(lines[0], /草稿\.md:3:5 {2}\[提法\] 「做到“两个拥护”」应为「做到“两个维护”」（素材库中 \d+ 篇、\d+ 次，如《[^》]+》）  → 做到“两个维护”$/);
    assert.match(lines[1], /草稿\.md:4:2 {2}\[提法\] 「以学增志」应为「以学增智」/);
    assert.match(lines[2], /草稿\.md:4:7 {2}\[错别字\] 「截止」应为「截至」/);
    assert.match(lines[3], /草稿\.md:4:18 {2}\[标点\] 中文里的半角「,」应为全角「，」/);
    assert.match(lines[4], /\[提法\] 「中国特色社会注意」应为「中国特色社会主义」/);
    assert.match(lines[5], /^共 5 处：提法 3，错别字 1，标点 1，数字 0，序号 0（1 处可安全地一并修正；对照 33 篇讲稿中的 \d+ 条常用提法）$/);
    // `proofread` is the same command.
    assert.equal((await cli('proofread', draft)).stdout, text.stdout);
  });

  it('--json gives each finding line, column, length, kind, code, message, params and fix; --kinds narrows them', async () => {
    const draft = path.join(tmp.dir, 'draft.txt');
    const body = '全体党员要坚决做到“两个坚决维护”。截止目前,已整改30余个。';
    writeFileSync(draft, body);
    const json = await cli('check', draft, '--json');
    assert.equal(json.code, 1);
    type Finding = { line: number; column: number; length: number; kind: string; code: string; message: string; params: Record<string, string>; fix: string | null; safe: boolean };
    const out = JSON.parse(json.stdout) as { speeches: number; counts: Record<string, number>; findings: Finding[] };
    assert.equal(out.speeches, 33);
    assert.deepEqual(out.counts, { formulation: 1, typo: 1, punctuation: 1, number: 0, numbering: 0 });
    const [slip] = out.findings;
    assert.deepEqual([slip.line, slip.column, slip.length, slip.kind, slip.code, slip.fix, slip.safe], [1, 8, '做到“两个坚决维护”'.length, 'formulation', 'formulation.insertion', '做到“两个维护”', false]);
    assert.equal(body.slice(slip.column - 1, slip.column - 1 + slip.length), '做到“两个坚决维护”');
    assert.equal(slip.params.edits, '2');
    assert.ok(Number(slip.params.speeches) >= 5 && slip.params.title, JSON.stringify(slip.params));
    assert.match(slip.message, /^「做到“两个坚决维护”」应为「做到“两个维护”」（素材库中 \d+ 篇/);
    const only = JSON.parse((await cli('check', draft, '--json', '--kinds', 'formulation')).stdout) as { findings: Finding[] };
    assert.deepEqual(only.findings.map((f) => f.kind), ['formulation']);
  });

  it('reads a GBK draft, and exits 0 when nothing is wrong', async () => {
    const draft = path.join(tmp.dir, 'gbk.txt');
    writeFileSync(draft, iconv.encode('要增强“四个意识”、坚定“四个自信”、做到“两个维护”。', 'gbk'));
    const { code, stdout } = await cli('check', draft);
    assert.equal(code, 0);
    assert.match(stdout, /^未发现问题/);
  });

  it('says what is wrong with a missing file or missing argument', async () => {
    const missing = await cli('check', path.join(tmp.dir, 'nope.md'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.md: 文件不存在/);
    const none = await cli('check');
    assert.match(none.stderr, /check needs one draft file/);
    const draft = path.join(tmp.dir, 'empty-corpus.md');
    writeFileSync(draft, '做到“两个拥护”。');
    const empty = await cli('check', draft, '--no-default-corpus');
    assert.equal(empty.code, 0);
    assert.match(empty.stderr, /素材库为空/);
    assert.match((await cli('check', draft, '--kinds', 'typos')).stderr, /--kinds takes formulation,typo/);
  });
});
