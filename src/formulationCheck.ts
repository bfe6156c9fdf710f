// 提法核对 in the editor: a warning under a span of a draft that is one character away from a
// formulation the corpus uses often (做到“两个拥护” → 做到“两个维护”), and a quick fix that writes the
// corpus's wording. Drafts are checked a moment after typing stops, once the corpus index is loaded;
// nothing is checked (and nothing shown) before that, or when speechDrafter.check.enabled is off.
import * as vscode from 'vscode';
import { checkFormulations, type FormulationIssue } from './core/check';
import type { Corpus, LoadedCorpus } from './corpus';
import { DRAFT_SELECTOR, isDraft } from './drafts';
import type { Feature } from './feature';
import { speechUri } from './speechDocuments';

export const CHECK_SECTION = 'speechDrafter.check';
/** Shown in the Problems panel and the hover; the product's name in every locale. */
export const DIAGNOSTIC_SOURCE = '讲稿助手';
/** Check this long after the last edit: a half-typed word is not flagged mid-keystroke. */
const CHECK_DEBOUNCE_MS = 600;
/** Drafts longer than this are not checked (a pasted book is not a draft; 200k chars check in about 150 ms). */
const MAX_CHECK_CHARS = 200_000;

interface CheckedDocument {
  version: number;
  issues: FormulationIssue[];
}

export class FormulationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('speechDrafter.check');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly checked = new Map<string, CheckedDocument>();
  /** The corpus the shown diagnostics were checked against (their related information points into it). */
  private checkedAgainst: LoadedCorpus | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly corpus: Corpus) {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, CHECK_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(CHECK_SECTION)) this.checkAll();
      }),
      // A new corpus version: its formulations may differ, so every open draft is checked again.
      corpus.onDidChange(() => this.checkAll()),
    );
    if (vscode.workspace.textDocuments.some((d) => this.wanted(d))) void corpus.ready.then(() => this.checkAll());
  }

  private wanted(document: vscode.TextDocument): boolean {
    return isDraft(document) && vscode.workspace.getConfiguration(CHECK_SECTION, document).get<boolean>('enabled', true);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!isDraft(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.check(document);
      }, delay),
    );
  }

  private checkAll(): void {
    for (const document of vscode.workspace.textDocuments) if (isDraft(document)) this.check(document);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.checked.delete(key);
    this.collection.delete(uri);
  }

  /** The loaded corpus; undefined until the first load ends (asks for it). */
  private loaded(): LoadedCorpus | undefined {
    const loaded = this.corpus.current;
    if (!loaded) void this.corpus.ready;
    return loaded;
  }

  private check(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const loaded = this.wanted(document) ? this.loaded() : undefined;
    const text = loaded ? document.getText() : '';
    if (!loaded || text.length > MAX_CHECK_CHARS) {
      this.forget(document.uri);
      return;
    }
    this.checkedAgainst = loaded;
    const issues = checkFormulations(loaded.index, text);
    this.checked.set(document.uri.toString(), { version: document.version, issues });
    this.collection.set(document.uri, issues.map((issue) => this.diagnostic(document, issue)));
  }

  private diagnostic(document: vscode.TextDocument, issue: FormulationIssue): vscode.Diagnostic {
    const range = new vscode.Range(document.positionAt(issue.start), document.positionAt(issue.end));
    const message = vscode.l10n.t(
      'Possibly wrong formulation: the corpus writes 「{0}」 ({1} speeches, {2} times)',
      issue.expected,
      issue.phrase.speeches,
      issue.phrase.count,
    );
    const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = 'formulation';
    const example = issue.phrase.example && this.checkedAgainst?.byId(issue.phrase.example.docId);
    if (example) {
      const line = new vscode.Position(issue.phrase.example!.line, 0);
      d.relatedInformation = [
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(speechUri(example), line),
          vscode.l10n.t('Used in 《{0}》', example.title),
        ),
      ];
    }
    return d;
  }

  /** The checked issue a diagnostic stands for, if the document still reads as it did. */
  issueFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): FormulationIssue | undefined {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== 'formulation') return undefined;
    const checked = this.checked.get(document.uri.toString());
    if (!checked) return undefined;
    const text = document.getText(diagnostic.range);
    const start = document.offsetAt(diagnostic.range.start);
    // Edits elsewhere may have moved the span since the check: match by text, nearest first.
    return checked.issues
      .filter((i) => i.found === text)
      .sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start))[0];
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.subscriptions) d.dispose();
  }
}

class FormulationFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: FormulationDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const issue = this.diagnostics.issueFor(document, diagnostic);
      if (!issue) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Change to 「{0}」', issue.expected), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, issue.expected);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}

export const registerFormulationCheck: Feature = (context) => {
  const diagnostics = new FormulationDiagnostics(context.corpus);
  return vscode.Disposable.from(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(DRAFT_SELECTOR, new FormulationFixes(diagnostics), {
      providedCodeActionKinds: FormulationFixes.kinds,
    }),
  );
};
