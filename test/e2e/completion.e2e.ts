// Issue 3 end to end: typing Chinese into a Markdown draft in a real VS Code brings up the stock
// phrase in the suggest list (no Ctrl+Space) and as ghost text; Tab or Enter inserts it, the saved
// file holds exactly the phrase, and one undo gives back what was typed.
import * as assert from 'node:assert/strict';
import { sampleDraft, sampleDraftName } from '../../scripts/sample-draft.mjs';
import { recordMetrics, VsCodeSession } from './harness';

const GROUP = '增强“四个意识”、坚定“四个自信”、做到“两个维护”';

describe('phrase completion in a real VS Code (code-server 4.100.3, VS Code 1.100.3)', function () {
  let vscode: VsCodeSession;
  const timings: Record<string, number> = {};
  const runStarted = Date.now();

  before(async function () {
    vscode = await VsCodeSession.start();
    Object.assign(timings, vscode.timings);
  });

  after(async function () {
    if (!vscode) return;
    const failed = this.test?.parent?.tests.some((t) => t.state === 'failed') ?? false;
    await vscode.close({ keepFiles: failed });
    const metrics = { completion: { ...timings, scenarioTotalMs: Date.now() - runStarted } };
    recordMetrics(metrics);
    console.log(`      e2e metrics: ${JSON.stringify(metrics)}`);
    if (failed) console.log(`      kept ${vscode.root} for inspection`);
  });

  /** Waits until the extension's log says the corpus phrase index is built. */
  async function phraseIndexBuilt(timeout = 90_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!/Phrase index built in \d+ ms/.test(vscode.extensionLog())) {
      if (Date.now() > deadline) throw new Error(`no "Phrase index built" in the extension log:\n${vscode.extensionLog()}`);
      await vscode.page.waitForTimeout(200);
    }
  }

  /** Waits until the cursor stands after `line` typed into the draft's last line (ghost text leaves the cursor where it is). */
  async function cursorAfter(line: string, timeout = 10_000): Promise<number> {
    const t = Date.now();
    const lastLine = sampleDraft.split('\n').length;
    const expected = `Ln ${lastLine}, Col ${line.length + 1}`;
    let status = '';
    while ((status = await vscode.cursorStatus()) !== expected) {
      if (Date.now() - t > timeout) throw new Error(`cursor at "${status}", expected "${expected}"`);
      await vscode.page.waitForTimeout(50);
    }
    return Date.now() - t;
  }

  /** The last line of the saved draft (the one typed into). */
  async function savedLastLine(): Promise<string> {
    // Every save here changes the file; the tab's dirty mark is not a reliable signal in this VS Code.
    const onDisk = vscode.readFile(sampleDraftName);
    await vscode.page.keyboard.press('Control+S');
    const deadline = Date.now() + 10_000;
    // Changed, and the same on two reads in a row (a read can catch the file half written).
    let text = onDisk;
    for (let previous = onDisk; Date.now() < deadline; previous = text) {
      await vscode.page.waitForTimeout(100);
      text = vscode.readFile(sampleDraftName);
      if (text !== onDisk && text === previous) break;
    }
    assert.ok(text.startsWith(sampleDraft), 'the rest of the draft is untouched');
    return text.slice(sampleDraft.length);
  }

  it('opening a Markdown draft builds the phrase index in the background', async function () {
    const t = Date.now();
    await vscode.openFile(sampleDraftName);
    await phraseIndexBuilt();
    timings.openToIndexBuiltMs = Date.now() - t;
    const built = /Phrase index built in (\d+) ms/.exec(vscode.extensionLog());
    timings.phraseIndexBuildMs = Number(built![1]);
  });

  it('typing 增强“四个 shows the parallel group in the suggest list without Ctrl+Space, and as ghost text', async function () {
    await vscode.page.keyboard.press('Control+End');
    const t = Date.now();
    await vscode.typeText('增强“四个');
    const labels = await vscode.suggestions(10_000);
    timings.typeToSuggestMs = Date.now() - t;
    assert.ok(labels.includes(GROUP), `suggestions: ${JSON.stringify(labels)}`);
    assert.equal(labels[0], GROUP, 'the whole group comes first');

    let ghost = '';
    const deadline = Date.now() + 10_000;
    while (!(ghost = await vscode.ghostText()) && Date.now() < deadline) await vscode.page.waitForTimeout(100);
    timings.typeToGhostTextMs = Date.now() - t;
    assert.equal(ghost, GROUP.slice('增强“四个'.length), 'ghost text continues the typed text');
    await vscode.screenshot('completion-suggest-and-ghost');
  });

  it('Tab inserts the phrase; the saved file holds exactly it; one undo restores the typed text', async function () {
    await vscode.page.keyboard.press('Tab');
    timings.tabToInsertedMs = await cursorAfter(GROUP);
    assert.equal(await savedLastLine(), GROUP);
    await vscode.screenshot('completion-accepted');

    await vscode.page.keyboard.press('Control+Z');
    await cursorAfter('增强“四个');
    assert.equal(await savedLastLine(), '增强“四个');
  });

  it('Enter accepts the list’s first item after typing on to the next clause', async function () {
    await vscode.page.keyboard.press('End');
    await vscode.typeText('意识”、坚定“');
    const labels = await vscode.suggestions(10_000);
    assert.ok(labels.length > 0, 'the list opens after the trigger character “');
    assert.equal(labels[0], '坚定“四个自信”、做到“两个维护”', `suggestions: ${JSON.stringify(labels)}`);
    await vscode.screenshot('completion-next-clause');
    await vscode.page.keyboard.press('Enter');
    timings.enterToInsertedMs = await cursorAfter(GROUP);
    assert.equal(await savedLastLine(), GROUP);
  });
});
