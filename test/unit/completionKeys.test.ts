import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompletionList } from 'vscode-languageserver-types';
import type { PolicyKindType } from '../../server/src/policy/kind';
import { loadedCatalog } from '../support/catalog';
import { completeAtCursor } from '../support/cursor';

const complete = (marked: string, kind?: PolicyKindType) => completeAtCursor(marked, { kind });

const labels = (list: CompletionList) => list.items.map((item) => item.label);

describe('completion of element keys (reference_policies_grammar.md)', () => {
  before(async () => {
    await loadedCatalog();
  });

  it('top level: Version, Id, Statement, leaving out those present', async () => {
    assert.deepEqual(labels(await complete('{ | }')), ['Version', 'Id', 'Statement']);
    assert.deepEqual(labels(await complete('{ "Version": "2012-10-17", "|" }')), ['Id', 'Statement']);
  });

  it('statement keys of an identity policy: no Principal or NotPrincipal (reference_policies_elements_principal.md)', async () => {
    assert.deepEqual(labels(await complete('{"Statement": [{ | }]}')), ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
  });

  it('statement keys of a resource policy include Principal and NotPrincipal', async () => {
    const found = labels(await complete('{"Statement": [{ | }]}', 'resource'));
    assert.ok(found.includes('Principal') && found.includes('NotPrincipal'));
  });

  it('a trust policy takes Principal but neither NotPrincipal (reference_policies_elements_notprincipal.md) nor Resource', async () => {
    assert.deepEqual(labels(await complete('{"Statement": [{ | }]}', 'trust')), ['Sid', 'Effect', 'Principal', 'Action', 'NotAction', 'Condition']);
  });

  it('an SCP and a boundary take no Principal; an RCP takes Principal but not NotPrincipal', async () => {
    for (const kind of ['scp', 'boundary', 'session'] as const) assert.ok(!labels(await complete('{"Statement": [{ | }]}', kind)).includes('Principal'), kind);
    const rcp = labels(await complete('{"Statement": [{ | }]}', 'rcp'));
    assert.ok(rcp.includes('Principal') && !rcp.includes('NotPrincipal'));
  });

  it('leaves out keys present and the partner of a present element (reference_policies_elements_notaction.md)', async () => {
    const found = labels(await complete('{"Statement": [{"Effect": "Allow", "Action": "s3:*", "|"}]}'));
    assert.deepEqual(found, ['Sid', 'Resource', 'NotResource', 'Condition']);
  });

  it('principal types, leaving out those present', async () => {
    assert.deepEqual(labels(await complete('{"Statement": [{"Principal": {"|"}}]}', 'resource')), ['AWS', 'Service', 'Federated', 'CanonicalUser']);
    assert.deepEqual(labels(await complete('{"Statement": [{"Principal": {"AWS": "*", "|"}}]}', 'resource')), ['Service', 'Federated', 'CanonicalUser']);
  });

  it('keys carry their documentation with a link to the User Guide', async () => {
    const effect = (await complete('{"Statement": [{ | }]}')).items.find((item) => item.label === 'Effect')!;
    const documentation = effect.documentation as { value: string };
    assert.match(documentation.value, /Allow.*Deny/);
    assert.match(documentation.value, /reference_policies_elements_effect\.html/);
  });

  it('Action and Resource keys open the suggestions again for their value', async () => {
    const items = (await complete('{"Statement": [{ | }]}')).items;
    assert.equal(items.find((item) => item.label === 'Action')!.command?.command, 'editor.action.triggerSuggest');
    assert.equal(items.find((item) => item.label === 'Sid')!.command, undefined);
  });
});

describe('completion of Version and Effect values', () => {
  it('Version: 2012-10-17 first, then 2008-10-17 (reference_policies_elements_version.md)', async () => {
    const list = await complete('{"Version": "|"}');
    assert.deepEqual(labels(list), ['2012-10-17', '2008-10-17']);
    assert.equal(list.items[0].preselect, true);
  });

  it('Effect: Allow and Deny (reference_policies_elements_effect.md)', async () => {
    assert.deepEqual(labels(await complete('{"Statement": [{"Effect": "|"}]}')), ['Allow', 'Deny']);
    assert.deepEqual(labels(await complete('{"Statement": {"Effect": "A|"}}')), ['Allow', 'Deny'], 'the editor filters; the server offers both');
  });

  it('no value proposals for Sid or Id', async () => {
    assert.equal((await complete('{"Id": "|"}')).items.length, 0);
    assert.equal((await complete('{"Statement": [{"Sid": "|"}]}')).items.length, 0);
  });
});
