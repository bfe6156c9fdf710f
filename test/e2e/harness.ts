// The real-VS-Code harness: the packaged .vsix installed into code-server 4.100.3 (VS Code 1.100.3)
// with fresh user-data, extensions and home dirs, served on a free loopback port, driven through
// Debian's chromium by playwright-core. Every session is torn down completely (no process left).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, errors, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  codeServerArgs,
  codeServerEnv,
  ensureCodeServer,
  installExtension,
  installLocalePack,
  packageExtension,
  projectRoot,
  waitForHealthz,
  workbenchUrl,
  writeUserSettings,
} from '../../scripts/code-server.mjs';
import { createSampleWorkspace } from '../../scripts/sample-draft.mjs';

export const EXTENSION_ID = 'speech-drafter.speech-drafter';
export const resultsDir = join(projectRoot, 'test-results');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Milliseconds per phase, for the run's report. */
export type Timings = Record<string, number>;

let packaged: { vsix: string; bytes: number; ms: number } | undefined;
let codeServerBinary: string | undefined;

/** The .vsix users install, built once per test run. */
export function packagedExtension(): { vsix: string; bytes: number; ms: number } {
  packaged ??= packageExtension();
  return packaged;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One row of a tree view, read from the DOM's ARIA attributes. */
export interface TreeRow {
  index: number;
  level: number;
  posInSet: number;
  setSize: number;
  expanded: boolean | undefined;
  label: string;
  description: string;
}

export interface StartOptions {
  /** Workspace files (relative path → text or bytes; folders are made); default: the sample draft 讲话稿.md. */
  files?: Record<string, string | Uint8Array>;
  /** User settings on top of the quiet defaults. */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  /** VS Code's display language (`--locale`), e.g. 'zh-cn' (needs test/e2e/fixtures/zh-cn-locale); default English. */
  locale?: string;
  /** Open the workspace in restricted mode (workspace trust on, never prompted); default trusted. */
  untrusted?: boolean;
  /** A workspace file to open in an editor from the address, as `npm start` opens the sample draft. */
  openFile?: string;
}

/** Code-server process groups still running, killed if the test process exits early. */
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

export class VsCodeSession {
  readonly timings: Timings = {};

  private constructor(
    readonly page: Page,
    private readonly browser: BrowserContext,
    private readonly server: ChildProcess,
    readonly port: number,
    readonly root: string,
    readonly workspace: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
  ) {}

  /**
   * Packages (once), installs the .vsix into fresh dirs, starts code-server and chromium, and
   * opens the workspace; resolves when the workbench shows the workspace's files.
   */
  static async start(options: StartOptions = {}): Promise<VsCodeSession> {
    const t0 = Date.now();
    checkBrowser();
    const timings: Timings = {};
    const { vsix } = packagedExtension();
    codeServerBinary ??= ensureCodeServer();
    timings.packageAndEnsureMs = Date.now() - t0;

    const root = mkdtempSync(join(tmpdir(), 'speech-drafter-e2e-'));
    const dir = (name: string) => {
      const d = join(root, name);
      mkdirSync(d, { recursive: true });
      return d;
    };
    const [userDataDir, extensionsDir, home, workspace, browserProfile] = ['user-data', 'extensions', 'home', 'workspace', 'chromium'].map(dir);
    const env = codeServerEnv(home);

    let t = Date.now();
    installExtension(codeServerBinary, vsix, { userDataDir, extensionsDir, env });
    if (options.locale && !options.locale.startsWith('en')) {
      installLocalePack(codeServerBinary, options.locale, { scratchDir: root, userDataDir, extensionsDir, env });
    }
    timings.installMs = Date.now() - t;
    const trust = options.untrusted
      ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false }
      : {};
    writeUserSettings(userDataDir, { ...trust, ...options.settings });
    if (options.files) {
      for (const [name, content] of Object.entries(options.files)) {
        mkdirSync(dirname(join(workspace, name)), { recursive: true });
        writeFileSync(join(workspace, name), content);
      }
    } else {
      createSampleWorkspace(workspace);
    }

    t = Date.now();
    const port = await freePort();
    const logFd = openSync(join(root, 'code-server.log'), 'a');
    // Its own process group, so teardown can end code-server and every process it started.
    const args = codeServerArgs({ port, userDataDir, extensionsDir, workspace, locale: options.locale });
    // --disable-workspace-trust would make every workspace trusted.
    const serverArgs = options.untrusted ? args.filter((a) => a !== '--disable-workspace-trust') : args;
    const server = spawn(codeServerBinary, serverArgs, {
      env,
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    if (server.pid) liveGroups.add(server.pid);
    let browser: BrowserContext | undefined;
    try {
      await waitForHealthz(port, 30_000, () => server.exitCode === null && server.signalCode === null);
      timings.codeServerReadyMs = Date.now() - t;

      t = Date.now();
      browser = await chromium.launchPersistentContext(browserProfile, {
        executablePath: chromiumPath,
        headless: true,
        chromiumSandbox: false,
        env: { ...env, HOME: home },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: options.viewport ?? { width: 1280, height: 1000 },
      });
      const page = browser.pages()[0] ?? (await browser.newPage());
      const session = new VsCodeSession(page, browser, server, port, root, workspace, userDataDir, extensionsDir);
      Object.assign(session.timings, timings);
      await page.goto(workbenchUrl(port, workspace, options.openFile ? join(workspace, options.openFile) : undefined));
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      session.timings.workbenchReadyMs = Date.now() - t;
      session.timings.startTotalMs = Date.now() - t0;
      return session;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await stopProcessGroup(server);
      const log = tail(join(root, 'code-server.log'));
      if (!process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
      throw new Error(`${(error as Error).message}\n--- code-server log ---\n${log}`);
    }
  }

  /** Opens a workspace file with Quick Open and waits for its editor tab. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await this.page.keyboard.insertText(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor();
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor();
  }

  /**
   * Types into the focused editor as inserted text (headless chromium has no IME), the way a
   * committed IME composition arrives. '\n' inserts a line break without accepting a suggestion.
   */
  async typeText(text: string): Promise<void> {
    await this.page.keyboard.insertText(text);
  }

  /** Runs a command by its title from the F1 palette, e.g. "讲稿助手 Speech Drafter: Refresh Corpus". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget input').waitFor();
    await this.page.keyboard.insertText(title);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor();
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /**
   * Developer: Reload Window, and waits for the new page's workbench. The old page's explorer stays in the
   * DOM for a moment after the command, so the wait is on the new document's load first.
   */
  async reloadWindow(): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  /** Runs a palette command that opens an input or quick pick of its own, and waits for its first row. */
  async runCommandOpen(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget input').waitFor();
    await this.page.keyboard.insertText(title);
    await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first().click();
    await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasNotText: title }).first().waitFor();
  }

  /** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active:not(.dirty)').waitFor();
  }

  /**
   * The labels in the suggest widget, waiting for it to show; [] when it doesn't within `timeout`
   * (the first suggestions wait for the corpus index, slower on a busy machine).
   */
  async suggestions(timeout = 10_000): Promise<string[]> {
    const widget = this.page.locator('.editor-widget.suggest-widget.visible');
    try {
      await widget.locator('.monaco-list-row').first().waitFor({ timeout });
    } catch {
      return [];
    }
    return widget.locator('.monaco-list-row .label-name').allInnerTexts();
  }

  /** The suggest widget's rows as shown: each item's label and its description (our items' kind, at the row's right); [] when none shows within `timeout`. */
  async suggestionRows(timeout = 10_000): Promise<{ label: string; description: string }[]> {
    if (!(await this.suggestions(timeout)).length) return [];
    return this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row').evaluateAll((rows) =>
      rows.map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.details-label')?.textContent?.trim() ?? '',
      })),
    );
  }

  /** The detail of the suggest list's focused item, from the details pane (Ctrl+Space opens it while the list shows). */
  async suggestionDetail(matching: RegExp, timeout = 10_000): Promise<string> {
    const type = this.page.locator('.suggest-details-container .suggest-details .header .type');
    if (!(await type.filter({ hasText: matching }).count())) {
      await this.page.keyboard.press('Control+Space');
      await type.filter({ hasText: matching }).waitFor({ timeout });
    }
    return (await type.innerText()).trim();
  }

  private ghostLocator(): Locator {
    return this.page.locator('.editor-instance .monaco-editor .ghost-text-decoration, .editor-instance .monaco-editor .ghost-text');
  }

  /** The inline suggestion (ghost text) shown in the active editor, '' when there is none. */
  async ghostText(): Promise<string> {
    const parts = await this.ghostLocator().allInnerTexts();
    return parts.join('').replace(/\u00a0/g, ' ');
  }

  /** Waits for ghost text to show and returns it; '' when none shows within `timeout`. */
  async ghostTextShown(timeout = 10_000): Promise<string> {
    const shown = await this.ghostLocator()
      .first()
      .waitFor({ timeout })
      .then(() => true, () => false);
    return shown ? this.ghostText() : '';
  }

  /** Chooses the quick-pick row containing `label` (after a command opened a quick pick). */
  async pickQuickItem(label: string | RegExp): Promise<void> {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await row.click();
  }

  /** Messages of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts();
  }

  /** A status-bar entry by its text, e.g. statusBarItem(/字/). */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar .statusbar-item', { hasText: text }).first();
  }

  /** Saves test-results/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** A workspace file's text as it is on disk. */
  readFile(name: string): string {
    return readFileSync(join(this.workspace, name), 'utf8');
  }

  /**
   * Saves the active editor (Ctrl+S) and returns file `name`'s text once `ok` accepts it (or after
   * 10 s). Polled: the tab's dirty mark clears before the file is written, so one read can be stale.
   */
  async saveAndRead(name: string, ok: string | ((text: string) => boolean)): Promise<string> {
    await this.page.keyboard.press('Control+S');
    const accepts = typeof ok === 'string' ? (text: string) => text === ok : ok;
    const deadline = Date.now() + 10_000;
    let text = '';
    do {
      await this.page.waitForTimeout(100);
      text = this.readFile(name);
    } while (!accepts(text) && Date.now() < deadline);
    return text;
  }

  /** The activity-bar entry whose label starts with `label`. */
  activityBarItem(label: string): Locator {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${label}"]`);
  }

  /** Drags the side bar's edge until it is `width` pixels wide (long rows then show their descriptions). */
  async widenSideBar(width: number): Promise<void> {
    const box = await this.page.locator('[id="workbench.parts.sidebar"]').boundingBox();
    if (!box || box.width >= width) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
    // Off the sash, so the screenshot doesn't show it highlighted.
    await this.page.mouse.move(box.x + width + 200, y);
  }

  /** The side bar's tree (the first view of our container, 素材库). */
  sideBarTree(): Locator {
    return this.page.locator('#workbench\\.parts\\.sidebar .pane-body .monaco-list').first();
  }

  /**
   * The tree rows currently rendered (the list is virtual: only rows in view exist in the DOM). Sticky
   * scroll's copies of parent rows are left out: they carry the row's data-index but no aria-level.
   */
  async visibleTreeRows(): Promise<TreeRow[]> {
    return this.sideBarTree()
      .locator('.monaco-list-row:not(.monaco-tree-sticky-row)')
      .evaluateAll((rows) =>
        rows.map((row) => {
          const expanded = row.getAttribute('aria-expanded');
          return {
            index: Number(row.getAttribute('data-index')),
            level: Number(row.getAttribute('aria-level')),
            posInSet: Number(row.getAttribute('aria-posinset')),
            setSize: Number(row.getAttribute('aria-setsize')),
            expanded: expanded === null ? undefined : expanded === 'true',
            label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
            description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
          };
        }),
      );
  }

  /** Every row of the side-bar tree, scrolling through it; leaves it scrolled to the top. */
  async allTreeRows(): Promise<TreeRow[]> {
    const tree = this.sideBarTree();
    const box = await tree.boundingBox();
    if (!box) throw new Error('the side-bar tree is not visible');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, -100_000);
    const seen = new Map<number, TreeRow>();
    for (let unchanged = 0; unchanged < 2; ) {
      const before = seen.size;
      for (const row of await this.visibleTreeRows()) seen.set(row.index, row);
      unchanged = seen.size === before ? unchanged + 1 : 0;
      await this.page.mouse.wheel(0, box.height / 2);
      await this.page.waitForTimeout(50);
    }
    await this.page.mouse.wheel(0, -100_000);
    return [...seen.values()].sort((a, b) => a.index - b.index);
  }

  /** The text of the status-bar cursor item, e.g. "Ln 12, Col 1 (20 selected)". */
  async cursorStatus(): Promise<string> {
    return (await this.page.locator('[id="status.editor.selection"]').innerText()).trim();
  }

  /** Waits until the cursor stands at exactly line `line`, column `column` (1-based, as the status bar shows them) with nothing selected. */
  async waitForCursorAt(line: number, column: number, timeout = 10_000): Promise<void> {
    await this.page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`^\\s*Ln ${line}, Col ${column}\\s*$`) }).waitFor({ timeout });
  }

  /** Waits until the status-bar cursor item starts with `prefix`, e.g. "Ln 10, Col 1". */
  async waitForCursorStatus(prefix: string, timeout = 10_000): Promise<void> {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`^\\s*${escaped}`) }).waitFor({ timeout });
  }

  /**
   * Waits until the first editor reads word-wrapped: more lines on screen than numbered lines. A speech
   * shows unwrapped and is turned to word wrap right after, which redraws it (and hides an editor message).
   */
  async waitForWordWrap(timeout = 10_000): Promise<void> {
    const editor = await this.page.locator('.editor-instance .monaco-editor').first().elementHandle({ timeout });
    await this.page.waitForFunction(
      (el) => {
        const screen = el!.querySelectorAll('.view-lines .view-line').length;
        const numbered = [...el!.querySelectorAll('.margin-view-overlays .line-numbers')].filter((n) => n.textContent?.trim()).length;
        return screen > numbered;
      },
      editor,
      { timeout },
    );
  }

  /** The extension's corpus status-bar item (its id is the extension's id plus the item's). */
  corpusStatusItem(): Locator {
    return this.page.locator(`.statusbar .statusbar-item[id="${EXTENSION_ID}.speechDrafter.corpusStatus"]`);
  }

  /**
   * Waits until the extension says its corpus index is ready — the status item's library icon, in any
   * display language (a draft must be the active editor) — and returns the number of speeches it
   * shows and its accessible label (which says how the index was had). Waits on state, not on a log.
   */
  async corpusReady(timeout = 120_000, atLeast = 1): Promise<{ speeches: number; label: string }> {
    const item = this.corpusStatusItem();
    const deadline = Date.now() + timeout;
    /** Waits for `icon` in the status item until the deadline; false when the deadline passed first. */
    const shows = (icon: string) =>
      item
        .locator(icon)
        .waitFor({ timeout: Math.max(1, deadline - Date.now()) })
        .then(
          () => true,
          (error: unknown) => {
            if (error instanceof errors.TimeoutError) return false;
            throw error;
          },
        );
    for (;;) {
      const ready = await shows('.codicon-library');
      const text = (await item.innerText({ timeout: 5_000 }).catch(() => '(no corpus status item)')).trim();
      const label = (await item.locator('a').getAttribute('aria-label', { timeout: 5_000 }).catch(() => null)) ?? '';
      const speeches = Number(/([\d,]+)/.exec(text)?.[1].replace(/,/g, '') ?? NaN);
      if (ready && speeches >= atLeast) return { speeches, label };
      if (Date.now() >= deadline) {
        // Looked at now: a wait that ran out at the deadline may have missed the icon by a moment.
        const readyNow = ready || (await item.locator('.codicon-library').isVisible());
        const state = readyNow ? `a ready index of ${speeches} speeches` : 'no ready index';
        throw new Error(`after ${timeout / 1000} s the corpus status shows ${state}, not at least ${atLeast}: 「${text}」 (${label || 'no label'})`);
      }
      // A smaller corpus is still shown while the one the settings name loads: wait for the change.
      await shows('.codicon-sync');
    }
  }

  /**
   * Runs `action` (a command that reloads the corpus) and waits until that reload has finished: the
   * status item's spinner appears (caught by a DOM observer however briefly it shows), then the
   * library icon again.
   */
  async corpusReloadedBy(action: () => Promise<void>, timeout = 120_000): Promise<{ speeches: number; label: string }> {
    const spinning = this.corpusStatusItem().locator('.codicon-sync').waitFor({ state: 'attached', timeout });
    await action();
    await spinning;
    return this.corpusReady(timeout);
  }

  /** Our extension's output-channel log ("讲稿助手") as written by the extension host. */
  extensionLog(): string {
    const logs = join(this.userDataDir, 'logs');
    const found = findFiles(logs, (name) => name.endsWith('讲稿助手.log'));
    return found.map((f) => readFileSync(f, 'utf8')).join('\n');
  }

  /**
   * Activation time as VS Code itself measured it, read from Developer: Show Running Extensions
   * ("Activation: 12ms"), or undefined when the editor doesn't show it.
   */
  async measuredActivationMs(displayName: string): Promise<number | undefined> {
    await this.runCommand('Developer: Show Running Extensions');
    const row = this.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName }).first();
    await row.waitFor({ timeout: 15_000 });
    const text = await row.innerText();
    const match = /(\d+(?:\.\d+)?)\s*ms/.exec(text);
    return match ? Number(match[1]) : undefined;
  }

  /** Closes chromium, ends code-server's whole process group and removes the temp dirs. */
  /** Ends the session in a suite's `after` hook: its files are kept, and named, when a test of the suite failed. */
  async closeAfterSuite(context: Mocha.Context): Promise<void> {
    const failed = context.test?.parent?.tests.some((t) => t.state === 'failed') ?? false;
    await this.close({ keepFiles: failed });
    if (failed) console.log(`      kept ${this.root} for inspection`);
  }

  async close({ keepFiles = false } = {}): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await stopProcessGroup(this.server);
    if (!keepFiles && !process.env.E2E_KEEP) rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * How many characters at the end of the typed `line` a suggestion `label` replaces (its start is typed
 * text), 0 when it does not continue the line: the longest such overlap that still leaves something added.
 */
export function overlap(line: string, label: string): number {
  for (let k = Math.min(line.length, label.length - 1); k >= 1; k--) if (line.endsWith(label.slice(0, k))) return k;
  return 0;
}

/** The typed `line` once the suggestion `label` is accepted: the text it replaces becomes the item. */
export function accepted(line: string, label: string): string {
  return line.slice(0, line.length - overlap(line, label)) + label;
}

let browserChecked = false;
/** Fails early, naming the Debian package, when the browser is missing; warns when no CJK font is installed. */
function checkBrowser(): void {
  if (browserChecked) return;
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install the Debian package chromium (sudo bash scripts/setup-system.sh)`);
  }
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0 && !fonts.stdout.trim()) {
    console.warn('      (no CJK font installed: screenshots will show boxes for Chinese; install fonts-wqy-microhei)');
  }
  browserChecked = true;
}

async function stopProcessGroup(server: ChildProcess): Promise<void> {
  const pid = server.pid;
  if (!pid) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false; // The group is gone.
    }
  };
  if (signalGroup('SIGTERM')) {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && signalGroup(0 as unknown as NodeJS.Signals)) await new Promise((r) => setTimeout(r, 100));
    signalGroup('SIGKILL');
  }
  liveGroups.delete(pid);
}

function findFiles(dir: string, match: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(full, match));
    else if (match(entry.name)) out.push(full);
  }
  return out;
}

function tail(file: string, bytes = 4000): string {
  if (!existsSync(file)) return '(no log)';
  const text = readFileSync(file, 'utf8');
  return text.length > bytes ? text.slice(-bytes) : text;
}

let metricsStarted = false;
/** Adds numbers to test-results/e2e-metrics.json (the run's report reads them) and prints them; each test run starts it afresh. */
export function recordMetrics(values: Record<string, unknown>): void {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, 'e2e-metrics.json');
  const current =
    metricsStarted && existsSync(file) && statSync(file).size ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  metricsStarted = true;
  writeFileSync(file, JSON.stringify({ ...current, ...values }, null, 2) + '\n');
  console.log(`      e2e metrics: ${JSON.stringify(values)}`);
}
