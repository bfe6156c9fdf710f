// `docs`: list the speeches of the corpus (bundled sample corpus plus --corpus folders).
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { defaultCorpusDir, loadCorpus, skippedLine } from '../core/corpus';
import { foldVersions, indexCorpus, type CorpusIndex } from '../core/index';
import type { SpeechDocument } from '../core/types';
import { speechLength } from '../core/outlineTree';
import { ArgReader, type CorpusArgs } from './args';
import { skipReasonText } from './skipReasons';

/** The bundled corpus: media/corpus next to dist/ (or next to src/ when run from source). */
function bundledCorpusDir(): string {
  const candidates = [path.join(__dirname, '..'), path.join(__dirname, '..', '..')].map(defaultCorpusDir);
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

/**
 * Loads the corpus the options name with its whole index, as the editor's worker does (indexCorpus,
 * without a cache): one document per speech (a speech saved several times is one, listing the others
 * as its versions); each skipped file becomes one line on stderr.
 */
export async function loadCliIndex(options: CorpusArgs): Promise<CorpusIndex> {
  const sources = [...(options.noDefaultCorpus ? [] : [bundledCorpusDir()]), ...options.corpus];
  const result = await indexCorpus(sources, { maxFileBytes: options.maxFileBytes });
  for (const s of result.skipped) process.stderr.write(`跳过 skipped: ${skippedLine(s, skipReasonText)}\n`);
  return result.index!;
}

/**
 * The speeches alone (for search and related, which need no mining): read as indexCorpus reads them,
 * versions folded the same way (the newer file stands for a speech); each skipped file one stderr line.
 */
export async function loadCliCorpus(options: CorpusArgs): Promise<{ documents: SpeechDocument[] }> {
  const sources = [...(options.noDefaultCorpus ? [] : [bundledCorpusDir()]), ...options.corpus];
  const result = await loadCorpus(sources, { maxFileBytes: options.maxFileBytes });
  for (const s of result.skipped) process.stderr.write(`跳过 skipped: ${skippedLine(s, skipReasonText)}\n`);
  const modified = new Map<string, number>();
  for (const d of result.documents) if (d.source && !modified.has(d.source)) modified.set(d.source, statSync(d.source).mtimeMs);
  return { documents: foldVersions(result.documents, modified).documents };
}

/** Length of a speech in 字, counted as the tree and the status bar count it (the Word/WPS rule of src/core/count.ts). */
export function speechChars(doc: SpeechDocument): number {
  return speechLength(doc.text);
}

/** Columns a string takes in a terminal: CJK and full-width forms take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function sourceLabel(doc: SpeechDocument): string {
  return `${path.basename(doc.source)}:${doc.sourceLines[0] + 1}-${doc.sourceLines[1] + 1}`;
}

export async function run(args: string[]): Promise<number> {
  const reader = new ArgReader(args);
  const corpus = reader.corpus();
  const json = reader.flag('--json');
  const extra = reader.positionals();
  if (extra.length) throw new Error(`docs takes no arguments (got ${extra.join(' ')})`);
  const { documents } = await loadCliIndex(corpus);
  if (json) {
    const list = documents.map((d) => ({
      title: d.title,
      kind: d.kind,
      chars: speechChars(d),
      source: d.source,
      headings: d.headings.map((h) => ({ level: h.level, text: h.text, line: h.line })),
      versions: (d.versions ?? []).map((v) => ({ title: v.title, source: v.source, lines: [v.sourceLines[0] + 1, v.sourceLines[1] + 1] })),
    }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const rows = documents.map((d, i) => [String(i), d.kind, String(speechChars(d)), d.title, sourceLabel(d)]);
  const header = ['#', '类型', '字数', '标题', '来源'];
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
  const line = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : pad(cell, widths[c]))).join('  ');
  process.stdout.write(`${[header, ...rows].map(line).join('\n')}\n`);
  const versions = documents.reduce((n, d) => n + (d.versions?.length ?? 0), 0);
  process.stdout.write(`${documents.length} 篇讲稿 speeches${versions ? `（另有 ${versions} 个重复版本未计 ${versions} duplicate ${versions === 1 ? 'copy' : 'copies'} not counted）` : ''}\n`);
  return 0;
}
