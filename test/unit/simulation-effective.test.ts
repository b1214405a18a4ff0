import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { EffectivePermissionsResult } from '../../server/src/protocol';
import { effectivePermissions } from '../../server/src/simulation/effectivePermissions';
import type { SimulationEnvironment } from '../../server/src/simulation/simulate';
import { EXAMPLE_EXPORT, simulationEnvironment, TAGGED_EXPORT } from '../support/simulation';

const MFA = { 'aws:MultiFactorAuthPresent': 'true' };
const actions = (result: EffectivePermissionsResult) =>
  Object.fromEntries(result.services.map((service) => [service.service, Object.fromEntries(service.levels.map((level) => [level.accessLevel, level.actions.map((action) => action.action)]))]));

let env: SimulationEnvironment;
before(async () => {
  env = await simulationEnvironment(EXAMPLE_EXPORT);
});

describe('effective permissions: after identity policies, boundary and explicit denies', () => {
  it('alice with MFA: the boundary leaves only her S3 read access; what it cuts is listed with the reason', async () => {
    const result = await effectivePermissions({ principal: 'arn:aws:iam::111122223333:user/alice', context: MFA }, [], env);
    assert.deepEqual(actions(result), { s3: { List: ['s3:ListBucket'], Read: ['s3:GetObject'] } });
    const getObject = result.services[0].levels[1].actions[0];
    assert.deepEqual(getObject.resources, ['arn:aws:s3:::example-reports', 'arn:aws:s3:::example-reports/*']);
    assert.deepEqual(getObject.statements.map((statement) => `${statement.policyId} ${statement.sid}`), ['ReportsReader ReadReports']);
    assert.deepEqual(getObject.risks, ['data-exfiltration']);
    const denied = Object.fromEntries(result.denied.map((entry) => [entry.action, entry.reason]));
    assert.match(denied['iam:CreateAccessKey'], /the permissions boundary does not allow the request/);
    // A KMS key policy must allow explicitly, and it belongs to the key, not to alice (reference_policies_evaluation-logic.md).
    assert.match(denied['kms:Decrypt'], /No KMS key policy was given/);
    assert.deepEqual(result.missingContextKeys, ['kms:ViaService']);
  });

  it('alice without MFA: the group deny leaves nothing', async () => {
    const result = await effectivePermissions({ principal: 'arn:aws:iam::111122223333:user/alice' }, [], env);
    assert.equal(result.allowedCount, 0);
    assert.ok(result.denied.some((entry) => entry.action === 's3:GetObject' && entry.decision === 'explicitDeny' && entry.statements[0]?.sid === 'DenyWithoutMFA'));
  });

  it('github-deploy: lambda:UpdateFunctionCode is a privilege-escalation method; iam:PassRole needs iam:PassedToService', async () => {
    const result = await effectivePermissions({ principal: 'arn:aws:iam::111122223333:role/github-deploy' }, [], env);
    assert.deepEqual(actions(result), { lambda: { Write: ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:PublishVersion'] } });
    assert.deepEqual(result.privilegeEscalation, [{ method: 'EditExistingLambdaFunctionWithRole', actions: ['lambda:UpdateFunctionCode'] }]);
    const passRole = result.denied.find((entry) => entry.action === 'iam:PassRole');
    assert.equal(passRole?.statements[0]?.sid, 'PassExecutionRole');
    assert.deepEqual(result.missingContextKeys, ['iam:PassedToService']);
  });

  it('bob: ReadOnlyAccess (AWS managed, offline) expands to thousands of actions, credential-exposing ones flagged', async () => {
    const result = await effectivePermissions({ principal: 'arn:aws:iam::111122223333:user/ops/bob', context: MFA }, [], env);
    assert.ok(result.allowedCount > 1000, String(result.allowedCount));
    assert.ok(result.credentialExposure.includes('ecr:GetAuthorizationToken'));
    const ecr = result.services.find((service) => service.service === 'ecr')!;
    const token = ecr.levels.flatMap((level) => level.actions).find((action) => action.action === 'ecr:GetAuthorizationToken');
    assert.deepEqual(token?.risks, ['credential-exposure']);
    assert.ok(result.services.every((service) => service.levels.every((level) => level.actions.every((action) => action.accessLevel === level.accessLevel))));
  });

  it('policy variables in Resource take the principal tag (reference_policies_variables.md)', async () => {
    const tagged = await simulationEnvironment(TAGGED_EXPORT);
    const result = await effectivePermissions({ principal: 'arn:aws:iam::444455556666:user/eli' }, [], tagged);
    assert.deepEqual(actions(result), { s3: { Read: ['s3:GetObject'] } });
    assert.deepEqual(result.services[0].levels[0].actions[0].resources, ['arn:aws:s3:::team-search/*']);
    assert.ok(result.denied.some((entry) => entry.action === 'dynamodb:GetItem' && entry.statements[0]?.sid === 'PaymentsTable'));
  });

  it('a principal without identity policies is an error that says what to do', async () => {
    const result = await effectivePermissions({ principal: 'arn:aws:iam::111122223333:user/nobody' }, [], env);
    assert.match(result.error ?? '', /No identity-based policy applies/);
  });
});
