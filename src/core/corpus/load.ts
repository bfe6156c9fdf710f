// Reading corpus sources: folders searched recursively and single files. Read-only by design:
// nothing here opens a file for writing. A file that can't be used becomes one SkippedFile line.
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CancellationToken, CorpusLoadResult, SkippedFile, SpeechDocument } from '../types';
import { cleanRawLines } from './clean';
import { EncodingMismatch } from './decode';
import { CORPUS_EXTENSIONS, formatOf, type StreamedFormat } from './formats';
import { ioErrorReason, type SkipReason } from './skipReason';
import { SpeechSplitter, parseSpeeches } from './split';
import { Stalled, withinTime } from './stall';

export { CORPUS_EXTENSIONS };
/**
 * Text files above this size are skipped. Below it they are indexed however big, read slice by
 * slice: 256 MB of Chinese is some 85 million characters, the scale the index is built for.
 */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
/**
 * The size limit in whole megabytes, as the setting speechDrafter.corpus.maxFileMB and the CLI's
 * --max-file-mb give it: above 1 GB a single file's index would outgrow the indexing worker's memory.
 */
export const MAX_FILE_MB = { min: 1, default: DEFAULT_MAX_FILE_BYTES / (1024 * 1024), max: 1024 } as const;
/**
 * Text is read, decoded, cleaned and split this many bytes at a time, with a turn for the event loop
 * between (a file up to this size reads exactly as parseSpeeches reads it whole; beyond, an advert
 * block that straddles two slices is judged in each slice apart).
 */
export const SLICE_BYTES = 256 * 1024;
/** A read (or open, or a step of a format's reader) that takes longer than this is given up: a hung network drive, not a slow disk. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
/** A line without a break longer than this is cut (after a full stop if there is one) so a slice stays small. */
const MAX_LINE_CHARS = 1024 * 1024;
/** Folders nested deeper than this are not entered (real corpora are a few levels deep). */
const MAX_FOLDER_DEPTH = 64;
/** A file that changes while read is read again this many times before it is skipped. */
const REREADS_ON_CHANGE = 2;

export function defaultCorpusDir(baseDir: string): string {
  return path.join(baseDir, 'media', 'corpus');
}

export function isCorpusFile(name: string): boolean {
  return formatOf(path.extname(name).toLowerCase()) !== undefined && !name.startsWith('~$');
}

/** The few calls made on an open corpus file; fs.promises.FileHandle has them (tests inject failures). */
export interface CorpusFileHandle {
  stat(): Promise<{ isFile(): boolean; size: number; mtimeMs: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** Opens a file read-only; O_NONBLOCK so a file swapped for a FIFO after the walk cannot block the open. */
export const openReadOnly = (file: string): Promise<CorpusFileHandle> =>
  fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));

export interface ReadSpeechOptions {
  /** Largest text file read (bytes); default DEFAULT_MAX_FILE_BYTES. */
  maxBytes?: number;
  stallTimeoutMs?: number;
  /** Bytes per slice (tests make it small to cross slice boundaries everywhere). */
  sliceBytes?: number;
  openFile?: (file: string) => Promise<CorpusFileHandle>;
  token?: CancellationToken;
}

class ChangedWhileRead extends Error {}

export async function readSpeechFile(
  file: string,
  options: ReadSpeechOptions = {},
): Promise<{ documents: SpeechDocument[]; skipped?: SkippedFile }> {
  const skip = (reason: SkipReason) => ({ documents: [], skipped: { path: file, reason } });
  const ext = path.extname(file).toLowerCase();
  if (!formatOf(ext)) return skip({ code: 'unsupportedType', ext });
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    let handle: CorpusFileHandle | undefined;
    let stalled = false;
    try {
      handle = await withinTime((options.openFile ?? openReadOnly)(file), stallMs);
      const documents = await readOpenFile(handle, file, ext, options, stallMs);
      if (!Array.isArray(documents)) return skip(documents);
      if (!documents.length && !options.token?.isCancellationRequested) return skip({ code: 'noText' });
      return { documents };
    } catch (err) {
      stalled = err instanceof Stalled;
      if (err instanceof ChangedWhileRead) {
        if (attempt < REREADS_ON_CHANGE) continue;
        return skip({ code: 'keptChanging' });
      }
      return skip(err instanceof Stalled ? { code: 'stalled', seconds: Math.round(stallMs / 1000) } : ioErrorReason(err));
    } finally {
      // A stalled handle may never close: don't wait for it.
      const closing = handle?.close().catch(() => undefined);
      if (!stalled) await closing;
    }
  }
}

/** Documents of an open file, or the reason it is skipped. Throws ChangedWhileRead, Stalled, or a read error. */
async function readOpenFile(
  handle: CorpusFileHandle,
  file: string,
  ext: string,
  options: ReadSpeechOptions,
  stallMs: number,
): Promise<SpeechDocument[] | SkipReason> {
  const before = await withinTime(handle.stat(), stallMs);
  if (!before.isFile()) return { code: 'notRegularFile' };
  if (before.size === 0) return { code: 'emptyFile' };
  const tooLarge = sizeLimitReason(file, before.size, options.maxBytes);
  if (tooLarge) return tooLarge;
  const format = formatOf(ext)!;
  let documents: SpeechDocument[];
  if (format.kind === 'whole') {
    const bytes = await readRange(handle, 0, before.size, stallMs);
    const text = await format.read(bytes, { within: (work) => withinTime(work, stallMs), token: options.token });
    documents = parseSpeeches(text, file);
  } else {
    documents = await readTextSpeeches(handle, file, format, before.size, options, stallMs);
  }
  const after = await withinTime(handle.stat(), stallMs);
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new ChangedWhileRead();
  return documents;
}

/**
 * A text file (or RTF) slice by slice: each slice is decoded, cut after its last line break, cleaned
 * and fed to the splitter, then the event loop gets a turn. UTF-8 that turns out invalid part-way
 * is read again from the start as GB18030, as decodeBytes would.
 */
async function readTextSpeeches(
  handle: CorpusFileHandle,
  file: string,
  format: StreamedFormat,
  size: number,
  options: ReadSpeechOptions,
  stallMs: number,
): Promise<SpeechDocument[]> {
  const sliceBytes = Math.max(16, options.sliceBytes ?? SLICE_BYTES);
  const markdown = format.markdown === true;
  const head = await readRange(handle, 0, Math.min(size, sliceBytes), stallMs);
  const { candidates, skip, undecodable } = format.decoders(head);
  for (const candidate of candidates) {
    const decoder = candidate();
    const splitter = new SpeechSplitter(file);
    let carry = '';
    let rawLine = 0;
    let atLineStart = true;
    const feed = (segment: string, endsLine: boolean) => {
      // In Markdown, quoted speech reads as speech: drop the `>` of block quotes.
      if (markdown) segment = segment.replace(/^[ \t]*>[ \t]?/gm, (quote, at: number) => (at === 0 && !atLineStart ? quote : ''));
      const lines = segment.split(/\r\n|\r|\n/);
      // A segment that ends with a line break has no line after it (the split leaves an empty string).
      if (endsLine) lines.pop();
      splitter.push(cleanRawLines(lines), rawLine);
      rawLine += endsLine ? lines.length : lines.length - 1;
      atLineStart = endsLine;
    };
    try {
      for (let position = 0; position < size; ) {
        if (options.token?.isCancellationRequested) return [];
        const first = position === 0;
        const bytes = first ? head : await readRange(handle, position, Math.min(sliceBytes, size - position), stallMs);
        // A file that shrank ends early; the size check after reading notices the change.
        const last = bytes.length === 0 || position + bytes.length >= size;
        position = last ? size : position + bytes.length;
        const text = carry + decoder.decode(first ? bytes.subarray(skip) : bytes, last);
        if (last) {
          carry = '';
          feed(text, false);
          break;
        }
        const cut = afterLastLineBreak(text);
        if (cut > 0) {
          feed(text.slice(0, cut), true);
          carry = text.slice(cut);
        } else if (text.length > MAX_LINE_CHARS) {
          const stop = text.lastIndexOf('。', MAX_LINE_CHARS) + 1 || MAX_LINE_CHARS;
          feed(text.slice(0, stop), false);
          carry = text.slice(stop);
        } else carry = text;
        // The rest of the extension stays responsive while a big file is read.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      if (err instanceof EncodingMismatch && candidate !== candidates[candidates.length - 1]) continue;
      if (err instanceof EncodingMismatch) throw undecodable();
      throw err;
    }
    return splitter.end();
  }
  return [];
}

/** Offset just after the last line break of `text` (a CR at the very end may be half of a CRLF: not yet), or 0. */
function afterLastLineBreak(text: string): number {
  const lf = text.lastIndexOf('\n');
  const cr = text.lastIndexOf('\r', text.length - 2);
  return Math.max(lf, cr) + 1;
}

/** Reads `length` bytes from `position` (fewer if the file ends first). */
async function readRange(handle: CorpusFileHandle, position: number, length: number, stallMs: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await withinTime(handle.read(buffer, filled, length - filled, position + filled), stallMs);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * Why a file of this size is not read under `maxBytes` (a format read whole also has its own fixed
 * limit), or undefined when it is within the limit.
 */
export function sizeLimitReason(file: string, size: number, maxBytes = DEFAULT_MAX_FILE_BYTES): SkipReason | undefined {
  const format = formatOf(path.extname(file).toLowerCase());
  const fixed = format?.kind === 'whole' ? format.maxBytes : Infinity;
  const limit = Math.min(maxBytes, fixed);
  if (size <= limit) return undefined;
  return { code: 'tooLarge', bytes: size, limitBytes: limit, fixedLimit: limit === fixed };
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/** Corpus files under the sources, in a stable order, each real file once. */
export async function collectFiles(sources: string[], skipped: SkippedFile[], token?: CancellationToken): Promise<string[]> {
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const addFile = async (file: string) => {
    const real = await fs.realpath(file).catch(() => file);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(file);
  };
  const walk = async (dir: string, depth: number): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (err) {
      skipped.push({ path: dir, reason: ioErrorReason(err) });
      return;
    }
    // A symlink back to an ancestor (or a folder listed twice) is walked once.
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    if (depth > MAX_FOLDER_DEPTH) {
      skipped.push({ path: dir, reason: { code: 'folderTooDeep', depth: MAX_FOLDER_DEPTH } });
      return;
    }
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: dir, reason: ioErrorReason(err) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (token?.isCancellationRequested) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      // A name that is not valid UTF-8 reaches us with U+FFFD in it and can't be opened by that name.
      if (entry.name.includes('\ufffd') && !(await exists(full))) {
        if (isCorpusFile(entry.name)) skipped.push({ path: full, reason: { code: 'badFileName' } });
        continue;
      }
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (err) {
          if (isCorpusFile(entry.name)) skipped.push({ path: full, reason: { code: 'brokenLink', cause: ioErrorReason(err) } });
          continue;
        }
      }
      if (isDir) await walk(full, depth + 1);
      else if (isFile && isCorpusFile(entry.name)) await addFile(full);
      else if (!isFile && isCorpusFile(entry.name)) skipped.push({ path: full, reason: { code: 'notRegularFile' } });
    }
  };
  for (const source of sources) {
    // An empty setting entry would resolve to the working directory: refuse it instead.
    if (!source.trim()) {
      skipped.push({ path: source, reason: { code: 'emptyPath' } });
      continue;
    }
    const abs = path.resolve(source);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      skipped.push({ path: abs, reason: { code: 'sourceUnavailable', cause: ioErrorReason(err) } });
      continue;
    }
    if (stat.isDirectory()) await walk(abs, 0);
    else await addFile(abs);
  }
  return files;
}

export interface LoadCorpusOptions {
  token?: CancellationToken;
  onProgress?: (p: { filesDone: number; filesTotal: number; chars: number; path: string }) => void;
  maxFileBytes?: number;
  stallTimeoutMs?: number;
  sliceBytes?: number;
  openFile?: (file: string) => Promise<CorpusFileHandle>;
}

/**
 * Loads every speech under the sources (folders or files). Never throws for a bad file or folder;
 * when cancelled it stops between files and returns what it has, with `cancelled: true`.
 */
export async function loadCorpus(sources: string[], options: LoadCorpusOptions = {}): Promise<CorpusLoadResult> {
  const skipped: SkippedFile[] = [];
  const documents: SpeechDocument[] = [];
  const files = await collectFiles(sources, skipped, options.token);
  let chars = 0;
  for (let i = 0; i < files.length; i++) {
    if (options.token?.isCancellationRequested) return { documents, skipped, cancelled: true };
    const { token, stallTimeoutMs, sliceBytes, openFile } = options;
    const result = await readSpeechFile(files[i], { maxBytes: options.maxFileBytes, token, stallTimeoutMs, sliceBytes, openFile });
    if (token?.isCancellationRequested) return { documents, skipped, cancelled: true };
    for (const d of result.documents) documents.push(d);
    if (result.skipped) skipped.push(result.skipped);
    for (const d of result.documents) chars += d.text.length;
    options.onProgress?.({ filesDone: i + 1, filesTotal: files.length, chars, path: files[i] });
  }
  return { documents, skipped };
}
