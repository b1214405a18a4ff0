import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  AccountIndex,
  awsManagedPolicyUri,
  buildAccountModel,
  loadAccountFile,
  loadAuthorizationDetails,
  type AccountModel,
  type IamGroup,
  type IamUser,
  type LoadedAccountFile,
} from '../../server/src/account';
import type { ManagedPolicyStore } from '../../server/src/catalog/managedPolicies';
import { managedPolicies } from '../support/catalog';

const repoRoot = resolve(__dirname, '../../..');
const fixtureUri = (name: string) => `file:///fixtures/${name}`;
function loadFixture(name: string): LoadedAccountFile {
  const path = name.startsWith('examples/') ? join(repoRoot, name) : join(repoRoot, 'test/fixtures/account', name);
  return loadAccountFile(readFileSync(path, 'utf8'), fixtureUri(name))!;
}

let store: ManagedPolicyStore;
before(async () => {
  store = await managedPolicies();
});

describe('account model: several files, several accounts', () => {
  let model: AccountModel;
  before(() => {
    model = buildAccountModel(['account-b-part1.json', 'account-b-part2.json', 'account-c.json'].map(loadFixture), { managedPolicies: store });
  });

  it('makes one account per account id, merging files of the same account', () => {
    assert.deepEqual(
      model.accounts.map((account) => [account.id, account.sources]),
      [
        ['220000000002', [fixtureUri('account-b-part1.json'), fixtureUri('account-b-part2.json')]],
        ['230000000003', [fixtureUri('account-c.json')]],
      ],
    );
    const b = model.accounts[0];
    assert.deepEqual(b.roles.map((role) => role.name), ['audit-runner', 'deployer']);
  });

  it('keeps the first of an entity defined twice and reports the second where it is', () => {
    const duplicates = model.problems.filter((problem) => problem.code === 'account-duplicate-entity');
    assert.equal(duplicates.length, 1);
    assert.equal(duplicates[0].uri, fixtureUri('account-b-part2.json'));
    assert.match(duplicates[0].message, /arn:aws:iam::220000000002:role\/audit-runner is already defined \(file:\/\/\/fixtures\/account-b-part1\.json line \d+\)/);
  });

  it('keeps same-named groups of different accounts apart', () => {
    const index = new AccountIndex(model, store);
    const dana = index.principal('arn:aws:iam::220000000002:user/dana') as IamUser;
    const erin = index.principal('arn:aws:iam::230000000003:user/erin') as IamUser;
    assert.deepEqual(index.groupsOf(dana).map((group) => group.arn), ['arn:aws:iam::220000000002:group/Auditors']);
    assert.deepEqual(index.groupsOf(erin).map((group) => group.arn), ['arn:aws:iam::230000000003:group/Auditors']);
    assert.deepEqual(index.membersOf(index.groupsOf(erin)[0]).map((user) => user.name), ['erin']);
  });

  it('reports references that lead nowhere: a missing group, a customer policy not exported, an unknown AWS managed policy', () => {
    const messages = model.problems.filter((problem) => problem.code === 'account-unknown-reference').map((problem) => problem.message);
    assert.ok(messages.some((message) => message.includes('"Ghosts"')));
    assert.ok(messages.some((message) => message.includes('arn:aws:iam::220000000002:policy/MissingFromExport is not in the loaded files')));
    assert.ok(messages.some((message) => message.includes('arn:aws:iam::aws:policy/NotARealManagedPolicy is not an AWS managed policy known')));
    // Known AWS managed policies resolve offline, so they are not reported.
    assert.ok(!messages.some((message) => message.includes('SecurityAudit') || message.includes('ReadOnlyAccess')));
  });
});

describe('account index: the example account', () => {
  let index: AccountIndex;
  before(() => {
    const file = loadAuthorizationDetails(readFileSync(join(repoRoot, 'examples/account/authorization-details.json'), 'utf8'), fixtureUri('example.json'));
    index = new AccountIndex(buildAccountModel([file], { managedPolicies: store }), store);
  });

  it('finds principals by ARN, also in another case (IAM names are unique ignoring case)', () => {
    assert.equal(index.principal('arn:aws:iam::111122223333:user/ops/bob')?.name, 'bob');
    assert.equal(index.principal('arn:aws:iam::111122223333:user/ops/BOB')?.name, 'bob');
    assert.equal(index.principal('arn:aws:iam::111122223333:user/nobody'), undefined);
    assert.deepEqual(index.principalsNamed('role', 'github-deploy').map((role) => role.arn), ['arn:aws:iam::111122223333:role/github-deploy']);
  });

  it('lists a user\'s identity policies: its own, then those of its groups (id_groups.md)', () => {
    const alice = index.principal('arn:aws:iam::111122223333:user/alice')!;
    const policies = index.identityPoliciesOf(alice).map((policy) => {
      const via = policy.via.type === 'group' ? `group ${policy.via.group.name}` : 'direct';
      return policy.attachment === 'inline' ? `${via}: inline ${policy.name}` : `${via}: managed ${policy.reference.name}`;
    });
    assert.deepEqual(policies, ['direct: inline ManageOwnAccessKeys', 'group Developers: managed ReportsReader', 'group RequireMFA: inline DenyWithoutMFA']);
  });

  it('gives the permissions boundary of a user and a role, and none for a group', () => {
    const alice = index.principal('arn:aws:iam::111122223333:user/alice')!;
    const deploy = index.principal('arn:aws:iam::111122223333:role/github-deploy')!;
    const group = index.principal('arn:aws:iam::111122223333:group/Developers') as IamGroup;
    assert.equal(index.permissionsBoundaryOf(alice)?.policy?.name, 'DeveloperBoundary');
    assert.equal(index.permissionsBoundaryOf(deploy)?.arn, 'arn:aws:iam::111122223333:policy/DeveloperBoundary');
    assert.equal(index.permissionsBoundaryOf(group), undefined);
    assert.deepEqual(
      index.principalsUsing('arn:aws:iam::111122223333:policy/DeveloperBoundary').map((use) => `${use.principal.name} ${use.as}`),
      ['alice boundary', 'github-deploy boundary'],
    );
  });

  it('reads the document in force of a customer managed policy from the export (the default version)', async () => {
    const reference = index.managedPolicy('arn:aws:iam::111122223333:policy/ReportsReader');
    const document = await index.documentOf(reference);
    assert.equal(document?.name, 'ReportsReader v2');
  });

  it('resolves AWS managed policies the export does not include offline, from the bundled catalog', async () => {
    const bob = index.principal('arn:aws:iam::111122223333:user/ops/bob')!;
    const [attached] = index.identityPoliciesOf(bob);
    assert.equal(attached.attachment, 'managed');
    if (attached.attachment !== 'managed') return;
    assert.equal(attached.reference.awsManaged, true);
    assert.equal(attached.reference.policy, undefined, 'not in the export');
    const document = await index.documentOf(attached.reference);
    assert.ok(document);
    assert.equal(document.source.uri, awsManagedPolicyUri('arn:aws:iam::aws:policy/ReadOnlyAccess'));
    assert.equal(document.source.uri, 'iam-aws-managed-policy:/ReadOnlyAccess.json');
    assert.equal(document.source.precision, 'bundled');
    assert.equal(document.kind.type, 'identity');
    assert.ok(document.ast.statements.length > 0);
    assert.equal((await store.resolve('ReadOnlyAccess'))?.documentText, document.text);
    // Read once, then kept.
    assert.equal(await index.documentOf(attached.reference), document);
    const unknown = await index.documentOf(index.managedPolicy('arn:aws:iam::aws:policy/NoSuchPolicyAnywhere'));
    assert.equal(unknown, undefined);
  });
});
