import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectIndentation, formatPolicy } from '../../server/src/language/format';
import { parsePolicy } from '../../server/src/policy/parse';

function format(text: string, options = { tabSize: 4, insertSpaces: true }, range?: { start: number; end: number }): string {
  const edits = formatPolicy(parsePolicy(text), range, options);
  return TextDocument.applyEdits(TextDocument.create('file:///p.json', 'json', 1, text), edits);
}

describe('formatting keeps the author layout', () => {
  it('re-indents with the document indentation, keeping one-line arrays on one line', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n      {\n    "Effect":"Allow",\n  "Action": ["s3:GetObject",   "s3:ListBucket"],\n        "Resource": "*"\n    }\n  ]\n}';
    assert.equal(
      format(text),
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["s3:GetObject", "s3:ListBucket"],\n      "Resource": "*"\n    }\n  ]\n}',
    );
  });

  it('keeps a one-line statement on one line and brackets without padding as written', () => {
    const text = '{\n  "Statement": [\n        {"Effect":"Allow","Action":"s3:*","Resource":"*"}\n  ]\n}';
    assert.equal(format(text), '{\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}\n  ]\n}');
  });

  it('keeps padded brackets padded', () => {
    assert.equal(format('{\n  "Action": [ "a",  "b" ]\n}'), '{\n  "Action": [ "a", "b" ]\n}');
  });

  it('uses tabs when the document does', () => {
    assert.equal(format('{\n\t"Version": "2012-10-17",\n\t\t"Statement": []\n}'), '{\n\t"Version": "2012-10-17",\n\t"Statement": []\n}');
  });

  it("uses the editor's options when the document has no indentation yet", () => {
    assert.equal(format('{\n"Version": "2012-10-17"\n}', { tabSize: 3, insertSpaces: true }), '{\n   "Version": "2012-10-17"\n}');
  });

  it('formats only the given range', () => {
    const text = '{\n  "A":1,\n      "B":2\n}';
    const start = text.indexOf('"B"');
    assert.equal(format(text, undefined, { start, end: start + 5 }), '{\n  "A":1,\n      "B": 2\n}');
  });

  it('keeps CRLF line ends', () => {
    assert.equal(format('{\r\n  "A":1\r\n}'), '{\r\n  "A": 1\r\n}');
  });

  it('guesses indentation from the most common step, ignoring a stray line', () => {
    assert.deepEqual(detectIndentation('{\n    "a": {\n        "b": 1,\n         "c": 2\n    }\n}'), { tabSize: 4, insertSpaces: true });
    assert.deepEqual(detectIndentation('{"a": 1}'), undefined);
  });
});
