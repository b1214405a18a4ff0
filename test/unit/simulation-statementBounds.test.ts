import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildAccountModel, loadAccountFile } from '../../server/src/account';
import { createLineIndex } from '../../server/src/policy/lineIndex';
import { parsePolicy } from '../../server/src/policy/parse';
import { statementBounds } from '../../server/src/simulation/statementBounds';
import { EXAMPLE_EXPORT, fileUri, TAGGED_EXPORT } from '../support/simulation';

/** Statement index, offset, length and range as the AST gives them. */
const fromAst = (text: string) => parsePolicy(text).statements.map((statement) => [statement.index, statement.node.offset, statement.node.length, statement.node.range]);
const fromBounds = (text: string) => {
  const lines = createLineIndex(text);
  return statementBounds(text)?.map(({ offset, length }, index) => [index, offset, length, lines.range(offset, length)]);
};

describe('statementBounds: where statements are, without the AST, for plain JSON only', () => {
  it('gives the AST statement nodes for every document of the example accounts', () => {
    let documents = 0;
    for (const file of [EXAMPLE_EXPORT, TAGGED_EXPORT]) {
      const model = buildAccountModel([loadAccountFile(readFileSync(file, 'utf8'), fileUri(file))!]);
      for (const account of model.accounts) {
        const principals = [...account.users, ...account.groups, ...account.roles];
        const texts = [
          ...principals.flatMap((principal) => principal.inlinePolicies.map((policy) => policy.document.text)),
          ...account.roles.flatMap((role) => (role.trustPolicy ? [role.trustPolicy.text] : [])),
          ...account.managedPolicies.flatMap((policy) => policy.versions.map((version) => version.document.text)),
        ];
        for (const text of texts) {
          assert.deepEqual(fromBounds(text), fromAst(text), text);
          documents++;
        }
      }
    }
    assert.ok(documents > 10);
  });

  it('a single statement object, items that are not objects, nested "Statement" keys, strings with brackets and escapes, CRLF', () => {
    for (const text of [
      '{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}',
      '{"Statement": [1, {"a": "}"}, "x", {"b": [{"c": "\\"]"}]}, null], "Version": "2012-10-17"}',
      '{"Version": 1.5e3, "Statement": [ { } ,{"x": null, "y": true} ] }',
      '{"Id": {"Statement": [{}]}, "Statement": []}',
      '{\r\n  "Statement"\r\n  :\r\n  [\r\n    {"Sid": "a"}\r\n  ,\r\n  {}]\r\n}',
      '{"Statement": "not statements"}',
      '{}',
    ]) {
      assert.deepEqual(fromBounds(text), fromAst(text), text);
    }
  });

  it('leaves to the AST what it reads its own way: duplicate or escaped keys, invalid JSON, a root that is not an object', () => {
    for (const text of ['{"Statement": [{}], "Statement": [{"a": 1}, {}]}', '{"Statem\\u0065nt": [{}]}', '{"Statement": [{},]}', '[{"Statement": [{}]}]', '']) {
      assert.equal(statementBounds(text), undefined, text);
    }
  });
});
