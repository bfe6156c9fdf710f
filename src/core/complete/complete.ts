// Completion from the corpus. The tails of the typed text that the corpus knows (the longest,
// then shorter ones that occur clearly more often) each select one suffix-array range; their
// continuations are mixed PPM-style (a longer context keeps most of the probability, the rest
// backs off). Sorted, the continuations form a trie whose nodes are contiguous runs; items are
// the nodes where continuations branch, end or close a clause, picked greedily to maximise the
// expected keystrokes saved — a longer insert saves more but is right less often (and less so
// where only one speech goes that way), and a lower rank costs a keystroke more to reach.
import type { CompletionIndex } from '../index/corpusIndex';
import { itemKindAt, type ItemKind } from '../index/roles';
import { CLAUSE_END, HARD_BREAK, SENTENCE_END, documentAt, locate, type CorpusChars } from '../phrases/corpusText';
import { findRange } from '../phrases/suffixArray';
import { snippetOf } from './snippet';

export type CompletionKind = ItemKind;

export interface CompletionItem {
  /** Text that replaces the `replace` chars before the cursor. */
  insert: string;
  /** How many chars before the cursor the item replaces (they are the start of `insert`). */
  replace: number;
  label: string;
  kind: CompletionKind;
  /** Estimated chance that the writer goes on with exactly this (0–1). */
  confidence: number;
  /** Distinct speeches of the corpus that go on this way. */
  speeches: number;
  source?: { docId: string; title: string; line: number };
  /** `insert` as a snippet when it holds placeholders (`*`, `**`) — each becomes a tab stop. */
  snippet?: string;
}

export interface CompleteOptions {
  limit?: number;
  /** Only what ghost text would show: at most one item, and only when it is likely right. */
  inline?: boolean;
  /**
   * Decides each pick before it is offered: the item as it is, a corrected one, or undefined to refuse
   * it (the next best candidate takes its rank). The editor composes the 提法 guard here (src/core/suggest.ts).
   */
  admit?: (item: CompletionItem) => CompletionItem | undefined;
  /** Receives the request's inner numbers (for the benchmark's analysis). */
  explain?: (e: CompletionExplanation) => void;
}

/** What one request saw: how much typed text the corpus matched, how often, and how sure the list is. */
export interface CompletionExplanation {
  /** Length of the longest typed tail the corpus knows, and its occurrences. */
  contextLength: number;
  contextCount: number;
  /** Speeches behind the longest context's occurrences (of those sampled). */
  contextSpeeches: number;
  /** Estimated chance that one of the listed items is taken (continuation mass the list covers with a saving). */
  coverage: number;
  candidates: number;
}

/** Knobs of the method (not of any corpus); exported so the benchmark can vary them. */
export const completionTuning = {
  /** Longest tail of the typed text used as context. */
  maxContext: 24,
  /** Shortest context worth predicting from. */
  minContext: 2,
  /** Longest continuation offered. */
  maxInsert: 40,
  /** Occurrences examined per request (evenly sampled from the range, which keeps the distribution). */
  maxSamples: 256,
  /** Pseudo-count of "the writer goes somewhere the corpus never went", per context length. */
  escape: 1.5,
  /** Chance per extra inserted char that the writer still agrees (long inserts are riskier). */
  decay: 0.985,
  /** The same, for chars that only one speech of the corpus continues with (a private tail, not a stock phrase). */
  tailDecay: 0.8,
  /** Speeches (about three) that must share a continuation for it to count as common ground. */
  sharedDocs: 2.5,
  /** Chance that the writer ends a clause with the very mark the corpus used (，、；。 …). */
  trailingMark: 0.7,
  /** Back-off context levels mixed per request. */
  levels: 3,
  /** A shorter context becomes a back-off level when it occurs this many times more often. */
  backoffGrowth: 3,
  /** Smallest expected saving (keystrokes) an item must bring to be listed. */
  minGain: 0.15,
  /** Inline: the top item must be right at least this often (estimated). */
  inlineConfidence: 0.35,
  /**
   * PPM exclusion: a context seen this often (in two speeches or more) that is always followed by the
   * same text rules out shorter contexts' continuations that depart from it (0: never).
   */
  exclusionMinCount: 3,
  /** What a ruled-out continuation keeps: 0 cuts it where it departs, else its weight is multiplied by this. */
  exclusionPenalty: 0,
};

interface Continuation {
  text: string;
  /** Corpus offset where the continuation starts (after the context). */
  pos: number;
  /** Probability mass this occurrence carries (all continuations sum to 1 minus the escape). */
  weight: number;
  /** The same occurrence counted in speeches: each speech adds up to 1 per context level. */
  docWeight: number;
}

interface Candidate {
  /** Range [a, b) of continuations (sorted) that start with this candidate. */
  a: number;
  b: number;
  length: number;
  /** Estimated chance the writer types exactly this next. */
  p: number;
  /** Chance the writer still agrees after `length` chars, given the occurrences agree. */
  survive: number;
  /** Number of speeches behind it. */
  docs: number;
}

interface ContextLevel {
  length: number;
  range: [number, number];
}

/** Clause marks an item may end with (closing quotes are part of the phrase, not a mark). */
const TRAILING_MARK = new Set([...'，、：；。！？…,;:!?']);

const isSurrogateHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** The typed text the corpus can be matched against: back to the last line break, capped. */
function contextOf(before: string, max: number): string {
  const nl = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'), before.lastIndexOf(HARD_BREAK));
  const line = before.slice(nl + 1);
  return line.length > max ? line.slice(line.length - max) : line;
}

function readContinuation(text: CorpusChars, pos: number, max: number): string {
  let end = pos;
  const limit = Math.min(text.length, pos + max);
  while (end < limit) {
    const code = text.charCodeAt(end);
    if (code === 0x0a || code === 0 || code === 0x0d) break;
    end++;
    if (SENTENCE_END.has(String.fromCharCode(code))) break;
  }
  if (end > pos && isSurrogateHigh(text.charCodeAt(end - 1))) end--;
  return text.slice(pos, end);
}

/**
 * Tails of the typed text that the corpus knows, longest first: the longest one, then shorter
 * ones that occur clearly more often (PPM-style back-off levels).
 */
function contextLevels(index: CompletionIndex, context: string): ContextLevel[] {
  const { text, sa } = index.corpus;
  const ranges: ContextLevel[] = [];
  // Each length is its own binary search (cheap: ~log n compares of <= maxContext chars).
  for (let L = completionTuning.minContext; L <= context.length; L++) {
    const range = findRange(text, sa, context.slice(context.length - L));
    if (range[1] <= range[0]) break;
    ranges.push({ length: L, range });
  }
  const levels: ContextLevel[] = [];
  for (let i = ranges.length - 1; i >= 0 && levels.length < completionTuning.levels; i--) {
    const r = ranges[i];
    const count = r.range[1] - r.range[0];
    const last = levels[levels.length - 1];
    if (!last || count >= completionTuning.backoffGrowth * (last.range[1] - last.range[0])) levels.push(r);
  }
  return levels;
}

/** Occurrences after each context level, mixed PPM-style: a level keeps (1 - escape) of what is left. */
function gatherContinuations(index: CompletionIndex, levels: ContextLevel[]): Continuation[] {
  const { text, sa } = index.corpus;
  const byPos = new Map<number, Continuation>();
  // What a longer context, seen often enough, is always followed by: shorter contexts must agree with it.
  let always = '';
  let remaining = 1;
  const perLevel = Math.max(16, Math.floor(completionTuning.maxSamples / levels.length));
  for (const { length, range } of levels) {
    const [lo, hi] = range;
    const step = Math.max(1, (hi - lo) / perLevel);
    const found: { pos: number; doc: number }[] = [];
    const perDoc = new Map<number, number>();
    for (let k = lo; k < hi; k += step) {
      const pos = sa[Math.floor(k)] + length;
      const doc = documentAt(index.corpus, pos);
      found.push({ pos, doc });
      perDoc.set(doc, (perDoc.get(doc) ?? 0) + 1);
    }
    const docs = perDoc.size;
    // Short contexts predict less: the escape mass shrinks as the matched context grows.
    const escapeCount = completionTuning.escape * (4 / Math.max(2, length));
    const mass = remaining * (docs / (docs + escapeCount));
    remaining -= mass;
    let shared: string | undefined;
    for (const { pos, doc } of found) {
      // Every speech counts once in total, however often it repeats itself.
      const docWeight = 1 / perDoc.get(doc)!;
      let weight = (mass * docWeight) / docs;
      let seen = byPos.get(pos);
      if (seen) {
        seen.weight += weight;
        seen.docWeight = Math.max(seen.docWeight, docWeight);
      } else {
        let cont = readContinuation(text, pos, completionTuning.maxInsert);
        const agree = commonPrefix(cont, always);
        if (agree < Math.min(always.length, cont.length)) {
          // The full context never goes this way: a splice here would write what the corpus never does.
          if (!completionTuning.exclusionPenalty) cont = cont.slice(0, agree);
          else weight *= completionTuning.exclusionPenalty;
        }
        seen = { text: cont, pos, weight, docWeight };
        if (cont) byPos.set(pos, seen);
      }
      shared = shared === undefined ? seen.text : shared.slice(0, commonPrefix(shared, seen.text));
    }
    const exclusion = completionTuning.exclusionMinCount;
    if (exclusion > 0 && hi - lo >= exclusion && docs >= 2 && shared && shared.length > always.length) always = shared;
  }
  return [...byPos.values()];
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Nodes of the continuation trie worth offering: where continuations branch or end, and where a
 * clause ends. `conts` is sorted, so every node is a contiguous run [a, b).
 */
function candidatesOf(conts: Continuation[]): Candidate[] {
  const m = conts.length;
  if (!m) return [];
  const adj = new Int32Array(m); // adj[k] = common prefix of conts[k-1] and conts[k]
  for (let k = 1; k < m; k++) adj[k] = commonPrefix(conts[k - 1].text, conts[k].text);
  const out: Candidate[] = [];
  const maxLen = conts.reduce((s, c) => Math.max(s, c.text.length), 0);
  const shared = new Int32Array(m); // deepest depth at which each continuation still had company
  const dead = new Uint8Array(m); // runs too unlikely to ever be worth offering, at any depth
  for (let d = 1; d <= maxLen; d++) {
    let a = 0;
    while (a < m) {
      if (conts[a].text.length < d || dead[a]) {
        a++;
        continue;
      }
      let b = a + 1;
      while (b < m && adj[b] >= d) b++;
      const head = conts[a].text;
      let ends = false, branches = false;
      const next = head.charCodeAt(d);
      let w = 0, docs = 0;
      for (let k = a; k < b; k++) {
        const t = conts[k].text;
        if (t.length === d) ends = true;
        else if (t.charCodeAt(d) !== next) branches = true;
        w += conts[k].weight;
        docs += conts[k].docWeight;
      }
      if (docs >= completionTuning.sharedDocs) shared.fill(d, a, b);
      if (w * (maxLen - 1) < completionTuning.minGain) {
        dead.fill(1, a, b);
        a = b;
        continue;
      }
      // Stop at a clause mark, and just before one: which mark follows a phrase varies more than
      // the corpus shows, so the item without it is offered too.
      const endsWithMark = TRAILING_MARK.has(head[d - 1]);
      const stop = ends || branches || endsWithMark || TRAILING_MARK.has(head[d]);
      if (stop && d >= 2 && !isSurrogateHigh(head.charCodeAt(d - 1))) {
        const survive =
          Math.pow(completionTuning.decay, d) *
          Math.pow(completionTuning.tailDecay, d - shared[a]) *
          (endsWithMark ? completionTuning.trailingMark : 1);
        if (w * survive * (d - 1) >= completionTuning.minGain) out.push({ a, b, length: d, p: w * survive, survive, docs: Math.max(1, Math.round(docs)) });
      }
      a = b;
    }
  }
  return out;
}

/**
 * Greedy choice of up to `limit` items maximising the expected keystrokes saved; `admit` turns the
 * pick of each rank into its item, or refuses it (the next best is tried for that rank).
 */
function choose(conts: Continuation[], candidates: Candidate[], limit: number, admit: (c: Candidate) => CompletionItem | undefined): { items: CompletionItem[]; picks: Candidate[] } {
  const best = new Float64Array(conts.length); // best net saving so far if the writer goes this way
  const chosen: CompletionItem[] = [];
  const picks: Candidate[] = [];
  const used = new Set<Candidate>();
  let refused = 0;
  for (let rank = 0; rank < limit && refused <= MAX_REFUSED; rank++) {
    let top: Candidate | null = null, topGain = completionTuning.minGain;
    for (const c of candidates) {
      if (used.has(c)) continue;
      const net = c.length - rank - 1;
      if (net <= 0) continue;
      let gain = 0;
      for (let k = c.a; k < c.b; k++) if (net > best[k]) gain += (net - best[k]) * conts[k].weight;
      gain *= c.survive;
      if (gain > topGain) {
        topGain = gain;
        top = c;
      }
    }
    if (!top) break;
    used.add(top);
    const item = admit(top);
    if (!item || chosen.some((c) => c.insert === item.insert)) {
      refused++;
      rank--;
      continue;
    }
    chosen.push(item);
    picks.push(top);
    const net = top.length - rank - 1;
    for (let k = top.a; k < top.b; k++) if (net > best[k]) best[k] = net;
  }
  return { items: chosen, picks };
}

/** The continuation mass for which some pick saves keystrokes (its length beyond its rank's cost), each pick's survival applied. */
function coverageOf(conts: Continuation[], picks: Candidate[]): number {
  const covered = new Float64Array(conts.length);
  picks.forEach((c, rank) => {
    if (c.length - rank - 1 <= 0) return;
    for (let k = c.a; k < c.b; k++) covered[k] = Math.max(covered[k], c.survive);
  });
  let mass = 0;
  for (let k = 0; k < conts.length; k++) mass += conts[k].weight * covered[k];
  return mass;
}

/** Ranked completions for the text before the cursor; [] when nothing is likely. */
export function complete(index: CompletionIndex, before: string, options: CompleteOptions = {}): CompletionItem[] {
  if (!index.corpus.text.length) return [];
  const limit = Math.max(0, Math.min(50, options.inline ? 1 : (options.limit ?? 5)));
  if (!limit) return [];
  const context = contextOf(before, completionTuning.maxContext);
  if (context.length < completionTuning.minContext) return [];
  const levels = contextLevels(index, context);
  if (!levels.length) return [];
  const conts = gatherContinuations(index, levels);
  conts.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
  const candidates = candidatesOf(conts);
  const admit = (c: Candidate) => {
    const item = toItem(index, context, levels[0].length, conts, c);
    return options.admit ? options.admit(item) : item;
  };
  if (!options.inline) {
    const chosen = choose(conts, candidates, limit, admit);
    options.explain?.({ contextLength: levels[0].length, contextCount: levels[0].range[1] - levels[0].range[0], contextSpeeches: 0, coverage: coverageOf(conts, chosen.picks), candidates: candidates.length });
    return chosen.items;
  }
  // Ghost text: the likeliest sure-enough item that writes no formulation wrong.
  const sure = candidates.filter((c) => c.p >= completionTuning.inlineConfidence);
  sure.sort((x, y) => y.p * (y.length - 1) - x.p * (x.length - 1));
  for (const c of sure.slice(0, INLINE_TRIES)) {
    const item = admit(c);
    if (item) return [item];
  }
  return [];
}

/** Ghost-text candidates tried before giving up (each may cost the caller's `admit`, a formulation check of ~80 chars). */
const INLINE_TRIES = 3;
/** Refused picks after which the list stays shorter (bounds the checks one request may cost). */
const MAX_REFUSED = 8;

function toItem(index: CompletionIndex, context: string, contextLength: number, conts: Continuation[], c: Candidate): CompletionItem {
  const first = conts[c.a];
  const continuation = first.text.slice(0, c.length);
  // Replace the part of the matched context inside the current clause, so the label reads whole.
  let replace = 0;
  while (replace < contextLength && !CLAUSE_END.has(context[context.length - 1 - replace])) replace++;
  const typed = context.slice(context.length - replace);
  const insert = typed + continuation;
  const item: CompletionItem = {
    insert,
    replace,
    label: insert,
    confidence: c.p,
    speeches: c.docs,
    kind: itemKindAt(index.corpus.text, index.roles, first.pos, c.length),
    source: locate(index.corpus, first.pos),
  };
  const snippet = snippetOf(insert, replace);
  if (snippet !== undefined) item.snippet = snippet;
  return item;
}
