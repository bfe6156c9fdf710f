// The formulation table of the index: the corpus's well-attested formulations (stock phrases and
// parallel groups used often, by several speeches), filed so a draft can be scanned for near-misses
// in one pass (src/core/check). Every formulation is split in two halves: a variant with one edit
// keeps one half intact, so a draft position is only compared with the few formulations one of
// whose halves starts with the draft's next two characters. Built once, in the indexing worker;
// what crosses to the editor (and into the cache) is the list of formulations and known wrong
// variants, from which the two lookup tables are filed again in a few milliseconds.
import { attestation, occurrences, occurs, type Attestation, type CorpusText } from '../phrases/corpusText';
import { commonPrefixLength, type PhraseLocation } from '../phrases/mine';
import type { MinedItems } from '../phrases/sampledMining';

export interface FormulationTableOptions {
  /** A formulation must occur at least this often in the corpus… */
  minCount: number;
  /** …in at least this many speeches. */
  minSpeeches: number;
  /** Parallel groups with more items than this get no transposition variants (they grow quadratically). */
  maxGroupItems: number;
  /** A plain (unquoted, ungrouped) phrase is checked from this many Han characters on. */
  minLongPhrase: number;
}

export const defaultFormulationTableOptions: FormulationTableOptions = {
  minCount: 3,
  minSpeeches: 2,
  maxGroupItems: 6,
  minLongPhrase: 6,
};

/**
 * Why a phrase counts as a formulation, which decides where a slip may be: inside its quotation
 * (做到“两个维护”), inside a parallel group (以学铸魂、以学增智…), in the varying part of a group's item
 * (以学增智: 增智), or anywhere but the ends of a long fixed phrase (中国特色社会主义). Shorter plain
 * phrases (深入学习, 持续推进) have legitimate look-alikes (深刻学习, 继续推进) and are not checked,
 * except as a part: what stands between the quotes or the marks of a formulation (四个意识 of
 * “四个意识”, 牢记使命 of 不忘初心、牢记使命), used on its own too, checked inside but not at its
 * ends (四个意思 and 两个维度 are words of their own).
 */
export type FormulationForm = 'quoted' | 'group' | 'item' | 'long' | 'part';

export interface Formulation {
  text: string;
  /** Occurrences in the corpus. */
  count: number;
  /** Speeches using it. */
  speeches: number;
  where: PhraseLocation[];
  form: FormulationForm;
  /** Per offset of `text`: FIXED_SLOT, SOFT_SLOT, or 0 where a changed character is another wording. */
  slots: Uint8Array;
}

/** One half of a formulation, filed under its first two characters. */
export interface FormulationHalf {
  formulation: Formulation;
  half: string;
  /** True for the left half (the formulation starts where it matches), false for the right half. */
  left: boolean;
  /** The other part, reversed for a right half (it is compared backwards from the match). */
  rest: string;
}

/** A piece of a formulation of TWO_EDIT_MIN_CHARS or more, filed under its first two characters (see FormulationTable.thirds). */
export interface FormulationPiece {
  formulation: Formulation;
  piece: string;
  /** Where the piece starts in the formulation. */
  offset: number;
}

/** A formulation this long (Han characters) may take two substitutions: a wrong word of two characters (主义 → 注意). */
export const TWO_EDIT_MIN_CHARS = 8;

/**
 * A mined item that looks like a garbled copy of a much better-attested formulation: what completion
 * should not offer (疑似笔误). See FormulationTable.suspectSlip.
 */
export interface SuspectSlip {
  /** The item's text. */
  text: string;
  /** The formulation it is a garbled copy of. */
  expected: string;
  /** 'garbled': the item's characters are the formulation's, in order, with some left out (习近平主义想). */
  kind: 'garbled';
  formulation: { text: string; count: number; speeches: number };
}

/** A garbled copy must be this many times rarer than its formulation. */
export const GARBLED_RATIO = 10;

/** What a known wrong variant is corrected to (its slots are never consulted: a variant is matched whole). */
export type VariantTarget = Pick<Formulation, 'text' | 'count' | 'speeches' | 'where' | 'form'>;

/** A known wrong order or a wrong item of a parallel group, matched exactly. */
export interface GroupVariant {
  text: string;
  expected: VariantTarget;
  /** Items swapped (transposition), or one item's quoted core put in another item's frame. */
  kind: 'transposition' | 'substitution';
  items: number;
}

/**
 * Values filed under the first two characters of a string, looked up at any offset of a text: a
 * hashed table of small integers (no string or heap-number keys), so the scan of a draft costs one
 * array read per position. Buckets may hold other bigrams that hash alike: callers verify the text.
 */
export class BigramTable<T> {
  private static readonly BITS = 16;
  private readonly slots = new Int32Array(1 << BigramTable.BITS).fill(-1);
  private readonly buckets: T[][] = [];

  private static hash(s: string, i: number): number {
    // Fibonacci hashing of both code units; the high bits mix them best.
    return Math.imul((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1), 0x9e3779b1) >>> (32 - BigramTable.BITS);
  }

  add(key: string, value: T): void {
    const h = BigramTable.hash(key, 0);
    if (this.slots[h] < 0) this.slots[h] = this.buckets.push([]) - 1;
    this.buckets[this.slots[h]].push(value);
  }

  /** The values whose key may start at `text[i]`, or undefined. */
  at(text: string, i: number): T[] | undefined {
    const b = this.slots[BigramTable.hash(text, i)];
    return b < 0 ? undefined : this.buckets[b];
  }

  get size(): number {
    return this.buckets.reduce((n, b) => n + b.length, 0);
  }
}

/** CJK ideographs (basic block and extension A): only edits of these are 提法 errors, not punctuation or digits. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

export function hanCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isHan(s.charCodeAt(i))) n++;
  return n;
}

const OPEN_QUOTES = '“「『';
const CLOSE_QUOTES = '”」』';

function balancedQuotes(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (OPEN_QUOTES.includes(ch)) depth++;
    else if (CLOSE_QUOTES.includes(ch) && --depth < 0) return false;
  }
  return depth === 0;
}

/** Function words that end a sentence fragment rather than a formulation. */
const FUNCTION_EDGE = /^[的了是在和与及对为把将被从向要也都就而并着地得之其这那等]|[的了是在和与及对为把将被从向要也都就而并着地得之其这那上中等]$/;

/** A changed character here is a slip. */
export const FIXED_SLOT = 1;
/** A changed character here is a slip only if it makes no word with its neighbour (习近平总书记指示 is fine, 原近平总书记 is not). */
export const SOFT_SLOT = 2;

/** Where a changed Han character is a slip, by form; undefined when nowhere. */
function slotsOf(text: string, form: FormulationForm, variable?: [number, number]): Uint8Array | undefined {
  const slots = new Uint8Array(text.length);
  let any = false;
  const mark = (i: number, slot: number) => {
    if (!isHan(text.charCodeAt(i))) return;
    slots[i] = slot;
    any ||= slot === FIXED_SLOT;
  };
  if (form === 'quoted') {
    // Inside the quotes; around them a verb may vary (心怀“国之大者” / 胸怀“国之大者”).
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      if (OPEN_QUOTES.includes(text[i])) depth++;
      else if (CLOSE_QUOTES.includes(text[i])) depth--;
      else mark(i, depth > 0 ? FIXED_SLOT : SOFT_SLOT);
    }
  } else if (form === 'item') {
    // The varying part: 以学增智 → 以学增志 is a slip; in the frame 理论认同 → 理论认识 is another wording.
    for (let i = 0; i < text.length; i++) mark(i, i >= variable![0] && i < variable![1] ? FIXED_SLOT : SOFT_SLOT);
  } else if (form === 'group') {
    // Not the ends, where a mined group meets the sentence around it (是当代中国马克思主义、…).
    for (let i = 1; i < text.length - 1; i++) mark(i, FIXED_SLOT);
  } else {
    // 'long' and 'part': anywhere but the ends.
    for (let i = 0; i < text.length; i++) mark(i, i === 0 || i === text.length - 1 ? SOFT_SLOT : FIXED_SLOT);
  }
  return any ? slots : undefined;
}

function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/** What crosses from the worker (and into the cache): the lists, without the lookup tables. */
export interface FormulationTableParts {
  formulations: Omit<Formulation, 'slots'>[];
  /** Every formulation's slots, concatenated in order (each is as long as its text). */
  slots: Uint8Array;
  variants: GroupVariant[];
}

export class FormulationTable {
  readonly halves = new BigramTable<FormulationHalf>();
  /**
   * Formulations of TWO_EDIT_MIN_CHARS or more, each filed under its three thirds: a variant with two
   * substitutions keeps one third intact, which fixes where the formulation would start.
   */
  readonly thirds = new BigramTable<FormulationPiece>();
  readonly groupVariants = new BigramTable<GroupVariant>();
  /** Long formulations by their first and last characters (for suspectSlip), filed on first use. */
  private byEnds?: Map<string, Formulation[]>;

  /** Files every formulation under both of its halves, and every variant under its text. */
  constructor(
    readonly formulations: readonly Formulation[],
    readonly variants: readonly GroupVariant[],
  ) {
    for (const formulation of formulations) {
      const { text } = formulation;
      const h = text.length >> 1;
      const left = text.slice(0, h);
      const right = text.slice(h);
      this.halves.add(left, { formulation, half: left, left: true, rest: right });
      this.halves.add(right, { formulation, half: right, left: false, rest: reverse(left) });
      if (hanCount(text) < TWO_EDIT_MIN_CHARS) continue;
      const a = Math.floor(text.length / 3);
      const b = Math.floor((2 * text.length) / 3);
      for (const [from, to] of [[0, a], [a, b], [b, text.length]]) this.thirds.add(text.slice(from, to), { formulation, piece: text.slice(from, to), offset: from });
    }
    for (const variant of variants) this.groupVariants.add(variant.text, variant);
  }

  /** The table of a corpus: every mined group and phrase that is used often enough, by enough speeches. */
  static build(corpus: CorpusText, mined: MinedItems, options: Partial<FormulationTableOptions> = {}): FormulationTable {
    const filer = new FormulationFiler(corpus, { ...defaultFormulationTableOptions, ...options });
    filer.fileAll(mined);
    return new FormulationTable(filer.formulations, filer.variants);
  }

  /**
   * Whether a mined item (used `count` times) looks like a garbled copy of a formulation: at least
   * four Han characters, the formulation's first and last characters, the rest of its characters in
   * order with some left out (习近平主义想 beside 习近平新时代中国特色社会主义思想), and GARBLED_RATIO
   * times rarer. A short form that is only a fragment (习近平新时代) never shares both ends.
   */
  suspectSlip(text: string, count: number): SuspectSlip | undefined {
    if (text.length < 4 || hanCount(text) < 4) return undefined;
    if (!this.byEnds) {
      this.byEnds = new Map();
      for (const f of this.formulations) {
        if (hanCount(f.text) < TWO_EDIT_MIN_CHARS) continue;
        const key = f.text[0] + f.text[f.text.length - 1];
        const list = this.byEnds.get(key);
        if (list) list.push(f);
        else this.byEnds.set(key, [f]);
      }
    }
    const candidates = this.byEnds.get(text[0] + text[text.length - 1]);
    if (!candidates) return undefined;
    let best: Formulation | undefined;
    for (const f of candidates) {
      if (f.text.length <= text.length || f.count < GARBLED_RATIO * Math.max(1, count) || !isSubsequence(text, f.text)) continue;
      if (!best || f.count > best.count) best = f;
    }
    return best && { text, expected: best.text, kind: 'garbled', formulation: { text: best.text, count: best.count, speeches: best.speeches } };
  }

  toParts(): FormulationTableParts {
    const slots = new Uint8Array(this.formulations.reduce((n, f) => n + f.slots.length, 0));
    let at = 0;
    const formulations = this.formulations.map(({ slots: own, ...rest }) => {
      slots.set(own, at);
      at += own.length;
      return rest;
    });
    return { formulations, slots, variants: [...this.variants] };
  }

  /** The table from its parts: the lookup tables are filed again (no corpus query). */
  static fromParts(parts: FormulationTableParts): FormulationTable {
    let at = 0;
    const formulations = parts.formulations.map((f): Formulation => {
      const slots = parts.slots.subarray(at, at + f.text.length);
      if (slots.length !== f.text.length) throw new Error('formulation slots do not fit the formulations');
      at += f.text.length;
      return { ...f, slots };
    });
    return new FormulationTable(formulations, parts.variants);
  }
}

/** True when the characters of `short` occur in `long` in order (not necessarily together). */
function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long.charCodeAt(i) === short.charCodeAt(j)) j++;
  return j === short.length;
}

/**
 * Every mined item (stock phrase, group, quotation) that looks like a garbled copy of a formulation
 * of the same index (FormulationTable.suspectSlip), by its text: what completion marks 疑似笔误 and
 * does not offer.
 */
export function suspectSlips(mined: MinedItems, table: FormulationTable): Map<string, SuspectSlip> {
  const out = new Map<string, SuspectSlip>();
  for (const item of [...mined.phrases, ...mined.groups, ...mined.quotations]) {
    if (out.has(item.text)) continue;
    const slip = table.suspectSlip(item.text, item.count);
    if (slip) out.set(item.text, slip);
  }
  return out;
}

/** A part of a formulation is checked on its own when the formulation holds at least 1 / PART_SHARE of its uses. */
const PART_SHARE = 2;

/** Builds a table from the mined items, querying the corpus for how each candidate is used. */
class FormulationFiler {
  readonly formulations: Formulation[] = [];
  readonly variants: GroupVariant[] = [];
  /** Texts already filed (a group is often a stock phrase too). */
  private readonly known = new Set<string>();

  constructor(
    private readonly corpus: CorpusText,
    private readonly options: FormulationTableOptions,
  ) {}

  fileAll(mined: MinedItems): void {
    for (const g of mined.groups) {
      this.addFormulation(g.text, g.count, g.docs, g.where, 'group');
      this.addGroupItems(g.text, g.separator);
      this.addGroupVariants(g.text, g.separator, g.count, g.docs, g.where);
    }
    for (const p of mined.phrases) this.addFormulation(p.text, p.count, p.docs, p.where, p.text.includes('“') ? 'quoted' : 'long');
    // After the whole formulations: a part that is one of them too keeps its own form.
    for (const f of [...this.formulations]) this.addParts(f.text, f.count);
  }

  /**
   * The quoted cores and the items between marks of a formulation, used often enough on their own
   * and at least half the time inside it: a slogan's part (牢记使命), not a common phrase the
   * formulation happens to hold (推动发展 of 理论学习、调查研究、推动发展、检视整改).
   */
  private addParts(text: string, count: number) {
    for (const m of text.matchAll(/“([^“”]+)”|[^“”、，；：]+/g)) {
      const part = m[1] ?? m[0];
      if (part === text || hanCount(part) < 4 || !/^[\u3400-\u4dbf\u4e00-\u9fff]+$/.test(part)) continue;
      const stats = this.attested(part);
      if (stats && count * PART_SHARE >= stats.count) this.addFormulation(part, stats.count, stats.speeches, stats.where, 'part');
    }
  }

  /** True when a formulation is used often enough, by enough speeches, to correct a draft by. */
  private wellAttested(count: number, speeches: number): boolean {
    return count >= this.options.minCount && speeches >= this.options.minSpeeches;
  }

  private addFormulation(text: string, count: number, speeches: number, where: PhraseLocation[], form: FormulationForm, variable?: [number, number]) {
    if (!this.wellAttested(count, speeches) || this.known.has(text)) return;
    // No digits (years and numbers change legitimately), whole quotes, no function word at an end
    // (共产党人的, 在思想上: fragments of sentences, not formulations).
    if (/[0-9０-９]/.test(text) || !balancedQuotes(text) || FUNCTION_EDGE.test(text)) return;
    const slots = slotsOf(text, form, variable);
    if (!slots || hanCount(text) < 4) return;
    if (form === 'long' && hanCount(text) < this.options.minLongPhrase) return;
    if (form === 'part' && hanCount(text) > 6) return;
    this.known.add(text);
    this.formulations.push({ text, count, speeches, where, form, slots });
  }

  /** Items of a group of three or more that share a frame (以学铸魂、以学增智…): each a formulation, its varying part checked. */
  private addGroupItems(text: string, separator: string) {
    const quoted = text.startsWith('“') && text.endsWith('”');
    const items = (quoted ? text.slice(1, -1) : text).split(separator);
    if (items.length < 3 || items.some((s) => /[“”]/.test(s))) return;
    const head = commonPrefixLength(items);
    const tail = commonPrefixLength(items.map(reverse));
    if (!head && !tail) return;
    // Edge items may carry text of the sentence around the group unless all items are one length.
    const whole = quoted || new Set(items.map((s) => s.length)).size === 1;
    for (const item of whole ? items : items.slice(1, -1)) {
      const stats = this.attested(item);
      if (stats) this.addFormulation(item, stats.count, stats.speeches, stats.where, 'item', [head, item.length - tail]);
    }
  }

  /**
   * Wrong orders (two items swapped) and, where items carry a frame (增强“四个意识”), an item's quoted
   * core in another item's frame (坚定“四个意识”) — each kept only if the corpus never writes it so.
   */
  private addGroupVariants(text: string, separator: string, count: number, speeches: number, where: PhraseLocation[]) {
    if (!this.wellAttested(count, speeches) || /[0-9０-９]/.test(text)) return;
    const quoted = text.startsWith('“') && text.endsWith('”') && !text.slice(1, -1).includes('“');
    const body = quoted ? text.slice(1, -1) : text;
    const segments = body.split(separator);
    if (segments.length < 2 || segments.length > this.options.maxGroupItems || new Set(segments).size < segments.length) return;
    const wrap = (s: string) => (quoted ? `“${s}”` : s);
    const group: VariantTarget = { text, count, speeches, where, form: 'group' };
    const add = (variant: string, expected: VariantTarget, kind: GroupVariant['kind']) => {
      if (variant === expected.text || occurs(this.corpus, variant)) return;
      this.variants.push({ text: variant, expected, kind, items: segments.length });
    };
    for (let i = 0; i < segments.length; i++)
      for (let j = i + 1; j < segments.length; j++) {
        const swapped = segments.slice();
        [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
        add(wrap(swapped.join(separator)), group, 'transposition');
      }
    // Items with a frame around a quoted core: 增强“四个意识”、坚定“四个自信”、做到“两个维护”.
    const framed = segments.map((s) => /^([^“”]+)“([^“”]+)”$/.exec(s));
    if (quoted || framed.some((m) => !m)) return;
    const cores = framed.map((m) => m![2]);
    for (let i = 0; i < segments.length; i++)
      for (let j = 0; j < segments.length; j++) {
        if (i === j) continue;
        // The whole group with two cores swapped, and one framed item with another item's core.
        if (j > i) {
          const swapped = framed.map((m, k) => `${m![1]}“${k === i ? cores[j] : k === j ? cores[i] : cores[k]}”`);
          add(swapped.join(separator), group, 'transposition');
        }
        const stats = this.attested(segments[j]);
        if (stats) add(`${framed[j]![1]}“${cores[i]}”`, { ...stats, form: 'quoted' }, 'substitution');
      }
  }

  /** How often and where the corpus uses `s`, if often enough, by enough speeches. */
  private attested(s: string): Attestation | undefined {
    const [lo, hi] = occurrences(this.corpus, s);
    if (hi - lo < this.options.minCount) return undefined;
    const found = attestation(this.corpus, s);
    return this.wellAttested(found.count, found.speeches) ? found : undefined;
  }
}
