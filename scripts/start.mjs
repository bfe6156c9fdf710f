// `npm start`: build and package the extension, install it into a code-server kept under .cache/,
// open a sample draft workspace with the draft in an editor, and serve VS Code on
// http://127.0.0.1:8080 (or $PORT) until Ctrl+C. The display language is Chinese (zh-cn; LOCALE=en
// npm start for English): VS Code's own menus stay English — no translation of VS Code can be had
// offline — but the extension, which follows the display language, speaks Chinese throughout.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  codeServerArgs,
  codeServerEnv,
  ensureCodeServer,
  installExtension,
  installLocalePack,
  packageExtension,
  projectRoot,
  quietUserSettings,
  waitForHealthz,
  workbenchUrl,
  writeUserSettings,
} from './code-server.mjs';
import { createSampleWorkspace } from './sample-draft.mjs';

const log = (message) => console.log(`[start] ${message}`);

const cache = join(projectRoot, '.cache', 'code-server');
const userDataDir = join(cache, 'user-data');
const extensionsDir = join(cache, 'extensions');
const home = join(cache, 'home');
const workspace = join(projectRoot, '.cache', 'workspace');

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Adds the quiet defaults the user hasn't set; a settings file that isn't plain JSON is left alone. */
function ensureUserSettings() {
  const file = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(file)) return writeUserSettings(userDataDir);
  try {
    const current = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...quietUserSettings, ...current }, null, 2) + '\n');
  } catch {
    log(`keeping ${file} as it is (not plain JSON)`);
  }
}

async function main() {
  const port = Number(process.env.PORT || 8080);
  const locale = (process.env.LOCALE || 'zh-cn').toLowerCase();
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  if (!(await portIsFree(port))) throw new Error(`port ${port} on 127.0.0.1 is in use; start on another with PORT=8081 npm start`);

  log('building and packaging the extension…');
  const { vsix, bytes, ms } = packageExtension();
  log(`${vsix} (${(bytes / 1024).toFixed(0)} KB, ${ms} ms)`);

  const codeServer = ensureCodeServer();
  for (const dir of [userDataDir, extensionsDir, home]) mkdirSync(dir, { recursive: true });
  const env = codeServerEnv(home);
  log('installing the extension into code-server…');
  installExtension(codeServer, vsix, { userDataDir, extensionsDir, env });
  if (!locale.startsWith('en')) installLocalePack(codeServer, locale, { scratchDir: cache, userDataDir, extensionsDir, env });
  else rmSync(join(userDataDir, 'languagepacks.json'), { force: true });
  ensureUserSettings();
  const draft = createSampleWorkspace(workspace);

  const server = spawn(codeServer, codeServerArgs({ port, userDataDir, extensionsDir, workspace, locale: locale.startsWith('en') ? undefined : locale }), {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  server.on('exit', (code, signal) => {
    exited = true;
    process.exitCode = signal ? 0 : (code ?? 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (!exited) server.kill('SIGTERM');
    });
  }
  try {
    await waitForHealthz(port, 60_000, () => !exited);
  } catch (error) {
    if (!exited) server.kill('SIGTERM');
    throw error;
  }

  // The address opens the sample draft in an editor (VS Code for the web reads the file from it).
  const url = workbenchUrl(port, workspace, draft);
  console.log('');
  console.log('  讲稿助手 Speech Drafter is running in VS Code (code-server). Open:');
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  console.log(`  Sample draft (opened by the address): ${draft}`);
  console.log(`  Display language: ${locale} (LOCALE=en npm start for English). The 讲稿助手 icon in the activity bar (left)`);
  console.log('  opens 素材库, 相关素材 and 常用提法. Ctrl+C stops the server.');
  console.log('');
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
