// Completion from the corpus. The tails of the typed text that the corpus knows (the longest, then
// shorter ones that occur clearly more often) each select one suffix-array range; their
// continuations are mixed PPM-style (a longer context keeps most of the probability, the rest backs
// off), with what the writer's own earlier text goes on with as one more source. Sorted, the
// continuations form a trie whose nodes are contiguous runs; an item is a node where a writer would
// stop — a clause mark, a closing quote or bracket, the end of a unit the corpus keeps whole — and
// the items are picked greedily to maximise the expected keystrokes saved: a longer insert saves
// more but is right less often, and a lower rank costs a keystroke more to reach.
//
// What one speech alone goes on with is its own detail, not a stock phrase: it is offered only when
// the writer's typed text already follows that speech closely. Every estimate is calibrated (see
// calibration.ts), and the list is offered only when it is likely to be taken.
import type { CompletionIndex } from '../index/corpusIndex';
import { itemKindAt, phraseEndsAt, slipAt, unitEndsAt, type ItemKind } from '../index/roles';
import { CLAUSE_END, HARD_BREAK, SENTENCE_END, documentAt, locate, type CorpusChars } from '../phrases/corpusText';
import { findRange } from '../phrases/suffixArray';
import { defaultEagerness, itemChance, listChance, thresholds, type Eagerness, type ItemEvidence } from './calibration';
import { snippetOf } from './snippet';

export type CompletionKind = ItemKind;

export interface CompletionItem {
  /** Text that replaces the `replace` chars before the cursor. */
  insert: string;
  /** How many chars before the cursor the item replaces (they are the start of `insert`). */
  replace: number;
  label: string;
  kind: CompletionKind;
  /** Estimated chance (calibrated) that the writer goes on with exactly this. */
  confidence: number;
  /** Distinct speeches of the corpus that go on this way (0: the writer's own earlier text). */
  speeches: number;
  source?: { docId: string; title: string; line: number };
  /** `insert` as a snippet when it holds placeholders (`*`, `**`) — each becomes a tab stop. */
  snippet?: string;
}

export interface CompleteOptions {
  limit?: number;
  /** Only what ghost text would show: the list's first item, when it is likely enough right. */
  inline?: boolean;
  /** How sure the engine must be before it offers anything (quiet / normal / eager). */
  eagerness?: Eagerness;
  /**
   * Decides each pick before it is offered: the item as it is, a corrected one, or undefined to refuse
   * it (the next best candidate takes its rank). The editor composes the 提法 guard here (src/core/suggest.ts).
   */
  admit?: (item: CompletionItem) => CompletionItem | undefined;
  /** Receives the request's inner numbers (for the benchmark's analysis). */
  explain?: (e: CompletionExplanation) => void;
}

/** What one request saw: how much typed text the corpus matched, and how sure the list is. */
export interface CompletionExplanation {
  /** Length of the longest typed tail the corpus knows, and its occurrences. */
  contextLength: number;
  contextCount: number;
  /** Calibrated chance that one of the listed items is taken; the list is offered from a threshold on. */
  listConfidence: number;
  /** The same before calibration, and each listed item's raw estimate (what calibration.ts is fitted on). */
  listRaw: number;
  itemsRaw: number[];
  /** Keystrokes the list is expected to save (raw model). */
  expectedSaving: number;
  /** The list before the threshold (empty when nothing was worth listing). */
  items: CompletionItem[];
  /** Every candidate: what it adds, its estimated chance and what the estimate was made from. */
  candidates: { added: string; p: number; evidence: ItemEvidence }[];
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
  /** Back-off context levels mixed per request. */
  levels: 3,
  /** A shorter context becomes a back-off level when it occurs this many times more often. */
  backoffGrowth: 3,
  /** A pick saving within this share of the most is taken instead when it is likelier (0: the most saving always). */
  likelierWithin: 0.5,
  /** Smallest expected saving (keystrokes) an item must bring to be listed. */
  minGain: 0.15,
  /**
   * PPM exclusion: a context seen this often (in two speeches or more) that is always followed by the
   * same text rules out shorter contexts' continuations that depart from it (0: never).
   */
  exclusionMinCount: 3,
  /** Speeches that must go on the same way for a continuation to count as common ground, not one speech's detail. */
  sharedSpeeches: 2,
  /**
   * Typed characters that must match one speech verbatim before what only that speech goes on with is
   * offered: by then the writer is evidently drawing on it (a quotation, a copied passage).
   */
  copyContext: 16,
  /** …of which this many match that speech alone (not a formulation other speeches share too). */
  copyDistinct: 8,
  /**
   * Or when the writer's last `followWindow` chars share this share of their character pairs with the
   * text before that speech's occurrence: a paraphrase of it, not only a verbatim copy.
   */
  followWindow: 40,
  followShare: 0.5,
  /** Shortest added text that counts as a formulation of its own (used by other speeches too). */
  minSharedInsert: 3,
  /** The writer's own earlier text: how far back it is read, and the shortest repeat that counts. */
  selfWindow: 600,
  selfMinContext: 3,
  /** Share of the probability the writer's own repeats take, when there are any. */
  selfMass: 0.35,
};

interface Continuation {
  text: string;
  /** Corpus offset where the continuation starts (after the context); -1 for the writer's own text. */
  pos: number;
  /** Probability mass this occurrence carries (all continuations sum to 1 minus the escape). */
  weight: number;
  /** Speech of the corpus it comes from (-1: the writer's own text). */
  doc: number;
  /** Depths (1-based lengths) at which an item made of this continuation may stop. */
  stops: Uint8Array;
  /**
   * Whether the writer's recent text follows the text before this occurrence closely (they draw on
   * this speech): a function, asked only of a run that one speech alone goes on with.
   */
  follows: () => boolean;
  /** Which context level found it (0: the longest); -1 for the writer's own text. */
  level: number;
}

interface Candidate {
  /** Range [a, b) of continuations (sorted) that start with this candidate. */
  a: number;
  b: number;
  length: number;
  /** Estimated chance the writer types exactly this next (raw model mass, before calibration). */
  p: number;
  /** Chance the writer still agrees after `length` chars, given the occurrences agree. */
  survive: number;
  /** Distinct speeches behind it (the writer's own text not counted). */
  docs: number;
  /** Some of its mass is the writer's own earlier text. */
  self: boolean;
  /** What its estimate was made from. */
  evidence: ItemEvidence;
}

interface ContextLevel {
  length: number;
  range: [number, number];
}

/** Clause marks: an item may stop before them (the writer types the mark they want)… */
const TRAILING_MARK = new Set([...'，、：；。！？…,;:!?']);
/** …and after these, which end what was said. */
const ENDING_MARK = new Set([...'；。！？…;!?']);
/** Closing quotes and brackets: a unit ends after them. */
const CLOSERS = new Set([...'”’」』）)》】']);

const isSurrogateHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** The typed text of the current line (what the corpus is matched against), capped. */
function contextOf(before: string, max: number): string {
  const nl = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'), before.lastIndexOf(HARD_BREAK));
  const line = before.slice(nl + 1);
  return line.length > max ? line.slice(line.length - max) : line;
}

/** Text from `pos` to the next sentence end or line break, at most `max` chars; whether `max` cut it. */
function readContinuation(text: CorpusChars, pos: number, max: number): { text: string; cut: boolean } {
  let end = pos;
  const limit = Math.min(text.length, pos + max);
  let stopped = false;
  while (end < limit) {
    const code = text.charCodeAt(end);
    if (code === 0x0a || code === 0 || code === 0x0d) {
      stopped = true;
      break;
    }
    end++;
    if (SENTENCE_END.has(String.fromCharCode(code))) {
      stopped = true;
      break;
    }
  }
  if (end > pos && isSurrogateHigh(text.charCodeAt(end - 1))) end--;
  return { text: text.slice(pos, end), cut: !stopped && end < text.length };
}

/** An item may stop here whatever the continuations do: a mark, a closer, an end, a phrase end. */
const STRONG_STOP = 2;
/** An item may stop here where continuations part: no mined phrase goes on past it. */
const WEAK_STOP = 1;

/**
 * Where an item made of `cont` may stop: before or after a clause mark, after a closing quote or
 * bracket, at the continuation's own end (a sentence end, not the length cap), and — in the corpus —
 * at the end of a stock phrase, or (where continuations part) between units no mined phrase spans.
 */
function stopsOf(cont: string, cut: boolean, roles: Uint8Array | undefined, pos: number): Uint8Array {
  const stops = new Uint8Array(cont.length + 1);
  for (let d = 1; d <= cont.length; d++) {
    if (isSurrogateHigh(cont.charCodeAt(d - 1))) continue;
    const last = cont[d - 1];
    const next = cont[d];
    if (d === cont.length) stops[d] = cut ? 0 : STRONG_STOP;
    else if (TRAILING_MARK.has(next) || ENDING_MARK.has(last) || CLOSERS.has(last)) stops[d] = STRONG_STOP;
    else if (TRAILING_MARK.has(last)) stops[d] = 0;
    else if (roles && pos >= 0) stops[d] = phraseEndsAt(roles, pos + d - 1) ? STRONG_STOP : unitEndsAt(roles, pos + d - 1) ? WEAK_STOP : 0;
    else stops[d] = WEAK_STOP;
  }
  return stops;
}

/**
 * Tails of the typed text that the corpus knows, longest first: the longest one, then shorter
 * ones that occur clearly more often (PPM-style back-off levels).
 */
function contextLevels(index: CompletionIndex, context: string): { levels: ContextLevel[]; ranges: ContextLevel[] } {
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
  return { levels, ranges };
}

/**
 * Whether the writer is copying one speech: the typed text matches it for `copyContext` characters or
 * more, and `copyDistinct` of them are that speech's alone (a typed tail that other speeches share —
 * a long stock formulation — is common ground, not a sign of copying).
 */
function copyingOneSpeech(index: CompletionIndex, ranges: readonly ContextLevel[]): boolean {
  const longest = ranges[ranges.length - 1];
  if (!longest || longest.length < completionTuning.copyContext || speechesIn(index, longest.range) > 1) return false;
  let shared = 0;
  for (let i = ranges.length - 2; i >= 0; i--)
    if (speechesIn(index, ranges[i].range) > 1) {
      shared = ranges[i].length;
      break;
    }
  return longest.length - shared >= completionTuning.copyDistinct;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Occurrences after each context level, mixed PPM-style: a level keeps (1 - escape) of what is left. */
function gatherContinuations(index: CompletionIndex, levels: ContextLevel[], mass: number, before: string): Continuation[] {
  const { text, sa } = index.corpus;
  const byPos = new Map<number, Continuation>();
  // What a longer context, seen often enough, is always followed by: shorter contexts must agree with it.
  let always = '';
  let remaining = mass;
  const perLevel = Math.max(16, Math.floor(completionTuning.maxSamples / levels.length));
  for (const [level, { length, range }] of levels.entries()) {
    const [lo, hi] = range;
    // What the writer typed before the matched context, to compare with what each speech has there.
    const recent = pairsOf(before.slice(Math.max(0, before.length - length - completionTuning.followWindow), before.length - length));
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
    const levelMass = remaining * (docs / (docs + escapeCount));
    remaining -= levelMass;
    let shared: string | undefined;
    for (const { pos, doc } of found) {
      // Every speech counts once in total, however often it repeats itself.
      const weight = levelMass / docs / perDoc.get(doc)!;
      let seen = byPos.get(pos);
      if (seen) seen.weight += weight;
      else {
        const read = readContinuation(text, pos, completionTuning.maxInsert);
        let cont = read.text;
        let cut = read.cut;
        // The corpus's own slips (found when it was indexed) are never offered: the text stops before one.
        const clean = slipFree(index.roles, pos, cont.length);
        if (clean < cont.length) {
          cont = cont.slice(0, clean);
          cut = true;
        }
        const agree = commonPrefix(cont, always);
        if (agree < Math.min(always.length, cont.length)) {
          // The full context never goes this way: a splice here would write what the corpus never does.
          cont = cont.slice(0, agree);
          cut = true;
        }
        seen = { text: cont, pos, weight, doc, stops: stopsOf(cont, cut, index.roles, pos), follows: once(() => followsClosely(text, pos - length, recent)), level };
        if (cont) byPos.set(pos, seen);
      }
      shared = shared === undefined ? seen.text : shared.slice(0, commonPrefix(shared, seen.text));
    }
    const exclusion = completionTuning.exclusionMinCount;
    if (exclusion > 0 && hi - lo >= exclusion && docs >= 2 && shared && shared.length > always.length) always = shared;
  }
  return [...byPos.values()];
}

/** How many characters from corpus offset `pos` (at most `length`) come before one of the corpus's slips. */
function slipFree(roles: Uint8Array, pos: number, length: number): number {
  for (let i = 0; i < length; i++) if (slipAt(roles, pos + i)) return i;
  return length;
}

/** The distinct character pairs of a text (no line breaks). */
function pairsOf(text: string): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = text.slice(i, i + 2);
    if (!/[\n\r\u0000]/.test(pair)) pairs.add(pair);
  }
  return pairs;
}

const always = () => true;

/** `f`'s value, computed on the first call. */
function once(f: () => boolean): () => boolean {
  let value: boolean | undefined;
  return () => (value ??= f());
}

/** Whether the text before corpus offset `pos` shares enough of the writer's character pairs before the context. */
function followsClosely(text: CorpusChars, pos: number, recent: Set<string>): boolean {
  if (recent.size < 8) return false;
  const theirs = pairsOf(text.slice(Math.max(0, pos - completionTuning.followWindow), pos));
  let shared = 0;
  for (const pair of recent) if (theirs.has(pair)) shared++;
  return shared >= completionTuning.followShare * recent.size;
}

/**
 * What the writer's own earlier text goes on with after the typed tail: writers repeat their own
 * frames (以学铸魂、以学增智…, 要…；要…). The longest repeat (3 to 12 chars) of the tail within the last
 * `selfWindow` chars; each of its earlier occurrences is one continuation.
 */
function selfContinuations(before: string, context: string): { conts: Continuation[]; length: number } {
  const window = before.slice(Math.max(0, before.length - completionTuning.selfWindow));
  for (let L = Math.min(context.length, 12); L >= completionTuning.selfMinContext; L--) {
    const tail = context.slice(context.length - L);
    // Not the tail itself, which ends the window.
    const earlier = window.slice(0, window.length - 1);
    const found: Continuation[] = [];
    for (let at = earlier.indexOf(tail); at >= 0; at = earlier.indexOf(tail, at + 1)) {
      const start = at + L;
      const read = readContinuation(window, start, completionTuning.maxInsert);
      // A repeat that runs into the cursor ends nowhere natural.
      const cut = read.cut || start + read.text.length >= window.length;
      if (read.text) found.push({ text: read.text, pos: -1, weight: 0, doc: -1, stops: stopsOf(read.text, cut, undefined, -1), follows: always, level: -1 });
    }
    if (found.length) return { conts: found, length: L };
  }
  return { conts: [], length: 0 };
}

/**
 * Nodes of the continuation trie where an item may stop, with their mass. `conts` is sorted, so
 * every node is a contiguous run [a, b).
 */
/** What the request knows that every candidate's estimate shares. */
interface RequestEvidence {
  contextLength: number;
  contextCount: number;
  clauseLength: number;
  /**
   * The writer's typed text follows one speech verbatim for `copyContext` characters or more, and
   * only that speech: they are drawing on it, so what only it goes on with may be offered.
   */
  copying: boolean;
}

function candidatesOf(conts: Continuation[], request: RequestEvidence, index: CompletionIndex): Candidate[] {
  const corpus = index.corpus.text.length ? index.corpus : undefined;
  const contextLength = request.contextLength;
  const m = conts.length;
  if (!m) return [];
  const adj = new Int32Array(m); // adj[k] = common prefix of conts[k-1] and conts[k]
  for (let k = 1; k < m; k++) adj[k] = commonPrefix(conts[k - 1].text, conts[k].text);
  const out: Candidate[] = [];
  const maxLen = conts.reduce((s, c) => Math.max(s, c.text.length), 0);
  const dead = new Uint8Array(m); // runs too unlikely to ever be worth offering, at any depth
  // Runs whose text fewer than sharedSpeeches speeches use anywhere: so does every longer text they go on to.
  const lonely = new Uint8Array(m);
  const { sharedSpeeches, minGain } = completionTuning;
  const copying = request.copying;
  for (let d = 1; d <= maxLen; d++) {
    let a = 0;
    while (a < m) {
      if (conts[a].text.length < d || dead[a]) {
        a++;
        continue;
      }
      let b = a + 1;
      while (b < m && adj[b] >= d) b++;
      let w = 0, self = false, strong = 0, weak = 0, branches = false, longest = 0;
      const docs = new Set<number>();
      const next = conts[a].text.charCodeAt(d);
      for (let k = a; k < b; k++) {
        const c = conts[k];
        w += c.weight;
        if (c.level === 0) longest += c.weight;
        if (c.doc < 0) self = true;
        else docs.add(c.doc);
        if (c.stops[d] === STRONG_STOP) strong += c.weight;
        else if (c.stops[d] === WEAK_STOP) weak += c.weight;
        if (c.text.length > d && c.text.charCodeAt(d) !== next) branches = true;
      }
      if (w * (maxLen - 1) < minGain) {
        dead.fill(1, a, b);
        a = b;
        continue;
      }
      // A stop between units: a phrase end, a mark, a closer, the end — or where continuations part
      // and no mined phrase is cut there.
      // Most of the run (by weight) must see a stop here: one occurrence where no mined phrase spans
      // the spot does not make it a boundary for the others.
      const stops = strong * 2 >= w || (branches && (strong + weak) * 2 >= w);
      // One speech's own way of going on is offered only to a writer evidently drawing on it — or
      // when what it adds is itself a formulation other speeches use too (a recombination, which the
      // 提法 guard then checks whole). Asked only where an item could stop.
      let speeches = docs.size;
      let common = stops && (speeches >= sharedSpeeches || self || copying);
      for (let k = a; k < b && stops && !common; k++) common = conts[k].follows();
      if (stops && !common && corpus && d >= completionTuning.minSharedInsert && !lonely[a]) {
        speeches = speechesUsing(corpus, conts[a].text.slice(0, d), sharedSpeeches);
        common = speeches >= sharedSpeeches;
        if (!common) lonely.fill(1, a, b);
      }
      if (common && stops && d >= 2) {
        const head = conts[a].text;
        const added = head.slice(0, d);
        let corpusCont: Continuation | undefined;
        for (let k = a; k < b && !corpusCont; k++) if (conts[k].pos >= 0) corpusCont = conts[k];
        const evidence: ItemEvidence = {
          mass: w,
          length: d,
          speeches,
          self,
          strongStop: strong * 2 >= w,
          branches: b - a,
          ...request,
          occurrences: corpus ? occurrencesOf(corpus, added) : 0,
          kind: corpusCont ? itemKindAt(index.corpus.text, index.roles, corpusCont.pos, d) : 'continuation',
          longestShare: longest / w,
        };
        // The item's chance, from the one calibrated model; `survive` turns the run's mass into it.
        const p = itemChance(evidence);
        const survive = p / w;
        if (p * (d - 1) >= minGain) out.push({ a, b, length: d, p, survive, docs: speeches, self, evidence });
      }
      a = b;
    }
  }
  return out;
}

/** Speeches the suffix-array range's occurrences are in (counting stops at 2). */
function speechesIn(index: CompletionIndex, [lo, hi]: [number, number]): number {
  const first = documentAt(index.corpus, index.corpus.sa[lo]);
  const step = Math.max(1, (hi - lo) / 64);
  for (let k = lo; k < hi; k += step) if (documentAt(index.corpus, index.corpus.sa[Math.floor(k)]) !== first) return 2;
  return 1;
}

/** Occurrences of `text` in the corpus. */
function occurrencesOf(corpus: CompletionIndex['corpus'], text: string): number {
  const [lo, hi] = findRange(corpus.text, corpus.sa, text);
  return hi - lo;
}

/** How many speeches use `text` (counting stops at `enough`). */
function speechesUsing(corpus: CompletionIndex['corpus'], text: string, enough: number): number {
  const [lo, hi] = findRange(corpus.text, corpus.sa, text);
  const docs = new Set<number>();
  const step = Math.max(1, (hi - lo) / 64);
  for (let k = lo; k < hi && docs.size < enough; k += step) docs.add(documentAt(corpus, corpus.sa[Math.floor(k)]));
  return docs.size;
}

/** What an item adds, folded so that variants count as one: no 的, no marks, no quotes or brackets. */
function foldKey(added: string): string {
  return added.replace(/[的，、：；。！？…,;:!?“”‘’「」『』（）()《》【】\s]/g, '');
}

/**
 * Greedy choice of up to `limit` items maximising the expected keystrokes saved; `admit` turns the
 * pick of each rank into its item, or refuses it (the next best is tried for that rank). Variants
 * that differ only in a 的, a mark or a closing quote count as one: the likelier is kept.
 */
function choose(
  conts: Continuation[],
  candidates: Candidate[],
  limit: number,
  admit: (c: Candidate) => CompletionItem | undefined,
): { items: CompletionItem[]; picks: Candidate[] } {
  const best = new Float64Array(conts.length); // best net saving so far if the writer goes this way
  const chosen: CompletionItem[] = [];
  const picks: Candidate[] = [];
  const keys = new Set<string>();
  const used = new Set<Candidate>();
  let refused = 0;
  // Likelier variants first, so the fold keeps them.
  const byLikelihood = [...candidates].sort((x, y) => y.p - x.p);
  for (let rank = 0; rank < limit && refused <= MAX_REFUSED; rank++) {
    const gains = new Float64Array(byLikelihood.length);
    let most = completionTuning.minGain;
    byLikelihood.forEach((c, i) => {
      const net = c.length - rank - 1;
      if (used.has(c) || net <= 0) return;
      let gain = 0;
      for (let k = c.a; k < c.b; k++) if (net > best[k]) gain += (net - best[k]) * conts[k].weight;
      gains[i] = gain * c.survive;
      most = Math.max(most, gains[i]);
    });
    // The likeliest of the picks that save nearly the most: a near tie goes to the item more often right.
    let top: Candidate | null = null;
    const enough = Math.max(completionTuning.minGain, most * (1 - completionTuning.likelierWithin));
    for (let i = 0; i < byLikelihood.length && !top; i++) if (gains[i] > completionTuning.minGain && gains[i] >= enough) top = byLikelihood[i];
    if (!top) break;
    used.add(top);
    const key = foldKey(conts[top.a].text.slice(0, top.length));
    const item = keys.has(key) ? undefined : admit(top);
    if (!item || chosen.some((c) => c.insert === item.insert)) {
      refused++;
      rank--;
      continue;
    }
    keys.add(key);
    chosen.push(item);
    picks.push(top);
    const net = top.length - rank - 1;
    for (let k = top.a; k < top.b; k++) if (net > best[k]) best[k] = net;
  }
  return { items: chosen, picks };
}

/**
 * The continuation mass for which some pick saves keystrokes (its length beyond its rank's cost),
 * each pick's survival applied; and the keystrokes the list is expected to save.
 */
function coverageOf(conts: Continuation[], picks: Candidate[]): { mass: number; saving: number } {
  const covered = new Float64Array(conts.length);
  const saved = new Float64Array(conts.length);
  picks.forEach((c, rank) => {
    const net = c.length - rank - 1;
    if (net <= 0) return;
    for (let k = c.a; k < c.b; k++) {
      covered[k] = Math.max(covered[k], c.survive);
      saved[k] = Math.max(saved[k], c.survive * net);
    }
  });
  let mass = 0, saving = 0;
  for (let k = 0; k < conts.length; k++) {
    mass += conts[k].weight * covered[k];
    saving += conts[k].weight * saved[k];
  }
  return { mass, saving };
}

/** Ranked completions for the text before the cursor; [] when nothing is likely enough to help. */
export function complete(index: CompletionIndex, before: string, options: CompleteOptions = {}): CompletionItem[] {
  const limit = Math.max(0, Math.min(50, options.limit ?? 5));
  if (!limit) return [];
  const context = contextOf(before, completionTuning.maxContext);
  if (context.length < completionTuning.minContext) return [];
  const { levels, ranges } = index.corpus.text.length ? contextLevels(index, context) : { levels: [], ranges: [] };
  const own = selfContinuations(before, context);
  if (!levels.length && !own.conts.length) return [];
  // The writer's own repeats take a share of the probability when there are any.
  const selfMass = own.conts.length ? completionTuning.selfMass : 0;
  for (const c of own.conts) c.weight = selfMass / own.conts.length;
  const conts = [...(levels.length ? gatherContinuations(index, levels, 1 - selfMass, before) : []), ...own.conts];
  conts.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));
  const contextLength = Math.max(levels[0]?.length ?? 0, own.length);
  const longest = levels[0];
  const request: RequestEvidence = {
    contextLength: longest?.length ?? 0,
    contextCount: longest ? longest.range[1] - longest.range[0] : 0,
    clauseLength: typedClause(context).length,
    copying: copyingOneSpeech(index, ranges),
  };
  const candidates = candidatesOf(conts, request, index);
  // The typed text every item's label repeats (the same for all of them: they share one range).
  const typed = typedLabel(index, context);
  const admit = (c: Candidate) => {
    const item = toItem(index, typed, conts, c);
    return options.admit ? options.admit(item) : item;
  };
  const chosen = choose(conts, candidates, limit, admit);
  const coverage = coverageOf(conts, chosen.picks);
  // The list is taken when any of its items is: items that share a start are not independent, but
  // the monotone map fitted on what writers took absorbs that.
  const listRaw = 1 - chosen.picks.reduce((q, c, rank) => (c.length - rank - 1 > 0 ? q * (1 - c.p) : q), 1);
  const listConfidence = listChance(listRaw);
  options.explain?.({
    listRaw,
    expectedSaving: coverage.saving,
    itemsRaw: chosen.picks.map((c) => c.p),
    contextLength,
    contextCount: levels[0] ? levels[0].range[1] - levels[0].range[0] : 0,
    listConfidence,
    items: chosen.items,
    candidates: candidates.map((c) => ({ added: conts[c.a].text.slice(0, c.length), p: c.p, evidence: c.evidence })),
  });
  const threshold = thresholds[options.eagerness ?? defaultEagerness];
  if (listConfidence < threshold.list) return [];
  if (!options.inline) return chosen.items;
  // Ghost text: the list's first item, when it alone is likely enough right.
  const first = chosen.items[0];
  return first && first.confidence >= threshold.ghost ? [first] : [];
}

/** Refused picks after which the list stays shorter (bounds the checks one request may cost). */
const MAX_REFUSED = 8;

/** Start of the typed text an item repeats: the current clause (a label that starts with a word), capped. */
function typedClause(context: string): string {
  let start = context.length;
  while (start > 0 && !CLAUSE_END.has(context[start - 1]) && context.length - start < MAX_TYPED_IN_LABEL) start--;
  return context.slice(start);
}

/** Typed characters an item's label repeats at most (a longer clause is cut where a word likely starts: typedLabel). */
const MAX_TYPED_IN_LABEL = 16;

/**
 * The typed text the items' labels repeat: the current clause, or, when it is longer than
 * MAX_TYPED_IN_LABEL, its tail from where a word most likely starts among the first few places — the
 * two characters across the cut are the least bound in the corpus (lowest pointwise mutual
 * information): 坚持不懈|用习近平…, not 懈用习近平….
 */
function typedLabel(index: CompletionIndex, context: string): string {
  const clause = typedClause(context);
  const start = context.length - clause.length;
  if (start === 0 || CLAUSE_END.has(context[start - 1]) || !index.corpus.text.length) return clause;
  const { text, sa } = index.corpus;
  const count = (s: string) => {
    const [lo, hi] = findRange(text, sa, s);
    return hi - lo;
  };
  let best = start, bestScore = Infinity;
  for (let j = start; j < Math.min(context.length - 1, start + LABEL_CUT_SPAN); j++) {
    const pair = count(context.slice(j - 1, j + 1));
    const score = Math.log((pair + 0.5) * text.length) - Math.log(count(context[j - 1]) + 1) - Math.log(count(context[j]) + 1);
    if (score < bestScore) {
      bestScore = score;
      best = j;
    }
  }
  return context.slice(best);
}

/** Places (from the capped start) where a long clause's label may begin. */
const LABEL_CUT_SPAN = 6;

function toItem(index: CompletionIndex, typed: string, conts: Continuation[], c: Candidate): CompletionItem {
  const first = conts[c.a];
  const continuation = first.text.slice(0, c.length);
  const insert = typed + continuation;
  // The kind and the source come from a corpus occurrence when there is one.
  let corpusCont: Continuation | undefined;
  for (let k = c.a; k < c.b && !corpusCont; k++) if (conts[k].pos >= 0) corpusCont = conts[k];
  const item: CompletionItem = {
    insert,
    replace: typed.length,
    label: insert,
    kind: corpusCont ? itemKindAt(index.corpus.text, index.roles, corpusCont.pos, c.length) : 'continuation',
    confidence: c.p,
    speeches: c.docs,
  };
  if (corpusCont) item.source = locate(index.corpus, corpusCont.pos);
  const snippet = snippetOf(insert, typed.length);
  if (snippet !== undefined) item.snippet = snippet;
  return item;
}
