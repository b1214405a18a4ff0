import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typoEditDistance, typoNeighbours } from '../../server/src/analysis/actionsResolve';
import { actionPatternMatches } from '../../server/src/analysis/actionsGrant';
import { actionPatternToRegExp, trailingStarHead } from '../../server/src/catalog/actionPattern';
import { replaceListItemWithStrings } from '../../server/src/analysis/fixEdits';
import { parseArnFields, resourceCovers, splitArnFields } from '../../server/src/analysis/arnsParse';
import { isRegionCode, regionProblem } from '../../server/src/analysis/arnsRegions';
import { templateOfArnFormat } from '../../server/src/analysis/resourcesTemplates';
import { patternCovers } from '../../server/src/analysis/wildcardsPattern';
import { parsePolicy } from '../../server/src/policy/parse';
import { applyFix } from '../support/applyFix';

describe('helpers of the action, ARN and resource checks', () => {
  it('typoEditDistance counts a swapped pair of letters as one edit', () => {
    assert.equal(typoEditDistance('gte', 'get', 3), 1);
    assert.equal(typoEditDistance('getobjekt', 'getobject', 3), 1);
    assert.equal(typoEditDistance('abc', 'xyz', 1), 2, 'gives up past the limit');
  });

  it('typoNeighbours: one or two edits are typos, whole renamed words are not', () => {
    assert.deepEqual(typoNeighbours('GetObjekt', ['GetObject', 'PutObject']), ['GetObject']);
    assert.deepEqual(typoNeighbours('ListPaymentProfiles', ['ListPaymentPreferences']), [], 'a renamed action is no typo');
    assert.deepEqual(typoNeighbours('s4', ['s3', 'sqs', 'sns']), ['s3']);
    assert.deepEqual(typoNeighbours('ab', ['ax', 'ay']).sort(), ['ax', 'ay'], 'ties are all offered');
  });

  it('a pattern whose one wildcard is a trailing * is matched by its head, as its RegExp matches it', () => {
    assert.equal(trailingStarHead('Describe*'), 'Describe');
    assert.equal(trailingStarHead('iam:*'), 'iam:');
    assert.equal(trailingStarHead('*'), '');
    for (const other of ['Get*Policy', '*Tags', 'Get?*', 'Get**', 'GetObject', 'Ge?Object']) assert.equal(trailingStarHead(other), undefined, other);
    // The same answers as the RegExp: case, an action shorter than the head, non-ASCII look-alikes
    // (/i folds ASCII letters only onto ASCII) and a variable, which an Action element does not replace.
    const patterns = ['iam:Pass*', 'IAM:pass*', 'iam:*', 's3:Get*', 'iam:Pass*Role', 'iam:Pa?sRole', 'iam:PassRole*', 'ıam:Pass*', 'iam:${x}*'];
    const actions = ['iam:PassRole', 'IAM:PASSROLE', 'iam:Pass', 'iam:Pas', 's3:GetObject', 'iam:PaſsRole', 'ıam:PassRole', 'iam:GetRole', 'iam:PassRoleX', 'iam:${x}Role'];
    for (const pattern of patterns) {
      for (const action of actions) assert.equal(actionPatternMatches(pattern, action), actionPatternToRegExp(pattern).test(action), `${pattern} against ${action}`);
    }
  });

  it('patternCovers: wildcards, case, variables', () => {
    assert.ok(patternCovers('iam:Get*', 'iam:GetCredentialReport', true));
    assert.ok(patternCovers('iam:*', 'iam:Get*', true));
    assert.ok(!patternCovers('iam:Get*', 'iam:*CredentialReport', true), 'iam:*CredentialReport also matches GenerateCredentialReport');
    assert.ok(patternCovers('IAM:get*', 'iam:GetUser', true));
    assert.ok(!patternCovers('role/jane*', 'ROLE/jane-admin', false), 'ARNs are case-sensitive');
    assert.ok(patternCovers('user/${aws:username}', 'user/${aws:username}', false));
    assert.ok(!patternCovers('user/?', 'user/${aws:username}', false), 'a variable may be longer than one character');
    assert.ok(patternCovers('user/*', 'user/${aws:username}', false));
  });

  it('ARN fields: colons inside variables do not split, the resource keeps its colons', () => {
    assert.deepEqual(splitArnFields('arn:aws:s3:::${aws:username}/*'), ['arn', 'aws', 's3', '', '', '${aws:username}/*']);
    assert.deepEqual(splitArnFields('arn:aws:logs:us-east-1:111122223333:log-group:a:log-stream:b'), ['arn', 'aws', 'logs', 'us-east-1', '111122223333', 'log-group:a:log-stream:b']);
    assert.equal(parseArnFields('arn:aws:s3::bucket'), undefined);
    assert.ok(resourceCovers('arn:aws:iam::111122223333:role/jane*', 'arn:aws:iam::111122223333:role/jane-admin'));
    assert.ok(!resourceCovers('arn:aws:iam::*:role/*', 'arn:aws:iam::*:user/x'));
    assert.ok(!resourceCovers('arn:aws:s3:::b*', 'arn:aws:s3:::x:b'), 'wildcards stay within their field');
  });

  it('Region codes by shape, and their partition (reference_identifiers.md)', () => {
    for (const region of ['us-east-1', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1', 'eusc-de-east-1', 'ap-southeast-7']) assert.ok(isRegionCode(region), region);
    for (const region of ['us-east1', 'US-EAST-1', 'us-est-1', 'us-east-1a', 'useast-1']) assert.ok(!isRegionCode(region), region);
    assert.match(regionProblem('cn-north-1', 'aws') ?? '', /aws-cn/);
    assert.equal(regionProblem('cn-north-1', 'aws-cn'), undefined);
  });

  it('ARN templates keep placeholders visible and never a wildcard or a variable', () => {
    assert.equal(templateOfArnFormat('arn:${Partition}:s3:::${BucketName}/${ObjectName}'), 'arn:aws:s3:::BUCKET_NAME/OBJECT_NAME');
    assert.equal(templateOfArnFormat('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'), 'arn:aws:iam::ACCOUNT_ID:role/ROLE_NAME_WITH_PATH');
    assert.equal(templateOfArnFormat('arn:${Partition}:sqs:${Region}:${Account}:${QueueName}'), 'arn:aws:sqs:REGION:ACCOUNT_ID:QUEUE_NAME');
  });

  it('replaceListItemWithStrings keeps one-per-line arrays one per line, and turns a string into an array', () => {
    const multiLine = '{"Statement": [{"Action": [\n    "a:*",\n    "b:X"\n  ]}]}';
    let ast = parsePolicy(multiLine);
    let element = ast.statements[0].action!;
    let fixed = applyFix(multiLine, { title: 't', edits: [replaceListItemWithStrings(ast, element.property.value!, element.values[0].node, ['a:One', 'a:Two'])] });
    assert.equal(fixed, '{"Statement": [{"Action": [\n    "a:One",\n    "a:Two",\n    "b:X"\n  ]}]}');
    const inline = '{"Statement": [{"Action": ["a:*", "b:X"]}]}';
    ast = parsePolicy(inline);
    element = ast.statements[0].action!;
    fixed = applyFix(inline, { title: 't', edits: [replaceListItemWithStrings(ast, element.property.value!, element.values[0].node, ['a:One', 'a:Two'])] });
    assert.equal(fixed, '{"Statement": [{"Action": ["a:One", "a:Two", "b:X"]}]}');
    const single = '{"Statement": [{"Action": "a:*"}]}';
    ast = parsePolicy(single);
    element = ast.statements[0].action!;
    fixed = applyFix(single, { title: 't', edits: [replaceListItemWithStrings(ast, element.property.value!, element.values[0].node, ['a:One', 'a:Two'])] });
    assert.deepEqual(JSON.parse(fixed).Statement[0].Action, ['a:One', 'a:Two']);
  });
});
