// The suggest list: stock phrases, parallel groups and quotations from the corpus and the writer's
// open drafts, while they type Chinese in Markdown or plain text.
//
// VS Code treats a run of Chinese (punctuation included) as one "word" and filters each item by the
// text between the start of the item's range and the cursor. So every item carries its own range
// (the chars it replaces) and a filterText that starts with exactly those chars; all items of one
// answer share the widest range, so they tie on VS Code's fuzzy score and sortText keeps our order.
import * as vscode from 'vscode';
import { acceptCommand, completeLogged, CompletionCommands, eagerness, endsSentence, setting, textBefore, type PhraseCompleter, type Suggestion } from './completer';
import { snippetOf, type CompletionItem as PhraseItem, type CompletionKind } from './core/complete';
import { addedText } from './core/complete/ranking';
import type { SpeechDocument } from './core/types';
import { DRAFT_SELECTOR, isDraft } from './drafts';
import type { Feature } from './feature';

/** Typing these opens the list: a new clause or quotation starts after them (they end no "word", so quick suggestions would not). */
export const TRIGGER_CHARACTERS = ['，', '、', '；', '：', '“'];

/** What the writer's text becomes: `typed` (the widest range's text) + what the item adds. */
function widened(item: PhraseItem, typed: string): string {
  return typed + addedText(item);
}

/** What an item is, in the writer's words: 提法, 排比, 引语, 续写 (the corpus goes on so), 用过 (chosen before). */
function kindLabel(item: Suggestion): string {
  if (item.origin === 'accepted') return vscode.l10n.t('used before');
  const labels: Record<CompletionKind, string> = {
    phrase: vscode.l10n.t('formulation'),
    group: vscode.l10n.t('parallel'),
    quote: vscode.l10n.t('quotation'),
    continuation: vscode.l10n.t('continuation'),
  };
  return labels[item.kind] ?? item.kind;
}

/** How widely the corpus backs an item and how likely it is: 「5 篇 · 约 60%」, or 「前文 · 约 60%」 for the writer's own earlier text. */
function usage(item: Suggestion): string {
  const percent = Math.round(item.confidence * 100);
  if (item.speeches === 0) return vscode.l10n.t('your text above · about {0}%', percent);
  if (item.speeches === 1) return vscode.l10n.t('1 speech · about {0}%', percent);
  return vscode.l10n.t('{0} speeches · about {1}%', item.speeches.toLocaleString(), percent);
}

const ICONS: Record<CompletionKind, vscode.CompletionItemKind> = {
  phrase: vscode.CompletionItemKind.Text,
  group: vscode.CompletionItemKind.EnumMember,
  quote: vscode.CompletionItemKind.Reference,
  continuation: vscode.CompletionItemKind.Text,
};

/** Text for a MarkdownString with HTML allowed: neither markdown nor HTML may read anything into it. */
function plain(text: string): string {
  return text
    .replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!)
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (ch) => '\\' + ch);
}

const CONTEXT_CHARS = 40;

/** The line of the source that holds the phrase, trimmed around it, with the phrase in bold. */
function documentation(item: Suggestion, doc: SpeechDocument | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.supportHtml = true;
  const line = doc && item.source ? lineOf(doc.text, item.source.line) : undefined;
  const at = line?.indexOf(item.insert) ?? -1;
  if (line !== undefined && at >= 0) {
    const left = line.slice(Math.max(0, at - CONTEXT_CHARS), at);
    const right = line.slice(at + item.insert.length, at + item.insert.length + CONTEXT_CHARS);
    const ellipsisLeft = at > CONTEXT_CHARS ? '…' : '';
    const ellipsisRight = at + item.insert.length + CONTEXT_CHARS < line.length ? '…' : '';
    md.appendMarkdown(`> ${ellipsisLeft}${plain(left)}<b>${plain(item.insert)}</b>${plain(right)}${ellipsisRight}\n\n`);
  } else {
    md.appendMarkdown(`<b>${plain(item.insert)}</b>\n\n`);
  }
  if (item.source) {
    const where =
      item.origin === 'drafts'
        ? vscode.l10n.t('From your open draft {0}, line {1}', item.source.title, item.source.line + 1)
        : vscode.l10n.t('From 《{0}》, line {1}', item.source.title, item.source.line + 1);
    md.appendMarkdown(plain(where));
  } else if (item.origin === 'accepted') {
    md.appendMarkdown(plain(vscode.l10n.t('A phrase you chose before.')));
  }
  return md;
}

function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let l = 0; l < line; l++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** One VS Code item: `typed` is the text of the shared range, `rank` the position in our order. */
export function toCompletionItem(item: Suggestion, rank: number, range: vscode.Range, typed: string, completer: PhraseCompleter): vscode.CompletionItem {
  const text = widened(item, typed);
  const result = new vscode.CompletionItem({ label: item.insert, description: kindLabel(item) }, ICONS[item.kind] ?? vscode.CompletionItemKind.Text);
  result.range = range;
  result.filterText = text;
  result.sortText = String(rank).padStart(4, '0');
  const snippet = snippetOf(text, typed.length);
  result.insertText = snippet !== undefined ? new vscode.SnippetString(snippet) : text;
  if (snippet !== undefined) result.kind = vscode.CompletionItemKind.Snippet;
  result.detail = item.origin === 'accepted' ? kindLabel(item) : `${kindLabel(item)} · ${usage(item)}`;
  result.documentation = documentation(item, completer.sourceDocument(item));
  result.command = acceptCommand(item);
  return result;
}

class PhraseCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly completer: PhraseCompleter,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
    context: vscode.CompletionContext,
  ): vscode.CompletionList | undefined {
    if (!isDraft(document) || !setting('suggest', true, document)) return undefined;
    const before = textBefore(document, position);
    if (context.triggerKind !== vscode.CompletionTriggerKind.Invoke && endsSentence(before)) return undefined;
    const items = completeLogged(this.log, [], () => this.completer.complete(before, { eagerness: eagerness(document) }));
    if (token.isCancellationRequested || !items.length) return undefined;
    const widest = items.reduce((n, i) => Math.max(n, i.replace), 0);
    const range = new vscode.Range(position.translate(0, -widest), position);
    const typed = before.slice(before.length - widest);
    // Incomplete: the next keystroke brings a longer context, hence other phrases; ask again.
    return new vscode.CompletionList(
      items.map((item, rank) => toCompletionItem(item, rank, range, typed, this.completer)),
      true,
    );
  }
}

export const registerPhraseCompletion: Feature = (context) => {
  const { completer, corpus } = context;
  // A draft is open: load the corpus index now, so the first phrase typed already finds it.
  const warmUp = (document: vscode.TextDocument) => {
    if (isDraft(document) && (setting('suggest', true, document) || setting('inline', true, document))) void corpus.ready;
  };
  const timer = setTimeout(() => vscode.workspace.textDocuments.forEach(warmUp), 0);
  return vscode.Disposable.from(
    { dispose: () => clearTimeout(timer) },
    vscode.workspace.onDidOpenTextDocument(warmUp),
    vscode.languages.registerCompletionItemProvider(DRAFT_SELECTOR, new PhraseCompletionProvider(completer, context.log), ...TRIGGER_CHARACTERS),
    vscode.commands.registerCommand(CompletionCommands.acceptPhrase, (phrase: unknown) => {
      if (typeof phrase === 'string') return completer.accepted.accept(phrase);
    }),
    vscode.commands.registerCommand(CompletionCommands.forgetAcceptedPhrases, async () => {
      await completer.accepted.forget();
      void vscode.window.showInformationMessage(vscode.l10n.t('Forgot the phrases you accepted; suggestions follow the corpus alone again.'));
    }),
  );
};
