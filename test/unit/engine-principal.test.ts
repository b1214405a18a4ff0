import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicies, evaluateRequest, parseRequestPrincipal, type SimulationRequest } from '../../server/src/engine';
import { principalContext } from '../../server/src/engine/requestPrincipal';

const ACCOUNT = '444455556666';
const OTHER = '111122223333';
const BOB = `arn:aws:iam::${ACCOUNT}:user/Bob`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/cross-account-read-only-role/cross-account-audit-app`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/cross-account-read-only-role`;
const BUCKET = 'arn:aws:s3:::BUCKETNAME/report.csv';

/** A bucket (in OTHER) whose policy has `statement`; the identity side allows everything. */
function bucketDecision(statement: Record<string, unknown>, principal: string, extra: { boundary?: boolean } = {}) {
  const document = (statements: unknown[]) => ({ id: 'p', text: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
  const policies = {
    identity: [document([{ Effect: 'Allow', Action: '*', Resource: '*' }])],
    resource: document([{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }, statement]),
    permissionsBoundary: extra.boundary ? document([{ Effect: 'Allow', Action: '*', Resource: '*' }]) : undefined,
  };
  const request: SimulationRequest = { principal, action: 's3:GetObject', resource: BUCKET, resourceAccount: OTHER };
  return evaluateRequest(compilePolicies(policies), request).decision;
}

describe('reference_policies_elements_principal.md: the forms of Principal', () => {
  const grant = (principal: unknown) => ({ Effect: 'Deny', Principal: principal, Action: 's3:*', Resource: '*' });

  it('an account id and the account ARN "behave the same way": both name every principal of the account', () => {
    for (const form of [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`]) {
      assert.equal(bucketDecision(grant({ AWS: form }), BOB), 'explicitDeny', form);
      assert.equal(bucketDecision(grant({ AWS: form }), SESSION), 'explicitDeny', form);
      assert.equal(bucketDecision(grant({ AWS: form }), `arn:aws:iam::${OTHER}:user/x`), 'allowed', form);
    }
  });

  it('a user ARN names that user; the user name part is case sensitive', () => {
    assert.equal(bucketDecision(grant({ AWS: BOB }), BOB), 'explicitDeny');
    assert.equal(bucketDecision(grant({ AWS: BOB }), `arn:aws:iam::${ACCOUNT}:user/bob`), 'allowed');
  });

  it('a role ARN covers the role\'s sessions, with or without the role\'s path; a session ARN names one session', () => {
    assert.equal(bucketDecision(grant({ AWS: ROLE }), SESSION), 'explicitDeny');
    assert.equal(bucketDecision(grant({ AWS: `arn:aws:iam::${ACCOUNT}:role/team/cross-account-read-only-role` }), SESSION), 'explicitDeny');
    assert.equal(bucketDecision(grant({ AWS: SESSION }), SESSION), 'explicitDeny');
    assert.equal(bucketDecision(grant({ AWS: SESSION }), `arn:aws:sts::${ACCOUNT}:assumed-role/cross-account-read-only-role/other`), 'allowed');
  });

  it('"*" and {"AWS": "*"} are everyone; "You cannot use a wildcard to match part of a principal name or ARN"', () => {
    assert.equal(bucketDecision(grant('*'), BOB), 'explicitDeny');
    assert.equal(bucketDecision(grant({ AWS: '*' }), 'anonymous'), 'explicitDeny');
    assert.equal(bucketDecision(grant({ AWS: `arn:aws:iam::${ACCOUNT}:user/*` }), BOB), 'allowed');
  });

  it('service principals and federated providers are named by Service and Federated', () => {
    assert.equal(bucketDecision(grant({ Service: ['ecs.amazonaws.com', 'elasticloadbalancing.amazonaws.com'] }), 'ecs.amazonaws.com'), 'explicitDeny');
    assert.equal(bucketDecision(grant({ Federated: 'cognito-identity.amazonaws.com' }), 'cognito-identity.amazonaws.com'), 'explicitDeny');
    assert.equal(bucketDecision(grant({ Service: 'ecs.amazonaws.com' }), BOB), 'allowed');
  });
});

describe('reference_policies_elements_notprincipal.md: NotPrincipal with Deny', () => {
  it('all principals except Bob (listed with his account) are denied', () => {
    const statement = { Effect: 'Deny', NotPrincipal: { AWS: [BOB, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 's3:*', Resource: ['arn:aws:s3:::BUCKETNAME', 'arn:aws:s3:::BUCKETNAME/*'] };
    assert.equal(bucketDecision(statement, BOB), 'allowed');
    assert.equal(bucketDecision(statement, `arn:aws:iam::${OTHER}:user/Alice`), 'explicitDeny');
    assert.equal(bucketDecision(statement, 'anonymous'), 'explicitDeny');
  });

  it('all principals except the assumed-role user cross-account-audit-app (with its role and account) are denied', () => {
    const statement = { Effect: 'Deny', NotPrincipal: { AWS: [SESSION, ROLE, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 's3:*', Resource: '*' };
    assert.equal(bucketDecision(statement, SESSION), 'allowed');
    assert.equal(bucketDecision(statement, `arn:aws:sts::${OTHER}:assumed-role/x/y`), 'explicitDeny');
  });

  it('access_policies_boundaries.md (current page): a NotPrincipal Deny always denies an IAM principal with a permissions boundary', () => {
    const statement = { Effect: 'Deny', NotPrincipal: { AWS: [BOB, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 's3:*', Resource: '*' };
    assert.equal(bucketDecision(statement, BOB, { boundary: true }), 'explicitDeny');
  });
});

describe('reference_policies_condition-keys.md: the request context derived from the principal', () => {
  const context = (principal: string, details = {}) => principalContext(parseRequestPrincipal(principal), details);

  it('aws:PrincipalArn of a role session is the role ARN, not the session ARN', () => {
    assert.equal(context(SESSION)['aws:PrincipalArn'], ROLE);
    assert.equal(context(SESSION)['aws:PrincipalType'], 'AssumedRole');
  });

  it('aws:username exists only for IAM users', () => {
    assert.equal(context(BOB)['aws:username'], 'Bob');
    assert.equal(context(SESSION)['aws:username'], undefined);
    assert.equal(context(`arn:aws:iam::${ACCOUNT}:root`)['aws:username'], undefined);
  });

  it('aws:PrincipalType, aws:PrincipalAccount and aws:userid per principal kind', () => {
    assert.deepEqual(
      [BOB, `arn:aws:iam::${ACCOUNT}:root`, `arn:aws:sts::${ACCOUNT}:federated-user/Bob`, 'anonymous'].map((p) => [context(p)['aws:PrincipalType'], context(p)['aws:PrincipalAccount'], context(p)['aws:userid']]),
      [
        ['User', ACCOUNT, undefined],
        ['Account', ACCOUNT, ACCOUNT],
        ['FederatedUser', ACCOUNT, `${ACCOUNT}:Bob`],
        ['Anonymous', 'anonymous', 'anonymous'],
      ],
    );
    assert.equal(context(BOB, { principalUniqueId: 'AIDAEXAMPLE' })['aws:userid'], 'AIDAEXAMPLE');
    assert.equal(context(SESSION, { principalUniqueId: 'AROAEXAMPLE' })['aws:userid'], 'AROAEXAMPLE:cross-account-audit-app');
  });

  it('aws:PrincipalTag/* come from the account model; the request context overrides derived values', () => {
    const policies = compilePolicies({
      identity: [{ id: 'p', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red', 'aws:username': 'Bob' } } }] }) }],
    });
    const request = { principal: BOB, action: 's3:GetObject', resource: BUCKET };
    assert.equal(evaluateRequest(policies, { ...request, principalTags: { team: 'red' } }).decision, 'allowed');
    assert.equal(evaluateRequest(policies, { ...request, principalTags: { team: 'blue' } }).decision, 'implicitDeny');
    assert.equal(evaluateRequest(policies, { ...request, principalTags: { team: 'red' }, context: { 'aws:username': 'Alice' } }).decision, 'implicitDeny');
  });

  it('service principals: aws:PrincipalServiceName and aws:PrincipalIsAWSService', () => {
    assert.deepEqual(context('lambda.amazonaws.com'), { 'aws:PrincipalServiceName': 'lambda.amazonaws.com', 'aws:PrincipalIsAWSService': 'true' });
  });

  it('recognises every principal kind the request may name', () => {
    assert.deepEqual(
      [BOB, ROLE, SESSION, `arn:aws:sts::${ACCOUNT}:federated-user/Bob`, ACCOUNT, 'lambda.amazonaws.com', 'anonymous', 'bob'].map((p) => parseRequestPrincipal(p).kind),
      ['user', 'role', 'roleSession', 'federatedUser', 'root', 'external', 'anonymous', 'invalid'],
    );
  });
});
