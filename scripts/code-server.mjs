// Installs code-server (VS Code 1.100.3 in the browser) into tools/code-server/node_modules from the
// committed lockfile there, apart from the project's own node_modules, and returns its binary.
// Used by `npm start` (scripts/start.mjs) and the end-to-end harness (test/e2e/harness.ts).
// Run directly (`node scripts/code-server.mjs`, as `npm run test:e2e` does first, so the install
// doesn't count against a test's timeout) it installs when needed and prints the binary's path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerPrefix = join(projectRoot, 'tools', 'code-server');
const packageDir = join(codeServerPrefix, 'node_modules', 'code-server');
const binary = join(codeServerPrefix, 'node_modules', '.bin', 'code-server');
// Written only after every install script succeeded, so a half-finished install is redone.
const installedMarker = join(codeServerPrefix, 'node_modules', '.speech-drafter-installed');

// @vscode/ripgrep (inside VS Code's own dependencies) downloads rg from GitHub, which this network
// can't reach; its postinstall first looks for this tarball under $TMPDIR.
const ripgrepPackageVersion = '1.15.11';
const ripgrepBinaryVersion = 'v13.0.0-10';

const log = (message) => console.error(`[code-server] ${message}`);

function pinnedVersion() {
  return JSON.parse(readFileSync(join(codeServerPrefix, 'package.json'), 'utf8')).dependencies['code-server'];
}

function installedVersion() {
  return existsSync(installedMarker) && existsSync(binary) ? readFileSync(installedMarker, 'utf8').trim() : undefined;
}

/** The system pieces the install needs, each with the Debian package that provides it. */
function missingSystemPackages() {
  const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
  const missing = [];
  if (!existsSync('/usr/bin/rg')) missing.push('ripgrep (for /usr/bin/rg)');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev (for gssapi/gssapi.h)');
  if (!has('pkg-config')) missing.push('pkg-config');
  if (!has('g++') || !has('make')) missing.push('build-essential (for g++ and make)');
  if (!has('python3')) missing.push('python3 (for node-gyp)');
  return missing;
}

/** A $TMPDIR holding the ripgrep cache tarball, made from Debian's /usr/bin/rg. */
function ripgrepCacheTmpdir() {
  const arch = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!arch) throw new Error(`no ripgrep cache layout known for ${process.arch}`);
  const dir = join(tmpdir(), `speech-drafter-code-server-install-${process.pid}`);
  const cache = join(dir, `vscode-ripgrep-cache-${ripgrepPackageVersion}`);
  mkdirSync(cache, { recursive: true });
  const tarball = join(cache, `ripgrep-${ripgrepBinaryVersion}-${arch}.tar.gz`);
  // The tarball must have `rg` at its top level.
  run('tar', ['-czf', tarball, '-C', '/usr/bin', 'rg'], {});
  return dir;
}

/**
 * A shell for code-server's install scripts that lets them run as root without npm hearing of
 * `unsafe-perm`. code-server's postinstall refuses to run as root unless npm_config_unsafe_perm is
 * true, and calls `npm install --unsafe-perm` itself; npm 11 no longer knows that setting and warns
 * about it wherever it sees it ("Unknown env config"). So the variable is set for the scripts alone,
 * and an `npm` in front of the real one drops the flag and the variable before passing the call on.
 */
function rootScriptShell(dir) {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const realNpm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  const npmShim = join(bin, 'npm');
  writeFileSync(
    npmShim,
    ['#!/bin/sh', 'unset npm_config_unsafe_perm', 'for a in "$@"; do shift; [ "$a" = --unsafe-perm ] || set -- "$@" "$a"; done', `exec "${realNpm}" "$@"`, ''].join('\n'),
    { mode: 0o755 },
  );
  const shell = join(dir, 'script-shell');
  writeFileSync(shell, ['#!/bin/sh', 'export npm_config_unsafe_perm=true', `export PATH="${bin}:$PATH"`, 'exec /bin/sh "$@"', ''].join('\n'), { mode: 0o755 });
  return shell;
}

/**
 * npm 11 blocks dependency install scripts unless allowed. Our own package.json allows code-server's
 * postinstall and argon2's build; code-server's postinstall then runs `npm install` inside
 * lib/vscode and lib/vscode/extensions, which are projects of their own, so each gets a project
 * .npmrc allowing exactly the packages its shrinkwrap marks as having install scripts.
 * Entries are names without versions: the lockfiles pin the versions, and npm refuses a pinned
 * entry it can't verify (lockfiles written with omit-lockfile-registry-resolved carry no URL).
 */
function allowNestedInstallScripts() {
  for (const project of ['lib/vscode', 'lib/vscode/extensions']) {
    const dir = join(packageDir, project);
    const shrinkwrap = JSON.parse(readFileSync(join(dir, 'npm-shrinkwrap.json'), 'utf8'));
    const allowed = Object.entries(shrinkwrap.packages ?? {})
      .filter(([path, entry]) => path.startsWith('node_modules/') && entry.hasInstallScript && !entry.dev)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    if (allowed.length === 0) continue;
    writeFileSync(join(dir, '.npmrc'), `allow-scripts=${[...new Set(allowed)].join(',')}\n`);
    log(`${project}: allowing install scripts of ${allowed.join(', ')}`);
  }
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/**
 * Returns the path of the code-server binary, installing the pinned version first when it is
 * missing (about two minutes on this project's 2-core machine, 300 MB; native modules are compiled). Throws with the missing Debian
 * package named when the machine can't build it.
 */
export function ensureCodeServer() {
  const wanted = pinnedVersion();
  if (installedVersion() === wanted) return binary;

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20) {
    throw new Error(`code-server ${wanted} needs Node 20 (this is Node ${process.versions.node})`);
  }
  let missing = missingSystemPackages();
  if (missing.length > 0 && process.getuid?.() === 0) {
    // As root on a fresh machine, `npm ci && npm start` installs what is missing itself (apt-get, idempotent).
    log(`missing Debian packages: ${missing.join(', ')}; running scripts/setup-system.sh`);
    const setup = spawnSync('bash', [join(projectRoot, 'scripts', 'setup-system.sh')], { stdio: 'inherit' });
    if (setup.status !== 0) throw new Error(`scripts/setup-system.sh failed (exit ${setup.status})`);
    missing = missingSystemPackages();
  }
  if (missing.length > 0) {
    throw new Error(
      `installing code-server needs Debian packages that are missing: ${missing.join(', ')}.\n` +
        'Run `sudo bash scripts/setup-system.sh` (or apt-get install them) and try again.',
    );
  }

  const started = Date.now();
  log(`installing code-server ${wanted} into ${codeServerPrefix}/node_modules (takes about two minutes)`);
  rmSync(installedMarker, { force: true });
  const tmp = ripgrepCacheTmpdir();
  const env = {
    ...process.env,
    TMPDIR: tmp,
    // node-pty's postinstall runs `npx node-gyp`, which must not stop to ask.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  try {
    // Two steps so the nested projects' .npmrc can be written before their install scripts run.
    log('step 1/2: npm ci --ignore-scripts (fetch the locked packages)');
    run('npm', ['ci', '--ignore-scripts', '--no-audit', '--prefix', codeServerPrefix], { env, cwd: codeServerPrefix });
    allowNestedInstallScripts();
    log("step 2/2: npm rebuild (code-server's postinstall installs VS Code's dependencies and builds native modules)");
    run('npm', ['rebuild', '--prefix', codeServerPrefix, '--script-shell', rootScriptShell(tmp)], { env, cwd: codeServerPrefix });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const rg = join(packageDir, 'lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  const pty = join(packageDir, 'lib/vscode/node_modules/node-pty/build/Release/pty.node');
  for (const built of [rg, pty]) {
    if (!existsSync(built)) throw new Error(`code-server install is incomplete: ${built} is missing`);
  }
  writeFileSync(installedMarker, `${wanted}\n`);
  log(`installed code-server ${wanted} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binary;
}

// ---- Running it: shared by `npm start` and the end-to-end harness ----

export const vsixPath = join(projectRoot, 'dist', 'speech-drafter.vsix');

/** Builds the production bundle and packages dist/speech-drafter.vsix (`npm run package`). */
export function packageExtension() {
  const started = Date.now();
  // Quiet on success; on failure, what esbuild and vsce said.
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: projectRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run package failed:\n${result.stdout}${result.stderr}`);
  }
  return { vsix: vsixPath, bytes: statSync(vsixPath).size, ms: Date.now() - started };
}

/** Settings that keep VS Code quiet and offline: no welcome page, telemetry, gallery checks or git. */
export const quietUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
};

/** Writes the user settings.json of a code-server user-data dir. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...quietUserSettings, ...extra }, null, 2) + '\n');
}

/**
 * The environment code-server runs in: everything it (and the extension host) would write under ~
 * goes into `home` instead, and the extension gallery is switched off (there is no network).
 */
export function codeServerEnv(home) {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    EXTENSIONS_GALLERY: '{}',
  };
}

/** Installs a .vsix into an extensions dir with code-server's own CLI. */
export function installExtension(codeServer, vsix, { userDataDir, extensionsDir, env }) {
  run(codeServer, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * Arguments that serve one workspace on 127.0.0.1 without a password, telemetry or update checks.
 * `locale` (e.g. zh-cn) sets VS Code's display language.
 */
export function codeServerArgs({ port, userDataDir, extensionsDir, workspace, locale }) {
  return [
    ...(locale ? ['--locale', locale] : []),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
}

/**
 * VS Code only runs in a display language it has a language pack for, and the gallery is out of
 * reach: test/e2e/fixtures/<locale>-locale is a pack that registers the language and translates
 * nothing, so the workbench's own menus stay English while extensions see `vscode.env.language ===
 * locale` — the extension speaks Chinese. `scratchDir` receives the packaged pack.
 */
export function installLocalePack(codeServer, locale, { scratchDir, userDataDir, extensionsDir, env }) {
  const fixture = join(projectRoot, 'test', 'e2e', 'fixtures', `${locale}-locale`);
  if (!existsSync(fixture)) throw new Error(`no display-language pack for ${locale} (looked for ${fixture})`);
  const manifest = JSON.parse(readFileSync(join(fixture, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const out = join(scratchDir, `locale-${locale}.vsix`);
  const vsce = join(projectRoot, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', out], { cwd: fixture, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`packaging ${fixture} failed:\n${result.stdout}${result.stderr}`);
  installExtension(codeServer, out, { userDataDir, extensionsDir, env });
  // The server reads display languages from this cache, which it only fills when asked for the list.
  const languagePacks = {
    [locale]: {
      hash: `${id}-${manifest.version}`,
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: join(extensionsDir, `${id}-${manifest.version}`, 'translations', 'main.i18n.json') },
      label: locale,
    },
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(languagePacks));
}

/**
 * The address that opens `workspace` in the browser, with `openFile` (an absolute path in it) open in
 * an editor: VS Code for the web takes the file from the URL's payload.
 */
export function workbenchUrl(port, workspace, openFile) {
  const base = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  if (!openFile) return base;
  const payload = JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${port}${openFile}`]]);
  return `${base}&payload=${encodeURIComponent(payload)}`;
}

/** Resolves when code-server answers /healthz, or rejects after `timeoutMs`. */
export async function waitForHealthz(port, timeoutMs = 30_000, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('code-server exited before it answered /healthz');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer http://127.0.0.1:${port}/healthz within ${timeoutMs} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    log(`ready: ${ensureCodeServer()}`);
  } catch (error) {
    console.error(`[code-server] ${error.message}`);
    process.exit(1);
  }
}
