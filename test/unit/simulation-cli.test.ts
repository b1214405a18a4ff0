import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import type { EvaluationResult, MultiActionResult } from '../../server/src/engine';
import type { WhoCanResult } from '../../server/src/protocol';
import { REPO_ROOT } from '../support/simulation';

const examples = join(REPO_ROOT, 'examples', 'account');
const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'simulation');

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`), cwd });
  return { code, out, err };
}

const REPORT = 'arn:aws:s3:::example-reports/2024/q1.csv';

describe('iam-policy-studio who-can --account EXPORT --action A --resource ARN', () => {
  it('lists the allowed users and roles with the allowing statements and their place in the export (text)', async () => {
    const { code, out } = await cli(examples, 'who-can', '--account', 'authorization-details.json', '--action', 's3:GetObject', '--resource', REPORT, '--context', 'aws:MultiFactorAuthPresent=true');
    assert.equal(code, 0);
    const lines = out.split('\n');
    assert.equal(lines[0], `3 of 6 users and roles may perform s3:GetObject on ${REPORT}`);
    assert.equal(lines[1], '  user arn:aws:iam::111122223333:user/alice');
    assert.match(lines[2], /^ {6}Allow identity "ReportsReader" statement 0 \(Sid ReadReports\) {2}.*examples\/account\/authorization-details\.json:\d+:\d+$/);
    assert.match(out, /user arn:aws:iam::111122223333:user\/ops\/bob\n {6}Allow identity "ReadOnlyAccess \(AWS managed\)" statement 1 \(Sid ReadOnlyActionsGroup2\) {2}iam-aws-managed-policy:\/ReadOnlyAccess\.json:\d+:9/);
    assert.match(out, /role arn:aws:iam::111122223333:role\/service-role\/reports-lambda-execution/);
  });

  it('JSON: allowed and explicitly denied principals, missing context keys', async () => {
    const { code, out } = await cli(examples, 'who-can', '--account', 'authorization-details.json', '--action', 's3:GetObject', '--resource', REPORT, '--format', 'json');
    assert.equal(code, 0);
    const result = JSON.parse(out) as WhoCanResult;
    assert.deepEqual(result.allowed.map((principal) => principal.name), ['reports-lambda-execution']);
    assert.deepEqual(result.explicitlyDenied.map((principal) => principal.name), ['alice', 'bob']);
    assert.equal(result.explicitlyDenied[0].statements[0].sid, 'DenyWithoutMFA');
    assert.deepEqual(result.missingContextKeys, ['aws:MultiFactorAuthPresent']);
    assert.equal(result.evaluated, 6);
  });

  it('bad input exits 2 with a message naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['--action', 's3:GetObject', '--resource', '*'], /--account is required/],
      [['--account', 'authorization-details.json', '--resource', '*'], /--action is required/],
      [['--account', 'nope.json', '--action', 's3:GetObject', '--resource', '*'], /cannot read nope\.json: no such file/],
      [['--account', 'README.md', '--action', 's3:GetObject', '--resource', '*'], /README\.md is neither a get-account-authorization-details export nor a CloudFormation template/],
      [['--account', 'authorization-details.json', '--action', 's3:Get*', '--resource', '*'], /one concrete action/],
      [['--account', 'authorization-details.json', '--action', 's3:GetObject', '--resource', '*', '--context', 'novalue'], /--context takes KEY=VALUE/],
      [['--account', 'authorization-details.json', '--action', 's3:GetObject', '--resource', '*', '--format', 'xml'], /--format must be one of text, json/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await cli(examples, 'who-can', ...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, message, args.join(' '));
    }
  });
});

describe('iam-policy-studio simulate --account EXPORT --principal ARN --action A --resource ARN [--context KEY=VALUE]...', () => {
  const simulate = async (cwd: string, file: string, principal: string, action: string, resource: string, ...more: string[]) => {
    const { code, out, err } = await cli(cwd, 'simulate', '--account', file, '--principal', principal, '--action', action, '--resource', resource, '--format', 'json', ...more);
    assert.equal(code, 0, err);
    return JSON.parse(out) as EvaluationResult & { notes?: string[] };
  };

  it('group inline deny, group managed allow, and the boundary: as the editor decides', async () => {
    const denied = await simulate(examples, 'authorization-details.json', 'arn:aws:iam::111122223333:user/alice', 's3:GetObject', REPORT);
    assert.equal(denied.decision, 'explicitDeny');
    const allowed = await simulate(examples, 'authorization-details.json', 'arn:aws:iam::111122223333:user/alice', 's3:GetObject', REPORT, '--context', 'aws:MultiFactorAuthPresent=true');
    assert.equal(allowed.decision, 'allowed');
    assert.deepEqual(
      allowed.matchedStatements.filter((statement) => statement.deciding).map((statement) => `${statement.policyType} ${statement.policyId}`),
      ['identity ReportsReader', 'boundary DeveloperBoundary'],
    );
    const boundary = await simulate(examples, 'authorization-details.json', 'arn:aws:iam::111122223333:role/github-deploy', 'lambda:UpdateFunctionCode', 'arn:aws:lambda:eu-west-1:111122223333:function:reports-api');
    assert.equal(boundary.decision, 'allowed');
    assert.equal(boundary.policyTypes.boundary?.decision, 'allowed');
  });

  it('AWS managed policies resolve offline (SecurityAudit of security-audit)', async () => {
    const result = await simulate(examples, 'authorization-details.json', 'arn:aws:iam::111122223333:role/security-audit', 'iam:GetAccountAuthorizationDetails', '*');
    assert.equal(result.decision, 'allowed');
    assert.ok(result.matchedStatements.some((statement) => statement.deciding && statement.policyId === 'SecurityAudit (AWS managed)'));
  });

  it('tag-derived conditions: aws:PrincipalTag/team comes from the user\'s tags in the export', async () => {
    const table = 'arn:aws:dynamodb:eu-west-1:444455556666:table/payments';
    assert.equal((await simulate(fixtures, 'tagged-account.json', 'arn:aws:iam::444455556666:user/dana', 'dynamodb:GetItem', table)).decision, 'allowed');
    assert.equal((await simulate(fixtures, 'tagged-account.json', 'arn:aws:iam::444455556666:user/eli', 'dynamodb:GetItem', table)).decision, 'implicitDeny');
    // A value given on the command line wins over the derived one.
    assert.equal((await simulate(fixtures, 'tagged-account.json', 'arn:aws:iam::444455556666:user/eli', 'dynamodb:GetItem', table, '--context', 'aws:PrincipalTag/team=payments')).decision, 'allowed');
  });

  it('a repeated --context key is multivalued; a pattern gives one result per action (text)', async () => {
    const { code, out } = await cli(examples, 'simulate', '--account', 'authorization-details.json', '--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 's3:*Object', '--resource', REPORT, '--context', 'aws:MultiFactorAuthPresent=true', '--context', 'aws:TagKeys=a', '--context', 'aws:TagKeys=b');
    assert.equal(code, 0);
    assert.match(out, /^ALLOWED {2}s3:GetObject on /m);
    assert.match(out, /^DENIED \(implicit deny\) {2}s3:PutObject on /m);
    const json = await simulate(examples, 'authorization-details.json', 'arn:aws:iam::111122223333:user/alice', 's3:*Object', REPORT);
    assert.ok((json as unknown as MultiActionResult).results.length > 3);
  });

  it('bad input exits 2 naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['--account', 'authorization-details.json', '--principal', 'arn:aws:iam::111122223333:user/zed', '--action', 's3:GetObject', '--resource', '*'], /user\/zed is not a user or role of authorization-details\.json \(3 users and 3 roles in account 111122223333\)/],
      [['--account', 'authorization-details.json', '--principal', 'zed', '--action', 's3:GetObject', '--resource', '*'], /--principal: "zed" is not a principal/],
      [['--account', 'authorization-details.json', '--principal', 'arn:aws:iam::111122223333:user/alice', '--action', 'GetObject', '--resource', '*'], /must look like "service:Action"/],
      [['--request', 'x.json', '--account', 'authorization-details.json', '--principal', 'a', '--action', 'b', '--resource', 'c'], /use one/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await cli(examples, 'simulate', ...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, message, args.join(' '));
    }
  });
});
