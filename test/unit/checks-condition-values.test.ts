import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { analyze, assertFinding, assertNoFinding, applyFirstFix } = policyChecks({ path: 'policy.json' });

const policy = (condition: string, action = 's3:GetObject') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*", "Condition": ${condition}}]}`;

describe('condition value checks (reference_policies_elements_condition_operators.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'ec2']);
  });

  it('DATA_TYPE_MISMATCH for a JSON type the operator cannot read; near miss: JSON booleans for Bool, numbers for Numeric', () => {
    assertFinding(policy('{"NumericLessThan": {"s3:max-keys": «true»}}', 's3:ListBucket'), 'DATA_TYPE_MISMATCH');
    assertFinding(policy('{"Bool": {"aws:SecureTransport": «1»}}'), 'DATA_TYPE_MISMATCH');
    assertFinding(policy('{"IpAddress": {"aws:SourceIp": «10»}}'), 'DATA_TYPE_MISMATCH');
    assertNoFinding(policy('{"Bool": {"aws:SecureTransport": false}}'), 'DATA_TYPE_MISMATCH');
    assertNoFinding(policy('{"NumericLessThan": {"s3:max-keys": 10}}', 's3:ListBucket'), 'DATA_TYPE_MISMATCH');
    assertNoFinding(policy('{"StringEquals": {"aws:PrincipalAccount": 123456789012}}'), 'DATA_TYPE_MISMATCH');
  });

  it('INVALID_CONDITION_DATA_TYPE at the first value of another JSON type, fixed by writing all as strings', () => {
    assertFinding(policy('{"NumericEquals": {"s3:max-keys": [10, «"20"»]}}', 's3:ListBucket'), 'INVALID_CONDITION_DATA_TYPE');
    const fixed = applyFirstFix(policy('{"NumericEquals": {"s3:max-keys": [10, "20", 30]}}', 's3:ListBucket'), 'INVALID_CONDITION_DATA_TYPE');
    assert.deepEqual(JSON.parse(fixed).Statement[0].Condition.NumericEquals['s3:max-keys'], ['10', '20', '30']);
    assertNoFinding(policy('{"NumericEquals": {"s3:max-keys": [10, 20]}}', 's3:ListBucket'), 'INVALID_CONDITION_DATA_TYPE');
  });

  it('INVALID_CONDITION_MULTIPLE_BOOLEAN at the list; the fix keeps one value when they agree', () => {
    assertFinding(policy('{"Bool": {"aws:SecureTransport": «["true", "false"]»}}'), 'INVALID_CONDITION_MULTIPLE_BOOLEAN');
    const fixed = applyFirstFix(policy('{"Bool": {"aws:SecureTransport": ["true", "true"]}}'), 'INVALID_CONDITION_MULTIPLE_BOOLEAN');
    assert.equal(JSON.parse(fixed).Statement[0].Condition.Bool['aws:SecureTransport'], 'true');
    assertNoFinding(policy('{"Bool": {"aws:SecureTransport": ["true"]}}'), 'INVALID_CONDITION_MULTIPLE_BOOLEAN');
  });

  it('TYPE_MISMATCH_BOOLEAN for anything but "true" and "false", with a case fix', () => {
    assertFinding(policy('{"Bool": {"aws:SecureTransport": «"yes"»}}'), 'TYPE_MISMATCH_BOOLEAN');
    assertFinding(policy('{"Null": {"aws:TokenIssueTime": «"True"»}}'), 'TYPE_MISMATCH_BOOLEAN');
    assert.match(applyFirstFix(policy('{"Bool": {"aws:SecureTransport": "True"}}'), 'TYPE_MISMATCH_BOOLEAN'), /"aws:SecureTransport": "true"/);
    assertNoFinding(policy('{"Bool": {"aws:SecureTransport": "false"}}'), 'TYPE_MISMATCH_BOOLEAN');
    assertNoFinding(policy('{"Bool": {"aws:SecureTransport": true}}'), 'TYPE_MISMATCH_BOOLEAN');
  });

  it('TYPE_MISMATCH_NUMBER for a value that is not a number; near miss: decimals', () => {
    assertFinding(policy('{"NumericLessThanEquals": {"aws:MultiFactorAuthAge": «"one hour"»}}'), 'TYPE_MISMATCH_NUMBER');
    assertNoFinding(policy('{"NumericLessThanEquals": {"aws:MultiFactorAuthAge": ["3600", "1.5"]}}'), 'TYPE_MISMATCH_NUMBER');
  });

  it('TYPE_MISMATCH_DATE for a value that is no ISO 8601 date; near miss: W3C formats', () => {
    assertFinding(policy('{"DateGreaterThan": {"aws:CurrentTime": «"2024-13-01"»}}'), 'TYPE_MISMATCH_DATE');
    assertFinding(policy('{"DateGreaterThan": {"aws:CurrentTime": «"01/02/2024"»}}'), 'TYPE_MISMATCH_DATE');
    assertNoFinding(policy('{"DateGreaterThan": {"aws:CurrentTime": ["2024-01-31", "2020-01-01T00:00:01Z", "1997-07-16T19:20:30+01:00"]}}'), 'TYPE_MISMATCH_DATE');
  });

  it('INVALID_DATE_VALUE for an epoch time, fixed to the same instant in ISO 8601', () => {
    assertFinding(policy('{"DateLessThan": {"aws:CurrentTime": «"1700000000"»}}'), 'INVALID_DATE_VALUE');
    assert.match(applyFirstFix(policy('{"DateLessThan": {"aws:CurrentTime": "1700000000"}}'), 'INVALID_DATE_VALUE'), /"2023-11-14T22:13:20Z"/);
    assertNoFinding(policy('{"DateLessThan": {"aws:CurrentTime": "2023-11-14T22:13:20Z"}}'), 'INVALID_DATE_VALUE');
    assertNoFinding(policy('{"NumericLessThan": {"aws:EpochTime": "1700000000"}}'), 'INVALID_DATE_VALUE');
  });

  it('TYPE_MISMATCH_STRING for a BinaryEquals value that is not base 64', () => {
    assertFinding(policy('{"BinaryEquals": {"aws:username": «"not base64!"»}}'), 'TYPE_MISMATCH_STRING');
    assertNoFinding(policy('{"BinaryEquals": {"aws:username": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}'), 'TYPE_MISMATCH_STRING');
  });

  it('WILDCARD_WITHOUT_LIKE_OPERATOR at the value, fixed to the Like operator; near misses: StringLike, ArnEquals, ${*}', () => {
    assertFinding(policy('{"StringEquals": {"aws:PrincipalTag/job": «"admin-*"»}}'), 'WILDCARD_WITHOUT_LIKE_OPERATOR');
    assertFinding(policy('{"StringNotEqualsIfExists": {"aws:username": ["a", «"b?"»]}}'), 'WILDCARD_WITHOUT_LIKE_OPERATOR');
    assert.match(applyFirstFix(policy('{"StringNotEqualsIfExists": {"aws:username": ["a", "b?"]}}'), 'WILDCARD_WITHOUT_LIKE_OPERATOR'), /"StringNotLikeIfExists"/);
    assertNoFinding(policy('{"StringLike": {"aws:PrincipalTag/job": "admin-*"}}'), 'WILDCARD_WITHOUT_LIKE_OPERATOR');
    assertNoFinding(policy('{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:*:topic"}}'), 'WILDCARD_WITHOUT_LIKE_OPERATOR');
    assertNoFinding(policy('{"StringEquals": {"aws:username": "star-${*}"}}'), 'WILDCARD_WITHOUT_LIKE_OPERATOR');
    const ignoreCase = analyze(policy('{"StringEqualsIgnoreCase": {"aws:username": "a*"}}')).findings.find((finding) => finding.code === 'WILDCARD_WITHOUT_LIKE_OPERATOR');
    assert.equal(ignoreCase?.fixes, undefined, 'there is no case-insensitive Like operator');
  });

  it('REDUNDANT_CONDITION_VALUE_NUM at the list, fixed to the widest bound', () => {
    assertFinding(policy('{"NumericLessThan": {"aws:MultiFactorAuthAge": «["2700", "3600"]»}}'), 'REDUNDANT_CONDITION_VALUE_NUM');
    assert.match(applyFirstFix(policy('{"NumericLessThan": {"aws:MultiFactorAuthAge": ["2700", "3600"]}}'), 'REDUNDANT_CONDITION_VALUE_NUM'), /"aws:MultiFactorAuthAge": "3600"/);
    assert.match(applyFirstFix(policy('{"NumericGreaterThanEquals": {"aws:MultiFactorAuthAge": [20, 10]}}'), 'REDUNDANT_CONDITION_VALUE_NUM'), /"aws:MultiFactorAuthAge": 10\}/);
    assertNoFinding(policy('{"NumericEquals": {"aws:MultiFactorAuthAge": ["2700", "3600"]}}'), 'REDUNDANT_CONDITION_VALUE_NUM');
    assertNoFinding(policy('{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}'), 'REDUNDANT_CONDITION_VALUE_NUM');
  });

  it('DUPLICATE_CONDITION_VALUE at each repetition, fixed by removing them; IgnoreCase operators ignore case', () => {
    assertFinding(policy('{"StringEquals": {"aws:username": ["a", "b", «"a"»]}}'), 'DUPLICATE_CONDITION_VALUE');
    assertFinding(policy('{"StringEqualsIgnoreCase": {"aws:username": ["Ann", «"ann"»]}}'), 'DUPLICATE_CONDITION_VALUE');
    const fixed = applyFirstFix(policy('{"StringEquals": {"aws:username": ["a", "a", "b", "a"]}}'), 'DUPLICATE_CONDITION_VALUE');
    assert.deepEqual(JSON.parse(fixed).Statement[0].Condition.StringEquals['aws:username'], ['a', 'b']);
    assertNoFinding(policy('{"StringEquals": {"aws:username": ["Ann", "ann"]}}'), 'DUPLICATE_CONDITION_VALUE');
  });

  it('INVALID_VPC_FORMAT and INVALID_VPCE_FORMAT; near misses: 8 and 17 characters, patterns and variables', () => {
    assertFinding(policy('{"StringEquals": {"aws:SourceVpc": «"vpc-123"»}}'), 'INVALID_VPC_FORMAT');
    assertFinding(policy('{"StringEquals": {"aws:SourceVpce": ["vpce-1a2b3c4d", «"vpc-1a2b3c4d"»]}}'), 'INVALID_VPCE_FORMAT');
    assertNoFinding(policy('{"StringEquals": {"aws:SourceVpc": ["vpc-1a2b3c4d", "vpc-11223344556677889"]}}'), 'INVALID_VPC_FORMAT');
    assertNoFinding(policy('{"StringLike": {"aws:SourceVpc": "vpc-*"}}'), 'INVALID_VPC_FORMAT');
    assertNoFinding(policy('{"StringEquals": {"aws:SourceVpc": "${aws:Ec2InstanceSourceVpc}"}}'), 'INVALID_VPC_FORMAT');
  });
});
