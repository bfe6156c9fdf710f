// Bundles the extension host entry, the indexing worker and the CLI from the same core.
// `vscode` is the only external; everything else (fuse.js, mammoth) is bundled so the .vsix
// needs no node_modules and `vsce package --no-dependencies` works offline.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  logOverride: { 'import-is-undefined': 'error' },
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: { worker: 'src/indexWorker.ts' }, outdir: 'dist' },
];

// The lexicon's data files sit next to the bundles that read them (src/core/lexicon): jieba-wasm's
// module (its nodejs glue reads it from its own directory, which bundled is dist/) and jieba's
// dict.txt with the word counts (from the @node-rs/jieba devDependency; MIT).
const require = createRequire(import.meta.url);
mkdirSync('dist', { recursive: true });
copyFileSync(join(dirname(require.resolve('jieba-wasm')), 'jieba_rs_wasm_bg.wasm'), 'dist/jieba_rs_wasm_bg.wasm');
copyFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'dist/jieba-dict.txt');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
