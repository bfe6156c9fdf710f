// Issue 12 end to end, as a new user meets it: `npm start`'s address (the sample draft open, the
// display language zh-cn), 搜索素材库 returning passages with their title and heading path, 相关素材
// following the paragraph being written, 常用提法 ranking formulations and inserting a quotation with
// its attribution, a speech read word-wrapped, and 插入提纲 in the draft's ## heading style. Each
// insertion is checked in the saved file; what the engine returns is computed here from the same
// bundled corpus, so the assertions name exact passages.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { buildCorpusIndex, type CorpusIndex } from '../../src/core/index';
import { PhraseCatalog } from '../../src/core/phrases/phraseGroups';
import { relatedPassages, searchCorpus, showPlaceholders } from '../../src/core/search';
import { sampleDraft, sampleDraftName } from '../../scripts/sample-draft.mjs';
import { recordMetrics, VsCodeSession } from './harness';

const DRAFT = sampleDraftName;
const PARAGRAPH = '要大兴调查研究之风，深入基层察实情、出实招，推动调研成果转化运用，切实解决群众急难愁盼问题。';

describe('material a writer can use, in a real VS Code in Chinese (code-server 4.100.3, VS Code 1.100.3)', function () {
  let vscode: VsCodeSession;
  let index: CorpusIndex;
  const timings: Record<string, number> = {};

  before(async function () {
    const { documents } = await loadCorpus([path.join(__dirname, '..', '..', 'media', 'corpus')]);
    index = buildCorpusIndex(documents);
    // As `npm start` serves it: the sample draft, opened by the address, in a zh-cn VS Code.
    vscode = await VsCodeSession.start({ locale: 'zh-cn', openFile: DRAFT, viewport: { width: 1400, height: 1000 } });
    Object.assign(timings, vscode.timings);
  });

  after(async function () {
    if (!vscode) return;
    await vscode.closeAfterSuite(this);
    recordMetrics({ material: timings });
  });

  const page = () => vscode.page;
  const quickPickRow = (text: string | RegExp) => page().locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();
  const pane = (name: string) => page().locator('#workbench\\.parts\\.sidebar .pane', { has: page().locator('.pane-header', { hasText: name }) });
  const saved = (ok: (text: string) => boolean) => vscode.saveAndRead(DRAFT, ok);

  /** Opens or closes a pane of the 讲稿助手 side bar by its header. */
  async function setPane(name: string, open: boolean): Promise<void> {
    const header = pane(name).locator('.pane-header');
    if (((await header.getAttribute('aria-expanded')) === 'true') !== open) await header.click();
  }


  /** Back to the draft's editor, cursor at the end. */
  async function toDraftEnd(): Promise<void> {
    await page().locator(`.tabs-container .tab[aria-label^="${DRAFT}"]`).click();
    await page().locator(`.tabs-container .tab.active[aria-label^="${DRAFT}"]`).waitFor();
    await page().locator('.editor-instance .monaco-editor.focused').waitFor();
    await page().keyboard.press('Control+End');
  }

  it('opens the sample draft from npm start’s address, and the extension speaks Chinese', async function () {
    await page().locator(`.tabs-container .tab.active[aria-label^="${DRAFT}"]`).waitFor({ timeout: 30_000 });
    assert.equal(vscode.readFile(DRAFT), sampleDraft);
    const t = Date.now();
    const { speeches } = await vscode.corpusReady();
    timings.corpusReadyMs = Date.now() - t;
    assert.equal(speeches, 33);
    await vscode.statusBarItem(/\d+ 字 · /).waitFor();
    await vscode.activityBarItem('讲稿助手').click();
    for (const name of ['素材库', '相关素材', '常用提法']) await pane(name).locator('.pane-header').waitFor();
    await vscode.screenshot('issue12-first-run');
  });

  it('搜索素材库 lists passages with title and heading path; Enter inserts one, its button opens it in its speech, more come on demand', async function () {
    const hits = searchCorpus(index.search, '调查研究', { limit: 10 });
    const first = hits[0];
    const placed = hits.find((h) => h.headingPath.length > 0)!;
    assert.ok(placed, 'a hit among the first ten sits under a heading');
    await toDraftEnd();
    await page().keyboard.press('Enter');
    const before = vscode.readFile(DRAFT);
    await vscode.runCommandOpen('讲稿助手: 搜索素材库');
    await page().keyboard.insertText('调查研究');
    const row = quickPickRow('【调\u200b查研究】');
    await row.waitFor({ timeout: 30_000 });
    // Each row: an excerpt with the matches marked, then title › heading path and what it is.
    const rowText = await row.innerText();
    assert.ok(rowText.includes(first.title), rowText);
    await quickPickRow(`${placed.title} › ${placed.headingPath.join(' › ')}`).waitFor();
    assert.match(rowText, /段落，[\d,]+ 字|句子/);
    assert.doesNotMatch(rowText, /\*\*/, 'placeholders read 某');
    await vscode.screenshot('issue12-search');
    await page().keyboard.press('Enter');
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const expected = showPlaceholders(first.text).text;
    const text = await saved((t) => t === `${before}\n${expected}`);
    assert.equal(text, `${before}\n${expected}`, 'the whole passage, at the cursor');

    // The row's button opens the passage in its speech.
    await vscode.runCommandOpen('讲稿助手: 搜索素材库');
    await page().keyboard.insertText('调查研究');
    await row.waitFor({ timeout: 30_000 });
    await row.hover();
    await row.locator('.action-label').first().click();
    await page().locator('.tabs-container .tab.active', { hasText: first.title }).waitFor({ timeout: 15_000 });
    await vscode.screenshot('issue12-search-opened');

    // 50 at first, then 50 more on demand.
    await vscode.runCommandOpen('讲稿助手: 搜索素材库');
    await page().keyboard.insertText('发展');
    await quickPickRow('【发\u200b展】').waitFor({ timeout: 30_000 });
    // The list is virtual: page down through it until its last row, 更多结果…, is the active one.
    const more = page().locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: '更多结果…' });
    for (let i = 0; i < 20 && !(await more.isVisible()); i++) await page().keyboard.press('PageDown');
    await more.waitFor({ timeout: 5_000 });
    await page().keyboard.press('Enter');
    // The first of the new rows becomes the active one (and is scrolled into view).
    const next = page().locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-posinset="51"]');
    await next.waitFor({ timeout: 15_000 });
    const setSize = Number(await next.getAttribute('aria-setsize'));
    assert.ok(setSize > 50, `${setSize} rows after 更多结果`);
    await page().keyboard.press('Escape');
  });

  it('相关素材 follows the paragraph being written, and a click inserts a passage after it', async function () {
    await setPane('素材库', false);
    await setPane('常用提法', false);
    await setPane('相关素材', true);
    await toDraftEnd();
    await page().keyboard.press('Enter');
    await page().keyboard.press('Enter');
    const t = Date.now();
    await vscode.typeText(PARAGRAPH);
    const expected = relatedPassages(index.search, PARAGRAPH, { top: 20 });
    const firstLabel = showPlaceholders(expected[0].text).text.slice(0, 20);
    const related = pane('相关素材');
    const firstRow = related.locator('.monaco-list-row').first();
    await firstRow.filter({ hasText: firstLabel }).waitFor({ timeout: 30_000 });
    timings.relatedFollowsMs = Date.now() - t;
    await related.locator('.message', { hasText: '与段落“要大兴调查研究之风' }).waitFor();
    // Wide enough for each row's title and heading path to show beside the passage.
    await vscode.widenSideBar(760);
    assert.match(await firstRow.innerText(), new RegExp(expected[0].title.slice(0, 10)));
    await vscode.screenshot('issue12-related');

    const before = await saved((text) => text.includes(PARAGRAPH));
    await firstRow.click();
    const passage = showPlaceholders(expected[0].text).text;
    const after = await saved((text) => text.includes(passage));
    assert.ok(after.endsWith(`${PARAGRAPH}\n\n${passage}`), 'a paragraph of its own after the one being written');
    assert.equal(after.slice(0, before.length), before);
    await vscode.screenshot('issue12-related-inserted');
  });

  it('常用提法 lists the corpus’s own formulations first, counts 篇 and 次, and inserts a quotation with its attribution', async function () {
    await setPane('相关素材', false);
    await setPane('常用提法', true);
    const phrases = pane('常用提法');
    const catalog = new PhraseCatalog(index.mined).groups();
    const formulations = catalog.find((g) => g.kind === 'formulation')!.matches.map((m) => m.entry);
    const groupRow = phrases.locator('.monaco-list-row[aria-level="1"]', { hasText: '常用提法' });
    await groupRow.waitFor({ timeout: 30_000 });
    await groupRow.click();
    const top = phrases.locator('.monaco-list-row[aria-level="2"]').first();
    await top.filter({ hasText: formulations[0].text }).waitFor();
    assert.match(await top.locator('.label-description').innerText(), /^\d+ 篇 · \d+ 次$/);
    const shown = await phrases.locator('.monaco-list-row[aria-level="2"] .label-name').allInnerTexts();
    for (const everyday of ['解决问题', '结合起来', '始终保持', '社会主义']) assert.ok(!shown.includes(everyday), `${everyday} is not among the first rows`);
    await vscode.screenshot('issue12-phrases');
    await groupRow.click();

    // A quotation of 习近平总书记: a click inserts it with its attribution and marks.
    const quote = catalog.find((g) => g.kind === 'quotation')!.matches.map((m) => m.entry).find((e) => e.speaker === '习近平总书记')!;
    const quoteGroup = phrases.locator('.monaco-list-row[aria-level="1"]', { hasText: '引语' });
    await quoteGroup.click();
    await toDraftEnd();
    await page().keyboard.press('Enter');
    const before = await saved((text) => text.endsWith('\n'));
    const quoteRow = phrases.locator('.monaco-list-row[aria-level="2"]', { hasText: quote.text.slice(0, 12) }).first();
    await quoteRow.click();
    const expected = `${quote.attribution}：“${quote.text}”`;
    assert.equal(await saved((text) => text === before + expected), before + expected);
    await vscode.screenshot('issue12-phrases-quotation');
    await quoteGroup.click();
  });

  it('插入提纲 writes its headings in the draft’s style (## 一、)', async function () {
    await toDraftEnd();
    await page().keyboard.press('Enter');
    await vscode.runCommandOpen('讲稿助手: 插入提纲');
    await vscode.pickQuickItem('讲话三段式');
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const text = await saved((t) => t.includes('扎实推进……'));
    await page().keyboard.press('Escape');
    assert.match(text, /\n## 一、提高政治站位，深刻认识……的重大意义\n\n（一）……。……\n/);
    assert.match(text, /\n## 二、突出工作重点，扎实推进……\n/);
    await vscode.screenshot('issue12-outline-headings');
  });

  it('opens a speech of the corpus word-wrapped, still read-only', async function () {
    await setPane('常用提法', false);
    await setPane('素材库', true);
    const speech = vscode.sideBarTree().locator('.monaco-list-row[aria-level="2"]').first();
    await speech.waitFor({ timeout: 30_000 });
    // The row says how long it is and that it comes from the sample, in Chinese.
    assert.match(await speech.locator('.label-description').innerText(), /^[\d,]+ 字 · 示例素材$/);
    await speech.locator('.label-name').click();
    const editor = page().locator('.editor-instance .monaco-editor').first();
    await page().locator('.tabs-container .tab.active', { hasText: '.txt' }).waitFor({ timeout: 15_000 });
    // Wrapped: more screen lines than numbered lines (each long paragraph takes several).
    await vscode.waitForWordWrap();
    await editor.locator('.view-lines').click();
    await page().keyboard.insertText('改');
    await page().locator('.monaco-editor-overlaymessage', { hasText: /只读|read-?only/i }).waitFor({ timeout: 5_000 });
    assert.equal(await page().locator('.tabs-container .tab.active.dirty').count(), 0);
    await vscode.screenshot('issue12-speech-wrapped');
  });
});
