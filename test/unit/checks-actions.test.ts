import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzePolicy, prepareAnalysis } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/finding';
import { decidePolicyKind } from '../../server/src/policy/kind';
import { parsePolicy } from '../../server/src/policy/parse';
import { applyFix } from '../support/applyFix';
import { loadedCatalog } from '../support/catalog';
import { markedRanges } from '../support/text';

/** Analyzes `source` (with «...» around the expected ranges), loading the services it names first. */
async function analyze(source: string, path = 'policy.iam.json') {
  const { text, ranges } = markedRanges(source);
  const catalog = await loadedCatalog();
  const ast = parsePolicy(text);
  await prepareAnalysis(ast, catalog);
  const result = analyzePolicy(ast, decidePolicyKind(ast, { path }), catalog);
  return { text, ranges, result, codes: result.map((finding) => finding.code) };
}

async function assertFinding(source: string, code: string, path?: string): Promise<Finding[]> {
  const { result, ranges } = await analyze(source, path);
  const matching = result.filter((finding) => finding.code === code);
  assert.deepEqual(
    matching.map((finding) => finding.range),
    ranges,
    `expected ${ranges.length} ${code}, got ${JSON.stringify(result.map((f) => [f.code, f.message]))}`,
  );
  for (const finding of matching) assert.ok(finding.message.length > 20, 'the message says what to do');
  return matching;
}

async function assertNo(source: string, code: string, path?: string): Promise<void> {
  const { codes, result } = await analyze(source, path);
  assert.ok(!codes.includes(code), `unexpected ${code}: ${JSON.stringify(result.filter((f) => f.code === code).map((f) => f.message))}`);
}

/** Applies the fix titled like `title` (or the first) and re-analyses: the text stays JSON and the finding is gone. */
async function applyAndRecheck(source: string, code: string, title?: RegExp, path?: string): Promise<string> {
  const { text, result } = await analyze(source, path);
  const finding = result.find((candidate) => candidate.code === code);
  assert.ok(finding?.fixes?.length, `${code} offers a fix`);
  const fix = title ? finding.fixes.find((candidate) => title.test(candidate.title)) : finding.fixes[0];
  assert.ok(fix, `a fix titled ${title}: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  const fixed = applyFix(text, fix);
  JSON.parse(fixed);
  const again = await analyze(fixed, path);
  assert.ok(!again.codes.includes(code), `${code} is gone after "${fix.title}": ${fixed}`);
  return fixed;
}

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
    await assertNo(policy('{"Effect": "Allow", "Action": "S3:getobject", "Resource": "*"}'), 'INVALID_ACTION');
  });

  it('INVALID_ACTION for text that is not service:action; near miss: "*"', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": [«"s3GetObject"», «"s3:Get Object"», «""»], "Resource": "*"}'), 'INVALID_ACTION');
    await assertNo(policy('{"Effect": "Allow", "Action": "*", "Resource": "*"}'), 'INVALID_ACTION');
  });

  it('INVALID_ACTION for a pattern that matches nothing, with the nearest head as fix; near miss: a matching pattern', async () => {
    const [finding] = await assertFinding(policy('{"Effect": "Allow", "Action": «"s3:Gte*"», "Resource": "*"}'), 'INVALID_ACTION');
    assert.match(finding.message, /"s3:Get\*"/);
    await applyAndRecheck(policy('{"Effect": "Allow", "Action": "s3:Gte*", "Resource": "*"}'), 'INVALID_ACTION');
    await assertNo(policy('{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}'), 'INVALID_ACTION');
  });

  it('RETIRED_OR_UNKNOWN_ACTION for a well-formed name with no near neighbour; near miss: a typo is INVALID_ACTION instead', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": «"s3:ReplicateEverythingEverywhere"», "Resource": "*"}'), 'RETIRED_OR_UNKNOWN_ACTION');
    await assertNo(policy('{"Effect": "Allow", "Action": "s3:ReplicateEverythingEverywhere", "Resource": "*"}'), 'INVALID_ACTION');
    await assertNo(policy('{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}'), 'RETIRED_OR_UNKNOWN_ACTION');
  });

  it('RETIRED_OR_UNKNOWN_ACTION for a retired service (mobilehub, in AWS managed policies); near miss: a known service', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": «"mobilehub:GetProject"», "Resource": "*"}'), 'RETIRED_OR_UNKNOWN_ACTION');
    await assertNo(policy('{"Effect": "Allow", "Action": "mobilehub:GetProject", "Resource": "*"}'), 'INVALID_SERVICE_IN_ACTION');
  });

  it('INVALID_SERVICE_IN_ACTION for a misspelt service, with a fix; near miss: a known prefix', async () => {
    const [finding] = await assertFinding(policy('{"Effect": "Allow", "Action": «"iamm:GetUser"», "Resource": "*"}'), 'INVALID_SERVICE_IN_ACTION');
    assert.match(finding.message, /"iam"/);
    const fixed = await applyAndRecheck(policy('{"Effect": "Allow", "Action": "iamm:GetUser", "Resource": "*"}'), 'INVALID_SERVICE_IN_ACTION');
    assert.match(fixed, /"iam:GetUser"/);
    await assertNo(policy('{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}'), 'INVALID_SERVICE_IN_ACTION');
  });

  it('UNSUPPORTED_ACTION_IN_POLICY: a KMS action in a bucket policy; near miss: an S3 action there, and KMS in a key policy', async () => {
    const statement = (action: string) =>
      policy(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": ${action}, "Resource": "*"}`);
    await assertFinding(statement('«"kms:Decrypt"»'), 'UNSUPPORTED_ACTION_IN_POLICY', 'data.bucket-policy.json');
    await assertNo(statement('"s3:GetObject"'), 'UNSUPPORTED_ACTION_IN_POLICY', 'data.bucket-policy.json');
    await assertNo(statement('"kms:Decrypt"'), 'UNSUPPORTED_ACTION_IN_POLICY', 'key.key-policy.json');
    await assertNo(statement('"kms:Decrypt"'), 'UNSUPPORTED_ACTION_IN_POLICY', 'policy.iam.json');
  });

  it('EMPTY_ARRAY_ACTION at the key, with a fix that removes the statement; near miss: NotAction: [] is not reported', async () => {
    const source = policy('{"Effect": "Allow", «"Action"»: [], "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}');
    await assertFinding(source, 'EMPTY_ARRAY_ACTION');
    const fixed = await applyAndRecheck(source.replace(/[«»]/g, ''), 'EMPTY_ARRAY_ACTION');
    assert.equal(JSON.parse(fixed).Statement.length, 1);
    await assertNo(policy('{"Effect": "Deny", "NotAction": [], "Resource": "*"}'), 'EMPTY_ARRAY_ACTION');
  });

  it('REDUNDANT_ACTION for entries a wildcard covers and duplicates; near miss: iam:*CredentialReport is not covered by iam:Get*', async () => {
    await assertFinding(
      policy('{"Effect": "Allow", "Action": ["iam:Get*", "iam:List*", «"iam:GetCredentialReport"», "s3:GetObject", «"S3:getobject"»], "Resource": "*"}'),
      'REDUNDANT_ACTION',
    );
    await assertNo(policy('{"Effect": "Allow", "Action": ["iam:Get*", "iam:*CredentialReport"], "Resource": "*"}'), 'REDUNDANT_ACTION');
    await assertFinding(policy('{"Effect": "Allow", "Action": ["*", «"s3:*"»], "Resource": "*"}'), 'REDUNDANT_ACTION');
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
    await assertNo(policy('{"Effect": "Allow", "Action": "*:Get*", "Resource": "*"}'), 'WILDCARD_IN_SERVICE_NAME');
  });

  it('WILDCARD_IN_SERVICE_NAME in a resource ARN; near miss: a lone "*" service field', async () => {
    await assertFinding(policy('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": «"arn:aws:s3*:::bucket/*"»}'), 'WILDCARD_IN_SERVICE_NAME');
    await assertNo(policy('{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:*:*:*:*"}'), 'WILDCARD_IN_SERVICE_NAME');
  });
});
