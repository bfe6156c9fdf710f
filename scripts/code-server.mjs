// Installs code-server (VS Code 1.100.3 in the browser) into tools/code-server/node_modules from the
// committed lockfile there, apart from the project's own node_modules, and returns its binary.
// Used by `npm start` (scripts/start.mjs) and the end-to-end harness (test/e2e/harness.ts).
// Run directly (`node scripts/code-server.mjs`) it installs and prints the binary's path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * missing (about a minute, 300 MB; native modules are compiled). Throws with the missing Debian
 * package named when the machine can't build it.
 */
export function ensureCodeServer() {
  const wanted = pinnedVersion();
  if (installedVersion() === wanted) return binary;

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20) {
    throw new Error(`code-server ${wanted} needs Node 20 (this is Node ${process.versions.node})`);
  }
  const missing = missingSystemPackages();
  if (missing.length > 0) {
    throw new Error(
      `installing code-server needs Debian packages that are missing: ${missing.join(', ')}.\n` +
        'Run `sudo bash scripts/setup-system.sh` (or apt-get install them) and try again.',
    );
  }

  const started = Date.now();
  log(`installing code-server ${wanted} into ${codeServerPrefix}/node_modules (takes about a minute)`);
  rmSync(installedMarker, { force: true });
  const tmp = ripgrepCacheTmpdir();
  const env = {
    ...process.env,
    TMPDIR: tmp,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
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
    run('npm', ['rebuild', '--prefix', codeServerPrefix], { env, cwd: codeServerPrefix });
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

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(ensureCodeServer());
  } catch (error) {
    console.error(`[code-server] ${error.message}`);
    process.exit(1);
  }
}
