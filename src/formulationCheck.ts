// The 提法 half of 全文校对 in the editor: a draft's near-misses of the corpus's formulations
// (做到“两个拥护” → 做到“两个维护”, 社会注意思想 → 社会主义思想) as proofreading findings of kind
// 'formulation', checked on this thread against the loaded corpus index (a 10,000-character draft in
// a few milliseconds); the corpus's counts the proofreading worker asks for; and the evidence a
// diagnostic points to. The diagnostics themselves are proofread.ts's, one collection for every kind.
// Nothing is checked before the corpus loads, or when speechDrafter.check.enabled is off.
import * as vscode from 'vscode';
import { checkFormulations, formulationFinding, indexEvidence, warmUpCheck } from './core/check';
import type { ProofreadFinding } from './core/proofread/types';
import type { Corpus, LoadedCorpus } from './corpus';
import { speechUri } from './speechDocuments';

export const CHECK_SECTION = 'speechDrafter.check';
/** Drafts longer than this are not checked (a pasted book is not a draft; 200k chars check in about 150 ms). */
const MAX_CHECK_CHARS = 200_000;

export class FormulationSource {
  constructor(private readonly corpus: Corpus) {}

  /** A corpus loaded: its check (and completion's 提法 guard) reads pinyin, loaded now rather than on a keystroke. */
  corpusLoaded(): void {
    setTimeout(warmUpCheck, 0);
  }

  /** The loaded corpus; undefined until the first load ends (asks for it). */
  loaded(): LoadedCorpus | undefined {
    const loaded = this.corpus.current;
    if (!loaded) void this.corpus.ready;
    return loaded;
  }

  enabled(document: vscode.TextDocument): boolean {
    return vscode.workspace.getConfiguration(CHECK_SECTION, document).get<boolean>('enabled', true);
  }

  /** 提法 findings of the document's text, with the corpus they were checked against; none before the corpus loads. */
  findings(document: vscode.TextDocument, text: string): { findings: ProofreadFinding[]; against?: LoadedCorpus } {
    const loaded = this.enabled(document) ? this.loaded() : undefined;
    if (!loaded || text.length > MAX_CHECK_CHARS) return { findings: [] };
    return { findings: checkFormulations(loaded.index, text).map(formulationFinding), against: loaded };
  }

  /** Counts of strings in the loaded corpus, for the proofreading worker's typo check; undefined before it loads. */
  counter(): ((strings: readonly string[]) => number[]) | undefined {
    const loaded = this.corpus.current;
    if (!loaded?.documents.length) return undefined;
    const evidence = indexEvidence(loaded.index.corpus);
    return (strings) => strings.map((s) => evidence.occurrences(s));
  }

  /** Where the corpus uses the formulation a finding names (the first speech of its evidence). */
  example(finding: ProofreadFinding, against: LoadedCorpus | undefined): vscode.DiagnosticRelatedInformation[] | undefined {
    const speech = finding.params.docId ? against?.byId(finding.params.docId) : undefined;
    if (!speech) return undefined;
    const line = new vscode.Position(Number(finding.params.line) || 0, 0);
    return [new vscode.DiagnosticRelatedInformation(new vscode.Location(speechUri(speech), line), vscode.l10n.t('Used in 《{0}》', speech.title))];
  }
}
