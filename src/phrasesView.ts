// The 常用提法 view: the corpus's mined phrases in three groups (排比, 引语, 常用提法) with how often
// and in how many speeches each is used (12 篇 · 13 次); formulations come most distinctive first.
// A click inserts the phrase at the cursor of the draft being written (a quotation with its
// attribution and marks); the context menu opens a speech where it occurs; a filter narrows the lists.
import * as vscode from 'vscode';
import { snippetOf } from './core/complete';
import type { MinedItems } from './core/phrases';
import { insertionText, pageOf, PhraseCatalog, type PhraseEntry, type PhraseGroup, type PhraseGroupKind, type PhraseMatch } from './core/phrases/phraseGroups';
import type { Corpus } from './corpus';
import type { Feature } from './feature';
import { isDraft } from './drafts';
import { insertAtCursor } from './search';
import { showSpeech } from './speechDocuments';

export const PHRASES_VIEW_ID = 'speechDrafter.phrases';
/** Context key: a filter narrows the view (shows the clear-filter button). */
const FILTER_ACTIVE_KEY = 'speechDrafter.phraseFilterActive';

export const PhraseCommands = {
  insertPhrase: 'speechDrafter.insertPhrase',
  showPhraseOccurrences: 'speechDrafter.showPhraseOccurrences',
  filterPhrases: 'speechDrafter.filterPhrases',
  clearPhraseFilter: 'speechDrafter.clearPhraseFilter',
  /** The "more…" row of a group (not in the palette). */
  showMorePhrases: 'speechDrafter.showMorePhrases',
} as const;

/** Rows a group shows at first, and how many more each "more…" click adds: a corpus mines thousands of formulations. */
const PAGE_SIZE = 50;

type PhraseNode =
  | { type: 'group'; group: PhraseGroup }
  | { type: 'phrase'; match: PhraseMatch }
  | { type: 'more'; kind: PhraseGroupKind; hidden: number };

const GROUP_ICON: Record<PhraseGroupKind, string> = { parallel: 'list-ordered', quotation: 'quote', formulation: 'symbol-string' };

function groupName(kind: PhraseGroupKind): string {
  switch (kind) {
    case 'parallel':
      return vscode.l10n.t('排比 Parallel groups');
    case 'quotation':
      return vscode.l10n.t('引语 Quotations');
    case 'formulation':
      return vscode.l10n.t('常用提法 Formulations');
  }
}

/** "12 speeches · 13 times" (12 篇 · 13 次) — how widely the corpus uses a phrase. */
export function usage(entry: Pick<PhraseEntry, 'docs' | 'count'>): string {
  const docs = entry.docs === 1 ? vscode.l10n.t('1 speech') : vscode.l10n.t('{0} speeches', entry.docs.toLocaleString());
  const times = entry.count === 1 ? vscode.l10n.t('once') : vscode.l10n.t('{0} times', entry.count.toLocaleString());
  return `${docs} · ${times}`;
}

function phraseTooltip(entry: PhraseEntry): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  if (entry.attribution) md.appendText(`${entry.attribution}：`).appendMarkdown('\n\n');
  md.appendMarkdown('**').appendText(entry.text).appendMarkdown('**\n\n');
  if (entry.suspectSlip) {
    const slip = entry.slipOf
      ? vscode.l10n.t('Possibly a slip of 「{0}」, which the corpus uses more often.', entry.slipOf)
      : vscode.l10n.t('Possibly a slip of a formulation the corpus uses more often.');
    md.appendText(slip).appendMarkdown('\n\n');
  }
  md.appendText(usage(entry));
  if (entry.where.length) {
    md.appendMarkdown('\n\n').appendText(vscode.l10n.t('In: {0}', entry.where.map((w) => `《${w.title}》`).join('、')));
  }
  md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to insert at the cursor; right-click to see where it occurs.'));
  return md;
}

class PhraseTreeProvider implements vscode.TreeDataProvider<PhraseNode> {
  private readonly emitter = new vscode.EventEmitter<PhraseNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  private catalog: { mined: MinedItems; catalog: PhraseCatalog } | undefined;
  private groups: PhraseGroup[] | undefined;
  private shown = new Map<PhraseGroupKind, number>();
  private filterText = '';
  view: vscode.TreeView<PhraseNode> | undefined;

  constructor(private readonly corpus: Corpus) {}

  get filter(): string {
    return this.filterText;
  }

  setFilter(filter: string): void {
    const next = filter.trim();
    if (next === this.filterText) return;
    this.filterText = next;
    this.shown.clear();
    void vscode.commands.executeCommand('setContext', FILTER_ACTIVE_KEY, next.length > 0);
    this.refresh();
  }

  showMore(kind: PhraseGroupKind): void {
    this.shown.set(kind, (this.shown.get(kind) ?? PAGE_SIZE) + PAGE_SIZE);
    // The groups stay as computed; only the rows shown change.
    this.emitter.fire(undefined);
  }

  refresh(): void {
    this.groups = undefined;
    this.emitter.fire(undefined);
  }

  async getChildren(element?: PhraseNode): Promise<PhraseNode[]> {
    if (!element) {
      const groups = await this.currentGroups();
      return groups.filter((group) => group.matches.length > 0).map((group) => ({ type: 'group', group }));
    }
    if (element.type !== 'group') return [];
    const { kind, matches } = element.group;
    const page = pageOf(matches, this.shown.get(kind) ?? PAGE_SIZE);
    const rows: PhraseNode[] = page.items.map((match) => ({ type: 'phrase', match }));
    if (page.hidden > 0) rows.push({ type: 'more', kind, hidden: page.hidden });
    return rows;
  }

  getTreeItem(element: PhraseNode): vscode.TreeItem {
    switch (element.type) {
      case 'group': {
        const { kind, matches, total } = element.group;
        // Unfiltered, the groups start collapsed (an overview with counts); a filter opens every group
        // that matches. Separate ids let VS Code remember each state on its own.
        const { Collapsed, Expanded } = vscode.TreeItemCollapsibleState;
        const item = new vscode.TreeItem(groupName(kind), this.filterText ? Expanded : Collapsed);
        item.id = `${this.filterText ? 'filtered' : 'group'}:${kind}`;
        item.description = this.filterText ? `${matches.length.toLocaleString()} / ${total.toLocaleString()}` : total.toLocaleString();
        item.iconPath = new vscode.ThemeIcon(GROUP_ICON[kind]);
        item.contextValue = 'phraseGroup';
        return item;
      }
      case 'phrase': {
        const { entry, highlights } = element.match;
        const item = new vscode.TreeItem({ label: entry.text, highlights }, vscode.TreeItemCollapsibleState.None);
        const slip = entry.suspectSlip ? `${vscode.l10n.t('possible slip')} · ` : '';
        item.description = slip + (entry.speaker ? `${entry.speaker} · ${usage(entry)}` : usage(entry));
        if (entry.suspectSlip) item.iconPath = new vscode.ThemeIcon('warning');
        item.tooltip = phraseTooltip(entry);
        item.contextValue = 'phrase';
        item.accessibilityInformation = { label: `${entry.text}, ${usage(entry)}` };
        item.command = { command: PhraseCommands.insertPhrase, title: vscode.l10n.t('Insert at Cursor'), arguments: [entry] };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('More… ({0} more)', element.hidden.toLocaleString()), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'phraseMore';
        item.command = { command: PhraseCommands.showMorePhrases, title: vscode.l10n.t('Show More'), arguments: [element.kind] };
        return item;
      }
    }
  }

  /** The groups for the current corpus and filter; loads the corpus on first use. */
  private async currentGroups(): Promise<PhraseGroup[]> {
    if (this.groups) return this.groups;
    this.showMessage();
    const { mined } = (await this.corpus.ready).index;
    if (this.catalog?.mined !== mined) this.catalog = { mined, catalog: new PhraseCatalog(mined) };
    this.groups = this.catalog.catalog.groups(this.filterText);
    this.showMessage();
    return this.groups;
  }

  /** What the view says above the tree: indexing, the filter and its result, or that nothing was mined. */
  showMessage(): void {
    const view = this.view;
    if (!view) return;
    view.description = this.filterText ? vscode.l10n.t('Filter: {0}', this.filterText) : undefined;
    if (!this.corpus.isReady) {
      view.message = vscode.l10n.t('Indexing…');
      return;
    }
    const groups = this.groups;
    if (!groups) return;
    const total = groups.reduce((n, g) => n + g.total, 0);
    const matched = groups.reduce((n, g) => n + g.matches.length, 0);
    if (!total) view.message = vscode.l10n.t('No phrases yet: the corpus has too few speeches that share wording.');
    else if (!this.filterText) view.message = undefined;
    else if (!matched) view.message = vscode.l10n.t('Nothing in the corpus matches “{0}”.', this.filterText);
    else view.message = vscode.l10n.t('{0} of {1} phrases match “{2}”.', matched.toLocaleString(), total.toLocaleString(), this.filterText);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** An InputBox that filters as the writer types; Escape puts the previous filter back. */
function askFilter(provider: PhraseTreeProvider): void {
  const input = vscode.window.createInputBox();
  const previous = provider.filter;
  input.title = vscode.l10n.t('Filter Phrases');
  input.prompt = vscode.l10n.t('Words anywhere in a phrase (punctuation and full/half width ignored); separate several with spaces. Quotations are also found by who is quoted.');
  input.placeholder = vscode.l10n.t('e.g. 四个意识');
  input.value = previous;
  let accepted = false;
  const disposables: vscode.Disposable[] = [
    input,
    input.onDidChangeValue((value) => provider.setFilter(value)),
    input.onDidAccept(() => {
      accepted = true;
      provider.setFilter(input.value);
      input.hide();
    }),
    input.onDidHide(() => {
      if (!accepted) provider.setFilter(previous);
      vscode.Disposable.from(...disposables).dispose();
    }),
  ];
  input.show();
}

/** The editor a phrase goes into: the active draft, else a visible one, else the last draft written in (brought back). */
async function targetDraft(lastDraft: vscode.TextEditor | undefined): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (active && isDraft(active.document)) return active;
  const visible = vscode.window.visibleTextEditors.filter((e) => isDraft(e.document));
  const last = lastDraft && !lastDraft.document.isClosed ? lastDraft : undefined;
  const editor = visible.find((e) => e.document === last?.document) ?? visible[0];
  if (editor) return editor;
  // Opening a speech to see where a phrase occurs hides the draft; the next click goes back to it.
  return last ? vscode.window.showTextDocument(last.document, { viewColumn: last.viewColumn }) : undefined;
}

/**
 * Inserts at every cursor as one edit (one undo): a quotation with its attribution and marks
 * (习近平总书记强调：“…”); a phrase with `*` placeholders becomes a snippet with tab stops.
 */
async function insertPhrase(entry: PhraseEntry, lastDraft: vscode.TextEditor | undefined): Promise<void> {
  const text = insertionText(entry);
  const target = await targetDraft(lastDraft);
  if (!target) {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(vscode.l10n.t('No Markdown or plain-text draft is open; the phrase was copied to the clipboard.'));
    return;
  }
  // Focus the draft first: a snippet's tab stops only work in the focused editor, and the writer types on.
  const editor = await vscode.window.showTextDocument(target.document, target.viewColumn);
  const snippet = snippetOf(text);
  if (snippet) await editor.insertSnippet(new vscode.SnippetString(snippet), editor.selections);
  else await insertAtCursor(editor, text);
}

/** Opens a speech where the phrase occurs, at that line; asks which when several speeches use it. */
async function showOccurrences(corpus: Corpus, entry: PhraseEntry): Promise<void> {
  const loaded = await corpus.ready;
  const places = entry.where.flatMap((w) => {
    const doc = loaded.byId(w.docId);
    return doc ? [{ w, doc }] : [];
  });
  if (!places.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This speech is no longer in the corpus.'));
    return;
  }
  let chosen = places[0];
  if (places.length > 1) {
    const picked = await vscode.window.showQuickPick(
      places.map((p) => ({
        label: p.doc.title,
        description: vscode.l10n.t('Line {0}', p.w.line + 1),
        detail: p.doc.text.split('\n', p.w.line + 1)[p.w.line]?.trim(),
        place: p,
      })),
      {
        title: vscode.l10n.t('Where “{0}” occurs', entry.text.length > 24 ? `${entry.text.slice(0, 24)}…` : entry.text),
        placeHolder: vscode.l10n.t('Used in {0} speeches; open which?', entry.docs.toLocaleString()),
        matchOnDescription: true,
        matchOnDetail: true,
      },
    );
    if (!picked) return;
    chosen = picked.place;
  }
  await showSpeech(chosen.doc, chosen.w.line);
}

/** What the tree, its context menu and callers pass: a PhraseEntry or a row holding one. */
function entryFromArg(arg: unknown): PhraseEntry | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as { type?: string; match?: PhraseMatch; text?: unknown };
  if (node.type === 'phrase' && node.match) return node.match.entry;
  return typeof node.text === 'string' ? (arg as PhraseEntry) : undefined;
}

export const registerPhrasesView: Feature = (context) => {
  const { corpus } = context;
  const provider = new PhraseTreeProvider(corpus);
  const view = vscode.window.createTreeView(PHRASES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  let lastDraft = vscode.window.activeTextEditor && isDraft(vscode.window.activeTextEditor.document) ? vscode.window.activeTextEditor : undefined;
  return vscode.Disposable.from(
    provider,
    view,
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && isDraft(editor.document)) lastDraft = editor;
    }),
    corpus.onDidStartLoading(() => provider.showMessage()),
    corpus.onDidChange(() => provider.refresh()),
    vscode.commands.registerCommand(PhraseCommands.insertPhrase, async (arg: unknown) => {
      const entry = entryFromArg(arg);
      if (entry) await insertPhrase(entry, lastDraft);
    }),
    vscode.commands.registerCommand(PhraseCommands.showPhraseOccurrences, async (arg: unknown) => {
      const entry = entryFromArg(arg);
      if (entry) await showOccurrences(corpus, entry);
    }),
    vscode.commands.registerCommand(PhraseCommands.filterPhrases, () => askFilter(provider)),
    vscode.commands.registerCommand(PhraseCommands.clearPhraseFilter, () => provider.setFilter('')),
    vscode.commands.registerCommand(PhraseCommands.showMorePhrases, (kind: PhraseGroupKind) => provider.showMore(kind)),
  );
};
