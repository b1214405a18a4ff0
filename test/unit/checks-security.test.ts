import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, PRIVILEGE_ESCALATION_METHODS } from '../../server/src/analysis/securityRisks';
import { loadedCatalog } from '../support/catalog';
import { loadingPolicyChecks } from '../support/checks';

const { analyze, assertFinding, assertNoFinding, applyAndRecheck } = loadingPolicyChecks({ path: 'policy.iam.json', minMessageLength: 20 });

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;

const allow = (action: string, resource = '"*"', extra = '') => policy(`{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}`);
const allowNot = (element: string, resource: string) => policy(`{"Effect": "Allow", ${element}, ${resource}}`);

describe('pass-role security warnings (access-analyzer-reference-policy-checks.md, id_roles_use_passrole.md)', () => {
  before(async () => {
    await loadedCatalog(['iam', 's3', 'ec2', 'lambda']);
  });

  it('PASS_ROLE_WITH_STAR_IN_RESOURCE at the resource, with a role ARN template fix; near misses: role names, iam:PassedToService, Deny', async () => {
    await assertFinding(allow('"iam:PassRole"', '«"*"»'), 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    await assertFinding(allow('"iam:PassRole"', '«"arn:aws:iam::111122223333:role/*"»'), 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    const fixed = await applyAndRecheck(allow('"iam:PassRole"'), 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    assert.deepEqual(JSON.parse(fixed).Statement[0].Resource, 'arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME_WITH_PATH');
    await assertNoFinding(allow('"iam:PassRole"', '"arn:aws:iam::*:role/Service*"'), 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    await assertNoFinding(allow('"iam:PassRole"', '"*"', ', "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}'), 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    await assertNoFinding(policy('{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}'), 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
  });

  it('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE for "*" and iam:Pass*; near miss: iam:Get*', async () => {
    await assertFinding(allow('["iam:Pass*"]', '«"*"»'), 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE');
    await assertFinding(allow('"*"', '«"*"»'), 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE');
    await assertNoFinding(allow('"iam:Get*"'), 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE');
  });

  it('PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION; near miss: NotAction that excludes iam:PassRole', async () => {
    await assertFinding(allowNot('"NotAction": "s3:*"', '"Resource": «"*"»'), 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION');
    await assertNoFinding(allowNot('"NotAction": ["iam:*"]', '"Resource": "*"'), 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION');
  });

  it('PASS_ROLE_WITH_NOTRESOURCE, ..._STAR_IN_ACTION_AND_NOTRESOURCE, ..._NOTACTION_AND_NOTRESOURCE at the NotResource key; near miss: NotResource excluding every role', async () => {
    await assertFinding(allowNot('"Action": "iam:PassRole"', '«"NotResource"»: "arn:aws:iam::111122223333:role/admin"'), 'PASS_ROLE_WITH_NOTRESOURCE');
    await assertFinding(allowNot('"Action": "iam:*"', '«"NotResource"»: "arn:aws:iam::111122223333:role/admin"'), 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE');
    await assertFinding(allowNot('"NotAction": "s3:*"', '«"NotResource"»: "arn:aws:iam::111122223333:role/admin"'), 'PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE');
    await assertNoFinding(allowNot('"Action": "iam:PassRole"', '"NotResource": "arn:aws:iam::*:role/*"'), 'PASS_ROLE_WITH_NOTRESOURCE');
  });
});

describe('service-linked role warnings (access-analyzer-reference-policy-checks.md)', () => {
  before(async () => {
    await loadedCatalog(['iam', 's3']);
  });

  it('CREATE_SLR_WITH_STAR_IN_RESOURCE; near misses: iam:AWSServiceName, one service-linked role', async () => {
    await assertFinding(allow('"iam:CreateServiceLinkedRole"', '«"*"»'), 'CREATE_SLR_WITH_STAR_IN_RESOURCE');
    await assertFinding(allow('"iam:CreateServiceLinkedRole"', '«"arn:aws:iam::*:role/aws-service-role/*"»'), 'CREATE_SLR_WITH_STAR_IN_RESOURCE');
    await applyAndRecheck(allow('"iam:CreateServiceLinkedRole"'), 'CREATE_SLR_WITH_STAR_IN_RESOURCE');
    await assertNoFinding(allow('"iam:CreateServiceLinkedRole"', '"*"', ', "Condition": {"StringLike": {"iam:AWSServiceName": "elasticmapreduce.amazonaws.com"}}'), 'CREATE_SLR_WITH_STAR_IN_RESOURCE');
    await assertNoFinding(
      allow('"iam:CreateServiceLinkedRole"', '"arn:aws:iam::*:role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup"'),
      'CREATE_SLR_WITH_STAR_IN_RESOURCE',
    );
  });

  it('CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE for iam:Create*; near miss: iam:Delete*', async () => {
    await assertFinding(allow('"iam:Create*"', '«"*"»'), 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE');
    await assertNoFinding(allow('"iam:Delete*"'), 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE');
  });

  it('CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION; near miss: NotAction listing the action', async () => {
    await assertFinding(allowNot('"NotAction": "s3:*"', '"Resource": «"*"»'), 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION');
    await assertNoFinding(allowNot('"NotAction": ["iam:CreateServiceLinkedRole"]', '"Resource": "*"'), 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION');
  });

  it('CREATE_SLR_WITH_NOTRESOURCE, ..._STAR_IN_ACTION_AND_NOTRESOURCE, ..._NOTACTION_AND_NOTRESOURCE; near miss: NotResource of every service-linked role', async () => {
    await assertFinding(allowNot('"Action": "iam:CreateServiceLinkedRole"', '«"NotResource"»: "arn:aws:iam::*:role/x"'), 'CREATE_SLR_WITH_NOTRESOURCE');
    await assertFinding(allowNot('"Action": "iam:Create*"', '«"NotResource"»: "arn:aws:iam::*:role/x"'), 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE');
    await assertFinding(allowNot('"NotAction": "s3:*"', '«"NotResource"»: "arn:aws:iam::*:role/x"'), 'CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE');
    await assertNoFinding(allowNot('"Action": "iam:CreateServiceLinkedRole"', '"NotResource": "arn:aws:iam::*:role/aws-service-role/*"'), 'CREATE_SLR_WITH_NOTRESOURCE');
  });

  it('none of them in a permissions boundary or SCP, which grant nothing', async () => {
    await assertNoFinding(allow('"*"'), 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', 'dev.boundary.json');
    await assertNoFinding(allow('"*"'), 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'guard.scp.json');
  });
});

describe('security findings in the spirit of cloudsplaining', () => {
  before(async () => {
    await loadedCatalog(['iam', 's3', 'ec2', 'lambda', 'ssm', 'secretsmanager', 'ecr', 'sts', 'kms', 'dynamodb']);
  });

  it('every listed risky action exists in the catalog (securityRisks.ts stays current)', async () => {
    const names = [...new Set([...CREDENTIALS_EXPOSURE_ACTIONS, ...DATA_EXFILTRATION_ACTIONS, ...PRIVILEGE_ESCALATION_METHODS.flatMap((method) => method.actions)])];
    const catalog = await loadedCatalog(names.map((name) => name.split(':')[0]));
    for (const name of names) assert.equal(catalog.getAction(name)?.fullName, name, `${name} is a catalog action, in its canonical casing`);
  });

  it('ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES, and no other category of ours on that statement; near misses: Deny, a named resource', async () => {
    const { codes } = await analyze(allow('«"*"»'));
    await assertFinding(allow('«"*"»'), 'ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES');
    for (const code of ['PRIVILEGE_ESCALATION', 'CREDENTIALS_EXPOSURE', 'DATA_EXFILTRATION', 'RESOURCE_EXPOSURE', 'SERVICE_WIDE_WILDCARD']) assert.ok(!codes.includes(code), code);
    await assertNoFinding(policy('{"Effect": "Deny", "Action": "*", "Resource": "*"}'), 'ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES');
    await assertNoFinding(allow('"*"', '"arn:aws:s3:::bucket/*"'), 'ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES');
  });

  it('PRIVILEGE_ESCALATION for iam:CreatePolicyVersion on "*"; near miss: on a named policy', async () => {
    const [finding] = await assertFinding(allow('«"iam:CreatePolicyVersion"»'), 'PRIVILEGE_ESCALATION');
    assert.match(finding.message, /CreateNewPolicyVersion/);
    await assertNoFinding(allow('"iam:CreatePolicyVersion"', '"arn:aws:iam::111122223333:policy/app"'), 'PRIVILEGE_ESCALATION');
  });

  it('PRIVILEGE_ESCALATION for a combination across statements, one finding per contributing statement; near miss: one part missing', async () => {
    const source = policy(
      '{"Effect": "Allow", "Action": «"iam:PassRole"», "Resource": "*"}, {"Effect": "Allow", "Action": [«"lambda:CreateFunction"», "lambda:InvokeFunction"], "Resource": "*"}',
    );
    const findings = await assertFinding(source, 'PRIVILEGE_ESCALATION');
    assert.match(findings[1].message, /lambda:CreateFunction, lambda:InvokeFunction/);
    assert.match(findings[1].message, /PassExistingRoleToNewLambdaThenInvoke/);
    await assertNoFinding(policy('{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*"}'), 'PRIVILEGE_ESCALATION');
    await assertNoFinding(
      policy('{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}'),
      'PRIVILEGE_ESCALATION',
    );
  });

  it('CREDENTIALS_EXPOSURE names the actions; near miss: other ECR reads', async () => {
    const [finding] = await assertFinding(allow('["ecr:DescribeImages", «"ecr:GetAuthorizationToken"», "sts:GetSessionToken"]'), 'CREDENTIALS_EXPOSURE');
    assert.match(finding.message, /ecr:GetAuthorizationToken, sts:GetSessionToken/);
    await assertNoFinding(allow('"ecr:DescribeImages"'), 'CREDENTIALS_EXPOSURE');
  });

  it('statements that may reach any service are asked about every listed action: NotAction, wildcards in the service part, a Deny of "*:*"; near miss: another service only', async () => {
    // The lists are read per service a statement names (servicesStatementReaches); these reach all.
    const [notAction] = await assertFinding(allowNot('«"NotAction"»: "s3:*"', '"Resource": "*"'), 'CREDENTIALS_EXPOSURE');
    const notS3 = CREDENTIALS_EXPOSURE_ACTIONS.filter((name) => !name.startsWith('s3:'));
    assert.match(notAction.message, new RegExp(`^Allows ${notS3[0]}, .* and ${notS3.length - 5} more on all resources`));
    await assertFinding(allow('«"*:GetAuthorizationToken"»'), 'CREDENTIALS_EXPOSURE');
    await assertFinding(allow('«"s3*:GetObject"»'), 'DATA_EXFILTRATION');
    await assertNoFinding(
      policy('{"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*"}, {"Effect": "Deny", "Action": "*:CreatePolicyVersion", "Resource": "*"}'),
      'PRIVILEGE_ESCALATION',
    );
    await assertNoFinding(allow('["ec2:DescribeInstances", "dynamodb:GetItem"]'), 'CREDENTIALS_EXPOSURE');
  });

  it('DATA_EXFILTRATION through a wildcard, with expansion and ARN-template fixes; near miss: on one bucket', async () => {
    await assertFinding(allow('«"s3:Get*"»'), 'DATA_EXFILTRATION');
    await assertNoFinding(allow('"s3:GetObject"', '"arn:aws:s3:::bucket/*"'), 'DATA_EXFILTRATION');
    const fixed = await applyAndRecheck(allow('"s3:GetObject"'), 'DATA_EXFILTRATION', /ARN templates/);
    assert.deepEqual(new Set(JSON.parse(fixed).Statement[0].Resource), new Set([
      'arn:aws:s3:REGION:ACCOUNT_ID:accesspoint/ACCESS_POINT_NAME/object/OBJECT_NAME',
      'arn:aws:s3:::BUCKET_NAME/OBJECT_NAME',
    ]));
  });

  it('RESOURCE_EXPOSURE for Permissions management actions from the catalog, with per-level fixes; near miss: Read only', async () => {
    const [finding] = await assertFinding(allow('[«"s3:Put*"», "s3:GetObject"]', '"*"'), 'RESOURCE_EXPOSURE');
    assert.match(finding.message, /s3:PutAccessPointPolicy, .* and \d+ more/);
    const fixed = await applyAndRecheck(allow('["s3:Put*"]'), 'RESOURCE_EXPOSURE', /Write actions only/);
    assert.ok(!JSON.parse(fixed).Statement[0].Action.includes('s3:PutBucketPolicy'));
    await assertNoFinding(allow('"s3:List*"'), 'RESOURCE_EXPOSURE');
  });

  it('SERVICE_WIDE_WILDCARD once per statement naming the services, with expansion fixes; near miss: a partial wildcard', async () => {
    const [finding] = await assertFinding(allow('[«"s3:*"», "sts:*"]', '"arn:aws:s3:::bucket"'), 'SERVICE_WIDE_WILDCARD');
    assert.match(finding.message, /"s3:\*", "sts:\*"/);
    const fixed = await applyAndRecheck(allow('"sts:*"', '"arn:aws:iam::111122223333:role/app"'), 'SERVICE_WIDE_WILDCARD', /Read actions only/);
    assert.ok(JSON.parse(fixed).Statement[0].Action.every((action: string) => action.startsWith('sts:')));
    await assertNoFinding(allow('"s3:Get*"'), 'SERVICE_WIDE_WILDCARD');
  });

  it('none of them in a trust policy or SCP', async () => {
    await assertNoFinding(allow('"iam:CreatePolicyVersion"'), 'PRIVILEGE_ESCALATION', 'guard.scp.json');
  });
});

describe('MISSING_QUALIFIER (access-analyzer-reference-policy-checks.md, reference_policies_single-vs-multi-valued-condition-keys.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'events']);
  });

  const withCondition = (operator: string, key: string) =>
    policy(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"${operator}": {${key}: ["s3.amazonaws.com"]}}}`);

  it('at a multivalued global key under a plain operator, with ForAnyValue/ForAllValues fixes', async () => {
    await assertFinding(withCondition('StringEquals', '«"aws:CalledVia"»'), 'MISSING_QUALIFIER');
    const fixed = await applyAndRecheck(withCondition('StringEquals', '"aws:CalledVia"'), 'MISSING_QUALIFIER', /ForAnyValue/);
    assert.match(fixed, /"ForAnyValue:StringEquals"/);
  });

  it('near misses: a qualified operator, Null, a single-valued key, an ArrayOf service key', async () => {
    await assertNoFinding(withCondition('ForAnyValue:StringEquals', '"aws:CalledVia"'), 'MISSING_QUALIFIER');
    await assertNoFinding(withCondition('ForAllValues:StringLike', '"aws:TagKeys"'), 'MISSING_QUALIFIER');
    await assertNoFinding(withCondition('Null', '"aws:TagKeys"'), 'MISSING_QUALIFIER');
    await assertNoFinding(withCondition('StringEquals', '"aws:PrincipalAccount"'), 'MISSING_QUALIFIER');
    await assertNoFinding(withCondition('StringEquals', '"events:detail-type"'), 'MISSING_QUALIFIER');
  });
});
