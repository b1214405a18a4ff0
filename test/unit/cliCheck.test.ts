import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';

async function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`), cwd });
  return { code, out, err };
}

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'iam-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const VALID = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}';
const LOWER_EFFECT = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]\n}';
const NO_VERSION = '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}';

describe('iam-policy-studio check', () => {
  it('JSON output: files, policy type and findings with zero-based ranges; exit 1 on an error', async () => {
    const root = workspace({ 'bad.iam.json': LOWER_EFFECT, 'good.iam.json': VALID });
    const { code, out } = await cli(['check', '--format', 'json', '.'], root);
    assert.equal(code, 1);
    const report = JSON.parse(out);
    assert.deepEqual(
      report.files.map((file: { path: string; policyType: string; findings: unknown[] }) => [file.path, file.policyType, file.findings.length]),
      [
        ['bad.iam.json', 'identity', 1],
        ['good.iam.json', 'identity', 0],
      ],
    );
    const [finding] = report.files[0].findings;
    assert.equal(finding.code, 'INVALID_EFFECT');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range, { start: { line: 2, character: 27 }, end: { line: 2, character: 34 } });
  });

  it('--fail-on decides the exit code', async () => {
    const root = workspace({ 'p.iam.json': NO_VERSION });
    assert.equal((await cli(['check', 'p.iam.json'], root)).code, 0, 'a warning does not reach the default error threshold');
    assert.equal((await cli(['check', '--fail-on', 'warning', 'p.iam.json'], root)).code, 1);
    assert.equal((await cli(['check', '--fail-on', 'none', 'p.iam.json'], root)).code, 0);
  });

  it('--policy-type overrides detection', async () => {
    const root = workspace({ 'p.json': VALID });
    const { out } = await cli(['check', '--format', 'json', '--policy-type', 'resource', 'p.json'], root);
    const [file] = JSON.parse(out).files;
    assert.equal(file.policyType, 'resource');
    assert.deepEqual(file.findings.map((finding: { code: string }) => finding.code), ['MISSING_PRINCIPAL']);
  });

  it('applies the editor settings from .vscode/settings.json', async () => {
    const root = workspace({
      'p.iam.json': NO_VERSION,
      '.vscode/settings.json': '{\n  // comments are fine here\n  "iamPolicyStudio.checks": { "severity": { "MISSING_VERSION": "error" } },\n}',
    });
    const { code, out } = await cli(['check', 'p.iam.json'], root);
    assert.equal(code, 1);
    assert.match(out, /p\.iam\.json:1:1: error MISSING_VERSION/);
  });

  it('SARIF 2.1.0 with rules and 1-based regions', async () => {
    const root = workspace({ 'bad.iam.json': LOWER_EFFECT });
    const sarif = JSON.parse((await cli(['check', '--format', 'sarif', 'bad.iam.json'], root)).out);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((rule: { id: string }) => rule.id), ['INVALID_EFFECT']);
    assert.equal(run.results[0].level, 'error');
    assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 28, endLine: 3, endColumn: 35 });
    assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'bad.iam.json');
  });

  it('usage and I/O errors exit 2 with a message that names the problem', async () => {
    const root = workspace({ 'p.iam.json': VALID });
    const missing = await cli(['check', 'nope.json'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read nope\.json: no such file or folder/);
    assert.match((await cli(['check', '--format', 'xml', 'p.iam.json'], root)).err, /--format must be one of text, json, sarif/);
    assert.match((await cli(['check', '--policy-type', 'role', 'p.iam.json'], root)).err, /--policy-type must be one of/);
    assert.equal((await cli(['check'], root)).code, 2);
    assert.equal((await cli(['frobnicate'], root)).code, 2);
  });

  it('a file over 20 MB is not read: an error when named or named as a policy, skipped when only found in a folder', async () => {
    const huge = `{"Statement": [], "Padding": "${'x'.repeat(21 * 1024 * 1024)}"}`;
    const root = workspace({ 'p.iam.json': VALID, 'data/export.json': huge, 'big.iam.json': huge });
    const named = await cli(['check', 'data/export.json'], root);
    assert.equal(named.code, 2);
    assert.match(named.err, /data\/export\.json is larger than 20 MB; that is not a policy/);
    assert.match((await cli(['check', '.'], root)).err, /big\.iam\.json is larger than 20 MB/);
    const folder = await cli(['check', '--format', 'json', 'data', 'p.iam.json'], root);
    assert.equal(folder.code, 0, folder.err);
    assert.deepEqual(JSON.parse(folder.out).files.map((file: { path: string }) => file.path), ['p.iam.json']);
  });

  it('malformed JSON is a finding, not a crash', async () => {
    const root = workspace({ 'p.iam.json': '{"Statement": [ {"Effect": "Allow", ' });
    const { code, out } = await cli(['check', '--format', 'json', 'p.iam.json'], root);
    assert.equal(code, 1);
    assert.ok(JSON.parse(out).files[0].findings.some((finding: { code: string }) => finding.code === 'JSON_SYNTAX_ERROR'));
  });

  it('--jobs N spreads the files over worker threads with the same report, in file order', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) {
      const name = `p${String(i).padStart(2, '0')}.iam.json`;
      files[name] = [VALID, LOWER_EFFECT, NO_VERSION, '{"Statement": [ {"Effect": "Allow", '][i % 4];
    }
    const root = workspace(files);
    const inOrder = await cli(['check', '--format', 'json', '--jobs', '1', '.'], root);
    const threaded = await cli(['check', '--format', 'json', '--jobs', '3', '.'], root);
    assert.equal(threaded.code, inOrder.code);
    assert.equal(threaded.code, 1);
    assert.equal(threaded.out, inOrder.out);
    const report = JSON.parse(threaded.out);
    assert.deepEqual(
      report.files.map((file: { path: string }) => file.path),
      Object.keys(files),
    );
    assert.deepEqual(report.files[1].findings.map((finding: { code: string }) => finding.code), ['INVALID_EFFECT']);
    assert.ok(report.files[3].findings.some((finding: { code: string }) => finding.code === 'JSON_SYNTAX_ERROR'));
  });

  it('--jobs takes a whole number of at least 1', async () => {
    const root = workspace({ 'p.iam.json': VALID });
    for (const jobs of ['0', 'two', '1.5']) {
      const { code, err } = await cli(['check', '--jobs', jobs, 'p.iam.json'], root);
      assert.equal(code, 2);
      assert.match(err, /--jobs must be a whole number of at least 1/);
    }
  });

  it('the bundled CLI runs as a process with the same exit codes', () => {
    const root = workspace({ 'bad.iam.json': LOWER_EFFECT });
    const bundle = path.resolve(__dirname, '../../../dist/cli/iam-policy-studio.js');
    const result = spawnSync(process.execPath, [bundle, 'check', 'bad.iam.json'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /bad\.iam\.json:3:28: error INVALID_EFFECT/);
  });
});
