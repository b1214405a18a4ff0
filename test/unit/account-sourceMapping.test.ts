import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { scanExport, scanExportTolerant } from '../../server/src/account/exportTree';
import { encodedStringMapping, segmentMapping, substringMapping } from '../../server/src/account/sourceMapping';
import { createLineIndex } from '../../server/src/policy/lineIndex';

const repoRoot = resolve(__dirname, '../../..');

describe('source mapping: a verbatim substring', () => {
  const file = 'prefix {\n  "a": 1,\n  "b": 2\n}';
  const text = file.slice(file.indexOf('{'));
  const mapping = substringMapping(text, { line: 0, character: 7 });

  it('shifts the first line by the start column and the others by lines only', () => {
    assert.deepEqual(mapping.toSourceRange({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }), {
      start: { line: 0, character: 7 },
      end: { line: 0, character: 8 },
    });
    assert.deepEqual(mapping.toSourceRange({ start: { line: 2, character: 2 }, end: { line: 2, character: 5 } }), {
      start: { line: 2, character: 2 },
      end: { line: 2, character: 5 },
    });
  });

  it('maps file positions inside the text back, and nothing outside', () => {
    assert.deepEqual(mapping.toTextPosition({ line: 0, character: 7 }), { line: 0, character: 0 });
    assert.deepEqual(mapping.toTextPosition({ line: 1, character: 3 }), { line: 1, character: 3 });
    assert.equal(mapping.toTextPosition({ line: 0, character: 3 }), undefined, 'before the text');
    assert.equal(mapping.toTextPosition({ line: 1, character: 40 }), undefined, 'past the end of a line');
    assert.equal(mapping.toTextPosition({ line: 9, character: 0 }), undefined, 'after the text');
  });
});

describe('source mapping: an encoded string token', () => {
  it('maps JSON escapes and percent-encoding (UTF-8 sequences as one character) to their characters in the token', () => {
    // The token as it sits in the file, 10 columns in: "%7B\"é\": \u0041%E2%82%AC}" decodes to {"é": A€}
    const token = String.raw`"%7B%22%C3%A9%22%3A%20\u0041%E2%82%AC%7D"`;
    const text = '{"é": A€}';
    const mapping = encodedStringMapping(text, { line: 3, character: 10 }, token, true);
    const columns = (start: number, end: number) => {
      const range = mapping.toSourceRange({ start: { line: 0, character: start }, end: { line: 0, character: end } });
      assert.equal(range.start.line, 3);
      return token.slice(range.start.character - 10, range.end.character - 10);
    };
    assert.equal(columns(0, 1), '%7B');
    assert.equal(columns(2, 3), '%C3%A9');
    assert.equal(columns(1, 4), '%22%C3%A9%22');
    assert.equal(columns(6, 7), String.raw`\u0041`);
    assert.equal(columns(7, 8), '%E2%82%AC');
    assert.equal(columns(0, text.length), token.slice(1, -1));
    assert.deepEqual(mapping.toTextPosition({ line: 3, character: 10 + token.indexOf('%C3') + 2 }), { line: 0, character: 2 });
    assert.equal(mapping.toTextPosition({ line: 4, character: 12 }), undefined);
  });

  it('maps everything to the whole token when the decoding cannot be reproduced', () => {
    const mapping = encodedStringMapping('{}', { line: 0, character: 0 }, '"%7B%ZZ"', true);
    assert.deepEqual(mapping.toSourceRange({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }), {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 8 },
    });
  });
});

describe('source mapping: rendered segments', () => {
  const source = 'Action: s3:Get\nOther: !Ref X';
  const text = '{"Action": "s3:Get", "Other": "v"}';
  const lines = createLineIndex(source);
  const segments = [
    { textOffset: 0, textLength: text.length, sourceOffset: 0, sourceLength: source.length },
    { textOffset: 11, textLength: 8, sourceOffset: 8, sourceLength: 6, exact: { textStart: 12, sourceStart: 8, length: 6 } },
    { textOffset: 30, textLength: 3, sourceOffset: 22, sourceLength: 6 },
  ];
  const mapping = segmentMapping(text, segments, lines);
  const range = (start: number, end: number) => ({ start: { line: 0, character: start }, end: { line: 0, character: end } });
  const sourceText = (r: ReturnType<typeof mapping.toSourceRange>) => source.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));

  it('maps inside an exact scalar character for character, otherwise to the innermost segment', () => {
    assert.equal(sourceText(mapping.toSourceRange(range(12, 14))), 's3');
    assert.equal(sourceText(mapping.toSourceRange(range(11, 19))), 's3:Get');
    assert.equal(sourceText(mapping.toSourceRange(range(30, 33))), '!Ref X');
    assert.equal(sourceText(mapping.toSourceRange(range(1, 9))), source, 'no segment of its own: the enclosing one');
  });

  it('maps a source position into the text: exact inside a scalar, after the previous value between values', () => {
    assert.deepEqual(mapping.toTextPosition(lines.position(11)), { line: 0, character: 15 });
    assert.deepEqual(mapping.toTextPosition(lines.position(24)), { line: 0, character: 31 }, 'inside the call: inside the string it became');
    assert.deepEqual(mapping.toTextPosition(lines.position(15)), { line: 0, character: 19 }, 'between values: after "s3:Get"');
  });
});

describe('export scanning: the strict fast path and the tolerant visitor agree', () => {
  for (const name of ['examples/account/authorization-details.json', 'test/fixtures/account/url-encoded-export.json', 'test/fixtures/account/account-b-part1.json']) {
    it(`builds the same tree for ${name}`, () => {
      const text = readFileSync(join(repoRoot, name), 'utf8');
      const fast = scanExport(text);
      const tolerant = scanExportTolerant(text);
      assert.deepEqual(fast, tolerant);
      assert.ok(fast.root?.type === 'object');
    });
  }

  it('agrees on CRLF line ends and escapes, and falls back on anything that is not strict JSON', () => {
    const text = '{\r\n  "UserDetailList": [\r\n    {"UserName": "a\\"b", "PolicyDocument": {"x": [1, -2.5e3, true, null, "\\u00e9"]}}\r\n  ]\r\n}\r\n';
    assert.deepEqual(scanExport(text), scanExportTolerant(text));
    const broken = '{"UserDetailList": [{"UserName": "a",}]}';
    const tree = scanExport(broken);
    assert.deepEqual(
      tree.errors.map((error) => [error.message, error.start.character]),
      [["JSON does not allow a comma before '}'. Remove the comma.", 37]],
      'the tolerant visitor reads it and reports the trailing comma once',
    );
    assert.equal(tree.root?.type, 'object');
  });
});
