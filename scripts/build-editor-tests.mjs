// Bundles the editor tests (test/editor/**) for the two kinds of extension host:
//   dist/test/editor/web.js   web worker (VS Code for the Web, scripts/test-editor-web.mjs)
//   dist/test/editor/node.js  node (desktop VS Code, scripts/test-editor-desktop.mjs)
// Each bundle exports run(), which VS Code calls as the extensionTestsPath module.
// esbuild does not type-check: `tsc -b` (test/tsconfig.json) does.

import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const editorTestsDir = join(repoRoot, 'test', 'editor');
const outDir = join(repoRoot, 'dist', 'test', 'editor');
const require = createRequire(import.meta.url);

function findSuiteFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return findSuiteFiles(path);
      return entry.name.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

/**
 * The entry: run() hands the platform index a function that requires every suite, so the
 * suites are evaluated after mocha has defined suite()/test() (static imports would be
 * hoisted above mocha.setup()).
 */
function entrySource(platform, suiteFiles) {
  const toImport = (path) => JSON.stringify('./' + relative(editorTestsDir, path).split('\\').join('/'));
  return [
    `import { runEditorTests } from ${toImport(join(editorTestsDir, 'runner', `${platform}.ts`))};`,
    'export function run() {',
    '  return runEditorTests(() => {',
    ...suiteFiles.map((file) => `    require(${toImport(file)});`),
    '  });',
    '}',
  ].join('\n');
}

/**
 * mocha's browser build is UMD: inside VS Code's web extension host, which evaluates the test
 * bundle with a CommonJS `module` in scope, it would assign module.exports and wipe out run().
 * Shadow module/exports/define for that one file so it takes its browser-global branch.
 */
const mochaBrowserUmdPlugin = {
  name: 'mocha-browser-umd',
  setup(build) {
    build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
      contents: `(function (module, exports, define) {\n${await readFile(args.path, 'utf8')}\n}).call(globalThis);`,
      loader: 'js',
    }));
  },
};

/** The npm `assert` package (and its `util`) read `process`, which a web worker lacks. */
const processShimPlugin = {
  name: 'process-shim',
  setup(build) {
    build.onResolve({ filter: /^editor-test-process-shim$/ }, () => ({ path: 'process-shim', namespace: 'process-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'process-shim' }, () => ({
      contents: `import process from ${JSON.stringify(require.resolve('process/browser.js'))};\nexport { process };`,
      resolveDir: repoRoot,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  external: ['vscode'],
  sourcemap: 'inline',
  target: 'es2022',
  logLevel: 'warning',
  absWorkingDir: repoRoot,
};

export async function buildEditorTests() {
  const suiteFiles = findSuiteFiles(join(editorTestsDir, 'suite'));
  if (suiteFiles.length === 0) {
    throw new Error(`No *.test.ts under ${join(editorTestsDir, 'suite')}`);
  }
  await Promise.all([
    esbuild.build({
      ...common,
      stdin: { contents: entrySource('web', suiteFiles), resolveDir: editorTestsDir, sourcefile: 'editor-tests-web-entry.ts', loader: 'ts' },
      outfile: join(outDir, 'web.js'),
      platform: 'browser',
      // Resolve 'assert' to the npm package, not to node's built-in.
      mainFields: ['browser', 'module', 'main'],
      inject: ['editor-test-process-shim'],
      plugins: [mochaBrowserUmdPlugin, processShimPlugin],
    }),
    esbuild.build({
      ...common,
      stdin: { contents: entrySource('node', suiteFiles), resolveDir: editorTestsDir, sourcefile: 'editor-tests-node-entry.ts', loader: 'ts' },
      outfile: join(outDir, 'node.js'),
      platform: 'node',
      external: [...common.external, 'mocha'],
    }),
  ]);
  return suiteFiles.map((file) => relative(repoRoot, file));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const suites = await buildEditorTests();
  console.log(`editor tests: bundled ${suites.length} suite file(s) into ${relative(repoRoot, outDir)}/{web,node}.js`);
}
