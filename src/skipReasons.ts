// The editor's words for why a corpus file was skipped (the log, the tree's message), in the display
// language. The engine gives a code and its parameters (src/core/corpus/skipReason.ts).
import * as vscode from 'vscode';
import { megabytes, wordSkip, type SkipReason, type SkipWording } from './core/corpus';

const TABLE: SkipWording = {
  unsupportedType: (r) => vscode.l10n.t('unsupported file type {0}', r.ext || vscode.l10n.t('(no extension)')),
  emptyFile: () => vscode.l10n.t('empty file (0 bytes)'),
  noText: () => vscode.l10n.t('no text to index'),
  notRegularFile: () => vscode.l10n.t('not a regular file'),
  tooLarge: (r) =>
    r.fixedLimit
      ? vscode.l10n.t('file too large ({0}; the limit for this format is {1} and cannot be raised)', megabytes(r.bytes), megabytes(r.limitBytes))
      : vscode.l10n.t('file too large ({0}; the limit is {1}); raise it with the setting speechDrafter.corpus.maxFileMB', megabytes(r.bytes), megabytes(r.limitBytes)),
  stalled: (r) => vscode.l10n.t('no answer for {0} s (a network drive?)', r.seconds),
  keptChanging: () => vscode.l10n.t('the file kept changing while it was read'),
  permissionDenied: () => vscode.l10n.t('permission denied'),
  notFound: () => vscode.l10n.t('not found'),
  symlinkLoop: () => vscode.l10n.t('symbolic link loop'),
  isFolder: () => vscode.l10n.t('a folder, not a file'),
  ioError: (r) => (r.errno ? `${r.message} (${r.errno})` : r.message || vscode.l10n.t('cannot be read')),
  binary: (r) => (r.detail === 'controls' ? vscode.l10n.t('not a text file (mostly control characters)') : vscode.l10n.t('not a text file (it holds NUL characters)')),
  undecodable: (r) =>
    r.encoding ? vscode.l10n.t('damaged {0} text', r.encoding.toUpperCase()) : vscode.l10n.t('unknown encoding: neither UTF-8/UTF-16 nor GBK/GB18030'),
  corruptArchive: (r) => (r.entry ? vscode.l10n.t('damaged file ({0} cannot be unpacked)', r.entry) : vscode.l10n.t('damaged file (its zip directory is broken)')),
  zip64: () => vscode.l10n.t('ZIP64 archives are not supported'),
  wrongFormat: (r) => vscode.l10n.t('not a valid {0} file', r.expected),
  zipBomb: (r) => vscode.l10n.t('would unpack to {0} MB (a zip bomb)', r.megabytes),
  unsupportedCompression: (r) => vscode.l10n.t('unsupported compression method {0} ({1})', r.method, r.entry),
  parseFailed: (r) => vscode.l10n.t('cannot be read: {0}', r.message),
  damaged: (r) => vscode.l10n.t('damaged {0} file: {1}', r.format, r.message),
  encrypted: (r) => vscode.l10n.t('password-protected {0} file', r.format),
  noTextLayer: () => vscode.l10n.t('no text layer (a scanned PDF)'),
  notWordBinary: (r) => vscode.l10n.t('not a Word 97–2003 {0} file', r.format),
  folderTooDeep: (r) => vscode.l10n.t('folders nested more than {0} deep; not entered', r.depth),
  badFileName: () => vscode.l10n.t('the file name is not valid UTF-8; rename the file'),
  brokenLink: (r, word) => vscode.l10n.t('broken link: {0}', word(r.cause)),
  emptyPath: () => vscode.l10n.t('empty corpus path'),
  sourceUnavailable: (r, word) => vscode.l10n.t('corpus path unavailable: {0}', word(r.cause)),
};

export function skipReasonText(reason: SkipReason): string {
  return wordSkip(reason, TABLE);
}
