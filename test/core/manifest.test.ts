// Checks the extension manifest against the code, in plain Node: every contributed string is
// translated, every runtime string has a Chinese entry, every command is handled, core stays vscode-free.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

const pkg = readJson('package.json');
const nls: Record<string, string> = readJson('package.nls.json');
const nlsZh: Record<string, string> = readJson('package.nls.zh-cn.json');
const bundleZh: Record<string, string> = readJson('l10n/bundle.l10n.zh-cn.json');
const glueFiles = sourceFiles(path.join(root, 'src')).filter((f) => !f.includes(`${path.sep}core${path.sep}`));
const glue = glueFiles.map((f) => fs.readFileSync(f, 'utf8')).join('\n');

/** The message literals passed to vscode.l10n.t, in either of its call forms. */
function l10nMessages(text: string): string[] {
  const out: string[] = [];
  const re = /l10n\.t\(\s*(?:\{\s*message:\s*)?(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const m of text.matchAll(re)) out.push(m[2].replace(/\\(['"`\\])/g, '$1'));
  return out;
}

describe('extension manifest', () => {
  it('every %key% in package.json has an English and a Chinese string', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 0);
    for (const k of keys) {
      assert.ok(k in nls, `package.nls.json lacks ${k}`);
      assert.ok(k in nlsZh, `package.nls.zh-cn.json lacks ${k}`);
    }
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort(), 'the two nls files have the same keys');
  });

  it('every runtime string has a zh-cn translation with the same placeholders, and no translation is stale', () => {
    const messages = new Set(l10nMessages(glue));
    assert.ok(messages.size > 0);
    const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');
    for (const m of messages) {
      assert.ok(m in bundleZh, `l10n/bundle.l10n.zh-cn.json lacks "${m}"`);
      assert.equal(placeholders(bundleZh[m]), placeholders(m), `placeholders differ for "${m}"`);
    }
    for (const k of Object.keys(bundleZh)) assert.ok(messages.has(k), `stale translation "${k}"`);
  });

  it('every contributed command is named in the glue code and every onCommand event is a contributed command', () => {
    const commands: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
    for (const id of commands) assert.ok(glue.includes(`'${id}'`), `no handler names ${id}`);
    for (const e of pkg.activationEvents as string[]) {
      if (e.startsWith('onCommand:')) assert.ok(commands.includes(e.slice('onCommand:'.length)), `${e} is not a contributed command`);
    }
    assert.ok(!pkg.activationEvents.includes('*'), 'activation must stay narrow');
  });

  it('menus refer only to contributed commands and views', () => {
    const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
      for (const item of items) assert.ok(commands.has(item.command), `${menu} names unknown command ${item.command}`);
    }
    const views = new Set(Object.values(pkg.contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id));
    for (const w of pkg.contributes.viewsWelcome ?? []) assert.ok(views.has(w.view), `viewsWelcome names unknown view ${w.view}`);
  });

  it('src/core never imports vscode', () => {
    for (const f of sourceFiles(path.join(root, 'src', 'core'))) {
      assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/, f);
    }
  });
});
