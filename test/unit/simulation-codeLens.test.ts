import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeLenses, prepareCodeLenses, SIMULATE_ACCESS_COMMAND, type SimulateLensArgs } from '../../server/src/language/codeLens';
import { parsePolicy } from '../../server/src/policy/parse';
import { loadedCatalog } from '../support/catalog';

describe('code lens "Simulate" above each statement', () => {
  it('runs the simulate command with the document, the statement and its first action and resource', async () => {
    const ast = parsePolicy('{"Statement": [\n  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b"]},\n  {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}\n]}');
    const catalog = await loadedCatalog(['s3', 'iam']);
    const { actionIndexLoaded } = await prepareCodeLenses(ast, catalog);
    const lenses = codeLenses(ast, catalog, actionIndexLoaded, 'file:///w/p.iam.json');
    const simulate = lenses.filter((lens) => lens.command?.command === SIMULATE_ACCESS_COMMAND);
    assert.equal(simulate.length, 2);
    assert.equal(simulate[0].command!.title, 'Simulate');
    assert.deepEqual(simulate[0].range.start, { line: 1, character: 2 });
    assert.deepEqual(simulate[0].command!.arguments, [{ document: 'file:///w/p.iam.json', statementIndex: 0, action: 's3:GetObject', resource: 'arn:aws:s3:::b/*' } satisfies SimulateLensArgs]);
    assert.deepEqual(simulate[1].command!.arguments, [{ document: 'file:///w/p.iam.json', statementIndex: 1, action: undefined, resource: '*' }]);
    // Without a document uri (the summary alone), no Simulate lens.
    assert.equal(codeLenses(ast, catalog, actionIndexLoaded).filter((lens) => lens.command?.command === SIMULATE_ACCESS_COMMAND).length, 0);
  });
});
