// Property tests: decoding, cleaning, splitting and outline extraction never throw on arbitrary
// bytes or strings, keep every line offset in range, and give the same output for the same input.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { cleanText, decodeBytes, parseSpeeches, readSpeechFile } from '../../src/core/corpus';
import { extractOutline } from '../../src/core/outline';
import type { Heading } from '../../src/core/types';
import { tempDir } from './fixtures/corpusFixtures';
import { skipReasonText } from '../../src/cli/skipReasons';

/** Fragments that exercise every rule: numbering, titles, salutations, markers, adverts, odd punctuation. */
const FRAGMENTS = [
  '一、', '（一）', '(二)', '1.', '2、', '第一，', '一是', '二要', '同志们：', '尊敬的各位领导：', '在全市会议上的讲话',
  '专题党课：', '情况汇报', '发言完毕，谢谢大家！', '。', '，', ',', ';', ':', '?', '!', '"', "'", '(', ')', '，，',
  '(第3/9页)', '##paidbegin##', '………', '*', '客服', '公众号：', '有意加入请联系：138 1234 5678', '【素材库】',
  '\n', '\n\n', '\n\n\n', '\r\n', '\r', ' ', '\u3000', '\u00a0', '\ufeff', '\u200b', '学习贯彻', 'abc', '123', '#',
  '𠮷', '\ud800', '',
];
const speechLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((parts) => parts.join(''));
const anyText = fc.oneof(speechLike, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }));

function assertOutline(headings: Heading[], lineCount: number): void {
  let lastLevel = 0;
  for (const h of headings) {
    assert.ok(Number.isInteger(h.line) && h.line >= 0 && h.line < lineCount, `line ${h.line} of ${lineCount}`);
    assert.ok(Number.isInteger(h.level) && h.level >= 1, `level ${h.level}`);
    assert.equal(typeof h.text, 'string');
    if (h.point) assert.equal(h.level, lastLevel + 1);
    else lastLevel = h.level;
  }
}

describe('corpus: properties', () => {
  it('decodeBytes returns text or throws a one-line Error, deterministically', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const attempt = () => {
          try {
            return decodeBytes(bytes);
          } catch (err) {
            assert.ok(err instanceof Error && err.message.length > 0 && !err.message.includes('\n'));
            return err.message;
          }
        };
        assert.deepEqual(attempt(), attempt());
      }),
      { numRuns: 1500 },
    );
  });

  it('decodeBytes reads back any text written as UTF-8, UTF-16 LE or BE with a BOM', () => {
    // A leading U+FEFF is a BOM by definition, and control characters mean binary.
    const text = fc
      .string({ unit: 'grapheme', maxLength: 100 })
      .filter((s) => !s.startsWith('\ufeff') && !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(s));
    fc.assert(
      fc.property(text, (s) => {
        assert.equal(decodeBytes(Buffer.from(s, 'utf8')).text, s);
        const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
        assert.equal(decodeBytes(le).text, s);
        const be = Buffer.from(le);
        be.swap16();
        assert.equal(decodeBytes(be).text, s);
      }),
      { numRuns: 500 },
    );
  });

  it('cleanText never throws, never grows a line count, and is deterministic', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const cleaned = cleanText(raw);
        assert.equal(cleanText(raw), cleaned);
        assert.ok(cleaned.split('\n').length <= raw.split(/\r\n|\r|\n/).length);
        assert.ok(!cleaned.includes('##paidbegin##'));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseSpeeches never throws; source lines and headings stay in range; same input, same output', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const docs = parseSpeeches(raw, 'mem.txt');
        assert.deepEqual(parseSpeeches(raw, 'mem.txt'), docs);
        const rawLines = raw.split(/\r\n|\r|\n/).length;
        let lastEnd = -1;
        docs.forEach((d, i) => {
          assert.equal(d.id, `mem.txt#${i}`);
          assert.ok(d.title.length > 0 && d.text.length > 0);
          const [a, b] = d.sourceLines;
          assert.ok(a > lastEnd && a <= b && b < rawLines, `sourceLines ${a}-${b} of ${rawLines}`);
          lastEnd = b;
          assertOutline(d.headings, d.text.split('\n').length);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('extractOutline never throws, keeps lines in range and points under their heading', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const headings = extractOutline(text);
        assert.deepEqual(extractOutline(text), headings);
        assertOutline(headings, text.split(/\r\n|\r|\n/).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('readSpeechFile never throws on arbitrary bytes named .txt, .md or .docx', async () => {
    const tmp = tempDir();
    try {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('.txt', '.md', '.docx'), async (bytes, ext) => {
          const file = path.join(tmp.dir, `f${ext}`);
          writeFileSync(file, bytes);
          const r = await readSpeechFile(file);
          if (r.skipped) {
            assert.equal(r.documents.length, 0);
            const worded = skipReasonText(r.skipped.reason);
            assert.ok(worded.length > 0 && !worded.includes('\n'));
          } else assert.ok(r.documents.length > 0);
        }),
        { numRuns: 300 },
      );
    } finally {
      tmp.dispose();
    }
  });
});
