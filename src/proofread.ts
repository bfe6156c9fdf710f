// 全文校对 in the editor: 提法 slips, typos, punctuation, numbers and numbering of Markdown and
// plain-text drafts as diagnostics in one collection (source 讲稿助手 · kind, code = the finding's
// code) in the Problems panel, each with a quick fix where the right text is known; a command that
// checks the whole draft now and counts the findings per kind; and one that applies every safe fix as
// a single edit (one undo).
// The proofreading engine runs in a worker thread (dist/proofreadWorker.js): its lexicon costs the
// extension host nothing, and a draft is checked a moment after typing stops, re-reading only changed
// paragraphs; the corpus's counts it asks for come from the index on this thread. The 提法 check runs
// here, against that index (formulationCheck.ts).
import * as vscode from 'vscode';
import { mergeFindings } from './core/proofread/finding';
import { PROOFREAD_KINDS, type ProofreadFinding, type ProofreadKind } from './core/proofread/types';
import { ProofreadWorker } from './core/proofread/proofreadWorkerClient';
import type { Corpus, LoadedCorpus } from './corpus';
import type { Feature } from './feature';
import { DraftChecker, replacementFix } from './draftChecks';
import { DRAFT_SELECTOR, isDraft } from './drafts';
import { CHECK_SECTION, FormulationSource } from './formulationCheck';

export const PROOFREAD_SECTION = 'speechDrafter.proofread';
export const ProofreadCommands = {
  proofreadDocument: 'speechDrafter.proofreadDocument',
  applySafeFixes: 'speechDrafter.applySafeProofreadFixes',
} as const;
/** Shown in the Problems panel and the hover: the product's name in every locale, then the finding's kind. */
export const DIAGNOSTIC_SOURCE = '讲稿助手';
/** Check this long after the last edit: a half-typed sentence is not flagged mid-keystroke. */
const CHECK_DEBOUNCE_MS = 600;
/** Drafts longer than this are not checked as you type (the command still checks them). */
const MAX_AUTO_CHARS = 300_000;

function kindName(kind: ProofreadKind): string {
  switch (kind) {
    case 'formulation':
      return vscode.l10n.t('formulation');
    case 'typo':
      return vscode.l10n.t('typos');
    case 'punctuation':
      return vscode.l10n.t('punctuation');
    case 'number':
      return vscode.l10n.t('numbers');
    case 'numbering':
      return vscode.l10n.t('numbering');
  }
}

function channelName(channel: string | undefined): string {
  switch (channel) {
    case 'homophone':
      return vscode.l10n.t('same pinyin');
    case 'fuzzyPinyin':
      return vscode.l10n.t('similar pinyin');
    case 'nearPinyin':
      return vscode.l10n.t('pinyin one letter apart');
    case 'shape':
      return vscode.l10n.t('similar shape');
    default:
      return '';
  }
}

/** The finding in words, from its code and parameters. */
export function proofreadMessage(f: ProofreadFinding): string {
  const p = { ...f.params, channel: channelName(f.params.channel) };
  switch (f.code) {
    case 'formulation.substitution':
    case 'formulation.insertion':
    case 'formulation.deletion':
    case 'formulation.transposition':
      return vscode.l10n.t('Possibly wrong formulation: the corpus writes 「{0}」 ({1} speeches, {2} times)', f.params.expected, f.params.speeches, f.params.count);
    case 'typo.confusion':
      return vscode.l10n.t('「{found}」 should be 「{expected}」 here', p);
    case 'typo.misspelling':
      return vscode.l10n.t('「{found}」 is a misspelling of 「{expected}」', p);
    case 'typo.word':
      return vscode.l10n.t('「{found}」 may be a slip for 「{expected}」 ({channel})', p);
    case 'punctuation.halfWidth':
      return vscode.l10n.t('Half-width 「{found}」 in Chinese text: use 「{expected}」', p);
    case 'punctuation.straightQuotes':
      return vscode.l10n.t('Straight quote 「{found}」: use 「{expected}」', p);
    case 'punctuation.unpaired':
      return vscode.l10n.t('「{mark}」 has no matching 「{partner}」', p);
    case 'punctuation.ellipsis':
      return vscode.l10n.t('The ellipsis is 「{expected}」, not 「{found}」', p);
    case 'punctuation.dash':
      return vscode.l10n.t('The dash is 「{expected}」, not 「{found}」', p);
    case 'punctuation.nestedQuotes':
      return vscode.l10n.t('Quotes inside quotes take single quotes: 「{expected}」', p);
    case 'punctuation.enumerationBeforeDeng':
      return vscode.l10n.t('No 顿号 before 等', p);
    case 'punctuation.repeated':
      return vscode.l10n.t('「{expected}」 written twice', p);
    case 'punctuation.approximateNumber':
      return vscode.l10n.t('No 顿号 between adjacent numbers of an estimate (三四个)', p);
    case 'number.shortYear':
      return vscode.l10n.t('Write the year 「{found}」 in full', p);
    case 'number.yearZero':
      return vscode.l10n.t('Zero in a year is written 〇: 「{expected}」', p);
    case 'number.yearStyle':
      return vscode.l10n.t('The draft writes years in digits: write 「{found}」 the same way', p);
    case 'number.percentRange':
      return vscode.l10n.t('Keep the first % of a percentage range ({range})', p);
    case 'number.rangeMark':
      return vscode.l10n.t('Join a range with 「{expected}」, not 「{found}」', p);
    case 'numbering.form':
      return vscode.l10n.t('Numbering 「{found}」 is written 「{expected}」', p);
    case 'numbering.skipped':
      return vscode.l10n.t('Numbering skips a number: 「{expected}」 comes here, not 「{found}」', p);
    case 'numbering.repeated':
      return vscode.l10n.t('Numbering repeats a number: 「{expected}」 comes here', p);
    case 'numbering.levelOrder':
      return vscode.l10n.t('Numbering levels out of order: 「{found}」 under 「{after}」', p);
  }
}

interface Checked {
  version: number;
  findings: ProofreadFinding[];
  /** The corpus the 提法 findings were checked against (their related information points into it). */
  against?: LoadedCorpus;
}

export class ProofreadDiagnostics implements vscode.Disposable {
  private readonly checked = new Map<string, Checked>();
  private readonly drafts: DraftChecker;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly worker: ProofreadWorker,
    private readonly formulations: FormulationSource,
    corpus: Corpus,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.drafts = new DraftChecker({
      name: 'speechDrafter.proofread',
      sections: [PROOFREAD_SECTION, CHECK_SECTION],
      debounceMs: CHECK_DEBOUNCE_MS,
      wanted: (d) => this.proofreadWanted(d) || formulations.enabled(d),
      check: (d) => this.check(d),
      forgotten: (key) => {
        this.checked.delete(key);
        this.worker.forget(key);
      },
    });
    // A new corpus version: its formulations and counts may differ, so every open draft is checked again.
    this.subscriptions.push(
      corpus.onDidChange(() => {
        formulations.corpusLoaded();
        this.drafts.scheduleAll();
      }),
    );
    if (vscode.workspace.textDocuments.some((d) => isDraft(d))) void corpus.ready.then(() => this.drafts.scheduleAll());
    this.drafts.scheduleAll();
  }

  private proofreadWanted(document: vscode.TextDocument): boolean {
    return vscode.workspace.getConfiguration(PROOFREAD_SECTION, document).get<boolean>('enabled', true) && document.getText().length <= MAX_AUTO_CHARS;
  }

  /** Checks the document now; the findings, or undefined when it changed meanwhile or was closed. */
  async check(document: vscode.TextDocument, force = false): Promise<ProofreadFinding[] | undefined> {
    if (document.isClosed) return undefined;
    const version = document.version;
    const key = document.uri.toString();
    const text = document.getText();
    const { findings: formulations, against } = this.formulations.findings(document, text);
    let rest: ProofreadFinding[] = [];
    if (force || this.proofreadWanted(document)) {
      try {
        const result = await this.worker.check(key, text, { markdown: document.languageId === 'markdown' });
        if (result.loadMs !== undefined) this.log.info(`proofread: lexicon loaded in the worker in ${result.loadMs.toFixed(0)} ms`);
        this.log.trace(`proofread: ${result.checkedParagraphs} paragraphs read in ${result.ms.toFixed(1)} ms, ${result.corpusQueries} strings counted in the corpus`);
        rest = result.findings;
      } catch (err) {
        this.log.warn(`proofread: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }
    // Typed on meanwhile: a newer check is on its way.
    if (document.isClosed || document.version !== version) return undefined;
    const findings = mergeFindings(formulations, rest);
    this.checked.set(key, { version, findings, against });
    this.drafts.collection.set(document.uri, findings.map((f) => this.diagnostic(document, f, against)));
    return findings;
  }

  private diagnostic(document: vscode.TextDocument, f: ProofreadFinding, against: LoadedCorpus | undefined): vscode.Diagnostic {
    const range = new vscode.Range(document.positionAt(f.start), document.positionAt(f.end));
    const severity = f.kind === 'formulation' || f.kind === 'typo' || f.kind === 'numbering' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
    const d = new vscode.Diagnostic(range, proofreadMessage(f), severity);
    // The kind beside the product's name: the Problems panel shows it on every row, and its filter finds a kind.
    d.source = `${DIAGNOSTIC_SOURCE} · ${kindName(f.kind)}`;
    d.code = f.code;
    if (f.kind === 'formulation') {
      const related = this.formulations.example(f, against);
      if (related) d.relatedInformation = related;
    }
    return d;
  }

  /** The finding a diagnostic stands for, if the document still reads as when it was checked. */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): ProofreadFinding | undefined {
    const checked = this.checked.get(document.uri.toString());
    if (!diagnostic.source?.startsWith(DIAGNOSTIC_SOURCE) || !checked || checked.version !== document.version) return undefined;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return checked.findings.find((f) => f.start === start && f.end === end && f.code === diagnostic.code);
  }

  /** Every safe fix of the document's last check, if it still reads as then. */
  safeFixes(document: vscode.TextDocument): ProofreadFinding[] | undefined {
    const checked = this.checked.get(document.uri.toString());
    if (!checked || checked.version !== document.version) return undefined;
    return checked.findings.filter((f) => f.safe && f.fix !== undefined);
  }

  dispose(): void {
    this.drafts.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

/** One WorkspaceEdit with every safe fix: applied (and undone) as one step. */
function safeFixEdit(document: vscode.TextDocument, fixes: ProofreadFinding[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const f of fixes) edit.replace(document.uri, new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)), f.fix!);
  return edit;
}

class ProofreadFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ProofreadDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const f = this.diagnostics.findingFor(document, diagnostic);
      if (!f || f.fix === undefined) continue;
      const title = f.fix ? vscode.l10n.t('Change to 「{0}」', f.fix) : vscode.l10n.t('Delete 「{0}」', document.getText(diagnostic.range));
      actions.push(replacementFix(document, diagnostic, title, f.fix));
    }
    const safe = this.diagnostics.safeFixes(document);
    if (actions.length && safe && safe.length > 1) {
      const all = new vscode.CodeAction(vscode.l10n.t('Apply all {0} safe proofreading fixes', safe.length), vscode.CodeActionKind.QuickFix);
      all.command = { command: ProofreadCommands.applySafeFixes, title: all.title };
      actions.push(all);
    }
    return actions;
  }
}

async function proofreadDocument(diagnostics: ProofreadDiagnostics): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDraft(editor.document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown or plain-text draft to proofread it.'));
    return;
  }
  const findings = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Proofreading…') }, () => diagnostics.check(editor.document, true));
  if (!findings) return;
  const counts = PROOFREAD_KINDS.map((k) => `${kindName(k)} ${findings.filter((f) => f.kind === k).length}`).join(vscode.l10n.t(', '));
  const safe = findings.filter((f) => f.safe).length;
  if (!findings.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Proofreading found nothing.'));
    return;
  }
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const apply = vscode.l10n.t('Apply {0} Safe Fixes', safe);
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Proofreading: {0} findings ({1}).', findings.length, counts), ...(safe ? [apply] : []));
  if (choice === apply) await vscode.commands.executeCommand(ProofreadCommands.applySafeFixes);
}

async function applySafeFixes(diagnostics: ProofreadDiagnostics): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDraft(editor.document)) return;
  const document = editor.document;
  // Fixes from a check of this very version only: a stale offset would edit the wrong characters.
  const fixes = diagnostics.safeFixes(document) ?? ((await diagnostics.check(document, true)) && diagnostics.safeFixes(document));
  if (!fixes?.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No safe proofreading fixes to apply.'));
    return;
  }
  if (await vscode.workspace.applyEdit(safeFixEdit(document, fixes))) void vscode.window.setStatusBarMessage(vscode.l10n.t('Applied {0} safe proofreading fixes.', fixes.length), 4000);
}

export const registerProofread: Feature = (context) => {
  const formulations = new FormulationSource(context.corpus);
  const worker = new ProofreadWorker(vscode.Uri.joinPath(context.extension.extensionUri, 'dist', 'proofreadWorker.js').fsPath, () => formulations.counter());
  const diagnostics = new ProofreadDiagnostics(worker, formulations, context.corpus, context.log);
  return vscode.Disposable.from(
    diagnostics,
    { dispose: () => worker.dispose() },
    vscode.languages.registerCodeActionsProvider(DRAFT_SELECTOR, new ProofreadFixes(diagnostics), { providedCodeActionKinds: ProofreadFixes.kinds }),
    vscode.commands.registerCommand(ProofreadCommands.proofreadDocument, () => proofreadDocument(diagnostics)),
    vscode.commands.registerCommand(ProofreadCommands.applySafeFixes, () => applySafeFixes(diagnostics)),
  );
};
