// 校对 findings: what is wrong where, and how to put it right. Wording is left to the surface that
// shows it (vscode.l10n in the editor, a table in the CLI): a finding carries a code and the values
// its message needs, never a sentence.

/**
 * The families a proofreader sorts findings into (the Problems panel groups and counts by these).
 * 'formulation' (提法) findings come from the corpus's formulation check (src/core/check), which
 * reports in this same form; the Proofreader itself makes the other four.
 */
export const PROOFREAD_KINDS = ['formulation', 'typo', 'punctuation', 'number', 'numbering'] as const;
export type ProofreadKind = (typeof PROOFREAD_KINDS)[number];

/** Every finding's code, `kind.rule`; the message parameters each one carries are listed beside it. */
export const PROOFREAD_CODES = {
  /**
   * A formulation of the corpus with one or two characters changed (两个拥护, 社会注意思想).
   * {found, expected, speeches, count, edits, channel?, title?, docId?, line?}: the evidence is a speech using it, its 0-based line.
   */
  'formulation.substitution': 'formulation',
  /** A formulation with a character or a word inserted (两个坚决维护). The same params. */
  'formulation.insertion': 'formulation',
  /** A formulation with a character or a word left out (两维护). The same params. */
  'formulation.deletion': 'formulation',
  /** A formulation with two neighbours or two items of a parallel group swapped. The same params. */
  'formulation.transposition': 'formulation',
  /** A word used where its look-alike belongs in this context (截止目前 → 截至目前). {found, expected} */
  'typo.confusion': 'typo',
  /** A form that is always wrong (布署 → 部署, 再接再励 → 再接再厉). {found, expected} */
  'typo.misspelling': 'typo',
  /** A slip of one character that breaks a common word (切水增强 → 切实增强). {found, expected, channel} */
  'typo.word': 'typo',
  /** A half-width mark between Chinese characters (30余个,整改 → 30余个，整改). {found, expected} */
  'punctuation.halfWidth': 'punctuation',
  /** Straight quotes around Chinese text ("四个意识" → “四个意识”). {found, expected} */
  'punctuation.straightQuotes': 'punctuation',
  /** An opening or closing mark without its partner in the paragraph. {mark, partner} */
  'punctuation.unpaired': 'punctuation',
  /** An ellipsis written ... or 。。。 or … instead of …… {found, expected} */
  'punctuation.ellipsis': 'punctuation',
  /** A dash written -- or — instead of —— {found, expected} */
  'punctuation.dash': 'punctuation',
  /** Double quotes inside double quotes: the inner pair is ‘’. {found, expected} */
  'punctuation.nestedQuotes': 'punctuation',
  /** A 顿号 before 等/等等, which ends the list by itself (A、B、等 → A、B等). {found, expected} */
  'punctuation.enumerationBeforeDeng': 'punctuation',
  /** The same mark twice (，，). {found, expected} */
  'punctuation.repeated': 'punctuation',
  /** A 顿号 between adjacent numbers of an estimate (三、四个 → 三四个). {found, expected} */
  'punctuation.approximateNumber': 'punctuation',
  /** A year shortened to two digits (23年 → 2023年) where the draft writes full years. {found, expected?} */
  'number.shortYear': 'number',
  /** 零 for zero in a year written in Chinese numerals (二零二三年 → 二〇二三年). {found, expected} */
  'number.yearZero': 'number',
  /** A year written in Chinese numerals where the draft writes years in digits, or the reverse. {found, style} */
  'number.yearStyle': 'number',
  /** A range of percentages without the first % (10～20% → 10%～20%). {found, expected} */
  'number.percentRange': 'number',
  /** A range of numbers joined by a hyphen (10-20 → 10～20). {found, expected} */
  'number.rangeMark': 'number',
  /** A numbering mark in the wrong form (一. → 一、, (一) → （一）, 1、→ 1.). {found, expected} */
  'numbering.form': 'numbering',
  /** A number skipped (一、二、四、). {found, expected} */
  'numbering.skipped': 'numbering',
  /** A number used twice in a row (二、二、). {found, expected} */
  'numbering.repeated': 'numbering',
  /** A level out of order: （一） after 1. under the same heading. {found, after} */
  'numbering.levelOrder': 'numbering',
} as const satisfies Record<string, ProofreadKind>;
export type ProofreadCode = keyof typeof PROOFREAD_CODES;

export function kindOf(code: ProofreadCode): ProofreadKind {
  return PROOFREAD_CODES[code];
}

export interface ProofreadFinding {
  /** UTF-16 offsets of the span in the draft. */
  start: number;
  end: number;
  kind: ProofreadKind;
  code: ProofreadCode;
  /** The values the message for `code` needs (see PROOFREAD_CODES). */
  params: Record<string, string>;
  /** Replacement text for [start, end): the quick fix. Absent when the right text can't be known. */
  fix?: string;
  /** True when the fix can be applied without a look (one form of the same text, no choice of words). */
  safe: boolean;
}

/** How often the user's corpus uses a string: evidence that a wording the lexicon doesn't know is meant. */
export interface CorpusEvidence {
  occurrences(text: string): number;
}

export interface ProofreadOptions {
  /** Markdown drafts: headings' `#`, code, links, emphasis marks and HTML are not proofread as prose. */
  markdown: boolean;
  /** Which kinds to report (default all). */
  kinds: readonly ProofreadKind[];
  /** The corpus, when there is one: its wordings are not flagged, and a fix it uses is trusted more. */
  corpus?: CorpusEvidence;
}
