// The size limit of a corpus file: one line saying the size, the limit and how to raise it (the
// setting speechDrafter.corpus.maxFileMB, the CLI's --max-file-mb); a raised or lowered limit takes
// effect through the index cache too (a file skipped as too large is not kept skipped by the cache).
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCorpus, MAX_FILE_MB, sizeLimitReason } from '../../src/core/corpus';
import { skipReasonText } from '../../src/cli/skipReasons';
import { indexCorpus } from '../../src/core/index';
import type { SpeechDocument } from '../../src/core/types';
import { CORPUS_DIR, hashTree, tempDir } from '../core/fixtures/corpusFixtures';
import { runCli } from './cli';

const KB = 1024;
const MB = 1024 * KB;
const ONE_SPEECH = readFileSync(path.join(CORPUS_DIR, '001_043815fb607ac4ae.txt'), 'utf8');
const RAISE = /调高上限：设置 speechDrafter\.corpus\.maxFileMB，或命令行 --max-file-mb N/;

/** A file of real speeches of at least `bytes`: the sample speech repeated, each copy its own speech. */
function speechesOfSize(file: string, bytes: number): number {
  const copies = Math.ceil(bytes / Buffer.byteLength(ONE_SPEECH)) + 1;
  writeFileSync(file, Array.from({ length: copies }, () => ONE_SPEECH.trimEnd()).join('\n\n'));
  return copies;
}

describe('corpus file size limit', function () {
  this.timeout(60_000); // sparse files of tens of MB, the index cache, and the CLI run from source

  it('says the size, the limit and how to raise it, on one line', () => {
    const reason = sizeLimitReason('/x/大文件.txt', 300 * MB)!;
    assert.deepEqual(reason, { code: 'tooLarge', bytes: 300 * MB, limitBytes: 256 * MB, fixedLimit: false });
    assert.equal(skipReasonText(reason), '文件过大（300 MB，上限 256 MB）；调高上限：设置 speechDrafter.corpus.maxFileMB，或命令行 --max-file-mb N（file too large）');
    assert.equal(sizeLimitReason('/x/a.md', 256 * MB), undefined, 'the limit itself is allowed');
    assert.match(skipReasonText(sizeLimitReason('/x/a.md', 2 * MB, 1.5 * MB)!), /上限 1\.5 MB）；调高上限/);
    // A .docx is read whole: beyond 64 MB no setting helps, and the line doesn't pretend one does.
    const docx = skipReasonText(sizeLimitReason('/x/a.DOCX', 65 * MB, 1024 * MB)!);
    assert.match(docx, /^文件过大（65 MB，上限 64 MB，不可调高）/);
    assert.doesNotMatch(docx, /maxFileMB|--max-file-mb/);
    assert.match(skipReasonText(sizeLimitReason('/x/a.docx', 2 * MB, 1 * MB)!), RAISE, 'under its own cap a .docx follows the setting');
    assert.deepEqual(MAX_FILE_MB, { min: 1, default: 256, max: 1024 });
  });

  it('loadCorpus skips a file over maxFileBytes with that line, and reads it under a larger limit', async () => {
    const tmp = tempDir();
    try {
      speechesOfSize(path.join(tmp.dir, 'big.txt'), 100 * KB);
      writeFileSync(path.join(tmp.dir, 'small.txt'), ONE_SPEECH);
      // A sparse 65 MB .docx: over the .docx cap whatever the setting.
      writeFileSync(path.join(tmp.dir, 'sparse.docx'), '');
      truncateSync(path.join(tmp.dir, 'sparse.docx'), 65 * MB);
      const before = hashTree(tmp.dir);
      const small = await loadCorpus([tmp.dir], { maxFileBytes: 64 * KB });
      const reasons = Object.fromEntries(small.skipped.map((s) => [path.basename(s.path), skipReasonText(s.reason)]));
      assert.deepEqual(Object.keys(reasons).sort(), ['big.txt', 'sparse.docx']);
      assert.match(reasons['big.txt'], /^文件过大（0\.1 MB，上限 0\.1 MB）；/);
      assert.match(reasons['big.txt'], RAISE);
      assert.match(reasons['sparse.docx'], RAISE, 'under its 64 MB cap a .docx follows the limit');
      assert.ok(small.documents.every((d) => path.basename(d.source) === 'small.txt'));

      const large = await loadCorpus([tmp.dir], { maxFileBytes: 1 * MB });
      assert.deepEqual(large.skipped.map((s) => path.basename(s.path)), ['sparse.docx']);
      assert.match(skipReasonText(large.skipped[0].reason), RAISE);
      const defaults = await loadCorpus([path.join(tmp.dir, 'sparse.docx')]);
      assert.deepEqual(defaults.skipped[0].reason, { code: 'tooLarge', bytes: 65 * MB, limitBytes: 64 * MB, fixedLimit: true });
      assert.ok(large.documents.filter((d) => path.basename(d.source) === 'big.txt').length >= 5);
      assert.deepEqual(hashTree(tmp.dir), before);
    } finally {
      tmp.dispose();
    }
  });

  it('the index cache follows a raised and a lowered limit (the skip line names the limit of the day)', async () => {
    const tmp = tempDir();
    try {
      const corpus = path.join(tmp.dir, 'corpus');
      const storageDir = path.join(tmp.dir, 'storage');
      mkdirSync(corpus);
      speechesOfSize(path.join(corpus, 'big.txt'), 300 * KB);
      writeFileSync(path.join(corpus, 'small.txt'), ONE_SPEECH);
      const bigSize = statSync(path.join(corpus, 'big.txt')).size;
      const run = (maxFileBytes: number) => indexCorpus([corpus], { storageDir, identity: { build: 'test' }, maxFileBytes });
      // big.txt is one speech many times over, small.txt once more: the index holds it once, the copies as its versions.
      const bigSpeeches = (r: { documents: SpeechDocument[] }) => r.documents.flatMap((d) => [d, ...(d.versions ?? [])]).filter((d) => path.basename(d.source) === 'big.txt').length;

      const first = await run(200 * KB);
      assert.equal(first.origin, 'rebuilt');
      assert.deepEqual(first.skipped.map((s) => [path.basename(s.path), s.reason]), [['big.txt', sizeLimitReason('big.txt', bigSize, 200 * KB)]]);
      assert.equal(bigSpeeches(first), 0);

      const raised = await run(400 * KB);
      assert.equal(raised.origin, 'incremental', 'only the file the new limit lets in is read');
      assert.deepEqual(raised.reparsedFiles.map((f) => path.basename(f)), ['big.txt']);
      assert.deepEqual(raised.skipped, []);
      assert.ok(bigSpeeches(raised) > 10);

      const same = await run(400 * KB);
      assert.equal(same.origin, 'cache');
      assert.equal(bigSpeeches(same), bigSpeeches(raised));

      const lowered = await run(256 * KB);
      assert.equal(lowered.origin, 'incremental');
      assert.deepEqual(lowered.skipped.map((s) => [path.basename(s.path), s.reason]), [['big.txt', sizeLimitReason('big.txt', bigSize, 256 * KB)]]);
      assert.equal(bigSpeeches(lowered), 0);

      // Over another limit still: the cache is used, and the line names today's limit.
      const loweredMore = await run(200 * KB);
      assert.equal(loweredMore.origin, 'cache');
      assert.deepEqual(loweredMore.skipped.map((s) => s.reason), [sizeLimitReason('big.txt', bigSize, 200 * KB)]);
      assert.equal(loweredMore.skipped[0].reason.code === 'tooLarge' && loweredMore.skipped[0].reason.limitBytes, 200 * KB);
    } finally {
      tmp.dispose();
    }
  });

  describe('from the CLI (--max-file-mb, shared by every command that loads a corpus)', () => {
    let tmp: ReturnType<typeof tempDir>;
    let copies = 0;
    before(() => {
      tmp = tempDir();
      copies = speechesOfSize(path.join(tmp.dir, 'big.txt'), 1.2 * MB);
      writeFileSync(path.join(tmp.dir, 'small.txt'), ONE_SPEECH);
    });
    after(() => tmp.dispose());

    it('docs --max-file-mb 1 skips the 1.2 MB file with one line naming the limit and both ways to raise it', async () => {
      const { code, stdout, stderr } = await runCli('docs', '--no-default-corpus', '--corpus', tmp.dir, '--max-file-mb', '1');
      assert.equal(code, 0, stderr);
      assert.match(stdout, /\n1 篇讲稿/);
      assert.equal(stderr, `跳过 skipped: ${path.join(tmp.dir, 'big.txt')}: ${skipReasonText(sizeLimitReason('big.txt', Buffer.byteLength(readFileSync(path.join(tmp.dir, 'big.txt'))), MB)!)}\n`);
      assert.match(stderr, /上限 1 MB）；调高上限：设置 speechDrafter\.corpus\.maxFileMB，或命令行 --max-file-mb N/);

      const raised = await runCli('docs', '--no-default-corpus', '--corpus', tmp.dir, '--max-file-mb', '2');
      assert.equal(raised.code, 0, raised.stderr);
      assert.equal(raised.stderr, '');
      // Read now: its copies of the one speech are counted once, as versions of small.txt's.
      assert.match(raised.stdout, new RegExp(`\\n1 篇讲稿 speeches（另有 ${copies} 个重复版本未计`));
    });

    it('search takes the flag too; a value out of 1–1024 or not a number is an error that says the range', async () => {
      const search = await runCli('search', '同志', '--no-default-corpus', '--corpus', tmp.dir, '--max-file-mb', '1', '--top', '1');
      assert.equal(search.code, 0, search.stderr);
      assert.match(search.stderr, /big\.txt: 文件过大/);
      for (const bad of ['0', '1025', 'abc', '-5']) {
        const r = await runCli('docs', '--no-default-corpus', '--corpus', tmp.dir, '--max-file-mb', bad);
        assert.equal(r.code, 2, `--max-file-mb ${bad} is a usage error`);
        assert.match(r.stderr, bad === '-5' ? /--max-file-mb needs a value|takes megabytes/ : /--max-file-mb takes megabytes from 1 to 1024/);
      }
    });
  });
});
