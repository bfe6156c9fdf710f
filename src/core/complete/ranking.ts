// What the writer chose before decides what comes first next time: phrases they accepted move up
// the list (more for phrases accepted often and lately), come back even when the engine no longer
// offers them, and the lists from several indexes (corpus, open drafts) merge without duplicates.
// Pure functions over plain data, so the editor can keep the record in its global state.
import type { CompletionItem } from './complete';

/** One remembered phrase: how often it was accepted, and when last (ms since the epoch). */
export interface AcceptedPhrase {
  count: number;
  last: number;
}

/** Accepted phrases by their whole text (`CompletionItem.insert`). */
export type AcceptedPhrases = Readonly<Record<string, AcceptedPhrase>>;

/** Knobs of the re-ranking (not of any corpus). */
export const rankingTuning = {
  /** An acceptance counts half as much after this many days. */
  halfLifeDays: 30,
  /** Ranks an item moves up per (decayed) acceptance. */
  ranksPerAcceptance: 2,
  /** The record keeps at most this many phrases (the least valuable go first). */
  maxRemembered: 500,
  /** Typed chars a remembered phrase must continue before it is offered again. */
  minRecallPrefix: 2,
  /** Remembered phrases offered per request, besides the engine's. */
  maxRecalled: 2,
  /** Phrases shorter than this are not worth remembering (a char or two is typed as fast as chosen). */
  minPhraseLength: 3,
};

const DAY_MS = 86_400_000;

/** The text an item adds at the cursor: the same final text whatever it replaces (its `insert` starts with the replaced chars). */
export function addedText(item: Pick<CompletionItem, 'insert' | 'replace'>): string {
  return item.insert.slice(item.replace);
}

/** How much a remembered phrase counts now: its acceptances, halved every `halfLifeDays`. */
export function acceptanceWeight(entry: AcceptedPhrase | undefined, now: number): number {
  if (!entry || !(entry.count > 0)) return 0;
  const ageDays = Math.max(0, now - entry.last) / DAY_MS;
  return entry.count * Math.pow(0.5, ageDays / rankingTuning.halfLifeDays);
}

function isEntry(value: unknown): value is AcceptedPhrase {
  const e = value as AcceptedPhrase;
  return !!e && typeof e === 'object' && Number.isFinite(e.count) && e.count > 0 && Number.isFinite(e.last);
}

/** A record read back from storage, with anything malformed dropped (storage may hold an older or damaged shape). */
export function sanitizeAccepted(value: unknown): AcceptedPhrases {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, AcceptedPhrase> = {};
  for (const [phrase, entry] of Object.entries(value as Record<string, unknown>)) {
    if (phrase.length >= rankingTuning.minPhraseLength && isEntry(entry)) out[phrase] = { count: entry.count, last: entry.last };
  }
  return out;
}

/** The record after the writer accepted `phrase` at `now`; keeps the `maxRemembered` most valuable phrases. */
export function recordAcceptance(accepted: AcceptedPhrases, phrase: string, now: number): AcceptedPhrases {
  if (phrase.length < rankingTuning.minPhraseLength || phrase.includes('\n')) return accepted;
  const previous = accepted[phrase];
  // Decay the old count to now, so a phrase used a lot long ago does not outrank this week's habit.
  const count = acceptanceWeight(previous, now) + 1;
  const next: Record<string, AcceptedPhrase> = { ...accepted, [phrase]: { count, last: now } };
  const phrases = Object.keys(next);
  if (phrases.length <= rankingTuning.maxRemembered) return next;
  phrases.sort((a, b) => acceptanceWeight(next[b], now) - acceptanceWeight(next[a], now) || next[b].last - next[a].last);
  const kept: Record<string, AcceptedPhrase> = {};
  for (const p of phrases.slice(0, rankingTuning.maxRemembered)) kept[p] = next[p];
  return kept;
}

/**
 * Ranked lists from several indexes as one: taken in turn (the first list's best, the second's
 * best, …), dropping any item that would leave the same text as one already taken.
 */
export function mergeRanked<T extends CompletionItem>(lists: readonly (readonly T[])[], limit: number): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  const longest = lists.reduce((n, l) => Math.max(n, l.length), 0);
  for (let rank = 0; rank < longest && out.length < limit; rank++) {
    for (const list of lists) {
      const item = list[rank];
      if (!item || out.length >= limit) continue;
      const key = addedText(item);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/** Start of the text a remembered phrase may continue: the current line, and no more than the longest phrase. */
function lineTail(before: string, max: number): string {
  const nl = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  const line = before.slice(nl + 1);
  return line.length > max ? line.slice(line.length - max) : line;
}

/**
 * Remembered phrases that continue what is being typed (the line's tail is the phrase's start, at
 * least `minRecallPrefix` chars, the longest such start), strongest first.
 */
export function recallAccepted(before: string, accepted: AcceptedPhrases, now: number, limit = rankingTuning.maxRecalled): CompletionItem[] {
  const found: { item: CompletionItem; weight: number }[] = [];
  const phrases = Object.keys(accepted);
  if (!phrases.length || limit <= 0) return [];
  const tail = lineTail(before, phrases.reduce((n, p) => Math.max(n, p.length), 0));
  for (const phrase of phrases) {
    // The longest typed tail that the phrase starts with, leaving something to add.
    for (let k = Math.min(phrase.length - 1, tail.length); k >= rankingTuning.minRecallPrefix; k--) {
      if (!tail.endsWith(phrase.slice(0, k))) continue;
      const entry = accepted[phrase];
      found.push({
        item: { insert: phrase, replace: k, label: phrase, kind: 'phrase', confidence: 0, speeches: 0 },
        weight: acceptanceWeight(entry, now),
      });
      break;
    }
  }
  return found
    .sort((a, b) => b.weight - a.weight || b.item.replace - a.item.replace)
    .slice(0, limit)
    .map((f) => f.item);
}

/**
 * The items in a new order: each moves up `ranksPerAcceptance` ranks per decayed acceptance of its
 * phrase; otherwise the incoming order (the engine's) stays.
 */
export function rerank<T extends CompletionItem>(items: readonly T[], accepted: AcceptedPhrases, now: number): T[] {
  const scored = items.map((item, rank) => {
    const weight = acceptanceWeight(accepted[item.insert], now);
    return { item, rank, weight, score: rank - rankingTuning.ranksPerAcceptance * weight };
  });
  // On a tie the accepted phrase goes first: moving up N ranks puts it above the one it reached.
  scored.sort((a, b) => a.score - b.score || b.weight - a.weight || a.rank - b.rank);
  return scored.map((s) => s.item);
}
