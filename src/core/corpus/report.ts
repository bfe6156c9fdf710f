// How a skipped file is told to the user: always exactly one line, whatever its name holds.
import type { SkippedFile } from '../types';
import type { SkipReason } from './skipReason';

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A path with control characters (a newline in a file name, say) escaped, so it stays on one line. */
export function printablePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A reason (an OS error message may hold line breaks) folded onto one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}

/** `path: reason` on one line, the reason worded by `word` (the CLI's table, the editor's l10n). */
export function skippedLine(skipped: SkippedFile, word: (reason: SkipReason) => string): string {
  return `${printablePath(skipped.path)}: ${oneLine(word(skipped.reason))}`;
}
