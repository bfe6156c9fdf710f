// The engine's vocabulary. Nothing here (or anywhere under src/core) may import `vscode`.
import type { SkipReason } from './corpus/skipReason';

/** Kinds of speech the tree groups by, decided from title, salutation and closing. */
export const SPEECH_KINDS = ['讲话', '主持词', '研讨发言', '党课', '汇报', '总结', '心得体会', '其他'] as const;
export type SpeechKind = (typeof SPEECH_KINDS)[number];

/**
 * A heading of a speech's outline. `line` is 0-based in the document's cleaned text (like VS Code).
 * Levels: 1 = `一、`, 2 = `（一）`, 3 = `1.`/`第一，`…; points (`一是`/`一要`) sit one level below
 * the heading they follow and have `point: true`.
 */
export interface Heading {
  level: number;
  text: string;
  line: number;
  point?: boolean;
}

/** One speech: a whole source file, or one speech of a file that compiles several. */
export interface SpeechDocument {
  /** Stable id: source path + '#' + index of the speech within the file. */
  id: string;
  title: string;
  kind: SpeechKind;
  /** Cleaned text (what the index and the read-only view show). */
  text: string;
  /** Absolute path of the source file ('' for in-memory text). */
  source: string;
  /** 0-based, inclusive line range of this speech in the source file. */
  sourceLines: [number, number];
  headings: Heading[];
  /** Other copies of the same speech (saved again, edited, inside a compilation), when this one stands for them (src/core/corpus/dedupe.ts). */
  versions?: SpeechVersion[];
}

/** Another copy of a speech: where it is, to list and open it. */
export interface SpeechVersion {
  id: string;
  title: string;
  source: string;
  sourceLines: [number, number];
}

export interface SkippedFile {
  path: string;
  reason: SkipReason;
}

export interface CorpusLoadResult {
  documents: SpeechDocument[];
  skipped: SkippedFile[];
  /** Set when loading stopped early on a cancellation request (documents are those read so far). */
  cancelled?: boolean;
}

/** A minimal cancellation token, structurally compatible with vscode.CancellationToken. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}
