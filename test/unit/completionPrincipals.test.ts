import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompletionList } from 'vscode-languageserver-types';
import type { LanguageOptions } from '../../server/src/language/languageOptions';
import type { PolicyKindType } from '../../server/src/policy/kind';
import { loadedCatalog } from '../support/catalog';
import { completeAtCursor } from '../support/cursor';

/** Principals are completed in resource policies unless a test says otherwise. */
const complete = (marked: string, options?: LanguageOptions, kind: PolicyKindType = 'resource') => completeAtCursor(marked, { options, kind });

const labels = (list: CompletionList) => list.items.map((item) => String(item.label));
const newText = (list: CompletionList, label: string) => (list.items.find((item) => item.label === label)!.textEdit as { newText: string }).newText;

describe('completion of principals (reference_policies_elements_principal.md)', () => {
  before(async () => {
    await loadedCatalog();
  });

  it('AWS: the account root ARN with the default account, role and user ARNs, the short account form, "*"', async () => {
    const list = await complete('{"Statement": [{"Principal": {"AWS": "|"}}]}', { defaultAccountId: '111122223333' });
    assert.equal(newText(list, 'arn:aws:iam::111122223333:root'), 'arn:aws:iam::${1:111122223333}:root');
    assert.ok(labels(list).includes('arn:aws:iam::111122223333:role/…'));
    assert.ok(labels(list).includes('111122223333'));
    assert.ok(labels(list).includes('*'));
  });

  it('AWS: users and roles of a loaded account model', async () => {
    const list = await complete('{"Statement": [{"Principal": {"AWS": ["|"]}}]}', { knownPrincipals: [{ arn: 'arn:aws:iam::111122223333:role/Deployer', type: 'role' }] });
    assert.equal(list.items.find((item) => item.label === 'arn:aws:iam::111122223333:role/Deployer')?.labelDetails?.description, 'role');
  });

  it('Service: the service principals', async () => {
    const found = labels(await complete('{"Statement": [{"Principal": {"Service": "|"}}]}', {}, 'trust'));
    assert.ok(found.includes('lambda.amazonaws.com'));
    assert.ok(found.includes('ec2.amazonaws.com'));
  });

  it('Federated: OIDC and SAML providers and the web identity providers the guide names', async () => {
    const found = labels(await complete('{"Statement": [{"Principal": {"Federated": "|"}}]}', {}, 'trust'));
    assert.ok(found.includes('arn:aws:iam::account-id:oidc-provider/token.actions.githubusercontent.com'));
    assert.ok(found.includes('arn:aws:iam::account-id:saml-provider/…'));
    for (const provider of ['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com']) assert.ok(found.includes(provider), provider);
  });

  it('the Principal value itself: "*" inside a string, and the object forms outside one', async () => {
    assert.deepEqual(labels(await complete('{"Statement": [{"Principal": "|"}]}')), ['*']);
    const outside = labels(await complete('{"Statement": [{"Principal": |}]}'));
    assert.ok(outside.includes('{ "AWS": … }') && outside.includes('{ "Service": … }'));
  });
});

describe('completion of policy variables (reference_policies_variables.md)', () => {
  const resource = (value: string, version = '"Version": "2012-10-17", ') => `{${version}"Statement": [{"Action": "s3:GetObject", "Resource": "${value}"}]}`;

  it('after $: single-valued global keys, tag keys and the special characters', async () => {
    const found = labels(await complete(resource('arn:aws:s3:::b/$|')));
    assert.ok(found.includes('${aws:username}'));
    assert.ok(found.includes('${aws:PrincipalTag/${TagKey}}'));
    for (const special of ['${*}', '${?}', '${$}']) assert.ok(found.includes(special), special);
    assert.ok(!found.includes('${aws:TagKeys}'), "a multivalued key can't be a variable");
  });

  it('in condition values too, with the keys of the statement actions after the global ones', async () => {
    await loadedCatalog(['s3']);
    const list = await complete('{"Version": "2012-10-17", "Statement": [{"Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/${|"}}}]}');
    const found = labels(list);
    assert.ok(found.includes('${aws:username}'));
    assert.ok(found.includes('${s3:prefix}'));
  });

  it('warns when the document lacks Version 2012-10-17', async () => {
    const list = await complete(resource('arn:aws:s3:::b/${|', ''));
    const username = list.items.find((item) => item.label === '${aws:username}')!;
    assert.match((username.documentation as { value: string }).value, /Needs `"Version": "2012-10-17"`/);
  });

  it('not with operators that take no variables (Numeric, Date, Bool...)', async () => {
    const list = await complete('{"Version": "2012-10-17", "Statement": [{"Condition": {"NumericLessThan": {"s3:max-keys": "$|"}}}]}');
    assert.ok(!labels(list).includes('${aws:username}'));
  });

    it('not in Action values, where variables are not read', async () => {
    assert.ok(!labels(await complete('{"Statement": [{"Action": "s3:$|"}]}')).includes('${aws:username}'));
  });
});
