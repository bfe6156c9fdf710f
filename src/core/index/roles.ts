// What each character of the corpus text belongs to among the mined items: a parallel group, a
// quotation, or the end of a stock phrase. Built once with the index, so a completion can tell in
// O(length) whether the text it offers is a group, a quotation or a stock phrase.
import { occurrences, type CorpusChars, type CorpusText } from '../phrases/corpusText';
import type { MinedItems } from '../phrases/sampledMining';

const ROLE_GROUP = 1;
const ROLE_QUOTE = 2;
const ROLE_PHRASE_END = 4;
/** Inside a stock phrase, not its last character: the phrase goes on after it. */
const ROLE_PHRASE_INNER = 8;
/** Part of one of the corpus's own slips (slips.ts): never offered. */
const ROLE_SLIP = 16;
/**
 * Inside a four-character formulation (凝心铸魂, 走深走实), not its last character: nothing may stop
 * here, whatever longer string the miner also found ending here (…思想凝心 is a fragment).
 */
const ROLE_TIGHT = 32;

/** What a stretch of corpus text is, judged by the mined items it lies in. */
export type ItemKind = 'phrase' | 'group' | 'quote' | 'continuation';

/** One byte of role flags per character of `corpus.text`; `slips` are the corpus's own slips (every occurrence is marked). */
export function buildRoles(corpus: CorpusText, mined: MinedItems, slips: readonly string[] = []): Uint8Array {
  const roles = new Uint8Array(corpus.text.length);
  const mark = (texts: string[], role: number, inner = 0) => {
    for (const t of texts) {
      const [lo, hi] = occurrences(corpus, t);
      for (let k = lo; k < hi; k++) {
        const pos = corpus.sa[k];
        if (inner) {
          roles[pos + t.length - 1] |= role;
          for (let i = pos; i < pos + t.length - 1; i++) roles[i] |= inner;
        } else for (let i = pos; i < pos + t.length; i++) roles[i] |= role;
      }
    }
  };
  mark(mined.groups.map((g) => g.text), ROLE_GROUP);
  mark(mined.quotations.map((q) => q.text), ROLE_QUOTE);
  mark(mined.phrases.map((p) => p.text), ROLE_PHRASE_END, ROLE_PHRASE_INNER);
  // Four-character formulations: four Han characters, not cut through a word at either end
  // (distinctive.ts gives a fragment no score).
  const tight = mined.phrases.filter((p) => p.distinctiveness !== undefined && /^\p{Script=Han}{4}$/u.test(p.text)).map((p) => p.text);
  for (const t of tight) {
    const [lo, hi] = occurrences(corpus, t);
    for (let k = lo; k < hi; k++) for (let i = corpus.sa[k]; i < corpus.sa[k] + t.length - 1; i++) roles[i] |= ROLE_TIGHT;
  }
  mark([...slips], ROLE_SLIP);
  return roles;
}

/** Whether corpus offset `pos` lies in one of the corpus's own slips. */
export function slipAt(roles: Uint8Array, pos: number): boolean {
  return (roles[pos] & ROLE_SLIP) !== 0;
}

/**
 * Whether text may stop after corpus offset `pos` without cutting a unit the corpus keeps whole: a
 * stock phrase ends there, or none goes on past it — and never inside a four-character formulation.
 */
export function unitEndsAt(roles: Uint8Array, pos: number): boolean {
  const r = roles[pos];
  return (r & ROLE_TIGHT) === 0 && ((r & ROLE_PHRASE_END) !== 0 || (r & ROLE_PHRASE_INNER) === 0);
}

/** Whether a stock phrase of the corpus ends at offset `pos` and none goes on past it (a unit's end whatever follows). */
export function phraseEndsAt(roles: Uint8Array, pos: number): boolean {
  return (roles[pos] & ROLE_PHRASE_END) !== 0 && (roles[pos] & (ROLE_PHRASE_INNER | ROLE_TIGHT)) === 0;
}

/** What the `length` characters of corpus text from offset `from` are. */
export function itemKindAt(text: CorpusChars, roles: Uint8Array, from: number, length: number): ItemKind {
  if (length <= 0) return 'continuation';
  let group = 0, quote = 0;
  for (let i = from; i < from + length; i++) {
    if (roles[i] & ROLE_GROUP) group++;
    if (roles[i] & ROLE_QUOTE) quote++;
  }
  if (quote === length) return 'quote';
  if (group * 2 >= length && /[、，；]/.test(text.slice(from, from + length))) return 'group';
  if (roles[from + length - 1] & ROLE_PHRASE_END) return 'phrase';
  return 'continuation';
}
