import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { countByAccessLevel } from '../../server/src/language/actionDocs';
import { codeLenses, prepareCodeLenses } from '../../server/src/language/codeLens';
import { parsePolicy } from '../../server/src/policy/parse';
import { loadedCatalog, testCatalog } from '../support/catalog';

async function titles(text: string): Promise<string[]> {
  const ast = parsePolicy(text);
  const catalog = await loadedCatalog();
  const { actionIndexLoaded } = await prepareCodeLenses(ast, catalog);
  return codeLenses(ast, catalog, actionIndexLoaded).map((lens) => lens.command!.title);
}

describe('code lens: what each statement grants', () => {
  before(async () => {
    await loadedCatalog(['s3']);
  });

  it('counts actions by access level: "Allow 3 actions: 1 List, 2 Read"', async () => {
    assert.deepEqual(await titles('{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "s3:GetObjectAcl"], "Resource": "*"}]}'), [
      'Allow 3 actions: 1 List, 2 Read',
    ]);
  });

  it('expands wildcards over the catalog and counts each action once', async () => {
    const [title] = await titles('{"Statement": {"Effect": "Deny", "Action": ["s3:Put*", "s3:PutObject"], "Resource": "*"}}');
    const expected = testCatalog().expandActionPattern('s3', 'Put*');
    const levels = countByAccessLevel(expected).map(([level, count]) => `${count} ${level}`).join(', ');
    assert.equal(title, `Deny ${expected.length} actions: ${levels}`);
  });

  it('patterns across services use the all-actions index', async () => {
    const [title] = await titles('{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}');
    assert.match(title, /^Allow [\d,]+ actions: [\d]+ List, /);
  });

  it('NotAction statements say what they leave out; unknown entries are counted apart', async () => {
    await loadedCatalog(['iam']);
    assert.deepEqual(await titles('{"Statement": [{"Effect": "Deny", "NotAction": ["iam:GetUser", "nosuch:Thing"], "Resource": "*"}]}'), [
      'Deny every action except 1 action: 1 Read (1 unknown entry)',
    ]);
  });

  it('one lens per statement, on its first line; statements without actions get none', async () => {
    const ast = parsePolicy('{"Statement": [\n  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},\n  {"Effect": "Allow"}\n]}');
    const catalog = await loadedCatalog();
    const lenses = codeLenses(ast, catalog, false);
    assert.equal(lenses.length, 1);
    assert.deepEqual(lenses[0].range.start, { line: 1, character: 2 });
    assert.equal(lenses[0].command!.title, 'Allow 1 action: 1 Read');
  });

  it('no known action', async () => {
    assert.deepEqual(await titles('{"Statement": [{"Effect": "Allow", "Action": "s3:Nope", "Resource": "*"}]}'), ['Allow no known action (1 unknown entry)']);
  });
});
