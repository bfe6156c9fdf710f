// What every checker of drafts needs from the editor: a diagnostics collection, a check a moment
// after typing stops (one timer per document), a check at once when a draft opens or the checker's
// settings change, and everything dropped when a draft closes. The checker supplies `check` and
// says which documents it wants.
import * as vscode from 'vscode';
import { isDraft } from './drafts';

export interface DraftCheckerOptions {
  /** The DiagnosticCollection's name. */
  name: string;
  /** The settings sections whose changes re-check every open draft. */
  sections: string[];
  debounceMs: number;
  /** Whether this draft is checked now (a setting, a size limit). */
  wanted(document: vscode.TextDocument): boolean;
  check(document: vscode.TextDocument): void | Promise<unknown>;
  /** The draft closed or is no longer wanted: drop what the checker keeps for it. */
  forgotten?(key: string): void;
}

export class DraftChecker implements vscode.Disposable {
  readonly collection: vscode.DiagnosticCollection;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly options: DraftCheckerOptions) {
    this.collection = vscode.languages.createDiagnosticCollection(options.name);
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, options.debounceMs);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (options.sections.some((s) => e.affectsConfiguration(s))) this.scheduleAll();
      }),
    );
  }

  scheduleAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  schedule(document: vscode.TextDocument, delay: number): void {
    if (!isDraft(document)) return;
    if (!this.options.wanted(document)) {
      this.forget(document.uri);
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) void this.options.check(document);
      }, delay),
    );
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(uri);
    this.options.forgotten?.(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.subscriptions) d.dispose();
  }
}

/** The preferred quick fix that replaces a diagnostic's range. */
export function replacementFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: string, replacement: string): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, diagnostic.range, replacement);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}
