// 全文校对 end to end: a draft with the nine errors of issue 13 — seven 提法 slips (two characters
// changed, a word inserted, homophones and look-alikes in numbered formulations), a misspelling and a
// half-width comma — opened in a real VS Code. The command 全文校对 lists all nine in the Problems
// panel, each row naming its kind, and counts them per kind; a quick fix corrects one 提法 slip; 应用
// 全部安全修正 fixes the two safe ones as one edit, which one undo takes back (each step read back
// from the saved file). In English and in Chinese.
import * as assert from 'node:assert/strict';
import { recordMetrics, VsCodeSession } from './harness';

const SETTINGS = {
  // This scenario is about the check: a suggest list or ghost text would cover the squiggles.
  'speechDrafter.completion.suggest': false,
  'speechDrafter.completion.inline': false,
};
const NAME = '草稿.md';
const DRAFT = [
  '# 在全市主题教育工作会议上的讲话',
  '',
  '同志们：',
  '',
  '我们要深入学习习近平新时代中国特色社会注意思想，深刻领悟“两个确力”的决定性意义，不断增强“四个意思”。',
  '',
  '全体党员干部要坚决做到“两个坚决维护”，牢记使名，担当作为。',
  '',
  '要坚定“四个自性”，对市委的布署，各级要抓好落实，切实做到“两个拥护”。截至目前，已整改问题30余个,整改率达到95%。',
  '',
].join('\n');
/** What the quick fix writes, and what the two safe fixes write. */
const QUICK = ['深刻领悟“两个确力”的决定性意义', '深刻领悟“两个确立”的决定性意义'];
const SAFE: [string, string][] = [
  ['布署', '部署'],
  ['30余个,整改率', '30余个，整改率'],
];

/** What the user reads, per VS Code display language. */
const LOCALES: { locale?: string; kinds: { formulation: string; typo: string; punctuation: string }; summary: RegExp; fix: string; apply: string; command: string }[] = [
  {
    kinds: { formulation: 'formulation', typo: 'typos', punctuation: 'punctuation' },
    summary: /^Proofreading: 9 findings \(formulation 7, typos 1, punctuation 1, numbers 0, numbering 0\)\.$/,
    fix: `Change to 「${QUICK[1]}」`,
    apply: 'Apply 2 Safe Fixes',
    command: 'Proofread Document',
  },
  {
    locale: 'zh-cn',
    kinds: { formulation: '提法', typo: '错别字', punctuation: '标点' },
    summary: /^全文校对：共 9 处（提法 7，错别字 1，标点 1，数字 0，序号 0）。$/,
    fix: `改为「${QUICK[1]}」`,
    apply: '应用 2 处安全修正',
    command: '全文校对',
  },
];

for (const { locale, kinds, summary, fix: fixTitle, apply, command } of LOCALES) {
  const suffix = locale ? `-${locale}` : '';
  describe(`全文校对 in a real VS Code (code-server 4.100.3, VS Code 1.100.3, ${locale ?? 'en'})`, function () {
    let vscode: VsCodeSession;
    const timings: Record<string, number> = {};
    const runStarted = Date.now();

    before(async function () {
      vscode = await VsCodeSession.start({ locale, settings: SETTINGS, files: { [NAME]: DRAFT }, viewport: { width: 1280, height: 1000 } });
      Object.assign(timings, vscode.timings);
    });

    after(async function () {
      if (!vscode) return;
      await vscode.closeAfterSuite(this);
      recordMetrics({ [`proofread${suffix}`]: { ...timings, scenarioTotalMs: Date.now() - runStarted } });
    });

    const problemRows = () => vscode.page.locator('.markers-panel .monaco-list-row');
    /** Saves the draft and returns its text once `ok` accepts it (or after 10 s). */
    const saved = (ok: (text: string) => boolean) => vscode.saveAndRead(NAME, ok);

    it('the command lists the nine errors in the Problems panel by kind, and counts them per kind', async function () {
      await vscode.openFile(NAME);
      await vscode.corpusReady();
      const t = Date.now();
      await vscode.runCommand(command);
      const toast = vscode.page.locator('.notifications-toasts .notification-list-item-message', { hasText: summary });
      await toast.waitFor({ timeout: 60_000 });
      timings.commandToSummaryMs = Date.now() - t;
      // The command opened the Problems panel: one row per finding, each naming its kind after 讲稿助手.
      const rowOf = (kind: string) => problemRows().filter({ hasText: `讲稿助手 · ${kind}` });
      // The panel draws only the rows it has room for (each finding has a second row, the speech that uses the formulation).
      await vscode.runCommand('View: Toggle Maximized Panel');
      try {
        await rowOf(kinds.punctuation).first().waitFor({ timeout: 10_000 });
        assert.equal(await rowOf(kinds.formulation).count(), 7);
        assert.equal(await rowOf(kinds.typo).count(), 1);
        assert.equal(await rowOf(kinds.punctuation).count(), 1);
        const texts = (await problemRows().allInnerTexts()).map((s) => s.replace(/\s+/g, ' '));
        for (const expected of ['中国特色社会主义', '“两个确立”', '四个意识', '做到“两个维护”」', '牢记使命', '“四个自信”', '部署', '「，」'])
          assert.ok(texts.some((s) => s.includes(expected)), `no Problems row names ${expected}: ${texts.join(' | ')}`);
        await vscode.screenshot(`proofread-problems${suffix}`);
      } finally {
        await vscode.runCommand('View: Toggle Maximized Panel');
      }
    });

    it('a quick fix corrects one 提法 slip, exactly its span', async function () {
      await vscode.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      // Line 5, inside 「两个确力」.
      await vscode.page.keyboard.press('Control+Home');
      for (let i = 0; i < 4; i++) await vscode.page.keyboard.press('ArrowDown');
      await vscode.page.keyboard.press('Home');
      const column = DRAFT.split('\n')[4].indexOf('确力');
      for (let i = 0; i < column; i++) await vscode.page.keyboard.press('ArrowRight');
      await vscode.page.keyboard.press('Control+.');
      const fix = vscode.page.locator('.action-widget .monaco-list-row', { hasText: fixTitle }).first();
      await fix.waitFor({ timeout: 10_000 });
      await vscode.screenshot(`proofread-quick-fix${suffix}`);
      for (let i = 0; i < 8 && !(await fix.evaluate((el) => el.classList.contains('focused'))); i++) await vscode.page.keyboard.press('ArrowDown');
      await vscode.page.keyboard.press('Enter');
      const text = await saved((s) => s.includes(QUICK[1]));
      assert.equal(text, DRAFT.replace(QUICK[0], QUICK[1]));
    });

    it('应用全部安全修正 fixes the two safe findings as one edit; one undo takes both back', async function () {
      const before = DRAFT.replace(QUICK[0], QUICK[1]);
      const after = SAFE.reduce((s, [wrong, right]) => s.replace(wrong, right), before);
      // Check again (the quick fix changed the draft), then the summary's button applies the safe fixes.
      await vscode.runCommand(command);
      const button = vscode.page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: apply }).first();
      await button.waitFor({ timeout: 60_000 });
      await button.click();
      assert.equal(await saved((s) => s === after), after);
      await vscode.screenshot(`proofread-safe-fixes${suffix}`);
      await vscode.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await vscode.page.keyboard.press('Control+Z');
      assert.equal(await saved((s) => s === before), before, 'one undo restores both');
    });
  });
}
