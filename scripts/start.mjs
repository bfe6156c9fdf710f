// `npm start`: build and package the extension, install it into a code-server kept under .cache/,
// open a sample draft workspace, and serve VS Code on http://127.0.0.1:8080 (or $PORT) until Ctrl+C.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  codeServerArgs,
  codeServerEnv,
  ensureCodeServer,
  installExtension,
  packageExtension,
  projectRoot,
  quietUserSettings,
  waitForHealthz,
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
  ensureUserSettings();
  const draft = createSampleWorkspace(workspace);

  const server = spawn(codeServer, codeServerArgs({ port, userDataDir, extensionsDir, workspace }), {
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

  const url = `http://127.0.0.1:${port}/?folder=${encodeURI(workspace)}`;
  console.log('');
  console.log('  讲稿助手 Speech Drafter is running in VS Code (code-server). Open:');
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  console.log(`  Sample draft: ${draft}`);
  console.log('  The 讲稿助手 icon in the activity bar (left) opens the 素材库 corpus tree. Ctrl+C stops the server.');
  console.log('');
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
