// What each character of the corpus text belongs to among the mined items: a parallel group, a
// quotation, or the end of a stock phrase. Built once with the index, so a completion can tell in
// O(length) whether the text it offers is a group, a quotation or a stock phrase.
import { occurrences, type CorpusChars, type CorpusText } from '../phrases/corpusText';
import type { MinedItems } from '../phrases/sampledMining';

const ROLE_GROUP = 1;
const ROLE_QUOTE = 2;
const ROLE_PHRASE_END = 4;

/** What a stretch of corpus text is, judged by the mined items it lies in. */
export type ItemKind = 'phrase' | 'group' | 'quote' | 'continuation';

/** One byte of role flags per character of `corpus.text`. */
export function buildRoles(corpus: CorpusText, mined: MinedItems): Uint8Array {
  const roles = new Uint8Array(corpus.text.length);
  const mark = (texts: string[], role: number, endOnly: boolean) => {
    for (const t of texts) {
      const [lo, hi] = occurrences(corpus, t);
      for (let k = lo; k < hi; k++) {
        const pos = corpus.sa[k];
        if (endOnly) roles[pos + t.length - 1] |= role;
        else for (let i = pos; i < pos + t.length; i++) roles[i] |= role;
      }
    }
  };
  mark(mined.groups.map((g) => g.text), ROLE_GROUP, false);
  mark(mined.quotations.map((q) => q.text), ROLE_QUOTE, false);
  mark(mined.phrases.map((p) => p.text), ROLE_PHRASE_END, true);
  return roles;
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
