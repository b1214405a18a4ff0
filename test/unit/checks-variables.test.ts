import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { assertFinding, assertNoFinding, applyFirstFix } = policyChecks({ path: 'policy.json' });

const policy = (condition: string, action = 's3:GetObject') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*", "Condition": ${condition}}]}`;

const resourcePolicy = (resource: string, version = '"Version": "2012-10-17", ') =>
  `{${version}"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ${resource}}]}`;

describe('policy variable checks (reference_policies_variables.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'iam']);
  });

  it('MISSING_BRACE_IN_VARIABLE at the variable, fixed by closing it; near miss: a closed variable', () => {
    assertFinding(resourcePolicy('"arn:aws:s3:::b/home/«${aws:username»/*"'), 'MISSING_BRACE_IN_VARIABLE');
    assert.match(applyFirstFix(resourcePolicy('"arn:aws:s3:::b/home/${aws:username/*"'), 'MISSING_BRACE_IN_VARIABLE'), /"arn:aws:s3:::b\/home\/\$\{aws:username\}\/\*"/);
    assertNoFinding(resourcePolicy('"arn:aws:s3:::b/home/${aws:username}/*"'), 'MISSING_BRACE_IN_VARIABLE');
  });

  it('MISSING_QUOTE_IN_VARIABLE for an unquoted default, fixed by quoting it', () => {
    assertFinding(resourcePolicy('"arn:aws:s3:::b-«${aws:PrincipalTag/team, company-wide}»"'), 'MISSING_QUOTE_IN_VARIABLE');
    assert.match(applyFirstFix(resourcePolicy('"arn:aws:s3:::b-${aws:PrincipalTag/team, company-wide}"'), 'MISSING_QUOTE_IN_VARIABLE'), /\$\{aws:PrincipalTag\/team, 'company-wide'\}/);
    assertNoFinding(resourcePolicy(`"arn:aws:s3:::b-\${aws:PrincipalTag/team, 'company-wide'}"`), 'MISSING_QUOTE_IN_VARIABLE');
  });

  it('UNSUPPORTED_SPACE_IN_VARIABLE for a space in the name, fixed by removing it', () => {
    assertFinding(resourcePolicy('"arn:aws:s3:::b/«${ aws:username}»"'), 'UNSUPPORTED_SPACE_IN_VARIABLE');
    assert.match(applyFirstFix(resourcePolicy('"arn:aws:s3:::b/${ aws:username}"'), 'UNSUPPORTED_SPACE_IN_VARIABLE'), /b\/\$\{aws:username\}"/);
    assertNoFinding(resourcePolicy(`"arn:aws:s3:::b/\${aws:PrincipalTag/team, 'no team'}"`), 'UNSUPPORTED_SPACE_IN_VARIABLE');
  });

  it('EMPTY_VARIABLE for ${}, fixed by removing it', () => {
    assertFinding(resourcePolicy('"arn:aws:s3:::b/«${}»x"'), 'EMPTY_VARIABLE');
    assert.match(applyFirstFix(resourcePolicy('"arn:aws:s3:::b/${}x"'), 'EMPTY_VARIABLE'), /"arn:aws:s3:::b\/x"/);
    assertNoFinding(resourcePolicy('"arn:aws:s3:::b/${$}x"'), 'EMPTY_VARIABLE');
  });

  it('a string with escapes is pointed at whole', () => {
    assertFinding(resourcePolicy('«"arn:aws:s3:::b\\/${}"»'), 'EMPTY_VARIABLE');
  });

  it('VARIABLE_UNSUPPORTED_IN_ELEMENT in Action and Principal; near misses: Resource, NotResource and Condition values', () => {
    assertFinding(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:«${aws:username}»", "Resource": "*"}]}',
      'VARIABLE_UNSUPPORTED_IN_ELEMENT',
    );
    assertFinding(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/«${aws:username}»"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}',
      'VARIABLE_UNSUPPORTED_IN_ELEMENT',
      'b.bucket-policy.json',
    );
    const allowed = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "NotResource": "arn:aws:s3:::\${aws:username}",
      "Condition": {"StringLike": {"s3:prefix": "\${aws:username}/*"}, "ArnLike": {"aws:SourceArn": "arn:aws:s3:::\${aws:username}"}}}]}`;
    assertNoFinding(allowed, 'VARIABLE_UNSUPPORTED_IN_ELEMENT');
    assertNoFinding(allowed, 'INVALID_VARIABLE_FOR_OPERATOR');
  });

  it('VARIABLE_UNSUPPORTED_IN_VERSION once, with the Version fix; near miss: 2012-10-17', () => {
    assertFinding(resourcePolicy('["arn:aws:s3:::b/«${aws:username}»", "arn:aws:s3:::c/${aws:username}"]', '"Version": "2008-10-17", '), 'VARIABLE_UNSUPPORTED_IN_VERSION');
    assert.match(applyFirstFix(resourcePolicy('"arn:aws:s3:::b/${aws:username}"', '"Version": "2008-10-17", '), 'VARIABLE_UNSUPPORTED_IN_VERSION'), /"Version": "2012-10-17"/);
    const inserted = applyFirstFix(resourcePolicy('"arn:aws:s3:::b/${aws:username}"', ''), 'VARIABLE_UNSUPPORTED_IN_VERSION');
    assert.equal(JSON.parse(inserted).Version, '2012-10-17');
    assertNoFinding(resourcePolicy('"arn:aws:s3:::b/${aws:username}"'), 'VARIABLE_UNSUPPORTED_IN_VERSION');
    assertNoFinding(resourcePolicy('"arn:aws:s3:::b/${aws:username}"', '"Version": "2012-10-18", '), 'VARIABLE_UNSUPPORTED_IN_VERSION');
  });

  it('INVALID_VARIABLE_FOR_OPERATOR for Numeric, Date, Bool, IpAddress and Null values; near miss: String and ARN', () => {
    assertFinding(policy('{"NumericLessThan": {"aws:MultiFactorAuthAge": "«${aws:username}»"}}'), 'INVALID_VARIABLE_FOR_OPERATOR');
    assertFinding(policy('{"IpAddress": {"aws:SourceIp": "«${aws:VpcSourceIp}»"}}'), 'INVALID_VARIABLE_FOR_OPERATOR');
    assertFinding(policy('{"Bool": {"aws:SecureTransport": "«${aws:ViaAWSService}»"}}'), 'INVALID_VARIABLE_FOR_OPERATOR');
    assertNoFinding(policy('{"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}}'), 'INVALID_VARIABLE_FOR_OPERATOR');
  });
});
