import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { analyze, assertFinding, assertNoFinding, applyFirstFix } = policyChecks({ path: 'policy.json' });

const policy = (condition: string, action = 's3:GetObject') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*", "Condition": ${condition}}]}`;

const withPrincipal = (condition: string, principal = '{"AWS": "arn:aws:iam::111122223333:root"}', action = 's3:GetObject') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": ${principal}, "Action": "${action}", "Resource": "arn:aws:s3:::b/*", "Condition": ${condition}}]}`;

describe('condition key names (reference_policies_elements_condition.md, reference_policies_condition-keys.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'ec2', 'iam', 'sts', 'secretsmanager', 'kms', 'lakeformation']);
  });

  it('INVALID_CONDITION_KEY_FORMAT for a key without prefix, with the global key as fix; near miss: provider claims', () => {
    assertFinding(policy('{"IpAddress": {«"SourceIp"»: "203.0.113.0/24"}}'), 'INVALID_CONDITION_KEY_FORMAT');
    assertFinding(policy('{"StringEquals": {«"aws:"»: "x"}}'), 'INVALID_CONDITION_KEY_FORMAT');
    assert.match(applyFirstFix(policy('{"IpAddress": {"SourceIp": "203.0.113.0/24"}}'), 'INVALID_CONDITION_KEY_FORMAT'), /"aws:SourceIp"/);
    assert.match(applyFirstFix(policy('{"StringLike": {"prefix": "home/"}}', 's3:ListBucket'), 'INVALID_CONDITION_KEY_FORMAT'), /"s3:prefix"/);
    assertNoFinding(policy('{"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:a:b"}}', 'sts:AssumeRoleWithWebIdentity'), 'INVALID_CONDITION_KEY_FORMAT');
  });

  it('INVALID_GLOBAL_CONDITION_KEY with the nearest global key; near misses: any case, tag keys', () => {
    assertFinding(policy('{"IpAddress": {«"aws:SourceIpp"»: "203.0.113.0/24"}}'), 'INVALID_GLOBAL_CONDITION_KEY');
    assert.match(applyFirstFix(policy('{"IpAddress": {"aws:SourceIpp": "203.0.113.0/24"}}'), 'INVALID_GLOBAL_CONDITION_KEY'), /"aws:SourceIp"/);
    assert.match(applyFirstFix(policy('{"StringEquals": {"aws:ResourceTags/team": "a"}}'), 'INVALID_GLOBAL_CONDITION_KEY'), /"aws:ResourceTag\/team"/, 'keeps the tag key');
    assert.match(applyFirstFix(policy('{"StringLike": {"aws:prefix": "home/"}}', 's3:ListBucket'), 'INVALID_GLOBAL_CONDITION_KEY'), /"s3:prefix"/, 'a key of the statement service');
    assertNoFinding(policy('{"IpAddress": {"AWS:SOURCEIP": "203.0.113.0/24"}}'), 'INVALID_GLOBAL_CONDITION_KEY');
    assertNoFinding(policy('{"StringEquals": {"aws:PrincipalTag/cost-center": "1"}}'), 'INVALID_GLOBAL_CONDITION_KEY');
  });

  it('INVALID_SERVICE_CONDITION_KEY for a key the service does not define, with the nearest key of the service', () => {
    assertFinding(policy('{"StringLike": {«"s3:prefixes"»: "home/"}}', 's3:ListBucket'), 'INVALID_SERVICE_CONDITION_KEY');
    assertFinding(policy('{"StringEquals": {«"s33:prefix"»: "home/"}}', 's3:ListBucket'), 'INVALID_SERVICE_CONDITION_KEY');
    assert.match(applyFirstFix(policy('{"StringLike": {"s3:prefixes": "home/"}}', 's3:ListBucket'), 'INVALID_SERVICE_CONDITION_KEY'), /"s3:prefix"/);
    assert.match(applyFirstFix(policy('{"StringEquals": {"s33:prefix": "home/"}}', 's3:ListBucket'), 'INVALID_SERVICE_CONDITION_KEY'), /"s3:prefix"/);
  });

  it('INVALID_SERVICE_CONDITION_KEY near misses: pattern keys, tag keys the reference spells "tag-key", keys other services own, retired services', () => {
    assertNoFinding(policy('{"StringEquals": {"s3:ExistingObjectTag/team": "a"}}'), 'INVALID_SERVICE_CONDITION_KEY');
    assertNoFinding(policy('{"StringEquals": {"secretsmanager:ResourceTag/team": "a"}}', 'secretsmanager:GetSecretValue'), 'INVALID_SERVICE_CONDITION_KEY');
    assertNoFinding(policy('{"StringEquals": {"saml:aud": "https://signin.aws.amazon.com/saml"}}', 'sts:AssumeRoleWithSAML'), 'INVALID_SERVICE_CONDITION_KEY');
    assertNoFinding(policy('{"StringEquals": {"deepracer:UserToken": "true"}}', 'deepracer:GetModel'), 'INVALID_SERVICE_CONDITION_KEY');
    assertNoFinding(policy('{"StringEquals": {"lakeformation:GlueARN": "x"}}', 'lakeformation:GetDataAccess'), 'INVALID_SERVICE_CONDITION_KEY');
  });

  it('UNSUPPORTED_GLOBAL_CONDITION_KEY for aws:ARN in a resource-based policy, offering both replacements', () => {
    assertFinding(withPrincipal('{"ArnEquals": {«"aws:ARN"»: "arn:aws:iam::111122223333:role/r"}}'), 'UNSUPPORTED_GLOBAL_CONDITION_KEY', 'b.bucket-policy.json');
    const { findings } = analyze(withPrincipal('{"ArnEquals": {"aws:ARN": "arn:aws:iam::111122223333:role/r"}}'), 'b.bucket-policy.json');
    const fixes = findings.find((finding) => finding.code === 'UNSUPPORTED_GLOBAL_CONDITION_KEY')?.fixes ?? [];
    assert.deepEqual(fixes.map((fix) => fix.edits[0].newText), ['"aws:PrincipalArn"', '"aws:SourceArn"']);
    assertNoFinding(withPrincipal('{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/r"}}'), 'UNSUPPORTED_GLOBAL_CONDITION_KEY', 'b.bucket-policy.json');
  });

  it('DEPRECATED_GLOBAL_CONDITION_KEY for aws:ARN in an identity policy, fixed to aws:PrincipalArn', () => {
    assertFinding(policy('{"ArnEquals": {«"aws:ARN"»: "arn:aws:iam::111122223333:role/r"}}'), 'DEPRECATED_GLOBAL_CONDITION_KEY');
    assertNoFinding(policy('{"ArnEquals": {"aws:ARN": "arn:aws:iam::111122223333:role/r"}}'), 'INVALID_GLOBAL_CONDITION_KEY');
    assert.match(applyFirstFix(policy('{"ArnEquals": {"aws:ARN": "arn:aws:iam::111122223333:role/r"}}'), 'DEPRECATED_GLOBAL_CONDITION_KEY'), /"aws:PrincipalArn"/);
  });

  it('MISSING_TAG_KEY_IN_CONDITION for tag keys without the tag, global and service; the fix takes the one tag aws:TagKeys names', () => {
    assertFinding(policy('{"StringEquals": {«"aws:ResourceTag"»: "a"}}'), 'MISSING_TAG_KEY_IN_CONDITION');
    assertFinding(policy('{"StringEquals": {«"aws:RequestTag/"»: "a"}}'), 'MISSING_TAG_KEY_IN_CONDITION');
    assertFinding(policy('{"StringEquals": {«"ec2:ResourceTag"»: "a"}}', 'ec2:StartInstances'), 'MISSING_TAG_KEY_IN_CONDITION');
    assertFinding(policy('{"StringEquals": {«"secretsmanager:ResourceTag"»: "a"}}', 'secretsmanager:GetSecretValue'), 'MISSING_TAG_KEY_IN_CONDITION');
    assertNoFinding(policy('{"StringEquals": {"aws:ResourceTag": "a"}}'), 'INVALID_GLOBAL_CONDITION_KEY');
    const fixed = applyFirstFix(policy('{"StringEquals": {"aws:RequestTag": "a"}, "ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}'), 'MISSING_TAG_KEY_IN_CONDITION');
    assert.match(fixed, /"aws:RequestTag\/team": "a"/);
    const unsure = analyze(policy('{"StringEquals": {"aws:RequestTag": "a"}, "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}')).findings;
    assert.equal(unsure.find((finding) => finding.code === 'MISSING_TAG_KEY_IN_CONDITION')?.fixes, undefined, 'no guess between two tags');
    assertNoFinding(policy('{"StringEquals": {"aws:ResourceTag/team": "a"}}'), 'MISSING_TAG_KEY_IN_CONDITION');
  });

  it('MISSING_PAIRED_CONDITION_KEYS for aws:VpcSourceIp without aws:SourceVpc; near miss: both in the Condition', () => {
    assertFinding(policy('{"IpAddress": {«"aws:VpcSourceIp"»: "10.0.0.0/16"}}'), 'MISSING_PAIRED_CONDITION_KEYS');
    assertFinding(policy('{"IpAddress": {«"aws:Ec2InstanceSourcePrivateIPv4"»: "10.0.0.5"}}'), 'MISSING_PAIRED_CONDITION_KEYS');
    assertNoFinding(policy('{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringEquals": {"aws:SourceVPC": "vpc-1a2b3c4d"}}'), 'MISSING_PAIRED_CONDITION_KEYS');
  });

  it('IRRELEVANT_CONDITION_KEY_IN_POLICY for s3:ResourceAccount in a bucket policy; near miss: the same in an identity policy', () => {
    assertFinding(withPrincipal('{"StringEquals": {«"s3:ResourceAccount"»: "111122223333"}}'), 'IRRELEVANT_CONDITION_KEY_IN_POLICY', 'b.bucket-policy.json');
    assertFinding(withPrincipal('{"StringEquals": {«"aws:ResourceAccount"»: "111122223333"}}'), 'IRRELEVANT_CONDITION_KEY_IN_POLICY', 'b.bucket-policy.json');
    assertNoFinding(policy('{"StringEquals": {"s3:ResourceAccount": "111122223333"}}'), 'IRRELEVANT_CONDITION_KEY_IN_POLICY');
    assertNoFinding(withPrincipal('{"StringEquals": {"s3:ResourceAccount": "111122223333"}}'), 'IRRELEVANT_CONDITION_KEY_IN_POLICY', 'k.key-policy.json');
  });
});

describe('condition keys and service principals (reference_policies_elements_principal.md)', () => {
  const service = '{"Service": "cloudtrail.amazonaws.com"}';

  it('UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL for aws:PrincipalOrgID and aws:PrincipalTag; near miss: an AWS principal', () => {
    assertFinding(withPrincipal('{"StringEquals": {«"aws:PrincipalOrgID"»: "o-a1b2c3d4e5"}}', service, 's3:PutObject'), 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', 'b.bucket-policy.json');
    assertFinding(withPrincipal('{"StringEquals": {«"aws:PrincipalTag/team"»: "a"}}', service, 's3:PutObject'), 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', 'b.bucket-policy.json');
    assertNoFinding(withPrincipal('{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}'), 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', 'b.bucket-policy.json');
    assertNoFinding(
      withPrincipal('{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}', '{"Service": "cloudtrail.amazonaws.com", "AWS": "111122223333"}'),
      'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
      'b.bucket-policy.json',
    );
  });

  it('RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL for aws:Referer without aws:SourceArn or aws:SourceAccount', () => {
    assertFinding(withPrincipal('{"StringLike": {«"aws:Referer"»: "https://example.com/*"}}', service, 's3:PutObject'), 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', 'b.bucket-policy.json');
    assertNoFinding(
      withPrincipal('{"StringLike": {"aws:Referer": "https://example.com/*"}, "StringEquals": {"aws:SourceAccount": "111122223333"}}', service, 's3:PutObject'),
      'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
      'b.bucket-policy.json',
    );
    assertNoFinding(withPrincipal('{"StringLike": {"aws:Referer": "https://example.com/*"}}'), 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', 'b.bucket-policy.json');
  });
});
