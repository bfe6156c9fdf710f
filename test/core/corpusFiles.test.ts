// Reading files: encodings, .docx (real, corrupt, zip bombs), hostile folders; nothing is ever written.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { decodeBytes, loadCorpus, readSpeechFile, type SkipError } from '../../src/core/corpus';
import { CORPUS_DIR, hashTree, makeDocx, patchDeclaredSize, tempDir } from './fixtures/corpusFixtures';
import { skipReasonText } from '../../src/cli/skipReasons';

const SAMPLE = path.join(CORPUS_DIR, '001_043815fb607ac4ae.txt');
const sampleText = readFileSync(SAMPLE, 'utf8');

describe('corpus files: encodings', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.dispose());

  const encodings: [string, (s: string) => Buffer, string][] = [
    ['UTF-8 with BOM', (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]), 'utf-8'],
    // GBK has no no-break space (the sample indents a line with one): a plain space stands in.
    ['GBK', (s) => iconv.encode(s.replace(/\u00a0/g, ' '), 'gbk'), 'gb18030'],
    ['GB18030', (s) => iconv.encode(s, 'gb18030'), 'gb18030'],
    ['UTF-16 LE with BOM', (s) => iconv.encode(s, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16 BE with BOM', (s) => iconv.encode(s, 'utf-16be', { addBOM: true }), 'utf-16be'],
  ];

  for (const [name, encode, label] of encodings) {
    it(`a ${name} copy of a sample file loads to the same speech`, async () => {
      const bytes = encode(sampleText);
      assert.equal(decodeBytes(bytes).encoding, label);
      assert.equal(decodeBytes(bytes).text, name === 'GBK' ? sampleText.replace(/\u00a0/g, ' ') : sampleText);
      const file = path.join(tmp.dir, `${name}.txt`);
      writeFileSync(file, bytes);
      const [utf8, copy] = await Promise.all([readSpeechFile(SAMPLE), readSpeechFile(file)]);
      assert.equal(copy.skipped, undefined);
      assert.deepEqual(
        copy.documents.map((d) => [d.title, d.kind, d.text, d.headings, d.sourceLines]),
        utf8.documents.map((d) => [d.title, d.kind, d.text, d.headings, d.sourceLines]),
      );
    });
  }

  it('reads characters outside GBK from GB18030 (four-byte sequences)', () => {
    const text = '在座谈会上的讲话\n𠮷野家与㐀字同在。';
    assert.equal(decodeBytes(iconv.encode(text, 'gb18030')).text, text);
  });

  it('refuses binary data with the reason', () => {
    const reasonOf = (bytes: Buffer) => {
      try {
        decodeBytes(bytes);
      } catch (err) {
        return (err as SkipError).reason;
      }
      assert.fail('decoded');
    };
    assert.deepEqual(reasonOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14])), { code: 'binary', detail: 'nulByte' });
    assert.deepEqual(reasonOf(Buffer.from('\x01\x02\x03\x04\x05 abc \x06\x07')), { code: 'binary', detail: 'controls' });
    assert.deepEqual(reasonOf(Buffer.from([0xff, 0xff, 0xff, 0x80])), { code: 'undecodable' });
  });
});

describe('corpus files: .docx', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.dispose());

  const paragraphs = ['在全县工作会议上的讲话', '', '同志们：', '一、统一思想。今天的会议很重要。', '一是提高认识。', '谢谢大家！'];

  it('loads a real small .docx as one speech, one paragraph per line', async () => {
    const file = path.join(tmp.dir, '讲话 稿 🎤.docx');
    writeFileSync(file, await makeDocx(paragraphs));
    const { documents, skipped } = await readSpeechFile(file);
    assert.equal(skipped, undefined);
    assert.equal(documents.length, 1);
    const [doc] = documents;
    assert.equal(doc.title, '在全县工作会议上的讲话');
    assert.equal(doc.kind, '讲话');
    assert.equal(doc.text, paragraphs.join('\n'));
    assert.deepEqual(
      doc.headings.map((h) => [h.level, h.text, h.line]),
      [
        [1, '一、统一思想', 3],
        [2, '一是提高认识', 4],
      ],
    );
  });

  it('skips a corrupt .docx with a message, and a text file named .docx', async () => {
    const truncated = path.join(tmp.dir, 'truncated.docx');
    writeFileSync(truncated, (await makeDocx(paragraphs)).subarray(0, 300));
    const fake = path.join(tmp.dir, 'fake.docx');
    writeFileSync(fake, '这不是 Word 文件');
    for (const file of [truncated, fake]) {
      const r = await readSpeechFile(file);
      assert.deepEqual(r.documents, []);
      assert.equal(r.skipped?.path, file);
      assert.ok(['corruptArchive', 'wrongFormat'].includes(r.skipped!.reason.code), JSON.stringify(r.skipped));
    }
  });

  it('refuses zip bombs: declared gigabytes, or an entry that inflates beyond what it declares', async () => {
    const docx = await makeDocx(paragraphs);
    const declared = path.join(tmp.dir, 'declared.docx');
    writeFileSync(declared, patchDeclaredSize(docx, 'word/document.xml', 0xfffffff0));
    const lying = path.join(tmp.dir, 'lying.docx');
    writeFileSync(lying, patchDeclaredSize(docx, 'word/document.xml', 16));
    const a = await readSpeechFile(declared);
    assert.equal(a.skipped!.reason.code, 'zipBomb');
    const b = await readSpeechFile(lying);
    assert.deepEqual(b.skipped!.reason, { code: 'corruptArchive', detail: 'inflate', entry: 'word/document.xml' });
  });
});

describe('corpus files: folders', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.dispose());

  it('indexes what it can, skips the rest with one line each, survives loops, and writes nothing', async () => {
    const root = path.join(tmp.dir, '语料 folder');
    mkdirSync(path.join(root, 'b', 'deep'), { recursive: true });
    mkdirSync(path.join(root, '.hidden'));
    mkdirSync(path.join(root, 'node_modules'));
    writeFileSync(path.join(root, 'b', 'deep', 'z.txt'), sampleText);
    writeFileSync(path.join(root, 'a.md'), '# 在读书班上的交流发言\n\n> 同志们：\n一、学习。发言完毕。');
    writeFileSync(path.join(root, '.hidden', 'x.txt'), sampleText);
    writeFileSync(path.join(root, 'node_modules', 'y.txt'), sampleText);
    writeFileSync(path.join(root, 'empty.txt'), '');
    writeFileSync(path.join(root, 'random.txt'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42]));
    writeFileSync(path.join(root, 'big.txt'), Buffer.alloc(70 * 1024, 0x41));
    writeFileSync(path.join(root, 'notes.pdf'), 'not a PDF');
    writeFileSync(path.join(root, 'photo.jpg'), 'not indexed');
    writeFileSync(path.join(root, '~$锁文件.docx'), 'Word lock file');
    symlinkSync(root, path.join(root, 'b', 'loop'));
    symlinkSync(path.join(root, 'missing.txt'), path.join(root, 'dangling.txt'));
    const before = hashTree(root.replace(/语料 folder$/, ''));
    const progress: number[] = [];
    const result = await loadCorpus([root, path.join(tmp.dir, 'nowhere')], {
      maxFileBytes: 64 * 1024,
      onProgress: (p) => progress.push(p.filesDone),
    });
    assert.deepEqual(
      result.documents.map((d) => [path.relative(root, d.source), d.title, d.kind]),
      [
        ['a.md', '在读书班上的交流发言', '研讨发言'],
        ['b/deep/z.txt', '在全市第二批主题教育动员部署工作会议上的主持讲话', '主持词'],
      ],
    );
    const reasons = Object.fromEntries(result.skipped.map((s) => [path.basename(s.path), s.reason]));
    assert.deepEqual(Object.keys(reasons).sort(), ['big.txt', 'dangling.txt', 'empty.txt', 'notes.pdf', 'nowhere', 'random.txt'].sort());
    assert.deepEqual(reasons['notes.pdf'], { code: 'wrongFormat', expected: '.pdf' });
    assert.equal(reasons['big.txt'].code, 'tooLarge');
    assert.equal(reasons['empty.txt'].code, 'emptyFile');
    assert.equal(reasons['random.txt'].code, 'binary');
    assert.deepEqual(reasons['nowhere'], { code: 'sourceUnavailable', cause: { code: 'notFound' } });
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(hashTree(root.replace(/语料 folder$/, '')), before);
  });

  it('loads in the same order every time, and stops between files when cancelled', async () => {
    const a = await loadCorpus([CORPUS_DIR]);
    const b = await loadCorpus([CORPUS_DIR, path.join(CORPUS_DIR, '000_27cb2f5775c69f5c.txt')]);
    assert.deepEqual(
      b.documents.map((d) => d.id),
      a.documents.map((d) => d.id),
      'a file listed twice is read once',
    );
    const token = { isCancellationRequested: false };
    const partial = await loadCorpus([CORPUS_DIR], {
      token,
      onProgress: (p) => {
        if (p.filesDone === 2) token.isCancellationRequested = true;
      },
    });
    assert.equal(partial.cancelled, true);
    assert.equal(partial.documents.length, 2);
    const empty = await loadCorpus(['']);
    assert.deepEqual(empty.documents, [], 'an empty path is not the working directory');
    assert.deepEqual(empty.skipped[0].reason, { code: 'emptyPath' });
  });
});

describe('skip reasons worded', () => {
  it('stay on one line whatever text the file put in them (an entry name with a line break)', () => {
    const reasons = [
      { code: 'corruptArchive', detail: 'inflate', entry: '\nrels/.rels' },
      { code: 'unsupportedCompression', method: 99, entry: 'word/\r\ndocument.xml' },
      { code: 'parseFailed', message: 'line one\nline two' },
      { code: 'brokenLink', cause: { code: 'ioError', message: 'a\u2028b' } },
    ] as const;
    for (const r of reasons) {
      const worded = skipReasonText(r);
      assert.doesNotMatch(worded, /[\r\n\u2028]/, worded);
    }
    assert.match(skipReasonText(reasons[0]), /\\nrels\/\.rels/, 'the control character is shown escaped');
  });
});
