import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountOfArn, isAccountId, lastPathSegment, parseArn, splitArn } from '../../server/src/policy/arn';

describe('ARNs by segment (reference_identifiers.md)', () => {
  it('splits into six components; the resource keeps its own colons and slashes', () => {
    assert.deepEqual(splitArn('arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s'), [
      'arn',
      'aws',
      'logs',
      'us-east-1',
      '111122223333',
      'log-group:g:log-stream:s',
    ]);
  });

  it('S3 ARNs have an empty region and account', () => {
    assert.deepEqual(parseArn('arn:aws:s3:::bucket/key'), { partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket/key' });
    assert.equal(accountOfArn('arn:aws:s3:::bucket/key'), undefined);
  });

  it('can keep the colon of a policy variable inside its component', () => {
    assert.deepEqual(splitArn('arn:aws:iam::${aws:PrincipalAccount}:role/${aws:username}', true), [
      'arn',
      'aws',
      'iam',
      '',
      '${aws:PrincipalAccount}',
      'role/${aws:username}',
    ]);
    assert.equal(splitArn('arn:aws:iam::${aws:PrincipalAccount}:role/x')?.[4], '${aws');
  });

  it('is undefined for text that is not an ARN', () => {
    assert.equal(splitArn('*'), undefined);
    assert.equal(splitArn('arn:aws:s3'), undefined);
    assert.equal(parseArn('arn::s3:::b'), undefined);
  });

  it('account ids are 12 digits', () => {
    assert.equal(isAccountId('123456789012'), true);
    assert.equal(isAccountId('12345678901'), false);
    assert.equal(accountOfArn('arn:aws:iam::123456789012:user/a'), '123456789012');
  });

  it('the last path segment is the name', () => {
    assert.equal(lastPathSegment('role/service-role/Admin'), 'Admin');
    assert.equal(lastPathSegment('Admin'), 'Admin');
  });
});
