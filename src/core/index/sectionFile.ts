// One cache file: a JSON header and typed-array sections, each with its byte length and CRC-32, so
// a truncated, corrupt or foreign file is detected before any of it is used. Sections are read into
// their own buffers (fs.readSync at their offsets): no JSON.parse of megabytes, no copy of the whole
// file kept alive by a view, and a reader can take only the sections it needs.
//
// Layout: "SDIDX\0\0\1" (8 bytes) · header length (uint32 LE) · header CRC-32 (uint32 LE) · header
// JSON (UTF-8) · padding to 8 · sections, each padded to 8.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const MAGIC = Buffer.from('SDIDX\0\0\x01', 'latin1');

export type SectionArray = Int32Array | Uint16Array | Uint8Array;
/** A string is saved as its UTF-16 code units ('u16'), encoded a chunk at a time (no second copy of 90 M chars). */
export type SectionValue = SectionArray | string;
const STRING_CHUNK = 1 << 20;
type SectionType = 'i32' | 'u16' | 'u8';

interface SectionEntry {
  name: string;
  type: SectionType;
  offset: number;
  bytes: number;
  crc: number;
}

interface FileHeader<M> {
  meta: M;
  sections: SectionEntry[];
}

/** A cache file that must not be used; `reason` says why (for the log). */
export class CacheInvalidError extends Error {}

const typeOf = (a: SectionValue): SectionType => (typeof a === 'string' || a instanceof Uint16Array ? 'u16' : a instanceof Int32Array ? 'i32' : 'u8');
const byteLengthOf = (a: SectionValue) => (typeof a === 'string' ? a.length * 2 : a.byteLength);

/**
 * The bytes of a section, a chunk at a time. A string's chunks are encoded into one reused scratch
 * buffer (each chunk is consumed before the next is made): 180 M of text costs 2 MB, not a fresh
 * Buffer per chunk waiting for the GC.
 */
function* chunksOf(a: SectionValue, scratch: Buffer): Generator<Uint8Array> {
  if (typeof a !== 'string') {
    yield bytesOf(a);
    return;
  }
  for (let i = 0; i < a.length; i += STRING_CHUNK) {
    const n = scratch.write(a.slice(i, i + STRING_CHUNK), 0, 'utf16le');
    yield scratch.subarray(0, n);
  }
}

/**
 * The header's JSON in pieces: objects down to `depth` are written key by key and arrays element by
 * element, so a 40 MB header never exists as one string (nor as its UTF-8 copy). Parses to what
 * JSON.stringify of the whole would.
 */
function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i) yield ',';
      yield* jsonPieces(value[i], depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(v, depth - 1);
  }
  yield '}';
}
const HEADER_DEPTH = 3; // {meta, sections} · meta's fields · their elements (one speech, one phrase…)
const HEADER_FLUSH_CHARS = 1 << 19;

const pad8 = (n: number) => (n + 7) & ~7;
const bytesOf = (a: SectionArray) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Node ≥ 20.15 has a native CRC-32; older runtimes get a table-driven one. */
const crc32: (data: Uint8Array, previous?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data, previous = 0) => (zlib as unknown as { crc32(d: Uint8Array, v: number): number }).crc32(data, previous)
    : (() => {
        const table = new Int32Array(256);
        for (let n = 0; n < 256; n++) {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          table[n] = c;
        }
        return (data: Uint8Array, previous = 0) => {
          let c = ~previous;
          for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
          return (c ^ -1) >>> 0;
        };
      })();

/** Writes the file atomically (a temporary file renamed over the old one). */
export function writeSectionFile<M>(file: string, meta: M, sections: Record<string, SectionValue>): void {
  const scratch = Buffer.allocUnsafe(Math.max(STRING_CHUNK * 2, HEADER_FLUSH_CHARS * 3));
  const entries: SectionEntry[] = [];
  let offset = 0;
  for (const [name, value] of Object.entries(sections)) {
    let crc = 0;
    for (const chunk of chunksOf(value, scratch)) crc = crc32(chunk, crc);
    entries.push({ name, type: typeOf(value), offset, bytes: byteLengthOf(value), crc });
    offset += pad8(byteLengthOf(value));
  }

  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    // The prefix (header length and CRC) is known only after the header is out: a placeholder now,
    // written in place at the end.
    const zeros = Buffer.alloc(16);
    writeAll(fd, zeros);
    let headerLength = 0;
    let headerCrc = 0;
    const flush = (text: string) => {
      const bytes = Buffer.byteLength(text, 'utf8') <= scratch.length ? scratch.subarray(0, scratch.write(text, 0, 'utf8')) : Buffer.from(text, 'utf8');
      writeAll(fd, bytes);
      headerCrc = crc32(bytes, headerCrc);
      headerLength += bytes.length;
    };
    let pending = '';
    for (const piece of jsonPieces({ meta, sections: entries } satisfies FileHeader<M>, HEADER_DEPTH)) {
      pending += piece;
      if (pending.length >= HEADER_FLUSH_CHARS) {
        flush(pending);
        pending = '';
      }
    }
    if (pending) flush(pending);
    if (headerLength > 0xffffffff) throw new Error('cache header is too large');
    const headerPadding = pad8(16 + headerLength) - (16 + headerLength);
    if (headerPadding) writeAll(fd, zeros.subarray(0, headerPadding));
    for (const value of Object.values(sections)) {
      for (const chunk of chunksOf(value, scratch)) writeAll(fd, chunk);
      const padding = pad8(byteLengthOf(value)) - byteLengthOf(value);
      if (padding) writeAll(fd, zeros.subarray(0, padding));
    }
    const prefix = Buffer.alloc(16);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(headerLength, 8);
    prefix.writeUInt32LE(headerCrc >>> 0, 12);
    for (let done = 0; done < 16; ) done += fs.writeSync(fd, prefix, done, 16 - done, done);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

function writeAll(fd: number, data: Uint8Array): void {
  for (let done = 0; done < data.length; ) done += fs.writeSync(fd, data, done, data.length - done);
}

function readAll(fd: number, into: Uint8Array, position: number): void {
  for (let done = 0; done < into.length; ) {
    const n = fs.readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new CacheInvalidError('cache file is truncated');
    done += n;
  }
}

/** An open cache file: its meta is read and checked; sections are read (and checked) on demand. */
export class SectionFile<M> {
  private constructor(
    private readonly fd: number,
    readonly meta: M,
    private readonly sections: Map<string, SectionEntry>,
    private readonly dataStart: number,
  ) {}

  /** Opens and checks the header; throws CacheInvalidError for a missing, foreign or damaged file. */
  static open<M>(file: string): SectionFile<M> {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (err) {
      throw new CacheInvalidError(`no cache file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    try {
      const size = fs.fstatSync(fd).size;
      const prefix = Buffer.alloc(16);
      if (size < 16) throw new CacheInvalidError('cache file is truncated');
      readAll(fd, prefix, 0);
      if (!prefix.subarray(0, 8).equals(MAGIC)) throw new CacheInvalidError('not a cache file of this version');
      const headerLength = prefix.readUInt32LE(8);
      if (16 + headerLength > size) throw new CacheInvalidError('cache header is truncated');
      const header = Buffer.alloc(headerLength);
      readAll(fd, header, 16);
      if (crc32(header) !== prefix.readUInt32LE(12)) throw new CacheInvalidError('cache header checksum mismatch');
      const parsed = JSON.parse(header.toString('utf8')) as FileHeader<M>;
      const dataStart = pad8(16 + headerLength);
      const sections = new Map(parsed.sections.map((s) => [s.name, s]));
      for (const s of parsed.sections) {
        if (dataStart + s.offset + s.bytes > size) throw new CacheInvalidError(`cache section ${s.name} is truncated`);
      }
      return new SectionFile<M>(fd, parsed.meta, sections, dataStart);
    } catch (err) {
      fs.closeSync(fd);
      if (err instanceof CacheInvalidError) throw err;
      throw new CacheInvalidError(`cache header unreadable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  has(name: string): boolean {
    return this.sections.has(name);
  }

  /** Reads a section into its own buffer and checks its length and CRC-32. */
  read(name: string, type: 'i32'): Int32Array;
  read(name: string, type: 'u16'): Uint16Array;
  read(name: string, type: 'u8'): Uint8Array;
  read(name: string, type: SectionType): SectionArray {
    const s = this.sections.get(name);
    if (!s) throw new CacheInvalidError(`cache section ${name} is missing`);
    if (s.type !== type) throw new CacheInvalidError(`cache section ${name} has type ${s.type}, expected ${type}`);
    const unit = type === 'i32' ? 4 : type === 'u16' ? 2 : 1;
    if (s.bytes % unit) throw new CacheInvalidError(`cache section ${name} has a broken length`);
    const buffer = new ArrayBuffer(s.bytes);
    const bytes = new Uint8Array(buffer);
    readAll(this.fd, bytes, this.dataStart + s.offset);
    if (crc32(bytes) !== s.crc) throw new CacheInvalidError(`cache section ${name} checksum mismatch`);
    return type === 'i32' ? new Int32Array(buffer) : type === 'u16' ? new Uint16Array(buffer) : bytes;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
