import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { analyze, assertFinding, assertNoFinding, applyFirstFix } = policyChecks({ path: 'policy.json' });

const policy = (condition: string, action = 's3:GetObject') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*", "Condition": ${condition}}]}`;

describe('condition operator checks (reference_policies_elements_condition_operators.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'ec2', 'sts', 'iam', 'kms']);
  });

  it('INVALID_CONDITION_OPERATOR for an unknown name, with the nearest operator as fix', () => {
    assertFinding(policy('{«"StringEqual"»: {"aws:username": "a"}}'), 'INVALID_CONDITION_OPERATOR');
    assertFinding(policy('{«"ForAllValue:StringLike"»: {"aws:TagKeys": ["a"]}}'), 'INVALID_CONDITION_OPERATOR');
    const fixed = applyFirstFix(policy('{"StringEqual": {"aws:username": "a"}}'), 'INVALID_CONDITION_OPERATOR');
    assert.match(fixed, /"StringEquals": \{"aws:username"/);
    assert.equal(applyFirstFix(policy('{"ForAllValue:StringLike": {"aws:TagKeys": ["a"]}}'), 'INVALID_CONDITION_OPERATOR').includes('"ForAllValues:StringLike"'), true);
  });

  it('INVALID_CONDITION_OPERATOR for the wrong case ("Invalid Condition type : stringEquals"), fixed to the canonical case', () => {
    assertFinding(policy('{«"stringequals"»: {"aws:username": "a"}}'), 'INVALID_CONDITION_OPERATOR');
    assertFinding(policy('{«"forAnyValue:StringLike"»: {"aws:TagKeys": ["a"]}}'), 'INVALID_CONDITION_OPERATOR');
    assert.match(applyFirstFix(policy('{"stringequals": {"aws:username": "a"}}'), 'INVALID_CONDITION_OPERATOR'), /"StringEquals"/);
  });

  it('INVALID_CONDITION_OPERATOR near miss: every kind of valid operator', () => {
    for (const operator of ['StringEquals', 'ForAllValues:StringLike', 'ForAnyValue:StringEqualsIfExists', 'ArnLikeIfExists', 'Null']) {
      assertNoFinding(policy(`{"${operator}": {"aws:username": "a"}}`), 'INVALID_CONDITION_OPERATOR');
    }
  });

  it('a rename fix is withheld when the operator already exists in the Condition (it would duplicate the key)', () => {
    const { findings } = analyze(policy('{"stringequals": {"aws:username": "a"}, "StringEquals": {"aws:userid": "b"}}'));
    const finding = findings.find((candidate) => candidate.code === 'INVALID_CONDITION_OPERATOR');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });

  it('NULL_WITH_IF_EXISTS at the operator, fixed to Null; near miss: Null', () => {
    assertFinding(policy('{«"NullIfExists"»: {"aws:TokenIssueTime": "true"}}'), 'NULL_WITH_IF_EXISTS');
    assertNoFinding(policy('{"NullIfExists": {"aws:TokenIssueTime": "true"}}'), 'INVALID_CONDITION_OPERATOR');
    assert.match(applyFirstFix(policy('{"NullIfExists": {"aws:TokenIssueTime": "true"}}'), 'NULL_WITH_IF_EXISTS'), /"Null": \{/);
    assertNoFinding(policy('{"Null": {"aws:TokenIssueTime": "true"}}'), 'NULL_WITH_IF_EXISTS');
  });

  it('NULL_WITH_QUALIFIER for ForAllValues:Null and ForAnyValue:Null; near miss: Null', () => {
    assertFinding(policy('{«"ForAllValues:Null"»: {"aws:TagKeys": "true"}}'), 'NULL_WITH_QUALIFIER');
    assertFinding(policy('{«"ForAnyValue:Null"»: {"aws:TagKeys": "false"}}'), 'NULL_WITH_QUALIFIER');
    assert.match(applyFirstFix(policy('{"ForAnyValue:Null": {"aws:TagKeys": "false"}}'), 'NULL_WITH_QUALIFIER'), /"Null": \{"aws:TagKeys"/);
    assertNoFinding(policy('{"Null": {"aws:TagKeys": "false"}}'), 'NULL_WITH_QUALIFIER');
  });

  it('TYPE_MISMATCH when the operator family does not fit the key type (reference_policies_condition-keys.md "Works with")', () => {
    assertFinding(policy('{"StringEquals": {«"aws:MultiFactorAuthPresent"»: "true"}}'), 'TYPE_MISMATCH');
    assertFinding(policy('{"NumericLessThan": {«"aws:CurrentTime"»: "2024-01-01"}}'), 'TYPE_MISMATCH');
    assertFinding(policy('{"StringLike": {«"aws:SourceIp"»: "203.0.113.*"}}'), 'TYPE_MISMATCH');
    assertFinding(policy('{"ArnLike": {«"s3:prefix"»: "a/*"}}', 's3:ListBucket'), 'TYPE_MISMATCH');
    assert.match(applyFirstFix(policy('{"StringEquals": {"aws:MultiFactorAuthPresent": "true"}}'), 'TYPE_MISMATCH'), /"Bool": \{"aws:MultiFactorAuthPresent"/);
    assert.match(applyFirstFix(policy('{"NumericLessThan": {"aws:CurrentTime": "2024-01-01"}}'), 'TYPE_MISMATCH'), /"DateLessThan"/);
    assert.match(applyFirstFix(policy('{"StringLikeIfExists": {"aws:SourceIp": "203.0.113.0/24"}}'), 'TYPE_MISMATCH'), /"IpAddressIfExists"/);
  });

  it('TYPE_MISMATCH near misses: ARN keys take String operators, aws:EpochTime takes Numeric, Null fits any key', () => {
    assertNoFinding(policy('{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/x"}}'), 'TYPE_MISMATCH');
    assertNoFinding(policy('{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}'), 'TYPE_MISMATCH');
    assertNoFinding(policy('{"NumericLessThan": {"aws:EpochTime": "1700000000"}}'), 'TYPE_MISMATCH');
    assertNoFinding(policy('{"Null": {"aws:MultiFactorAuthPresent": "true"}}'), 'TYPE_MISMATCH');
    assertNoFinding(policy('{"Bool": {"aws:MultiFactorAuthPresent": "true"}}'), 'TYPE_MISMATCH');
  });

  it('TYPE_MISMATCH offers no operator rename when the operator holds other keys too', () => {
    const { findings } = analyze(policy('{"StringEquals": {"aws:MultiFactorAuthPresent": "true", "aws:username": "a"}}'));
    const finding = findings.find((candidate) => candidate.code === 'TYPE_MISMATCH');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });

  it('FORALLVALUES_WITH_SINGLE_VALUED_KEY at the key, with a fix that drops the set operator (reference_policies_single-vs-multi-valued-condition-keys.md)', () => {
    assertFinding(policy('{"ForAllValues:StringEquals": {«"aws:RequestTag/team"»: ["a", "b"]}}'), 'FORALLVALUES_WITH_SINGLE_VALUED_KEY');
    assertFinding(policy('{"ForAllValues:StringEquals": {«"ec2:InstanceType"»: ["t3.micro"]}}', 'ec2:RunInstances'), 'FORALLVALUES_WITH_SINGLE_VALUED_KEY');
    assert.match(applyFirstFix(policy('{"ForAllValues:StringEquals": {"aws:RequestTag/team": ["a", "b"]}}'), 'FORALLVALUES_WITH_SINGLE_VALUED_KEY'), /"StringEquals": \{"aws:RequestTag\/team"/);
    assertNoFinding(policy('{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}'), 'FORALLVALUES_WITH_SINGLE_VALUED_KEY');
    assertNoFinding(policy('{"ForAnyValue:StringEquals": {"aws:PrincipalOrgPaths": ["o-a/r-b/"]}}'), 'FORALLVALUES_WITH_SINGLE_VALUED_KEY');
  });

  it('CONFIRM_AUDIENCE_CLAIM_TYPE for a set operator on an identity provider aud claim; near miss: no set operator, saml:aud', () => {
    const trust = (condition: string) =>
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": ${condition}}]}`;
    assertFinding(trust('{"ForAnyValue:StringEquals": {«"accounts.google.com:aud"»: ["app-1"]}}'), 'CONFIRM_AUDIENCE_CLAIM_TYPE', 'role.trust.json');
    assertNoFinding(trust('{"StringEquals": {"accounts.google.com:aud": "app-1"}}'), 'CONFIRM_AUDIENCE_CLAIM_TYPE', 'role.trust.json');
    assertNoFinding(trust('{"ForAnyValue:StringEquals": {"saml:aud": ["https://signin.aws.amazon.com/saml"]}}'), 'CONFIRM_AUDIENCE_CLAIM_TYPE', 'role.trust.json');
    const { findings } = analyze(trust('{"ForAnyValue:StringEquals": {"accounts.google.com:aud": ["app-1"]}}'), 'role.trust.json');
    const fix = findings.find((finding) => finding.code === 'CONFIRM_AUDIENCE_CLAIM_TYPE')?.fixes?.[0];
    assert.equal(fix?.preferred, false, 'only the author knows the claim is single-valued');
    assert.equal(fix?.edits[0].newText, '"StringEquals"');
  });
});
