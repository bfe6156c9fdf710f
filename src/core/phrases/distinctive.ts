// How distinctive a mined formulation is: how much more often the corpus uses it than general Chinese
// would. The background is jieba's unigram model (src/core/lexicon: 349,000 words counted in 60 M
// words of general text); a string's background probability is that of its likeliest segmentation.
// The score is the log-ratio of the two rates per Chinese character — per character, because a
// longer string is always rarer in general text, and the view must compare 凝心铸魂 with
// 学思用贯通、知信行统一 — plus a little for the number of speeches using it (a formulation is shared).
// So 解决问题 and 社会主义, everyday words, sink, and 凝心铸魂, 走深走实, 急难愁盼 rise.
//
// A mined string cut through a word at either end (想凝心聚魂 of 思想凝心聚魂, 以学增智，提 of …提升)
// is a fragment, not a formulation: it gets no score.
import { loadLexicon, type Lexicon } from '../lexicon';
import type { CorpusText } from './corpusText';
import type { StockPhrase } from './mine';
import { findRange } from './suffixArray';

/** Weight of ln(speeches using it) beside the per-character log-ratio. */
const SPREAD_WEIGHT = 0.5;
/** Occurrences looked at (evenly spread) to tell whether a string is cut through a word. */
const BOUNDARY_SAMPLE = 12;
/** Characters of context read on each side of a boundary. */
const BOUNDARY_CONTEXT = 4;

const HAN = /\p{Script=Han}/u;
const NOT_HAN = /[^\p{Script=Han}]/gu;

/**
 * Each phrase's distinctiveness (undefined for a fragment, or one holding digits, Latin letters or
 * placeholders, which general text cannot be compared with), over the corpus it was counted in.
 */
export function distinctiveness(corpus: CorpusText, phrases: readonly StockPhrase[], lexicon: Lexicon = loadLexicon()): (number | undefined)[] {
  const logChars = Math.log(Math.max(1, corpus.text.length));
  return phrases.map((p) => {
    if (/[0-9A-Za-z０-９Ａ-Ｚａ-ｚ*]/.test(p.text)) return undefined;
    const han = p.text.replace(NOT_HAN, '');
    if (han.length < 2 || p.count < 1 || danglingEnd(p.text)) return undefined;
    if (cutThroughWord(corpus, p.text, lexicon)) return undefined;
    const logRatio = Math.log(p.count) - logChars - lexicon.logProbability(han);
    return logRatio / han.length + SPREAD_WEIGHT * Math.log(Math.max(1, p.docs));
  });
}

/** A clause of one character at either end, beside a longer one (问计于民、问 — “…”这): a fragment. */
function danglingEnd(text: string): boolean {
  const clauses = text.split(/[^\p{L}\p{N}*]+/u);
  const n = clauses.length;
  // 深、实、细、准、效 is an enumeration of single characters, not a cut.
  return n > 1 && ((clauses[0].length === 1 && clauses[1].length > 1) || (clauses[n - 1].length === 1 && clauses[n - 2].length > 1));
}

/** Whether most occurrences of `text` begin or end inside a word of their context. */
function cutThroughWord(corpus: CorpusText, text: string, lexicon: Lexicon): boolean {
  const [lo, hi] = findRange(corpus.text, corpus.sa, text);
  const n = hi - lo;
  if (!n) return false;
  const step = Math.max(1, n / BOUNDARY_SAMPLE);
  let seen = 0;
  let cut = 0;
  for (let k = lo; k < hi; k += step) {
    const pos = corpus.sa[Math.floor(k)];
    seen++;
    const left = corpus.text.slice(Math.max(0, pos - BOUNDARY_CONTEXT), pos);
    const right = corpus.text.slice(pos + text.length, pos + text.length + BOUNDARY_CONTEXT);
    if (crosses(lexicon, left, text.slice(0, BOUNDARY_CONTEXT)) || crosses(lexicon, text.slice(-BOUNDARY_CONTEXT), right)) cut++;
  }
  return cut * 2 > seen;
}

/** Whether the likeliest segmentation of `a + b` has a word spanning their joint (both sides Chinese). */
function crosses(lexicon: Lexicon, a: string, b: string): boolean {
  if (!a || !b || !HAN.test(a[a.length - 1]) || !HAN.test(b[0])) return false;
  // Only the Chinese run around the joint matters.
  const left = /\p{Script=Han}+$/u.exec(a)![0];
  const right = /^\p{Script=Han}+/u.exec(b)![0];
  const joint = left.length;
  return lexicon.bestSegmentation(left + right).words.some((w) => w.start < joint && w.end > joint);
}
