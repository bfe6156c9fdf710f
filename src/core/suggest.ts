// What the writer is offered: completions (src/core/complete) that write no 提法 wrong, by the check
// (src/core/check). Composed here, above both, so neither knows the other. Back-off splices a
// continuation of a shorter context onto the typed text (增强“四个 + 自信”… from “四个), which can make
// a 提法 the corpus never uses; the formulation check sees exactly that, so every item is checked on
// the typed tail plus what it inserts, and a flagged item is corrected or refused.
import { checkFormulations, type CheckIndex, type FormulationIssue } from './check';
import { complete, snippetOf, type CompleteOptions, type CompletionItem } from './complete';
import type { CompletionIndex } from './index/corpusIndex';
import { HARD_BREAK, SENTENCE_END } from './phrases/corpusText';

/** Typed chars checked with an item: enough for the longest group a splice can break (~40 chars). */
const TYPED_WINDOW = 40;

/** Counters of what the guard did, for the benchmark (process-wide, cheap). */
export const guardStats = { checked: 0, dropped: 0, corrected: 0 };

/** The typed text a formulation may run through: back to the last sentence end or line break, capped. */
export function typedTail(before: string): string {
  let start = before.length;
  while (start > 0 && before.length - start < TYPED_WINDOW) {
    const ch = before[start - 1];
    if (ch === '\n' || ch === '\r' || ch === HARD_BREAK || SENTENCE_END.has(ch)) break;
    start--;
  }
  return before.slice(start);
}

/** The first issue that the insert makes (issues wholly inside the typed text are the writer's). */
function issueOf(check: CheckIndex, typed: string, insert: string): FormulationIssue | undefined {
  return checkFormulations(check, typed + insert).find((issue) => issue.end > typed.length);
}

/**
 * The item if inserting it after `tail` (the typed text, see typedTail) writes no 提法 wrong; else the
 * formulation the check expects when that still starts with what is typed, else undefined.
 */
export function guardItem(check: CheckIndex, tail: string, item: CompletionItem): CompletionItem | undefined {
  guardStats.checked++;
  // What stays typed before the item (its `replace` chars are the start of `insert`).
  const kept = tail.slice(0, Math.max(0, tail.length - item.replace));
  const issue = issueOf(check, kept, item.insert);
  if (!issue) return item;
  const corrected = correction(check, kept, item, issue);
  if (corrected) guardStats.corrected++;
  else guardStats.dropped++;
  return corrected;
}

/** The item cut at the flagged span with the expected formulation in its place, if it still continues the typed text and is clean. */
function correction(check: CheckIndex, kept: string, item: CompletionItem, issue: FormulationIssue): CompletionItem | undefined {
  const typed = kept + item.insert.slice(0, item.replace);
  // The fix must leave every typed char as it is: the expected text continues what the writer typed.
  if (issue.start > typed.length || !issue.expected.startsWith(typed.slice(issue.start))) return undefined;
  const insert = ((kept + item.insert).slice(0, issue.start) + issue.expected).slice(kept.length);
  if (insert.length <= item.replace || issueOf(check, kept, insert)) return undefined;
  const corrected: CompletionItem = { ...item, insert, label: insert };
  // The source showed the old text; the snippet is made again for the new one.
  delete corrected.source;
  delete corrected.snippet;
  const snippet = snippetOf(insert, item.replace);
  if (snippet !== undefined) corrected.snippet = snippet;
  return corrected;
}

export interface SuggestOptions extends Omit<CompleteOptions, 'admit'> {
  /** Whose formulations no item may write wrong: the corpus index (also for a drafts index's items); null for none. */
  check?: CheckIndex | null;
}

/** Completions from `index` for the text before the cursor, each admitted by the 提法 guard. */
export function suggest(index: CompletionIndex & Partial<CheckIndex>, before: string, options: SuggestOptions = {}): CompletionItem[] {
  const check = options.check === undefined ? (index.formulations ? (index as CheckIndex) : null) : options.check;
  if (!check) return complete(index, before, options);
  const tail = typedTail(before);
  return complete(index, before, { ...options, admit: (item) => guardItem(check, tail, item) });
}
