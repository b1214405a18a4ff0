import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import type { LanguageOptions } from '../../server/src/language/languageOptions';
import { loadedCatalog, testCatalog } from '../support/catalog';
import { completeAtCursor } from '../support/cursor';

const complete = (marked: string, options?: LanguageOptions) => completeAtCursor(marked, { options });

const newText = (item: CompletionItem) => (item.textEdit as { newText: string }).newText;
const sorted = (list: CompletionList) => [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));

describe('completion of Resource ARNs (reference_policies_elements_resource.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'sqs']);
  });

  it("offers the ARN formats of the statement's actions' resource types, as snippets with tab stops", async () => {
    const list = await complete('{"Statement": [{"Action": "s3:GetObject", "Resource": "|"}]}');
    const object = list.items.find((item) => item.label === 'arn:aws:s3:::${BucketName}/${ObjectName}')!;
    assert.ok(object, 'the object type of s3:GetObject');
    assert.equal(newText(object), 'arn:aws:s3:::${1:BucketName}/${2:ObjectName}');
    assert.equal(object.labelDetails?.description, 's3 object');
    assert.match((object.documentation as { value: string }).value, /s3:GetObject/);
  });

  it('pre-fills account and Region from the settings', async () => {
    const list = await complete('{"Statement": [{"Action": "sqs:SendMessage", "Resource": "|"}]}', { defaultAccountId: '111122223333', defaultRegion: 'eu-west-1' });
    const queue = list.items.find((item) => String(item.label).startsWith('arn:aws:sqs:'))!;
    assert.equal(newText(queue), 'arn:aws:sqs:${1:eu-west-1}:${2:111122223333}:${3:QueueName}');
  });

  it('ranks the types more of the statement actions take first', async () => {
    const list = await complete('{"Statement": [{"Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], "Resource": "|"}]}');
    const order = sorted(list).map((item) => item.labelDetails?.description);
    assert.ok(order.indexOf('s3 object') < order.indexOf('s3 bucket'), `object (2 actions) before bucket (1): ${order.join(', ')}`);
  });

  it('puts "*" first when an action takes no resource type (s3:ListAllMyBuckets)', async () => {
    const list = await complete('{"Statement": [{"Action": ["s3:ListAllMyBuckets", "s3:GetObject"], "Resource": "|"}]}');
    assert.equal(sorted(list)[0].label, '*');
    const star = list.items.find((item) => item.label === '*')!;
    assert.match((star.documentation as { value: string }).value, /take no resource type/);
  });

  it('once the ARN names a service, offers all its resource types', async () => {
    const list = await complete('{"Statement": [{"Resource": "arn:aws:sqs:|"}]}');
    const expected = testCatalog().getService('sqs')!.resourceTypes.flatMap((rt) => rt.arnFormats).length;
    assert.equal(list.items.filter((item) => String(item.label).startsWith('arn:aws:sqs:')).length, expected);
  });

  it('while the service is not typed yet, offers the ARN start of each service', async () => {
    const list = await complete('{"Statement": [{"Resource": "arn:|"}]}');
    const s3 = list.items.find((item) => item.label === 'arn:aws:s3:')!;
    assert.ok(s3);
    assert.equal(s3.command?.command, 'editor.action.triggerSuggest');
  });

  it('a statement without actions still gets "*"', async () => {
    assert.deepEqual(
      (await complete('{"Statement": [{"Resource": "|"}]}')).items.map((item) => item.label),
      ['*'],
    );
  });
});
