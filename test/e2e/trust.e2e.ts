// Issue 6, workspace trust end to end: a workspace whose .vscode/settings.json points the corpus at a
// folder of its own. In restricted mode that folder is not read (restrictedConfigurations): the
// 素材库 tree has only the 33 bundled speeches, a warning says why, and the speech documents stay
// read-only. The same workspace trusted reads it: 34 speeches, the workspace's one among them.
import * as assert from 'node:assert/strict';
import { recordMetrics, VsCodeSession, type TreeRow } from './harness';

const EXTRA_TITLE = '在全市工作区素材信任检验会议上的讲话';
const EXTRA_SPEECH = `${EXTRA_TITLE}\n\n同志们：\n今天召开这次会议，主要任务是检验工作区设置中的素材库路径。\n一、统一思想，提高认识\n一是要充分认识这项工作的重要意义。\n二、压实责任，抓好落实\n各单位要认真抓好贯彻落实。\n谢谢大家！\n`;
const WORKSPACE_FILES = {
  '草稿.md': '# 草稿\n\n',
  '.vscode/settings.json': JSON.stringify({ 'speechDrafter.corpus.paths': ['工作区素材'] }, null, 2),
  '工作区素材/额外讲话.txt': EXTRA_SPEECH,
};
const UNTRUSTED_WARNING = /this workspace is not trusted, so the corpus paths in its settings are ignored/;

/** Opens the 讲稿助手 side bar and returns every row of the 素材库 tree once its speeches are listed. */
async function corpusTreeRows(vscode: VsCodeSession): Promise<TreeRow[]> {
  await vscode.activityBarItem('讲稿助手').click();
  await vscode.sideBarTree().locator('.monaco-list-row[aria-level="2"]').first().waitFor({ timeout: 60_000 });
  return vscode.allTreeRows();
}

/** Speech rows (level 2) once the tree has settled on `count` of them (a reload may still be under way). */
async function speechRows(vscode: VsCodeSession, count: number, timeout = 30_000): Promise<TreeRow[]> {
  const deadline = Date.now() + timeout;
  let speeches: TreeRow[] = [];
  do {
    speeches = (await corpusTreeRows(vscode)).filter((r) => r.level === 2);
    if (speeches.length === count) return speeches;
    await vscode.page.waitForTimeout(500);
  } while (Date.now() < deadline);
  return speeches;
}

describe('workspace trust in a real VS Code: corpus paths from workspace settings', function () {
  const metrics: Record<string, number> = {};

  describe('restricted mode (untrusted workspace)', function () {
    let vscode: VsCodeSession;
    let runStarted = 0;

    before(async function () {
      runStarted = Date.now();
      vscode = await VsCodeSession.start({ files: WORKSPACE_FILES, untrusted: true, viewport: { width: 1400, height: 900 } });
    });

    after(async function () {
      if (!vscode) return;
      await vscode.closeAfterSuite(this);
      metrics.untrustedStartMs = vscode.timings.startTotalMs;
      metrics.untrustedScenarioMs = Date.now() - runStarted;
    });

    it('the window really is in restricted mode', async function () {
      await vscode.page.locator('.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: 15_000 });
    });

    it('the 素材库 tree lists only the 33 bundled speeches, not the workspace’s folder', async function () {
      const speeches = await speechRows(vscode, 33);
      assert.equal(speeches.length, 33);
      assert.ok(!speeches.some((r) => r.label === EXTRA_TITLE), 'the workspace’s speech is not read');
      assert.ok(speeches.every((r) => / · sample corpus$/.test(r.description)), 'every speech comes from the bundled sample');
    });

    it('a warning tells the user why, with a way to manage trust; the log names the settings file', async function () {
      const toast = vscode.page.locator('.notifications-toasts .notification-toast', { hasText: UNTRUSTED_WARNING });
      await toast.waitFor({ timeout: 15_000 });
      const message = await toast.locator('.notification-list-item-message').innerText();
      assert.match(message, /Only your user settings and the bundled sample are read/);
      assert.ok(await toast.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).isVisible(), 'the warning offers Manage Workspace Trust');
      const log = vscode.extensionLog();
      assert.match(log, /Workspace not trusted: the corpus paths set in \S*\.vscode\/settings\.json are ignored/);
      assert.doesNotMatch(log, /工作区素材/, 'the ignored folder is not even looked at');
      await vscode.screenshot('trust-restricted-tree');
    });

    it('the speech documents stay read-only', async function () {
      // A row mid-list: the tree's sticky kind header can cover the first rows.
      const row = vscode.sideBarTree().locator('.monaco-list-row[aria-level="2"]').nth(6);
      const title = (await row.locator('.label-name').innerText()).trim();
      await row.locator('.label-name').click();
      await vscode.page.locator(`.tabs-container .tab.active[aria-label^="${title}.txt"]`).waitFor({ timeout: 15_000 });
      const editor = vscode.page.locator('.editor-instance .monaco-editor').first();
      await vscode.waitForWordWrap();
      await editor.locator('.view-lines').click();
      // A mark no speech holds (the wrapped speech shows whole paragraphs, 改革 among them).
      await vscode.page.keyboard.insertText('★');
      await vscode.page.locator('.monaco-editor-overlaymessage', { hasText: /read-?only/i }).waitFor({ state: 'attached', timeout: 5_000 });
      await vscode.screenshot('trust-restricted-readonly');
      assert.equal(await vscode.page.locator('.tabs-container .tab.active.dirty').count(), 0);
      assert.equal(await editor.locator('.view-line', { hasText: '★' }).count(), 0);
    });
  });

  describe('the same workspace trusted', function () {
    let vscode: VsCodeSession;
    let runStarted = 0;

    before(async function () {
      runStarted = Date.now();
      vscode = await VsCodeSession.start({ files: WORKSPACE_FILES, viewport: { width: 1400, height: 900 } });
    });

    after(async function () {
      if (!vscode) return;
      await vscode.closeAfterSuite(this);
      metrics.trustedStartMs = vscode.timings.startTotalMs;
      metrics.trustedScenarioMs = Date.now() - runStarted;
      recordMetrics({ trust: metrics });
    });

    it('reads the workspace’s corpus folder: 34 speeches, the workspace’s one among them, and no warning', async function () {
      const speeches = await speechRows(vscode, 34);
      assert.equal(speeches.length, 34);
      const extra = speeches.find((r) => r.label === EXTRA_TITLE);
      assert.ok(extra, `the workspace’s speech is listed: ${speeches.map((r) => r.label).join(' | ')}`);
      assert.match(extra.description, /额外讲话\.txt$/);
      assert.equal(await vscode.page.locator('.notifications-toasts .notification-toast', { hasText: UNTRUSTED_WARNING }).count(), 0);
      assert.doesNotMatch(vscode.extensionLog(), /Workspace not trusted/);
      // Its speech opens from the tree like any other.
      const row = vscode.sideBarTree().locator('.monaco-list-row[aria-level="2"]', { hasText: EXTRA_TITLE }).first();
      await row.scrollIntoViewIfNeeded();
      await row.locator('.label-name').click();
      await vscode.page.locator(`.tabs-container .tab.active[aria-label^="${EXTRA_TITLE}.txt"]`).waitFor({ timeout: 15_000 });
      await vscode.page.locator('.editor-instance .view-lines', { hasText: '检验工作区设置中的素材库路径' }).waitFor();
      await vscode.screenshot('trust-trusted-tree');
    });
  });
});
