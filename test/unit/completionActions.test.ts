import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompletionList } from 'vscode-languageserver-types';
import { resolveCompletionItem } from '../../server/src/language/completion/resolve';
import { loadedCatalog, testCatalog } from '../support/catalog';
import { completeAtCursor } from '../support/cursor';

const find = (list: CompletionList, label: string) => list.items.find((item) => item.label === label);

describe('completion of actions (reference_policies_elements_action.md)', () => {
  before(async () => {
    await loadedCatalog();
  });

  it('before the colon: every service prefix with its name, asking again as the user types', async () => {
    const list = await completeAtCursor('{"Statement": [{"Action": "|"}]}');
    assert.equal(list.isIncomplete, true);
    assert.equal(list.items.filter((item) => item.label !== '*').length, testCatalog().listServices().length);
    const s3 = find(list, 's3')!;
    assert.equal(s3.labelDetails?.description, 'Amazon S3');
    assert.equal((s3.textEdit as { newText: string }).newText, 's3:');
    assert.equal(s3.command?.command, 'editor.action.triggerSuggest', 'picking a service opens its actions');
    assert.ok(find(list, '*'), '"*" for every action');
  });

  it('services the statement already names come first', async () => {
    const list = await completeAtCursor('{"Statement": [{"Action": ["sqs:SendMessage", "|"]}]}');
    const first = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
    assert.equal(first.label, 'sqs');
  });

  it('after the colon: the service actions with access level and description', async () => {
    const list = await completeAtCursor('{"Statement": [{"Action": "s3:|"}]}');
    assert.equal(list.isIncomplete, false);
    const getObject = find(list, 's3:GetObject')!;
    assert.equal(getObject.labelDetails?.description, 'Read');
    assert.equal(getObject.documentation, undefined, 'the list stays small: documentation comes on resolve');
    const resolved = await resolveCompletionItem(getObject, testCatalog());
    assert.match((resolved.documentation as { value: string }).value, /retrieve objects/);
    assert.match((resolved.documentation as { value: string }).value, /`object`/);
    const actionCount = testCatalog().getService('s3')!.actions.length;
    assert.equal(list.items.filter((item) => !String(item.label).includes('*')).length, actionCount);
  });

  it('wildcard forms carry the number of actions they match, counted over the catalog', async () => {
    const list = await completeAtCursor('{"Statement": [{"Action": "s3:|"}]}');
    const getStar = find(list, 's3:Get*')!;
    const expected = testCatalog().expandActionPattern('s3', 'Get*').length;
    assert.equal(getStar.labelDetails?.description, `${expected} actions`);
    assert.match(getStar.detail ?? '', new RegExp(`^Matches ${expected} actions: \\d+ Read`));
    assert.equal(find(list, 's3:*')!.labelDetails?.description, `${testCatalog().getService('s3')!.actions.length} actions`);
  });

  it('the typed name plus * is offered with its count when it matches several actions', async () => {
    const list = await completeAtCursor('{"Statement": [{"Action": "s3:GetObjectVersion|"}]}');
    const typed = find(list, 's3:GetObjectVersion*');
    assert.ok(typed, 'typed prefix wildcard');
    assert.equal(typed.labelDetails?.description, `${testCatalog().expandActionPattern('s3', 'GetObjectVersion*').length} actions`);
  });

  it('leaves out the actions already listed in the element', async () => {
    const list = await completeAtCursor('{"Statement": [{"Action": ["s3:GetObject", "s3:|"]}]}');
    assert.equal(find(list, 's3:GetObject'), undefined);
    assert.ok(find(list, 's3:PutObject'));
  });

  it('works for NotAction and in the single-statement form', async () => {
    assert.ok(find(await completeAtCursor('{"Statement": {"NotAction": "iam:|"}}'), 'iam:CreateRole'));
  });

  it('an unknown service or a wildcard prefix gives no actions', async () => {
    assert.equal((await completeAtCursor('{"Statement": [{"Action": "nosuchservice:|"}]}')).items.length, 0);
    assert.equal((await completeAtCursor('{"Statement": [{"Action": "s3*:|"}]}')).items.length, 0);
  });

  it('the service prefix may be typed in any case ("The prefix and the action name are case insensitive")', async () => {
    assert.ok(find(await completeAtCursor('{"Statement": [{"Action": "S3:Get|"}]}'), 's3:GetObject'));
  });
});
