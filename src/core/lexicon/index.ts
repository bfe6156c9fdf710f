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
  /** The longest dictionary word starting with each BMP code unit (lookahead stops there). */
  private readonly longestFrom = new Uint8Array(0x10000);

  constructor(readonly frequencies: WordFrequencies) {
    this.logTotal = Math.log(frequencies.total);
    for (const [word] of frequencies.entries(1)) {
      const c = word.charCodeAt(0);
      if (word.length > this.longestFrom[c]) this.longestFrom[c] = Math.min(MAX_LOOKAHEAD, word.length);
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
    const n = text.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      if (best[i] === -Infinity) continue;
      const limit = Math.min(n, i + Math.max(1, this.longestFrom[text.charCodeAt(i)]));
      for (let j = i + 1; j <= limit; j++) {
        const word = text.slice(i, j);
        const count = this.frequencies.count(word);
        // A single character always counts (as seen once); a longer span only if it is a word.
        if (!count && j > i + 1) continue;
        const score = best[i] + Math.log(Math.max(1, count)) - this.logTotal;
        if (score > best[j]) {
          best[j] = score;
          from[j] = i;
        }
      }
    }
    const words: Token[] = [];
    for (let j = n; j > 0; j = from[j]) words.push({ word: text.slice(from[j], j), start: from[j], end: j });
    return { logProbability: best[n], words: words.reverse() };
  }

  logProbability(text: string): number {
    return this.bestSegmentation(text).logProbability;
  }
}

let shared: Lexicon | undefined;

/** The process's lexicon, loaded on first call (synchronously: call it off the keystroke path). */
export function loadLexicon(): Lexicon {
  shared ??= new Lexicon(WordFrequencies.load());
  return shared;
}
