import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicies, evaluateRequest, type PolicyDocumentInput, type PolicySetInput, type SimulationRequest } from '../../server/src/engine';

type Statement = Record<string, unknown>;
const doc = (id: string, statements: Statement[]): PolicyDocumentInput => ({ id, text: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
const allow = (action: string, resource = '*', extra: Statement = {}): Statement => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string, resource = '*', extra: Statement = {}): Statement => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });
const decision = (policies: PolicySetInput, request: SimulationRequest) => evaluateRequest(compilePolicies(policies), request).decision;

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const USER = `arn:aws:iam::${ACCOUNT}:user/exampleuser`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/examplerole`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/examplerole/examplerolesessionname`;
const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/exampleuser`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:queue1`;
const queueRequest = (principal: string): SimulationRequest => ({ principal, action: 'sqs:SendMessage', resource: QUEUE });
const queuePolicy = (principal: unknown) => doc('queue policy', [{ Effect: 'Allow', Principal: principal, Action: 'sqs:SendMessage', Resource: QUEUE }]);
const allowQueue = doc('identity', [allow('sqs:SendMessage')]);
const allowNothing = doc('allows s3 only', [allow('s3:GetObject')]);

describe('reference_policies_evaluation-logic.md: identity-based and resource-based policies (Carlos)', () => {
  const carlos = 'arn:aws:iam::123456789012:user/carlossalazar';
  const identity = doc('carlossalazar', [
    { Sid: 'AllowS3ListRead', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetAccountPublicAccessBlock', 's3:ListAccessPoints', 's3:ListAllMyBuckets'], Resource: 'arn:aws:s3:::*' },
    { Sid: 'AllowS3Self', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar'] },
    { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
  ]);
  const bucket = doc('carlossalazar bucket', [
    { Effect: 'Allow', Principal: { AWS: carlos }, Action: 's3:*', Resource: ['arn:aws:s3:::carlossalazar/*', 'arn:aws:s3:::carlossalazar'] },
  ]);

  it('saving to carlossalazar-logs is explicitly denied by DenyS3Logs', () => {
    const result = evaluateRequest(compilePolicies({ identity: [identity] }), { principal: carlos, action: 's3:PutObject', resource: 'arn:aws:s3:::carlossalazar-logs' });
    assert.equal(result.decision, 'explicitDeny');
    assert.deepEqual(
      result.matchedStatements.filter((s) => s.deciding).map((s) => s.sid),
      ['DenyS3Logs'],
    );
  });

  it('saving to carlossalazar is allowed: both the identity-based and the bucket policy allow', () => {
    const result = evaluateRequest(compilePolicies({ identity: [identity], resource: bucket }), { principal: carlos, action: 's3:PutObject', resource: 'arn:aws:s3:::carlossalazar/file.txt' });
    assert.equal(result.decision, 'allowed');
    assert.equal(result.policyTypes.identity?.decision, 'allowed');
    assert.equal(result.policyTypes.resource?.decision, 'allowed');
  });

  it('"If one of the policy types allows the request and the other doesn\'t, the request is still allowed"', () => {
    const request = { principal: carlos, action: 's3:PutObject', resource: 'arn:aws:s3:::carlossalazar/file.txt' };
    assert.equal(decision({ identity: [identity] }, request), 'allowed');
    assert.equal(decision({ identity: [allowNothing], resource: bucket }, request), 'allowed');
  });
});

describe('reference_policies_evaluation-logic.md: explicit and implicit denies (AllowGetList / DenyReports)', () => {
  const policy = doc('reports', [
    { Sid: 'AllowGetList', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
    { Sid: 'DenyReports', Effect: 'Deny', Action: 'iam:*Report', Resource: '*' },
  ]);
  const iam = (action: string, extra: PolicyDocumentInput[] = []) => decision({ identity: [policy, ...extra] }, { principal: USER, action, resource: '*' });

  it('iam:GetUser is allowed, iam:CreatePolicy implicitly denied, iam:GetOrganizationsAccessReport explicitly denied', () => {
    assert.equal(iam('iam:GetUser'), 'allowed');
    assert.equal(iam('iam:CreatePolicy'), 'implicitDeny');
    assert.equal(iam('iam:GetOrganizationsAccessReport'), 'explicitDeny');
  });

  it('another policy that allows iam:GenerateCredentialReport does not override the explicit deny', () => {
    assert.equal(iam('iam:GenerateCredentialReport', [doc('more', [allow('iam:GenerateCredentialReport')])]), 'explicitDeny');
  });

  it('with no policy at all a request is implicitly denied', () => {
    assert.equal(decision({}, { principal: USER, action: 'iam:GetUser', resource: '*' }), 'implicitDeny');
  });
});

describe('reference_policies_evaluation-logic.md: resource-based policies and implicit denies in other policy types (same account)', () => {
  const boundaryWithoutQueue = doc('boundary', [allow('s3:*')]);
  const sessionWithoutQueue = doc('session', [allow('s3:*')]);

  it('IAM role: a grant to the role ARN is limited by an implicit deny in a permissions boundary or session policy', () => {
    assert.equal(decision({ resource: queuePolicy({ AWS: ROLE }) }, queueRequest(SESSION)), 'allowed', 'not limited by identity-based policies');
    assert.equal(decision({ resource: queuePolicy({ AWS: ROLE }), permissionsBoundary: boundaryWithoutQueue }, queueRequest(SESSION)), 'implicitDeny');
    assert.equal(decision({ resource: queuePolicy({ AWS: ROLE }), session: sessionWithoutQueue }, queueRequest(SESSION)), 'implicitDeny');
  });

  it('IAM role session: a grant to the session ARN is not limited by identity-based policies, boundaries or session policies', () => {
    const policies = { identity: [allowNothing], resource: queuePolicy({ AWS: SESSION }), permissionsBoundary: boundaryWithoutQueue, session: sessionWithoutQueue };
    assert.equal(decision(policies, queueRequest(SESSION)), 'allowed');
  });

  it('IAM user: a grant to the user ARN is not limited by an implicit deny in an identity-based policy or permissions boundary', () => {
    assert.equal(decision({ identity: [allowNothing], resource: queuePolicy({ AWS: USER }), permissionsBoundary: boundaryWithoutQueue }, queueRequest(USER)), 'allowed');
  });

  it('IAM federated user session: a grant to the federated user ARN is not limited by a session policy', () => {
    assert.equal(decision({ resource: queuePolicy({ AWS: FEDERATED }), session: sessionWithoutQueue }, queueRequest(FEDERATED)), 'allowed');
  });

  it('IAM federated user session: a grant to the ARN of the IAM user who federated is limited by the boundary and the session policy', () => {
    assert.equal(decision({ resource: queuePolicy({ AWS: USER }), session: doc('session', [allow('sqs:*')]) }, queueRequest(FEDERATED)), 'allowed');
    assert.equal(decision({ resource: queuePolicy({ AWS: USER }), session: sessionWithoutQueue }, queueRequest(FEDERATED)), 'implicitDeny');
    assert.equal(
      decision({ resource: queuePolicy({ AWS: USER }), session: doc('session', [allow('sqs:*')]), permissionsBoundary: boundaryWithoutQueue }, queueRequest(FEDERATED)),
      'implicitDeny',
    );
  });

  it('a grant to the account only delegates: identity-based policies must still allow', () => {
    assert.equal(decision({ resource: queuePolicy({ AWS: ACCOUNT }) }, queueRequest(USER)), 'implicitDeny');
    assert.equal(decision({ resource: queuePolicy({ AWS: ACCOUNT }), identity: [allowQueue] }, queueRequest(USER)), 'allowed');
  });

  it('an explicit deny in the resource-based policy overrides an identity-based allow', () => {
    const policy = doc('queue', [{ Effect: 'Deny', Principal: { AWS: ACCOUNT }, Action: 'sqs:*', Resource: '*' }]);
    assert.equal(decision({ resource: policy, identity: [allowQueue] }, queueRequest(USER)), 'explicitDeny');
  });
});

describe('reference_policies_evaluation-logic.md: identity-based policies, boundaries and session policies', () => {
  it('identity-based policies: no Allow is an implicit deny', () => {
    assert.equal(decision({ identity: [allowNothing] }, queueRequest(USER)), 'implicitDeny');
    assert.equal(decision({ identity: [allowQueue] }, queueRequest(USER)), 'allowed');
  });

  it('permissions boundary: the request needs the boundary and an identity-based policy (access_policies_boundaries.md)', () => {
    assert.equal(decision({ identity: [allowQueue], permissionsBoundary: doc('b', [allow('sqs:*')]) }, queueRequest(USER)), 'allowed');
    assert.equal(decision({ identity: [allowQueue], permissionsBoundary: doc('b', [allow('s3:*')]) }, queueRequest(USER)), 'implicitDeny');
    assert.equal(decision({ permissionsBoundary: doc('b', [allow('sqs:*')]) }, queueRequest(USER)), 'implicitDeny', 'a boundary grants nothing');
  });

  it('session policies: a role session with no session policy keeps its role\'s permissions', () => {
    assert.equal(decision({ identity: [allowQueue] }, queueRequest(SESSION)), 'allowed');
  });

  it('session policies: present and not allowing is an implicit deny; present and allowing is an allow', () => {
    assert.equal(decision({ identity: [allowQueue], session: doc('s', [allow('s3:*')]) }, queueRequest(SESSION)), 'implicitDeny');
    assert.equal(decision({ identity: [allowQueue], session: doc('s', [allow('sqs:*')]) }, queueRequest(SESSION)), 'allowed');
    assert.equal(decision({ session: doc('s', [allow('sqs:*')]) }, queueRequest(SESSION)), 'implicitDeny', 'session policies do not grant');
  });

  it('session policies: a federated user session without a session policy is implicitly denied ("Otherwise, the request is implicitly denied")', () => {
    assert.equal(decision({ identity: [allowQueue] }, queueRequest(FEDERATED)), 'implicitDeny');
    assert.equal(decision({ identity: [allowQueue], session: doc('s', [allow('sqs:*')]) }, queueRequest(FEDERATED)), 'allowed');
  });

  it('access_policies.md: the session policy limits grants to the role ARN but not grants to the session ARN', () => {
    const session = doc('s', [allow('s3:*')]);
    assert.equal(decision({ resource: queuePolicy({ AWS: ROLE }), session }, queueRequest(SESSION)), 'implicitDeny');
    assert.equal(decision({ resource: queuePolicy({ AWS: SESSION }), session }, queueRequest(SESSION)), 'allowed');
  });

  it('an explicit deny in a boundary or session policy denies even a direct resource grant', () => {
    const denyQueue = doc('deny', [deny('sqs:*')]);
    assert.equal(decision({ resource: queuePolicy({ AWS: SESSION }), session: denyQueue }, queueRequest(SESSION)), 'explicitDeny');
    assert.equal(decision({ resource: queuePolicy({ AWS: USER }), permissionsBoundary: denyQueue }, queueRequest(USER)), 'explicitDeny');
  });
});

describe('access_policies_boundaries.md: Nikhil\'s boundary', () => {
  const nikhil = `arn:aws:iam::${ACCOUNT}:user/Nikhil`;
  const boundary = doc('boundary', [allow('s3:*'), deny('s3:*', 'arn:aws:s3:::logs'), deny('s3:*', 'arn:aws:s3:::logs/*')]);

  it('a bucket policy that allows Nikhil cannot override the explicit deny in his boundary', () => {
    const bucket = doc('logs', [{ Effect: 'Allow', Principal: { AWS: nikhil }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::logs/*' }]);
    assert.equal(decision({ resource: bucket, permissionsBoundary: boundary }, { principal: nikhil, action: 's3:PutObject', resource: 'arn:aws:s3:::logs/x' }), 'explicitDeny');
  });

  it('a secret\'s policy that allows Nikhil grants access: "implicit denies in permissions boundaries do not limit resource-based policies"', () => {
    const secret = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`;
    const policy = doc('secret', [{ Effect: 'Allow', Principal: { AWS: nikhil }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }]);
    assert.equal(decision({ resource: policy, permissionsBoundary: boundary }, { principal: nikhil, action: 'secretsmanager:GetSecretValue', resource: secret }), 'allowed');
  });
});

describe('reference_policies_evaluation-logic.md: SCPs, RCPs and VPC endpoint policies', () => {
  const allowAll = doc('FullAWSAccess', [allow('*')]);
  const scp = (levels: PolicyDocumentInput[][]) => ({ identity: [allowQueue], scp: levels });

  it('every SCP level from the root to the account must allow', () => {
    assert.equal(decision(scp([[allowAll], [allowAll], [doc('sqs', [allow('sqs:*')])]]), queueRequest(USER)), 'allowed');
  });

  it('a level without an applicable Allow: "the request is explicitly denied, even if the denial is implicit"', () => {
    const result = evaluateRequest(compilePolicies(scp([[allowAll], [doc('s3 only', [allow('s3:*')])], [allowAll]])), queueRequest(USER));
    assert.equal(result.decision, 'explicitDeny');
    assert.deepEqual(result.policyTypes.scp, { decision: 'implicitDeny', levels: ['allowed', 'implicitDeny', 'allowed'] });
    assert.match(result.explanation.join('\n'), /SCP level 1 \(organizational unit\) has no Allow/);
  });

  it('SCPs do not grant: an SCP Allow without an identity-based Allow is an implicit deny', () => {
    assert.equal(decision({ scp: [[allowAll]] }, queueRequest(USER)), 'implicitDeny');
  });

  it('an SCP Deny denies, also for the root user', () => {
    const denyQueue = doc('deny', [allow('*'), deny('sqs:*')]);
    assert.equal(decision(scp([[denyQueue]]), queueRequest(USER)), 'explicitDeny');
    assert.equal(decision({ scp: [[denyQueue]] }, queueRequest(`arn:aws:iam::${ACCOUNT}:root`)), 'explicitDeny');
  });

  it('RCPs: RCPFullAWSAccess is implied, so a level with only Deny statements refuses nothing else', () => {
    const rcp = doc('EnforceTLS', [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }]);
    const request = (secure: string) => ({ ...queueRequest(USER), context: { 'aws:SecureTransport': secure } });
    assert.equal(decision({ identity: [allowQueue], rcp: [[rcp], []] }, request('true')), 'allowed');
    assert.equal(decision({ identity: [allowQueue], rcp: [[rcp], []] }, request('false')), 'explicitDeny');
  });

  it('a VPC endpoint policy must allow the request too', () => {
    const endpoint = (action: string) => doc('endpoint', [{ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }]);
    assert.equal(decision({ identity: [allowQueue], endpoint: endpoint('sqs:*') }, queueRequest(USER)), 'allowed');
    assert.equal(decision({ identity: [allowQueue], endpoint: endpoint('s3:*') }, queueRequest(USER)), 'implicitDeny');
  });
});

describe('reference_policies_evaluation-logic.md: the root user, role trust policies and KMS key policies', () => {
  const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
  const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const keyRequest = (principal: string): SimulationRequest => ({ principal, action: 'kms:Decrypt', resource: KEY });
  const keyPolicy = (principal: unknown) => doc('key policy', [{ Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' }]);
  const allowKms = doc('identity', [allow('kms:Decrypt')]);

  it('"all requests are implicitly denied with the exception of the AWS account root user, which has full access"', () => {
    assert.equal(decision({}, queueRequest(ROOT)), 'allowed');
    assert.equal(decision({}, queueRequest(ACCOUNT)), 'allowed', 'a bare account id is the root user');
  });

  it('KMS key policies must grant explicitly: an identity-based Allow alone is not enough', () => {
    assert.equal(decision({ identity: [allowKms] }, keyRequest(USER)), 'implicitDeny');
    assert.equal(decision({ identity: [allowKms], resource: keyPolicy({ AWS: ROOT }) }, keyRequest(USER)), 'allowed', 'the key policy delegates to the account');
    assert.equal(decision({ resource: keyPolicy({ AWS: USER }) }, keyRequest(USER)), 'allowed', 'the key policy names the user');
    assert.equal(decision({ resource: keyPolicy({ AWS: ROOT }) }, keyRequest(USER)), 'implicitDeny', 'delegated, but no identity-based Allow');
  });

  it('KMS key policies bind the root user too', () => {
    assert.equal(decision({}, keyRequest(ROOT)), 'implicitDeny');
    assert.equal(decision({ resource: keyPolicy({ AWS: ROOT }) }, keyRequest(ROOT)), 'allowed');
  });

  it('role trust policies must grant explicitly', () => {
    const assume = { principal: USER, action: 'sts:AssumeRole', resource: ROLE };
    const trust = (principal: unknown) => doc('trust', [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }]);
    const allowAssume = doc('identity', [allow('sts:AssumeRole', ROLE)]);
    assert.equal(decision({ identity: [allowAssume] }, assume), 'implicitDeny');
    assert.equal(decision({ identity: [allowAssume], resource: trust({ AWS: ACCOUNT }) }, assume), 'allowed');
    assert.equal(decision({ resource: trust({ AWS: USER }) }, assume), 'allowed');
    assert.equal(decision({ identity: [allowAssume], resource: trust({ Service: 'ec2.amazonaws.com' }) }, assume), 'implicitDeny');
  });
});

describe('reference_policies_evaluation-logic-cross-account.md', () => {
  const carlos = 'arn:aws:iam::111111111111:user/carlossalazar';
  const identity = doc('carlossalazar', [
    { Sid: 'AllowS3ListRead', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
    { Sid: 'AllowS3ProductionObjectActions', Effect: 'Allow', Action: 's3:*Object*', Resource: 'arn:aws:s3:::Production/*' },
    { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: ['arn:aws:s3:::*log*', 'arn:aws:s3:::*log*/*'] },
  ]);
  const bucket = doc('Production', [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject*', 's3:PutObject*', 's3:ReplicateObject', 's3:RestoreObject'],
      Principal: { AWS: 'arn:aws:iam::111111111111:user/carlossalazar' },
      Resource: 'arn:aws:s3:::Production/*',
    },
  ]);
  const put = (bucketName: string): SimulationRequest => ({ principal: carlos, action: 's3:PutObject', resource: `arn:aws:s3:::${bucketName}/file.txt`, resourceAccount: '222222222222' });

  it('saving to Production-logs is denied in the trusted account', () => {
    assert.equal(decision({ identity: [identity] }, put('Production-logs')), 'explicitDeny');
  });

  it('saving to Production is allowed: both accounts allow', () => {
    const result = evaluateRequest(compilePolicies({ identity: [identity], resource: bucket }), put('Production'));
    assert.equal(result.decision, 'allowed');
    assert.equal(result.request.crossAccount, true);
  });

  it('"The request is allowed only if both evaluations return a decision of Allow"', () => {
    assert.equal(decision({ identity: [identity] }, put('Production')), 'implicitDeny', 'no bucket policy');
    assert.equal(decision({ resource: bucket }, put('Production')), 'implicitDeny', 'no identity-based policy');
    assert.equal(decision({ identity: [identity], resource: bucket }, { ...put('Production'), action: 's3:DeleteObject' }), 'implicitDeny', 'the bucket policy does not allow deletes');
  });

  it('the resource-based policy may name the whole trusted account', () => {
    const accountBucket = doc('Production', [{ Effect: 'Allow', Action: 's3:*', Principal: { AWS: '111111111111' }, Resource: 'arn:aws:s3:::Production/*' }]);
    assert.equal(decision({ identity: [identity], resource: accountBucket }, put('Production')), 'allowed');
  });

  it('a grant to the session does not bypass the trusted account\'s session policy across accounts', () => {
    const session = `arn:aws:sts::${OTHER}:assumed-role/r/s`;
    const request = queueRequest(session);
    assert.equal(decision({ resource: queuePolicy({ AWS: session }) }, request), 'implicitDeny');
    assert.equal(decision({ resource: queuePolicy({ AWS: session }), identity: [allowQueue] }, request), 'allowed');
    assert.equal(decision({ resource: queuePolicy({ AWS: session }), identity: [allowQueue], session: doc('s', [allow('s3:*')]) }, request), 'implicitDeny');
  });
});

describe('reference_policies_elements_principal.md: all principals and AWS services', () => {
  const everyone = queuePolicy('*');

  it('"*" grants anonymous users and principals of the same account without other permissions', () => {
    assert.equal(decision({ resource: everyone }, queueRequest('anonymous')), 'allowed');
    assert.equal(decision({ resource: everyone }, queueRequest(USER)), 'allowed');
  });

  it('"For principals in other accounts, they must also have identity-based permissions in their account"', () => {
    const stranger = `arn:aws:iam::${OTHER}:user/x`;
    assert.equal(decision({ resource: everyone }, queueRequest(stranger)), 'implicitDeny');
    assert.equal(decision({ resource: everyone, identity: [allowQueue] }, queueRequest(stranger)), 'allowed');
  });

  it('anonymous requests: identity-based policies and SCPs do not apply', () => {
    const result = evaluateRequest(compilePolicies({ resource: queuePolicy({ AWS: ACCOUNT }), scp: [[doc('none', [allow('s3:*')])]] }), queueRequest('anonymous'));
    assert.equal(result.decision, 'implicitDeny');
    assert.equal(result.policyTypes.scp?.decision, 'notApplicable');
  });

  it('a service principal is allowed by a resource-based policy that names it; SCPs do not apply to it', () => {
    const policies = { resource: queuePolicy({ Service: 'sns.amazonaws.com' }), scp: [[doc('none', [allow('s3:*')])]] };
    assert.equal(decision(policies, queueRequest('sns.amazonaws.com')), 'allowed');
    assert.equal(decision(policies, queueRequest('events.amazonaws.com')), 'implicitDeny');
  });
});
