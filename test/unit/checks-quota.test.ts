import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { policySize } from '../../server/src/analysis/quotas';
import { readSettings } from '../../server/src/settings';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { analyze, codesOf } = policyChecks({ path: 'a.identity.json' });

/**
 * A pretty-printed policy whose size without white space is exactly `size`: the Sid is padded.
 * `principal` makes it a resource or trust policy.
 */
function policyOfSize(size: number, statement: { principal?: string; action: string; resource?: string; effect?: string }): string {
  const build = (sid: string) =>
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Sid: sid, Effect: statement.effect ?? 'Allow', ...(statement.principal ? { Principal: { AWS: statement.principal } } : {}), Action: statement.action, ...(statement.resource ? { Resource: statement.resource } : {}) }],
      },
      null,
      4,
    );
  const base = policySize(build('')).withoutWhiteSpace;
  const text = build('S'.repeat(size - base));
  assert.equal(policySize(text).withoutWhiteSpace, size);
  return text;
}

const IDENTITY = { action: 's3:GetObject', resource: '*' };
const BUCKET = { principal: '111122223333', action: 's3:GetObject', resource: 'arn:aws:s3:::b/*' };
const QUEUE = { principal: '111122223333', action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:111122223333:q' };
const TRUST = { principal: '111122223333', action: 'sts:AssumeRole' };

describe('policy size quotas (reference_iam-quotas.md, access-analyzer-reference-policy-checks.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'sqs', 'sts', 'es']);
  });

  it('policySize leaves out white space between tokens, not inside strings ("IAM does not count white space")', () => {
    assert.deepEqual(policySize('{ "a b" :\n\t[ "c\\" d" ] }\r\n'), { withoutWhiteSpace: 17, total: 26 });
  });

  it('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA over 6,144 (managed, the default) at the first character; near miss: exactly 6,144', () => {
    const over = analyze(policyOfSize(6145, IDENTITY), 'a.identity.json').findings.filter((finding) => finding.code === 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA');
    assert.equal(over.length, 1);
    assert.deepEqual(over[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.match(over[0].message, /6,145 characters .*6,144 limit for managed policy/);
    assert.ok(!codesOf(policyOfSize(6144, IDENTITY), 'a.identity.json').includes('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'));
  });

  it('the identity limit follows iamPolicyStudio.identityPolicyQuota, and the message names it', () => {
    const text = policyOfSize(3000, IDENTITY);
    const options = readSettings({ identityPolicyQuota: 'userInline' }).analysis;
    const [finding] = analyze(text, 'a.identity.json', options).findings.filter((candidate) => candidate.code === 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA');
    assert.match(finding?.message ?? '', /2,048 limit for user inline policies/);
    assert.ok(!codesOf(text, 'a.identity.json', readSettings({ identityPolicyQuota: 'roleInline' }).analysis).includes('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'));
    assert.ok(codesOf(policyOfSize(5121, IDENTITY), 'a.identity.json', readSettings({ identityPolicyQuota: 'groupInline' }).analysis).includes('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'));
    assert.ok(codesOf(policyOfSize(6145, IDENTITY), 'a.boundary.json', options).includes('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'), 'a boundary is a managed policy whatever the setting');
    assert.ok(!codesOf(policyOfSize(3000, IDENTITY), 'a.boundary.json', options).includes('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'));
  });

  it('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA over 2,048 by default, over the adjusted quota when set', () => {
    assert.ok(codesOf(policyOfSize(2049, TRUST), 'r.trust.json').includes('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA'));
    assert.ok(!codesOf(policyOfSize(2048, TRUST), 'r.trust.json').includes('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA'));
    const raised = readSettings({ trustPolicyQuota: 4096 }).analysis;
    assert.ok(!codesOf(policyOfSize(4000, TRUST), 'r.trust.json', raised).includes('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA'));
    assert.ok(codesOf(policyOfSize(4097, TRUST), 'r.trust.json', readSettings({ trustPolicyQuota: 9000 }).analysis).includes('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA'), 'capped at the 4,096 maximum');
  });

  it('POLICY_SIZE_EXCEEDS_SCP_QUOTA and POLICY_SIZE_EXCEEDS_RCP_QUOTA over 5,120; near miss: 5,120', () => {
    const deny = { action: 's3:DeleteBucket', resource: '*', effect: 'Deny' };
    assert.ok(codesOf(policyOfSize(5121, deny), 'g.scp.json').includes('POLICY_SIZE_EXCEEDS_SCP_QUOTA'));
    assert.ok(!codesOf(policyOfSize(5120, deny), 'g.scp.json').includes('POLICY_SIZE_EXCEEDS_SCP_QUOTA'));
    assert.ok(codesOf(policyOfSize(5121, deny), 'g.rcp.json').includes('POLICY_SIZE_EXCEEDS_RCP_QUOTA'));
  });

  it('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA by service: S3 20 KB, SQS 8,192; near miss: under, or a service without a documented limit', () => {
    assert.ok(codesOf(policyOfSize(20 * 1024 + 1, BUCKET), 'b.bucket-policy.json').includes('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'));
    assert.ok(!codesOf(policyOfSize(20 * 1024, BUCKET), 'b.bucket-policy.json').includes('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'));
    assert.ok(codesOf(policyOfSize(8193, QUEUE), 'q.queue-policy.json').includes('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'));
    assert.ok(!codesOf(policyOfSize(9000, BUCKET), 'b.bucket-policy.json').includes('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'));
    assert.ok(!codesOf(policyOfSize(40000, { ...BUCKET, resource: 'arn:aws:es:us-east-1:111122223333:domain/d/*', action: 'es:ESHttpGet' }), 'd.resource-policy.json').includes('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'));
  });
});
