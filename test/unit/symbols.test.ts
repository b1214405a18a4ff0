import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { documentSymbols } from '../../server/src/language/symbols';
import { parsePolicy } from '../../server/src/policy/parse';

describe('document symbols', () => {
  it('lists Version, Id, then statements by Sid or position with their elements', () => {
    const text = `{
  "Version": "2012-10-17",
  "Id": "p",
  "Statement": [
    { "Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*" },
    { "Effect": "Deny", "NotAction": "iam:*", "Resource": "*" }
  ]
}`;
    const symbols = documentSymbols(parsePolicy(text));
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.detail, symbol.kind]),
      [
        ['Version', '2012-10-17', SymbolKind.Property],
        ['Id', 'p', SymbolKind.Property],
        ['ReadReports', 'Allow · 2 actions', SymbolKind.Object],
        ['Statement 2', 'Deny · NotAction 1 action', SymbolKind.Object],
      ],
    );
    assert.deepEqual(symbols[2].children?.map((child) => child.name), ['Sid', 'Effect', 'Action', 'Resource']);
    assert.equal(symbols[2].range.start.line, 4);
    assert.equal(symbols[3].range.start.line, 5);
  });

  it('still lists what exists in a half-typed document', () => {
    const symbols = documentSymbols(parsePolicy('{"Statement": [{"Sid": "Draft", "Effect": "Al'));
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['Draft']);
  });
});
