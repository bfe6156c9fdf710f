// What the 常用提法 view lists, decided without VS Code: the mined phrases in three groups — 排比
// (parallel groups) and 引语 (quotations), sorted by how widely the corpus uses them, and 常用提法
// (formulations), sorted by how distinctive they are of this corpus against general Chinese
// (distinctive.ts: 凝心铸魂 before 解决问题) — narrowed by a filter the writer types.
//
// The filter is Chinese-aware: Chinese has no spaces to split words on, so a term matches anywhere
// in the text (a substring, not a word), and punctuation, full-width/half-width forms and case are
// ignored on both sides — 增强四个意识 finds 增强“四个意识”, ２０２３ finds 2023. Several terms
// separated by spaces must all match.
import { mergeRanges } from '../ranges';
import type { ParallelGroup, PhraseLocation, Quotation, StockPhrase } from './mine';

export type PhraseGroupKind = 'parallel' | 'quotation' | 'formulation';

/** The order of the groups in the view: the most reusable structures first. */
export const PHRASE_GROUP_KINDS: readonly PhraseGroupKind[] = ['parallel', 'quotation', 'formulation'];

/** One phrase as the view shows it. */
export interface PhraseEntry {
  kind: PhraseGroupKind;
  text: string;
  /** Occurrences in the corpus. */
  count: number;
  /** Number of speeches using it. */
  docs: number;
  /** Where it occurs (the first few, one per speech). */
  where: readonly PhraseLocation[];
  /** A parallel group's items. */
  items?: readonly string[];
  /** A quotation's speaker (习近平总书记, 古人…) and its attribution as written (习近平总书记强调). */
  speaker?: string;
  attribution?: string;
  /** A formulation's distinctiveness (what the group is sorted by; absent for a fragment). */
  distinctiveness?: number;
  /** The corpus's slip of a formulation it uses more often: shown as 疑似笔误. */
  suspectSlip?: boolean;
  /** With suspectSlip: the formulation it is taken to be a slip of. */
  slipOf?: string;
}

/** What inserting an entry writes: a quotation with its attribution and marks (习近平总书记强调：“…”), else its text. */
export function insertionText(entry: Pick<PhraseEntry, 'kind' | 'text' | 'attribution'>): string {
  if (entry.kind !== 'quotation' || !entry.attribution) return entry.text;
  return `${entry.attribution}：“${entry.text}”`;
}

/** An entry that passed the filter, with where the filter matched its text ([start, end) offsets). */
export interface PhraseMatch {
  entry: PhraseEntry;
  highlights: [number, number][];
}

export interface PhraseGroup {
  kind: PhraseGroupKind;
  /** The entries that pass the filter, most widely used first. */
  matches: PhraseMatch[];
  /** Entries in the group before filtering. */
  total: number;
}

/** What the miner produced (the index's `mined` is one). */
export interface MinedPhrases {
  readonly phrases: readonly StockPhrase[];
  readonly groups: readonly ParallelGroup[];
  readonly quotations: readonly Quotation[];
}

/** Text reduced to what the filter compares, with each kept char's span in the original. */
interface Folded {
  text: string;
  starts: number[];
  ends: number[];
}

const KEEP = /[\p{L}\p{N}*]/u;

/** Letters, digits and `*` only (the corpus's placeholder), NFKC-folded (ＡＢＣ１２ → abc12) and lower case. */
function fold(text: string): Folded {
  const out: Folded = { text: '', starts: [], ends: [] };
  let i = 0;
  for (const ch of text) {
    const end = i + ch.length;
    const c = ch.charCodeAt(0);
    // Most of a Chinese phrase: CJK ideographs, lower-case letters and digits fold to themselves.
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      out.starts.push(i);
      out.ends.push(end);
      out.text += ch;
      i = end;
      continue;
    }
    for (const f of ch.normalize('NFKC').toLowerCase()) {
      if (!KEEP.test(f)) continue;
      // A folded char may be two code units (𠀀); each maps back to the same original span.
      for (let k = 0; k < f.length; k++) {
        out.starts.push(i);
        out.ends.push(end);
      }
      out.text += f;
    }
    i = end;
  }
  return out;
}

/** The terms of a filter as the view compares them; [] when the filter is empty or only punctuation. */
export function filterTerms(filter: string): string[] {
  return filter
    .split(/[\s\u3000]+/u)
    .map((term) => fold(term).text)
    .filter((term) => term.length > 0);
}

/** Spans of `folded` where `terms` occur, merged and in order; undefined when a term is missing. */
function findTerms(folded: Folded, terms: readonly string[]): [number, number][] | undefined {
  const spans: [number, number][] = [];
  for (const term of terms) {
    const at = folded.text.indexOf(term);
    if (at < 0) return undefined;
    spans.push([folded.starts[at], folded.ends[at + term.length - 1]]);
  }
  return mergeRanges(spans);
}

const byUse = (a: PhraseEntry, b: PhraseEntry) => b.docs - a.docs || b.count - a.count || b.text.length - a.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
/** Most distinctive first; formulations without a score (fragments) after them, by use. */
const byDistinctiveness = (a: PhraseEntry, b: PhraseEntry) =>
  (b.distinctiveness ?? -Infinity) - (a.distinctiveness ?? -Infinity) || byUse(a, b);

interface CatalogEntry {
  entry: PhraseEntry;
  folded: Folded;
  /** The speaker and attribution, folded: a quotation is also found by who said it. */
  foldedSource?: string;
}

/**
 * The mined phrases grouped and sorted once (per index), filtered on demand. A formulation whose text
 * is also a parallel group or a quotation is listed only there.
 */
export class PhraseCatalog {
  private readonly byKind: ReadonlyMap<PhraseGroupKind, CatalogEntry[]>;

  constructor(mined: MinedPhrases) {
    const parallel: PhraseEntry[] = mined.groups.map((g) => ({ kind: 'parallel', text: g.text, count: g.count, docs: g.docs, where: g.where, items: g.items }));
    const quotation: PhraseEntry[] = mined.quotations.map((q) => ({
      kind: 'quotation',
      text: q.text,
      count: q.count,
      docs: q.docs,
      where: q.where,
      speaker: q.speaker,
      attribution: q.attribution,
    }));
    const listed = new Set([...parallel, ...quotation].map((e) => e.text));
    const formulation: PhraseEntry[] = mined.phrases
      .filter((p) => !listed.has(p.text))
      .map((p) => ({
        kind: 'formulation',
        text: p.text,
        count: p.count,
        docs: p.docs,
        where: p.where,
        ...(p.distinctiveness !== undefined ? { distinctiveness: p.distinctiveness } : {}),
        ...(p.suspectSlip ? { suspectSlip: true, ...(p.slipOf ? { slipOf: p.slipOf } : {}) } : {}),
      }));
    const catalog = (entries: PhraseEntry[], order = byUse): CatalogEntry[] =>
      entries.sort(order).map((entry) => ({
        entry,
        folded: fold(entry.text),
        foldedSource: entry.kind === 'quotation' ? fold(`${entry.speaker ?? ''} ${entry.attribution ?? ''}`).text : undefined,
      }));
    this.byKind = new Map([
      ['parallel', catalog(parallel)],
      ['quotation', catalog(quotation)],
      ['formulation', catalog(formulation, byDistinctiveness)],
    ]);
  }

  /** Every group in view order, its entries narrowed to those matching `filter` (all when it is empty). */
  groups(filter = ''): PhraseGroup[] {
    const terms = filterTerms(filter);
    return PHRASE_GROUP_KINDS.map((kind) => {
      const all = this.byKind.get(kind) ?? [];
      const matches: PhraseMatch[] = [];
      for (const c of all) {
        const match = terms.length ? matchEntry(c, terms) : [];
        if (match) matches.push({ entry: c.entry, highlights: match });
      }
      return { kind, matches, total: all.length };
    });
  }
}

/** Highlights of `terms` in the entry's text, or undefined when it does not match. A term found only in a quotation's speaker matches with no highlight. */
function matchEntry(c: CatalogEntry, terms: readonly string[]): [number, number][] | undefined {
  const inText = terms.filter((t) => c.folded.text.includes(t));
  if (inText.length < terms.length && !(c.foldedSource && terms.every((t) => inText.includes(t) || c.foldedSource!.includes(t)))) return undefined;
  return findTerms(c.folded, inText) ?? [];
}

/** The first `shown` matches of a group and how many are left for a "more…" row. */
export function pageOf<T>(items: readonly T[], shown: number): { items: T[]; hidden: number } {
  const n = Math.max(0, Math.min(items.length, Math.floor(shown)));
  return { items: items.slice(0, n), hidden: items.length - n };
}
