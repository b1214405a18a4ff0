import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { loadingPolicyChecks } from '../support/checks';

const { analyze, assertFinding, assertNoFinding, applyAndRecheck } = loadingPolicyChecks({ path: 'policy.iam.json', minMessageLength: 20 });

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

describe('action checks (access-analyzer-reference-policy-checks.md, reference_policies_elements_action.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'iam', 'ec2', 'kms', 'sqs']);
  });

  it('a valid policy has no action findings', async () => {
    const { codes } = await analyze(policy('{"Effect": "Allow", "Action": ["s3:GetObject", "s3:list*", "EC2:DescribeInstances"], "Resource": "*"}'));
    for (const code of ['INVALID_ACTION', 'INVALID_SERVICE_IN_ACTION', 'RETIRED_OR_UNKNOWN_ACTION', 'REDUNDANT_ACTION']) assert.ok(!codes.includes(code), code);
  });

  it('INVALID_ACTION for a misspelt action, with a "did you mean" fix; near miss: other case is valid', async () => {
    const [finding] = await assertFinding(policy('{"Effect": "Allow", "Action": «"s3:GetObjekt"», "Resource": "*"}'), 'INVALID_ACTION');
    assert.match(finding.message, /Did you mean "s3:GetObject"\?/);
    const fixed = await applyAndRecheck(policy('{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}'), 'INVALID_ACTION');
    assert.match(fixed, /"Action": "s3:GetObject"/);
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "S3:getobject", "Resource": "*"}'), 'INVALID_ACTION');
  });

  it('INVALID_ACTION for text that is not service:action; near miss: "*"', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": [«"s3GetObject"», «"s3:Get Object"», «""»], "Resource": "*"}'), 'INVALID_ACTION');
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "*", "Resource": "*"}'), 'INVALID_ACTION');
  });

  it('INVALID_ACTION for a pattern that matches nothing, with the nearest head as fix; near miss: a matching pattern', async () => {
    const [finding] = await assertFinding(policy('{"Effect": "Allow", "Action": «"s3:Gte*"», "Resource": "*"}'), 'INVALID_ACTION');
    assert.match(finding.message, /"s3:Get\*"/);
    await applyAndRecheck(policy('{"Effect": "Allow", "Action": "s3:Gte*", "Resource": "*"}'), 'INVALID_ACTION');
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}'), 'INVALID_ACTION');
  });

  it('RETIRED_OR_UNKNOWN_ACTION for a well-formed name with no near neighbour; near miss: a typo is INVALID_ACTION instead', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": «"s3:ReplicateEverythingEverywhere"», "Resource": "*"}'), 'RETIRED_OR_UNKNOWN_ACTION');
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "s3:ReplicateEverythingEverywhere", "Resource": "*"}'), 'INVALID_ACTION');
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}'), 'RETIRED_OR_UNKNOWN_ACTION');
  });

  it('RETIRED_OR_UNKNOWN_ACTION for a retired service (mobilehub, in AWS managed policies); near miss: a known service', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": «"mobilehub:GetProject"», "Resource": "*"}'), 'RETIRED_OR_UNKNOWN_ACTION');
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "mobilehub:GetProject", "Resource": "*"}'), 'INVALID_SERVICE_IN_ACTION');
  });

  it('INVALID_SERVICE_IN_ACTION for a misspelt service, with a fix; near miss: a known prefix', async () => {
    const [finding] = await assertFinding(policy('{"Effect": "Allow", "Action": «"iamm:GetUser"», "Resource": "*"}'), 'INVALID_SERVICE_IN_ACTION');
    assert.match(finding.message, /"iam"/);
    const fixed = await applyAndRecheck(policy('{"Effect": "Allow", "Action": "iamm:GetUser", "Resource": "*"}'), 'INVALID_SERVICE_IN_ACTION');
    assert.match(fixed, /"iam:GetUser"/);
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}'), 'INVALID_SERVICE_IN_ACTION');
  });

  it('UNSUPPORTED_ACTION_IN_POLICY: a KMS action in a bucket policy; near miss: an S3 action there, and KMS in a key policy', async () => {
    const statement = (action: string) =>
      policy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": ${action}, "Resource": "*"}`);
    await assertFinding(statement('«"kms:Decrypt"»'), 'UNSUPPORTED_ACTION_IN_POLICY', 'data.bucket-policy.json');
    await assertNoFinding(statement('"s3:GetObject"'), 'UNSUPPORTED_ACTION_IN_POLICY', 'data.bucket-policy.json');
    await assertNoFinding(statement('"kms:Decrypt"'), 'UNSUPPORTED_ACTION_IN_POLICY', 'key.key-policy.json');
    await assertNoFinding(statement('"kms:Decrypt"'), 'UNSUPPORTED_ACTION_IN_POLICY', 'policy.iam.json');
  });

  it('EMPTY_ARRAY_ACTION at the key, with a fix that removes the statement; near miss: NotAction: [] is not reported', async () => {
    const source = policy('{"Effect": "Allow", «"Action"»: [], "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}');
    await assertFinding(source, 'EMPTY_ARRAY_ACTION');
    const fixed = await applyAndRecheck(source.replace(/[«»]/g, ''), 'EMPTY_ARRAY_ACTION');
    assert.equal(JSON.parse(fixed).Statement.length, 1);
    await assertNoFinding(policy('{"Effect": "Deny", "NotAction": [], "Resource": "*"}'), 'EMPTY_ARRAY_ACTION');
  });

  it('REDUNDANT_ACTION for entries a wildcard covers and duplicates; near miss: iam:*CredentialReport is not covered by iam:Get*', async () => {
    await assertFinding(
      policy('{"Effect": "Allow", "Action": ["iam:Get*", "iam:List*", «"iam:GetCredentialReport"», "s3:GetObject", «"S3:getobject"»], "Resource": "*"}'),
      'REDUNDANT_ACTION',
    );
    await assertNoFinding(policy('{"Effect": "Allow", "Action": ["iam:Get*", "iam:*CredentialReport"], "Resource": "*"}'), 'REDUNDANT_ACTION');
    await assertFinding(policy('{"Effect": "Allow", "Action": ["*", «"s3:*"»], "Resource": "*"}'), 'REDUNDANT_ACTION');
  });

  it('REDUNDANT_ACTION for repeats in a long list as in a short one: catalog actions in any case, other entries by their text; the first stays', async () => {
    const names = ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket', 'GetBucketPolicy', 'PutBucketPolicy', 'GetBucketAcl', 'PutBucketAcl', 'GetObjectAcl', 'PutObjectAcl',
      'GetBucketLocation', 'ListAllMyBuckets', 'GetObjectVersion', 'DeleteObjectVersion', 'GetBucketTagging', 'PutBucketTagging', 'GetObjectTagging', 'PutObjectTagging'];
    const entries = (list: readonly string[]) => list.map((name) => `"s3:${name}"`).join(', ');
    for (const list of [names, names.slice(0, 3)]) {
      // 22 entries and 7; each repeat is marked, never its first occurrence.
      await assertFinding(
        policy(`{"Effect": "Allow", "Action": [${entries(list)}, "s3:NoSuchAction", «"S3:GETOBJECT"», «"s3:nosuchaction"», «"s3:PutObject"»], "Resource": "*"}`),
        'REDUNDANT_ACTION',
      );
    }
  });

  it('REDUNDANT_ACTION fixes remove one entry, or all, keeping the layout', async () => {
    const source = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": [\n        "iam:Get*",\n        "iam:GetUser",\n        "iam:GetRole"\n      ],\n      "Resource": "*"\n    }\n  ]\n}';
    const fixed = await applyAndRecheck(source, 'REDUNDANT_ACTION', /Remove all/);
    assert.equal(fixed, source.replace(',\n        "iam:GetUser",\n        "iam:GetRole"', ''));
  });

  it('WILDCARD_IN_SERVICE_NAME for a partial service wildcard, with per-service and per-level fixes; near miss: "*" alone', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": «"sq*:Get*"», "Resource": "*"}'), 'WILDCARD_IN_SERVICE_NAME');
    const fixed = await applyAndRecheck(policy('{"Effect": "Allow", "Action": "sq*:Get*", "Resource": "*"}'), 'WILDCARD_IN_SERVICE_NAME', /one entry per service/);
    assert.deepEqual(JSON.parse(fixed).Statement[0].Action, ['sqlworkbench:Get*', 'sqs:Get*'], 'every service whose prefix fits, sqlworkbench included');
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "*:Get*", "Resource": "*"}'), 'WILDCARD_IN_SERVICE_NAME');
  });

  it('WILDCARD_IN_SERVICE_NAME in a resource ARN; near miss: a lone "*" service field', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": «"arn:aws:s3*:::bucket/*"»}'), 'WILDCARD_IN_SERVICE_NAME');
    await assertNoFinding(policy('{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:*:*:*:*"}'), 'WILDCARD_IN_SERVICE_NAME');
  });
});
