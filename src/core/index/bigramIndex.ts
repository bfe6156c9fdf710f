// A character-bigram inverted index: for every pair of adjacent characters, the sorted list of the
// units (paragraphs of the speeches) that contain it, with how often each contains it. Chinese has no spaces to split words at, and
// any keyword of two or more characters is found by intersecting the lists of its bigrams, so the
// index needs no word segmentation and answers in time proportional to the rarest bigram's list.
// Lists are delta-encoded varints in one Uint8Array: about 1.5 bytes a posting instead of 4, which
// is what keeps a 90-million-character corpus in memory.

/**
 * Case- and width-folding of one UTF-16 code unit: ASCII upper case to lower case, full-width
 * ASCII forms (ＡＢＣ１２３，！) to their half-width forms. One code unit in, one out, so offsets
 * in a folded text are offsets in the original.
 */
export function foldCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 65 && c <= 90) c += 32;
  return c;
}

export function foldText(text: string): string {
  return FOLDABLE.test(text) ? text.replace(FOLDABLE_ALL, (ch) => String.fromCharCode(foldCode(ch.charCodeAt(0)))) : text;
}
const FOLDABLE = /[A-Z\uFF01-\uFF5E]/;
const FOLDABLE_ALL = /[A-Z\uFF01-\uFF5E]/g;

/** Whitespace and control characters never take part in a bigram. */
export function isBlankCode(c: number): boolean {
  return c <= 0x20 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

/** Bigram key of two folded code units, as a signed 32-bit integer (it lives in an Int32Array). */
export function bigramKey(a: number, b: number): number {
  return ((a << 16) | b) | 0;
}

const EMPTY = -1;
/** Counts above this are stored as this: BM25 saturates long before (a bigram 127 times in one paragraph). */
export const MAX_TF = 127;

/** Open-addressing hash from bigram key to a dense id; far faster than a Map for 32-bit keys. */
class BigramTable {
  keys: Int32Array;
  ids: Int32Array;
  private bits: number;
  size = 0;
  /** keyOf[id] = key, so the table can be saved and rebuilt. */
  keyOf: Int32Array = new Int32Array(1024);

  constructor(bits = 16) {
    this.bits = bits;
    this.keys = new Int32Array(1 << bits);
    this.ids = new Int32Array(1 << bits).fill(EMPTY);
  }

  /**
   * The table as it was saved (its slot arrays and key list), taken as it is: no key is hashed again.
   * Undefined when the arrays cannot be a table of these keys (sizes that do not agree).
   */
  static adopt(keys: Int32Array, ids: Int32Array, keyOf: Int32Array): BigramTable | undefined {
    const bits = Math.log2(keys.length);
    if (!Number.isInteger(bits) || bits < 1 || bits > 30 || ids.length !== keys.length || keyOf.length * 2 > keys.length) return undefined;
    const table = Object.create(BigramTable.prototype) as BigramTable;
    Object.assign(table, { keys, ids, bits, size: keyOf.length, keyOf });
    return table;
  }

  private slot(key: number): number {
    const mask = (1 << this.bits) - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    while (this.ids[i] !== EMPTY && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  find(key: number): number {
    return this.ids[this.slot(key)];
  }

  getOrAdd(key: number): number {
    let i = this.slot(key);
    if (this.ids[i] !== EMPTY) return this.ids[i];
    if ((this.size + 1) * 2 > 1 << this.bits) {
      this.grow();
      i = this.slot(key);
    }
    const id = this.size++;
    this.keys[i] = key;
    this.ids[i] = id;
    if (id >= this.keyOf.length) this.keyOf = growInt32(this.keyOf, id + 1);
    this.keyOf[id] = key;
    return id;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    this.bits++;
    this.keys = new Int32Array(1 << this.bits);
    this.ids = new Int32Array(1 << this.bits).fill(EMPTY);
    for (let j = 0; j < oldIds.length; j++) {
      if (oldIds[j] === EMPTY) continue;
      const i = this.slot(oldKeys[j]);
      this.keys[i] = oldKeys[j];
      this.ids[i] = oldIds[j];
    }
  }
}

function growInt32(a: Int32Array, atLeast: number, fill = 0): Int32Array {
  let n = a.length * 2;
  while (n < atLeast) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

function varintLength(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** Where the index reads a unit's characters: `text.slice(start, end)`. */
export interface UnitSource {
  readonly count: number;
  text(unit: number): string;
  start(unit: number): number;
  end(unit: number): number;
}

/** What a cache saves of a BigramIndex: the keys in id order, the hash table's slots, and the posting lists. */
export interface BigramIndexParts {
  keys: Int32Array;
  /** The hash table's slot arrays (key and id per slot): taken as they are, so no key is hashed again on load. */
  slotKeys: Int32Array;
  slotIds: Int32Array;
  offset: Int32Array;
  counts: Int32Array;
  data: Uint8Array;
}

export class BigramIndex {
  private constructor(
    private readonly table: BigramTable,
    /** postings of bigram id live in data[offset[id] .. offset[id + 1]) */
    private readonly offset: Int32Array,
    private readonly counts: Int32Array,
    private readonly data: Uint8Array,
  ) {}

  get bigramCount(): number {
    return this.table.size;
  }

  get byteLength(): number {
    return this.data.byteLength + this.offset.byteLength + this.counts.byteLength + this.table.keyOf.byteLength;
  }

  toParts(): BigramIndexParts {
    const { keyOf, size, keys, ids } = this.table;
    return { keys: keyOf.subarray(0, size), slotKeys: keys, slotIds: ids, offset: this.offset, counts: this.counts, data: this.data };
  }

  /**
   * The index from saved parts: the hash table's slots as they are (a cache file's checksums, or the
   * worker's own arrays, vouch for them; their sizes are checked), no key hashed again.
   */
  static fromParts(parts: BigramIndexParts): BigramIndex {
    const table = BigramTable.adopt(parts.slotKeys, parts.slotIds, parts.keys);
    if (!table) throw new Error('bigram table parts do not fit together');
    if (parts.offset.length !== parts.keys.length + 1 || parts.counts.length !== parts.keys.length || parts.offset[parts.keys.length] !== parts.data.length) {
      throw new Error('bigram index parts do not fit together');
    }
    return new BigramIndex(table, parts.offset, parts.counts, parts.data);
  }

  /**
   * Two passes over the text, a unit at a time: the first sizes every list, the second writes it. A
   * posting is varint(delta × 2 + (tf > 1)), followed by varint(tf) when the bigram occurs more than
   * once in the unit (about one posting in twelve for paragraphs): BM25 needs the counts, and most
   * are 1, so they cost a bit where they are 1.
   */
  static build(units: UnitSource): BigramIndex {
    const table = new BigramTable();
    let prevUnit: Int32Array = new Int32Array(1024).fill(-1);
    let bytes: Int32Array = new Int32Array(1024);
    let counts: Int32Array = new Int32Array(1024);
    let tf: Int32Array = new Int32Array(1024);
    // The distinct bigrams of the unit being read, and whether each was seen in it yet (tf > 0).
    let inUnit: Int32Array = new Int32Array(1024);
    let distinct = 0;
    const readUnit = (u: number, lookup: (key: number) => number) => {
      const text = units.text(u);
      const end = units.end(u);
      let prev = -1;
      distinct = 0;
      for (let i = units.start(u); i < end; i++) {
        const c = foldCode(text.charCodeAt(i));
        if (isBlankCode(c)) {
          prev = -1;
          continue;
        }
        if (prev >= 0) {
          const id = lookup(bigramKey(prev, c));
          if (id >= tf.length) {
            prevUnit = growInt32(prevUnit, id + 1, -1);
            bytes = growInt32(bytes, id + 1);
            counts = growInt32(counts, id + 1);
            tf = growInt32(tf, id + 1);
          }
          if (tf[id]++ === 0) {
            if (distinct === inUnit.length) inUnit = growInt32(inUnit, distinct + 1);
            inUnit[distinct++] = id;
          }
        }
        prev = c;
      }
    };
    // Pass 1 sizes every list.
    for (let u = 0; u < units.count; u++) {
      readUnit(u, (key) => table.getOrAdd(key));
      for (let k = 0; k < distinct; k++) {
        const id = inUnit[k];
        const n = Math.min(tf[id], MAX_TF);
        bytes[id] += varintLength((u - prevUnit[id]) * 2 + (n > 1 ? 1 : 0)) + (n > 1 ? varintLength(n) : 0);
        counts[id]++;
        prevUnit[id] = u;
        tf[id] = 0;
      }
    }
    const n = table.size;
    const offset = new Int32Array(n + 1);
    for (let id = 0; id < n; id++) offset[id + 1] = offset[id] + bytes[id];
    const data = new Uint8Array(offset[n]);
    const write = offset.slice(0, n);
    prevUnit.fill(-1);
    const put = (id: number, v: number) => {
      let p = write[id];
      while (v >= 0x80) {
        data[p++] = (v & 0x7f) | 0x80;
        v = Math.floor(v / 0x80);
      }
      data[p++] = v;
      write[id] = p;
    };
    // Pass 2 writes the postings.
    for (let u = 0; u < units.count; u++) {
      readUnit(u, (key) => table.find(key));
      for (let k = 0; k < distinct; k++) {
        const id = inUnit[k];
        const m = Math.min(tf[id], MAX_TF);
        put(id, (u - prevUnit[id]) * 2 + (m > 1 ? 1 : 0));
        if (m > 1) put(id, m);
        prevUnit[id] = u;
        tf[id] = 0;
      }
    }
    const index = new BigramIndex(table, offset, counts.slice(0, n), data);
    index.byChar = index.groupByCharacter();
    return index;
  }

  /** The id of the bigram of two (unfolded) characters, or -1 when no unit contains it. */
  idOf(a: number, b: number): number {
    return this.table.find(bigramKey(foldCode(a), foldCode(b)));
  }

  /** How many units contain bigram `id`. */
  count(id: number): number {
    return this.counts[id];
  }

  /** The units containing bigram `id`, ascending. */
  postings(id: number): Int32Array {
    const out = new Int32Array(this.counts[id]);
    this.decode(id, out, undefined);
    return out;
  }

  /**
   * The units containing bigram `id`, ascending, into `units`, and how often the bigram occurs in each
   * (capped at MAX_TF) into `tfs`; both must hold count(id) entries. Returns the count.
   */
  postingsWithCounts(id: number, units: Int32Array, tfs: Uint8Array): number {
    return this.decode(id, units, tfs);
  }

  private decode(id: number, units: Int32Array, tfs: Uint8Array | undefined): number {
    const n = this.counts[id];
    const data = this.data;
    let p = this.offset[id];
    let unit = -1;
    for (let k = 0; k < n; k++) {
      let v = 0;
      let scale = 1;
      let b: number;
      do {
        b = data[p++];
        v += (b & 0x7f) * scale;
        scale *= 0x80;
      } while (b & 0x80);
      unit += Math.floor(v / 2);
      units[k] = unit;
      let tf = 1;
      if (v & 1) {
        tf = 0;
        scale = 1;
        do {
          b = data[p++];
          tf += (b & 0x7f) * scale;
          scale *= 0x80;
        } while (b & 0x80);
      }
      if (tfs) tfs[k] = tf;
    }
    return n;
  }

  /** Ids of the bigrams a character takes part in, in either position, ascending. */
  bigramsWith(c: number): Int32Array {
    const byChar = (this.byChar ??= this.groupByCharacter());
    const fc = foldCode(c) & 0xffff;
    return byChar.ids.subarray(byChar.offset[fc], byChar.offset[fc + 1]);
  }

  private byChar: { offset: Int32Array; ids: Int32Array } | undefined;

  /** Every bigram id listed under both of its characters, for one-character queries. */
  private groupByCharacter(): { offset: Int32Array; ids: Int32Array } {
    const keyOf = this.table.keyOf;
    const n = this.table.size;
    const offset = new Int32Array(0x10000 + 1);
    const chars = (key: number) => [key >>> 16, key & 0xffff];
    for (let id = 0; id < n; id++) {
      const [a, b] = chars(keyOf[id]);
      offset[a + 1]++;
      if (b !== a) offset[b + 1]++;
    }
    for (let c = 1; c < offset.length; c++) offset[c] += offset[c - 1];
    const write = offset.slice(0, 0x10000);
    const ids = new Int32Array(offset[0x10000]);
    for (let id = 0; id < n; id++) {
      const [a, b] = chars(keyOf[id]);
      ids[write[a]++] = id;
      if (b !== a) ids[write[b]++] = id;
    }
    return { offset, ids };
  }
}

/** Intersection of two ascending lists. */
export function intersectSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out[n++] = a[i];
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}
