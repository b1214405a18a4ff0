import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyFix } from '../support/applyFix';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { analyze, assertFinding, assertNoFinding } = policyChecks({ path: 'policy.json' });

const statement = (effect: string, actions: string, condition: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "${effect}", "Action": ${actions}, "Resource": "*", "Condition": ${condition}}]}`;

describe('condition keys against the statement actions (Service Authorization Reference via the catalog)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'ec2', 'iam', 'events', 'kms', 'sts', 'identitystore']);
  });

  it('UNSUPPORTED_ACTION_FOR_CONDITION_KEY for actions the User Guide lists as lacking aws:ResourceAccount (reference_policies_condition-keys.md)', () => {
    assertFinding(statement('Deny', '["ec2:CopySnapshot", "events:PutRule", "s3:GetObject"]', '{"StringNotEquals": {«"aws:ResourceAccount"»: "111122223333"}}'), 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY');
    const { findings } = analyze(statement('Deny', '["ec2:CopySnapshot", "events:PutRule", "s3:GetObject"]', '{"StringNotEquals": {"aws:ResourceOrgID": "o-a1b2c3d4e5"}}'));
    assert.match(findings.find((finding) => finding.code === 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY')!.message, /^ec2:CopySnapshot, events:PutRule do not support aws:ResourceOrgID/);
  });

  it('UNSUPPORTED_ACTION_FOR_CONDITION_KEY near misses: wildcards are not evaluated (as Access Analyzer), supported actions, Allow statements', () => {
    assertNoFinding(statement('Deny', '["ec2:Copy*"]', '{"StringNotEquals": {"aws:ResourceAccount": "111122223333"}}'), 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY');
    assertNoFinding(statement('Deny', '["s3:GetObject"]', '{"StringNotEquals": {"aws:ResourceAccount": "111122223333"}}'), 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY');
    assertNoFinding(statement('Allow', '["events:PutRule"]', '{"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}}'), 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY');
  });

  it('MISSING_ACTION_FOR_CONDITION_KEY when the only action that sets the key is absent, with a fix that adds it', () => {
    assertFinding(statement('Allow', '["iam:GetRole"]', '{"StringEquals": {«"iam:PassedToService"»: "ec2.amazonaws.com"}}'), 'MISSING_ACTION_FOR_CONDITION_KEY');
    assertFinding(statement('Allow', '"ec2:RunInstances"', '{"StringEquals": {«"ec2:CreateAction"»: "RunInstances"}}'), 'MISSING_ACTION_FOR_CONDITION_KEY');
    const { text, findings } = analyze(statement('Allow', '"ec2:RunInstances"', '{"StringEquals": {"ec2:CreateAction": "RunInstances"}}'));
    const fix = findings.find((finding) => finding.code === 'MISSING_ACTION_FOR_CONDITION_KEY')!.fixes![0];
    assert.equal(fix.preferred, false, 'adding an action grants more: the author decides');
    const fixed = applyFix(text, fix);
    assert.deepEqual(JSON.parse(fixed).Statement[0].Action, ['ec2:RunInstances', 'ec2:CreateTags']);
    assertNoFinding(fixed, 'MISSING_ACTION_FOR_CONDITION_KEY');
    assertNoFinding(statement('Allow', '["iam:PassRole", "iam:GetRole"]', '{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}'), 'MISSING_ACTION_FOR_CONDITION_KEY');
    assertNoFinding(statement('Allow', '"iam:*"', '{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}'), 'MISSING_ACTION_FOR_CONDITION_KEY');
  });

  it('CONDITION_KEY_NOT_APPLICABLE when none of the actions supports a service key', () => {
    assertFinding(statement('Allow', '["s3:GetObject", "s3:PutObject"]', '{"StringLike": {«"s3:prefix"»: "home/*"}}'), 'CONDITION_KEY_NOT_APPLICABLE');
    assertFinding(statement('Allow', '"s3:Get*"', '{"StringEquals": {«"kms:ViaService"»: "s3.us-east-1.amazonaws.com"}}'), 'CONDITION_KEY_NOT_APPLICABLE');
    assertNoFinding(statement('Allow', '["s3:GetObject", "s3:ListBucket"]', '{"StringLike": {"s3:prefix": "home/*"}}'), 'CONDITION_KEY_NOT_APPLICABLE');
  });

  it('CONDITION_KEY_NOT_APPLICABLE never for global keys, keys other services carry, "*", NotAction or unknown actions', () => {
    assertNoFinding(statement('Allow', '"s3:GetObject"', '{"StringEquals": {"aws:RequestTag/team": "a", "aws:PrincipalTag/team": "a", "aws:SourceVpce": "vpce-1a2b3c4d"}}'), 'CONDITION_KEY_NOT_APPLICABLE');
    assertNoFinding(statement('Allow', '"s3:GetObject"', '{"StringEquals": {"identitystore:UserId": "u", "saml:sub": "a", "ec2:SourceInstanceARN": "arn:aws:ec2:*:*:instance/i-1"}}'), 'CONDITION_KEY_NOT_APPLICABLE');
    assertNoFinding(statement('Allow', '"*"', '{"StringLike": {"s3:prefix": "home/*"}}'), 'CONDITION_KEY_NOT_APPLICABLE');
    assertNoFinding(statement('Allow', '["s3:GetObject", "s3:NoSuchAction"]', '{"StringLike": {"s3:prefix": "home/*"}}'), 'CONDITION_KEY_NOT_APPLICABLE');
    assertNoFinding(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "a"}}}]}',
      'CONDITION_KEY_NOT_APPLICABLE',
    );
  });
});
