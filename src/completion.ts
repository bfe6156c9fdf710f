// The suggest list: stock phrases, parallel groups and quotations from the corpus and the writer's
// open drafts, while they type Chinese in Markdown or plain text.
//
// VS Code treats a run of Chinese (punctuation included) as one "word" and filters each item by the
// text between the start of the item's range and the cursor. So every item carries its own range
// (the chars it replaces) and a filterText that starts with exactly those chars; all items of one
// answer share the widest range, so they tie on VS Code's fuzzy score and sortText keeps our order.
import * as vscode from 'vscode';
import {
  complete,
  formulationsOf,
  guardItem,
  snippetOf,
  typedTail,
  type CompletionItem as PhraseItem,
  type CompletionKind,
  type PhraseIndex,
} from './core/complete';
import {
  addedText,
  mergeRanked,
  recallAccepted,
  recordAcceptance,
  rerank,
  sanitizeAccepted,
  type AcceptedPhrases,
} from './core/complete/ranking';
import { SENTENCE_END } from './core/phrases/corpusText';
import type { SpeechDocument } from './core/types';
import type { Feature, FeatureContext } from './feature';
import { COMPLETION_SECTION, DRAFT_SELECTOR, OpenDraftPhrases, isDraft, phrasesOf, type Phrases } from './phrases';

export const CompletionCommands = {
  /** Run by VS Code after an item is inserted; records the phrase (internal, not in the palette). */
  acceptPhrase: 'speechDrafter.acceptPhrase',
  forgetAcceptedPhrases: 'speechDrafter.forgetAcceptedPhrases',
} as const;

/** Typing these opens the list: a new clause or quotation starts after them (they end no "word", so quick suggestions would not). */
export const TRIGGER_CHARACTERS = ['，', '、', '；', '：', '“'];
const SUGGEST_LIMIT = 5;
const ACCEPTED_KEY = 'speechDrafter.acceptedPhrases';

export type Origin = 'corpus' | 'drafts' | 'accepted';
/** An engine item and the index it came from. */
export interface Suggestion extends PhraseItem {
  origin: Origin;
}

/**
 * The phrases the writer accepted, kept in global state so they outlive the window. Not synced with
 * Settings Sync: drafts of official speeches may be confidential, and these are pieces of them.
 */
export class AcceptedPhraseStore {
  private seen: unknown;
  private record: AcceptedPhrases = {};

  constructor(private readonly memento: vscode.Memento) {}

  get current(): AcceptedPhrases {
    const stored = this.memento.get<unknown>(ACCEPTED_KEY);
    // Another window may have written since; re-read only when the stored value changed.
    if (stored !== this.seen) {
      this.seen = stored;
      this.record = sanitizeAccepted(stored);
    }
    return this.record;
  }

  async accept(phrase: string, now = Date.now()): Promise<void> {
    const next = recordAcceptance(this.current, phrase, now);
    if (next === this.current) return;
    this.record = next;
    this.seen = next;
    await this.memento.update(ACCEPTED_KEY, next);
  }

  async forget(): Promise<void> {
    this.record = {};
    this.seen = undefined;
    await this.memento.update(ACCEPTED_KEY, undefined);
  }
}

export interface CompleteRequest {
  limit: number;
  inline?: boolean;
}

/**
 * Both editor surfaces ask here: the corpus index (whatever is built; never waits for a build),
 * the open drafts' index, and the phrases accepted before, merged and re-ranked.
 */
export class PhraseCompleter implements vscode.Disposable {
  readonly phrases: Phrases;
  readonly drafts: OpenDraftPhrases;
  readonly accepted: AcceptedPhraseStore;

  constructor(context: FeatureContext) {
    this.phrases = phrasesOf(context);
    this.drafts = new OpenDraftPhrases(context.corpus, context.log, () => setting('includeOpenDrafts', true));
    this.accepted = new AcceptedPhraseStore(context.extension.globalState);
  }

  /** Ranked suggestions for the text before the cursor on its line. */
  complete(before: string, request: CompleteRequest): Suggestion[] {
    // While the corpus index is (re)built, answer from what exists; the next keystroke gets the new one.
    if (!this.phrases.isCurrent) void this.phrases.ready();
    // Every item, whichever index it comes from, is checked against the corpus's formulations (提法).
    const corpus = this.phrases.current;
    const formulations = corpus ? formulationsOf(corpus) : undefined;
    const options = { limit: request.limit, inline: request.inline, formulations };
    const lists: Suggestion[][] = [];
    const from = (index: PhraseIndex | undefined, origin: Origin) => {
      if (index) lists.push(complete(index, before, options).filter((item) => fits(item, before)).map((item) => ({ ...item, origin })));
    };
    from(corpus, 'corpus');
    from(this.drafts.index, 'drafts');
    if (request.inline) return mergeRanked(lists, 1);
    const now = Date.now();
    const accepted = this.accepted.current;
    const tail = typedTail(before);
    const recalled = recallAccepted(before, accepted, now).flatMap((item) => (formulations ? (guardItem(formulations, tail, item) ?? []) : [item]));
    lists.push(recalled.map((item) => ({ ...item, origin: 'accepted' as const })));
    return rerank(mergeRanked(lists, request.limit + lists[lists.length - 1].length), accepted, now).slice(0, request.limit);
  }

  /** The speech an item was taken from, to show it in context. */
  sourceDocument(item: Suggestion): SpeechDocument | undefined {
    const index = item.origin === 'corpus' ? this.phrases.current : item.origin === 'drafts' ? this.drafts.index : undefined;
    return item.source ? index?.documents.find((d) => d.id === item.source!.docId) : undefined;
  }

  dispose(): void {
    this.drafts.dispose();
  }
}

/** The editor relies on this: the item replaces typed text on this line only, with text that starts with it, and adds something. */
function fits(item: PhraseItem, before: string): boolean {
  return (
    Number.isInteger(item.replace) &&
    item.replace >= 0 &&
    item.replace <= before.length &&
    item.insert.length > item.replace &&
    before.endsWith(item.insert.slice(0, item.replace)) &&
    !/[\r\n]/.test(item.insert)
  );
}

const completers = new WeakMap<FeatureContext['corpus'], PhraseCompleter>();

/** The one PhraseCompleter of this window, shared by the suggest list and ghost text. */
export function completerOf(context: FeatureContext): PhraseCompleter {
  let completer = completers.get(context.corpus);
  if (!completer) {
    completer = new PhraseCompleter(context);
    completers.set(context.corpus, completer);
    context.extension.subscriptions.push(completer);
  }
  return completer;
}

/** A completion setting; with a document, its language's override (`"[markdown]": {…}`) applies. */
export function setting<T>(key: 'suggest' | 'inline' | 'includeOpenDrafts', fallback: T, document?: vscode.TextDocument): T {
  return vscode.workspace.getConfiguration(COMPLETION_SECTION, document).get<T>(key, fallback);
}

/** A full stop ends what the writer meant: offering the next sentence unasked would make Enter insert it. */
export function endsSentence(before: string): boolean {
  return before.length > 0 && SENTENCE_END.has(before[before.length - 1]);
}

/** The command VS Code runs after inserting `item`: remembers the phrase. */
export function acceptCommand(item: PhraseItem): vscode.Command {
  return { command: CompletionCommands.acceptPhrase, title: '', arguments: [item.insert] };
}

/** What the writer's text becomes: `typed` (the widest range's text) + what the item adds. */
function widened(item: PhraseItem, typed: string): string {
  return typed + addedText(item);
}

function kindLabel(item: Suggestion): string {
  if (item.origin === 'accepted') return vscode.l10n.t('used before');
  const labels: Record<CompletionKind, string> = {
    phrase: vscode.l10n.t('stock phrase'),
    group: vscode.l10n.t('parallel group'),
    quote: vscode.l10n.t('quotation'),
    continuation: vscode.l10n.t('continuation'),
  };
  return labels[item.kind] ?? item.kind;
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
  result.detail = item.origin === 'accepted' ? kindLabel(item) : `${kindLabel(item)} · ${item.detail}`;
  result.documentation = documentation(item, completer.sourceDocument(item));
  result.command = acceptCommand(item);
  return result;
}

class PhraseCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly completer: PhraseCompleter) {}

  provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
    context: vscode.CompletionContext,
  ): vscode.CompletionList | undefined {
    if (!isDraft(document) || !setting('suggest', true, document)) return undefined;
    const before = document.lineAt(position.line).text.slice(0, position.character);
    if (context.triggerKind !== vscode.CompletionTriggerKind.Invoke && endsSentence(before)) return undefined;
    const items = this.completer.complete(before, { limit: SUGGEST_LIMIT });
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
  const completer = completerOf(context);
  // A draft is open: build the corpus index now, so the first phrase typed already finds it.
  const warmUp = (document: vscode.TextDocument) => {
    if (isDraft(document) && (setting('suggest', true, document) || setting('inline', true, document))) void completer.phrases.ready();
  };
  const timer = setTimeout(() => vscode.workspace.textDocuments.forEach(warmUp), 0);
  return vscode.Disposable.from(
    { dispose: () => clearTimeout(timer) },
    vscode.workspace.onDidOpenTextDocument(warmUp),
    vscode.languages.registerCompletionItemProvider(DRAFT_SELECTOR, new PhraseCompletionProvider(completer), ...TRIGGER_CHARACTERS),
    vscode.commands.registerCommand(CompletionCommands.acceptPhrase, (phrase: unknown) => {
      if (typeof phrase === 'string') return completer.accepted.accept(phrase);
    }),
    vscode.commands.registerCommand(CompletionCommands.forgetAcceptedPhrases, async () => {
      await completer.accepted.forget();
      void vscode.window.showInformationMessage(vscode.l10n.t('Forgot the phrases you accepted; suggestions follow the corpus alone again.'));
    }),
  );
};
