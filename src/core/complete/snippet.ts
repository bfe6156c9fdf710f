// Placeholders the corpus uses for names and numbers (`*`, `**`, `*市`) become snippet tab stops,
// so accepting a phrase puts the cursor where the writer must fill in their own place or name.

const escapeSnippet = (s: string) => s.replace(/[\\$}]/g, (ch) => '\\' + ch);

/**
 * `insert` as VS Code snippet text, or undefined when the inserted part has no placeholder.
 * The first `replace` chars were typed by the writer and stay literal.
 */
export function snippetOf(insert: string, replace = 0): string | undefined {
  const typed = insert.slice(0, replace);
  const added = insert.slice(replace);
  if (!added.includes('*')) return undefined;
  let stop = 0;
  const body = added
    .split(/(\*+)/)
    .map((part, i) => (i % 2 ? `\${${++stop}:${part}}` : escapeSnippet(part)))
    .join('');
  return escapeSnippet(typed) + body + '$0';
}
