// Issue 6, nothing of the user's is changed, in the editor: a corpus folder in the workspace (a
// UTF-8 .txt, a GBK .txt, a .docx) is hashed, then every command that needs no file picker is run
// (from the palette, the 素材库 tree and the 常用提法 view) and a completion is typed and accepted
// in a draft; the folder is byte-identical afterwards (contents, sizes, mtimes, no new files). Every
// insertion into the draft is one undo step: one Ctrl+Z gives back the saved draft exactly.
import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { hashTree, makeDocx } from '../core/fixtures/corpusFixtures';
import { accepted, overlap, recordMetrics, VsCodeSession } from './harness';

const DRAFT = '草稿.md';
const CORPUS = '我的素材';
const GROUP = '增强“四个意识”、坚定“四个自信”、做到“两个维护”';

/**
 * A short speech on `topic`: the same frame for each (its heading lines are where the tests look), and
 * a paragraph of its own, so that the three are three speeches and not one saved three times (a
 * speech differing only in its topic word would be folded into one with versions, as it should).
 */
function speech(title: string, topic: string, own: string): string {
  return [
    title,
    '同志们：',
    `今天召开这次会议，主要任务是研究部署${topic}工作。`,
    `一、提高政治站位，充分认识${topic}工作的重要意义`,
    `${topic}工作事关全局，各级各部门要切实增强责任感和紧迫感。`,
    `二、突出工作重点，推动${topic}工作落地见效`,
    '要坚持问题导向，压实工作责任，确保各项任务落到实处。',
    own,
    '谢谢大家！',
    '',
  ].join('\n');
}

const UTF8_TITLE = '在全市素材保护检验工作会议上的讲话';
const GBK_TITLE = '在全县档案安全工作推进会上的讲话';
const DOCX_TITLE = '在全区文稿保密工作会议上的讲话';
const OWN = {
  utf8: '去年全市新建标准化素材库房三处，完成老照片、老影像修复八百余件，一批珍贵资料得到抢救性保护。今年要抓紧编制素材目录，逐卷逐件核对登记，做到底数清、情况明、管得住。',
  gbk: '近期个别单位发生过库房漏雨、消防器材过期等隐患，暴露出日常巡查流于形式的问题。各单位要在月底前完成一轮拉网式自查，建立隐患台账，整改一项、销号一项。',
  docx: '涉密文稿的起草、印制、传递和销毁，每个环节都要有专人负责、有记录可查。机关各处室要对电脑和移动存储介质开展一次全面清理，严禁在连接互联网的计算机上处理涉密文稿。',
};

/** Contents, sizes and modification times of every file under the folder, and nothing else there. */
function fingerprint(dir: string): { hashes: Record<string, string>; stats: Record<string, string> } {
  const hashes = hashTree(dir);
  const stats = Object.fromEntries(Object.keys(hashes).map((f) => [f, `${statSync(join(dir, f)).size} ${statSync(join(dir, f)).mtimeMs}`]));
  return { hashes, stats };
}

describe('nothing of the user’s is changed, in a real VS Code (code-server 4.100.3, VS Code 1.100.3)', function () {
  let vscode: VsCodeSession;
  let original: ReturnType<typeof fingerprint>;
  const timings: Record<string, number> = {};
  let runStarted = 0;

  before(async function () {
    runStarted = Date.now();
    vscode = await VsCodeSession.start({
      files: {
        [DRAFT]: '# 草稿\n\n',
        '.vscode/settings.json': JSON.stringify({ 'speechDrafter.corpus.paths': [CORPUS] }, null, 2),
        [`${CORPUS}/讲话 UTF-8.txt`]: speech(UTF8_TITLE, '素材保护', OWN.utf8),
        [`${CORPUS}/讲话 GBK.txt`]: iconv.encode(speech(GBK_TITLE, '档案安全', OWN.gbk), 'gbk'),
        [`${CORPUS}/讲话.docx`]: await makeDocx(speech(DOCX_TITLE, '文稿保密', OWN.docx).split('\n')),
      },
      // The tree's sticky kind header would lie over the first speech of a kind and take its click.
      settings: { 'workbench.tree.enableStickyScroll': false },
      viewport: { width: 1400, height: 900 },
    });
    Object.assign(timings, vscode.timings);
    original = fingerprint(join(vscode.workspace, CORPUS));
    assert.equal(Object.keys(original.hashes).length, 3);
  });

  after(async function () {
    if (!vscode) return;
    await vscode.closeAfterSuite(this);
    const metrics = { userFiles: { ...timings, scenarioTotalMs: Date.now() - runStarted } };
    recordMetrics(metrics);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await vscode.screenshot(`userfiles-failed-${this.currentTest.title.slice(0, 24).replace(/[^\p{L}\p{N}]+/gu, '-')}`);
    // A palette or quick pick left open would fail every test after this one.
    for (let i = 0; i < 2; i++) await page().keyboard.press('Escape');
  });

  const page = () => vscode.page;
  const quickPickRow = (text: string | RegExp) => page().locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();
  const tree = () => vscode.sideBarTree();
  const speechRow = (title: string) => tree().locator('.monaco-list-row[aria-level="2"]', { hasText: title }).first();
  const phrasesPane = () => page().locator('#workbench\\.parts\\.sidebar .pane', { has: page().locator('.pane-header', { hasText: '常用提法' }) });
  const phraseRow = (text: string | RegExp) => phrasesPane().locator('.monaco-list-row', { hasText: text }).first();

  /** Shows the 讲稿助手 side bar (its activity-bar entry toggles: a second click would hide it). */
  async function showSideBar(): Promise<void> {
    if (!(await page().locator('[id="workbench.parts.sidebar"] .composite.title', { hasText: '讲稿助手' }).isVisible())) {
      await vscode.activityBarItem('讲稿助手').click();
    }
  }

  /** Opens the 排比 group of the 常用提法 view when it is collapsed. */
  async function expandParallelGroups(): Promise<void> {
    const group = phraseRow('排比 Parallel groups');
    await group.waitFor({ timeout: 30_000 });
    if ((await group.getAttribute('aria-expanded')) === 'false') await group.locator('.monaco-tl-twistie').click();
    // Off the tree, so the row's hover tooltip doesn't cover the rows below it.
    await page().mouse.move(900, 600);
  }

  /** Brings the draft to the front with the cursor at its end, on a line of its own. */
  async function draftAtNewLine(): Promise<string> {
    const tab = page().locator('.tabs-container .tab', { hasText: DRAFT });
    if (await tab.count()) {
      await tab.first().click();
      await page().locator('.editor-instance .monaco-editor.focused').waitFor();
    } else {
      await vscode.openFile(DRAFT);
    }
    await page().keyboard.press('Control+End');
    const text = vscode.readFile(DRAFT);
    if (text.endsWith('\n')) return text;
    await page().keyboard.press('Enter');
    return vscode.saveAndRead(DRAFT, (t) => t.length > text.length);
  }

  /** One Ctrl+Z in the draft gives back `expected` exactly. */
  async function oneUndoRestores(expected: string, what: string): Promise<void> {
    await page().locator(`.tabs-container .tab.active[aria-label^="${DRAFT}"]`).waitFor();
    await page().keyboard.press('Control+Z');
    assert.equal(await vscode.saveAndRead(DRAFT, expected), expected, `one undo takes back the whole ${what}`);
  }

  it('Refresh Corpus reads the folder: the tree shows its three speeches (UTF-8, GBK, .docx) beside the sample', async function () {
    await vscode.openFile(DRAFT);
    await vscode.runCommand('讲稿助手 Speech Drafter: Refresh Corpus');
    await showSideBar();
    await tree().locator('.monaco-list-row[aria-level="2"]').first().waitFor({ timeout: 60_000 });
    const speeches = (await vscode.allTreeRows()).filter((r) => r.level === 2);
    assert.equal(speeches.length, 36, speeches.map((r) => r.label).join(' | '));
    for (const title of [UTF8_TITLE, GBK_TITLE, DOCX_TITLE]) assert.ok(speeches.some((r) => r.label === title), title);
  });

  it('a tree click opens a speech, a heading click goes to its line, Open Source File opens the GBK file as GBK (unsaved)', async function () {
    const row = speechRow(GBK_TITLE);
    await row.scrollIntoViewIfNeeded();
    await row.locator('.label-name').click();
    await page().locator(`.tabs-container .tab.active[aria-label^="${GBK_TITLE}.txt"]`).waitFor({ timeout: 15_000 });
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await tree().locator('.monaco-list-row[aria-level="3"]', { hasText: '二、突出工作重点' }).first().click();
    await vscode.waitForCursorStatus('Ln 6, Col 1');

    await row.hover();
    await row.locator('.action-label[aria-label^="Open Source File"]').click();
    await page().locator('.tabs-container .tab.active[aria-label^="讲话 GBK.txt"]').waitFor({ timeout: 15_000 });
    await page().locator('.editor-instance .view-lines', { hasText: '档案安全工作事关全局' }).waitFor();
    await page().locator('.statusbar .statusbar-item', { hasText: /^\s*(GBK|GB ?18030)\s*$/ }).waitFor({ timeout: 5_000 });
    await vscode.screenshot('userfiles-gbk-source');
    // The user's own file, open in an ordinary editor: closed untouched (no keystroke reaches it).
    assert.equal(await page().locator('.tabs-container .tab.active.dirty').count(), 0);
    await vscode.runCommand('View: Close Editor');
  });

  it('Show Log and Forget Accepted Phrases run from the palette', async function () {
    await vscode.runCommand('讲稿助手 Speech Drafter: Show Log');
    const panel = page().locator('[id="workbench.parts.panel"]');
    await panel.locator('.view-lines', { hasText: /Loaded\s\d+\sspeeches/ }).first().waitFor({ timeout: 15_000 });
    await vscode.screenshot('userfiles-log');
    await panel.locator('.action-label[aria-label^="Hide Panel"]').click();
    await panel.waitFor({ state: 'hidden' });
    await vscode.runCommand('讲稿助手 Speech Drafter: Forget Accepted Phrases');
    await page().locator('.notifications-toasts', { hasText: 'Forgot the phrases you accepted' }).waitFor({ timeout: 10_000 });
  });

  it('搜索素材库 → Enter inserts a sentence of the GBK speech; one undo restores the draft', async function () {
    const draft = await draftAtNewLine();
    await vscode.runCommandOpen('Search Corpus');
    await page().keyboard.insertText('档案安全');
    await quickPickRow(/档\u200b?案安全/).waitFor({ timeout: 30_000 });
    await page().keyboard.press('Enter');
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const inserted = await vscode.saveAndRead(DRAFT, (t) => t.length > draft.length);
    assert.ok(inserted.startsWith(draft), 'inserted at the cursor, nothing before it changed');
    assert.match(inserted.slice(draft.length), /档案安全/);
    await oneUndoRestores(draft, 'search hit');
  });

  it('插入提纲 → 工作汇报 inserts the skeleton; one undo restores the draft', async function () {
    const draft = await draftAtNewLine();
    await vscode.runCommandOpen('Insert Outline');
    await vscode.pickQuickItem('工作汇报');
    await page().locator('.editor-instance .view-lines', { hasText: '主要做法及成效' }).waitFor();
    await page().keyboard.press('Escape');
    const inserted = await vscode.saveAndRead(DRAFT, (t) => /下一步工作计划/.test(t));
    assert.ok(inserted.startsWith(draft) && /二、主要做法及成效/.test(inserted));
    await oneUndoRestores(draft, 'outline');
  });

  it('the 常用提法 view: filter and clear from the palette, where a phrase occurs, a click inserts it; one undo restores the draft', async function () {
    const draft = await draftAtNewLine();
    await showSideBar();
    // The 素材库 tree above took the side bar: collapse it and open 常用提法.
    const corpusHeader = page().locator('#workbench\\.parts\\.sidebar .pane-header', { hasText: '素材库' });
    if ((await corpusHeader.getAttribute('aria-expanded')) === 'true') await corpusHeader.click();
    const header = phrasesPane().locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await expandParallelGroups();
    await phraseRow(GROUP).waitFor({ timeout: 30_000 });

    // Its input box takes the palette's place: wait for the palette's rows to go.
    await page().keyboard.press('F1');
    await page().keyboard.insertText('Filter Phrases');
    await quickPickRow('Filter Phrases').click();
    await quickPickRow('Filter Phrases').waitFor({ state: 'hidden' });
    await page().locator('.quick-input-widget input').waitFor();
    await page().keyboard.insertText('四个意识');
    await page().keyboard.press('Enter');
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await phraseRow('引语 Quotations').waitFor({ state: 'detached' });
    await expandParallelGroups();
    const row = phraseRow(GROUP);
    // The inline action shows on hover; the filtered list may still re-render under the pointer, so hover again until it is clicked.
    for (let attempt = 0; ; attempt++) {
      await page().mouse.move(900, 600);
      await row.hover({ timeout: 5_000 });
      const clicked = await row
        .locator('.action-label[aria-label^="Show Where the Phrase Occurs"]')
        .click({ timeout: 3_000 })
        .then(() => true, () => false);
      if (clicked) break;
      assert.ok(attempt < 5, 'the row’s Show Where the Phrase Occurs action could be clicked');
    }
    const pick = page().locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    if (await pick.waitFor({ timeout: 3_000 }).then(() => true, () => false)) await pick.click();
    await page().locator('.tabs-container .tab.active:not([aria-label^="草稿.md"])').waitFor();
    await vscode.runCommand('讲稿助手 Speech Drafter: Clear Phrase Filter');
    await phraseRow('引语 Quotations').waitFor();
    await expandParallelGroups();

    await phraseRow(GROUP).click();
    await page().locator(`.tabs-container .tab.active[aria-label^="${DRAFT}"]`).waitFor();
    assert.equal(await vscode.saveAndRead(DRAFT, draft + GROUP), draft + GROUP);
    await vscode.screenshot('userfiles-phrase-inserted');
    await oneUndoRestores(draft, 'phrase');
  });

  it('a completion typed and accepted in the draft; one undo gives back what was typed', async function () {
    const draft = await draftAtNewLine();
    const typed = '增强“四个';
    await vscode.typeText(typed);
    const labels = await vscode.suggestions(30_000);
    assert.ok(labels.length && overlap(typed, labels[0]) > 0, `the first suggestion continues ${typed}: ${JSON.stringify(labels)}`);
    // Tab takes the first item (Enter would start a new line).
    await page().keyboard.press('Tab');
    const expected = draft + accepted(typed, labels[0]);
    assert.equal(await vscode.saveAndRead(DRAFT, expected), expected);
    await oneUndoRestores(`${draft}增强“四个`, 'completion');
  });

  it('the corpus folder is byte-identical after all of it (contents, sizes, times, no new files)', async function () {
    // The refresh reads every corpus file again; the check waits until it has.
    await vscode.corpusReloadedBy(() => vscode.runCommand('讲稿助手 Speech Drafter: Refresh Corpus'));
    const dir = join(vscode.workspace, CORPUS);
    const after = fingerprint(dir);
    assert.deepEqual(after.hashes, original.hashes);
    assert.deepEqual(after.stats, original.stats);
    assert.deepEqual(readdirSync(dir, { withFileTypes: true }).map((e) => e.name).sort(), Object.keys(original.hashes).sort());
    await vscode.screenshot('userfiles-after');
  });
});
