import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const IDENTITY = 'app.identity.json';
const BUCKET = 'b.bucket-policy.json';
const TOPIC = 't.topic-policy.json';

const { assertFinding, codesOf, applyFirstFixLeavingOthers } = policyChecks({ path: IDENTITY });

const policy = (...statements: string[]) => `{"Version": "2012-10-17", "Statement": [${statements.join(', ')}]}`;
const read = (sid: string, action = 's3:GetObject') => `{"Sid": ${JSON.stringify(sid)}, "Effect": "Allow", "Action": "${action}", "Resource": "arn:aws:s3:::b/*"}`;

describe('statement and Sid checks (reference_policies_elements_sid.md, access-analyzer-reference-policy-checks.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'sns']);
  });

  it('REDUNDANT_STATEMENT at the repeated statement, whatever the order of values and the Sid; with a fix that removes it', () => {
    const first = '{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}';
    const again = '«{»"Sid": "Again", "Effect": "Allow", "Action": ["S3:PutObject", "s3:GetObject"], "Resource": ["arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:securetransport": ["true"]}}}';
    assertFinding(policy(first, again), 'REDUNDANT_STATEMENT', IDENTITY);
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n  ]\n}';
    assert.equal(applyFirstFixLeavingOthers(text, 'REDUNDANT_STATEMENT', IDENTITY), '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n  ]\n}');
  });

  it('REDUNDANT_STATEMENT near misses: another effect, resource case, condition value or principal', () => {
    const base = '{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}';
    for (const variant of [
      base.replace('"Allow"', '"Deny"'),
      base.replace('b/*', 'B/*'),
      base.replace('vpce-1', 'vpce-2'),
      base.replace('111122223333', '444455556666'),
      base.replace('"Action"', '"NotAction"'),
    ]) {
      assert.ok(!codesOf(policy(base, variant), BUCKET).includes('REDUNDANT_STATEMENT'), variant);
    }
  });

  it('UNIQUE_SIDS_REQUIRED in IAM policies and SNS topic policies, with a rename fix', () => {
    assertFinding(policy(read('Read'), `{"Sid": «"Read"», "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}`), 'UNIQUE_SIDS_REQUIRED', IDENTITY);
    const after = applyFirstFixLeavingOthers(policy(read('Read'), read('Read', 's3:PutObject')), 'UNIQUE_SIDS_REQUIRED', IDENTITY);
    assert.equal(after, policy(read('Read'), read('Read2', 's3:PutObject')));
    const topic = (sid: string) => `{"Sid": ${sid}, "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t"}`;
    assertFinding(policy(topic('"P"'), topic('«"P"»').replace('Publish', 'Subscribe')), 'UNIQUE_SIDS_REQUIRED', TOPIC);
    assert.ok(!codesOf(policy(read('Read'), read('Write', 's3:PutObject')), IDENTITY).includes('UNIQUE_SIDS_REQUIRED'));
  });

  it('UNIQUE_SIDS_RECOMMENDED in other resource policies; near miss: distinct Sids', () => {
    const grant = (sid: string, action: string) => `{"Sid": ${sid}, "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "${action}", "Resource": "arn:aws:s3:::b/*"}`;
    assertFinding(policy(grant('"A"', 's3:GetObject'), grant('«"A"»', 's3:PutObject')), 'UNIQUE_SIDS_RECOMMENDED', BUCKET);
    assert.ok(!codesOf(policy(grant('"A"', 's3:GetObject'), grant('"A"', 's3:PutObject')), BUCKET).includes('UNIQUE_SIDS_REQUIRED'));
    assert.ok(!codesOf(policy(grant('"A"', 's3:GetObject'), grant('"B"', 's3:PutObject')), BUCKET).includes('UNIQUE_SIDS_RECOMMENDED'));
  });

  it('UNSUPPORTED_SID for characters IAM rejects, with a fix; near miss: letters and digits, and bucket policies', () => {
    assertFinding(policy('{"Sid": «"Allow-read logs"», "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'), 'UNSUPPORTED_SID', IDENTITY);
    assert.equal(applyFirstFixLeavingOthers(policy(read('Allow-read_logs')), 'UNSUPPORTED_SID', IDENTITY), policy(read('Allowreadlogs')));
    assert.ok(!codesOf(policy(read('AllowRead2')), IDENTITY).includes('UNSUPPORTED_SID'));
    const bucket = '{"Sid": "Allow read", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}';
    assert.ok(!codesOf(policy(bucket), BUCKET).includes('UNSUPPORTED_SID'), 'S3 accepts other characters in Sids');
  });

  it('EMPTY_SID_VALUE at the empty string, with a fix that removes the Sid; near miss: no Sid at all', () => {
    assertFinding(policy('{"Sid": «""», "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'), 'EMPTY_SID_VALUE', IDENTITY);
    assert.equal(applyFirstFixLeavingOthers(policy(read('')), 'EMPTY_SID_VALUE', IDENTITY), policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}'));
    assert.ok(!codesOf(policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'), IDENTITY).includes('EMPTY_SID_VALUE'));
  });
});
