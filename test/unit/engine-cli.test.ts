import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import type { EvaluationResult, MultiActionResult } from '../../server/src/engine';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'simulate');

async function simulate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['simulate', ...args], { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`), cwd: fixtures });
  return { code, out, err };
}

const json = async <T>(file: string) => {
  const { code, out, err } = await simulate('--request', file, '--format', 'json');
  assert.equal(code, 0, err);
  return JSON.parse(out) as T;
};

describe('iam-policy-studio simulate --request FILE', () => {
  it('prints the decision, the policy types, the deciding statement and exits 0 (text)', async () => {
    const { code, out } = await simulate('--request', 'carlos-same-account/request.json');
    assert.equal(code, 0);
    assert.match(out, /^DENIED \(explicit deny\) {2}s3:PutObject on arn:aws:s3:::carlossalazar-logs\/file\.txt/);
    assert.match(out, /identity {2}explicitDeny/);
    assert.match(out, /Deny {2}identity "policies\.identity\[0\]" statement 1 \(Sid DenyS3Logs\)/);
  });

  it('JSON output has the decision, the explanation and statements with the file uri and range', async () => {
    const result = await json<EvaluationResult>('cross-account-files/request.json');
    assert.equal(result.decision, 'implicitDeny');
    assert.equal(result.request.crossAccount, true);
    assert.deepEqual(result.missingContextKeys, ['aws:SecureTransport']);
    const bucket = result.unmatchedStatements.find((statement) => statement.policyType === 'resource');
    assert.equal(bucket?.reason.element, 'condition');
    assert.equal(bucket?.reason.key, 'aws:SecureTransport');
    assert.match(bucket?.uri ?? '', /^file:\/\/.*production\.bucket-policy\.json$/);
    assert.equal(bucket?.range?.start.line, 3);
    assert.equal(result.policyTypes.identity?.decision, 'allowed');
  });

  it('resolves AWS managed policy ARNs (arn:aws:iam::aws:policy/ReadOnlyAccess)', async () => {
    const result = await json<EvaluationResult>('managed-policy/request.json');
    assert.equal(result.decision, 'allowed');
    assert.ok(result.matchedStatements.some((statement) => statement.policyId === 'ReadOnlyAccess' && statement.deciding));
  });

  it('an action pattern gives one result per concrete action', async () => {
    const result = await json<MultiActionResult>('action-pattern/request.json');
    const actions = result.results.map((one) => one.request.action);
    assert.deepEqual(actions, ['sqs:DeleteMessage', 'sqs:ReceiveMessage', 'sqs:SendMessage']);
    assert.deepEqual(
      result.results.map((one) => one.decision),
      ['implicitDeny', 'implicitDeny', 'allowed'],
    );
    assert.equal(result.decision, 'implicitDeny');
  });

  it('a Deny that cannot be evaluated denies, and says why', async () => {
    const result = await json<EvaluationResult>('bad-input/unevaluable-deny.json');
    assert.equal(result.decision, 'explicitDeny');
    assert.match(result.errors.map((error) => error.message).join('\n'), /"StringEqualz" is not a condition operator/);
    assert.ok(result.matchedStatements.some((statement) => statement.sid === 'TypoOperator' && statement.unevaluable));
  });

  it('bad input exits 2 with a message naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['--request', 'bad-input/misspelled-key.json'], /unknown key "policies\.permissionBoundary"/],
      [['--request', 'bad-input/bad-principal.json'], /request\.principal: "alice" is not a principal/],
      [['--request', 'bad-input/not-json.json'], /is not valid JSON/],
      [['--request', 'no-such-file.json'], /cannot read no-such-file\.json: no such file/],
      [['--request', 'carlos-same-account/request.json', '--format', 'xml'], /--format must be one of text, json/],
      [[], /--request FILE or --account EXPORT is required/],
      [['--account', 'export.json', '--principal', 'arn:aws:iam::111111111111:user/a'], /--action, --resource are required with --account/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await simulate(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, message);
    }
  });
});
