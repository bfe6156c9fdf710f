// The whole engine index of a corpus: the phrase index (completion, mined phrases) and the search
// index (sentences, titles, phrases), built together because search lists the mined items too.
import { PhraseIndex, buildPhraseIndex } from '../complete';
import { buildCorpusText, type CorpusText } from '../phrases/corpusText';
import { mineSample, recountMined } from '../phrases/sampledMining';
import { suffixArrayInThread } from '../phrases/saisThread';
import { buildSuffixArray } from '../phrases/suffixArray';
import { SearchIndex } from '../search';
import type { SpeechDocument } from '../types';

export interface CorpusIndex {
  readonly documents: readonly SpeechDocument[];
  readonly phrases: PhraseIndex;
  readonly search: SearchIndex;
  /** Seconds per build phase, for the benchmark and the log. */
  readonly timings: Record<string, number>;
}

/** From this size on, the suffix array is sorted on another core while this thread mines and builds the search index. */
export const PARALLEL_BUILD_CHARS = 4_000_000;

const minedTexts = (p: { phrases: { text: string }[]; groups: { text: string }[]; quotations: { text: string }[] }) =>
  [...p.phrases, ...p.groups, ...p.quotations].map((x) => x.text);

export function buildCorpusIndex(documents: readonly SpeechDocument[]): CorpusIndex {
  const t0 = performance.now();
  const phrases = buildPhraseIndex(documents);
  shareCorpusText(phrases.corpus);
  const t1 = performance.now();
  // Search lists every mined item, as the search glue does for an index it builds itself.
  const search = SearchIndex.build(documents, minedTexts(phrases));
  const t2 = performance.now();
  return { documents, phrases, search, timings: { phrase_index_s: (t1 - t0) / 1000, search_index_s: (t2 - t1) / 1000 } };
}

/**
 * The same index, built on two cores for a large corpus: the suffix array — most of the work — is
 * sorted in a thread while this one mines the sample; then the mined items are counted over the
 * whole corpus and the search index is built. Mining a large corpus never needs its suffix array
 * (sampledMining.ts), which is what makes the overlap possible.
 */
export async function buildCorpusIndexAsync(documents: readonly SpeechDocument[]): Promise<CorpusIndex> {
  const chars = documents.reduce((n, d) => n + d.text.length, 0);
  if (chars < PARALLEL_BUILD_CHARS) return buildCorpusIndex(documents);
  const t0 = performance.now();
  let sorting: Promise<Int32Array> | undefined;
  const corpus = buildCorpusText([...documents], (text) => {
    sorting = suffixArrayInThread(text);
    return new Int32Array(0);
  });
  shareCorpusText(corpus);
  const t1 = performance.now();
  const sample = mineSample(corpus);
  const t2 = performance.now();
  corpus.sa = sorting ? await sorting.catch(() => buildSuffixArray(corpus.text)) : buildSuffixArray(corpus.text);
  const t3 = performance.now();
  const phrases = new PhraseIndex(documents, {}, { corpus, mined: recountMined(corpus, sample) });
  const t4 = performance.now();
  // After the sort, not beside it: the sorting thread's buffers are gone by then, which keeps the
  // peak memory of a 90 M corpus under 1.5 GB (overlapping would save seconds and cost ~400 MB).
  const search = SearchIndex.build(documents, minedTexts(phrases));
  const t5 = performance.now();
  return {
    documents,
    phrases,
    search,
    timings: {
      corpus_text_s: (t1 - t0) / 1000,
      mine_sample_s: (t2 - t1) / 1000,
      wait_suffix_array_s: (t3 - t2) / 1000,
      recount_and_roles_s: (t4 - t3) / 1000,
      phrase_index_s: (t4 - t0) / 1000,
      search_index_s: (t5 - t4) / 1000,
    },
  };
}

/**
 * Points each speech's text at its stretch of the corpus text when they are equal (cleaning changed
 * nothing): V8 keeps such a slice as a view, so 90 M characters are held once instead of twice.
 */
function shareCorpusText(corpus: CorpusText): void {
  const { text, spans, documents } = corpus;
  spans.forEach((span, i) => {
    const d = documents[i];
    if (text.startsWith(d.text, span.start)) d.text = text.slice(span.start, span.start + d.text.length);
  });
}
