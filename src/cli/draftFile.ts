// A draft named on the command line, read as the corpus is (UTF-8, UTF-16 with BOM, GB18030),
// with the file's name and the reason, worded as for a skipped corpus file, when it can't be read.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeBytes, ioErrorReason } from '../core/corpus';
import { skipReasonText } from './skipReasons';

export function readDraft(file: string): string {
  try {
    return decodeBytes(readFileSync(file)).text;
  } catch (err) {
    throw new Error(`${file}: ${skipReasonText(ioErrorReason(err))}`);
  }
}

/** The file's name as a report shows it: relative to the working directory when inside it. */
export function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}
