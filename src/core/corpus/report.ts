// How a skipped file is told to the user: always exactly one line, whatever its name holds.
import type { SkippedFile } from '../types';
import { escapeControls, type SkipReason } from './skipReason';

/** A path with control characters (a newline in a file name, say) escaped, so it stays on one line. */
export const printablePath = escapeControls;

/** A reason (an OS error message may hold line breaks) folded onto one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}

/** `path: reason` on one line, the reason worded by `word` (the CLI's table, the editor's l10n). */
export function skippedLine(skipped: SkippedFile, word: (reason: SkipReason) => string): string {
  return `${printablePath(skipped.path)}: ${oneLine(word(skipped.reason))}`;
}
