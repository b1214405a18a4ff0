import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompletionList } from 'vscode-languageserver-types';
import { CONDITION_OPERATORS } from '../../server/src/language/conditionOperators';
import type { LanguageOptions } from '../../server/src/language/languageOptions';
import { loadedCatalog, testCatalog } from '../support/catalog';
import { completeAtCursor } from '../support/cursor';

const complete = (marked: string, options?: LanguageOptions) => completeAtCursor(marked, { options });

const labels = (list: CompletionList) => list.items.map((item) => String(item.label));
const bySortText = (list: CompletionList) => [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((item) => String(item.label));
const condition = (inner: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": ${inner}}]}`;

describe('completion of condition operators (reference_policies_elements_condition_operators.md)', () => {
  before(async () => {
    await loadedCatalog(['s3']);
  });

  it('every operator of every family, the IfExists forms except for Null, and the set prefixes', async () => {
    const found = labels(await complete(condition('{"|"}')));
    for (const operator of CONDITION_OPERATORS) {
      assert.ok(found.includes(operator.name), operator.name);
      assert.equal(found.includes(`${operator.name}IfExists`), operator.name !== 'Null', `${operator.name}IfExists`);
    }
    assert.ok(found.includes('ForAllValues:') && found.includes('ForAnyValue:'));
    assert.equal(found.length, CONDITION_OPERATORS.length * 2 - 1 + 2);
  });

  it('after a set prefix, the prefixed operators (reference_policies_multi-value-conditions.md)', async () => {
    const found = labels(await complete(condition('{"ForAllValues:|"}')));
    assert.ok(found.includes('ForAllValues:StringLike'));
    assert.ok(found.includes('ForAllValues:StringEqualsIfExists'));
    assert.ok(!found.includes('ForAllValues:Null'));
    assert.ok(found.every((label) => label.startsWith('ForAllValues:')));
  });

  it('operators explain what happens when the key is missing', async () => {
    const list = await complete(condition('{"|"}'));
    const doc = (label: string) => (list.items.find((item) => item.label === label)!.documentation as { value: string }).value;
    assert.match(doc('StringEquals'), /key is missing the condition is \*\*false\*\*/);
    assert.match(doc('StringNotEquals'), /key is missing the condition is \*\*true\*\*/);
    assert.match(doc('BoolIfExists'), /missing the condition is \*\*true\*\*/);
  });

  it('leaves out operators already in the block', async () => {
    assert.ok(!labels(await complete(condition('{"Bool": {"aws:SecureTransport": "false"}, "|"}'))).includes('Bool'));
  });
});

describe('completion of condition keys', () => {
  it("ranks the statement's action keys first, then its resource types' keys, then global keys", async () => {
    const order = bySortText(await complete(condition('{"StringEquals": {"|"}}')));
    const position = (name: string) => {
      const index = order.indexOf(name);
      assert.ok(index >= 0, `${name} missing`);
      return index;
    };
    assert.ok(position('s3:authType') < position('s3:BucketTag/${TagKey}'), 'action key before resource type key');
    assert.ok(position('s3:BucketTag/${TagKey}') < position('aws:SourceVpc'), 'resource type key before global key');
  });

  it('shows each key with its type and whether it is multivalued', async () => {
    const list = await complete(condition('{"StringEquals": {"|"}}'));
    assert.equal(list.items.find((item) => item.label === 'aws:TagKeys')!.labelDetails?.description, 'String · multivalued');
    assert.equal(list.items.find((item) => item.label === 'aws:SourceIp')!.labelDetails?.description, 'IPAddress · single-valued');
  });

  it("keys whose type the operator does not compare sort after the ones it does", async () => {
    const order = bySortText(await complete(condition('{"Bool": {"|"}}')));
    assert.ok(order.indexOf('aws:SecureTransport') < order.indexOf('aws:SourceVpc'));
  });

  it('a tag-key pattern inserts a snippet with a tab stop for the tag key', async () => {
    const list = await complete(condition('{"StringEquals": {"|"}}'));
    const tag = list.items.find((item) => item.label === 'aws:RequestTag/${TagKey}')!;
    assert.equal((tag.textEdit as { newText: string }).newText, '"aws:RequestTag/${1:TagKey}": "$2"');
  });

  it('after a service prefix, every key of that service', async () => {
    await loadedCatalog(['ec2']);
    const list = await complete(condition('{"StringEquals": {"ec2:|"}}'));
    assert.ok(labels(list).includes('ec2:InstanceType'));
    assert.equal(list.isIncomplete, false);
  });

  it('leaves out keys already in the block', async () => {
    assert.ok(!labels(await complete(condition('{"StringEquals": {"aws:SourceVpc": "vpc-1", "|"}}'))).includes('aws:SourceVpc'));
  });
});

describe('completion of condition values by key type', () => {
  it('Bool keys: true and false', async () => {
    assert.deepEqual(labels(await complete(condition('{"Bool": {"aws:SecureTransport": "|"}}'))), ['true', 'false']);
  });

  it('the Null operator: true (absent) and false (present), whatever the key', async () => {
    const list = await complete(condition('{"Null": {"aws:TokenIssueTime": "|"}}'));
    assert.deepEqual(labels(list), ['true', 'false']);
    assert.equal(list.items[0].labelDetails?.description, 'the key is absent');
  });

  it('dates: the current time in ISO 8601', async () => {
    const list = await complete(condition('{"DateGreaterThan": {"aws:CurrentTime": "|"}}'), { now: new Date('2025-03-04T05:06:07.890Z') });
    assert.deepEqual(labels(list), ['2025-03-04T05:06:07Z']);
  });

  it('aws:PrincipalType: the documented principal types', async () => {
    assert.deepEqual(labels(await complete(condition('{"StringEquals": {"aws:PrincipalType": "|"}}'))), ['Account', 'User', 'FederatedUser', 'AssumedRole', 'Anonymous']);
  });

  it('aws:RequestedRegion: Region codes with their names, the default Region first', async () => {
    const list = await complete(condition('{"StringEquals": {"aws:RequestedRegion": ["|"]}}'), { defaultRegion: 'eu-west-1' });
    assert.equal(bySortText(list)[0], 'eu-west-1');
    assert.equal(list.items.find((item) => item.label === 'us-east-1')!.labelDetails?.description, 'US East (N. Virginia)');
  });

  it('account keys: the default account', async () => {
    assert.deepEqual(labels(await complete(condition('{"StringEquals": {"aws:PrincipalAccount": "|"}}'), { defaultAccountId: '111122223333' })), ['111122223333']);
  });

  it('aws:CalledVia: service principals', async () => {
    const found = labels(await complete(condition('{"ForAnyValue:StringEquals": {"aws:CalledVia": ["|"]}}')));
    assert.ok(found.includes('cloudformation.amazonaws.com'));
  });

  it('GitHub OIDC audience and subject forms', async () => {
    assert.deepEqual(labels(await complete(condition('{"StringEquals": {"token.actions.githubusercontent.com:aud": "|"}}'))), ['sts.amazonaws.com']);
    const subject = await complete(condition('{"StringLike": {"token.actions.githubusercontent.com:sub": "|"}}'));
    assert.ok(subject.items.some((item) => (item.textEdit as { newText: string }).newText === 'repo:${1:org}/${2:repository}:*'));
  });

  it('no guesses for free-form keys', async () => {
    assert.equal((await complete(condition('{"StringEquals": {"aws:SourceVpc": "|"}}'))).items.length, 0);
    void testCatalog();
  });
});
