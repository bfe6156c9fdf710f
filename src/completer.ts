// The completion shared by the suggest list (completion.ts) and ghost text (inlineCompletion.ts): the
// corpus index (whatever is loaded; a keystroke never waits for a load), the open drafts' index, and
// the phrases the writer accepted before, merged and re-ranked. Every item, whichever index it comes
// from, passes the corpus's 提法 guard. The ghost text is the list's first item or nothing.
import * as vscode from 'vscode';
import { completionTuning, defaultEagerness, EAGERNESS, type CompletionItem as PhraseItem, type Eagerness } from './core/complete';
import {
  mergeRanked,
  recallAccepted,
  recordAcceptance,
  rerank,
  sanitizeAccepted,
  type AcceptedPhrases,
} from './core/complete/ranking';
import type { CompletionIndex, CorpusIndex } from './core/index';
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

/** Items in the suggest list; the ghost text is decided on the same list. */
export const LIST_LENGTH = 5;

export interface CompleteRequest {
  /** 补全积极程度: how sure the engine must be before it offers anything. */
  eagerness: Eagerness;
}

/** One request's list and the indexes it was made from (the ghost text is checked against the same ones). */
interface Answer {
  before: string;
  eagerness: Eagerness;
  corpus: CorpusIndex | undefined;
  drafts: CompletionIndex | undefined;
  accepted: AcceptedPhrases;
  items: Suggestion[];
}

/**
 * Both editor surfaces ask here: the corpus index (whatever is loaded; a keystroke never waits for a
 * load), the open drafts' index, and the phrases accepted before, merged and re-ranked.
 */
export class PhraseCompleter {
  /** The last answer: the list and the ghost text ask for the same keystroke, and compute it once. */
  private last: Answer | undefined;

  constructor(
    private readonly corpus: Corpus,
    readonly drafts: OpenDrafts,
    readonly accepted: AcceptedPhraseStore,
  ) {}

  /**
   * The suggest list for the text before the cursor (see textBefore: the current line and the lines
   * above it). Throws what the engine throws (the providers log it).
   */
  complete(before: string, request: CompleteRequest): Suggestion[] {
    return this.answer(before, request).items;
  }

  /**
   * The ghost text: the list's first item, when the engine would show it as ghost text from the index
   * it came from (so the grey text is never something the list ranks lower, or leaves out).
   */
  ghost(before: string, request: CompleteRequest): Suggestion | undefined {
    const answer = this.answer(before, request);
    const first = answer.items[0];
    const index = first?.origin === 'corpus' ? answer.corpus : first?.origin === 'drafts' ? answer.drafts : undefined;
    if (!first || !index) return undefined;
    const [shown] = suggest(index, before, { limit: LIST_LENGTH, inline: true, check: answer.corpus ?? null, eagerness: request.eagerness });
    return shown && shown.insert === first.insert && shown.replace === first.replace ? first : undefined;
  }

  private answer(before: string, { eagerness }: CompleteRequest): Answer {
    // Nothing loaded yet: start loading; this keystroke is answered from the drafts alone.
    if (!this.corpus.current) void this.corpus.ready;
    const corpus = this.corpus.current?.index;
    const drafts = this.drafts.index;
    const accepted = this.accepted.current;
    const last = this.last;
    if (last && last.before === before && last.eagerness === eagerness && last.corpus === corpus && last.drafts === drafts && last.accepted === accepted) {
      return last;
    }
    // Every item, whichever index it comes from, is checked against the corpus's formulations (提法).
    const check = corpus ?? null;
    const options = { limit: LIST_LENGTH, check, eagerness };
    const lists: Suggestion[][] = [];
    const from = (index: CompletionIndex | undefined, origin: Origin) => {
      if (index) lists.push(suggest(index, before, options).filter((item) => fits(item, before)).map((item) => ({ ...item, origin })));
    };
    from(corpus, 'corpus');
    from(drafts, 'drafts');
    const now = Date.now();
    const tail = typedTail(before);
    const recalled = recallAccepted(before, accepted, now).flatMap((item) => (check ? (guardItem(check, tail, item) ?? []) : [item]));
    lists.push(recalled.map((item) => ({ ...item, origin: 'accepted' as const })));
    const items = rerank(mergeRanked(lists, LIST_LENGTH + recalled.length), accepted, now).slice(0, LIST_LENGTH);
    this.last = { before, eagerness, corpus, drafts, accepted, items };
    return this.last;
  }

  /** The speech an item was taken from, to show it in context. */
  sourceDocument(item: Suggestion): SpeechDocument | undefined {
    if (!item.source) return undefined;
    if (item.origin === 'corpus') return this.corpus.current?.byId(item.source.docId);
    return item.origin === 'drafts' ? this.drafts.index?.documents.find((d) => d.id === item.source!.docId) : undefined;
  }
}

/** Where the cursor's line starts in `before`. */
function lineStart(before: string): number {
  return Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
}

/** The editor relies on this: the item replaces typed text on the cursor's line only, with text that starts with it, and adds something. */
function fits(item: PhraseItem, before: string): boolean {
  return (
    Number.isInteger(item.replace) &&
    item.replace >= 0 &&
    item.replace <= before.length - lineStart(before) &&
    item.insert.length > item.replace &&
    before.endsWith(item.insert.slice(0, item.replace)) &&
    !/[\r\n]/.test(item.insert)
  );
}

/**
 * What the engine reads before the cursor: the document's text up to it, at most the engine's window
 * on the writer's own text (completionTuning.selfWindow). The corpus context is the cursor's line; the
 * lines above let the engine offer the writer's own way of going on (以学铸魂、以学增智… again).
 */
export function textBefore(document: vscode.TextDocument, position: vscode.Position): string {
  const end = document.offsetAt(position);
  const text = document.getText(new vscode.Range(document.positionAt(Math.max(0, end - completionTuning.selfWindow)), position));
  // A cut through a surrogate pair would leave half a character at the start.
  const first = text.charCodeAt(0);
  return first >= 0xdc00 && first <= 0xdfff ? text.slice(1) : text;
}

/** 补全积极程度 for `document`, read on every request so a change applies at the next keystroke; an unknown value reads as the default. */
export function eagerness(document: vscode.TextDocument): Eagerness {
  const value = setting<unknown>('eagerness', defaultEagerness, document);
  return EAGERNESS.includes(value as Eagerness) ? (value as Eagerness) : defaultEagerness;
}

/** A completion setting; with a document, its language's override (`"[markdown]": {…}`) applies. */
export function setting<T>(key: 'suggest' | 'inline' | 'eagerness' | 'includeOpenDrafts', fallback: T, document?: vscode.TextDocument): T {
  return vscode.workspace.getConfiguration(COMPLETION_SECTION, document).get<T>(key, fallback);
}

/** A full stop ends what the writer meant: the next sentence is not offered unasked (Ctrl+Space still asks). */
export function endsSentence(before: string): boolean {
  return before.length > 0 && SENTENCE_END.has(before[before.length - 1]);
}

/** The command VS Code runs after inserting `item`: remembers the phrase. */
export function acceptCommand(item: PhraseItem): vscode.Command {
  return { command: CompletionCommands.acceptPhrase, title: '', arguments: [item.insert] };
}

/**
 * The completer's answer, or `none` when the engine threw: the error is logged (once per message, so a
 * bug met on every keystroke doesn't flood the log) and typing goes on undisturbed.
 */
export function completeLogged<T>(log: vscode.LogOutputChannel, none: T, ask: () => T): T {
  try {
    return ask();
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    if (!loggedErrors.has(message)) {
      loggedErrors.add(message);
      log.error(vscode.l10n.t('Completion failed: {0}', message));
    }
    return none;
  }
}
const loggedErrors = new Set<string>();

