// Status-bar item for drafts (markdown, plain text): 字数 as Chinese offices count it, the
// selection's count when there is one, and the speaking time at speechDrafter.speakingRate.
import * as vscode from 'vscode';
import { countCharacters, DEFAULT_SPEAKING_RATE, markdownVisibleText, speakingMinutes, type CharacterCount } from './core/count';
import type { Feature } from './feature';
import { SPEECH_SCHEME } from './speechDocuments';

export const SPEAKING_RATE_SETTING = 'speechDrafter.speakingRate';
const DRAFT_LANGUAGES = new Set(['markdown', 'plaintext']);
/** Recounting a long draft on every keystroke is wasted work; a pause of this long is enough. */
const RECOUNT_DELAY_MS = 150;

function speakingRate(): number {
  const rate = vscode.workspace.getConfiguration().get<number>(SPEAKING_RATE_SETTING, DEFAULT_SPEAKING_RATE);
  return typeof rate === 'number' && Number.isFinite(rate) && rate > 0 ? rate : DEFAULT_SPEAKING_RATE;
}

/** "约 N 分钟", or "不足 1 分钟" for a short text. */
export function speakingTimeLabel(spoken: number, rate: number): string {
  const minutes = speakingMinutes(spoken, rate);
  if (minutes < 1) return vscode.l10n.t('under 1 min');
  return vscode.l10n.t('about {0} min', Math.round(minutes));
}

function tooltip(total: CharacterCount, selected: CharacterCount | undefined, rate: number, markdown: boolean): vscode.MarkdownString {
  const n = (x: number) => x.toLocaleString();
  const lines = [
    vscode.l10n.t('**{0}** characters (字数) in this document', n(total.chars)),
    '',
    // The rule in words, then the counts on a line of their own: a number never lands inside the rule.
    vscode.l10n.t(
      'Counted as Word and WPS count 字数: each Chinese character, full-width punctuation mark, full-width letter or digit, and each English word or number counts 1; spaces and line breaks are not counted.',
    ),
    '',
    vscode.l10n.t(
      'Chinese characters {0} · full-width punctuation {1} · full-width letters and digits {2} · English words and numbers {3}',
      n(total.cjk),
      n(total.punctuation),
      n(total.fullWidth),
      n(total.words),
    ),
    ...(markdown ? ['', vscode.l10n.t('Markdown marks (#, >, **, list bullets, link addresses) are not counted.')] : []),
    '',
    vscode.l10n.t('Speaking time: {0} spoken characters (punctuation is not read aloud) at {1} per minute, {2}.', n(total.spoken), n(rate), speakingTimeLabel(total.spoken, rate)),
  ];
  if (selected) lines.push('', vscode.l10n.t('Selection: {0} characters, {1}.', n(selected.chars), speakingTimeLabel(selected.spoken, rate)));
  lines.push('', vscode.l10n.t('The rate is the setting [{0}](command:workbench.action.openSettings?{1}).', SPEAKING_RATE_SETTING, encodeURIComponent(JSON.stringify([SPEAKING_RATE_SETTING]))));
  const md = new vscode.MarkdownString(lines.join('\n\n'));
  md.isTrusted = { enabledCommands: ['workbench.action.openSettings'] };
  return md;
}

export const registerStatusBar: Feature = () => {
  const item = vscode.window.createStatusBarItem('speechDrafter.wordCount', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('讲稿助手: character count');
  let timer: NodeJS.Timeout | undefined;

  const update = () => {
    clearTimeout(timer);
    timer = undefined;
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    // The read-only corpus speeches are not drafts; the count is for what the user writes.
    if (!editor || !doc || !DRAFT_LANGUAGES.has(doc.languageId) || doc.uri.scheme === SPEECH_SCHEME) {
      item.hide();
      return;
    }
    const rate = speakingRate();
    // In Markdown, marks the reader never sees (#, >, **…**, link targets) are not 字.
    const visible = doc.languageId === 'markdown' ? markdownVisibleText : (text: string) => text;
    const total = countCharacters(visible(doc.getText()));
    const selections = editor.selections.filter((s) => !s.isEmpty);
    const selected = selections.length ? countCharacters(visible(selections.map((s) => doc.getText(s)).join('\n'))) : undefined;
    const time = speakingTimeLabel(total.spoken, rate);
    item.text = selected
      ? `$(pencil) ${vscode.l10n.t('{0} of {1} chars', selected.chars.toLocaleString(), total.chars.toLocaleString())} · ${time}`
      : `$(pencil) ${vscode.l10n.t('{0} chars', total.chars.toLocaleString())} · ${time}`;
    item.tooltip = tooltip(total, selected, rate, doc.languageId === 'markdown');
    item.show();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(update, RECOUNT_DELAY_MS);
  };

  update();
  return vscode.Disposable.from(
    item,
    { dispose: () => clearTimeout(timer) },
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) schedule();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) schedule();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      // A language change (plaintext → markdown) reopens the document.
      if (d === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SPEAKING_RATE_SETTING)) update();
    }),
  );
};
