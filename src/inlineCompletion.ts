// Ghost text: the suggest list's first item, and only when the engine is confident about it (a wrong
// grey phrase costs the writer attention on every keystroke), on the cursor's line. VS Code does not
// ask while an IME is composing, so the ghost text follows committed Chinese only.
import * as vscode from 'vscode';
import { snippetOf } from './core/complete';
import { addedText } from './core/complete/ranking';
import { acceptCommand, completeLogged, eagerness, endsSentence, setting, textBefore, type PhraseCompleter } from './completer';
import { DRAFT_SELECTOR, isDraft } from './drafts';
import type { Feature } from './feature';

/** Where the ghost text goes and what it holds: `typed` is the text already in the range. */
export interface GhostText {
  range: vscode.Range;
  typed: string;
  added: string;
}

/**
 * With the suggest list open VS Code shows ghost text only when it extends the selected item over the
 * same range; our phrase is shown then only if it does.
 */
export function fitToSelected(ghost: GhostText, selected: vscode.SelectedCompletionInfo | undefined, document: vscode.TextDocument): GhostText | undefined {
  if (!selected) return ghost;
  const { range } = selected;
  if (!range.isSingleLine || !range.end.isEqual(ghost.range.end)) return undefined;
  const typed = document.getText(range);
  if (!selected.text.startsWith(typed)) return undefined;
  const selectedAdds = selected.text.slice(typed.length);
  if (!ghost.added.startsWith(selectedAdds)) return undefined;
  return { range, typed, added: ghost.added };
}

class PhraseInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly completer: PhraseCompleter,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): vscode.InlineCompletionItem[] | undefined {
    if (!isDraft(document) || !setting('inline', true, document)) return undefined;
    const before = textBefore(document, position);
    if (endsSentence(before)) return undefined;
    const item = completeLogged(this.log, undefined, () => this.completer.ghost(before, { eagerness: eagerness(document) }));
    if (token.isCancellationRequested || !item) return undefined;
    const start = position.translate(0, -item.replace);
    const ghost = fitToSelected(
      { range: new vscode.Range(start, position), typed: before.slice(before.length - item.replace), added: addedText(item) },
      context.selectedCompletionInfo,
      document,
    );
    if (!ghost || !ghost.added) return undefined;
    const text = ghost.typed + ghost.added;
    const snippet = snippetOf(text, ghost.typed.length);
    const result = new vscode.InlineCompletionItem(snippet !== undefined ? new vscode.SnippetString(snippet) : text, ghost.range, acceptCommand(item));
    result.filterText = text;
    return [result];
  }
}

export const registerInlinePhraseCompletion: Feature = (context) => {
  return vscode.languages.registerInlineCompletionItemProvider(DRAFT_SELECTOR, new PhraseInlineCompletionProvider(context.completer, context.log));
};
