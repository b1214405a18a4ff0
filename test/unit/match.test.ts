import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileActionPatterns, compileArnValuePattern, compileResourcePattern, compileTemplate, compileWildcard, splitValue } from '../../server/src/policy/match';
import { parseTemplate, resolveTemplate } from '../../server/src/policy/variables';

const noVariables = () => undefined;
const resourceMatches = (pattern: string, arn: string, variables: Record<string, string> = {}, variablesEnabled = true) =>
  compileResourcePattern(pattern, variablesEnabled)(splitValue(arn), (name) => variables[name]);

describe('action patterns (reference_policies_elements_action.md)', () => {
  it('"The prefix and the action name are case insensitive": iam:ListAccessKeys is IAM:listaccesskeys', () => {
    assert.equal(compileActionPatterns(['iam:ListAccessKeys']).indexOf('IAM:listaccesskeys'), 0);
  });

  it('iam:*AccessKey* covers CreateAccessKey, DeleteAccessKey, ListAccessKeys and UpdateAccessKey, not GetUser', () => {
    const set = compileActionPatterns(['iam:*AccessKey*']);
    for (const action of ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey']) assert.equal(set.indexOf(action), 0, action);
    assert.equal(set.indexOf('iam:GetUser'), -1);
  });

  it('s3:* covers every S3 action and no other service; "?" is one character', () => {
    const set = compileActionPatterns(['s3:*', 'ec2:Describe?pcs']);
    assert.equal(set.indexOf('s3:GetObject'), 0);
    assert.equal(set.indexOf('s3express:CreateSession'), -1);
    assert.equal(set.indexOf('ec2:DescribeVpcs'), 1);
    assert.equal(set.indexOf('ec2:DescribeVpcsX'), -1);
  });

  it('the first lookup (a scan) and later lookups (grouped by service) agree with a plain wildcard match', () => {
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const services = ['s3', 'S3', 'ec2', 's3express', 's?', 's*', '*', 'iam'];
    const names = ['GetObject', 'getobject', 'Get*', '*Object', 'Get?bject', '*', 'List*', 'PutObject'];
    const actions = ['s3:GetObject', 's3:PutObject', 'S3:LISTBUCKET', 'ec2:GetObject', 's3express:GetObject', 'iam:ListUsers', 'sx:GetObject'];
    for (let round = 0; round < 200; round++) {
      const patterns = Array.from({ length: 1 + Math.floor(next() * (round % 2 ? 6 : 40)) }, () => (next() < 0.05 ? pick(names) : `${pick(services)}:${pick(names)}`));
      const reference = (action: string) => patterns.findIndex((pattern) => compileWildcard(pattern, true)(action));
      for (const action of actions) {
        const set = compileActionPatterns(patterns);
        const scanned = set.indexOf(action);
        set.indexOf('warm:Up');
        assert.equal(scanned, reference(action), `${patterns.join(',')} ${action} (scan)`);
        assert.equal(set.indexOf(action), reference(action), `${patterns.join(',')} ${action} (grouped)`);
      }
    }
  });

  it('reports the first value that matches, exact or wildcard', () => {
    const set = compileActionPatterns(['s3:Get*', 's3:GetObject']);
    assert.equal(set.indexOf('s3:getobject'), 0);
    assert.equal(compileActionPatterns(['s3:GetObject', 's3:Get*']).indexOf('s3:GetObject'), 0);
  });
});

describe('resource ARN patterns (reference_policies_elements_resource.md)', () => {
  // "The wildcards in the ARN apply to all of the following objects in the bucket"
  const matching = [
    'DOC-EXAMPLE-BUCKET/1/test/object.jpg',
    'DOC-EXAMPLE-BUCKET/1/2/test/object.jpg',
    'DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg',
    'DOC-EXAMPLE-BUCKET/1/2/3/test/4/object.jpg',
    'DOC-EXAMPLE-BUCKET/1///test///object.jpg',
    'DOC-EXAMPLE-BUCKET/1/test/.jpg',
    'DOC-EXAMPLE-BUCKET//test/object.jpg',
    'DOC-EXAMPLE-BUCKET/1/test/',
  ];
  // "The ARN would not match the following objects"
  const notMatching = ['DOC-EXAMPLE-BUCKET/1-test/object.jpg', 'DOC-EXAMPLE-BUCKET/test/object.jpg', 'DOC-EXAMPLE-BUCKET/1/2/test.jpg'];

  for (const object of matching) {
    it(`arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/* matches ${object}`, () => {
      assert.equal(resourceMatches('arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*', `arn:aws:s3:::${object}`), true);
    });
  }
  for (const object of notMatching) {
    it(`arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/* does not match ${object}`, () => {
      assert.equal(resourceMatches('arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*', `arn:aws:s3:::${object}`), false);
    });
  }

  it('users whose path is /accounting: arn:aws:iam::ID:user/accounting/*', () => {
    assert.equal(resourceMatches('arn:aws:iam::111122223333:user/accounting/*', 'arn:aws:iam::111122223333:user/accounting/bob'), true);
    assert.equal(resourceMatches('arn:aws:iam::111122223333:user/accounting/*', 'arn:aws:iam::111122223333:user/sales/bob'), false);
  });

  it('wildcards stay within their colon-separated segment', () => {
    assert.equal(resourceMatches('arn:aws:sqs:*:111122223333:queue1', 'arn:aws:sqs:us-east-2:111122223333:queue1'), true);
    assert.equal(resourceMatches('arn:aws:sqs:*:111122223333:queue1', 'arn:aws:sqs:us-east-2:999999999999:queue1'), false);
    assert.equal(resourceMatches('arn:aws:sqs:*1:queue1', 'arn:aws:sqs:us-east-2:111122223333:queue1'), false);
  });

  it('the resource segment is everything after the fifth colon, colons included', () => {
    const pattern = 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/*';
    assert.equal(resourceMatches(pattern, 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn:log-stream:2024/01/01'), true);
  });

  it('matching is case-sensitive', () => {
    assert.equal(resourceMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x'), false);
  });

  it('"*" matches everything, including "*" for actions without resources', () => {
    assert.equal(resourceMatches('*', '*'), true);
    assert.equal(resourceMatches('*', 'arn:aws:s3:::b'), true);
    assert.equal(resourceMatches('arn:aws:s3:::*', '*'), false);
  });

  it('variables are read only after the fifth colon (reference_policies_variables.md, Resource element)', () => {
    assert.equal(resourceMatches('arn:aws:s3:::mybucket/${aws:username}/*', 'arn:aws:s3:::mybucket/David/notes.txt', { 'aws:username': 'David' }), true);
    assert.equal(resourceMatches('arn:aws:s3:::mybucket/${aws:username}/*', 'arn:aws:s3:::mybucket/Adele/notes.txt', { 'aws:username': 'David' }), false);
    assert.equal(
      resourceMatches('arn:aws:iam::${aws:PrincipalAccount}:user/x', 'arn:aws:iam::111122223333:user/x', { 'aws:PrincipalAccount': '111122223333' }),
      false,
    );
  });

  it('a variable with no value matches no resource (reference_policies_variables.md, no value)', () => {
    assert.equal(resourceMatches('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/'), false);
    assert.equal(resourceMatches('arn:aws:s3:::b/${aws:username}*', 'arn:aws:s3:::b/x'), false);
  });

  it('default values apply when the key has no value', () => {
    const pattern = "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}";
    assert.equal(resourceMatches(pattern, 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide'), true);
    assert.equal(resourceMatches(pattern, 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow', { 'aws:PrincipalTag/team': 'yellow' }), true);
    assert.equal(resourceMatches(pattern, 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide', { 'aws:PrincipalTag/team': 'yellow' }), false);
  });

  it('substituted values are literal: a "*" in a user name is not a wildcard', () => {
    assert.equal(resourceMatches('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/anything', { 'aws:username': '*' }), false);
    assert.equal(resourceMatches('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/*', { 'aws:username': '*' }), true);
  });

  it('without Version 2012-10-17 a variable is literal text', () => {
    assert.equal(resourceMatches('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/David', { 'aws:username': 'David' }, false), false);
    assert.equal(resourceMatches('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/${aws:username}', { 'aws:username': 'David' }, false), true);
  });
});

describe('ARN condition values (reference_policies_elements_condition_operators.md, ARN operators)', () => {
  it('StringLike matches across colons, ArnLike checks each of the six components separately', () => {
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    assert.equal(compileWildcard(pattern, false)(value), true);
    assert.equal(compileArnValuePattern(pattern, true)(splitValue(value), noVariables), false);
  });

  it('variables may fill any component of an ARN value', () => {
    const matches = compileArnValuePattern('arn:aws:iam::${aws:PrincipalAccount}:role/*', true);
    assert.equal(matches(splitValue('arn:aws:iam::111122223333:role/x'), () => '111122223333'), true);
    assert.equal(matches(splitValue('arn:aws:iam::999999999999:role/x'), () => '111122223333'), false);
  });

  it('a value that is not an ARN matches no ARN pattern', () => {
    assert.equal(compileArnValuePattern('arn:aws:sns:*:*:*', true)(splitValue('not-an-arn'), noVariables), false);
  });
});

describe('policy variables (reference_policies_variables.md)', () => {
  it('${*}, ${?} and ${$} are the characters themselves', () => {
    const matches = compileTemplate(parseTemplate('a${*}b${?}c${$}', true), { ignoreCase: false, wildcards: true });
    assert.equal(matches('a*b?c$', noVariables), true);
    assert.equal(matches('aXbYc$', noVariables), false);
  });

  it('a default value is written ", \'value\'" after the key name', () => {
    assert.deepEqual(parseTemplate("x-${aws:PrincipalTag/team, 'company-wide'}", true), [
      { kind: 'pattern', text: 'x-' },
      { kind: 'variable', name: 'aws:PrincipalTag/team', defaultValue: 'company-wide' },
    ]);
  });

  it('a template with a variable that has no value and no default does not resolve', () => {
    assert.equal(resolveTemplate(parseTemplate('${aws:username}', true), noVariables), undefined);
  });

  it('an unterminated "${" is plain text', () => {
    assert.deepEqual(parseTemplate('a${b', true), [{ kind: 'pattern', text: 'a${b' }]);
  });
});
