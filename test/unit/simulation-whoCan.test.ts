import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { mayApplyTo } from '../../server/src/simulation/actionRelevance';
import { splitValue } from '../../server/src/policy/match';
import type { SimulationEnvironment } from '../../server/src/simulation/simulate';
import { whoCan } from '../../server/src/simulation/whoCan';
import { addedFile, EXAMPLE_EXPORT, fileUri, lineOf, REPO_ROOT, simulationEnvironment, TAGGED_EXPORT } from '../support/simulation';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPORT = 'arn:aws:s3:::example-reports/2024/q1.csv';
const MFA = { 'aws:MultiFactorAuthPresent': 'true' };

let env: SimulationEnvironment;
before(async () => {
  env = await simulationEnvironment(EXAMPLE_EXPORT);
});

describe('who can: every user and role of the account model', () => {
  it('with MFA: the users whose groups or managed policies allow, and the role whose inline policy does', async () => {
    const result = await whoCan({ action: 's3:GetObject', resource: REPORT, context: MFA }, [], env);
    assert.equal(result.evaluated, 6);
    assert.deepEqual(
      result.allowed.map((principal) => [principal.arn, principal.statements.filter((statement) => statement.policyType === 'identity').map((statement) => `${statement.policyId} ${statement.sid}`)]),
      [
        ['arn:aws:iam::111122223333:user/alice', ['ReportsReader ReadReports']],
        ['arn:aws:iam::111122223333:user/ops/bob', ['ReadOnlyAccess (AWS managed) ReadOnlyActionsGroup2']],
        ['arn:aws:iam::111122223333:role/service-role/reports-lambda-execution', ['role reports-lambda-execution inline ReportsFunctionAccess ReadReportsBucket']],
      ],
    );
    const lambda = result.allowed[2].statements[0];
    assert.equal(lambda.uri, fileUri(EXAMPLE_EXPORT));
    assert.equal(lambda.range?.start.line, lineOf(EXAMPLE_EXPORT, '"Sid": "ReadReportsBucket"') - 1);
    assert.match(result.statementTexts['identity//role reports-lambda-execution inline ReportsFunctionAccess#1'], /"Sid": "ReadReportsBucket"/);
    assert.deepEqual(result.explicitlyDenied, []);
  });

  it('two accounts whose policies share names: each principal\'s statements are its own account\'s', async () => {
    // A second export of another account with the same user, group, role and policy names; its
    // ReportsReader statement has another Sid, so a statement taken from the wrong account shows.
    const second = join(mkdtempSync(join(tmpdir(), 'iam-who-can-')), 'other-account.json');
    writeFileSync(second, readFileSync(EXAMPLE_EXPORT, 'utf8').replaceAll('111122223333', '444455556666').replaceAll('"Sid": "ReadReports"', '"Sid": "ReadReportsOther"'));
    const both = await simulationEnvironment(EXAMPLE_EXPORT, second);
    const result = await whoCan({ action: 's3:GetObject', resource: REPORT, context: MFA }, [], both);
    const alices = result.allowed.filter((principal) => principal.name === 'alice');
    assert.deepEqual(alices.map((principal) => principal.accountId), ['111122223333', '444455556666']);
    const [first, other] = alices.map((principal) => principal.statements.find((statement) => statement.policyType === 'identity')!);
    assert.equal(first.sid, 'ReadReports');
    assert.equal(first.uri, fileUri(EXAMPLE_EXPORT));
    assert.equal(other.sid, 'ReadReportsOther');
    assert.equal(other.uri, fileUri(second));
    assert.notEqual(first.policyId, other.policyId);
    assert.match(result.statementTexts[`identity//${other.policyId}#${other.statementIndex}`], /ReadReportsOther/);
    assert.match(result.statementTexts[`identity//${first.policyId}#${first.statementIndex}`], /"ReadReports"/);
  });

  it('without MFA the RequireMFA deny refuses both users explicitly, and the missing key is reported', async () => {
    const result = await whoCan({ action: 's3:GetObject', resource: REPORT }, [], env);
    assert.deepEqual(result.allowed.map((principal) => principal.name), ['reports-lambda-execution']);
    assert.deepEqual(result.explicitlyDenied.map((principal) => [principal.name, principal.statements.map((statement) => statement.sid)]), [
      ['alice', ['DenyWithoutMFA']],
      ['bob', ['DenyWithoutMFA']],
    ]);
    assert.deepEqual(result.missingContextKeys, ['aws:MultiFactorAuthPresent']);
  });

  it("the resource's own policy counts: a role's trust policy for sts:AssumeRole (reference_policies_evaluation-logic.md)", async () => {
    const tagged = await simulationEnvironment(TAGGED_EXPORT);
    const result = await whoCan({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::444455556666:role/auditor' }, [], tagged);
    assert.deepEqual(result.allowed.map((principal) => [principal.name, principal.statements.map((statement) => statement.policyId)]), [['dana', ['trust policy of role auditor']]]);
    assert.deepEqual(result.policies.map((policy) => policy.id), ['trust policy of role auditor']);
  });

  it('SCPs from the workspace apply to every principal', async () => {
    const scp = addedFile(join(REPO_ROOT, 'examples/policies/restrict-regions.scp.json'), 'scp');
    const outside = await whoCan({ action: 's3:GetObject', resource: REPORT, context: { ...MFA, 'aws:RequestedRegion': 'us-east-1' } }, [scp], env);
    assert.deepEqual(outside.allowed, []);
    // The SCP's deny applies to everybody, whether or not anything else would allow.
    assert.equal(outside.explicitlyDenied.length, 6);
    assert.ok(outside.explicitlyDenied.every((principal) => principal.statements.some((statement) => statement.sid === 'DenyOutsideApprovedRegions')));
    const inside = await whoCan({ action: 's3:GetObject', resource: REPORT, context: { ...MFA, 'aws:RequestedRegion': 'eu-west-1' } }, [scp], env);
    assert.equal(inside.allowed.length, 3);
  });

  it('takes one concrete action and needs an account model', async () => {
    assert.match((await whoCan({ action: 's3:Get*', resource: REPORT }, [], env)).error ?? '', /one concrete action/);
    const empty = { ...env, index: undefined };
    assert.match((await whoCan({ action: 's3:GetObject', resource: REPORT }, [], empty)).error ?? '', /No account model/);
  });
});

describe('who can skips identity policies that cannot concern the action (engine/statement.ts checks the action first)', () => {
  const concerns = (text: string, action: string) => mayApplyTo(text, { lowerAction: action.toLowerCase(), lowerService: action.slice(0, action.indexOf(':')).toLowerCase(), resource: splitValue('*') });

  it('a policy whose Action values do not cover the action is skipped; wildcards and any case are read as the engine reads them', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['S3:Get*', 'sqs:SendMessage'], Resource: '*' }] });
    assert.equal(concerns(policy, 's3:GetObject'), true);
    assert.equal(concerns(policy, 'sqs:SendMessage'), true);
    assert.equal(concerns(policy, 's3:PutObject'), false);
    assert.equal(concerns(JSON.stringify({ Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }), 'kms:Decrypt'), true);
  });

  it('anything the engine could not rule out concerns every action: NotAction, no Action, non-string entries, text that is not JSON', () => {
    for (const text of [
      JSON.stringify({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }),
      JSON.stringify({ Statement: [{ Effect: 'Deny', action: 's3:*', Resource: '*' }] }),
      JSON.stringify({ Statement: [{ Effect: 'Deny', Action: ['s3:GetObject', 7], Resource: '*' }] }),
      JSON.stringify({ Statement: [{ Effect: 'Deny', Action: { s3: 'GetObject' }, Resource: '*' }] }),
      '{"Statement": [{"Effect": "Deny", "Action": "ec2:*",',
    ]) {
      assert.equal(concerns(text, 'sqs:SendMessage'), true, text);
    }
  });
});
