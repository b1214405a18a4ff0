import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import type { EvaluationResult } from '../../server/src/engine';
import type { SimulateAccessResult } from '../../server/src/protocol';
import { simulateAccess, type SimulationEnvironment } from '../../server/src/simulation/simulate';
import { addedFile, EXAMPLE_EXPORT, fileUri, lineOf, REPO_ROOT, simulationEnvironment, TAGGED_EXPORT } from '../support/simulation';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:user/ops/bob';
const REPORT = 'arn:aws:s3:::example-reports/2024/q1.csv';
const MFA = { 'aws:MultiFactorAuthPresent': 'true' };
const deciding = (result: EvaluationResult) => result.matchedStatements.filter((statement) => statement.deciding).map((statement) => `${statement.policyType} ${statement.policyId} ${statement.sid ?? statement.statementIndex}`);

let env: SimulationEnvironment;
let tagged: SimulationEnvironment;
before(async () => {
  env = await simulationEnvironment(EXAMPLE_EXPORT);
  tagged = await simulationEnvironment(TAGGED_EXPORT);
});

describe('simulate access: a principal of the account model (reference_policies_evaluation-logic.md)', () => {
  it("a group's inline Deny without MFA wins over the group's managed Allow, and names the statement in the export", async () => {
    const result = await simulateAccess({ principal: ALICE, action: 's3:GetObject', resource: REPORT }, [], env);
    assert.equal(result.decision, 'explicitDeny');
    const [deny] = result.results[0].matchedStatements.filter((statement) => statement.deciding);
    assert.equal(deny.policyId, 'group RequireMFA inline DenyWithoutMFA');
    assert.equal(deny.uri, fileUri(EXAMPLE_EXPORT));
    // The range is the statement object's, in the export: the line before its first key.
    assert.equal(deny.range?.start.line, lineOf(EXAMPLE_EXPORT, '"Sid": "DenyWithoutMFA"') - 1);
    assert.deepEqual(result.results[0].missingContextKeys, ['aws:MultiFactorAuthPresent']);
    assert.match(result.statementTexts['identity//group RequireMFA inline DenyWithoutMFA#0'], /^\{\n {4}"Sid": "DenyWithoutMFA",\n/);
  });

  it('with MFA, the managed policy of the group allows and the permissions boundary allows too (access_policies_boundaries.md)', async () => {
    const result = await simulateAccess({ principal: ALICE, action: 's3:GetObject', resource: REPORT, context: MFA }, [], env);
    assert.equal(result.decision, 'allowed');
    assert.deepEqual(deciding(result.results[0]), ['identity ReportsReader ReadReports', 'boundary DeveloperBoundary AllowedServices']);
    assert.equal(result.results[0].policyTypes.boundary?.decision, 'allowed');
    assert.deepEqual(
      result.policies.map((policy) => `${policy.type} ${policy.id} (${policy.via})`),
      [
        'identity user alice inline ManageOwnAccessKeys (inline policy of user alice)',
        'identity ReportsReader (attached to group Developers)',
        'identity group RequireMFA inline DenyWithoutMFA (inline policy of group RequireMFA)',
        'boundary DeveloperBoundary (permissions boundary)',
      ],
    );
  });

  it('the boundary limits what the identity policy grants: an implicit deny (access_policies_boundaries.md)', async () => {
    const result = await simulateAccess({ principal: ALICE, action: 'iam:CreateAccessKey', resource: ALICE, context: MFA }, [], env);
    assert.equal(result.decision, 'implicitDeny');
    assert.equal(result.results[0].policyTypes.identity?.decision, 'allowed');
    assert.equal(result.results[0].policyTypes.boundary?.decision, 'implicitDeny');
    assert.match(result.results[0].explanation.join(' '), /the permissions boundary does not allow the request/);
  });

  it('an AWS managed policy the export does not include is read offline and linked to its read-only document', async () => {
    const result = await simulateAccess({ principal: BOB, action: 's3:GetObject', resource: REPORT, context: MFA }, [], env);
    assert.equal(result.decision, 'allowed');
    const [allow] = result.results[0].matchedStatements.filter((statement) => statement.deciding);
    assert.equal(allow.policyId, 'ReadOnlyAccess (AWS managed)');
    assert.equal(allow.uri, 'iam-aws-managed-policy:/ReadOnlyAccess.json');
    assert.ok(allow.range && allow.range.start.line > 0);
    assert.equal(result.policies.find((policy) => policy.id === 'ReadOnlyAccess (AWS managed)')?.origin, 'aws-managed');
  });

  it('tags of the account model fill aws:PrincipalTag/* in variables and conditions (reference_policies_variables.md)', async () => {
    const dana = 'arn:aws:iam::444455556666:user/dana';
    const eli = 'arn:aws:iam::444455556666:user/eli';
    const own = await simulateAccess({ principal: dana, action: 's3:GetObject', resource: 'arn:aws:s3:::team-payments/report.csv' }, [], tagged);
    assert.equal(own.decision, 'allowed');
    const other = await simulateAccess({ principal: eli, action: 's3:GetObject', resource: 'arn:aws:s3:::team-payments/report.csv' }, [], tagged);
    assert.equal(other.decision, 'implicitDeny');
    const table = 'arn:aws:dynamodb:eu-west-1:444455556666:table/payments';
    assert.equal((await simulateAccess({ principal: dana, action: 'dynamodb:GetItem', resource: table }, [], tagged)).decision, 'allowed');
    const denied = await simulateAccess({ principal: eli, action: 'dynamodb:GetItem', resource: table }, [], tagged);
    assert.equal(denied.decision, 'implicitDeny');
    assert.deepEqual(
      denied.results[0].unmatchedStatements.filter((statement) => statement.reason.element === 'condition').map((statement) => [statement.sid, statement.reason.key]),
      [['PaymentsTable', 'aws:PrincipalTag/team']],
    );
    const key = denied.contextKeys.find((candidate) => candidate.name === 'aws:PrincipalTag/team');
    assert.equal(key?.derivedValue, 'search');
    assert.equal(key?.type, 'String');
    assert.deepEqual(key?.testedBy, ['TeamAccess "PaymentsTable"']);
  });

  it("a role's trust policy is the resource-based policy of sts:AssumeRole on the role, and it grants directly", async () => {
    const result = await simulateAccess({ principal: 'arn:aws:iam::444455556666:user/dana', action: 'sts:AssumeRole', resource: 'arn:aws:iam::444455556666:role/auditor' }, [], tagged);
    assert.equal(result.decision, 'allowed');
    assert.deepEqual(deciding(result.results[0]), ['resource trust policy of role auditor 0']);
    assert.equal(result.results[0].policyTypes.resource?.principalMatch, 'direct');
  });

  it('an action pattern gives one result per action with its access level: the batch table', async () => {
    const result = await simulateAccess({ principal: ALICE, action: 's3:*Object', resource: REPORT, context: MFA }, [], env);
    const byAction = Object.fromEntries(result.results.map((one) => [one.request.action, one.decision]));
    assert.equal(byAction['s3:GetObject'], 'allowed');
    assert.equal(byAction['s3:PutObject'], 'implicitDeny');
    assert.equal(byAction['s3:DeleteObject'], 'implicitDeny');
    assert.equal(result.decision, 'implicitDeny');
    assert.equal(result.accessLevels['s3:GetObject'], 'Read');
    assert.equal(result.accessLevels['s3:PutObject'], 'Write');
    assert.ok(result.results.every((one) => /^s3:[A-Za-z]*Object$/.test(one.request.action)));
  });
});

describe('simulate access: workspace documents', () => {
  it('an identity policy file for a principal outside the model, with ${aws:username} from its ARN', async () => {
    const identity = addedFile(join(REPO_ROOT, 'examples/policies/identity.iam.json'), 'identity');
    const principal = 'arn:aws:iam::111122223333:user/carol';
    const result = await simulateAccess({ principal, action: 's3:PutObject', resource: 'arn:aws:s3:::example-reports/home/carol/notes.txt' }, [identity], env);
    assert.equal(result.decision, 'allowed');
    const [allow] = result.results[0].matchedStatements.filter((statement) => statement.deciding);
    assert.equal(allow.sid, 'WriteOwnFolder');
    assert.equal(allow.uri, identity.uri);
    assert.equal(allow.range?.start.line, lineOf(join(REPO_ROOT, 'examples/policies/identity.iam.json'), '"Sid": "WriteOwnFolder"') - 1);
    assert.deepEqual(result.notes, [`${principal} is not a user or role of the account model: only the documents given were evaluated.`]);
    const elsewhere = await simulateAccess({ principal, action: 's3:PutObject', resource: 'arn:aws:s3:::example-reports/home/dave/notes.txt' }, [identity], env);
    assert.equal(elsewhere.decision, 'implicitDeny');
  });

  it('a deny-only SCP file joins the SCPs with FullAWSAccess, and a missing aws:RequestedRegion makes its StringNotEquals deny', async () => {
    const scp = addedFile(join(REPO_ROOT, 'examples/policies/restrict-regions.scp.json'), 'scp');
    const resource = 'arn:aws:s3:::example-reports/x';
    const without = await simulateAccess({ principal: ALICE, action: 's3:GetObject', resource, context: MFA }, [scp], env);
    assert.equal(without.decision, 'explicitDeny');
    assert.deepEqual(deciding(without.results[0]), ['scp restrict-regions.scp.json DenyOutsideApprovedRegions']);
    assert.ok(without.notes.some((note) => note.includes('FullAWSAccess')));
    const inRegion = await simulateAccess({ principal: ALICE, action: 's3:GetObject', resource, context: { ...MFA, 'aws:RequestedRegion': 'eu-west-1' } }, [scp], env);
    assert.equal(inRegion.decision, 'allowed');
    assert.ok(deciding(inRegion.results[0]).includes('scp FullAWSAccess 0'));
    assert.equal(inRegion.results[0].policyTypes.scp?.decision, 'allowed');
  });
});

describe('simulate access: what the panel offers', () => {
  it('context keys with their types, missing ones first, derived values shown', async () => {
    const result = await simulateAccess({ principal: ALICE, action: 's3:GetObject', resource: REPORT }, [], env);
    const [first] = result.contextKeys;
    assert.equal(first.name, 'aws:MultiFactorAuthPresent');
    assert.equal(first.type, 'Bool');
    assert.equal(first.missing, true);
    assert.deepEqual(first.testedBy, ['group RequireMFA inline DenyWithoutMFA "DenyWithoutMFA"']);
  });

  it('"copy as CLI request" gives a request file that the CLI decides the same way', async () => {
    for (const [principal, action, resource, context] of [
      [ALICE, 's3:GetObject', REPORT, MFA],
      [ALICE, 's3:GetObject', REPORT, undefined],
      [BOB, 's3:GetObject', REPORT, MFA],
      ['arn:aws:iam::444455556666:user/dana', 's3:GetObject', 'arn:aws:s3:::team-payments/a', undefined],
    ] as const) {
      const environment = principal.includes('444455556666') ? tagged : env;
      const result = await simulateAccess({ principal, action, resource, context }, [], environment);
      const directory = mkdtempSync(join(tmpdir(), 'iam-cli-request-'));
      writeFileSync(join(directory, 'request.json'), JSON.stringify(result.cliRequest));
      let out = '';
      const code = await runCli(['simulate', '--request', 'request.json', '--format', 'json'], { out: (text) => (out += text), err: () => undefined, cwd: directory });
      assert.equal(code, 0);
      assert.equal((JSON.parse(out) as EvaluationResult).decision, result.decision, `${principal} ${action}`);
    }
    const bob = (await simulateAccess({ principal: BOB, action: 's3:GetObject', resource: REPORT }, [], env)).cliRequest as { policies: { identity: unknown[] } };
    assert.ok(bob.policies.identity.includes('arn:aws:iam::aws:policy/ReadOnlyAccess'), 'bundled AWS managed policies go in by ARN');
  });

  it('bad input gives an error naming it, and no decision', async () => {
    const cases: [Parameters<typeof simulateAccess>[0], RegExp][] = [
      [{ principal: 'alice', action: 's3:GetObject', resource: REPORT }, /"alice" is not a principal/],
      [{ principal: ALICE, action: 'GetObject', resource: REPORT }, /must look like "service:Action"/],
      [{ principal: ALICE, action: 's3:Nothing*', resource: REPORT }, /No action in the service reference matches "s3:Nothing\*"/],
      [{ principal: ALICE, action: 's3:GetObject', resource: ' ' }, /resource is empty/],
    ];
    for (const [params, message] of cases) {
      const result: SimulateAccessResult = await simulateAccess(params, [], env);
      assert.equal(result.decision, undefined);
      assert.match(result.error ?? '', message);
    }
  });
});
