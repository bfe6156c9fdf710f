// 版面预览: the active draft laid out on pages — 公文 (22 lines × 28 characters) or 讲话稿 — as the
// .docx will have them (the same layout, src/core/export/layout.ts), following edits within 200 ms
// of the last keystroke (a 50 ms pause, then about 1 ms of layout for 10,000 字), so the writer sees the page count and the page breaks before exporting.
//
// The webview has a strict Content-Security-Policy (nothing remote, a nonce for its one script and
// style) and receives the pages as data: the draft's text is only ever set as DOM text, never markup.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { EXPORT_FORMATS, formatSpec, lengthNote, previewPages, type ExportFormat } from './core/export';
import { PAGE, TEXT_WIDTH } from './core/export/formats';
import { currentExportSettings, EXPORT_SECTION, formatLabel } from './exportDocx';
import type { Feature } from './feature';
import { SPEECH_SCHEME } from './speechDocuments';
import { SPEAKING_RATE_SETTING } from './statusBar';

export const PreviewCommands = { previewPages: 'speechDrafter.previewPages' } as const;

const DRAFT_LANGUAGES = new Set(['markdown', 'plaintext']);
/** Laying out a long draft on every keystroke is wasted work; after this pause the preview follows. */
const UPDATE_DELAY_MS = 50;

const isDraft = (doc: vscode.TextDocument | undefined): doc is vscode.TextDocument =>
  !!doc && DRAFT_LANGUAGES.has(doc.languageId) && doc.uri.scheme !== SPEECH_SCHEME;

/** The data the webview draws: pages of lines, in points, plus what the header says. */
export interface PreviewMessage {
  type: 'pages';
  /** Increases with every update, for tests and to drop stale ones. */
  version: number;
  format: ExportFormat;
  formatLabel: string;
  fileName: string;
  pageCount: number;
  /** 讲话稿: the first page header's 「全文 N 字 · 约 M 分钟」. */
  note?: string;
  layoutMs: number;
  /** When the extension host sent it (Date.now()), to measure the way to the page. */
  sentAt: number;
  labels: { page: string; pages: string; grid: string; empty: string; formats: Record<ExportFormat, string> };
  geometry: { pageWidth: number; pageHeight: number; left: number; top: number; textWidth: number; lineHeight: number; bodyPt: number; titlePt: number; footerTop: number; pageNumbers: 'outside' | 'centre' };
  fonts: { title: string[]; body: string[]; heading1: string[]; heading2: string[]; pageNumber: string[] };
  bold3: boolean;
  pages: { role: string; text: string; level: number; headingChars: number; align: string; indent: number; last: boolean }[][];
}

class PagePreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private format: ExportFormat = 'gongwen';
  private timer: NodeJS.Timeout | undefined;
  private version = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.panel && isDraft(e?.document) && e.document !== this.document) {
          this.document = e.document;
          this.update();
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.document) this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) this.document = undefined;
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.panel && (e.affectsConfiguration(EXPORT_SECTION) || e.affectsConfiguration(SPEAKING_RATE_SETTING))) this.update();
      }),
    );
  }

  show(arg?: unknown): void {
    const target = arg instanceof vscode.Uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString()) : undefined;
    const active = vscode.window.activeTextEditor?.document;
    this.document = target ?? (isDraft(active) ? active : this.document);
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      this.panel = vscode.window.createWebviewPanel('speechDrafter.pagePreview', vscode.l10n.t('Page Preview'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.webview.onDidReceiveMessage((m: { type?: string; format?: string }) => {
        if (m?.type === 'ready') this.update();
        if (m?.type === 'format' && EXPORT_FORMATS.includes(m.format as ExportFormat)) {
          this.format = m.format as ExportFormat;
          this.update();
        }
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        clearTimeout(this.timer);
      });
    }
    this.update();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), UPDATE_DELAY_MS);
  }

  private update(): void {
    clearTimeout(this.timer);
    if (!this.panel) return;
    const doc = this.document;
    const settings = currentExportSettings(doc?.uri);
    const spec = formatSpec(this.format, settings.speechFontSize);
    const started = performance.now();
    const input = { text: doc?.getText() ?? '', markdown: doc?.languageId === 'markdown' };
    const layout = previewPages(input, this.format, settings);
    const layoutMs = performance.now() - started;
    const pt = (twips: number) => twips / 20;
    const message: PreviewMessage = {
      type: 'pages',
      version: ++this.version,
      format: this.format,
      formatLabel: formatLabel(this.format),
      fileName: doc ? doc.uri.path.split('/').pop() ?? '' : '',
      pageCount: doc ? layout.pages.length : 0,
      note: doc && this.format === 'speech' && settings.speechShowLength ? lengthNote(input, settings.speakingRate) : undefined,
      layoutMs,
      sentAt: Date.now(),
      labels: {
        page: vscode.l10n.t('page'),
        pages: vscode.l10n.t('pages'),
        grid: vscode.l10n.t('{0} lines × {1} characters a page', spec.linesPerPage, spec.charsPerLine),
        empty: vscode.l10n.t('Open a Markdown or plain-text draft: its pages show here.'),
        formats: { gongwen: formatLabel('gongwen'), speech: formatLabel('speech') },
      },
      geometry: {
        pageWidth: pt(PAGE.width),
        pageHeight: pt(PAGE.height),
        left: pt(PAGE.left),
        top: pt(PAGE.top),
        textWidth: pt(TEXT_WIDTH),
        lineHeight: pt(spec.lineTwips),
        bodyPt: spec.bodyPt,
        titlePt: spec.titlePt,
        footerTop: pt(PAGE.height - PAGE.bottom) + 19.8, // the 一字线 7 mm below the 版心
        pageNumbers: spec.pageNumbers,
      },
      fonts: settings.fonts,
      bold3: settings.boldLevel3,
      pages: doc
        ? layout.pages.map((p) =>
            p.lines.map((l) => ({ role: l.role, text: l.text, level: l.level ?? 0, headingChars: l.headingChars, align: l.align, indent: pt(l.indent), last: l.last })),
          )
        : [],
    };
    void this.panel.webview.postMessage(message);
    this.panel.title = doc ? vscode.l10n.t('Page Preview: {0}', message.fileName) : vscode.l10n.t('Page Preview');
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${webview.cspSource} data:; font-src 'none';`;
    return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${PREVIEW_CSS}</style>
</head>
<body>
<header id="bar"><span id="file"></span><span id="formats"></span><span id="summary"><strong id="page-count">0</strong> <span id="pages-label"></span> · <span id="grid"></span></span></header>
<main id="pages"></main>
<script nonce="${nonce}">${PREVIEW_SCRIPT}</script>
</body>
</html>`;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

const PREVIEW_CSS = `
body { margin: 0; padding: 0; background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
#bar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 6px 12px; background: var(--vscode-sideBar-background, var(--vscode-editor-background)); border-bottom: 1px solid var(--vscode-panel-border, transparent); font-size: 12px; }
#file { font-weight: 600; }
#formats button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: none; padding: 2px 8px; cursor: pointer; }
#formats button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
#pages { padding: 16px; display: flex; flex-direction: column; align-items: center; gap: 16px; }
.page { position: relative; background: #fff; color: #000; box-shadow: 0 1px 6px rgba(0,0,0,.35); overflow: hidden; flex: none; }
.page .line { position: absolute; white-space: nowrap; overflow: visible; line-height: 1; }
.page .justify { text-align: justify; text-align-last: justify; text-justify: inter-character; }
.page .center { text-align: center; }
.page .left { text-align: left; }
.page .number { position: absolute; white-space: nowrap; line-height: 1; }
.page .label { position: absolute; top: 4px; left: 6px; font-size: 10px; color: #999; font-family: sans-serif; }
.empty { opacity: .7; padding: 24px; }
`;

// The webview's script: builds the pages from the message with DOM calls and textContent only.
const PREVIEW_SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  let last;
  const quote = (name) => '"' + String(name).replace(/["\\\\]/g, '') + '"';
  const family = (list, generic) => list.map(quote).join(', ') + ', ' + generic;
  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function render(m) {
    const g = m.geometry;
    const width = Math.max(200, Math.min(document.body.clientWidth - 32, 720));
    const s = width / g.pageWidth;
    const fonts = {
      title: family(m.fonts.title.concat(['华文中宋', 'STZhongsong', '宋体', 'SimSun', 'Songti SC', 'AR PL SungtiL GB', 'Noto Serif CJK SC']), 'serif'),
      body: family(m.fonts.body.concat(['仿宋', 'FangSong', 'STFangsong', 'AR PL SungtiL GB', 'Noto Serif CJK SC']), 'serif'),
      h1: family(m.fonts.heading1.concat(['SimHei', 'STHeiti', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC']), 'sans-serif'),
      h2: family(m.fonts.heading2.concat(['楷体', 'KaiTi', 'STKaiti', 'AR PL KaitiM GB']), 'serif'),
      number: family(m.fonts.pageNumber.concat(['SimSun', 'Songti SC', 'AR PL SungtiL GB']), 'serif'),
    };
    document.getElementById('file').textContent = m.fileName;
    document.getElementById('page-count').textContent = String(m.pageCount);
    document.getElementById('pages-label').textContent = m.pageCount === 1 ? m.labels.page : m.labels.pages;
    document.getElementById('grid').textContent = m.formatLabel + ' · ' + m.labels.grid;
    const formats = document.getElementById('formats');
    formats.replaceChildren();
    for (const f of ['gongwen', 'speech']) {
      const b = el('button', '', m.labels.formats[f]);
      b.setAttribute('aria-pressed', String(f === m.format));
      b.addEventListener('click', () => vscode.postMessage({ type: 'format', format: f }));
      formats.appendChild(b);
    }
    const main = document.getElementById('pages');
    const frag = document.createDocumentFragment();
    if (!m.pages.length) frag.appendChild(el('p', 'empty', m.labels.empty));
    m.pages.forEach((lines, i) => {
      const page = el('section', 'page');
      page.style.width = g.pageWidth * s + 'px';
      page.style.height = g.pageHeight * s + 'px';
      page.setAttribute('aria-label', String(i + 1));
      lines.forEach((l, k) => {
        const size = l.role === 'title' ? g.titlePt : g.bodyPt;
        const line = el('div', 'line ' + (l.align === 'justify' && !l.last ? 'justify' : l.align === 'center' ? 'center' : 'left'));
        line.style.left = (g.left + l.indent) * s + 'px';
        line.style.width = (g.textWidth - l.indent) * s + 'px';
        line.style.top = (g.top + k * g.lineHeight + (g.lineHeight - size) * 0.6) * s + 'px';
        line.style.fontSize = size * s + 'px';
        const own = l.role === 'title' ? fonts.title : l.role === 'subtitle' || l.role === 'byline' ? fonts.h2 : l.role === 'heading' ? (l.level === 1 ? fonts.h1 : l.level === 2 ? fonts.h2 : fonts.body) : fonts.body;
        line.style.fontFamily = l.role === 'heading' ? fonts.body : own;
        if (l.role === 'heading' && l.headingChars > 0) {
          const head = el('span', '', l.text.slice(0, l.headingChars));
          head.style.fontFamily = own;
          if (l.level === 3 && m.bold3) head.style.fontWeight = 'bold';
          line.appendChild(head);
          line.appendChild(document.createTextNode(l.text.slice(l.headingChars)));
        } else {
          line.textContent = l.text;
        }
        page.appendChild(line);
      });
      const n = i + 1;
      const number = el('div', 'number', '— ' + n + ' —');
      number.style.fontSize = 14 * s + 'px';
      number.style.fontFamily = fonts.number;
      number.style.top = g.footerTop * s + 'px';
      const oneChar = g.bodyPt * s;
      if (g.pageNumbers === 'centre') { number.style.left = '0'; number.style.width = '100%'; number.style.textAlign = 'center'; }
      else if (n % 2 === 1) number.style.right = ((g.pageWidth - g.left - g.textWidth) * s + oneChar) + 'px';
      else number.style.left = (g.left * s + oneChar) + 'px';
      page.appendChild(number);
      page.appendChild(el('span', 'label', String(n)));
      if (n === 1 && m.note) {
        const note = el('div', 'number', m.note);
        note.style.fontSize = 14 * s + 'px';
        note.style.fontFamily = fonts.h2;
        note.style.top = 42.5 * s + 'px'; // the header, 15 mm from the top
        note.style.right = (g.pageWidth - g.left - g.textWidth) * s + 'px';
        page.appendChild(note);
      }
      frag.appendChild(page);
    });
    main.replaceChildren(frag);
    document.body.dataset.version = String(m.version);
    document.body.dataset.updatedAt = String(Date.now());
    document.body.dataset.layoutMs = m.layoutMs.toFixed(1);
    document.body.dataset.sentAt = String(m.sentAt);
  }
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || m.type !== 'pages' || (last && m.version < last.version)) return;
    last = m;
    render(m);
  });
  let resize;
  window.addEventListener('resize', () => { clearTimeout(resize); resize = setTimeout(() => last && render(last), 100); });
  vscode.postMessage({ type: 'ready' });
})();
`;

export const registerPagePreview: Feature = ({ extension }) => {
  const preview = new PagePreview(extension.extensionUri);
  return vscode.Disposable.from(preview, vscode.commands.registerCommand(PreviewCommands.previewPages, (arg?: unknown) => preview.show(arg)));
};
