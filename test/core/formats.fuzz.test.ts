// Mutation fuzzing of every format's reader: a valid small file of each format (built in memory) is
// cut, overwritten, spliced or padded at generated places, then read. Whatever the bytes, a read
// gives speeches or exactly one skip reason worded on one line, never throws, never hangs (the
// stall limit is short here), and gives the same result twice; an RTF read slice by slice gives
// what it gives read whole.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { readSpeechFile } from '../../src/core/corpus';
import { skipReasonText } from '../../src/cli/skipReasons';
import { makeDocx, memoryFile } from './fixtures/corpusFixtures';
import { makeMht, makeOdt, savedPage, textPdf } from './fixtures/formatFixtures';

const LINES = ['在全县作风建设大会上的讲话', '同志们：', '今天我们召开大会，主要任务是动员全县上下进一步转变作风。', '一、提高政治站位', '谢谢大家！'];
const gbkEscaped = (text: string) => [...iconv.encode(text, 'gbk')].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\'${b.toString(16)}`)).join('');
const RTF = Buffer.from(
  `{\\rtf1\\ansi\\ansicpg936\\uc1{\\fonttbl{\\f0\\fcharset134 x;}}{\\header h\\par}\\f0 ${LINES.map((l, i) => (i % 2 ? gbkEscaped(l) : [...l].map((c) => `\\u${c.charCodeAt(0) - (c.charCodeAt(0) > 0x7fff ? 0x10000 : 0)}?`).join(''))).join('\\par\n')}{\\*\\annotation a}\\bin3 {{}\\par}`,
  'latin1',
);

let seeds: Record<string, Buffer>;
let runs = 0;

/** A mutation of `seed`: cut short, bytes overwritten, a piece spliced in twice, or junk appended. */
const mutated = (seed: Buffer) =>
  fc.oneof(
    fc.nat({ max: seed.length }).map((at) => seed.subarray(0, at)),
    fc.array(fc.tuple(fc.nat({ max: seed.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
      const out = Buffer.from(seed);
      for (const [at, value] of edits) out[at] = value;
      return out;
    }),
    fc.tuple(fc.nat({ max: seed.length }), fc.nat({ max: seed.length }), fc.nat({ max: 64 })).map(([at, from, length]) => Buffer.concat([seed.subarray(0, at), seed.subarray(from, from + length), seed.subarray(at)])),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((junk) => Buffer.concat([seed, junk])),
  );

describe('fuzz: every format reader on mutated files', function () {
  // The first PDF loads pdf.js; a few hundred reads of small files follow.
  this.timeout(60_000);

  before(async () => {
    seeds = {
      '.docx': await makeDocx(LINES),
      '.odt': await makeOdt(LINES.map((l) => `<text:p>${l}</text:p>`).join('')),
      '.rtf': RTF,
      '.html': iconv.encode(savedPage(LINES[0], LINES.slice(1), 'gb2312'), 'gbk'),
      '.mht': makeMht(iconv.encode(savedPage(LINES[0], LINES.slice(1), 'gb2312'), 'gbk'), 'gb2312'),
      '.pdf': textPdf([[[72, 700, 'Speech on work style'], [72, 680, 'Comrades, today we meet.']], [[72, 700, 'Thank you.']]]),
      // Word's "save as RTF" under a .doc name, and a page under a .wps name: read by content.
      '.doc': RTF,
      '.wps': iconv.encode(savedPage(LINES[0], LINES.slice(1), 'gb2312'), 'gbk'),
    };
  });

  after(() => console.log(`\n  formats.fuzz.test.ts: ${runs} mutated files`));

  for (const ext of ['.docx', '.odt', '.rtf', '.html', '.mht', '.pdf', '.doc', '.wps']) {
    it(`${ext}: speeches or one skip line, the same twice`, async () => {
      const seed = seeds[ext];
      const unmutated = await readSpeechFile(`/mem/seed${ext}`, { openFile: memoryFile(seed) });
      assert.equal(unmutated.skipped, undefined, `the seed reads: ${JSON.stringify(unmutated.skipped)}`);
      const numRuns = ext === '.pdf' ? 60 : 150;
      await fc.assert(
        fc.asyncProperty(mutated(seed), fc.integer({ min: 16, max: 256 }), async (bytes, sliceBytes) => {
          const read = () => readSpeechFile(`/mem/x${ext}`, { openFile: memoryFile(bytes), stallTimeoutMs: 5000 });
          const r = await read();
          assert.deepEqual(await read(), r);
          if (r.skipped) {
            assert.equal(r.documents.length, 0);
            const worded = skipReasonText(r.skipped.reason);
            assert.ok(worded.length > 0 && !/[\r\n]/.test(worded), worded);
            // A memory file has no I/O errors: an ioError here is a reader's own exception escaping as one.
            assert.ok(!['stalled', 'ioError'].includes(r.skipped.reason.code), JSON.stringify(r.skipped.reason));
          }
          if (ext === '.rtf') assert.deepEqual(await readSpeechFile(`/mem/x${ext}`, { openFile: memoryFile(bytes), sliceBytes }), r);
        }),
        { numRuns },
      );
      runs += numRuns;
    });
  }
});
