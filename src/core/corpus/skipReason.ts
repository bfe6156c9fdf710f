// Why a corpus file or folder gave no speeches, as data: a code and its parameters. The engine never
// words a reason; the editor words it through vscode.l10n (src/skipReasons.ts) and the CLI through
// its own table (src/cli/skipReasons.ts), so each speaks the user's language and the cache keeps a
// reason that a later limit or language can restate.

export type SkipReason =
  /** Not a format the corpus reads. */
  | { code: 'unsupportedType'; ext: string }
  | { code: 'emptyFile' }
  /** Read, but nothing in it is text a speech is made of. */
  | { code: 'noText' }
  | { code: 'notRegularFile' }
  /** Over the size limit; `fixedLimit` when the limit is the format's own (not the setting). */
  | { code: 'tooLarge'; bytes: number; limitBytes: number; fixedLimit: boolean }
  /** A read that got no answer for this long: a hung network drive. */
  | { code: 'stalled'; seconds: number }
  | { code: 'keptChanging' }
  | { code: 'permissionDenied' }
  | { code: 'notFound' }
  | { code: 'symlinkLoop' }
  | { code: 'isFolder' }
  /** Any other I/O error: the system's message and error code. */
  | { code: 'ioError'; message: string; errno?: string }
  /** Binary data where text was expected: a NUL byte or character, or mostly control characters. */
  | { code: 'binary'; detail: 'nulByte' | 'nulChar' | 'controls' }
  /** No encoding fits; `encoding` names the one a byte-order mark declared. */
  | { code: 'undecodable'; encoding?: string }
  /** The archive (a .docx is a zip) is damaged: what was wrong. */
  | { code: 'corruptArchive'; detail: 'notZip' | 'directory' | 'entry' | 'inflate'; entry?: string }
  | { code: 'zip64' }
  /** A zip without the parts of the format it claims. */
  | { code: 'wrongFormat'; expected: string }
  /** Would expand to this many megabytes: a zip bomb. */
  | { code: 'zipBomb'; megabytes: number }
  | { code: 'unsupportedCompression'; method: number; entry: string }
  /** The format's reader failed: its message. */
  | { code: 'parseFailed'; message: string }
  /** A file of this format (`.pdf`, `.doc`…) whose structure is broken: the reader's message. */
  | { code: 'damaged'; format: string; message: string }
  /** Password-protected (or obfuscated): its text can't be read without the password. */
  | { code: 'encrypted'; format: string }
  /** A PDF whose pages are pictures (a scan) with no text layer. */
  | { code: 'noTextLayer' }
  /** A .doc or .wps that is not a Word 97–2003 compound file (nor RTF, a web page or a .docx saved under that name). */
  | { code: 'notWordBinary'; format: string }
  | { code: 'folderTooDeep'; depth: number }
  /** A file name that is not valid UTF-8 (it can't be opened by the name the system lists). */
  | { code: 'badFileName' }
  | { code: 'brokenLink'; cause: SkipReason }
  | { code: 'emptyPath' }
  /** A configured corpus path that can't be used. */
  | { code: 'sourceUnavailable'; cause: SkipReason };

export type SkipCode = SkipReason['code'];

/** Thrown by a format reader when a file can't be used; readSpeechFile turns it into a SkippedFile. */
export class SkipError extends Error {
  constructor(readonly reason: SkipReason) {
    super(reason.code);
  }
}

/** The reason an I/O error stands for. */
export function ioErrorReason(err: unknown): SkipReason {
  if (err instanceof SkipError) return err.reason;
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'EACCES' || errno === 'EPERM') return { code: 'permissionDenied' };
  if (errno === 'ENOENT') return { code: 'notFound' };
  if (errno === 'ELOOP') return { code: 'symlinkLoop' };
  if (errno === 'EISDIR') return { code: 'isFolder' };
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0].trim();
  return errno ? { code: 'ioError', message, errno } : { code: 'ioError', message };
}

/** A reason's wording in one language: one entry per code, so adding a code fails to compile until every table words it. */
export type SkipWording = { [C in SkipCode]: (reason: Extract<SkipReason, { code: C }>, word: (r: SkipReason) => string) => string };

/**
 * `reason` worded by `table` (nested causes too). Its text parameters (an entry name, a library's
 * message) come from the file: control characters in them are escaped, so a reason is always one line.
 */
export function wordSkip(reason: SkipReason, table: SkipWording): string {
  const word = (r: SkipReason): string => (table[r.code] as (r: SkipReason, w: typeof word) => string)(printable(r), word);
  return word(reason);
}

function printable(reason: SkipReason): SkipReason {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(reason)) out[key] = typeof value === 'string' ? escapeControls(value) : value;
  return out as SkipReason;
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text with control characters (a newline in a file or entry name, say) escaped, so it stays on one line. */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Megabytes with one decimal, as reasons state sizes. */
export function megabytes(bytes: number): string {
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
