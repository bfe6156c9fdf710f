// 提法核对 end to end: a wrong formulation typed into a Markdown draft in a real VS Code gets a
// warning squiggle and a Problems entry from 讲稿助手; the quick fix 改为「…」 writes the corpus's
// wording as one undoable edit, and the saved file holds the right text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sampleDraft, sampleDraftName } from '../../scripts/sample-draft.mjs';
import { recordMetrics, VsCodeSession } from './harness';

/**
 * Completion off: this scenario is about the check, and a suggest list would cover the squiggle.
 * No auto-closing: the test types settings.json itself.
 */
const SETTINGS = {
  'speechDrafter.completion.suggest': false,
  'speechDrafter.completion.inline': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
};
const WRONG = '全体党员要做到“两个拥护”。';
const RIGHT = '全体党员要做到“两个维护”。';

/** What the user reads, per VS Code display language. */
const LOCALES: { locale?: string; problem: RegExp; fix: string }[] = [
  { problem: /Possibly wrong formulation: the corpus writes 「做到“两个维护”」 \(\d+ speeches, \d+ times\)/, fix: 'Change to 「做到“两个维护”」' },
  { locale: 'zh-cn', problem: /提法可能有误：应为「做到“两个维护”」（素材库中 \d+ 篇、\d+ 次）/, fix: '改为「做到“两个维护”」' },
];

for (const { locale, problem, fix: fixTitle } of LOCALES) {
  describe(`formulation check in a real VS Code (code-server 4.100.3, VS Code 1.100.3, ${locale ?? 'en'})`, function () {
    let vscode: VsCodeSession;
    const timings: Record<string, number> = {};
    const runStarted = Date.now();

    before(async function () {
      vscode = await VsCodeSession.start({ locale, settings: SETTINGS });
      Object.assign(timings, vscode.timings);
    });

    after(async function () {
      if (!vscode) return;
      await vscode.closeAfterSuite(this);
      const metrics = { [`formulationCheck${locale ? `-${locale}` : ''}`]: { ...timings, scenarioTotalMs: Date.now() - runStarted } };
      recordMetrics(metrics);
    });

    /** Saves and returns the file's text after the sample's own, once it is `expected` (or after 10 s). */
    async function savedTail(expected: string): Promise<string> {
      const text = await vscode.saveAndRead(sampleDraftName, sampleDraft + expected);
      assert.ok(text.startsWith(sampleDraft), 'the rest of the draft is untouched');
      return text.slice(sampleDraft.length);
    }

    const squiggles = () => vscode.page.locator('.editor-instance .monaco-editor .squiggly-warning');
    const problemRows = () => vscode.page.locator('.markers-panel .monaco-list-row');

    it('typing 做到“两个拥护” into a Markdown draft puts a warning under it and in the Problems panel', async function () {
      await vscode.openFile(sampleDraftName);
      await vscode.page.keyboard.press('Control+End');
      const t = Date.now();
      await vscode.typeText(WRONG);
      // The first check waits for the corpus index, built in the background when the draft opened.
      await squiggles().first().waitFor({ timeout: 90_000 });
      timings.typeToSquiggleMs = Date.now() - t;

      await vscode.page.keyboard.press('Control+Shift+M');
      const row = problemRows().filter({ hasText: '做到“两个维护”' }).first();
      await row.waitFor({ timeout: 10_000 });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      assert.match(text, problem);
      assert.match(text, /讲稿助手/);
      assert.equal(await problemRows().filter({ hasText: problem }).count(), 1, 'one problem, for the one slip');
      await vscode.screenshot(`check-squiggle-and-problems${locale ? `-${locale}` : ''}`);
    });

    it('the quick fix 改为「…」 replaces exactly the span; the saved file has the right text; one undo brings the slip back', async function () {
      // Back to the editor, the cursor inside the wrong span.
      await vscode.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await vscode.page.keyboard.press('Control+End');
      for (let i = 0; i < 3; i++) await vscode.page.keyboard.press('ArrowLeft');
      await vscode.page.keyboard.press('Control+.');
      const fix = vscode.page.locator('.action-widget .monaco-list-row', { hasText: fixTitle }).first();
      await fix.waitFor({ timeout: 10_000 });
      await vscode.screenshot(`check-quick-fix${locale ? `-${locale}` : ''}`);
      // The action list takes keys, not clicks (a pointer block covers it): walk to the fix, Enter.
      for (let i = 0; i < 5 && !(await fix.evaluate((el) => el.classList.contains('focused'))); i++) await vscode.page.keyboard.press('ArrowDown');
      const t = Date.now();
      await vscode.page.keyboard.press('Enter');
      assert.equal(await savedTail(RIGHT), RIGHT);
      timings.quickFixToSavedMs = Date.now() - t;
      await squiggles().first().waitFor({ state: 'detached', timeout: 10_000 });
      await vscode.screenshot(`check-fixed${locale ? `-${locale}` : ''}`);

      await vscode.page.keyboard.press('Control+Z');
      assert.equal(await savedTail(WRONG), WRONG, 'one undo restores the draft as typed');
      await squiggles().first().waitFor({ timeout: 10_000 });
    });

    /** Rewrites the user settings in VS Code's own JSON editor (it does not watch the file for outside writes), back to the draft. */
    async function userSettings(settings: Record<string, unknown>): Promise<void> {
      await vscode.runCommand('Preferences: Open User Settings (JSON)');
      await vscode.page.locator('.tabs-container .tab.active[aria-label^="settings.json"]').waitFor();
      await vscode.page.locator('.editor-instance .monaco-editor.focused').waitFor();
      await vscode.page.keyboard.press('Control+A');
      await vscode.page.keyboard.press('Delete');
      // One line: a typed line break would auto-indent (auto-closing is off in SETTINGS).
      await vscode.typeText(JSON.stringify(settings));
      await vscode.page.keyboard.press('Control+S');
      // Saved when the file on disk reads back as written (the tab's dirty mark may lag the typing).
      const file = join(vscode.userDataDir, 'User', 'settings.json');
      const saved = () => {
        try {
          return isDeepStrictEqual(JSON.parse(readFileSync(file, 'utf8')), settings);
        } catch {
          return false; // Half written: read again.
        }
      };
      for (const deadline = Date.now() + 10_000; !saved(); await vscode.page.waitForTimeout(100))
        if (Date.now() > deadline) assert.fail(`settings.json reads ${readFileSync(file, 'utf8')}`);
      await vscode.page.keyboard.press('Control+W');
      await vscode.page.locator(`.tabs-container .tab.active[aria-label^="${sampleDraftName}"]`).waitFor({ timeout: 10_000 });
    }

    it('speechDrafter.check.enabled: false takes the warning away; true brings it back', async function () {
      await userSettings({ ...SETTINGS, 'speechDrafter.check.enabled': false });
      await squiggles().first().waitFor({ state: 'detached', timeout: 10_000 });
      await vscode.runCommand('Focus on Problems View');
      await vscode.page.locator('.markers-panel-container .message-box-container', { hasText: 'No problems' }).waitFor({ timeout: 10_000 });
      await userSettings({ ...SETTINGS, 'speechDrafter.check.enabled': true });
      await squiggles().first().waitFor({ timeout: 10_000 });
      await vscode.runCommand('Focus on Problems View');
      await problemRows().filter({ hasText: problem }).first().waitFor({ timeout: 10_000 });
    });
  });
}
