// The lexicon of general Chinese shared by the proofreader and the 常用提法 view: jieba's segmenter
// and jieba's word counts (the background against which a corpus's own wording stands out).
//
//   const lexicon = loadLexicon();          // about 0.25 s and 30 MB the first time; then shared
//   lexicon.segment('切实增强“四个意识”');   // [{word:'切实',start:0,end:2}, {word:'增强',…}, …]
//   lexicon.wordFrequency('切实');          // 1260 (of lexicon.totalFrequency ≈ 60 M words)
//   lexicon.isCommonWord('切实');           // true
//   lexicon.logProbability('增强四个意识'); // ln P of its likeliest segmentation under jieba's unigram model
//
// Ranking a corpus's formulations by how much more often they occur there than in general Chinese:
// keyness = ln(count in corpus / corpus words) − lexicon.logProbability(formulation), the log of the
// ratio of the corpus's rate to the background rate (jieba's unigram model stands in for general text).
import { WordFrequencies } from './frequencies';
import { segment, type Token } from './segmenter';

export { segment, segmenterLoaded, tagWords, warmUpSegmenter, type Token } from './segmenter';
export { WordFrequencies, dictionaryPath, BUNDLED_DICTIONARY } from './frequencies';
export { confusion, lookAlikes, readings, ConfusionSets, CONFUSION_WEIGHT, type Confusion } from './confusable';

/** A word used at least this often in jieba's 60 M-word text (about one in 600,000) counts as common. */
export const COMMON_WORD_COUNT = 100;
/** Segmentation never looks further ahead than this: longer dictionary entries are rare idioms and names. */
const MAX_LOOKAHEAD = 8;

export interface Segmentation {
  /** Natural log of the segmentation's probability under the unigram model. */
  logProbability: number;
  /** The likeliest words, covering the text. */
  words: Token[];
}

export class Lexicon {
  private readonly logTotal: number;
  /**
   * The longest word starting with each pair of characters, filed by a hash of the pair (pairs that
   * share a slot share the longest): most pairs of a sentence start no word, and are not looked up.
   */
  private readonly longestFromPair = new Uint8Array(1 << PAIR_BITS);
  /** Counts of one-character words, by code unit: the commonest lookup, kept out of the big Map. */
  private readonly charCounts = new Float64Array(0x10000);

  constructor(readonly frequencies: WordFrequencies) {
    this.logTotal = Math.log(frequencies.total);
    for (const [word, n] of frequencies.entries(1)) {
      const c = word.charCodeAt(0);
      const len = Math.min(MAX_LOOKAHEAD, word.length);
      if (word.length === 1) this.charCounts[c] = n;
      else {
        const h = pairSlot(c, word.charCodeAt(1));
        if (len > this.longestFromPair[h]) this.longestFromPair[h] = len;
      }
    }
  }

  get totalFrequency(): number {
    return this.frequencies.total;
  }

  /** jieba's segmentation (see `segment`). */
  segment(text: string, newWords = false): Token[] {
    return segment(text, newWords);
  }

  /** How often jieba's text uses `word` as a word; 0 when it is not in the dictionary. */
  wordFrequency(word: string): number {
    return this.frequencies.count(word);
  }

  /** jieba's part-of-speech tag of a dictionary word (n, v, vn, a, ad, d, z…). */
  tag(word: string): string | undefined {
    return this.frequencies.tag(word);
  }

  isCommonWord(word: string, minCount = COMMON_WORD_COUNT): boolean {
    return this.frequencies.count(word) >= minCount;
  }

  /** ln P(word) under the unigram model; a character outside the dictionary counts as seen once. */
  wordLogProbability(word: string): number {
    return Math.log(Math.max(1, this.frequencies.count(word))) - this.logTotal;
  }

  /**
   * The likeliest split of `text` into dictionary words (jieba's own rule without its HMM: the
   * product of word probabilities, maximised by dynamic programming), and its log probability.
   */
  bestSegmentation(text: string): Segmentation {
    const { forward, back } = this.forwardPass(text);
    return { logProbability: forward[text.length], words: wordsOf(text, back) };
  }

  /** ln P of text[i, j) as one word, or undefined when it is not one (a single character always is, seen at least once). */
  private spanLogProbability(text: string, i: number, j: number): number | undefined {
    const count = j === i + 1 ? Math.max(1, this.charCounts[text.charCodeAt(i)]) : this.frequencies.count(text.slice(i, j));
    return count ? Math.log(count) - this.logTotal : undefined;
  }

  /** How far a word starting at `i` can reach (at least the one character). */
  private lookahead(text: string, i: number): number {
    if (i + 1 >= text.length) return text.length;
    return Math.min(text.length, i + Math.max(1, this.longestFromPair[pairSlot(text.charCodeAt(i), text.charCodeAt(i + 1))]));
  }

  /** forward[i]: ln P of the best segmentation of text[0, i); back[i]: where its last word starts. */
  private forwardPass(text: string): { forward: Float64Array; back: Int32Array } {
    const n = text.length;
    const forward = new Float64Array(n + 1).fill(-Infinity);
    const back = new Int32Array(n + 1);
    forward[0] = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1, limit = this.lookahead(text, i); j <= limit; j++) {
        const p = this.spanLogProbability(text, i, j);
        if (p !== undefined && forward[i] + p > forward[j]) {
          forward[j] = forward[i] + p;
          back[j] = i;
        }
      }
    return { forward, back };
  }

  logProbability(text: string): number {
    return this.bestSegmentation(text).logProbability;
  }

  /**
   * The best segmentations of every prefix and every suffix of `text`: with them, the best
   * segmentation of `text` with one character replaced is found by trying only the words that
   * cover the replaced character (see `withReplacement`), not by segmenting it again.
   */
  segmentationTables(text: string): SegmentationTables {
    const n = text.length;
    const { forward, back } = this.forwardPass(text);
    const backward = new Float64Array(n + 1).fill(-Infinity);
    const next = new Int32Array(n + 1);
    backward[n] = 0;
    for (let i = n - 1; i >= 0; i--)
      for (let j = i + 1, limit = this.lookahead(text, i); j <= limit; j++) {
        const p = this.spanLogProbability(text, i, j);
        if (p !== undefined && p + backward[j] > backward[i]) {
          backward[i] = p + backward[j];
          next[i] = j;
        }
      }
    return { text, forward, back, backward, next };
  }

  /**
   * The best segmentation of the tables' text with the character at `at` replaced by `ch`: its log
   * probability, the word covering `at`, and the words on either side of that word.
   */
  withReplacement(t: SegmentationTables, at: number, ch: string): ReplacedSegmentation {
    const { text, forward, backward } = t;
    const n = text.length;
    let best = -Infinity;
    let start = at, end = at + 1;
    for (let a = Math.max(0, at - MAX_LOOKAHEAD + 1); a <= at; a++) {
      if (forward[a] === -Infinity) continue;
      const first = a === at ? ch.charCodeAt(0) : text.charCodeAt(a);
      const second = a + 1 === at ? ch.charCodeAt(0) : text.charCodeAt(a + 1);
      const longest = Math.min(n, a + Math.max(1, a + 1 < n ? this.longestFromPair[pairSlot(first, second)] : 1));
      if (longest <= at) continue;
      const fixed = text.slice(a, at) + ch + text.slice(at + 1, longest);
      for (let b = at + 1; b <= longest; b++) {
        const count = b - a === 1 ? Math.max(1, this.charCounts[first]) : this.frequencies.count(fixed.slice(0, b - a));
        if (!count) continue;
        const score = forward[a] + Math.log(count) - this.logTotal + backward[b];
        if (score > best) {
          best = score;
          start = a;
          end = b;
        }
      }
    }
    return { logProbability: best, start, end, left: [t.back[start], start], right: [end, t.next[end]] };
  }
}

const PAIR_BITS = 20;
function pairSlot(a: number, b: number): number {
  return Math.imul((a << 16) | b, 0x9e3779b1) >>> (32 - PAIR_BITS);
}

/** The words of a best segmentation, from its back pointers. */
export function wordsOf(text: string, back: Int32Array): Token[] {
  const words: Token[] = [];
  for (let j = text.length; j > 0; j = back[j]) words.push({ word: text.slice(back[j], j), start: back[j], end: j });
  return words.reverse();
}

export interface SegmentationTables {
  text: string;
  /** forward[i]: log probability of the best segmentation of text[0, i); back[i]: where its last word starts. */
  forward: Float64Array;
  back: Int32Array;
  /** backward[j]: log probability of the best segmentation of text[j, n); next[j]: where its first word ends. */
  backward: Float64Array;
  next: Int32Array;
}

export interface ReplacedSegmentation {
  logProbability: number;
  /** The word covering the replaced character… */
  start: number;
  end: number;
  /** …and its neighbours in the best segmentation (empty ranges at the text's ends). */
  left: [number, number];
  right: [number, number];
}

let shared: Lexicon | undefined;

/** The process's lexicon, loaded on first call (synchronously: call it off the keystroke path). */
export function loadLexicon(): Lexicon {
  shared ??= new Lexicon(WordFrequencies.load());
  return shared;
}
