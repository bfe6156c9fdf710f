// No network access anywhere (issue 6): a writer's drafts and corpus never leave the machine.
// Two checks: our sources (src/**) use no network module, global network API or URL literal; and
// the bundles esbuild makes (ours plus every vendored dependency) import no network module.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

/** Node's and npm's ways to reach the network. */
const NETWORK_MODULE = /^(?:node:)?(?:http|https|http2|net|tls|dgram|dns|inspector)(?:\/.*)?$|^(?:undici|node-fetch|cross-fetch|axios|got|ws|request|superagent)(?:\/.*)?$/;
const NETWORK_CALLS: [RegExp, string][] = [
  [/\bfetch\s*\(/, 'fetch()'],
  [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
  [/\bWebSocket\b/, 'WebSocket'],
  [/\bEventSource\b/, 'EventSource'],
  [/\bsendBeacon\b/, 'navigator.sendBeacon'],
  [/\bopenExternal\b/, 'vscode.env.openExternal'],
  [/['"`](?:https?|wss?|ftp):\/\//, 'URL literal'],
];
/** Harmless uses, each with its reason: `file` relative to src, `what` as networkUses names it. */
const ALLOWED: { file: string; what: string; why: string }[] = [
  { file: 'core/export/docx.ts', what: 'URL literal', why: 'the WordprocessingML namespace name in the XML it writes, never fetched' },
  { file: 'exportDocx.ts', what: 'vscode.env.openExternal', why: 'opens the exported .docx, a file: URI on this machine, in the system’s word processor' },
];

/** Comments removed (block comments, and `//` comments that start a line or follow a space), strings kept. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** What in `code` could reach the network: module imports and API uses, one string each. */
function networkUses(code: string): string[] {
  const text = withoutComments(code);
  const uses: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)) {
    if (NETWORK_MODULE.test(m[1])) uses.push(`module ${m[1]}`);
  }
  for (const [pattern, what] of NETWORK_CALLS) if (pattern.test(text)) uses.push(what);
  return uses;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(?:ts|mts|cts|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

describe('no network access', function () {
  this.timeout(60_000); // bundles the extension, the worker and the CLI with esbuild

  it('the scanner finds network use (it can fail)', () => {
    const bad = [
      "import * as https from 'node:https';",
      "const net = require('net');",
      "await import('undici');",
      "const r = await fetch('https://example.com/api');",
      'new XMLHttpRequest();',
    ].join('\n');
    assert.deepEqual(networkUses(bad), ['module node:https', 'module net', 'module undici', 'fetch()', 'XMLHttpRequest', 'URL literal']);
    const harmless = [
      '// We never fetch() anything; see https://example.com',
      '/* XMLHttpRequest is not used */',
      "import * as path from 'node:path';",
      'const advert = /https?:\\/\\/|www\\./;',
      "const prefetched = cache.get('x');",
    ].join('\n');
    assert.deepEqual(networkUses(harmless), []);
  });

  it('src/** uses no network module, network API or URL literal', () => {
    const files = sourceFiles(SRC);
    assert.ok(files.length > 20, `only ${files.length} source files found`);
    const found: string[] = [];
    for (const file of files) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      for (const what of networkUses(readFileSync(file, 'utf8'))) {
        if (!ALLOWED.some((a) => a.file === rel && a.what === what)) found.push(`${rel}: ${what}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('the bundles (our code and every bundled dependency) import no network module', async () => {
    const result = await esbuild.build({
      entryPoints: [path.join(SRC, 'extension.ts'), path.join(SRC, 'cli.ts'), path.join(SRC, 'indexWorker.ts'), path.join(SRC, 'core', 'corpus', 'formats', 'pdfjsBundle.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      write: false,
      metafile: true,
      outdir: path.join(ROOT, 'dist-no-network-check'),
      logLevel: 'silent',
    });
    const imports = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
      input.imports.filter((i) => i.external && NETWORK_MODULE.test(i.path)).map((i) => `${file} imports ${i.path}`),
    );
    assert.ok(Object.keys(result.metafile.inputs).some((f) => f.includes('node_modules/mammoth')), 'the bundle includes its dependencies');
    assert.ok(Object.keys(result.metafile.inputs).some((f) => f.includes('node_modules/pdfjs-dist')), 'and pdf.js, bundled apart');
    assert.deepEqual(imports, []);
  });
});
