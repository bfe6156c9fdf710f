// The whole engine index of a corpus: the phrase index (completion, mined phrases) and the search
// index (sentences, titles, phrases), built together because search lists the mined phrases too.
import { buildPhraseIndex, type PhraseIndex } from '../complete';
import { SearchIndex } from '../search';
import type { SpeechDocument } from '../types';

export interface CorpusIndex {
  readonly documents: readonly SpeechDocument[];
  readonly phrases: PhraseIndex;
  readonly search: SearchIndex;
  /** Seconds per build phase, for the benchmark and the log. */
  readonly timings: Record<string, number>;
}

export function buildCorpusIndex(documents: readonly SpeechDocument[]): CorpusIndex {
  const t0 = performance.now();
  const phrases = buildPhraseIndex(documents);
  shareCorpusText(phrases);
  const t1 = performance.now();
  // Search lists every mined item, as the search glue does for an index it builds itself.
  const search = SearchIndex.build(documents, [...phrases.phrases, ...phrases.groups, ...phrases.quotations].map((p) => p.text));
  const t2 = performance.now();
  return { documents, phrases, search, timings: { phrase_index_s: (t1 - t0) / 1000, search_index_s: (t2 - t1) / 1000 } };
}

/**
 * Points each speech's text at its stretch of the corpus text when they are equal (cleaning changed
 * nothing): V8 keeps such a slice as a view, so 90 M characters are held once instead of twice.
 */
function shareCorpusText(phrases: PhraseIndex): void {
  const { text, spans, documents } = phrases.corpus;
  spans.forEach((span, i) => {
    const d = documents[i];
    if (text.startsWith(d.text, span.start)) d.text = text.slice(span.start, span.start + d.text.length);
  });
}
