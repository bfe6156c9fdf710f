// The `check` command, run from source through tsx exactly as dist/cli.js runs it.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { runCli as cli } from './cli';
import { tempDir } from '../core/fixtures/corpusFixtures';

describe('cli: check', function () {
  this.timeout(60_000); // every test runs the CLI from source (tsx) and it indexes the sample corpus: seconds each, more on a busy machine
  const tmp = tempDir();
  after(() => tmp.dispose());

  it('prints file:line:column and the corpus wording for each slip, exit 1; --json gives offsets and evidence', async () => {
    const draft = path.join(tmp.dir, '草稿.md');
    writeFileSync(draft, '# 讲话\n\n同志们要做到“两个拥护”。\n要以学增志。\n');
    const text = await cli('check', draft);
    assert.equal(text.code, 1, text.stderr);
    const lines = text.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /草稿\.md:3:5 {2}「做到“两个拥护”」应为「做到“两个维护”」（素材库中 \d+ 篇、\d+ 次/);
    assert.match(lines[1], /草稿\.md:4:2 {2}「以学增志」应为「以学增智」/);
    assert.match(lines[2], /^2 处提法可能有误/);

    const json = await cli('check', draft, '--json');
    assert.equal(json.code, 1);
    const out = JSON.parse(json.stdout) as { speeches: number; issues: { line: number; column: number; start: number; end: number; found: string; expected: string; phrase: { speeches: number } }[] };
    assert.equal(out.speeches, 33);
    assert.deepEqual(out.issues.map((i) => [i.line, i.column, i.found, i.expected]), [
      [3, 5, '做到“两个拥护”', '做到“两个维护”'],
      [4, 2, '以学增志', '以学增智'],
    ]);
    assert.equal('# 讲话\n\n同志们要做到“两个拥护”。'.slice(out.issues[0].start, out.issues[0].end), '做到“两个拥护”');
  });

  it('reads a GBK draft, and exits 0 when nothing is wrong', async () => {
    const draft = path.join(tmp.dir, 'gbk.txt');
    writeFileSync(draft, iconv.encode('要增强“四个意识”、坚定“四个自信”、做到“两个维护”。', 'gbk'));
    const { code, stdout } = await cli('check', draft);
    assert.equal(code, 0);
    assert.match(stdout, /^未发现提法问题/);
  });

  it('says what is wrong with a missing file or missing argument', async () => {
    const missing = await cli('check', path.join(tmp.dir, 'nope.md'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.md: 文件不存在/);
    const none = await cli('check');
    assert.match(none.stderr, /check needs one draft file/);
    const draft = path.join(tmp.dir, 'empty-corpus.md');
    writeFileSync(draft, '做到“两个拥护”');
    const empty = await cli('check', draft, '--no-default-corpus');
    assert.equal(empty.code, 0);
    assert.match(empty.stderr, /素材库为空/);
  });
});
