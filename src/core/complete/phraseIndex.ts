// The phrase index: the corpus text with its suffix array (exact continuations for completion) and
// what was mined from it (stock phrases, parallel groups, quotations), plus a per-char role map so
// a suggestion can tell whether it comes from a group, a quotation or a stock phrase in O(length).
import type { SpeechDocument } from '../types';
import { buildCorpusText, type CorpusText } from '../phrases/corpusText';
import { mineCorpus, type MinedCorpus } from '../phrases/sampledMining';
import {
  type MiningOptions,
  type ParallelGroup,
  type Quotation,
  type StockPhrase,
} from '../phrases/mine';
import { findRange } from '../phrases/suffixArray';
import type { CompletionKind } from './complete';

const ROLE_GROUP = 1;
const ROLE_QUOTE = 2;
const ROLE_PHRASE_END = 4;

export interface PhraseIndexOptions {
  mining?: Partial<MiningOptions>;
}

/** What a cache saves of a PhraseIndex: everything building and mining produced. */
export interface PhraseIndexParts {
  corpus: CorpusText;
  phrases: StockPhrase[];
  groups: ParallelGroup[];
  quotations: Quotation[];
  roles: Uint8Array;
  options: PhraseIndexOptions;
}

export class PhraseIndex {
  readonly corpus: CorpusText;
  readonly phrases: StockPhrase[];
  readonly groups: ParallelGroup[];
  readonly quotations: Quotation[];
  private readonly roles: Uint8Array;

  constructor(
    readonly documents: readonly SpeechDocument[],
    private readonly options: PhraseIndexOptions = {},
    /** The corpus text and what was mined from it, when the caller already has them (corpusIndex/build.ts builds them in parallel). */
    prebuilt?: { corpus: CorpusText; mined: MinedCorpus },
  ) {
    this.corpus = prebuilt?.corpus ?? buildCorpusText([...documents]);
    // A large corpus is mined on an even sample, each item counted over the whole (sampledMining.ts).
    ({ phrases: this.phrases, groups: this.groups, quotations: this.quotations } = prebuilt?.mined ?? mineCorpus(this.corpus, options.mining));
    this.roles = new Uint8Array(this.corpus.text.length);
    this.mark(this.groups.map((g) => g.text), ROLE_GROUP, false);
    this.mark(this.quotations.map((q) => q.text), ROLE_QUOTE, false);
    this.mark(this.phrases.map((p) => p.text), ROLE_PHRASE_END, true);
  }

  /** The parts a cache saves (see PhraseIndex.fromParts). */
  toParts(): PhraseIndexParts {
    const { corpus, phrases, groups, quotations, roles, options } = this;
    return { corpus, phrases, groups, quotations, roles, options };
  }

  /** The index from saved parts, without building the suffix array or mining again. */
  static fromParts(parts: PhraseIndexParts): PhraseIndex {
    const index = Object.create(PhraseIndex.prototype) as PhraseIndex;
    return Object.assign(index, { ...parts, documents: parts.corpus.documents });
  }

  /** A new index with these speeches added (same id replaces the old one). */
  withDocuments(added: readonly SpeechDocument[]): PhraseIndex {
    const ids = new Set(added.map((d) => d.id));
    return new PhraseIndex([...this.documents.filter((d) => !ids.has(d.id)), ...added], this.options);
  }

  /** A new index without the speeches whose id is listed (e.g. a file that was deleted or changed). */
  withoutDocuments(ids: Iterable<string>): PhraseIndex {
    const drop = new Set(ids);
    return new PhraseIndex(this.documents.filter((d) => !drop.has(d.id)), this.options);
  }

  private mark(texts: string[], role: number, endOnly: boolean) {
    const { text, sa } = this.corpus;
    for (const t of texts) {
      const [lo, hi] = findRange(text, sa, t);
      for (let k = lo; k < hi; k++) {
        const pos = sa[k];
        if (endOnly) this.roles[pos + t.length - 1] |= role;
        else for (let i = pos; i < pos + t.length; i++) this.roles[i] |= role;
      }
    }
  }

  /**
   * What a suggestion is, judged at one corpus occurrence: `from` is the corpus offset where the
   * continuation starts, `length` its length.
   */
  kindAt(from: number, length: number): CompletionKind {
    if (length <= 0) return 'continuation';
    const roles = this.roles;
    let group = 0, quote = 0;
    for (let i = from; i < from + length; i++) {
      if (roles[i] & ROLE_GROUP) group++;
      if (roles[i] & ROLE_QUOTE) quote++;
    }
    if (quote === length) return 'quote';
    if (group * 2 >= length && /[、，；]/.test(this.corpus.text.slice(from, from + length))) return 'group';
    if (roles[from + length - 1] & ROLE_PHRASE_END) return 'phrase';
    return 'continuation';
  }
}

export function buildPhraseIndex(documents: readonly SpeechDocument[], options: PhraseIndexOptions = {}): PhraseIndex {
  return new PhraseIndex(documents, options);
}
