// Mining at scale. Enumerating every repeat of a 90-million-character corpus takes minutes and
// gigabytes, but the phrases writers reuse recur everywhere: a large corpus is mined on an even
// sample of its speeches, and each item found is then counted against the whole corpus (exact
// occurrences, speeches estimated from up to `maxInspect` occurrences, as mining itself does).
// A corpus up to the sample size is mined whole, exactly as before.
import { attestation, buildCorpusText, type CorpusText, type FlatCorpusText } from './corpusText';
import {
  defaultMiningOptions,
  mineParallelGroups,
  mineQuotations,
  mineStockPhrases,
  type MiningOptions,
  type ParallelGroup,
  type Quotation,
  type StockPhrase,
} from './mine';

/** Characters of speeches mined directly; beyond this, an even sample of this size is mined. */
export const MINING_SAMPLE_CHARS = 1_000_000;

/** What mining finds: stock phrases, parallel groups (排比) and quotations, each counted over the whole corpus. */
export interface MinedItems {
  phrases: StockPhrase[];
  groups: ParallelGroup[];
  quotations: Quotation[];
}

export interface MinedCorpus extends MinedItems {
  /** Characters of the speeches mined (the whole corpus, or the sample). */
  minedChars: number;
}

/** Every k-th speech, so the sample spans the whole corpus rather than its first files. */
function evenSample(corpus: FlatCorpusText, chars: number): FlatCorpusText {
  const total = corpus.text.length;
  const step = total / chars;
  const picked = [];
  let next = 0;
  let taken = 0;
  for (let i = 0; i < corpus.documents.length && taken < chars; i++) {
    const start = corpus.spans[i].start;
    if (start < next) continue;
    picked.push(corpus.documents[i]);
    taken += corpus.documents[i].text.length;
    next = start + corpus.documents[i].text.length * step;
  }
  return buildCorpusText(picked);
}

/** Re-counts a mined item over the whole corpus. */
function recount<T extends StockPhrase>(corpus: CorpusText, item: T, opts: MiningOptions): T {
  const { count, speeches, where } = attestation(corpus, item.text, opts.maxLocations, opts.maxInspect);
  return { ...item, count, docs: speeches, where };
}

const byUse = (a: StockPhrase, b: StockPhrase) => b.docs - a.docs || b.count - a.count || b.text.length - a.text.length;

/** Mines a large corpus on its sample and counts over the whole; a small one whole. */
export function mineCorpus(corpus: FlatCorpusText, options: Partial<MiningOptions> = {}): MinedCorpus {
  const mined = mineSample(corpus, options);
  return mined.minedChars < corpus.text.length ? recountMined(corpus, mined, options) : mined;
}

/**
 * What `mineCorpus` finds, before the items of a sample are counted over the whole corpus: needs
 * only the corpus's speeches, not its suffix array (which may still be being sorted).
 */
export function mineSample(corpus: FlatCorpusText, options: Partial<MiningOptions> = {}): MinedCorpus {
  if (corpus.text.length <= MINING_SAMPLE_CHARS) {
    return {
      phrases: mineStockPhrases(corpus, options),
      groups: mineParallelGroups(corpus, options),
      quotations: mineQuotations(corpus, options),
      minedChars: corpus.text.length,
    };
  }
  const sample = evenSample(corpus, MINING_SAMPLE_CHARS);
  return {
    phrases: mineStockPhrases(sample, options),
    groups: mineParallelGroups(sample, options),
    quotations: mineQuotations(sample, options),
    minedChars: sample.text.length,
  };
}

/** The items of a sample counted over the whole corpus (its suffix array must be in place). */
export function recountMined(corpus: CorpusText, mined: MinedCorpus, options: Partial<MiningOptions> = {}): MinedCorpus {
  const opts = { ...defaultMiningOptions, ...options };
  return {
    phrases: mined.phrases.map((p) => recount(corpus, p, opts)).sort(byUse),
    groups: mined.groups.map((g) => recount(corpus, g, opts)).sort(byUse),
    quotations: mined.quotations.map((q) => recount(corpus, q, opts)).sort(byUse),
    minedChars: mined.minedChars,
  };
}
