// 错别字: three checks, each judged in context with jieba's dictionary (its words, counts and tags).
//  - Forms that are always wrong (布署, 再接再励), where the match is a word of its own in the sentence.
//  - Look-alike words that are wrong in this context (截止目前, 认真的学习, 做的很好, 必需坚持).
//  - A slip of one character that breaks a common word (切水增强): the likeliest segmentation of the
//    clause gains much more probability with a homophone or look-alike in its place than such a slip
//    costs, the restored word is common and fully explains its neighbours, and neither the corpus nor
//    the draft uses the written form. Like a noisy-channel speller (pycorrector ranks its candidates
//    the same way, by a language model's score) with jieba's unigram model as the language model and
//    the corpus and the draft as the writer's own evidence; thresholds are set for a checker that
//    may raise at most one false alarm per 10,000 characters.
import { CONFUSION_WEIGHT, ConfusionSets, wordsOf, type Confusion, type Lexicon, type SegmentationTables, type Token } from '../lexicon';
import { CONFUSIONS, MISSPELLINGS } from './typoRules';
import type { CorpusEvidence, ProofreadCode } from './types';

export interface TypoCandidate {
  /** Offsets in the paragraph. */
  start: number;
  end: number;
  code: Extract<ProofreadCode, `typo.${string}`>;
  found: string;
  expected: string;
  safe: boolean;
  channel?: Confusion;
  /** typo.word: log-odds of a slip before the corpus's and the draft's evidence are counted. */
  score?: number;
  /** typo.word: the paragraph offset of the suspect character (one slip is kept per character). */
  at?: number;
  /** typo.word: the restored word with a neighbour each side, which the corpus using makes the slip likelier. */
  context?: string;
}

/** Tunable constants of the word-slip check (natural-log units). */
export const WORD_SLIP = {
  /** Report a slip from this log-odds on. */
  threshold: 10,
  /** Candidate words come from dictionary words used at least this often… */
  minCandidateCount: 50,
  /** …and the restored word must be at least this common. */
  minRestoredCount: 100,
  /** A one-character token rarer than this is a fragment: a sentence that still has one is unexplained. */
  fragmentCount: 5000,
  /** An IME offers common characters first: a wrong character rarer than this was chosen on purpose (penalty ln(count/this)). */
  deliberateCount: 1000,
  /** The written pair of characters occurs inside a longer dictionary word: a plausible combination. */
  attestedPenalty: 1,
  /** The corpus writes the restored word with the same neighbours. */
  corpusBonus: 3,
  /** The draft uses the restored word nearby… */
  draftBonus: 3,
  /** …within this many characters either side (about a speech). */
  draftReach: 4000,
  /** How much more a sentence may gain than the restored word alone (its neighbours re-read). */
  localSlack: 3,
  /** Characters inside a sentence's word used at least this often are not suspected. */
  settledCount: 1000,
};

const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]+/g;

/**
 * Words that modify a verb only, never a noun (持之以恒地加固, 更好地服务): before 的 and a verb they
 * call for 地 even when a noun follows the verb. Besides reduplications and the words jieba tags z.
 * (jieba tags many adjectives ad or d — 坚实, 真实, 长远 — so those tags are not trusted.)
 */
const ADVERBS = new Set(
  ('切实 积极 认真 努力 主动 自觉 不断 持续 稳步 大力 及时 如实 逐步 全力 牢牢 紧紧 更好 更加 更为 由衷 反复 真正 ' +
    '坚定不移 毫不动摇 一以贯之 旗帜鲜明 实事求是 持之以恒 锲而不舍 与时俱进 积极主动 不折不扣 千方百计 久久为功 ' +
    '有针对性 认认真真 扎扎实实 踏踏实实 真真切切 清清楚楚 明明白白 ' +
    '毫不松懈 有计划 有组织 有步骤 有重点 有序 全力以赴 尽快 尽早 迅速 一定程度 真刀真枪 真刀实枪').split(' '),
);
/** Adjectives that take 地 before a verb going on to its object (深入地学习党史) but 的 before a noun phrase (坚实的实践基础). */
const ADJECTIVE_ADVERBIALS = new Set('创造性 创新性 针对性 历史性 开创性 实实在在 深入 全面 扎实 坚定 坚决 有效 科学 深刻 广泛 系统 严格 牢固 充分 准确 精准 高效 热情 热烈 亲切 彻底 客观 辩证 高质量 全方位 深入细致 扎实有效 切实有力'.split(' '));
/** Before these, 认真的学习 is a noun phrase (进行认真的学习): 的 is right. */
const NOMINALIZERS = /进行|开展|作出|做出|给予|加以|有|是|成为|得到|受到|实现|获得|取得|展开|经过|通过|需要|缺乏|缺少|作为|体现|加强/;
/** Nouns that 反应 (a reaction) itself heads or takes: 反应速度, 反应机制, 化学反应 are no slips. */
const REACTION_WORDS = new Set('速度 时间 能力 机制 过程 情况 结果 灵敏 迅速 强烈 快 慢 过度 冷淡 平平 良好 积极 热烈 很快 不一 各异 不大 剧烈 堆 器 物 式'.split(' '));
/** A modal or aspect word before the adverbial: what follows is a verb phrase (要认真地学习). */
const MODAL = /(?:要|应|应该|应当|必须|需要|能|能够|会|将|坚持|继续|进一步|一定|务必|更加|都|还|也|就)$/;
/** Prepositions that open an adverbial after 地 (更好地在…落实); jieba tags some nouns p (依据). */
const PREPOSITIONS = new Set('在 从 把 对 向 为 以 用 按 同 给 将 于 通过 围绕 按照 结合 就 跟'.split(' '));
const CONJUNCTIONS = new Set('和 与 及 并 或 以及 而 同'.split(' '));
const DEGREE = new Set('很 非常 十分 更加 更 越来越 比较 较为 特别 相当 格外 最 极为 太'.split(' '));
/** Complements after 得 (做得好): a verb followed by 的 and one of these, then a pause, is a slip. */
const COMPLEMENTS = new Set('好 快 实 细 透 深 准 稳 牢 更好 更实 更细 更快 更加 到位 扎实 出色 明显 突出 有效 精彩 圆满 顺利 及时 彻底 充分 全面 具体 清楚 明白'.split(' '));

/**
 * A word of 2–4 characters with the one at offset `gap` left out, as one number (no string to build
 * or hash): the other characters' codes, 16 bits each, then the length and the gap.
 */
function gapKey(text: string, start: number, len: number, gap: number): number {
  let key = 0;
  for (let q = 0; q < len; q++) if (q !== gap) key = key * 0x10000 + text.charCodeAt(start + q);
  return key * 16 + len * 4 + gap;
}

/** The restorable words of one gap key: their missing characters, and each word's ln P. */
interface GapWords {
  chars: string;
  logP: Float64Array;
}

const MISSPELLING_FIRST = new Set(Object.keys(MISSPELLINGS).map((w) => w[0]));
const isVerb = (tag: string | undefined) => tag === 'v' || tag === 'vd' || tag === 'vi';
const reduplicated = (w: string) => (w.length === 4 && w[0] === w[1] && w[2] === w[3]) || (w.length === 3 && w[1] === w[2]);

export class TypoChecker {
  private wildcards?: Map<number, GapWords>;
  private innerBigrams?: Set<string>;
  private confusable?: ConfusionSets;

  constructor(readonly lexicon: Lexicon) {}

  /**
   * Dictionary words of 2–4 Han characters that may be restored (used at least minCandidateCount and
   * minRestoredCount times), filed under each one-character gap with their log probabilities.
   */
  private candidates(): Map<number, GapWords> {
    if (this.wildcards) return this.wildcards;
    const map = new Map<number, { chars: string; logP: number[] }>();
    for (const [w] of this.lexicon.frequencies.entries(Math.max(WORD_SLIP.minCandidateCount, WORD_SLIP.minRestoredCount))) {
      if (w.length < 2 || w.length > 4 || !/^[\u4e00-\u9fff]+$/.test(w)) continue;
      const logP = this.lexicon.wordLogProbability(w);
      for (let k = 0; k < w.length; k++) {
        const key = gapKey(w, 0, w.length, k);
        const entry = map.get(key);
        if (entry) {
          entry.chars += w[k];
          entry.logP.push(logP);
        } else map.set(key, { chars: w[k], logP: [logP] });
      }
    }
    const words = new Map<number, GapWords>();
    for (const [key, { chars, logP }] of map) words.set(key, { chars, logP: Float64Array.from(logP) });
    this.wildcards = words;
    const chars = new Set<string>();
    for (const list of words.values()) for (const c of list.chars) chars.add(c);
    this.confusable = new ConfusionSets(chars);
    return words;
  }

  /** What each character may have been written for, by code unit (see slips). */
  private readonly codeChannels = new Map<string, Map<number, Confusion>>();

  private channelsByCode(confusable: ConfusionSets, ch: string): ReadonlyMap<number, Confusion> {
    let map = this.codeChannels.get(ch);
    if (!map) {
      map = new Map();
      for (const [c, channel] of confusable.of(ch)) map.set(c.charCodeAt(0), channel);
      this.codeChannels.set(ch, map);
    }
    return map;
  }

  /** Pairs of characters that occur inside dictionary words of three or more characters. */
  private inner(): Set<string> {
    if (this.innerBigrams) return this.innerBigrams;
    const set = new Set<string>();
    for (const [w] of this.lexicon.frequencies.entries(1)) if (w.length > 2) for (let q = 0; q + 2 <= w.length; q++) set.add(w.slice(q, q + 2));
    return (this.innerBigrams = set);
  }

  /** Loads the indexes now (a worker does this before its first request). */
  warmUp(): void {
    this.candidates();
    this.inner();
  }

  /**
   * Candidates in one paragraph of prose, in paragraph offsets. Slips (typo.word) are every reading
   * that may pass once the corpus is asked: resolveSlips weighs them and keeps the likeliest.
   */
  check(text: string): TypoCandidate[] {
    const out: TypoCandidate[] = [];
    const clauses: { at: number; clause: string; seg: Token[]; tables: SegmentationTables }[] = [];
    for (const m of text.matchAll(HAN_RUN)) {
      const tables = this.lexicon.segmentationTables(m[0]);
      clauses.push({ at: m.index!, clause: m[0], seg: wordsOf(m[0], tables.back), tables });
    }
    for (const { at, clause, seg, tables } of clauses) {
      const push = (c: TypoCandidate) => out.push({ ...c, start: c.start + at, end: c.end + at, ...(c.at !== undefined ? { at: c.at + at } : {}) });
      this.misspellings(clause, seg, push);
      this.particles(clause, seg, text.slice(0, at), push);
      this.objects(clause, seg, push);
      this.slips(clause, seg, tables, push);
    }
    this.confusions(text, clauses, (c) => out.push(c));
    return out;
  }

  private misspellings(clause: string, seg: Token[], push: (c: TypoCandidate) => void): void {
    if (![...clause].some((c) => MISSPELLING_FIRST.has(c))) return;
    const starts = new Set(seg.map((t) => t.start));
    const ends = new Set(seg.map((t) => t.end));
    for (let i = 0; i < clause.length; i++)
      for (let len = 2; len <= 6 && i + len <= clause.length && MISSPELLING_FIRST.has(clause[i]); len++) {
        const found = clause.slice(i, i + len);
        const expected = MISSPELLINGS[found];
        // A word of its own: the sentence's likeliest words start and end where the match does, or
        // the match swallows whole words (再接再励 is 再接/再/励).
        if (!expected || !(starts.has(i) || i === 0) || !(ends.has(i + len) || i + len === clause.length)) continue;
        push({ start: i, end: i + len, code: 'typo.misspelling', found, expected, safe: true });
      }
  }

  private confusions(text: string, clauses: { at: number; clause: string; seg: Token[] }[], push: (c: TypoCandidate) => void): void {
    for (const rule of CONFUSIONS) {
      // Context may run past punctuation (即要…，又要), so rules read the whole paragraph.
      for (const m of text.matchAll(rule.pattern)) {
        const w = m.groups!.w;
        const start = m.index! + m[0].indexOf(w);
        const c = clauses.find((c) => c.at <= start && start + w.length <= c.at + c.clause.length);
        // The word starts a word of the sentence (not 实在次日 read as 在次).
        if (!c || !(start === c.at || c.seg.some((t) => t.start + c.at === start))) continue;
        push({ start, end: start + w.length, code: 'typo.confusion', found: w, expected: rule.expected, safe: false });
      }
    }
  }

  /**
   * Words whose look-alike takes an object where they take none: 反应 (a reaction) for 反映 before
   * what is passed on (反应群众愿望, 反应了…, 反应的是…), 必需 (needed) for 必须 (must) before a verb.
   */
  private objects(clause: string, seg: Token[], push: (c: TypoCandidate) => void): void {
    const tag = (t: Token | undefined) => (t ? this.lexicon.tag(t.word) ?? '' : '');
    for (let k = 0; k + 1 < seg.length; k++) {
      const t = seg[k];
      const next = seg[k + 1];
      if (t.word === '反应') {
        const object = /^(n|nr|ns|nt|nz|r)$/.test(tag(next)) && !REACTION_WORDS.has(next.word);
        const reported = next.word === '了' ? k + 2 < seg.length : next.word === '的' && seg[k + 2]?.word === '是';
        if (object || reported) push({ start: t.start, end: t.end, code: 'typo.confusion', found: '反应', expected: '反映', safe: false });
      } else if (t.word === '必需' && /^(v|vd|d|ad|p)$/.test(tag(next))) {
        push({ start: t.start, end: t.end, code: 'typo.confusion', found: '必需', expected: '必须', safe: false });
      }
    }
  }

  /** 的/地/得 by the words around them. */
  private particles(clause: string, seg: Token[], before: string, push: (c: TypoCandidate) => void): void {
    const tag = (t: Token | undefined) => (t ? this.lexicon.tag(t.word) : undefined);
    const adverb = (t: Token | undefined) => !!t && t.word.length > 1 && (ADVERBS.has(t.word) || tag(t) === 'z' || reduplicated(t.word));
    const adverbial = (t: Token | undefined) => adverb(t) || (!!t && ADJECTIVE_ADVERBIALS.has(t.word));
    for (let k = 1; k + 1 < seg.length; k++) {
      const p = seg[k];
      if (p.word !== '的' && p.word !== '得') continue;
      const prev = seg[k - 1];
      const after = seg[k + 1];
      const next = seg[k + 2];
      // 认真的学习 → 认真地学习: an adverbial, then a verb that is not made a noun (进行认真的学习, 认真的学习态度).
      // Within the comma clause: 进行认真的学习 and 开展全方位的遏制 make the verb a noun, 的 is right there.
      const cut = Math.max(...'，。；！？：'.split('').map((c) => before.lastIndexOf(c))) + 1;
      const lead = before.slice(cut) + clause.slice(0, prev.start);
      const afterTag = PREPOSITIONS.has(after.word) ? 'p' : (tag(after) ?? '');
      // A verb jieba files as a noun too (研究, 服务) counts after an adverb of the list only (及时地研究, 更好地服务).
      const listed = ADVERBS.has(prev.word);
      const verb = isVerb(afterTag) || (afterTag === 'vn' && listed);
      if (adverbial(prev) && (verb || afterTag === 'p') && next?.word !== '的' && !NOMINALIZERS.test(lead)) {
        // The verb goes on to its object (由衷的感到自己), or a modal shows it is a verb (要认真的学习。);
        // 明确的遵循。, 认真的学习态度 (a word of the dictionary) and 和 after the verb make noun phrases.
        const compound = next && this.lexicon.wordFrequency(after.word + next.word) > 0;
        const nounNext = /^(n|vn|ng|nz)$/.test(tag(next) ?? '') && !adverb(prev);
        const verbal = afterTag === 'p' || (next ? !CONJUNCTIONS.has(next.word) && !compound && !nounNext && (tag(next) !== 'vn' || listed) : MODAL.test(lead));
        if (verbal) push({ start: p.start, end: p.end, code: 'typo.confusion', found: p.word, expected: '地', safe: false });
        continue;
      }
      // 做的很好 → 做得很好, 建设的更加坚强有力: a verb, 的, a degree word and a complement that ends the clause.
      if (p.word === '的' && (isVerb(tag(prev)) || tag(prev) === 'vn')) {
        const degree = DEGREE.has(after.word) || after.word === '更好' || after.word === '更实';
        const complement = DEGREE.has(after.word) ? next : after;
        const end = DEGREE.has(after.word) ? k + 3 : k + 2;
        const adjective = (t: Token | undefined) => !!t && (COMPLEMENTS.has(t.word) || /^(a|ad|i|l|z)$/.test(tag(t) ?? ''));
        if ((degree || COMPLEMENTS.has(after.word)) && adjective(complement) && end === seg.length)
          push({ start: p.start, end: p.end, code: 'typo.confusion', found: '的', expected: '得', safe: false });
      }
    }
  }

  private slips(clause: string, seg: Token[], tables: SegmentationTables, push: (c: TypoCandidate) => void): void {
    const n = clause.length;
    if (n < 2) return;
    const index = this.candidates();
    const confusable = this.confusable!;
    const inner = this.inner();
    const lex = this.lexicon;
    const base = tables.forward[n];
    const spans = new Map<string, number>();
    const spanLogP = (span: string) => {
      let v = spans.get(span);
      if (v === undefined) spans.set(span, (v = lex.logProbability(span)));
      return v;
    };
    const fragment = ([a, b]: [number, number]) => b - a === 1 && lex.wordFrequency(clause[a]) < WORD_SLIP.fragmentCount;
    // A slip hides in what the dictionary cannot read: characters standing alone or in rare words.
    // A common word of the sentence is taken as written (a slip that makes another common word is
    // left to the confusion rules).
    const settled = new Uint8Array(n);
    for (const t of seg) if (t.word.length > 1 && lex.wordFrequency(t.word) >= WORD_SLIP.settledCount) settled.fill(1, t.start, t.end);
    for (let i = 0; i < n; i++) {
      if (settled[i]) continue;
      const wrong = clause[i];
      const channels = this.channelsByCode(confusable, wrong);
      if (!channels.size) continue;
      for (let len = 2; len <= 4; len++)
        for (let k = 0; k < len; k++) {
          const s = i - k;
          if (s < 0 || s + len > n) continue;
          const words = index.get(gapKey(clause, s, len, k));
          if (!words) continue;
          const { chars, logP } = words;
          for (let q = 0; q < chars.length; q++) {
            // By code unit: a Han character read as a string is a new string each time, and this loop is the check's hottest.
            const channel = channels.get(chars.charCodeAt(q));
            if (!channel) continue;
            const right = chars[q];
            // What the word alone gains over the characters it replaces bounds what the sentence can:
            // most candidates stop here, before the sentence is scored.
            const local = logP[q] - spanLogP(clause.slice(s, s + len)) + Math.log(CONFUSION_WEIGHT[channel]);
            if (local + WORD_SLIP.corpusBonus + WORD_SLIP.draftBonus + WORD_SLIP.localSlack < WORD_SLIP.threshold) continue;
            const restored = clause.slice(s, i) + right + clause.slice(i + 1, s + len);
            const fixed = lex.withReplacement(tables, i, right);
            // The restored word explains its neighbours: no stray rare character is left beside it.
            if (fixed.end - fixed.start < 2 || fragment(fixed.left) || fragment(fixed.right)) continue;
            let score = fixed.logProbability - base + Math.log(CONFUSION_WEIGHT[channel]);
            if (channel !== 'shape') score += Math.min(0, Math.log(Math.max(1, lex.wordFrequency(wrong)) / WORD_SLIP.deliberateCount));
            for (let q = Math.max(s, i - 1); q <= Math.min(i, s + len - 2); q++) if (inner.has(clause.slice(q, q + 2))) score -= WORD_SLIP.attestedPenalty;
            if (score + WORD_SLIP.corpusBonus + WORD_SLIP.draftBonus < WORD_SLIP.threshold) continue;
            // The corpus's evidence (resolveSlips) comes later: the candidate carries what to ask it.
            const context = clause.slice(Math.max(0, s - 1), i) + right + clause.slice(i + 1, s + len + 1);
            push({ start: s, end: s + len, code: 'typo.word', found: clause.slice(s, s + len), expected: restored, channel, score, safe: false, at: i, ...(context.length > len ? { context } : {}) });
          }
        }
    }
  }
}

/** The strings whose use in the corpus resolveSlips asks about. */
export function corpusQueries(candidates: readonly TypoCandidate[], out: Set<string>): void {
  for (const c of candidates) {
    if (c.code !== 'typo.word') continue;
    out.add(c.found);
    if (c.context) out.add(c.context);
  }
}

/**
 * The corpus's evidence on a paragraph's slip candidates, then one per character and one per span,
 * the likeliest: a written form the corpus uses is a wording of the writer's world, not a slip; a
 * restored word the corpus writes with the same neighbours makes the slip likelier. Other
 * candidates pass as they are.
 */
export function resolveSlips(candidates: readonly TypoCandidate[], corpus: CorpusEvidence | undefined): TypoCandidate[] {
  const out: TypoCandidate[] = [];
  const best = new Map<number, TypoCandidate>();
  for (const c of candidates) {
    if (c.code !== 'typo.word') {
      out.push(c);
      continue;
    }
    let score = c.score!;
    if (corpus) {
      if (corpus.occurrences(c.found) > 0) continue;
      if (c.context && corpus.occurrences(c.context) > 0) score += WORD_SLIP.corpusBonus;
    }
    const prev = best.get(c.at!);
    if (!prev || score > prev.score!) best.set(c.at!, { ...c, score });
  }
  const kept: TypoCandidate[] = [];
  for (const c of [...best.values()].sort((x, y) => y.score! - x.score!)) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return [...out, ...kept.sort((x, y) => x.start - y.start)];
}

/**
 * The draft's own evidence, then the threshold: a written form the draft repeats is meant; a restored
 * word the draft uses nearby (within `draftReach` characters, so a compilation of many speeches is
 * no stronger evidence than one speech) makes the slip likelier. `c` is in draft offsets.
 */
export function judgeSlip(c: TypoCandidate, draft: string): boolean {
  if (c.code !== 'typo.word') return true;
  if (occurrences(draft, c.found, 2) > 1) return false;
  const near = draft.slice(Math.max(0, c.start - WORD_SLIP.draftReach), c.end + WORD_SLIP.draftReach);
  const score = c.score! + (occurrences(near, c.expected, 1) > 0 ? WORD_SLIP.draftBonus : 0);
  return score >= WORD_SLIP.threshold;
}

function occurrences(text: string, s: string, max: number): number {
  let n = 0;
  for (let p = text.indexOf(s); p >= 0 && n < max; p = text.indexOf(s, p + 1)) n++;
  return n;
}

