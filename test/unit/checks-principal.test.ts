import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const BUCKET = 'b.bucket-policy.json';
const TOPIC = 't.topic-policy.json';
const TRUST = 'role.trust.json';
const IDENTITY = 'app.identity.json';

const { codesOf, assertFinding, assertNoFinding, applyFirstFixLeavingOthers } = policyChecks({ path: BUCKET });

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;
const allow = (principal: string, extra = '') => policy(`{"Effect": "Allow", "Principal": ${principal}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"${extra}}`);
const CONDITION = ', "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}';

describe('principal checks (reference_policies_elements_principal.md, access-analyzer-reference-policy-checks.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'sts', 'iam', 'kms', 'sns', 'ec2', 'logs']);
  });

  it('INVALID_PRINCIPAL_FORMAT for a plain string principal, with a fix to {"AWS": ...}', () => {
    assertFinding(allow('«"123456789012"»', CONDITION), 'INVALID_PRINCIPAL_FORMAT', BUCKET);
    assert.equal(applyFirstFixLeavingOthers(allow('"123456789012"', CONDITION), 'INVALID_PRINCIPAL_FORMAT', BUCKET), allow('{ "AWS": "123456789012" }', CONDITION));
    assertNoFinding(allow('"*"', CONDITION), 'INVALID_PRINCIPAL_FORMAT', BUCKET);
  });

  it('INVALID_PRINCIPAL_FORMAT for an AWS value that is no principal; near miss: account, root, role, session, unique ID', () => {
    assertFinding(allow('{"AWS": ["arn:aws:iam::123456789012:root", «"arn:aws:s3:::bucket"», «"my-account"»]}'), 'INVALID_PRINCIPAL_FORMAT', BUCKET);
    const valid = '{"AWS": ["123456789012", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:role/path/Admin", "arn:aws:sts::123456789012:assumed-role/Admin/me", "arn:aws-cn:iam::123456789012:user/a"]}';
    assert.deepEqual(codesOf(allow(valid), BUCKET), []);
  });

  it('INVALID_PRINCIPAL_KEY at the key, with a fix for the case; near miss: CanonicalUser', () => {
    assertFinding(allow('{«"aws"»: "123456789012", «"Account"»: "123456789012"}'), 'INVALID_PRINCIPAL_KEY', BUCKET);
    assert.equal(applyFirstFixLeavingOthers(allow('{"aws": "123456789012"}'), 'INVALID_PRINCIPAL_KEY', BUCKET), allow('{"AWS": "123456789012"}'));
    assertNoFinding(allow('{"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}'), 'INVALID_PRINCIPAL_KEY', BUCKET);
  });

  it('UNSUPPORTED_WILDCARD_IN_PRINCIPAL for partial wildcards and "*" under other keys; near miss: {"AWS": "*"}', () => {
    assertFinding(allow('{"AWS": [«"arn:aws:iam::123456789012:role/*"», «"arn:aws:iam::12345678901?:root"»], "Service": «"*"»}'), 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', BUCKET);
    assertFinding(policy('{"Effect": "Allow", "Principal": {"AWS": «"arn:aws:iam::123456789012:user/dev-*"»}, "Action": "sts:AssumeRole"}'), 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', TRUST);
    assertNoFinding(allow('{"AWS": "*"}', CONDITION), 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', BUCKET);
  });

  it('INVALID_SERVICE_PRINCIPAL_FORMAT in Service, with fixes; near miss: regional and China service principals', () => {
    assertFinding(allow('{"Service": [«"EC2.amazonaws.com"», «"lambda"», «"arn:aws:iam::aws:service/ec2"»]}', CONDITION), 'INVALID_SERVICE_PRINCIPAL_FORMAT', BUCKET);
    assert.equal(applyFirstFixLeavingOthers(allow('{"Service": "EC2.amazonaws.com"}', CONDITION), 'INVALID_SERVICE_PRINCIPAL_FORMAT', BUCKET), allow('{"Service": "ec2.amazonaws.com"}', CONDITION));
    assert.equal(applyFirstFixLeavingOthers(allow('{"Service": "lambda"}', CONDITION), 'INVALID_SERVICE_PRINCIPAL_FORMAT', BUCKET), allow('{"Service": "lambda.amazonaws.com"}', CONDITION));
    assertNoFinding(allow('{"Service": ["logs.us-east-1.amazonaws.com", "ec2.amazonaws.com.cn", "delivery.logs.amazonaws.com"]}', CONDITION), 'INVALID_SERVICE_PRINCIPAL_FORMAT', BUCKET);
  });

  it('INVALID_SERVICE_PRINCIPAL_FORMAT in condition keys that take service principals; near miss: patterns and the regional form of kms:ViaService', () => {
    const identity = (condition: string) => policy(`{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": ${condition}}`);
    assertFinding(identity('{"StringEquals": {"kms:ViaService": «"ec2.amazonaws.com"», "aws:CalledViaFirst": «"CloudFormation"»}}'), 'INVALID_SERVICE_PRINCIPAL_FORMAT', IDENTITY);
    assertNoFinding(identity('{"StringEquals": {"kms:ViaService": "ec2.us-east-1.amazonaws.com"}, "StringLike": {"kms:ViaService": "rds.*.amazonaws.com"}}'), 'INVALID_SERVICE_PRINCIPAL_FORMAT', IDENTITY);
    assertNoFinding(identity('{"StringEquals": {"iam:PassedToService": "${aws:PrincipalTag/service}"}}'), 'INVALID_SERVICE_PRINCIPAL_FORMAT', IDENTITY);
  });

  it('FEDERATED_PRINCIPAL_NOT_SUPPORTED outside trust policies; near miss: a role trust policy', () => {
    assertFinding(allow('{«"Federated"»: "accounts.google.com"}', CONDITION), 'FEDERATED_PRINCIPAL_NOT_SUPPORTED', BUCKET);
    const trust = policy('{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"accounts.google.com:aud": "app"}}}');
    assertNoFinding(trust, 'FEDERATED_PRINCIPAL_NOT_SUPPORTED', TRUST);
  });

  it('EMPTY_ARRAY_PRINCIPAL with a fix when another key remains; EMPTY_OBJECT_PRINCIPAL', () => {
    assertFinding(allow('{"AWS": «[]», "Service": "s3.amazonaws.com"}', CONDITION), 'EMPTY_ARRAY_PRINCIPAL', BUCKET);
    assert.equal(applyFirstFixLeavingOthers(allow('{"AWS": [], "Service": "s3.amazonaws.com"}', CONDITION), 'EMPTY_ARRAY_PRINCIPAL', BUCKET), allow('{"Service": "s3.amazonaws.com"}', CONDITION));
    assertNoFinding(allow('{"AWS": ["123456789012"]}'), 'EMPTY_ARRAY_PRINCIPAL', BUCKET);
    assertFinding(allow('«{}»'), 'EMPTY_OBJECT_PRINCIPAL', BUCKET);
    assertNoFinding(allow('{"AWS": "123456789012"}'), 'EMPTY_OBJECT_PRINCIPAL', BUCKET);
  });

  it('ALLOW_WITH_NOTPRINCIPAL at NotPrincipal; near miss: Deny with NotPrincipal (reference_policies_elements_notprincipal.md)', () => {
    assertFinding(policy('{"Effect": "Allow", «"NotPrincipal"»: {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}'), 'ALLOW_WITH_NOTPRINCIPAL', BUCKET);
    assertNoFinding(policy('{"Effect": "Deny", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}'), 'ALLOW_WITH_NOTPRINCIPAL', BUCKET);
  });

  it('RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL without a source condition; near miss: aws:SourceArn, and trust policies', () => {
    const topic = (extra: string) => policy(`{"Effect": "Allow", "Principal": {«"Service"»: "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:123456789012:t"${extra}}`);
    assertFinding(topic(''), 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', TOPIC);
    assertNoFinding(topic(', "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/r"}}').replace(/[«»]/g, ''), 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', TOPIC);
    assertNoFinding(policy('{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}'), 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', TRUST);
  });

  it('INVALID_ROLE_REFERENCE and INVALID_USER_REFERENCE for unique IDs (reference_identifiers.md); near miss: the ARNs', () => {
    assertFinding(allow('{"AWS": [«"AROADBQP57FF2AEXAMPLE"», "AIDACKCEVSQ6C2EXAMPLE"]}'), 'INVALID_ROLE_REFERENCE', BUCKET);
    assertFinding(allow('{"AWS": ["AROADBQP57FF2AEXAMPLE", «"AIDACKCEVSQ6C2EXAMPLE"»]}'), 'INVALID_USER_REFERENCE', BUCKET);
    const arns = allow('{"AWS": ["arn:aws:iam::123456789012:role/AROADBQP57FF2AEXAMPLE", "arn:aws:iam::123456789012:user/AIDACKCEVSQ6C2EXAMPLE"]}');
    assertNoFinding(arns, 'INVALID_ROLE_REFERENCE', BUCKET);
    assertNoFinding(arns, 'INVALID_USER_REFERENCE', BUCKET);
  });

  it('ALLOW_ALL_PRINCIPALS_WITHOUT_CONDITION for "*" and {"AWS": "*"}; near miss: with a Condition, or Deny', () => {
    assertFinding(allow('«"*"»'), 'ALLOW_ALL_PRINCIPALS_WITHOUT_CONDITION', BUCKET);
    assertFinding(policy('{"Effect": "Allow", "Principal": {"AWS": «"*"»}, "Action": "sts:AssumeRole"}'), 'ALLOW_ALL_PRINCIPALS_WITHOUT_CONDITION', TRUST);
    assertNoFinding(allow('"*"', CONDITION), 'ALLOW_ALL_PRINCIPALS_WITHOUT_CONDITION', BUCKET);
    assertNoFinding(policy('{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}'), 'ALLOW_ALL_PRINCIPALS_WITHOUT_CONDITION', BUCKET);
  });

  it('no principal findings in an identity policy beyond UNSUPPORTED_PRINCIPAL', () => {
    const found = codesOf(allow('{"aws": "x", "Service": "EC2"}'), IDENTITY);
    assert.ok(found.includes('UNSUPPORTED_PRINCIPAL'));
    assert.deepEqual(
      found.filter((code) => /PRINCIPAL_(FORMAT|KEY)|SERVICE_PRINCIPAL/.test(code)),
      [],
    );
  });
});
