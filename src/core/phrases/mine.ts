// Mining the corpus for what writers reuse — with no hand-made phrase list:
// - stock phrases: repeats (suffix-tree nodes) used by two or more speeches, cut where meaning breaks
//   (clause punctuation, or a peak of left/right branching entropy);
// - parallel groups (排比): runs of items joined by 、，； that share a frame or a length and recur;
// - quotations with their attribution (……强调，“……”; 古人云，“……”).
import {
  CLAUSE_END,
  HARD_BREAK,
  PUNCTUATION,
  SENTENCE_END,
  documentAt,
  isHardBreak,
  locate,
  type FlatCorpusText,
} from './corpusText';
import { buildLcp, findRange } from './suffixArray';

export interface PhraseLocation {
  docId: string;
  title: string;
  /** 0-based line in the speech's cleaned text. */
  line: number;
}

interface Mined {
  text: string;
  /** Occurrences in the corpus. */
  count: number;
  /** Number of speeches using it. */
  docs: number;
  /** Where it occurs (the first few, one per speech). */
  where: PhraseLocation[];
  /**
   * How much more often the corpus uses it than general Chinese would (distinctive.ts): what the
   * 常用提法 view ranks formulations by. Absent for a fragment, or where nothing was computed.
   */
  distinctiveness?: number;
  /** The corpus's own slip of a formulation it uses more often (found when the corpus is indexed): the view marks it 疑似笔误. */
  suspectSlip?: boolean;
  /** With suspectSlip: the formulation it is taken to be a slip of. */
  slipOf?: string;
}

export type StockPhrase = Mined;

export interface ParallelGroup extends Mined {
  items: string[];
  /** The joining mark: 、 ， or ； */
  separator: string;
}

export interface Quotation extends Mined {
  /** Who is quoted, as the corpus says it (习近平总书记, 古人, 毛泽东同志…). */
  speaker: string;
  /** The attribution as written before the quote (习近平总书记强调). */
  attribution: string;
}

export interface MiningOptions {
  minLength: number;
  maxLength: number;
  /** A phrase must be used by at least this many speeches. */
  minDocs: number;
  /** Branching entropy (bits) that marks a phrase boundary when no punctuation does. */
  boundaryEntropy: number;
  /** Locations kept per mined item. */
  maxLocations: number;
  /** Occurrences inspected per candidate (sampled evenly beyond this). */
  maxInspect: number;
}

export const defaultMiningOptions: MiningOptions = {
  minLength: 4,
  maxLength: 40,
  minDocs: 2,
  boundaryEntropy: 1.0,
  maxLocations: 8,
  maxInspect: 2000,
};

const isPunctuation = (ch: string | undefined) => ch === undefined || PUNCTUATION.has(ch) || isHardBreak(ch);
const OPENERS = new Set([...'“‘「『（(《【']);
const CLOSERS = new Set([...'”’」』）)》】']);

/** Occurrence statistics of `s`: count, speeches, locations, and the branching on both sides. */
function inspect(corpus: FlatCorpusText, s: string, opts: MiningOptions) {
  const [lo, hi] = findRange(corpus.text, corpus.sa, s);
  const text = corpus.text;
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  const docs = new Map<number, number>(); // doc → first position
  const step = Math.max(1, (hi - lo) / opts.maxInspect);
  let seen = 0;
  for (let k = lo; k < hi; k += step) {
    const pos = corpus.sa[Math.floor(k)];
    seen++;
    const l = pos > 0 ? text[pos - 1] : HARD_BREAK;
    const r = text[pos + s.length] ?? HARD_BREAK;
    left.set(l, (left.get(l) ?? 0) + 1);
    right.set(r, (right.get(r) ?? 0) + 1);
    const doc = documentAt(corpus, pos);
    if (!docs.has(doc)) docs.set(doc, pos);
  }
  return { count: hi - lo, seen, docs, left, right, range: [lo, hi] as [number, number] };
}

/** Branching entropy in bits; a punctuation or break neighbour counts as a distinct, maximal branch. */
function branching(neighbours: Map<string, number>, total: number): { entropy: number; punct: number } {
  let entropy = 0, punct = 0;
  for (const [ch, n] of neighbours) {
    if (isPunctuation(ch)) punct += n;
    const p = n / total;
    entropy -= p * Math.log2(p);
  }
  return { entropy, punct: punct / total };
}

function locations(corpus: FlatCorpusText, docs: Map<number, number>, max: number): PhraseLocation[] {
  return [...docs.values()].slice(0, max).map((pos) => locate(corpus, pos));
}

/** Cut a repeat to the part a phrase may span: no hard break or sentence end, no dangling punctuation. */
function trimToPhrase(s: string): string {
  let end = 0;
  while (end < s.length && !isHardBreak(s[end]) && !SENTENCE_END.has(s[end])) end++;
  let a = 0, b = end;
  // Punctuation, and function characters that glue a phrase to its neighbour (的决定性, 党员干部在).
  for (let moved = true; moved; ) {
    moved = false;
    while (a < b && ((isPunctuation(s[a]) && !OPENERS.has(s[a])) || LEADING_FUNCTION.has(s[a]))) (a++, (moved = true));
    while (b > a && ((isPunctuation(s[b - 1]) && !CLOSERS.has(s[b - 1])) || TRAILING_FUNCTION.has(s[b - 1]))) (b--, (moved = true));
  }
  // Quotes must pair up in order, or the phrase was cut through a quotation.
  let depth = 0, broken = false;
  for (let i = a; i < b && !broken; i++) {
    if (OPENERS.has(s[i])) depth++;
    else if (CLOSERS.has(s[i]) && --depth < 0) broken = true;
  }
  if (broken || depth !== 0) {
    if (OPENERS.has(s[a]) && depth === 1 && !broken) a++;
    else if (CLOSERS.has(s[b - 1]) && broken && depth === -1 && closesOnlyAtEnd(s, a, b)) b--;
    else return '';
  }
  return s.slice(a, b);
}

/** True when the only unmatched closer is the last char (意识” cut from 增强“四个意识”). */
function closesOnlyAtEnd(s: string, a: number, b: number): boolean {
  let depth = 0;
  for (let i = a; i < b - 1; i++) {
    if (OPENERS.has(s[i])) depth++;
    else if (CLOSERS.has(s[i]) && --depth < 0) return false;
  }
  return depth === 0;
}

const LEADING_FUNCTION = new Set([...'的了地得着之和与及并而是']);
const TRAILING_FUNCTION = new Set([...'的了在和与及对把将被从向也都就而并着地得之其是']);

export function mineStockPhrases(corpus: FlatCorpusText, options: Partial<MiningOptions> = {}): StockPhrase[] {
  const opts = { ...defaultMiningOptions, ...options };
  const { text, sa } = corpus;
  const lcp = buildLcp(text, sa);
  const tried = new Set<string>();
  const out: StockPhrase[] = [];
  // Distance from each position to the next sentence end or break: no phrase reaches past it.
  const room = new Int32Array(text.length + 1);
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    room[i] = isHardBreak(ch) || SENTENCE_END.has(ch) ? 0 : Math.min(room[i + 1] + 1, opts.maxLength + 8);
  }
  // Span last tried per start position (every node deeper than the room left trims the same way).
  const triedDepth = new Int32Array(text.length);
  const consider = (depth: number, lb: number) => {
    const start = sa[lb];
    const span = Math.min(depth, room[start]);
    if (span < opts.minLength || triedDepth[start] === span) return;
    triedDepth[start] = span;
    const raw = text.slice(start, start + span);
    const s = trimToPhrase(raw);
    if (s.length < opts.minLength || s.length > opts.maxLength || tried.has(s)) return;
    tried.add(s);
    if (s.includes('*') && s.replace(/[*]/g, '').length < opts.minLength) return;
    const st = inspect(corpus, s, opts);
    if (st.docs.size < opts.minDocs) return;
    const l = branching(st.left, st.seen);
    const r = branching(st.right, st.seen);
    // A boundary: mostly punctuation beside it, or the neighbours vary enough (free to combine).
    const leftFree = l.punct >= 0.5 || l.entropy >= opts.boundaryEntropy;
    const rightFree = r.punct >= 0.5 || r.entropy >= opts.boundaryEntropy;
    if (!leftFree || !rightFree) return;
    out.push({ text: s, count: st.count, docs: st.docs.size, where: locations(corpus, st.docs, opts.maxLocations) });
  };
  // Enumerate LCP intervals (internal suffix-tree nodes = right-maximal repeats) with a stack.
  const stack: { depth: number; lb: number }[] = [{ depth: 0, lb: 0 }];
  for (let i = 1; i <= sa.length; i++) {
    const h = i < sa.length ? lcp[i] : 0;
    let lb = i - 1;
    while (h < stack[stack.length - 1].depth) {
      const node = stack.pop()!;
      lb = node.lb;
      if (node.depth >= opts.minLength) consider(node.depth, node.lb);
    }
    if (h > stack[stack.length - 1].depth) stack.push({ depth: h, lb });
  }
  // Keep a shorter phrase only if it is used more widely than the longer phrase containing it.
  out.sort((a, b) => b.text.length - a.text.length);
  const kept: StockPhrase[] = [];
  const keptByDocs: StockPhrase[] = [];
  for (const p of out) {
    const subsumed = keptByDocs.some((q) => q.docs >= p.docs && q.count >= p.count && q.text.includes(p.text));
    if (subsumed) continue;
    kept.push(p);
    keptByDocs.push(p);
  }
  return kept.sort((a, b) => b.docs - a.docs || b.count - a.count || b.text.length - a.text.length);
}

const GROUP_SEPARATORS = ['、', '，', '；'];

/** Length of the head all items share. */
export function commonPrefixLength(items: string[]): number {
  let n = Math.min(...items.map((s) => s.length));
  for (const s of items) {
    let i = 0;
    while (i < n && s[i] === items[0][i]) i++;
    n = i;
  }
  return n;
}

function commonSuffixLength(items: string[]): number {
  return commonPrefixLength(items.map((s) => [...s].reverse().join('')));
}

/** The punctuation skeleton of an item: 增强“四个意识” → ??“????” */
const skeleton = (s: string) => s.replace(/[^“”‘’「」《》（）]/g, '?');

/** Items of a run share a frame: a common head or tail, or one quote skeleton and length. */
function framed(items: string[], separator: string): boolean {
  const lengths = new Set(items.map((s) => s.length));
  const head = commonPrefixLength(items);
  const tail = commonSuffixLength(items);
  const minLen = Math.min(...items.map((s) => s.length));
  if (separator === '、') {
    if (items.some((s) => s.length < 2 || s.length > 14)) return false;
    if (head >= 1 && head < minLen) return lengths.size === 1 || head >= 2;
    if (tail >= 1 && tail < minLen) return lengths.size === 1 || tail >= 2;
    const sk = new Set(items.map(skeleton));
    if (sk.size === 1 && /[“「《]/.test(items[0])) return true;
    return lengths.size === 1 && minLen >= 3 && items.length >= 3;
  }
  // Clause-level parallelism needs a shared frame of two chars or more.
  if (items.some((s) => s.length < 3 || s.length > 24)) return false;
  return (head >= 2 && head < minLen) || (tail >= 2 && tail < minLen);
}

/** Finds runs of parallel items in one sentence; edge items are cut to the frame of the inner ones. */
function groupsInSentence(sentence: string, found: (items: string[], separator: string) => void) {
  for (const sep of GROUP_SEPARATORS) {
    // Split on clause marks; a run is consecutive segments joined by `sep`.
    const segments: { text: string; sepAfter: string }[] = [];
    let cur = '';
    for (const ch of sentence) {
      if (CLAUSE_END.has(ch) && !CLOSERS.has(ch)) {
        segments.push({ text: cur, sepAfter: ch });
        cur = '';
      } else cur += ch;
    }
    segments.push({ text: cur, sepAfter: '' });
    let i = 0;
    while (i < segments.length) {
      let j = i;
      while (j < segments.length - 1 && segments[j].sepAfter === sep) j++;
      if (j > i) tryRun(segments.slice(i, j + 1).map((s) => s.text), sep, found);
      i = j + 1;
    }
  }
}

function tryRun(segments: string[], sep: string, found: (items: string[], separator: string) => void) {
  if (segments.length < 2) return;
  let items = segments.slice();
  if (sep === '、') {
    // The first and last segment may carry text that belongs outside the group; fit them to the frame.
    const inner = items.slice(1, -1);
    const k = inner.length ? inner[0].length : Math.min(items[0].length, items[items.length - 1].length);
    if (inner.length && inner.some((s) => s.length !== k)) {
      // Uneven inner items: use the longest framed stretch of inner items alone.
      if (inner.length >= 3 && framed(inner, sep)) found(inner, sep);
      return;
    }
    const stripQuote = (s: string) => s.replace(/^[“「《]/, '').replace(/[”」》]$/, '');
    const first = items[0];
    const last = items[items.length - 1];
    const cutFirst = fitEdge(first, k, true);
    const cutLast = fitEdge(last, k, false);
    items = [cutFirst, ...inner, cutLast].map(stripQuote);
  }
  if (items.length >= 2 && items.every((s) => s.length) && framed(items, sep)) found(items, sep);
}

/** The last (or first) `k` chars of an edge segment, keeping a quoted item whole. */
function fitEdge(segment: string, k: number, first: boolean): string {
  if (segment.length <= k) return segment;
  if (first) {
    const q = segment.lastIndexOf('“');
    if (q >= 0 && segment.length - q - 1 >= 2 && segment.length - q - 1 <= k + 1 && !segment.slice(q).includes('”'))
      return segment.slice(q + 1);
    return segment.slice(segment.length - k);
  }
  const q = segment.indexOf('”');
  if (q >= 0 && q <= k + 1 && !segment.slice(0, q).includes('“')) return segment.slice(0, q);
  return segment.slice(0, k);
}

export function mineParallelGroups(corpus: FlatCorpusText, options: Partial<MiningOptions> = {}): ParallelGroup[] {
  const opts = { ...defaultMiningOptions, ...options };
  const byText = new Map<string, { items: string[]; separator: string }>();
  for (const sentence of corpus.text.split(/[。！？\n\u0000]/)) {
    if (sentence.length < 5 || !/[、，；]/.test(sentence)) continue;
    groupsInSentence(sentence, (items, separator) => {
      // Find the group as written (items may sit in quotes: 增强“四个意识”、坚定“四个自信”).
      const written = writtenForm(sentence, items, separator);
      if (written && !byText.has(written)) byText.set(written, { items, separator });
    });
  }
  const out: ParallelGroup[] = [];
  for (const [text, g] of byText) {
    const st = inspect(corpus, text, opts);
    if (st.docs.size < opts.minDocs) continue;
    out.push({ text, items: g.items, separator: g.separator, count: st.count, docs: st.docs.size, where: locations(corpus, st.docs, opts.maxLocations) });
  }
  // A group that is part of a longer recurring group is not listed on its own.
  const kept = out.filter((g) => !out.some((h) => h !== g && h.text.length > g.text.length && h.text.includes(g.text) && h.docs >= g.docs));
  return kept.sort((a, b) => b.docs - a.docs || b.count - a.count || b.text.length - a.text.length);
}

/** The stretch of `sentence` from the first item to the last, as written. */
function writtenForm(sentence: string, items: string[], separator: string): string | null {
  const first = items[0], last = items[items.length - 1];
  let from = 0;
  for (;;) {
    const a = sentence.indexOf(first, from);
    if (a < 0) return null;
    let pos = a + first.length;
    let ok = true;
    for (const item of items.slice(1)) {
      const b = sentence.indexOf(item, pos);
      if (b < 0 || b - pos > 3 || !sentence.slice(pos, b).includes(separator)) {
        ok = false;
        break;
      }
      pos = b + item.length;
    }
    if (ok) {
      const end = sentence[pos] === '”' && sentence.slice(a, pos).split('“').length > sentence.slice(a, pos).split('”').length ? pos + 1 : pos;
      let start = a;
      if (sentence[a - 1] === '“' && !sentence.slice(a, end).startsWith('“')) {
        // Keep the opening quote with its closing one (“学思想、…、建新功”).
        if (sentence[end] === '”') return sentence.slice(a - 1, end + 1);
      }
      void last;
      return sentence.slice(start, end);
    }
    from = a + 1;
  }
}

const ATTRIBUTION = /([^，。；：！？“”、\n\u0000]{1,40}?)(强调|指出|说过|说|讲过|讲|云|曰|所讲|所说|所指出|告诫|写道)[，：:]?(?:要|是|就是)?“([^“”\n\u0000]{6,400})”/g;
/** Sayings quoted without quotation marks: 古人云，惟俭可以助廉。 */
const SAYING = /(古人云|古语云|古人讲|古人说|俗话说|常言道|有道是|老话说)[，：:]([^“”，。！？；\n\u0000]{4,30}(?:，[^“”，。！？；\n\u0000]{2,30})?)[。！？；]/g;
const LEAD_IN = /^(?:正如|诚如|就像|如同|早在[^，]*?|同时|他|她|也|还|曾经?|多次|反复|深刻|明确|特别|一再)+/;
/** Hearsay, not an authority: a speech quotes what 人们常说 or 有人说 to answer it. */
const HEARSAY = /^(?:人们|有人|有的人|有些人|一些人|某些人|不少人|很多人|许多人|别人|有的同志|有些同志|社会上)/;
/** An answer right after the quote (，但我认为…): the saying was quoted to be refuted. */
const REBUTTAL = /^[，,。；;：:\s]*(?:但|然而|其实|可是|事实上|实际上|恰恰|不是|并非|殊不知|我认为|我却认为)/;

export function mineQuotations(corpus: FlatCorpusText, options: Partial<MiningOptions> = {}): Quotation[] {
  const opts = { ...defaultMiningOptions, ...options };
  const byText = new Map<string, { attribution: string; speaker: string }>();
  for (const m of corpus.text.matchAll(ATTRIBUTION)) {
    const [, who, verb, content] = m;
    const after = corpus.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    // 人们常说“党建就是搞虚的东西”，但我认为……: a saying set up to be refuted is no quotation.
    if (HEARSAY.test(who.replace(LEAD_IN, '').trim()) && REBUTTAL.test(after)) continue;
    const attribution = (who.replace(LEAD_IN, '') + verb).trim();
    // 习近平总书记在……会议上的讲话中指出 → 习近平总书记
    const speaker = who
      .replace(LEAD_IN, '')
      .replace(/在.*$/, '')
      .replace(/(曾经|曾|常|多次|反复|深刻|鲜明|明确|特别|一再|也|还|就|都|又)+$/, '')
      .trim();
    if (speaker.length < 2 || /[0-9]/.test(speaker)) continue;
    if (!byText.has(content)) byText.set(content, { attribution, speaker });
  }
  for (const m of corpus.text.matchAll(SAYING)) {
    const [, attribution, content] = m;
    if (!byText.has(content)) byText.set(content, { attribution, speaker: attribution.slice(0, 2) === '古人' || attribution.slice(0, 2) === '古语' ? '古人' : '俗语' });
  }
  const out: Quotation[] = [];
  for (const [text, q] of byText) {
    const st = inspect(corpus, text, opts);
    out.push({ text, attribution: q.attribution, speaker: q.speaker, count: st.count, docs: st.docs.size, where: locations(corpus, st.docs, opts.maxLocations) });
  }
  return out.sort((a, b) => b.docs - a.docs || b.count - a.count || a.text.localeCompare(b.text));
}
