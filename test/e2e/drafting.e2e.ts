// Issue 4 end to end: the drafting tools in a real VS Code on one Markdown draft — the status bar's
// 字数 and speaking time, 插入提纲 (a structure and a corpus speech's skeleton), 搜索素材库 (Enter
// inserts, the item button opens the source), and the 常用提法 view (a click inserts at the cursor as
// one undoable edit, the filter, where a phrase occurs). Every insertion is checked in the saved file.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCorpus } from '../../src/core/corpus';
import { countCharacters, markdownVisibleText, speakingMinutes } from '../../src/core/count';
import { SearchTables } from '../../src/core/index';
import { searchCorpus, showPlaceholders, type SearchHit } from '../../src/core/search';
import { recordMetrics, VsCodeSession } from './harness';

/** The engine's first hit for a query on the bundled sample corpus (what the extension searches in these tests). */
async function firstHit(query: string): Promise<SearchHit> {
  const { documents } = await loadCorpus([path.join(__dirname, '..', '..', 'media', 'corpus')]);
  return searchCorpus(SearchTables.build(documents), query, { limit: 1 })[0];
}

const DRAFT = '草稿.md';
const GROUP = '增强“四个意识”、坚定“四个自信”、做到“两个维护”';
const MAO_QUOTE = '与贪污腐化作斗争，是我们共产党人的天职，谁也阻挡不了';

describe('drafting tools in a real VS Code (code-server 4.100.3, VS Code 1.100.3)', function () {
  let vscode: VsCodeSession;
  const timings: Record<string, number> = {};
  const runStarted = Date.now();

  before(async function () {
    vscode = await VsCodeSession.start({ files: { [DRAFT]: '# 草稿\n\n' }, viewport: { width: 1400, height: 900 } });
    Object.assign(timings, vscode.timings);
  });

  after(async function () {
    if (!vscode) return;
    await vscode.closeAfterSuite(this);
    const metrics = { drafting: { ...timings, scenarioTotalMs: Date.now() - runStarted } };
    recordMetrics(metrics);
  });

  const quickPickRow = (text: string | RegExp) => vscode.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();

  /**
   * Saves (Ctrl+S) and returns the draft's text once it satisfies `expected` (or after 10 s).
   * Polled: the tab's dirty mark clears before the file is written, so one read can be stale.
   */
  async function saved(expected: string | RegExp | ((text: string) => boolean)): Promise<string> {
    return vscode.saveAndRead(DRAFT, expected instanceof RegExp ? (text) => expected.test(text) : expected);
  }

  /** What the status bar must say for the draft's text: "N chars · …", counted as the extension counts. */
  function expectedStatus(text: string): { chars: string; time: RegExp } {
    const count = countCharacters(markdownVisibleText(text));
    const minutes = speakingMinutes(count.spoken);
    return { chars: `${count.chars.toLocaleString('en')} chars`, time: minutes < 1 ? /under 1 min/ : new RegExp(`about ${Math.round(minutes)} min`) };
  }

  it('the status bar shows the draft’s 字数 and speaking time as the engine counts them', async function () {
    await vscode.openFile(DRAFT);
    await vscode.page.keyboard.press('Control+End');
    await vscode.typeText('同志们：今天召开会议。');
    const text = await saved('# 草稿\n\n同志们：今天召开会议。');
    const { chars, time } = expectedStatus(text);
    const item = vscode.statusBarItem(chars);
    await item.waitFor({ timeout: 15_000 });
    assert.match(await item.innerText(), time);
    assert.equal(chars, '13 chars', 'the hand count: 草稿 (2) + 同志们：今天召开会议。 (11)');
    await vscode.screenshot('issue4-status-bar');
  });

  it('插入提纲 from the palette → 工作汇报 puts the skeleton in the file', async function () {
    await vscode.page.keyboard.press('Control+End');
    await vscode.page.keyboard.press('Enter');
    const t = Date.now();
    await vscode.runCommandOpen('Insert Outline');
    await quickPickRow('工作汇报').waitFor();
    timings.insertOutlineListMs = Date.now() - t;
    await vscode.screenshot('issue4-insert-outline');
    await vscode.pickQuickItem('工作汇报');
    await vscode.page.locator('.editor-instance .view-lines', { hasText: '主要做法及成效' }).waitFor();
    await vscode.screenshot('issue4-outline-inserted');
    await vscode.page.keyboard.press('Escape');
    const text = await saved(/下一步工作计划/);
    assert.match(text, /^# 草稿\n\n同志们：今天召开会议。\n[\s\S]*一、[^\n]*开展情况[\s\S]*二、主要做法及成效[\s\S]*三、[^\n]*存在[^\n]*问题[\s\S]*四、下一步工作计划/);
  });

  it('搜索素材库 → Enter inserts the passage; a query nothing matches says so', async function () {
    await vscode.page.keyboard.press('Control+End');
    await vscode.page.keyboard.press('Enter');
    const before = vscode.readFile(DRAFT);
    // What the engine ranks first for the same query on the same (bundled) corpus.
    const expected = showPlaceholders((await firstHit('初心 使命 课题')).text).text;
    await vscode.runCommandOpen('Search Corpus');
    const t = Date.now();
    await vscode.page.keyboard.insertText('初心 使命 课题');
    const row = quickPickRow('【课\u200b题】');
    await row.waitFor({ timeout: 30_000 });
    timings.searchFirstHitsMs = Date.now() - t;
    await vscode.screenshot('issue4-search');
    await vscode.page.keyboard.press('Enter');
    await vscode.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await vscode.page.locator('.editor-instance .view-lines', { hasText: expected.slice(0, 8) }).waitFor();
    await vscode.screenshot('issue4-search-inserted');
    assert.equal(await saved(`${before}\n${expected}`), `${before}\n${expected}`);
    assert.match(expected, /初心[\s\S]*使命|使命[\s\S]*初心/);

    await vscode.runCommandOpen('Search Corpus');
    await vscode.page.keyboard.insertText('量子纠缠');
    await quickPickRow('Nothing in the corpus matches “量子纠缠”').waitFor();
    await vscode.screenshot('issue4-search-nomatch');
    await vscode.page.keyboard.press('Escape');
  });

  it('插入提纲 → the structure of a corpus speech inserts its heading skeleton', async function () {
    await vscode.page.keyboard.press('Control+End');
    await vscode.page.keyboard.press('Enter');
    await vscode.runCommandOpen('Insert Outline');
    await vscode.page.keyboard.insertText('structure');
    await vscode.pickQuickItem('Follow the structure');
    const row = quickPickRow('动员部署工作会议上的主持讲话');
    await row.waitFor({ timeout: 30_000 });
    await vscode.screenshot('issue4-outline-from-speech');
    await row.click();
    await vscode.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The skeleton's later lines may lie below the fold: the saved file says it is in.
    const text = await saved(/四、加强组织领导/);
    await vscode.page.keyboard.press('Escape');
    assert.match(text, /一、提高政治站位[\s\S]*一要通过主题教育[\s\S]*四、加强组织领导/);
  });

  it('a search hit’s button opens the source speech at that line', async function () {
    await vscode.runCommandOpen('Search Corpus');
    await vscode.page.keyboard.insertText('守初心担使命');
    const row = quickPickRow('【守\u200b初心担使命】');
    await row.waitFor({ timeout: 30_000 });
    await row.hover();
    await row.locator('.action-label').first().click();
    await vscode.page.locator('.tabs-container .tab.active', { hasText: '市委理论学习中心组集体学习' }).waitFor({ timeout: 15_000 });
    // The line of the hit is selected.
    await vscode.page.locator('.editor-instance .view-lines', { hasText: '守初心担使命' }).waitFor();
    await vscode.screenshot('issue4-search-open-source');
  });

  /** The 常用提法 pane of the side bar. */
  const phrasesPane = () => vscode.page.locator('#workbench\\.parts\\.sidebar .pane', { has: vscode.page.locator('.pane-header', { hasText: '常用提法' }) });
  const phraseRow = (text: string | RegExp) => phrasesPane().locator('.monaco-list-row', { hasText: text }).first();
  let beforePhrases = '';

  it('the 常用提法 view lists 排比, 引语, 常用提法 with counts; a click inserts the phrase at the cursor as one undoable edit', async function () {
    // Back to the draft's tab (the speech opened by the search button hides it).
    await vscode.page.locator(`.tabs-container .tab[aria-label^="${DRAFT}"]`).click();
    await vscode.page.locator(`.tabs-container .tab.active[aria-label^="${DRAFT}"]`).waitFor();
    await vscode.page.locator('.editor-instance .monaco-editor.focused').waitFor();
    const draft = vscode.readFile(DRAFT);
    await vscode.page.keyboard.press('Control+End');
    await vscode.page.keyboard.press('Enter');
    beforePhrases = await saved((text) => text.length > draft.length && text.startsWith(draft));
    assert.match(beforePhrases.slice(draft.length), /^\n[ \t]*$/, 'a new line for the phrase');

    const t = Date.now();
    await vscode.activityBarItem('讲稿助手').click();
    // The view starts collapsed under 素材库; its groups start collapsed, each with its count.
    const header = phrasesPane().locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    // 素材库 collapsed, so 常用提法 has the side bar's height (for the screenshots).
    const corpusHeader = vscode.page.locator('#workbench\\.parts\\.sidebar .pane-header', { hasText: '素材库' });
    if ((await corpusHeader.getAttribute('aria-expanded')) === 'true') await corpusHeader.click();
    const groups = ['排比 Parallel groups', '引语 Quotations', '常用提法 Formulations'];
    for (const group of groups) await phraseRow(group).waitFor({ timeout: 30_000 });
    timings.phrasesViewGroupsMs = Date.now() - t;
    const groupRows = await phrasesPane().locator('.monaco-list-row[aria-level="1"]').allInnerTexts();
    assert.equal(groupRows.length, 3, groupRows.join(' | '));
    groups.forEach((g, i) => assert.match(groupRows[i], new RegExp(`^${g}\\s*[\\d,]+$`)));
    await vscode.screenshot('issue4-phrases-groups');
    await phraseRow(groups[0]).click();
    const row = phraseRow(GROUP);
    await row.waitFor();
    assert.equal(await row.locator('.label-description').innerText(), '6 speeches · 6 times');
    await vscode.screenshot('issue4-phrases-view');

    await row.click();
    await vscode.page.locator('.editor-instance .view-lines', { hasText: '坚定“四个自信”、做到' }).waitFor();
    assert.equal(await saved(beforePhrases + GROUP), beforePhrases + GROUP, 'inserted at the cursor, nothing else changed');
    await vscode.screenshot('issue4-phrases-inserted');

    // The click left the focus in the draft; one undo takes the whole phrase back.
    await vscode.page.keyboard.press('Control+Z');
    assert.equal(await saved(beforePhrases), beforePhrases, 'one undo removes the phrase');
  });

  it('the filter finds a quotation by who is quoted; its action opens the speech at the line; a click brings the draft back and inserts', async function () {
    const header = phrasesPane().locator('.pane-header');
    await header.hover();
    await header.locator('.action-label[aria-label^="Filter Phrases"]').click();
    await vscode.page.locator('.quick-input-widget input').waitFor();
    await vscode.page.keyboard.insertText('毛泽东');
    // The view filters while the writer types.
    const quote = phraseRow(MAO_QUOTE);
    await quote.waitFor({ timeout: 10_000 });
    await vscode.page.keyboard.press('Enter');
    await vscode.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    assert.match(await header.innerText(), /Filter: 毛泽东/, 'the view title shows the filter');
    await phrasesPane().locator('.message', { hasText: /of [\d,]+ phrases match “毛泽东”/ }).first().waitFor();
    await phraseRow('排比 Parallel groups').waitFor({ state: 'detached' });
    await vscode.screenshot('issue4-phrases-filter');

    await quote.hover();
    await quote.locator('.action-label[aria-label^="Show Where the Phrase Occurs"]').click();
    await vscode.page.locator('.tabs-container .tab.active:not([aria-label^="草稿.md"])').waitFor();
    const selected = vscode.page.locator('.editor-instance .view-lines', { hasText: '与贪污腐化作斗争' });
    await selected.waitFor();
    await vscode.screenshot('issue4-phrases-occurrence');

    // The speech hid the draft; clicking the quotation goes back to the draft and inserts it at its
    // cursor with its attribution and quotation marks.
    await quote.click();
    await vscode.page.locator(`.tabs-container .tab.active[aria-label^="${DRAFT}"]`).waitFor();
    const quoted = new RegExp(`^[^“”]*毛泽东同志[^“”]*：“${MAO_QUOTE}”$`);
    const text = await saved((t) => t.startsWith(beforePhrases) && quoted.test(t.slice(beforePhrases.length)));
    assert.match(text.slice(beforePhrases.length), quoted);

    await header.hover();
    await header.locator('.action-label[aria-label^="Clear Phrase Filter"]').click();
    await phraseRow('排比 Parallel groups').waitFor();
    assert.doesNotMatch(await header.innerText(), /毛泽东/);
    await phrasesPane().locator('.message', { hasText: 'phrases match' }).waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('the status bar agrees with the engine’s count of the finished draft, minutes included', async function () {
    const text = vscode.readFile(DRAFT);
    const { chars, time } = expectedStatus(text);
    const item = vscode.statusBarItem(chars);
    await item.waitFor({ timeout: 10_000 });
    assert.match(await item.innerText(), time);
    assert.match(await item.innerText(), /about \d+ min/, 'the draft is long enough to take minutes');
    await vscode.screenshot('issue4-status-bar-minutes');
  });
});
