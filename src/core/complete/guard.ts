// 提法 guard: a completion must never write a formulation wrong. Back-off splices a continuation of a
// shorter context onto the typed text (增强“四个 + 自信”… from “四个), which can make a 提法 the corpus
// never uses; the formulation checker (src/core/check) sees exactly that, so every item is checked on
// the typed tail plus what it inserts, and a flagged item is corrected or dropped.
import { buildFormulationIndex, buildFormulationIndexInSlices, checkFormulations, type FormulationIndex, type FormulationIssue } from '../check';
import { HARD_BREAK, SENTENCE_END } from '../phrases/corpusText';
import type { CompletionItem } from './complete';
import type { PhraseIndex } from './phraseIndex';
import { snippetOf } from './snippet';

/** Typed chars checked with an item: enough for the longest group a splice can break (~40 chars). */
const TYPED_WINDOW = 40;

const formulationIndexes = new WeakMap<PhraseIndex, FormulationIndex>();

/** The formulation index of a phrase index, built once on first use and kept as long as the index lives. */
export function formulationsOf(index: PhraseIndex): FormulationIndex {
  let formulations = formulationIndexes.get(index);
  if (!formulations) {
    formulations = buildFormulationIndex(index);
    formulationIndexes.set(index, formulations);
  }
  return formulations;
}

/**
 * Builds the formulation index of a phrase index in slices that leave the event loop free (the
 * extension host's way), and files it so `formulationsOf` finds it ready.
 */
export async function formulationsReady(index: PhraseIndex): Promise<FormulationIndex> {
  const known = formulationIndexes.get(index);
  if (known) return known;
  const built = await buildFormulationIndexInSlices(index);
  // Another caller may have needed it synchronously meanwhile: keep whichever was filed first.
  const first = formulationIndexes.get(index) ?? built;
  formulationIndexes.set(index, first);
  return first;
}

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

/** The first checker issue that the insert makes (issues wholly inside the typed text are the writer's). */
function issueOf(formulations: FormulationIndex, typed: string, insert: string): FormulationIssue | undefined {
  return checkFormulations(formulations, typed + insert).find((issue) => issue.end > typed.length);
}

/**
 * The item if inserting it after `tail` (the typed text, see typedTail) writes no 提法 wrong; else the
 * formulation the checker expects when that still starts with what is typed, else undefined.
 */
export function guardItem(formulations: FormulationIndex, tail: string, item: CompletionItem): CompletionItem | undefined {
  guardStats.checked++;
  // What stays typed before the item (its `replace` chars are the start of `insert`).
  const kept = tail.slice(0, Math.max(0, tail.length - item.replace));
  const issue = issueOf(formulations, kept, item.insert);
  if (!issue) return item;
  const corrected = correction(formulations, kept, item, issue);
  if (corrected) guardStats.corrected++;
  else guardStats.dropped++;
  return corrected;
}

/** The item cut at the flagged span with the expected formulation in its place, if it still continues the typed text and is clean. */
function correction(formulations: FormulationIndex, kept: string, item: CompletionItem, issue: FormulationIssue): CompletionItem | undefined {
  const typed = kept + item.insert.slice(0, item.replace);
  // The fix must leave every typed char as it is: the expected text continues what the writer typed.
  if (issue.start > typed.length || !issue.expected.startsWith(typed.slice(issue.start))) return undefined;
  const insert = ((kept + item.insert).slice(0, issue.start) + issue.expected).slice(kept.length);
  if (insert.length <= item.replace || issueOf(formulations, kept, insert)) return undefined;
  const corrected: CompletionItem = { ...item, insert, label: insert };
  // The source showed the old text; the snippet is made again for the new one.
  delete corrected.source;
  delete corrected.snippet;
  const snippet = snippetOf(insert, item.replace);
  if (snippet !== undefined) corrected.snippet = snippet;
  return corrected;
}
