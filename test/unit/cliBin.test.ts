/**
 * The `iam-policy-studio` command loads the engine bundle through a V8 code cache made at build
 * time (server/src/cli/bin.ts, scripts/build-cli-cache.mjs). The cache only saves compiling: with
 * it, without it, or with one V8 cannot use, the command must answer the same.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CODE_CACHE_FILE, compileEngine } from '../../server/src/cli/bin';

const built = path.resolve(__dirname, '../../../dist/cli');
const examples = path.resolve(__dirname, '../../../examples/policies');

/** The command's two files (and, if asked, a cache file) in a folder of their own, next to the data. */
function installed(cache?: Buffer | 'built'): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'iam-cli-bin-'));
  const cli = path.join(dist, 'cli');
  mkdirSync(cli);
  for (const file of ['iam-policy-studio.js', 'engine.js']) copyFileSync(path.join(built, file), path.join(cli, file));
  symlinkSync(path.resolve(built, '../data'), path.join(dist, 'data'));
  if (cache === 'built') copyFileSync(path.join(built, CODE_CACHE_FILE), path.join(cli, CODE_CACHE_FILE));
  else if (cache) writeFileSync(path.join(cli, CODE_CACHE_FILE), cache);
  return path.join(cli, 'iam-policy-studio.js');
}

function check(command: string, ...options: string[]) {
  const result = spawnSync(process.execPath, [command, 'check', '--format', 'json', ...options, 'broken.iam.json', 'identity.iam.json'], { cwd: examples, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the iam-policy-studio command and its code cache', () => {
  it('the build made a cache that this Node.js accepts', () => {
    assert.ok(existsSync(path.join(built, CODE_CACHE_FILE)), 'npm run build writes dist/cli/engine.js.cache');
    const script = compileEngine(built, readFileSync(path.join(built, CODE_CACHE_FILE)));
    assert.equal(script.cachedDataRejected, false);
  });

  it('answers the same with the cache, without one, and with a cache V8 rejects', () => {
    const withCache = check(installed('built'));
    assert.equal(withCache.status, 1, withCache.stderr);
    assert.ok(JSON.parse(withCache.stdout).files[0].findings.some((finding: { code: string }) => finding.code === 'INVALID_POLICY_ELEMENT'));
    // The last also checks on two threads: the worker loads engine.js by itself.
    for (const [command, ...options] of [[installed()], [installed(Buffer.from('not a code cache'))], [installed('built'), '--jobs', '2']]) {
      const other = check(command, ...options);
      assert.equal(other.status, withCache.status, other.stderr);
      assert.equal(other.stdout, withCache.stdout);
    }
  });

  it('a reader that goes away (`check ... | head`) ends the output quietly, and the exit code is still the check\'s', async () => {
    const child = spawn(process.execPath, [installed('built'), 'check', '--format', 'json', 'broken.iam.json', 'identity.iam.json'], { cwd: examples });
    // The pipe is closed before the command writes anything: its first write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(status, check(installed('built')).status);
    assert.equal(status, 1, 'broken.iam.json has error findings');
  });

  it('usage errors exit 2 through the loader too', () => {
    const result = spawnSync(process.execPath, [installed('built'), 'check', '--format', 'xml', 'x.json'], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--format must be one of text, json, sarif/);
  });
});
