import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { Position, Range } from 'vscode-languageserver-types';
import {
  detectAccountFileFormat,
  findEmbeddedPolicies,
  loadCloudFormationTemplate,
  type EmbeddedPolicy,
  type PolicyDocument,
} from '../../server/src/account';
import { parsePolicy } from '../../server/src/policy/parse';
import { createLineIndex } from '../../server/src/policy/lineIndex';

const repoRoot = resolve(__dirname, '../../..');
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/account', name), 'utf8');

function textAt(text: string, range: Range): string {
  const lines = createLineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function positionOf(text: string, needle: string): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} in the text`);
  return createLineIndex(text).position(offset);
}

/** The string value node of the AST whose value is `value`, in any Action/Resource/Principal/Condition. */
function stringNode(document: { text: string }, value: string): Range {
  const ast = parsePolicy(document.text);
  for (const statement of ast.statements) {
    const strings = [
      ...(statement.action?.values ?? []),
      ...(statement.resource?.values ?? []),
      ...(statement.principal?.entries.flatMap((entry) => entry.values) ?? []),
      ...(statement.condition?.operators.flatMap((operator) => operator.keys.flatMap((key) => key.values.map((item) => ({ value: item.text, node: item.node })))) ?? []),
    ];
    const found = strings.find((item) => item.value === value);
    if (found) return found.node.range;
  }
  assert.fail(`no string ${value} in\n${document.text}`);
}

const sourceOf = (document: PolicyDocument | EmbeddedPolicy, range: Range) => ('toSourceRange' in document ? document.toSourceRange(range) : document.mapping.toSourceRange(range));

describe('CloudFormation YAML template with short-form tags', () => {
  const text = fixture('reports-stack.yaml');
  const uri = 'file:///infra/reports-stack.yaml';
  const file = loadCloudFormationTemplate(text, uri);
  const [account] = file.accounts;

  it('reads the IAM resources into one account, the assumed example account unless settings say', () => {
    assert.equal(account.id, '123456789012');
    assert.equal(account.idSource, 'placeholder');
    assert.ok(file.problems.some((problem) => problem.code === 'template-assumed-account'));
    assert.deepEqual(file.problems.filter((problem) => problem.severity !== 'information'), []);
    assert.deepEqual(account.users.map((user) => user.arn), ['arn:aws:iam::123456789012:user/carol']);
    assert.deepEqual(account.roles.map((role) => role.arn), ['arn:aws:iam::123456789012:role/reports-function-prod']);
  });

  it('resolves names from !Sub with parameter defaults and pseudo parameters, and generates the ones not given', () => {
    const [group] = account.groups;
    assert.equal(group.name, 'reports-stack-Analysts');
    assert.equal(group.generatedName, true);
    assert.equal(account.roles[0].generatedName, undefined);
    assert.deepEqual(account.resourcePolicies.find((policy) => policy.service === 's3')?.resourceArns, ['arn:aws:s3:::reports-prod-123456789012']);
  });

  it('links principals: UserToGroupAddition, ManagedPolicy Roles, InstanceProfile Roles, ManagedPolicyArns, boundary, tags', () => {
    const [carol] = account.users;
    assert.deepEqual(carol.groups, ['reports-stack-Analysts']);
    const [role] = account.roles;
    assert.deepEqual(role.attachedPolicyArns, [
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::123456789012:policy/reports/reports-stack-ReportsReader',
    ]);
    assert.equal(role.permissionsBoundaryArn, 'arn:aws:iam::123456789012:policy/ReportsBoundary');
    assert.deepEqual(role.tags, [
      { key: 'team', value: 'reports' },
      { key: 'environment', value: 'prod' },
    ]);
    assert.deepEqual(role.instanceProfiles.map((profile) => profile.arn), ['arn:aws:iam::123456789012:instance-profile/reports-stack-ReportsInstanceProfile']);
  });

  it('leaves out a resource whose Condition is false (IsDev is Not IsProd, and Environment defaults to prod)', () => {
    assert.ok(!account.roles.some((role) => role.origin.range.start.line === positionOf(text, 'DevOnlyRole:').line));
    assert.equal(account.roles.length, 1);
  });

  it('knows each document\'s kind from where it sits', () => {
    const kinds = findEmbeddedPolicies(text, uri).policies.map((policy) => `${policy.logicalId} ${policy.property}: ${policy.kind.type}${policy.kind.resourceService ? ` ${policy.kind.resourceService}` : ''}`);
    assert.deepEqual(kinds, [
      'ReportsBucketPolicy PolicyDocument: resource s3',
      'ReportsBoundary PolicyDocument: boundary',
      'ReportsReader PolicyDocument: identity',
      'ReportsFunctionRole AssumeRolePolicyDocument: trust',
      'ReportsFunctionRole Policies[0].PolicyDocument: identity',
      'Analysts Policies[0].PolicyDocument: identity',
      'DevOnlyRole AssumeRolePolicyDocument: trust',
      'ReportsKey KeyPolicy: resource kms',
    ]);
  });

  it('resolves !GetAtt, !Join, !Ref to a list parameter, and keeps ${!literal} as an IAM policy variable', () => {
    const reader = account.managedPolicies.find((policy) => policy.name === 'reports-stack-ReportsReader')!.inForce!;
    assert.deepEqual(reader.ast.statements[0].resource?.values.map((value) => value.value), ['arn:aws:s3:::reports-prod-123456789012', 'arn:aws:s3:::reports-prod-123456789012/*']);
    const bucketPolicy = account.resourcePolicies[0].document;
    assert.deepEqual(bucketPolicy.ast.statements[0].principal?.entries[0].values.map((value) => value.value), ['arn:aws:iam::444455556666:root', 'arn:aws:iam::777788889999:root']);
    const analysts = account.groups[0].inlinePolicies[0].document;
    assert.equal(analysts.ast.statements[0].resource?.values[0].value, 'arn:aws:s3:::reports-prod-123456789012/${aws:username}/*');
  });

  it('keeps what only a deployment knows as visible placeholders, and decides !If when the condition is known', () => {
    const inline = account.roles[0].inlinePolicies[0].document;
    const [logs, archive] = inline.ast.statements;
    assert.equal(logs.resource?.values[0].value, 'arn:aws:logs:us-east-1:123456789012:log-group:/reports/${!Ref TeamName}:*');
    assert.equal(archive.resource?.values[0].value, '${!ImportValue shared-archive-bucket-arn}');
    assert.equal(archive.condition?.operators[0].keys[0].values[0].text, 'aws:kms');
    const key = account.resourcePolicies.find((policy) => policy.service === 'kms')!;
    assert.deepEqual(key.resourceArns, ['arn:aws:kms:us-east-1:123456789012:key/${!Ref ReportsKey}']);
  });

  it('maps ranges of the JSON rendering back to the YAML: a plain scalar character for character, a function call as a whole', () => {
    const document = account.resourcePolicies[0].document;
    assert.equal(document.source.precision, 'value');
    assert.equal(textAt(text, document.toSourceRange(stringNode(document, 's3:GetObject'))), 's3:GetObject');
    assert.equal(textAt(text, document.toSourceRange(stringNode(document, 'arn:aws:s3:::reports-prod-123456789012/*'))), "!Sub '${ReportsBucket.Arn}/*'");
    // A range inside an exact scalar maps to the same characters.
    const action = stringNode(document, 's3:GetObject');
    const inside = { start: { ...action.start, character: action.start.character + 4 }, end: { ...action.start, character: action.start.character + 7 } };
    assert.equal(textAt(text, document.toSourceRange(inside)), 'Get');
    // A statement maps to its YAML mapping.
    const statement = document.ast.statements[0];
    assert.match(textAt(text, document.toSourceRange(statement.node.range)), /^Sid: CrossAccountRead[\s\S]*Resource: !Sub '\$\{ReportsBucket\.Arn\}\/\*'$/);
    // The whole document is the PolicyDocument value.
    assert.match(textAt(text, document.source.range), /^Version: '2012-10-17'\n/);
  });

  it('maps a cursor in the YAML into the JSON text, for completion and hover', () => {
    const document = account.resourcePolicies[0].document;
    const cursor = positionOf(text, 'GetObject\n            Resource: !Sub');
    const inText = document.toTextPosition(cursor)!;
    const lines = createLineIndex(document.text);
    assert.equal(document.text.slice(lines.offsetAt(inText), lines.offsetAt(inText) + 9), 'GetObject');
    assert.equal(document.toTextPosition({ line: 0, character: 0 }), undefined, 'outside the policy');
  });

  it('takes account, Region and parameters from options', () => {
    const withOptions = loadCloudFormationTemplate(text, uri, { accountId: '999988887777', region: 'eu-west-1', parameters: { Environment: 'dev', TeamName: 'blue' } });
    const [configured] = withOptions.accounts;
    assert.equal(configured.id, '999988887777');
    assert.equal(configured.idSource, 'settings');
    assert.ok(!withOptions.problems.some((problem) => problem.code === 'template-assumed-account'));
    const role = configured.roles.find((candidate) => candidate.name === 'reports-function-dev')!;
    assert.equal(role.inlinePolicies[0].document.ast.statements[0].resource?.values[0].value, 'arn:aws:logs:eu-west-1:999988887777:log-group:/reports/blue:*');
    // Environment=dev makes IsDev true: the conditional role is there now.
    assert.equal(configured.roles.length, 2);
  });
});

describe('CloudFormation JSON template', () => {
  const text = fixture('orders-stack.json');
  const uri = 'file:///infra/orders-stack.json';
  const file = loadCloudFormationTemplate(text, uri);
  const [account] = file.accounts;
  const policies = findEmbeddedPolicies(text, uri).policies;
  const policy = (logicalId: string, property: string) => policies.find((candidate) => candidate.logicalId === logicalId && candidate.property === property)!;

  it('uses a document without intrinsic functions as it is: exact ranges', () => {
    const topic = policy('OrdersTopicPolicy', 'PolicyDocument');
    assert.equal(topic.mapping.precision, 'exact');
    assert.equal(textAt(text, topic.range), topic.text);
    assert.equal(textAt(text, sourceOf(topic, stringNode(topic, 'arn:aws:iam::250000000005:root'))), '"arn:aws:iam::250000000005:root"');
  });

  it('renders a document with Fn:: functions resolved, mapping values back to their JSON source', () => {
    const consume = policy('OrdersWorkerRole', 'Policies[0].PolicyDocument');
    assert.equal(consume.mapping.precision, 'value');
    const ast = parsePolicy(consume.text);
    assert.equal(ast.statements.length, 2, 'the Fn::If statement is removed: IsLive is true, so AWS::NoValue');
    assert.equal(ast.statements[0].resource?.values[0].value, 'arn:aws:sqs:us-east-1:123456789012:orders-live');
    assert.equal(ast.statements[1].resource?.values[0].value, 'arn:aws:s3:::archive-${!Ref ArchiveAccount}/live/*');
    const conditions = ast.statements[1].condition?.operators.map((operator) => operator.keys[0].values[0].text);
    assert.deepEqual(conditions, ['eu-central-1', '90'], 'Fn::Select over a list parameter; Fn::FindInMap');
    assert.equal(textAt(text, sourceOf(consume, stringNode(consume, 'sqs:DeleteMessage'))), '"sqs:DeleteMessage"');
    assert.equal(textAt(text, sourceOf(consume, stringNode(consume, 'eu-central-1'))), '{ "Fn::Select": [1, { "Ref": "Regions" }] }');
  });

  it('reads a document written as a JSON string, mapping through its escapes', () => {
    const audit = policy('OrdersAuditPolicy', 'PolicyDocument');
    assert.equal(audit.mapping.precision, 'encoded');
    assert.equal(textAt(text, sourceOf(audit, stringNode(audit, 'cloudtrail:LookupEvents'))), '\\"cloudtrail:LookupEvents\\"');
  });

  it('gives queue and topic policies the ARNs of the resources they protect', () => {
    assert.deepEqual(
      account.resourcePolicies.map((resourcePolicy) => [resourcePolicy.service, resourcePolicy.resourceArns]),
      [
        ['sqs', ['arn:aws:sqs:us-east-1:123456789012:orders-live']],
        ['sns', ['arn:aws:sns:us-east-1:123456789012:orders-stack-OrdersTopic']],
      ],
    );
  });

  it('attaches an AWS::IAM::Policy to the template role it names, and reports a role it cannot find', () => {
    const [role] = account.roles;
    assert.deepEqual(role.inlinePolicies.map((inline) => inline.name), ['ConsumeOrders', 'AuditOrders']);
    const missing = file.problems.find((problem) => problem.code === 'account-unknown-reference')!;
    assert.match(missing.message, /"role-from-elsewhere"/);
    assert.match(textAt(text, missing.range), /role-from-elsewhere/);
  });
});

describe('CloudFormation templates: bad input', () => {
  it('reports a Ref to nothing and an unknown function at their place, with visible placeholders', () => {
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { AWS: !Ref Nope }',
      '            Action: { "Fn::Nope": [] }',
      '',
    ].join('\n');
    const { policies, problems } = findEmbeddedPolicies(text, 'file:///t.yaml');
    const unknown = problems.find((problem) => problem.code === 'template-unknown-reference')!;
    assert.equal(textAt(text, unknown.range), 'Nope');
    const invalid = problems.find((problem) => problem.code === 'template-invalid-resource')!;
    assert.match(invalid.message, /Fn::Nope is not a CloudFormation intrinsic function/);
    const ast = parsePolicy(policies[0].text);
    assert.equal(ast.statements[0].principal?.entries[0].values[0].value, '${!Ref Nope}');
    assert.equal(ast.statements[0].action?.values[0].value, '${!Fn::Nope}');
  });

  it('still finds the policies of a YAML template with a syntax error (as while typing), and reports the error', () => {
    const text = [
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: reports',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: [s3:GetObject',
      '            Principal: "*"',
      '',
    ].join('\n');
    const { policies, problems } = findEmbeddedPolicies(text, 'file:///typing.yaml');
    assert.ok(problems.some((problem) => problem.code === 'account-syntax'));
    assert.equal(policies.length, 1);
    assert.equal(policies[0].kind.resourceService, 's3');
  });

  it('never throws, whatever prefix of a template it is given', () => {
    for (const name of ['reports-stack.yaml', 'orders-stack.json']) {
      const text = fixture(name);
      for (let cut = 0; cut <= text.length; cut += 13) {
        const prefix = text.slice(0, cut);
        loadCloudFormationTemplate(prefix, `file:///${name}`);
        for (const policy of findEmbeddedPolicies(prefix, `file:///${name}`).policies) {
          for (const statement of parsePolicy(policy.text).statements) policy.mapping.toSourceRange(statement.node.range);
        }
      }
    }
  });

  it('reports a template whose Resources is not a map as an unknown shape', () => {
    const file = loadCloudFormationTemplate(fixture('unknown-shape-template.yaml'), 'file:///bad.yaml');
    assert.deepEqual(file.accounts, []);
    assert.equal(file.problems[0].code, 'account-unknown-shape');
  });

  it('detects templates and exports by content', () => {
    assert.equal(detectAccountFileFormat(fixture('reports-stack.yaml')), 'cloudformation');
    assert.equal(detectAccountFileFormat(fixture('orders-stack.json')), 'cloudformation');
    assert.equal(detectAccountFileFormat('Resources:\n  R:\n    Type: AWS::SNS::Topic\n'), 'cloudformation');
    assert.equal(detectAccountFileFormat(fixture('account-c.json')), 'authorization-details');
    assert.equal(detectAccountFileFormat('{"Version": "2012-10-17", "Statement": []}'), undefined);
    assert.equal(detectAccountFileFormat('Resources:\n  - just a list\n'), undefined);
  });
});
