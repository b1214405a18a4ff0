import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { analyze, assertFinding, assertNoFinding } = policyChecks({ path: 'policy.json' });

const statement = (effect: string, element: string, actions: string, condition: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "${effect}", "${element}": ${actions}, "Resource": "*", "Condition": ${condition}}]}`;

describe('tag condition keys on actions that do not support them (access-analyzer-reference-policy-checks.md)', () => {
  before(async () => {
    await loadedCatalog(['appmesh', 'backup', 'lambda', 's3', 'ec2', 'iam']);
  });

  it('DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE names the services whose actions escape the Deny', () => {
    assertFinding(
      statement('Deny', 'Action', '["appmesh:DeleteMesh", "lambda:ListFunctions"]', '{"StringEquals": {«"aws:ResourceTag/status"»: "Confidential"}}'),
      'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    );
    const { findings } = analyze(statement('Deny', 'Action', '["appmesh:DeleteMesh", "lambda:ListFunctions"]', '{"StringEquals": {"aws:ResourceTag/status": "Confidential"}}'));
    assert.match(findings.find((finding) => finding.code === 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE')!.message, /for lambda: lambda:ListFunctions does not support/);
  });

  it('DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE near misses: supported actions; a negated operator, which denies when the key is missing', () => {
    const supported = '["appmesh:DeleteMesh", "backup:DeleteBackupPlan"]';
    assertNoFinding(statement('Deny', 'Action', supported, '{"StringEquals": {"aws:ResourceTag/status": "Confidential"}}'), 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE');
    assertNoFinding(
      statement('Deny', 'Action', '["lambda:ListFunctions"]', '{"StringNotEquals": {"aws:ResourceTag/status": "Public"}}'),
      'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    );
  });

  it('ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE; near misses: supported actions, IfExists (true when the key is missing)', () => {
    assertFinding(
      statement('Allow', 'Action', '["appmesh:DescribeMesh", "lambda:ListFunctions"]', '{"StringEquals": {«"aws:ResourceTag/team"»: "BumbleBee"}}'),
      'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    );
    assertNoFinding(
      statement('Allow', 'Action', '["appmesh:DescribeMesh", "backup:GetBackupPlan"]', '{"StringEquals": {"aws:ResourceTag/team": "BumbleBee"}}'),
      'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    );
    assertNoFinding(
      statement('Allow', 'Action', '["lambda:ListFunctions"]', '{"StringEqualsIfExists": {"aws:ResourceTag/team": "BumbleBee"}}'),
      'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    );
  });

  it('DENY_NOTACTION_ and ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE; near miss: a non-tag key', () => {
    assertFinding(statement('Deny', 'NotAction', '"iam:*"', '{"StringEquals": {«"aws:ResourceTag/env"»: "prod"}}'), 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE');
    assertFinding(statement('Allow', 'NotAction', '"iam:*"', '{"ForAnyValue:StringEquals": {«"aws:TagKeys"»: ["env"]}}'), 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE');
    assertNoFinding(statement('Deny', 'NotAction', '"iam:*"', '{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}'), 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE');
    assertNoFinding(statement('Deny', 'Action', '"appmesh:DeleteMesh"', '{"StringEquals": {"aws:ResourceTag/env": "prod"}}'), 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE');
  });
});
