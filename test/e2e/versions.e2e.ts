// Issue 14 end to end, in a Chinese VS Code: a workspace corpus folder holds one speech saved three
// times (a 定稿 .docx, a 修改稿 .txt with small edits, and the same speech inside a compilation) and
// three speeches in the formats LibreOffice makes from sample text (.doc, .pdf, .html; converted
// once, cached under .cache/e2e/). The 素材库 tree shows the speech once with 「另有 2 个版本」;
// expanding lists the versions and a click opens one at its line; the .doc, .pdf and .html speeches
// are in the tree, and the PDF one opens (pdf.js runs from the installed .vsix); completion's detail
// counts the speech once (篇), where an index of the copies as they are would count them all.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { buildCorpusIndex, indexCorpus, type IndexedCorpus } from '../../src/core/index';
import { suggest } from '../../src/core/suggest';
import type { SpeechDocument } from '../../src/core/types';
import { editedCopy } from '../bench/editedCopies';
import { makeDocx, EVAL_DOCS_DIR } from '../core/fixtures/corpusFixtures';
import { cachedFolder, convert, sofficeVersion, speechDocx } from '../integration/soffice';
import { recordMetrics, VsCodeSession, type TreeRow } from './harness';

const DRAFT = '草稿.md';
const CORPUS = '素材';
const sample = (id: string) => readFileSync(join(EVAL_DOCS_DIR, `${id}.txt`), 'utf8').trim();
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
/** The speech saved three times, the speech compiled with it, and one speech per converted format. */
const SPEECH = sample('06');
const COMPILED_WITH = sample('01');
const CONVERTED: Record<string, string> = { doc: '10', pdf: '15', html: '24' };

/** .doc, .pdf and .html of three sample speeches, made by LibreOffice once per machine (cached by their text). */
async function convertedFiles(): Promise<Record<string, Buffer>> {
  if (!sofficeVersion()) throw new Error('soffice is missing: run `bash scripts/setup-system.sh` (Debian libreoffice-writer-nogui)');
  const key = JSON.stringify({ v: 1, CONVERTED, texts: Object.values(CONVERTED).map(sample) });
  const dir = await cachedFolder('e2e/versions', key, async (out) => {
    for (const [format, id] of Object.entries(CONVERTED)) {
      const docx = join(out, `s${id}.docx`);
      writeFileSync(docx, await speechDocx(lines(sample(id))));
      await convert([docx], format, out);
    }
  });
  return Object.fromEntries(Object.entries(CONVERTED).map(([format, id]) => [`${CORPUS}/${format === 'doc' ? '党课' : format === 'pdf' ? '研讨发言' : '网页'}.${format}`, readFileSync(join(dir, `s${id}.${format}`))]));
}

describe('one speech saved three times, and .doc/.pdf/.html speeches, in a real VS Code (zh-cn)', function () {
  let vscode: VsCodeSession;
  /** What the extension must show: the engine's own reading of the workspace's corpus folder. */
  let expected: IndexedCorpus;
  let kept: SpeechDocument;
  const timings: Record<string, number> = {};
  const runStarted = Date.now();

  before(async function () {
    const files: Record<string, string | Buffer> = {
      [DRAFT]: '# 草稿\n\n',
      '.vscode/settings.json': JSON.stringify({ 'speechDrafter.corpus.paths': [CORPUS] }, null, 2),
      [`${CORPUS}/读书班推进讲话（定稿）.docx`]: await makeDocx(lines(SPEECH)),
      [`${CORPUS}/读书班推进讲话（修改稿）.txt`]: editedCopy(SPEECH, sample('09'), 7),
      // The speech second in the compilation: its version starts below the first speech.
      [`${CORPUS}/讲话汇编.txt`]: `${COMPILED_WITH}\n\n${SPEECH}\n`,
      ...(await convertedFiles()),
    };
    vscode = await VsCodeSession.start({ files, settings: { 'speechDrafter.corpus.includeSample': false }, locale: 'zh-cn', viewport: { width: 1400, height: 1000 } });
    Object.assign(timings, vscode.timings);
    expected = await indexCorpus([join(vscode.workspace, CORPUS)]);
    kept = expected.documents.find((d) => d.versions?.length)!;
    assert.ok(kept, 'the engine folds the three copies');
    assert.equal(expected.skipped.length, 0, JSON.stringify(expected.skipped));
  });

  after(async function () {
    if (!vscode) return;
    await vscode.closeAfterSuite(this);
    recordMetrics({ versions: { ...timings, scenarioTotalMs: Date.now() - runStarted } });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await vscode.screenshot(`versions-failed-${this.currentTest.title.slice(0, 24).replace(/[^\p{L}\p{N}]+/gu, '-')}`);
    for (let i = 0; i < 2; i++) await vscode.page.keyboard.press('Escape');
  });

  const tree = () => vscode.sideBarTree();
  const row = (level: number, text: string | RegExp) => tree().locator(`.monaco-list-row[aria-level="${level}"]`, { hasText: text }).first();
  async function expand(r: ReturnType<typeof row>): Promise<void> {
    if ((await r.getAttribute('aria-expanded')) === 'false') await r.locator('.monaco-tl-twistie').click();
    await tree().locator(`.monaco-list-row[aria-expanded="true"]`, { hasText: (await r.locator('.label-name').innerText()).trim() }).first().waitFor();
  }

  it('counts the speech once: the status bar shows the distinct speeches (the copies are not speeches)', async function () {
    const t = Date.now();
    await vscode.openFile(DRAFT);
    const ready = await vscode.corpusReady();
    timings.openToIndexReadyMs = Date.now() - t;
    // 定稿 + 修改稿 + compilation (two speeches) + .doc + .pdf + .html: seven speeches read, five distinct.
    assert.equal(expected.documents.length, 5);
    assert.equal(ready.speeches, expected.documents.length);
  });

  it('the tree shows the speech once with 「另有 2 个版本」, and the .doc, .pdf and .html speeches', async function () {
    await vscode.activityBarItem('讲稿助手').click();
    await row(2, kept.title).waitFor({ timeout: 30_000 });
    await vscode.widenSideBar(620);
    const speeches = (await vscode.allTreeRows()).filter((r: TreeRow) => r.level === 2);
    assert.deepEqual(speeches.map((r) => r.label).sort(), expected.documents.map((d) => d.title).sort());
    const shown = speeches.find((r) => r.label === kept.title)!;
    assert.match(shown.description, /^[\d,]+ 字 · 读书班推进讲话（定稿）\.docx · 另有 2 个版本$/);
    for (const name of ['党课.doc', '研讨发言.pdf', '网页.html']) assert.ok(speeches.some((r) => r.description.endsWith(` · ${name}`)), `${name}: ${speeches.map((r) => r.description).join(' | ')}`);
    assert.equal(speeches.filter((r) => r.label === kept.title).length, 1, 'the speech is listed once');
  });

  it('expanding lists the versions with where each is; a click opens the compilation at the speech’s line', async function () {
    const speechRow = row(2, kept.title);
    await expand(speechRow);
    const versionsRow = row(3, '另有 2 个版本');
    await expand(versionsRow);
    const rows = (await vscode.visibleTreeRows()).filter((r) => r.level === 4);
    const inCompilation = kept.versions!.find((v) => v.source.endsWith('讲话汇编.txt'))!;
    assert.ok(inCompilation.sourceLines[0] > 0, 'the speech stands below the first one in the compilation');
    assert.deepEqual(
      rows.map((r) => `${r.label} | ${r.description}`).sort(),
      kept.versions!.map((v) => `${v.title} | ${v.source.split('/').pop()} 第 ${v.sourceLines[0] + 1}–${v.sourceLines[1] + 1} 行`).sort(),
    );
    await vscode.page.mouse.move(1000, 700);
    await vscode.screenshot('versions-tree');
    await row(4, '讲话汇编.txt').click();
    await vscode.page.locator('.tabs-container .tab.active[aria-label^="讲话汇编.txt"]').waitFor({ timeout: 15_000 });
    await vscode.waitForCursorStatus(`Ln ${inCompilation.sourceLines[0] + 1}, Col 1`);
    await vscode.page.locator('.editor-instance .view-lines', { hasText: kept.title }).first().waitFor();
    await vscode.screenshot('versions-opened-in-compilation');
  });

  it('a click on the PDF speech opens its text, read by pdf.js inside the installed extension', async function () {
    const pdf = expected.documents.find((d) => d.source.endsWith('.pdf'))!;
    const pdfRow = tree().locator('.monaco-list-row[aria-level="2"]', { hasText: '研讨发言.pdf' }).first();
    await pdfRow.scrollIntoViewIfNeeded();
    await pdfRow.locator('.label-name').click();
    await vscode.page.locator(`.tabs-container .tab.active[aria-label^="${pdf.title}"]`).waitFor({ timeout: 15_000 });
    const line = pdf.text.split('\n').find((l) => l.length > 20)!.slice(0, 12);
    await vscode.page.locator('.editor-instance .view-lines', { hasText: line }).first().waitFor({ timeout: 10_000 });
    await vscode.screenshot('versions-pdf-speech');
  });

  it('completion’s detail counts the speech once (篇), where an index of the copies as they are would count them too', async function () {
    const raw = buildCorpusIndex((await loadCorpus([join(vscode.workspace, CORPUS)])).documents);
    const choice = pickPrefix(expected, raw);
    assert.ok(choice, 'a phrase of the speech that another speech uses too');
    await vscode.page.locator('.tabs-container .tab', { hasText: DRAFT }).first().click();
    await vscode.page.locator('.editor-instance .monaco-editor.focused').waitFor();
    await vscode.page.keyboard.press('Control+End');
    await vscode.typeText(choice.prefix);
    const labels = await vscode.suggestions(30_000);
    assert.equal(labels[0], choice.insert, `suggestions for ${choice.prefix}: ${JSON.stringify(labels)}`);
    // The row shows the item's kind (its label's description); the detail is in the details pane, which Ctrl+Space opens.
    await vscode.page.keyboard.press('Control+Space');
    const detail = vscode.page.locator('.suggest-details-container .suggest-details .header .type');
    await detail.filter({ hasText: '篇' }).waitFor({ timeout: 10_000 });
    const text = (await detail.innerText()).trim();
    console.log(`      ${choice.prefix} → ${choice.insert}: 「${text}」 (over the copies as they are: ${choice.rawSpeeches} 篇)`);
    assert.match(text, new RegExp(`· ${choice.speeches} 篇 ·`));
    await vscode.screenshot('versions-completion-detail');
    await vscode.page.keyboard.press('Escape');
  });
});

/**
 * A prefix of a phrase of the kept speech whose first suggestion (as the extension ranks them) is
 * backed by the kept speech and another one, and whose count over the copies as they are is higher.
 */
function pickPrefix(deduped: IndexedCorpus, raw: ReturnType<typeof buildCorpusIndex>): { prefix: string; insert: string; speeches: number; rawSpeeches: number } | undefined {
  const index = deduped.index!;
  for (const phrase of index.mined.phrases) {
    if (phrase.docs < 2 || phrase.text.length < 6 || !/^\p{Script=Han}{3}/u.test(phrase.text)) continue;
    for (const k of [3, 4, 5]) {
      const prefix = phrase.text.slice(0, k);
      const first = suggest(index, prefix)[0];
      if (!first || first.speeches < 2) continue;
      const rawItem = suggest(raw, prefix).find((i) => i.insert === first.insert);
      if (rawItem && rawItem.speeches > first.speeches) return { prefix, insert: first.insert, speeches: first.speeches, rawSpeeches: rawItem.speeches };
    }
  }
  return undefined;
}
