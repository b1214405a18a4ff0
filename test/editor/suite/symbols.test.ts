import * as assert from 'assert';
import { waitForDocumentSymbols } from '../support/symbols';
import { openExample } from '../support/workspace';

suite('Outline', () => {
  test('identity.iam.json lists its statements by Sid, with their elements', async () => {
    const identity = await openExample('policies', 'identity.iam.json');
    const symbols = await waitForDocumentSymbols(identity.uri);
    const names = symbols.map((symbol) => symbol.name);
    for (const sid of ['ReadReports', 'WriteOwnFolder']) {
      const statement = symbols.find((symbol) => symbol.name === sid);
      assert.ok(statement, `no symbol for statement ${sid} in ${JSON.stringify(names)}`);
      const elements = statement.children.map((child) => child.name);
      for (const element of ['Effect', 'Action', 'Resource']) {
        assert.ok(elements.includes(element), `statement ${sid} has no ${element} child: ${JSON.stringify(elements)}`);
      }
    }
  });
});
