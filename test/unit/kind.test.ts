import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decidePolicyKind, kindFromFileName } from '../../server/src/policy/kind';
import { parsePolicy } from '../../server/src/policy/parse';
import { kindFromSettings, readSettings } from '../../server/src/settings';

const IDENTITY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}';
const BUCKET = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';

describe('policy kind (access_policies.md)', () => {
  it('content: no Principal means identity', () => {
    assert.deepEqual(decidePolicyKind(parsePolicy(IDENTITY)), { type: 'identity', source: 'content' });
  });

  it('content: sts:AssumeRole* with a principal means a role trust policy (id_roles_terms-and-concepts.md)', () => {
    assert.equal(decidePolicyKind(parsePolicy(TRUST)).type, 'trust');
  });

  it('content: a Principal means a resource policy, with the service when it can be told', () => {
    assert.deepEqual(decidePolicyKind(parsePolicy(BUCKET)), { type: 'resource', resourceService: 's3', source: 'content' });
  });

  it('file-name conventions come before content', () => {
    assert.deepEqual(kindFromFileName('file:///w/org/guard.SCP.json'), { type: 'scp', resourceService: undefined, source: 'file-name' });
    assert.equal(kindFromFileName('/w/key.key-policy.json')?.resourceService, 'kms');
    assert.equal(decidePolicyKind(parsePolicy(BUCKET), { path: '/w/x.trust.json' }).type, 'trust');
    assert.equal(kindFromFileName('/w/policy.json'), undefined);
  });

  it('a location (CloudFormation) comes after the file name and before content', () => {
    const ast = parsePolicy(IDENTITY);
    assert.equal(decidePolicyKind(ast, { path: '/w/template.yaml', location: { type: 'trust', source: 'location' } }).type, 'trust');
  });

  it('a per-glob setting wins over everything', () => {
    const settings = readSettings({ policyKinds: { 'org/scps/*.json': 'scp', 'bad/*.json': 'not-a-kind' } });
    const explicit = kindFromSettings(settings, 'file:///work/org/scps/deny%20all.json');
    assert.deepEqual(explicit, { type: 'scp', source: 'setting' });
    assert.equal(decidePolicyKind(parsePolicy(IDENTITY), { explicit, path: '/work/org/scps/x.trust.json' }).type, 'scp');
    assert.equal(kindFromSettings(settings, 'file:///work/bad/a.json'), undefined);
  });
});
