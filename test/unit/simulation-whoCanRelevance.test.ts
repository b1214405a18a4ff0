import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AccountIndex, buildAccountModel, loadAccountFile } from '../../server/src/account';
import { splitValue } from '../../server/src/policy/match';
import type { WhoCanResult } from '../../server/src/protocol';
import { actionScope, mayApplyTo } from '../../server/src/simulation/actionRelevance';
import { ActionDirectory } from '../../server/src/simulation/actionDirectory';
import { CompiledPolicyCache } from '../../server/src/simulation/compiledPolicyCache';
import { PrincipalDocumentIndex } from '../../server/src/simulation/principalDocumentIndex';
import { fullAwsAccessDocument } from '../../server/src/simulation/policySet';
import { simulateAccess, type SimulationEnvironment } from '../../server/src/simulation/simulate';
import { whoCan } from '../../server/src/simulation/whoCan';
import { loadedCatalog, managedPolicies } from '../support/catalog';
import { EXAMPLE_EXPORT, NOW, simulationEnvironment, TAGGED_EXPORT } from '../support/simulation';

const ACCOUNT = '123456789012';
const REPORT = 'arn:aws:s3:::reports/alice/q1.csv';

const statement = (fields: Record<string, unknown>) => ({ Effect: 'Allow', Resource: '*', ...fields });
const document = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements.map(statement) });
const managed = (name: string, policy: object) => ({
  PolicyName: name,
  Arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
  Path: '/',
  DefaultVersionId: 'v1',
  PolicyVersionList: [{ Document: policy, VersionId: 'v1', IsDefaultVersion: true }],
});
const attached = (...names: string[]) => names.map((name) => ({ PolicyName: name.slice(name.lastIndexOf('/') + 1), PolicyArn: name.startsWith('arn:') ? name : `arn:aws:iam::${ACCOUNT}:policy/${name}` }));
const user = (name: string, fields: Record<string, unknown>) => ({ UserName: name, Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [], ...fields });
const role = (name: string, fields: Record<string, unknown>) => ({
  RoleName: name,
  Path: '/',
  Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  RolePolicyList: [],
  AttachedManagedPolicies: [],
  ...fields,
});

/**
 * Principals whose access to s3:GetObject on REPORT comes (or is refused) only through what a
 * quick reading could miss: NotAction, "*", a wildcard in the service prefix, a group, a
 * boundary, a bundled AWS managed policy, entries that are not strings, a statement without
 * Action, NotResource, a policy variable in the resource.
 */
const TRICKY_EXPORT = JSON.stringify({
  UserDetailList: [
    user('by-not-action', { AttachedManagedPolicies: attached('AllButIam') }),
    user('by-star', { AttachedManagedPolicies: attached('EverythingOnReports') }),
    user('by-group', { GroupList: ['readers'] }),
    user('other-bucket', { AttachedManagedPolicies: attached('OtherBucketOnly') }),
    user('not-other-bucket', { AttachedManagedPolicies: attached('NotOtherBucket') }),
    user('alice', { AttachedManagedPolicies: attached('OwnPrefix') }),
    user('bob', { AttachedManagedPolicies: attached('OwnPrefix') }),
    user('boundary-denies', { GroupList: ['readers'], PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/NoS3Boundary` } }),
    user('wildcard-service', { AttachedManagedPolicies: attached('WildcardService') }),
    user('unreadable-deny', { AttachedManagedPolicies: attached('AllButIam', 'UnreadableDeny') }),
    user('deny-without-action', { AttachedManagedPolicies: attached('AllButIam', 'DenyWithoutAction') }),
    user('nothing', {}),
  ],
  GroupDetailList: [{ GroupName: 'readers', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:group/readers`, GroupPolicyList: [], AttachedManagedPolicies: attached('S3ReadWildcard') }],
  RoleDetailList: [
    role('inline-reader', { RolePolicyList: [{ PolicyName: 'read', PolicyDocument: document({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }) }] }),
    role('queue-only', { RolePolicyList: [{ PolicyName: 'queue', PolicyDocument: document({ Action: 'sqs:SendMessage' }) }] }),
    role('aws-managed', { AttachedManagedPolicies: attached('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess') }),
  ],
  Policies: [
    managed('AllButIam', document({ NotAction: 'iam:*' })),
    managed('EverythingOnReports', document({ Action: '*', Resource: 'arn:aws:s3:::reports/*' })),
    managed('S3ReadWildcard', document({ Action: 'S3:Get*' })),
    managed('OtherBucketOnly', document({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' })),
    managed('NotOtherBucket', document({ Action: 's3:GetObject', Resource: undefined, NotResource: 'arn:aws:s3:::other/*' })),
    managed('OwnPrefix', document({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/${aws:username}/*' })),
    managed('NoS3Boundary', document({ Action: '*' }, { Effect: 'Deny', Action: 's3:*' })),
    managed('WildcardService', document({ Action: 's?:GetObject' })),
    // The engine stops at an Action it cannot read: these deny whatever the resource.
    managed('UnreadableDeny', document({ Effect: 'Deny', Action: ['sqs:SendMessage', 7], Resource: 'arn:aws:s3:::other/*' })),
    managed('DenyWithoutAction', document({ Effect: 'Deny', Resource: 'arn:aws:s3:::other/*' })),
  ],
});

async function trickyEnvironment(): Promise<SimulationEnvironment> {
  const [catalog, store] = await Promise.all([loadedCatalog(), managedPolicies()]);
  const loaded = loadAccountFile(TRICKY_EXPORT, 'file:///tricky/authorization-details.json')!;
  const index = new AccountIndex(buildAccountModel([loaded], { managedPolicies: store }), store);
  return { catalog, actions: await ActionDirectory.load(catalog), cache: new CompiledPolicyCache(), index, fullAwsAccess: fullAwsAccessDocument(), now: NOW };
}

/** "Who can" must answer as "Simulate access" does, principal by principal, which evaluates every policy without skipping any. */
async function assertAgreesWithSimulate(env: SimulationEnvironment, result: WhoCanResult, action: string, resource: string, context?: Record<string, string>): Promise<void> {
  const listed = new Map([...result.allowed, ...result.explicitlyDenied].map((principal) => [principal.arn, principal]));
  for (const account of env.index!.model.accounts) {
    for (const entity of [...account.users, ...account.roles]) {
      const simulated = await simulateAccess({ principal: entity.arn, action, resource, context }, [], env);
      const decision = simulated.results[0].decision;
      const deciding = simulated.results[0].matchedStatements.filter((statement) => statement.deciding).map((statement) => `${statement.policyId}#${statement.statementIndex}`);
      const answer = listed.get(entity.arn);
      assert.equal(answer?.decision ?? 'implicitDeny', decision, `${entity.arn}: ${action} on ${resource}`);
      if (answer) assert.deepEqual(answer.statements.map((statement) => `${statement.policyId}#${statement.statementIndex}`), deciding, entity.arn);
    }
  }
}

describe('who can reads only the documents that may apply, and still answers as a simulation of each principal', () => {
  let tricky: SimulationEnvironment;
  before(async () => {
    tricky = await trickyEnvironment();
  });

  it('finds principals allowed or denied only through NotAction, "*", a service wildcard, a group, a boundary, unreadable entries or a missing Action', async () => {
    const result = await whoCan({ action: 's3:GetObject', resource: REPORT }, [], tricky);
    assert.deepEqual(result.allowed.map((principal) => principal.name).sort(), ['alice', 'aws-managed', 'by-group', 'by-not-action', 'by-star', 'inline-reader', 'not-other-bucket', 'wildcard-service']);
    assert.deepEqual(result.explicitlyDenied.map((principal) => principal.name).sort(), ['boundary-denies', 'deny-without-action', 'unreadable-deny']);
    assert.equal(result.evaluated, 15);
    await assertAgreesWithSimulate(tricky, result, 's3:GetObject', REPORT);
  });

  it('agrees with simulate for other actions and resources of the same account', async () => {
    for (const [action, resource] of [
      ['s3:GetObject', 'arn:aws:s3:::other/bob/x'],
      ['s3:PutObject', REPORT],
      ['sqs:SendMessage', `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`],
      ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/inline-reader`],
      ['ec2:DescribeInstances', '*'],
    ]) {
      await assertAgreesWithSimulate(tricky, await whoCan({ action, resource }, [], tricky), action, resource);
    }
  });

  it('agrees with simulate on the example account and the tagged fixture, conditions and missing keys included', async () => {
    const example = await simulationEnvironment(EXAMPLE_EXPORT);
    for (const [action, resource, context] of [
      ['s3:GetObject', 'arn:aws:s3:::example-reports/2024/q1.csv', { 'aws:MultiFactorAuthPresent': 'true' }],
      ['s3:GetObject', 'arn:aws:s3:::example-reports/2024/q1.csv', undefined],
      ['ec2:DescribeInstances', '*', undefined],
      ['iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/alice', undefined],
    ] as const) {
      const result = await whoCan({ action, resource, context }, [], example);
      await assertAgreesWithSimulate(example, result, action, resource, context);
    }
    const tagged = await simulationEnvironment(TAGGED_EXPORT);
    await assertAgreesWithSimulate(tagged, await whoCan({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::444455556666:role/auditor' }, [], tagged), 'sts:AssumeRole', 'arn:aws:iam::444455556666:role/auditor');
  });
});

describe('the document index files each document by the actions it can concern', () => {
  it('evaluates only the principals that use a document that may apply, in model order', async () => {
    const env = await trickyEnvironment();
    const index = env.index!;
    const entities = index.model.accounts.flatMap((account) => [...account.users, ...account.roles]);
    const built = await PrincipalDocumentIndex.build(index, entities);
    const concerned = built.concerning({ lowerAction: 's3:getobject', lowerService: 's3', resource: splitValue(REPORT) });
    // other-bucket's only statement names another bucket; bob's resource names his own prefix only when he asks, so the
    // index cannot rule it out (the variable); queue-only and nothing concern nothing of s3.
    assert.deepEqual(
      concerned.entities.map((entity) => entity.name),
      ['by-not-action', 'by-star', 'by-group', 'not-other-bucket', 'alice', 'bob', 'boundary-denies', 'wildcard-service', 'unreadable-deny', 'deny-without-action', 'inline-reader', 'aws-managed'],
    );
    // The bundled AWS managed policy was read while the index was built.
    assert.ok([...built.bundled.values()].some((document) => document?.arn === 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'));
  });
});

describe('actionScope: what a document can concern, for filing', () => {
  const scope = (...statements: unknown[]) => actionScope(JSON.stringify({ Statement: statements }));

  it('names actions without wildcards, services before a wildcard, in lower case', () => {
    assert.deepEqual(scope({ Effect: 'Allow', Action: ['S3:GetObject', 's3:Get*', 'sqs:SendMessage'], Resource: '*' }), { actions: ['s3:getobject', 'sqs:sendmessage'], services: ['s3'], anyService: false });
  });

  it('anything that may cover an action of any service: a wildcard before the colon, no colon, NotAction, no Action, non-string entries, not JSON', () => {
    for (const text of [
      JSON.stringify({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }),
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's?:GetObject', Resource: '*' }] }),
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'Get*', Resource: '*' }] }),
      JSON.stringify({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }),
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Deny', Resource: '*' }] }),
      JSON.stringify({ Statement: [{ Effect: 'Deny', Action: ['s3:GetObject', 7], Resource: '*' }] }),
      '{"Statement": [{"Effect": "Deny", "Action": "ec2:*",',
    ]) {
      assert.equal(actionScope(text).anyService, true, text);
    }
  });
});

describe('mayApplyTo: the action and resource tests the engine makes first (engine/statement.ts)', () => {
  const request = (action: string, resource: string) => ({ lowerAction: action.toLowerCase(), lowerService: action.slice(0, action.indexOf(':')).toLowerCase(), resource: splitValue(resource) });
  const applies = (statement: Record<string, unknown>, action = 's3:GetObject', resource = REPORT) => mayApplyTo(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }), request(action, resource));

  it('a statement applies only if its Action covers the action and its Resource (or NotResource) lets the resource through', () => {
    assert.equal(applies({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::reports/*' }), true);
    assert.equal(applies({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }), false);
    assert.equal(applies({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::other/*', 'arn:aws:s3:::logs/*'] }), false);
    assert.equal(applies({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::reports/*' }), false);
    assert.equal(applies({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::other/*' }), true);
    assert.equal(applies({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }), false);
    assert.equal(applies({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::reports/*' }), true);
  });

  it('may apply whenever the engine could not rule it out: variables, both or neither of Resource and NotResource, non-string entries', () => {
    assert.equal(applies({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/${aws:username}/*' }), true);
    assert.equal(applies({ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*', NotResource: 'arn:aws:s3:::x/*' }), true);
    assert.equal(applies({ Effect: 'Deny', Action: 's3:GetObject' }), true);
    assert.equal(applies({ Effect: 'Deny', Action: 's3:GetObject', Resource: ['arn:aws:s3:::other/*', 1] }), true);
    // The engine stops at an Action it cannot read, before the resource.
    assert.equal(applies({ Effect: 'Deny', Action: ['sqs:SendMessage', 1], Resource: 'arn:aws:s3:::other/*' }), true);
    assert.equal(applies({ Effect: 'Deny', Action: ['s3:GetObject', 1], Resource: 'arn:aws:s3:::other/*' }), false);
    assert.equal(applies({ Effect: 'Deny', Action: 7, Resource: 'arn:aws:s3:::other/*' }), true);
    assert.equal(applies({ Effect: 'Deny', Action: 's3:GetObject', NotAction: 'iam:*', Resource: 'arn:aws:s3:::other/*' }), true);
    assert.equal(mayApplyTo('{"Statement": [', request('s3:GetObject', REPORT)), true);
  });
});
