// The index of a corpus: one value holding everything the features read — the corpus text with its
// suffix array, the mined items (stock phrases, parallel groups, quotations) and their per-character
// roles, the search tables, and the formulation table. complete, search and check each read it and
// none of them builds any part of it. The data flow:
//
//   speeches (corpus/) → corpus text + suffix array → mining (phrases/) → CorpusIndex → {complete, search, check}
//
// The extension builds it once, in the indexing worker (src/indexWorker.ts), and hands it over whole.
import { buildCorpusText, type CorpusText } from '../phrases/corpusText';
import { mineCorpus, mineSample, recountMined, type MinedItems } from '../phrases/sampledMining';
import { distinctiveness } from '../phrases/distinctive';
import type { MiningOptions } from '../phrases/mine';
import { suffixArrayInThread } from '../phrases/saisThread';
import { buildSuffixArray } from '../phrases/suffixArray';
import type { SpeechDocument } from '../types';
import { FormulationTable } from './formulations';
import { buildRoles } from './roles';
import { findCorpusSlips, type CorpusSlip } from './slips';
import { SearchTables } from './searchTables';

export interface CorpusIndex {
  readonly documents: readonly SpeechDocument[];
  /** Every speech's text joined, with its suffix array and where each speech starts. */
  readonly corpus: CorpusText;
  readonly mined: MinedItems;
  /** Per character of the corpus text: which kinds of mined item it lies in (roles.ts). */
  readonly roles: Uint8Array;
  readonly search: SearchTables;
  readonly formulations: FormulationTable;
  /** Seconds per build phase, for the benchmark and the log. */
  readonly timings: Readonly<Record<string, number>>;
}

/** What completion reads: a drafts index has only this (search and 提法核对 use the corpus's). */
export type CompletionIndex = Pick<CorpusIndex, 'documents' | 'corpus' | 'mined' | 'roles'>;

export interface BuildOptions {
  mining?: Partial<MiningOptions>;
}

/** From this size on, the suffix array is sorted on another core while this thread mines and builds the search index. */
export const PARALLEL_BUILD_CHARS = 4_000_000;

/** The part of the index completion needs, for a small text (the open drafts). */
export function buildCompletionIndex(documents: readonly SpeechDocument[], options: BuildOptions = {}): CompletionIndex {
  const corpus = buildCorpusText([...documents]);
  const mined = mineCorpus(corpus, options.mining);
  return { documents, corpus, mined, roles: buildRoles(corpus, mined) };
}

/** The whole index, on this thread. */
export function buildCorpusIndex(documents: readonly SpeechDocument[], options: BuildOptions = {}): CorpusIndex {
  const t0 = performance.now();
  const corpus = buildCorpusText([...documents]);
  shareCorpusText(corpus);
  const mined = stripped(mineCorpus(corpus, options.mining));
  const t1 = performance.now();
  return finish(documents, corpus, mined, { phrase_index_s: (t1 - t0) / 1000 }, t1);
}

/**
 * The same index, built on two cores for a large corpus: the suffix array — most of the work — is
 * sorted in a thread while this one mines the sample; then the mined items are counted over the
 * whole corpus and the rest is built. Mining a large corpus never needs its suffix array
 * (sampledMining.ts), which is what makes the overlap possible.
 */
export async function buildCorpusIndexAsync(documents: readonly SpeechDocument[], options: BuildOptions = {}): Promise<CorpusIndex> {
  const chars = documents.reduce((n, d) => n + d.text.length, 0);
  if (chars < PARALLEL_BUILD_CHARS) return buildCorpusIndex(documents, options);
  const t0 = performance.now();
  let sorting: Promise<Int32Array> | undefined;
  const corpus = buildCorpusText([...documents], (text) => {
    sorting = suffixArrayInThread(text);
    return new Int32Array(0);
  });
  shareCorpusText(corpus);
  const t1 = performance.now();
  const sample = mineSample(corpus, options.mining);
  const t2 = performance.now();
  corpus.sa = sorting ? await sorting.catch(() => buildSuffixArray(corpus.text)) : buildSuffixArray(corpus.text);
  const t3 = performance.now();
  const mined = stripped(recountMined(corpus, sample, options.mining));
  const t4 = performance.now();
  const timings = {
    corpus_text_s: (t1 - t0) / 1000,
    mine_sample_s: (t2 - t1) / 1000,
    wait_suffix_array_s: (t3 - t2) / 1000,
    recount_s: (t4 - t3) / 1000,
    phrase_index_s: (t4 - t0) / 1000,
  };
  return finish(documents, corpus, mined, timings, t4);
}

/** Roles, search tables and the formulation table, once the corpus text is sorted and mined. */
function finish(documents: readonly SpeechDocument[], corpus: CorpusText, mined: MinedItems, timings: Record<string, number>, since: number): CorpusIndex {
  rankByDistinctiveness(corpus, mined);
  const t0 = performance.now();
  const formulations = FormulationTable.build(corpus, mined);
  const t1 = performance.now();
  const slips = findCorpusSlips(corpus, formulations);
  markSuspectSlips(mined, formulations, slips);
  const tSlips = performance.now();
  const roles = buildRoles(corpus, mined, slips.map((s) => s.text));
  const t2 = performance.now();
  // After the sort, not beside it: the sorting thread's buffers are gone by then, which keeps the
  // peak memory of a 90 M corpus under 1.5 GB (overlapping would save seconds and cost ~400 MB).
  const search = SearchTables.build(documents);
  const t3 = performance.now();
  return {
    documents,
    corpus,
    mined,
    roles,
    search,
    formulations,
    timings: { ...timings, distinctiveness_s: (t0 - since) / 1000, formulations_s: (t1 - t0) / 1000, slips_s: (tSlips - t1) / 1000, roles_s: (t2 - tSlips) / 1000, search_index_s: (t3 - t2) / 1000 },
  };
}

/** Each stock phrase's distinctiveness against general Chinese (the 常用提法 view ranks by it; the lexicon loads on first use, 0.3 s). */
function rankByDistinctiveness(corpus: CorpusText, mined: MinedItems): void {
  if (!mined.phrases.length) return;
  const scores = distinctiveness(corpus, mined.phrases);
  mined.phrases.forEach((p, i) => {
    const score = scores[i];
    if (score !== undefined) p.distinctiveness = Math.round(score * 1e4) / 1e4;
  });
}

/**
 * Marks the mined items that hold one of the corpus's own slips, or are a garbled copy of a formulation
 * (FormulationTable.suspectSlip): the 常用提法 view shows them 疑似笔误.
 */
function markSuspectSlips(mined: MinedItems, formulations: FormulationTable, slips: readonly CorpusSlip[]): void {
  for (const item of [...mined.phrases, ...mined.groups, ...mined.quotations]) {
    const slip = slips.find((s) => item.text.includes(s.text));
    const expected = slip?.expected ?? formulations.suspectSlip(item.text, item.count)?.expected;
    if (expected === undefined) continue;
    item.suspectSlip = true;
    item.slipOf = expected;
  }
}

/** Just the three lists (a MinedCorpus also says how much was mined, which the index does not keep). */
function stripped({ phrases, groups, quotations }: MinedItems): MinedItems {
  return { phrases, groups, quotations };
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

/** The index of no speeches (before a corpus loads, or when none can be read). */
export function emptyCorpusIndex(): CorpusIndex {
  return buildCorpusIndex([]);
}
