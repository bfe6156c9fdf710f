// The proofreading worker as the extension runs it: the real bundle (built here with esbuild from
// src/proofreadWorker.ts, with jieba's .wasm and dict.txt copied beside it as esbuild.mjs does)
// driven through ProofreadWorker. It loads the lexicon in its thread, gives what this thread gives,
// keeps a paragraph cache per document, and this thread stays responsive while it loads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { BUNDLED_DICTIONARY, loadLexicon } from '../../src/core/lexicon';
import { Proofreader } from '../../src/core/proofread';
import { ProofreadWorker } from '../../src/core/proofread/proofreadWorkerClient';
import { EVAL_DOCS_DIR } from '../core/fixtures/corpusFixtures';

const ROOT = path.join(__dirname, '..', '..');

describe('proofreading worker', function () {
  // Bundling and the worker's first load of the lexicon take a few seconds on this machine.
  this.timeout(60_000);
  let work: string;
  let worker: ProofreadWorker;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-proofread-'));
    await esbuild.build({ entryPoints: [path.join(ROOT, 'src', 'proofreadWorker.ts')], outfile: path.join(work, 'proofreadWorker.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
    fs.copyFileSync(path.join(path.dirname(require.resolve('jieba-wasm')), 'jieba_rs_wasm_bg.wasm'), path.join(work, 'jieba_rs_wasm_bg.wasm'));
    fs.copyFileSync(require.resolve('@node-rs/jieba/dict.txt'), path.join(work, BUNDLED_DICTIONARY));
    worker = new ProofreadWorker(path.join(work, 'proofreadWorker.js'));
  });
  after(() => {
    worker.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('loads the lexicon in its own thread, while this one keeps running, and proofreads as this thread does', async () => {
    const draft = '要切实抓好整改。要切水增强"四个意识"，截止目前已整改30余个,整改率95%。\n一、总体要求\n二、主要任务\n四、保障措施\n';
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const result = await worker.check('a.md', draft, { markdown: true });
    delay.disable();
    assert.ok(result.loadMs !== undefined && result.loadMs > 0, 'the first request loads the lexicon');
    assert.ok(delay.max / 1e6 < 250, `this thread stalled ${(delay.max / 1e6).toFixed(0)} ms while the worker loaded (${result.loadMs!.toFixed(0)} ms)`);
    assert.deepEqual(result.findings, new Proofreader(loadLexicon).proofread(draft, { markdown: true }));
    assert.deepEqual(result.findings.map((f) => f.code).sort(), ['numbering.skipped', 'punctuation.halfWidth', 'punctuation.straightQuotes', 'punctuation.straightQuotes', 'typo.confusion', 'typo.word']);
  });

  it('segments with the bundled jieba-wasm in a worker thread (the .wasm beside the bundle, as in the .vsix)', async () => {
    const entry = path.join(work, 'segmentWorker.js');
    await esbuild.build({
      stdin: { contents: `const { parentPort } = require('node:worker_threads'); const { segment, loadLexicon } = require(${JSON.stringify(path.join(ROOT, 'src', 'core', 'lexicon'))}); parentPort.postMessage({ words: segment('切实增强“四个意识”').map((t) => t.word), count: loadLexicon().wordFrequency('切实') });`, resolveDir: ROOT, loader: 'ts' },
      outfile: entry, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent',
    });
    const thread = new Worker(entry);
    const reply = await new Promise<{ words: string[]; count: number }>((resolve, reject) => thread.once('message', resolve).once('error', reject));
    await thread.terminate();
    assert.equal(reply.words.join(''), '切实增强“四个意识”');
    assert.ok(reply.words.includes('意识') && reply.count === loadLexicon().wordFrequency('切实'), JSON.stringify(reply));
  });

  it('asks the host for the corpus counts of a check in one round trip, and a form the corpus uses is no slip', async () => {
    const asked: string[][] = [];
    let corpus: Map<string, number> | undefined;
    const withCorpus = new ProofreadWorker(path.join(work, 'proofreadWorker.js'), () =>
      corpus ? (strings) => (asked.push([...strings]), strings.map((s) => corpus!.get(s) ?? 0)) : undefined,
    );
    try {
      const draft = '要切实抓好整改。要切水增强"四个意识"。\n要认真落实。';
      // No corpus yet: nothing asked, the slip stands.
      const without = await withCorpus.check('c.txt', draft);
      assert.equal(without.corpusQueries, 0);
      assert.ok(without.findings.some((f) => f.code === 'typo.word' && f.params.found === '切水'));
      // The corpus writes 切水 (say, a place name): one message with every string, and no slip.
      corpus = new Map([['切水', 3]]);
      const withIt = await withCorpus.check('c.txt', draft);
      assert.equal(asked.length, 1);
      assert.ok(asked[0].includes('切水') && withIt.corpusQueries === asked[0].length, JSON.stringify(asked));
      assert.ok(!withIt.findings.some((f) => f.code === 'typo.word'), JSON.stringify(withIt.findings));
      assert.deepEqual(withIt.findings, new Proofreader(loadLexicon).proofread(draft, { corpus: { occurrences: (s) => corpus!.get(s) ?? 0 } }));
    } finally {
      withCorpus.dispose();
    }
  });

  it('re-reads only the changed paragraph of a document, and forgets a closed one', async () => {
    const speech = fs.readFileSync(path.join(EVAL_DOCS_DIR, '05.txt'), 'utf8');
    const first = await worker.check('b.txt', speech);
    assert.ok(first.checkedParagraphs > 5 && first.loadMs === undefined);
    const edited = speech.replace('。', '，要切水增强。');
    const second = await worker.check('b.txt', edited);
    assert.equal(second.checkedParagraphs, 1);
    worker.forget('b.txt');
    const third = await worker.check('b.txt', edited);
    assert.equal(third.checkedParagraphs, first.checkedParagraphs);
    assert.deepEqual(third.findings, second.findings);
  });
});
