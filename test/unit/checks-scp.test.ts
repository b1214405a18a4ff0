import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyFix } from '../support/applyFix';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { analyze } = policyChecks({ path: 'guard.scp.json' });

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

describe('service control policy checks (access-analyzer-reference-policy-checks.md, SCP syntax)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'ec2', 'iam']);
  });

  it('SCP_SYNTAX_ERROR_PRINCIPAL at Principal and NotPrincipal, instead of UNSUPPORTED_PRINCIPAL', () => {
    const source = policy('{"Effect": "Deny", «"Principal"»: {"AWS": "arn:aws:iam::123456789012:role/Admin"}, "Action": "s3:*", "Resource": "*"}');
    const { findings, ranges } = analyze(source);
    assert.deepEqual(findings.filter((finding) => finding.code === 'SCP_SYNTAX_ERROR_PRINCIPAL').map((finding) => finding.range), ranges);
    assert.ok(!findings.some((finding) => finding.code === 'UNSUPPORTED_PRINCIPAL'));
    assert.equal(findings.find((finding) => finding.code === 'SCP_SYNTAX_ERROR_PRINCIPAL')?.fixes, undefined, 'removing a named principal would widen the deny');
    const not = analyze(policy('{"Effect": "Deny", «"NotPrincipal"»: {"AWS": "123456789012"}, "Action": "s3:*", "Resource": "*"}'));
    assert.deepEqual(not.findings.filter((finding) => finding.code === 'SCP_SYNTAX_ERROR_PRINCIPAL').map((finding) => finding.range), not.ranges);
  });

  it('SCP_SYNTAX_ERROR_PRINCIPAL offers to remove "Principal": "*", which changes nothing in an SCP', () => {
    const text = policy('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}');
    const finding = analyze(text).findings.find((candidate) => candidate.code === 'SCP_SYNTAX_ERROR_PRINCIPAL');
    assert.ok(finding?.fixes);
    const fixed = applyFix(text, finding.fixes[0]);
    assert.equal(fixed, policy('{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}'));
    assert.deepEqual(analyze(fixed).codes, []);
  });

  it('near miss: what SCPs accept since they support the full IAM language (Allow with Condition, NotAction, Resource ARNs; NotResource; inner wildcards)', () => {
    const modern = policy(
      '{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::logs/*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}, {"Effect": "Deny", "Action": "ec2:*Instances", "Resource": "arn:aws:ec2:*:*:instance/*"}',
    );
    const codes = analyze(modern).codes;
    assert.ok(!codes.some((code) => code.startsWith('SCP_SYNTAX_ERROR')), codes.join(', '));
  });

  it('SCP_SYNTAX_ERROR_PRINCIPAL applies to SCPs only: a bucket policy names principals', () => {
    const source = policy('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}');
    assert.ok(!analyze(source, 'b.bucket-policy.json').findings.some((finding) => finding.code === 'SCP_SYNTAX_ERROR_PRINCIPAL'));
  });
});
