import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { loadingPolicyChecks } from '../support/checks';

const { assertFinding, assertNoFinding, applyAndRecheck } = loadingPolicyChecks({ path: 'policy.iam.json', minMessageLength: 20 });

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

const arnPolicy = (resource: string, action = '"s3:GetObject"') => policy(`{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}}`);

describe('ARN checks (access-analyzer-reference-policy-checks.md, reference_identifiers.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'iam', 'sqs', 'kms', 'logs', 'devops-guru', 'waf']);
  });

  it('INVALID_ARN_PREFIX, with fixes for a missing or upper-case "arn:"; near miss: "*" and a leading wildcard', async () => {
    await assertFinding(arnPolicy('[«"aws:s3:::bucket/*"», «"ARN:aws:s3:::bucket/*"», «"bucket"»]'), 'INVALID_ARN_PREFIX');
    assert.match(await applyAndRecheck(arnPolicy('"aws:s3:::bucket/*"'), 'INVALID_ARN_PREFIX'), /"arn:aws:s3:::bucket\/\*"/);
    assert.match(await applyAndRecheck(arnPolicy('"ARN:aws:s3:::bucket/*"'), 'INVALID_ARN_PREFIX'), /"arn:aws:s3:::bucket\/\*"/);
    await assertNoFinding(arnPolicy('["*", "*:s3:::bucket/*"]'), 'INVALID_ARN_PREFIX');
  });

  it('MISSING_ARN_FIELD for too few fields; near miss: a trailing wildcard, and an empty resource part', async () => {
    await assertFinding(arnPolicy('[«"arn:aws:s3::bucket"», «"arn::s3:::bucket/*"»]'), 'MISSING_ARN_FIELD');
    await assertNoFinding(arnPolicy('["arn:aws:s3:*", "arn:aws:organizations::*:"]', '"s3:*"'), 'MISSING_ARN_FIELD');
  });

  it('INVALID_PARTITION with the nearest partition as fix; near miss: aws-us-gov and a wildcard', async () => {
    await assertFinding(arnPolicy('«"arn:aws-cm:s3:::bucket/*"»'), 'INVALID_PARTITION');
    assert.match(await applyAndRecheck(arnPolicy('"arn:aws-cm:s3:::bucket/*"'), 'INVALID_PARTITION'), /arn:aws-cn:s3/);
    await assertNoFinding(arnPolicy('["arn:aws-us-gov:s3:::bucket/*", "arn:*:s3:::bucket/*", "arn:${aws:partition}:s3:::b/*"]'), 'INVALID_PARTITION');
  });

  it('INVALID_SERVICE for a misspelt service, with a fix; near miss: an ARN-only service name (Marketplace "catalog")', async () => {
    await assertFinding(arnPolicy('«"arn:aws:sqss:us-east-1:111122223333:queue1"»', '"sqs:SendMessage"'), 'INVALID_SERVICE');
    assert.match(await applyAndRecheck(arnPolicy('"arn:aws:sqss:us-east-1:111122223333:queue1"', '"sqs:SendMessage"'), 'INVALID_SERVICE'), /arn:aws:sqs:us-east-1/);
    await assertNoFinding(arnPolicy('"arn:aws:catalog:us-east-1:111122223333:AWSMarketplace/*"', '"aws-marketplace:DescribeEntity"'), 'INVALID_SERVICE');
  });

  it('INVALID_ARN_SERVICE_CASE with a lower-case fix; near miss: lower case', async () => {
    await assertFinding(arnPolicy('«"arn:aws:S3:::bucket/*"»'), 'INVALID_ARN_SERVICE_CASE');
    await applyAndRecheck(arnPolicy('"arn:aws:S3:::bucket/*"'), 'INVALID_ARN_SERVICE_CASE');
    await assertNoFinding(arnPolicy('"arn:aws:s3:::bucket/*"'), 'INVALID_ARN_SERVICE_CASE');
  });

  it('INVALID_ARN_REGION for a malformed code or a Region of another partition; near miss: a well-formed new Region', async () => {
    await assertFinding(
      arnPolicy('[«"arn:aws:sqs:us-east1:111122223333:q"», «"arn:aws:sqs:cn-north-1:111122223333:q"»]', '"sqs:SendMessage"'),
      'INVALID_ARN_REGION',
    );
    assert.match(await applyAndRecheck(arnPolicy('"arn:aws:sqs:us-east1:111122223333:q"', '"sqs:SendMessage"'), 'INVALID_ARN_REGION'), /sqs:us-east-1:/);
    await assertNoFinding(
      arnPolicy('["arn:aws-cn:sqs:cn-north-1:111122223333:q", "arn:aws:sqs:us-east-7:111122223333:q", "arn:aws:sqs:eu-*:111122223333:q"]', '"sqs:SendMessage"'),
      'INVALID_ARN_REGION',
    );
  });

  it('MISSING_ARN_REGION where every fitting resource type has a Region; near miss: S3 buckets have none', async () => {
    await assertFinding(arnPolicy('«"arn:aws:sqs::111122223333:q"»', '"sqs:SendMessage"'), 'MISSING_ARN_REGION');
    await applyAndRecheck(arnPolicy('"arn:aws:sqs::111122223333:q"', '"sqs:SendMessage"'), 'MISSING_ARN_REGION');
    await assertNoFinding(arnPolicy('["arn:aws:s3:::bucket", "arn:aws:sqs:*:111122223333:q"]', '"s3:ListBucket"'), 'MISSING_ARN_REGION');
  });

  it('ARN_REGION_NOT_ALLOWED for IAM, with a fix; near miss: no Region, or a wildcard', async () => {
    await assertFinding(arnPolicy('«"arn:aws:iam:us-east-1:111122223333:role/app"»', '"iam:GetRole"'), 'ARN_REGION_NOT_ALLOWED');
    assert.match(await applyAndRecheck(arnPolicy('"arn:aws:iam:us-east-1:111122223333:role/app"', '"iam:GetRole"'), 'ARN_REGION_NOT_ALLOWED'), /arn:aws:iam::111122223333/);
    await assertNoFinding(arnPolicy('["arn:aws:iam::111122223333:role/app", "arn:aws:iam:*:111122223333:role/app"]', '"iam:GetRole"'), 'ARN_REGION_NOT_ALLOWED');
  });

  it('INVALID_ARN_ACCOUNT, with a fix for hyphens; near miss: "aws", wildcards and variables', async () => {
    await assertFinding(arnPolicy('[«"arn:aws:iam::1111-2222-3333:role/app"», «"arn:aws:iam::12345:role/app"»]', '"iam:GetRole"'), 'INVALID_ARN_ACCOUNT');
    assert.match(await applyAndRecheck(arnPolicy('"arn:aws:iam::1111-2222-3333:role/app"', '"iam:GetRole"'), 'INVALID_ARN_ACCOUNT'), /iam::111122223333:/);
    await assertNoFinding(
      arnPolicy('["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::1111222233*:role/app", "arn:aws:iam::${aws:PrincipalAccount}:role/app"]', '"iam:GetPolicy"'),
      'INVALID_ARN_ACCOUNT',
    );
  });

  it('ARN_ACCOUNT_NOT_ALLOWED for S3 objects, with a fix; near miss: an S3 access point has an account', async () => {
    await assertFinding(arnPolicy('«"arn:aws:s3::111122223333:bucket/*"»'), 'ARN_ACCOUNT_NOT_ALLOWED');
    assert.match(await applyAndRecheck(arnPolicy('"arn:aws:s3::111122223333:bucket/*"'), 'ARN_ACCOUNT_NOT_ALLOWED'), /arn:aws:s3:::bucket/);
    await assertNoFinding(arnPolicy('"arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*"'), 'ARN_ACCOUNT_NOT_ALLOWED');
  });

  it('MISSPELLED_ARN_RESOURCE_TYPE for a near misspelt resource-type word, with a fix; near misses: unknown words and foreign formats', async () => {
    await assertFinding(arnPolicy('«"arn:aws:iam::111122223333:rolee/app"»', '"iam:GetRole"'), 'MISSPELLED_ARN_RESOURCE_TYPE');
    assert.match(await applyAndRecheck(arnPolicy('"arn:aws:iam::111122223333:rolee/app"', '"iam:GetRole"'), 'MISSPELLED_ARN_RESOURCE_TYPE'), /:role\/app"/);
    await assertNoFinding(
      arnPolicy('["arn:aws:iam::111122223333:role/app", "arn:aws:waf::111122223333:changetoken/*", "arn:aws:devops-guru:*:*:/channels", "arn:aws:sqs:us-east-1:111122223333:rolee"]', '"iam:GetRole"'),
      'MISSPELLED_ARN_RESOURCE_TYPE',
    );
  });

  it('INVALID_REGION in Region condition keys, with a fix; near miss: patterns and real codes', async () => {
    const condition = (values: string, operator = 'StringEquals') =>
      policy(`{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"${operator}": {"aws:RequestedRegion": ${values}}}}`);
    await assertFinding(condition('[«"us-east1"», "us-west-2", «"Frankfurt"»]'), 'INVALID_REGION');
    assert.match(await applyAndRecheck(condition('"us-east1"'), 'INVALID_REGION'), /"us-east-1"/);
    await assertNoFinding(condition('["eu-*", "us-west-2"]', 'StringNotLike'), 'INVALID_REGION');
  });
});

describe('resource checks (access-analyzer-reference-policy-checks.md, reference_policies_elements_resource.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'iam', 'kms', 'logs']);
  });

  it('EMPTY_ARRAY_RESOURCE at the key, with a fix that removes the statement; near miss: NotResource: []', async () => {
    const source = policy('{"Effect": "Allow", "Action": "s3:GetObject", «"Resource"»: []}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}');
    await assertFinding(source, 'EMPTY_ARRAY_RESOURCE');
    await applyAndRecheck(source.replace(/[«»]/g, ''), 'EMPTY_ARRAY_RESOURCE');
    await assertNoFinding(policy('{"Effect": "Deny", "Action": "s3:GetObject", "NotResource": []}'), 'EMPTY_ARRAY_RESOURCE');
  });

  it('REDUNDANT_RESOURCE: the reference example; near miss: the same role name in two accounts', async () => {
    await assertFinding(
      arnPolicy('[«"arn:aws:iam::111122223333:role/jane-admin"», «"arn:aws:iam::111122223333:role/jane-s3only"», "arn:aws:iam::111122223333:role/jane*"]', '"iam:GetRole"'),
      'REDUNDANT_RESOURCE',
    );
    const fixed = await applyAndRecheck(
      arnPolicy('["arn:aws:iam::111122223333:role/jane-admin", "arn:aws:iam::111122223333:role/jane-s3only", "arn:aws:iam::111122223333:role/jane*"]', '"iam:GetRole"'),
      'REDUNDANT_RESOURCE',
      /Remove all/,
    );
    assert.deepEqual(JSON.parse(fixed).Statement[0].Resource, ['arn:aws:iam::111122223333:role/jane*']);
    await assertNoFinding(arnPolicy('["arn:aws:iam::111122223333:role/jane*", "arn:aws:iam::444455556666:role/jane-admin"]', '"iam:GetRole"'), 'REDUNDANT_RESOURCE');
  });

  it('UNSUPPORTED_RESOURCE_ARN_IN_POLICY: a KMS ARN in a bucket policy; near miss: the bucket\'s objects', async () => {
    const statement = (resource: string) =>
      policy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": ${resource}}`);
    await assertFinding(statement('«"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"»'), 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY', 'data.bucket-policy.json');
    await assertNoFinding(statement('"arn:aws:s3:::data/*"'), 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY', 'data.bucket-policy.json');
  });

  it('ACTION_RESOURCE_MISMATCH: objects vs buckets both ways; near misses: fitting ARNs, "*", variables, log groups with slashes', async () => {
    await assertFinding(arnPolicy('"arn:aws:s3:::bucket"', '[«"s3:GetObject"», "s3:ListBucket"]'), 'ACTION_RESOURCE_MISMATCH');
    await assertFinding(arnPolicy('"arn:aws:s3:::bucket/*"', '[«"s3:ListBucket"», "s3:GetObject"]'), 'ACTION_RESOURCE_MISMATCH');
    await assertNoFinding(arnPolicy('["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]', '["s3:ListBucket", "s3:GetObject"]'), 'ACTION_RESOURCE_MISMATCH');
    await assertNoFinding(arnPolicy('"*"', '["s3:ListBucket", "s3:GetObject"]'), 'ACTION_RESOURCE_MISMATCH');
    await assertNoFinding(arnPolicy('"arn:aws:s3:::${aws:username}"', '"s3:GetObject"'), 'ACTION_RESOURCE_MISMATCH');
    await assertNoFinding(arnPolicy('"arn:aws:logs:*:*:log-group:/aws/lambda/*"', '"logs:CreateLogGroup"'), 'ACTION_RESOURCE_MISMATCH');
    await assertNoFinding(arnPolicy('"arn:aws:s3:::bucket"', '"s3:ListAllMyBuckets"'), 'ACTION_RESOURCE_MISMATCH');
  });

  it('ACTION_RESOURCE_MISMATCH for a pattern only when none of its actions fits', async () => {
    await assertFinding(arnPolicy('"arn:aws:kms:us-east-1:111122223333:key/k"', '«"s3:GetObject*"»'), 'ACTION_RESOURCE_MISMATCH');
    await assertNoFinding(arnPolicy('"arn:aws:s3:::bucket"', '"s3:*"'), 'ACTION_RESOURCE_MISMATCH');
  });
});
