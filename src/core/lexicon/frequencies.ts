// Background word frequencies of general Chinese: jieba's dictionary (dict.txt, about 349,000 words
// with their counts in jieba's training text, 60 M tokens in all). The segmenter (jieba-wasm, built on
// jieba-rs) carries the same dictionary compressed inside its .wasm but exposes no counts, so the
// counts come from the plain dict.txt that @node-rs/jieba ships (MIT, like jieba itself), copied next
// to the bundle by esbuild.mjs.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** File name of the dictionary next to the bundle (dist/), where esbuild.mjs copies it. */
export const BUNDLED_DICTIONARY = 'jieba-dict.txt';

/** dict.txt next to the bundle, or the devDependency's copy when running from source (tests, tsx). */
export function dictionaryPath(): string {
  const bundled = path.join(__dirname, BUNDLED_DICTIONARY);
  if (existsSync(bundled)) return bundled;
  return require.resolve('@node-rs/jieba/dict.txt');
}

/** jieba's part-of-speech tags, in the order they are packed into the counts (unknown tags map to 'x'). */
const TAGS = ['x', 'n', 'nr', 'v', 'i', 'l', 'ns', 'm', 'nz', 'nrt', 'zg', 'nt', 'a', 'vn', 'z', 'd', 't', 'j', 'b', 'g', 'r', 's', 'c', 'nrfg', 'f', 'ng', 'o', 'q', 'vg', 'p', 'ad', 'mq', 'y', 'ag', 'an', 'e', 'u', 'tg', 'vq', 'vi', 'k', 'vd', 'rr', 'mg', 'h', 'dg', 'uz', 'uv', 'ul', 'uj', 'ug', 'ud', 'rz', 'rg', 'df'];
const TAG_INDEX = new Map(TAGS.map((t, i) => [t, i]));
/** Counts and tags share one number per word (count × 64 + tag): one Map of small integers, not two. */
const TAG_SLOTS = 64;

export class WordFrequencies {
  /** Sum of all counts: the size of jieba's training text in words. */
  readonly total: number;
  /** The longest word, in UTF-16 units (segmentation looks no further ahead). */
  readonly maxWordLength: number;

  /** `packed`: count × 64 + index of the word's tag in TAGS. */
  constructor(private readonly packed: Map<string, number>) {
    let total = 0;
    let longest = 1;
    for (const [word, v] of packed) {
      total += Math.floor(v / TAG_SLOTS);
      if (word.length > longest) longest = word.length;
    }
    this.total = total;
    this.maxWordLength = longest;
  }

  /** Parses dict.txt lines `word count [tag]`. */
  static parse(text: string): WordFrequencies {
    const packed = new Map<string, number>();
    let i = 0;
    while (i < text.length) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      const lineEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const space = text.indexOf(' ', i);
      if (space > i && space < lineEnd) {
        const tagAt = text.indexOf(' ', space + 1);
        const hasTag = tagAt > space && tagAt < lineEnd;
        const n = parseInt(text.slice(space + 1, hasTag ? tagAt : lineEnd), 10);
        const tag = hasTag ? (TAG_INDEX.get(text.slice(tagAt + 1, lineEnd)) ?? 0) : 0;
        if (n > 0) packed.set(text.slice(i, space), n * TAG_SLOTS + tag);
      }
      i = end + 1;
    }
    return new WordFrequencies(packed);
  }

  static load(file = dictionaryPath()): WordFrequencies {
    return WordFrequencies.parse(readFileSync(file, 'utf8'));
  }

  /** Count of `word` in jieba's training text; 0 when it is not a dictionary word. */
  count(word: string): number {
    return Math.floor((this.packed.get(word) ?? 0) / TAG_SLOTS);
  }

  /** jieba's part-of-speech tag of `word` (n, v, a, ad, d…), or undefined when it is not a word. */
  tag(word: string): string | undefined {
    const v = this.packed.get(word);
    return v === undefined ? undefined : TAGS[v % TAG_SLOTS];
  }

  has(word: string): boolean {
    return this.packed.has(word);
  }

  get size(): number {
    return this.packed.size;
  }

  /** Every word with at least `minCount`, with its count (for indexes built over the dictionary). */
  *entries(minCount = 1): IterableIterator<[string, number]> {
    for (const [word, v] of this.packed) {
      const n = Math.floor(v / TAG_SLOTS);
      if (n >= minCount) yield [word, n];
    }
  }
}
