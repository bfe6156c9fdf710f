// The 素材库 view: kind (with count) → speech → its outline, nested by level.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CORPUS_SECTION, type Corpus, type LoadedCorpus } from './corpus';
import { CORPUS_EXTENSIONS } from './core/corpus';
import { groupByKind, nestHeadings, openingLines, speechLength, type OutlineNode } from './core/outlineTree';
import type { SpeechDocument, SpeechKind, SpeechVersion } from './core/types';
import type { Feature } from './feature';
import { SpeechCommands, openSourceFile } from './speechDocuments';

export const CORPUS_VIEW_ID = 'speechDrafter.corpus';
/** Context key for the welcome view: true once a load finished with no speeches. */
const CORPUS_EMPTY_KEY = 'speechDrafter.corpusEmpty';
/** A kind with more speeches than this starts collapsed, so a large corpus does not flood the view. */
const EXPAND_KIND_MAX = 50;

export const TreeCommands = {
  refresh: 'speechDrafter.refreshCorpus',
  addFolder: 'speechDrafter.addCorpusFolder',
  openVersion: 'speechDrafter.openVersion',
} as const;

type CorpusNode =
  | { type: 'kind'; kind: SpeechKind; documents: SpeechDocument[] }
  | { type: 'speech'; doc: SpeechDocument; parent: CorpusNode }
  /** 「另有 N 个版本」: the other copies of a speech (saved again, edited, in a compilation), counted once. */
  | { type: 'versions'; doc: SpeechDocument; parent: CorpusNode }
  | { type: 'version'; doc: SpeechDocument; version: SpeechVersion; parent: CorpusNode }
  | { type: 'heading'; doc: SpeechDocument; node: OutlineNode; parent: CorpusNode };

/**
 * Where a speech comes from, as the row says it: the file's name, or "sample corpus" for the bundled
 * sample (its file names are numbers and hashes that tell a reader nothing). The full path is in the tooltip.
 */
function sourceName(doc: { source: string }, sampleDir?: string): string {
  if (!doc.source) return '';
  const rel = sampleDir === undefined ? '..' : path.relative(sampleDir, doc.source);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return vscode.l10n.t('sample corpus');
  return path.basename(doc.source);
}

const linesLabel = (lines: [number, number]) => vscode.l10n.t('lines {0}–{1}', lines[0] + 1, lines[1] + 1);
const versionsLabel = (doc: SpeechDocument) => vscode.l10n.t('{0} other versions', doc.versions?.length ?? 0);

function speechTooltip(doc: SpeechDocument): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(doc.title).appendMarkdown('**\n\n');
  md.appendText(`${doc.kind} · ${vscode.l10n.t('{0} chars', speechLength(doc.text).toLocaleString())}`);
  if (doc.source) md.appendMarkdown('\n\n').appendText(`${doc.source} · ${linesLabel(doc.sourceLines)}`);
  for (const line of openingLines(doc)) md.appendMarkdown('\n\n> ').appendText(line);
  if (doc.versions?.length) md.appendMarkdown('\n\n').appendText(`${versionsLabel(doc)}: ${doc.versions.map((v) => sourceName(v)).join('、')}`);
  return md;
}

class CorpusTreeProvider implements vscode.TreeDataProvider<CorpusNode> {
  private readonly emitter = new vscode.EventEmitter<CorpusNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly corpus: Corpus,
    /** The bundled sample corpus (media/corpus of the extension). */
    private readonly sampleDir: string,
  ) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(element?: CorpusNode): Promise<CorpusNode[]> {
    if (!element) {
      const loaded = await this.corpus.ready;
      return groupByKind(loaded.documents).map((g) => ({ type: 'kind', kind: g.kind, documents: g.documents }));
    }
    switch (element.type) {
      case 'kind':
        return element.documents.map((doc) => ({ type: 'speech', doc, parent: element }));
      case 'speech': {
        const headings: CorpusNode[] = nestHeadings(element.doc.headings).map((node) => ({ type: 'heading', doc: element.doc, node, parent: element }));
        return element.doc.versions?.length ? [{ type: 'versions', doc: element.doc, parent: element }, ...headings] : headings;
      }
      case 'versions':
        return (element.doc.versions ?? []).map((version) => ({ type: 'version', doc: element.doc, version, parent: element }));
      case 'version':
        return [];
      case 'heading':
        return element.node.children.map((node) => ({ type: 'heading', doc: element.doc, node, parent: element }));
    }
  }

  /** Tooltips are built on hover only: a large corpus has thousands of speeches. */
  resolveTreeItem(item: vscode.TreeItem, element: CorpusNode): vscode.TreeItem {
    if (element.type === 'speech') item.tooltip = speechTooltip(element.doc);
    return item;
  }

  getParent(element: CorpusNode): CorpusNode | undefined {
    return element.type === 'kind' ? undefined : element.parent;
  }

  getTreeItem(element: CorpusNode): vscode.TreeItem {
    const { Collapsed, Expanded, None } = vscode.TreeItemCollapsibleState;
    switch (element.type) {
      case 'kind': {
        const item = new vscode.TreeItem(`${element.kind} (${element.documents.length})`, element.documents.length > EXPAND_KIND_MAX ? Collapsed : Expanded);
        item.id = `kind:${element.kind}`;
        item.contextValue = 'speechKind';
        return item;
      }
      case 'speech': {
        const { doc } = element;
        const item = new vscode.TreeItem(doc.title, doc.headings.length || doc.versions?.length ? Collapsed : None);
        item.id = `speech:${doc.id}`;
        const versions = doc.versions?.length ? versionsLabel(doc) : '';
        item.description = [vscode.l10n.t('{0} chars', speechLength(doc.text).toLocaleString()), sourceName(doc, this.sampleDir), versions].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon('note');
        item.contextValue = doc.source ? 'speech.hasSource' : 'speech';
        item.command = { command: SpeechCommands.openSpeech, title: vscode.l10n.t('Open Speech'), arguments: [doc.id, { preserveFocus: true }] };
        return item;
      }
      case 'versions': {
        const item = new vscode.TreeItem(versionsLabel(element.doc), Collapsed);
        item.id = `versions:${element.doc.id}`;
        item.tooltip = vscode.l10n.t('The same speech saved again (edited, reposted, in a compilation): counted once');
        item.iconPath = new vscode.ThemeIcon('versions');
        item.contextValue = 'speechVersions';
        return item;
      }
      case 'version': {
        const { version } = element;
        const item = new vscode.TreeItem(version.title, None);
        item.id = `version:${element.doc.id}:${version.id}`;
        item.description = `${sourceName(version, this.sampleDir)} ${linesLabel(version.sourceLines)}`;
        item.tooltip = version.source;
        item.iconPath = new vscode.ThemeIcon('file');
        item.contextValue = 'speechVersion';
        item.command = { command: TreeCommands.openVersion, title: vscode.l10n.t('Open Source File'), arguments: [version] };
        return item;
      }
      case 'heading': {
        const { heading, children } = element.node;
        const item = new vscode.TreeItem(heading.text, children.length ? Collapsed : None);
        item.id = `heading:${element.doc.id}:${heading.line}:${heading.level}`;
        item.tooltip = `${heading.text}\n${vscode.l10n.t('Line {0}', heading.line + 1)}`;
        item.iconPath = new vscode.ThemeIcon(heading.point ? 'circle-small-filled' : 'symbol-string');
        item.contextValue = 'heading';
        item.command = { command: SpeechCommands.openHeading, title: vscode.l10n.t('Go to Heading'), arguments: [element.doc.id, heading.line, { preserveFocus: true }] };
        return item;
      }
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** What the view says above the tree: indexing, cancelled, or how many files were skipped. */
function viewMessage(corpus: Corpus, loaded: LoadedCorpus | undefined): string | undefined {
  if (corpus.isLoading) return vscode.l10n.t('Indexing…');
  if (!loaded) return undefined;
  if (loaded.cancelled) return vscode.l10n.t('Indexing was cancelled. Refresh to index again.');
  if (loaded.skipped.length) return vscode.l10n.t('{0} files skipped (see the log).', loaded.skipped.length);
  return undefined;
}

async function addCorpusFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: true,
    openLabel: vscode.l10n.t('Add to Corpus'),
    title: vscode.l10n.t('Add a folder of speeches ({0}) to the corpus', CORPUS_EXTENSIONS.join(' ')),
  });
  if (!picked?.length) return;
  const folders = picked.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  if (!folders.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Only folders on this machine can be added to the corpus.'));
    return;
  }
  const config = vscode.workspace.getConfiguration(CORPUS_SECTION);
  // A user setting: a folder chosen by hand belongs to the user, not to whichever workspace is open.
  const current = config.inspect<string[]>('paths')?.globalValue ?? [];
  const next = [...current, ...folders.filter((f) => !current.includes(f))];
  if (next.length === current.length) return;
  await config.update('paths', next, vscode.ConfigurationTarget.Global);
}

export const registerCorpusTree: Feature = ({ corpus, extension }) => {
  const provider = new CorpusTreeProvider(corpus, vscode.Uri.joinPath(extension.extensionUri, 'media', 'corpus').fsPath);
  const view = vscode.window.createTreeView(CORPUS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const showState = () => {
    view.message = viewMessage(corpus, corpus.current);
    const loaded = corpus.current;
    const empty = !corpus.isLoading && loaded !== undefined && !loaded.cancelled && loaded.documents.length === 0;
    void vscode.commands.executeCommand('setContext', CORPUS_EMPTY_KEY, empty);
  };
  return vscode.Disposable.from(
    provider,
    view,
    corpus.onDidStartLoading(() => {
      showState();
      void vscode.window.withProgress({ location: { viewId: CORPUS_VIEW_ID } }, () => corpus.ready);
    }),
    corpus.onDidChange(() => {
      showState();
      provider.refresh();
    }),
    vscode.commands.registerCommand(TreeCommands.refresh, () => corpus.reload()),
    vscode.commands.registerCommand(TreeCommands.addFolder, addCorpusFolder),
    vscode.commands.registerCommand(TreeCommands.openVersion, (version: SpeechVersion) => openSourceFile(version)),
  );
};
