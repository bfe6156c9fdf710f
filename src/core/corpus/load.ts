// Reading corpus sources: folders searched recursively and single files. Read-only by design:
// nothing here opens a file for writing. A file that can't be used becomes one SkippedFile line.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CancellationToken, CorpusLoadResult, SkippedFile, SpeechDocument } from '../types';
import { decodeBytes } from './decode';
import { docxText } from './docx';
import { parseSpeeches } from './split';

export const CORPUS_EXTENSIONS = ['.txt', '.md', '.docx'] as const;
/** Files above this size are skipped: a speech collection is kilobytes, a 200 MB "txt" is not one. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Folders nested deeper than this are not entered (real corpora are a few levels deep). */
const MAX_FOLDER_DEPTH = 64;

export function defaultCorpusDir(baseDir: string): string {
  return path.join(baseDir, 'media', 'corpus');
}

export function isCorpusFile(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  return (CORPUS_EXTENSIONS as readonly string[]).includes(ext) && !name.startsWith('~$');
}

export async function readSpeechFile(
  file: string,
  options: { maxBytes?: number } = {},
): Promise<{ documents: SpeechDocument[]; skipped?: SkippedFile }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const skip = (reason: string) => ({ documents: [], skipped: { path: file, reason } });
  const ext = path.extname(file).toLowerCase();
  if (!(CORPUS_EXTENSIONS as readonly string[]).includes(ext)) return skip(`不支持的文件类型 ${ext || '（无扩展名）'}，只读取 .txt .md .docx`);
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return skip('不是普通文件（not a regular file）');
    if (stat.size === 0) return skip('空文件（0 字节）');
    if (stat.size > maxBytes) return skip(`文件过大（${megabytes(stat.size)}，上限 ${megabytes(maxBytes)}）`);
    const bytes = await readAtMost(file, maxBytes);
    if (bytes === undefined) return skip(`文件过大（读取时超过 ${megabytes(maxBytes)}，可能正在被改写）`);
    let text = ext === '.docx' ? await docxText(bytes) : decodeBytes(bytes).text;
    if (ext === '.md') text = text.replace(/^[ \t]*>[ \t]?/gm, '');
    const documents = parseSpeeches(text, file);
    if (!documents.length) return skip('没有可索引的文字（no text）');
    return { documents };
  } catch (err) {
    return skip(readError(err));
  }
}

/** Reads the whole file, or returns undefined if it holds more than maxBytes (it may grow while read). */
async function readAtMost(file: string, maxBytes: number): Promise<Buffer | undefined> {
  const handle = await fs.open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1 - total));
      if (chunk.length === 0) return undefined;
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限（permission denied）';
  if (code === 'ENOENT') return '文件不存在（not found）';
  if (code === 'ELOOP') return '符号链接循环（symlink loop）';
  if (code === 'EISDIR') return '是文件夹，不是文件';
  const message = err instanceof Error ? err.message : String(err);
  const line = message.split('\n')[0].trim() || '无法读取';
  return code ? `${line}（${code}）` : line;
}

/** Corpus files under the sources, in a stable order, each real file once. */
async function collectFiles(sources: string[], skipped: SkippedFile[], token?: CancellationToken): Promise<string[]> {
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
      skipped.push({ path: dir, reason: readError(err) });
      return;
    }
    // A symlink back to an ancestor (or a folder listed twice) is walked once.
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    if (depth > MAX_FOLDER_DEPTH) {
      skipped.push({ path: dir, reason: `文件夹嵌套超过 ${MAX_FOLDER_DEPTH} 层，未再深入` });
      return;
    }
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: dir, reason: readError(err) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (token?.isCancellationRequested) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (err) {
          if (isCorpusFile(entry.name)) skipped.push({ path: full, reason: `链接无效：${readError(err)}` });
          continue;
        }
      }
      if (isDir) await walk(full, depth + 1);
      else if (isFile && isCorpusFile(entry.name)) await addFile(full);
      else if (!isFile && isCorpusFile(entry.name)) skipped.push({ path: full, reason: '不是普通文件（not a regular file）' });
    }
  };
  for (const source of sources) {
    // An empty setting entry would resolve to the working directory: refuse it instead.
    if (!source.trim()) {
      skipped.push({ path: source, reason: '语料路径为空（empty corpus path）' });
      continue;
    }
    const abs = path.resolve(source);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      skipped.push({ path: abs, reason: `语料路径不可用：${readError(err)}` });
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
    const result = await readSpeechFile(files[i], { maxBytes: options.maxFileBytes });
    documents.push(...result.documents);
    if (result.skipped) skipped.push(result.skipped);
    for (const d of result.documents) chars += d.text.length;
    options.onProgress?.({ filesDone: i + 1, filesTotal: files.length, chars, path: files[i] });
  }
  return { documents, skipped };
}
