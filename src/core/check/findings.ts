// 全文校对 in one list: the 提法 check's issues in the form every proofreading finding takes (kind
// 'formulation'), merged with the Proofreader's typos, punctuation, numbers and numbering. The CLI
// and the benchmark run both here; the editor runs the Proofreader in its worker and merges there.
import type { CorpusText } from '../phrases/corpusText';
import { occurrences } from '../phrases/corpusText';
import { mergeFindings, type Proofreader } from '../proofread';
import type { CorpusEvidence, ProofreadCode, ProofreadFinding, ProofreadKind, ProofreadOptions } from '../proofread/types';
import { checkFormulations, type CheckIndex, type FormulationIssue } from './check';

/**
 * A 提法 issue as a proofreading finding: its fix is the corpus's wording, never applied unseen. Its
 * params carry the evidence: how many speeches and times, and a speech that uses it (title, docId, 0-based line).
 */
export function formulationFinding(issue: FormulationIssue): ProofreadFinding {
  const params: Record<string, string> = {
    found: issue.found,
    expected: issue.expected,
    speeches: String(issue.phrase.speeches),
    count: String(issue.phrase.count),
    edits: String(issue.edits),
  };
  if (issue.channel) params.channel = issue.channel;
  if (issue.phrase.example) Object.assign(params, { title: issue.phrase.example.title, docId: issue.phrase.example.docId, line: String(issue.phrase.example.line) });
  return { start: issue.start, end: issue.end, kind: 'formulation', code: `formulation.${issue.kind}` as ProofreadCode, params, fix: issue.expected, safe: false };
}

/** The corpus's word on a string, from the index's suffix array: how often it occurs. */
export function indexEvidence(corpus: CorpusText): CorpusEvidence {
  return {
    occurrences(text: string) {
      const [lo, hi] = occurrences(corpus, text);
      return hi - lo;
    },
  };
}

export interface DraftCheckOptions extends Partial<Omit<ProofreadOptions, 'corpus'>> {
  /** The 提法 check's threshold (default its own). */
  minConfidence?: number;
}

/**
 * Every kind of finding in `draft`: 提法 slips against the index's formulations (when there is an
 * index), and the proofreader's kinds with the corpus's evidence on typos.
 */
export function checkDraft(index: CheckIndex | undefined, draft: string, proofreader: Proofreader, options: DraftCheckOptions = {}): ProofreadFinding[] {
  const kinds: readonly ProofreadKind[] = options.kinds ?? ['formulation', 'typo', 'punctuation', 'number', 'numbering'];
  const formulations = index && kinds.includes('formulation') ? checkFormulations(index, draft, { minConfidence: options.minConfidence }).map(formulationFinding) : [];
  const rest = kinds.some((k) => k !== 'formulation')
    ? proofreader.proofread(draft, { markdown: options.markdown, kinds: kinds.filter((k) => k !== 'formulation'), corpus: index ? indexEvidence(index.corpus) : undefined })
    : [];
  return mergeFindings(formulations, rest);
}
