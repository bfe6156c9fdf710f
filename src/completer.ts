// The completion shared by the suggest list (completion.ts) and ghost text (inlineCompletion.ts): the
// corpus index (whatever is loaded; a keystroke never waits for a load), the open drafts' index, and
// the phrases the writer accepted before, merged and re-ranked. Every item, whichever index it comes
// from, passes the corpus's 提法 guard.
import * as vscode from 'vscode';
import type { CompletionItem as PhraseItem } from './core/complete';
import {
  mergeRanked,
  recallAccepted,
  recordAcceptance,
  rerank,
  sanitizeAccepted,
  type AcceptedPhrases,
} from './core/complete/ranking';
import type { CompletionIndex } from './core/index';
import { SENTENCE_END } from './core/phrases/corpusText';
import { guardItem, suggest, typedTail } from './core/suggest';
import type { SpeechDocument } from './core/types';
import type { Corpus } from './corpus';
import { COMPLETION_SECTION, type OpenDrafts } from './drafts';

export const CompletionCommands = {
  /** Run by VS Code after an item is inserted; records the phrase (internal, not in the palette). */
  acceptPhrase: 'speechDrafter.acceptPhrase',
  forgetAcceptedPhrases: 'speechDrafter.forgetAcceptedPhrases',
} as const;

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
 * Both editor surfaces ask here: the corpus index (whatever is loaded; a keystroke never waits for a
 * load), the open drafts' index, and the phrases accepted before, merged and re-ranked.
 */
export class PhraseCompleter {
  constructor(
    private readonly corpus: Corpus,
    readonly drafts: OpenDrafts,
    readonly accepted: AcceptedPhraseStore,
  ) {}

  /** Ranked suggestions for the text before the cursor on its line. Throws what the engine throws (the providers log it). */
  complete(before: string, request: CompleteRequest): Suggestion[] {
    // Nothing loaded yet: start loading; this keystroke is answered from the drafts alone.
    if (!this.corpus.current) void this.corpus.ready;
    const corpus = this.corpus.current?.index;
    // Every item, whichever index it comes from, is checked against the corpus's formulations (提法).
    const check = corpus ?? null;
    const options = { limit: request.limit, inline: request.inline, check };
    const lists: Suggestion[][] = [];
    const from = (index: CompletionIndex | undefined, origin: Origin) => {
      if (index) lists.push(suggest(index, before, options).filter((item) => fits(item, before)).map((item) => ({ ...item, origin })));
    };
    from(corpus, 'corpus');
    from(this.drafts.index, 'drafts');
    if (request.inline) return mergeRanked(lists, 1);
    const now = Date.now();
    const accepted = this.accepted.current;
    const tail = typedTail(before);
    const recalled = recallAccepted(before, accepted, now).flatMap((item) => (check ? (guardItem(check, tail, item) ?? []) : [item]));
    lists.push(recalled.map((item) => ({ ...item, origin: 'accepted' as const })));
    return rerank(mergeRanked(lists, request.limit + lists[lists.length - 1].length), accepted, now).slice(0, request.limit);
  }

  /** The speech an item was taken from, to show it in context. */
  sourceDocument(item: Suggestion): SpeechDocument | undefined {
    if (!item.source) return undefined;
    if (item.origin === 'corpus') return this.corpus.current?.byId(item.source.docId);
    return item.origin === 'drafts' ? this.drafts.index?.documents.find((d) => d.id === item.source!.docId) : undefined;
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

/**
 * The completer's answer, or none when the engine threw: the error is logged (once per message, so a
 * bug met on every keystroke doesn't flood the log) and typing goes on undisturbed.
 */
export function completeLogged(completer: PhraseCompleter, log: vscode.LogOutputChannel, before: string, request: CompleteRequest): Suggestion[] {
  try {
    return completer.complete(before, request);
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    if (!loggedErrors.has(message)) {
      loggedErrors.add(message);
      log.error(vscode.l10n.t('Completion failed: {0}', message));
    }
    return [];
  }
}
const loggedErrors = new Set<string>();

