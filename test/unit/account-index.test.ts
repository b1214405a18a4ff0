import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccountIndex, buildAccountModel, loadAccountFile } from '../../server/src/account';

const ACCOUNT = '123456789012';
const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const EXPORT = JSON.stringify({
  UserDetailList: [
    { UserName: 'ann', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:user/ann`, GroupList: ['devs', 'ops', 'missing'], UserPolicyList: [{ PolicyName: 'own', PolicyDocument: { Statement: [] } }], AttachedManagedPolicies: [{ PolicyName: 'P1', PolicyArn: policyArn('P1') }] },
    { UserName: 'ben', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:user/ben`, GroupList: ['ops'], UserPolicyList: [], AttachedManagedPolicies: [] },
  ],
  GroupDetailList: [
    { GroupName: 'devs', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:group/devs`, GroupPolicyList: [{ PolicyName: 'g', PolicyDocument: { Statement: [] } }], AttachedManagedPolicies: [] },
    { GroupName: 'ops', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:group/ops`, GroupPolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'P2', PolicyArn: policyArn('P2') }] },
  ],
  RoleDetailList: [],
  Policies: ['P1', 'P2'].map((name) => ({ PolicyName: name, Arn: policyArn(name), Path: '/', DefaultVersionId: 'v1', PolicyVersionList: [{ Document: { Statement: [] }, VersionId: 'v1', IsDefaultVersion: true }] })),
});

describe('AccountIndex lookups used for every principal of whole-account queries (id_groups.md)', () => {
  const index = new AccountIndex(buildAccountModel([loadAccountFile(EXPORT, 'file:///index/authorization-details.json')!]));
  const [ann, ben] = index.model.accounts[0].users;

  it("a user's groups in the order it lists them; a group the files do not define is left out", () => {
    assert.deepEqual(index.groupsOf(ann).map((group) => group.name), ['devs', 'ops']);
  });

  it('identity policies: own inline, own attached, then each group in order; a group gives every member the same records', () => {
    const describe = (principal: typeof ann) =>
      index.identityPoliciesOf(principal).map((policy) => `${policy.via.type === 'group' ? policy.via.group.name : 'direct'} ${policy.attachment === 'inline' ? policy.name : policy.reference.name}`);
    assert.deepEqual(describe(ann), ['direct own', 'direct P1', 'devs g', 'ops P2']);
    assert.deepEqual(describe(ben), ['ops P2']);
    assert.equal(index.identityPoliciesOf(ann)[3], index.identityPoliciesOf(ben)[0]);
    // A list of its own for each call: callers may add to it.
    assert.notEqual(index.identityPoliciesOf(ben), index.identityPoliciesOf(ben));
  });
});
