import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicies, evaluateRequest, type ContextValue, type EvaluationResult } from '../../server/src/engine';

const USER = 'arn:aws:iam::111122223333:user/johndoe';

/** One Allow statement with `condition` on s3:GetObject; the result for a request with `context`. */
function evaluate(condition: unknown, context: Record<string, ContextValue> = {}, options: { version?: string | null; effect?: string; now?: number } = {}): EvaluationResult {
  const statement = { Effect: options.effect ?? 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition };
  const document = options.version === null ? { Statement: [statement] } : { Version: options.version ?? '2012-10-17', Statement: [statement] };
  const identity = [{ id: 'p', text: JSON.stringify(document) }];
  if (options.effect === 'Deny') identity.push({ id: 'allow', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) });
  return evaluateRequest(compilePolicies({ identity }), { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context }, { now: options.now ?? Date.UTC(2024, 0, 1) });
}
const holds = (condition: unknown, context: Record<string, ContextValue> = {}, options: { version?: string | null; now?: number } = {}) =>
  evaluate(condition, context, options).decision === 'allowed';

describe('reference_policies_elements_condition.md', () => {
  it('"Condition key names are not case-sensitive": aws:SourceIP is AWS:SourceIp', () => {
    assert.equal(holds({ IpAddress: { 'aws:SourceIP': '203.0.113.0/24' } }, { 'AWS:sourceip': '203.0.113.7' }), true);
  });

  it('StringEquals johndoe does not match JohnDoe; StringEqualsIgnoreCase does', () => {
    assert.equal(holds({ StringEquals: { 'aws:username': 'johndoe' } }, { 'aws:username': 'JohnDoe' }), false);
    assert.equal(holds({ StringEqualsIgnoreCase: { 'aws:username': 'johndoe' } }, { 'aws:username': 'JohnDoe' }), true);
  });

  it('tag key names are not case-sensitive: aws:ResourceTag/TagKey1 reads a tag named tagkey1', () => {
    assert.equal(holds({ StringEquals: { 'aws:ResourceTag/TagKey1': 'Value1' } }, { 'aws:resourcetag/tagkey1': 'Value1' }), true);
  });

  it('"A key that is not present in the request is considered a mismatch"', () => {
    const result = evaluate({ NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } });
    assert.equal(result.decision, 'implicitDeny');
    assert.deepEqual(result.missingContextKeys, ['aws:MultiFactorAuthAge']);
    assert.equal(holds({ NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '1200' }), true);
  });
});

describe('reference_policies_elements_condition_operators.md', () => {
  it('String: aws:PrincipalTag/job-category must be iamuser-admin', () => {
    assert.equal(holds({ StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } }, { 'aws:PrincipalTag/job-category': 'iamuser-admin' }), true);
    assert.equal(holds({ StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } }), false);
  });

  it('StringLike with a variable: s3:prefix "", "home/" or "home/${aws:username}/"', () => {
    const condition = { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/'] } };
    assert.equal(holds(condition, { 's3:prefix': 'home/johndoe/' }), true, 'aws:username comes from the IAM user principal');
    assert.equal(holds(condition, { 's3:prefix': 'home/' }), true);
    assert.equal(holds(condition, { 's3:prefix': 'home/someoneelse/' }), false);
    assert.equal(holds({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/a/b' }), true);
    assert.equal(holds({ StringLike: { 's3:prefix': 'home/?' } }, { 's3:prefix': 'home/ab' }), false);
  });

  it('Numeric: s3:max-keys up to 10, integers and decimals', () => {
    assert.equal(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }), true);
    assert.equal(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }), false);
    assert.equal(holds({ NumericEquals: { 'x:n': 10 } }, { 'x:n': '10.0' }), true);
    assert.equal(holds({ NumericNotEquals: { 'x:n': ['1', '2'] } }, { 'x:n': '3' }), true);
    assert.equal(holds({ NumericGreaterThan: { 'x:n': '-1.5' } }, { 'x:n': '0' }), true);
  });

  it('Date: aws:TokenIssueTime after 2020-01-01T00:00:01Z; ISO 8601 and epoch values compare as instants', () => {
    assert.equal(holds({ DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } }, { 'aws:TokenIssueTime': '2020-06-01T00:00:00Z' }), true);
    assert.equal(holds({ DateGreaterThan: { 'aws:TokenIssueTime': '2020-01-01T00:00:01Z' } }, { 'aws:TokenIssueTime': '2019-12-31T23:59:59Z' }), false);
    assert.equal(holds({ DateEquals: { 'aws:EpochTime': '2023-11-14T22:13:20Z' } }, { 'aws:EpochTime': '1700000000' }), true);
    assert.equal(holds({ DateEquals: { 'aws:CurrentTime': '1700000000' } }, { 'aws:CurrentTime': '2023-11-15T00:13:20+02:00' }), true);
    assert.equal(holds({ DateLessThan: { 'aws:CurrentTime': '2020-01-02' } }, { 'aws:CurrentTime': '2020-01-01T23:59:59Z' }), true);
  });

  it('Date: aws:CurrentTime and aws:EpochTime are the request time unless the request sets them', () => {
    const now = Date.UTC(2024, 5, 1, 12);
    assert.equal(holds({ DateGreaterThan: { 'aws:CurrentTime': '2024-06-01T11:00:00Z' } }, {}, { now }), true);
    assert.equal(holds({ DateGreaterThan: { 'aws:CurrentTime': '2024-06-01T13:00:00Z' } }, {}, { now }), false);
    assert.equal(holds({ NumericGreaterThanEquals: { 'aws:EpochTime': String(now / 1000) } }, {}, { now }), true);
    assert.equal(holds({ DateGreaterThan: { 'aws:CurrentTime': '2024-06-01T11:00:00Z' } }, { 'aws:CurrentTime': '2000-01-01T00:00:00Z' }, { now }), false);
  });

  it('Bool: deny S3 unless aws:SecureTransport; values are "true"/"false" in any case or JSON booleans', () => {
    const denyInsecure = (secure: string) => evaluate({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': secure }, { effect: 'Deny' }).decision;
    assert.equal(denyInsecure('false'), 'explicitDeny');
    assert.equal(denyInsecure('true'), 'allowed');
    assert.equal(holds({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'TRUE' }), true);
  });

  it('BinaryEquals compares bytes of base-64 values', () => {
    assert.equal(holds({ BinaryEquals: { 'x:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'x:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }), true);
    assert.equal(holds({ BinaryEquals: { 'x:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'x:blob': 'QmluYXJ5' }), false);
  });

  it('IpAddress: 203.0.113.0/24, a bare address is /32, and IPv4 and IPv6 ranges mix', () => {
    const mixed = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } };
    assert.equal(holds(mixed, { 'aws:SourceIp': '203.0.113.255' }), true);
    assert.equal(holds(mixed, { 'aws:SourceIp': '203.0.114.1' }), false);
    assert.equal(holds(mixed, { 'aws:SourceIp': '2001:db8:1234:5678:abcd::1' }), true);
    assert.equal(holds(mixed, { 'aws:SourceIp': '2001:db8:1234:5679::1' }), false);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.7' }), true);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.8' }), false);
    assert.equal(holds({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '2001:db8::1' }), true);
    assert.equal(holds({ IpAddress: { 'aws:SourceIp': '::ffff:0:0/96' } }, { 'aws:SourceIp': '::ffff:10.0.0.1' }), true);
  });

  it('Arn: ArnEquals aws:SourceArn with the SNS topic; ArnEquals and ArnLike behave identically', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:TOPIC-ID';
    assert.equal(holds({ ArnEquals: { 'aws:SourceArn': topic } }, { 'aws:SourceArn': topic }), true);
    assert.equal(holds({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } }, { 'aws:SourceArn': topic }), true);
    assert.equal(holds({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } }, { 'aws:SourceArn': topic }), false);
  });

  it('missing keys: false, but true for negated operators such as StringNotLike and ArnNotLike', () => {
    assert.equal(holds({ StringLike: { 'aws:SourceVpce': 'vpce-*' } }), false);
    assert.equal(holds({ StringNotLike: { 'aws:SourceVpce': 'vpce-*' } }), true);
    assert.equal(holds({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } }), true);
    assert.equal(holds({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), true);
  });

  it('...IfExists: a missing key evaluates as true; a present key is tested', () => {
    const condition = { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } };
    assert.equal(holds(condition), true);
    assert.equal(holds(condition, { 'ec2:InstanceType': 't2.micro' }), true);
    assert.equal(holds(condition, { 'ec2:InstanceType': 'c5.large' }), false);
  });

  it('...IfExists with Deny and a negated operator: "the request is still denied even if the tag is missing"', () => {
    const result = evaluate({ StringNotEqualsIfExists: { 'aws:ResourceTag/team': 'red' } }, {}, { effect: 'Deny' });
    assert.equal(result.decision, 'explicitDeny');
  });

  it('Null: true when the key is absent, false when it is present', () => {
    assert.equal(holds({ Null: { 'aws:TokenIssueTime': 'true' } }), true);
    assert.equal(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }), false);
    assert.equal(holds({ Null: { 'aws:TokenIssueTime': false } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }), true);
  });
});

describe('reference_policies_multi-value-conditions.md', () => {
  const attributes = ['PostDateTime', 'Message', 'Tags'];

  it('several operators and several keys are ANDed, several values of one key ORed', () => {
    const condition = {
      StringEqualsIgnoreCase: { 'aws:PrincipalTag/department': ['finance', 'hr', 'legal'], 'aws:PrincipalTag/role': ['audit', 'security'] },
      StringEquals: { 'aws:PrincipalAccount': '111122223333' },
    };
    assert.equal(holds(condition, { 'aws:PrincipalTag/department': 'HR', 'aws:PrincipalTag/role': 'audit' }), true);
    assert.equal(holds(condition, { 'aws:PrincipalTag/department': 'HR' }), false);
    assert.equal(holds(condition, { 'aws:PrincipalTag/department': 'HR', 'aws:PrincipalTag/role': 'audit', 'aws:PrincipalAccount': '999999999999' }), false);
  });

  it('negated operators with several values work like a logical AND', () => {
    const condition = { StringNotEquals: { 'aws:PrincipalAccount': ['111111111111', '222222222222'] } };
    assert.equal(holds(condition, { 'aws:PrincipalAccount': '111111111111' }), false);
    assert.equal(holds(condition, { 'aws:PrincipalAccount': '333333333333' }), true);
  });

  it('ForAllValues: PostDateTime and UserName against PostDateTime, Message, Tags is false; Message and Tags is true', () => {
    const condition = { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': attributes } };
    assert.equal(holds(condition, { 'dynamodb:Attributes': ['PostDateTime', 'UserName'] }), false);
    assert.equal(holds(condition, { 'dynamodb:Attributes': ['Message', 'Tags'] }), true);
  });

  it('ForAnyValue with Deny: UserName, Message and PostDateTime against ID, PostDateTime is denied; UserName alone is not', () => {
    const denyAttributes = (values: string[]) =>
      evaluate({ 'ForAnyValue:StringEquals': { 'dynamodb:Attributes': ['ID', 'PostDateTime'] } }, { 'dynamodb:Attributes': values }, { effect: 'Deny' }).decision;
    assert.equal(denyAttributes(['UserName', 'Message', 'PostDateTime']), 'explicitDeny');
    assert.equal(denyAttributes(['UserName']), 'allowed');
  });

  it('"If the key values in the request resolve to an empty data set ... ForAllValues returns true. ... ForAnyValue returns false"', () => {
    assert.equal(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, { 'aws:TagKeys': [] }), true);
    assert.equal(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }, { 'aws:TagKeys': [] }), false);
    assert.equal(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, { 'aws:TagKeys': '' }), true, 'an empty string is a null data set');
  });

  it('ForAllValues "also returns true if there are no keys in the request"; ForAnyValue returns false', () => {
    assert.equal(holds({ 'ForAllValues:StringLike': { 'aws:TagKeys': 'Created*' } }), true);
    assert.equal(holds({ 'ForAnyValue:StringLike': { 'aws:TagKeys': 'Created*' } }), false);
  });

  it('set operators with negated operators test each request value against all policy values', () => {
    const condition = { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } };
    assert.equal(holds(condition, { 'aws:TagKeys': ['a', 'b'] }), false);
    assert.equal(holds(condition, { 'aws:TagKeys': ['a', 'c'] }), true);
    assert.equal(holds({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'x*' } }, { 'aws:TagKeys': ['a', 'xb'] }), false);
  });

  it('ForAnyValue and ForAllValues with IfExists: a missing key is true', () => {
    assert.equal(holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'a' } }), true);
  });

  it('without a set operator a multivalued request value does not match (reference_policies_single-vs-multi-valued-condition-keys.md)', () => {
    assert.equal(holds({ StringEquals: { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['a'] }), false);
    assert.equal(holds({ StringNotEquals: { 'aws:TagKeys': 'b' } }, { 'aws:TagKeys': ['a'] }), false);
    assert.equal(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': 'a' }), true, 'a single value is a set of one');
  });
});

describe('reference_policies_variables.md', () => {
  it('variables in String conditions use request values; aws:username comes from the IAM user', () => {
    assert.equal(holds({ StringEquals: { 's3:prefix': '${aws:username}' } }, { 's3:prefix': 'johndoe' }), true);
  });

  it('"When you use a variable with no value ... StringEquals or StringLike do not match"', () => {
    assert.equal(holds({ StringEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } }, { 's3:ExistingObjectTag/Team': 'red' }), false);
    assert.equal(holds({ StringLike: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}*' } }, { 's3:ExistingObjectTag/Team': 'red' }), false);
  });

  it('"Inverted condition operators like StringNotEquals or StringNotLike do match against a null value"', () => {
    const result = evaluate({ StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } }, { 's3:ExistingObjectTag/Team': 'red' }, { effect: 'Deny' });
    assert.equal(result.decision, 'explicitDeny');
    assert.deepEqual(result.missingContextKeys, ['aws:PrincipalTag/Team']);
  });

  it('a default value is used when the key has no value', () => {
    assert.equal(holds({ StringEquals: { 'x:team': "${aws:PrincipalTag/team, 'company-wide'}" } }, { 'x:team': 'company-wide' }), true);
    assert.equal(holds({ StringEquals: { 'x:team': "${aws:PrincipalTag/team, 'company-wide'}" } }, { 'x:team': 'yellow', 'aws:PrincipalTag/team': 'yellow' }), true);
  });

  it('${*}, ${?} and ${$} are literal characters in StringLike', () => {
    assert.equal(holds({ StringLike: { 'x:v': 'a${*}' } }, { 'x:v': 'a*' }), true);
    assert.equal(holds({ StringLike: { 'x:v': 'a${*}' } }, { 'x:v': 'ab' }), false);
  });

  it('"You cannot use a multivalued condition key as a variable"', () => {
    assert.equal(holds({ StringEquals: { 'x:v': '${aws:TagKeys}' } }, { 'x:v': 'a', 'aws:TagKeys': ['a'] }), false);
  });

  it('without Version 2012-10-17 (2008-10-17, or no Version) variables are literal strings', () => {
    const condition = { StringEquals: { 's3:prefix': '${aws:username}' } };
    assert.equal(holds(condition, { 's3:prefix': 'johndoe' }, { version: '2008-10-17' }), false);
    assert.equal(holds(condition, { 's3:prefix': '${aws:username}' }, { version: '2008-10-17' }), true);
    assert.equal(holds(condition, { 's3:prefix': '${aws:username}' }, { version: null }), true);
  });

  it('Bool takes variables (operators page); Numeric does not, so a variable there cannot be evaluated', () => {
    assert.equal(holds({ Bool: { 'aws:SecureTransport': '${x:flag}' } }, { 'aws:SecureTransport': 'true', 'x:flag': 'true' }), true);
    const result = evaluate({ NumericEquals: { 'x:n': '${x:m}' } }, { 'x:n': '1', 'x:m': '1' });
    assert.equal(result.decision, 'implicitDeny');
    assert.match(result.errors[0].message, /is not a number/);
  });
});
