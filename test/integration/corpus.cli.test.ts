// The `docs` and `outline` commands, run from source through tsx exactly as dist/cli.js runs them.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from './cli';
import { EVAL_DOCS_DIR, tempDir } from '../core/fixtures/corpusFixtures';

const cli = runCli;

describe('cli: docs and outline', function () {
  this.timeout(60_000); // every test runs the CLI from source (tsx): seconds each, more on a busy machine

  it('docs --json lists the 33 speeches with title, kind, chars, source, headings and versions (none in the sample)', async () => {
    const { code, stdout, stderr } = await cli('docs', '--json');
    assert.equal(code, 0, stderr);
    const list = JSON.parse(stdout) as { title: string; kind: string; chars: number; source: string; headings: { level: number; text: string; line: number }[]; versions: unknown[] }[];
    assert.equal(list.length, 33);
    for (const d of list) {
      assert.deepEqual(Object.keys(d), ['title', 'kind', 'chars', 'source', 'headings', 'versions']);
      assert.ok(d.chars > 500 && path.isAbsolute(d.source));
      assert.deepEqual(d.versions, []);
    }
    assert.equal(list[1].headings[0].text, '一、提高政治站位，深刻认识开展主题教育的重大意义');
  });

  it('docs reports each skipped file as one line on stderr and still lists the rest', async () => {
    const tmp = tempDir();
    try {
      writeFileSync(path.join(tmp.dir, 'binary.txt'), Buffer.from([0, 1, 2, 3]));
      writeFileSync(path.join(tmp.dir, 'speech.txt'), '在测试会上的讲话\n同志们：\n一、开好会。\n谢谢大家！');
      const { code, stdout, stderr } = await cli('docs', '--no-default-corpus', '--corpus', tmp.dir);
      assert.equal(code, 0);
      assert.match(stdout, /在测试会上的讲话/);
      assert.match(stdout, /1 篇讲稿/);
      const lines = stderr.trim().split('\n');
      assert.equal(lines.length, 1);
      assert.match(lines[0], /binary\.txt: .*NUL/);
    } finally {
      tmp.dispose();
    }
  });

  it('docs counts a speech saved three times once, and --json lists the other copies as its versions', async () => {
    const tmp = tempDir();
    try {
      const speech = readFileSync(path.join(EVAL_DOCS_DIR, '05.txt'), 'utf8');
      writeFileSync(path.join(tmp.dir, '读书班总结（定稿）.txt'), speech);
      writeFileSync(path.join(tmp.dir, '读书班总结（修改稿）.txt'), speech.replace(/今天/g, '今日'));
      writeFileSync(path.join(tmp.dir, '转载.txt'), `转载：${speech}`);
      writeFileSync(path.join(tmp.dir, '另一篇.txt'), readFileSync(path.join(EVAL_DOCS_DIR, '06.txt'), 'utf8'));
      const text = await cli('docs', '--no-default-corpus', '--corpus', tmp.dir);
      assert.match(text.stdout, /\n2 篇讲稿 speeches（另有 2 个重复版本未计/);
      const { stdout } = await cli('docs', '--json', '--no-default-corpus', '--corpus', tmp.dir);
      const list = JSON.parse(stdout) as { source: string; versions: { title: string; source: string; lines: number[] }[] }[];
      const kept = list.find((d) => d.versions.length)!;
      assert.equal(path.basename(kept.source), '读书班总结（定稿）.txt');
      assert.deepEqual(kept.versions.map((v) => path.basename(v.source)).sort(), ['转载.txt', '读书班总结（修改稿）.txt'].sort());
      assert.ok(kept.versions.every((v) => v.lines[0] === 1 && v.lines[1] > 20));
    } finally {
      tmp.dispose();
    }
  });

  it('outline prints one speech by index or title words, indented by level', async () => {
    const byIndex = await cli('outline', '1');
    assert.equal(byIndex.code, 0);
    const lines = byIndex.stdout.split('\n');
    assert.equal(lines[0], '在全市第二批主题教育动员部署工作会议上的主持讲话');
    assert.ok(lines.includes('    8  一、提高政治站位，深刻认识开展主题教育的重大意义'));
    assert.ok(lines.includes('   10    一要通过主题教育感悟真理力量，不断强化思想政治引领'));
    const byTitle = await cli('outline', '公安机关');
    assert.equal(byTitle.code, 0);
    assert.match(byTitle.stdout, /^在公安机关主题教育专题读书班上的党课辅导报告\n党课/);
    const ambiguous = await cli('outline', '汇报');
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /匹配多篇/);
  });
});
