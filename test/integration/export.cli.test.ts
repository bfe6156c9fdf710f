// The CLI's `export` and `import` (issue 11), run as a user runs them (a child process per call).
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { previewPages } from '../../src/core/export';
import { runCli } from './cli';
import { EVAL_DOCS_DIR, tempDir } from '../core/fixtures/corpusFixtures';

describe('CLI export and import (integration)', function () {
  // Each call starts node with tsx and the engine: a few seconds on a busy 2-core machine.
  this.timeout(60_000);
  const tmp = tempDir();
  const draft = path.join(tmp.dir, '讲话.txt');
  after(() => tmp.dispose());

  before(() => copyFileSync(path.join(EVAL_DOCS_DIR, '05.txt'), draft));

  it('export writes the .docx beside the draft in either format and leaves the draft as it was', async function () {
    const before = readFileSync(draft);
    const gongwen = await runCli('export', draft);
    assert.equal(gongwen.code, 0, gongwen.stderr);
    const expectedPages = previewPages({ text: before.toString('utf8'), markdown: false }, 'gongwen').pages.length;
    assert.match(gongwen.stdout, new RegExp(`讲话\\.docx（公文格式，${expectedPages} 页`));
    const speech = await runCli('export', draft, '--format', 'speech');
    assert.equal(speech.code, 0, speech.stderr);
    assert.ok(existsSync(path.join(tmp.dir, '讲话（讲话稿）.docx')));
    assert.deepEqual(readFileSync(draft), before);
  });

  it('--pages prints the preview’s page count; an existing .docx is kept without --force', async function () {
    const pages = await runCli('export', draft, '--pages', '--format', 'speech');
    const text = readFileSync(draft, 'utf8');
    assert.equal(pages.stdout.trim(), String(previewPages({ text, markdown: false }, 'speech').pages.length));
    const docx = path.join(tmp.dir, '讲话.docx');
    const mtime = statSync(docx).mtimeMs;
    const again = await runCli('export', draft);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    assert.equal(statSync(docx).mtimeMs, mtime);
    assert.equal((await runCli('export', draft, '--force')).code, 0);
  });

  it('import prints the Word file as a Markdown draft; bad input gets a clear message', async function () {
    const imported = await runCli('import', path.join(tmp.dir, '讲话.docx'));
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^# 主题教育读书班总结讲话\n\n今天召开主题教育读书班总结会议。/);
    const bad = await runCli('export', draft, '--format', 'pdf');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--format is gongwen \(公文格式\) or speech \(讲话稿格式\)/);
    const notDocx = await runCli('import', draft);
    assert.notEqual(notDocx.code, 0);
    assert.match(notDocx.stderr, /文件已损坏/);
  });
});
