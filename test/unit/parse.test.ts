import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy } from '../../server/src/policy/parse';

/** Slices the text at an LSP range, to check that ranges point at the right characters. */
function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  const parts = [lines[range.start.line].slice(range.start.character)];
  for (let line = range.start.line + 1; line < range.end.line; line++) parts.push(lines[line]);
  parts.push(lines[range.end.line].slice(0, range.end.character));
  return parts.join('\n');
}

const POLICY = `{
  "Version": "2012-10-17",
  "Id": "example",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Principal": { "AWS": ["arn:aws:iam::111122223333:root", "222233334444"], "Service": "s3.amazonaws.com" },
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "arn:aws:s3:::bucket/*",
      "Condition": {
        "StringEquals": { "aws:PrincipalTag/team": ["red", "blue"] },
        "NumericLessThan": { "s3:max-keys": 10 },
        "Bool": { "aws:SecureTransport": true }
      }
    },
    {
      "Effect": "Deny",
      "NotPrincipal": "*",
      "NotAction": "iam:*",
      "NotResource": ["arn:aws:iam::*:role/admin"]
    }
  ]
}`;

describe('policy AST (reference_policies_grammar.md)', () => {
  const ast = parsePolicy(POLICY);

  it('reads Version, Id and every statement of an array', () => {
    assert.equal(ast.version?.value?.value, '2012-10-17');
    assert.equal(ast.id?.value?.value, 'example');
    assert.equal(ast.statementForm, 'array');
    assert.equal(ast.statements.length, 2);
    assert.deepEqual(ast.syntaxProblems, []);
    assert.deepEqual(ast.shapeProblems, []);
  });

  it('gives each array string its own exact range', () => {
    const [first] = ast.statements;
    assert.deepEqual(first.action?.values.map((value) => value.value), ['s3:GetObject', 's3:ListBucket']);
    for (const value of first.action!.values) assert.equal(textAt(POLICY, value.node.range), JSON.stringify(value.value));
    assert.equal(textAt(POLICY, first.resource!.values[0].node.range), '"arn:aws:s3:::bucket/*"');
    assert.equal(textAt(POLICY, first.effect!.keyRange), '"Effect"');
    assert.equal(first.sid?.value?.value, 'Read');
  });

  it('reads every principal form (reference_policies_elements_principal.md)', () => {
    const [first, second] = ast.statements;
    assert.equal(first.principal?.form, 'object');
    assert.deepEqual(
      first.principal?.entries.map((entry) => [entry.type, entry.values.map((value) => value.value)]),
      [
        ['AWS', ['arn:aws:iam::111122223333:root', '222233334444']],
        ['Service', ['s3.amazonaws.com']],
      ],
    );
    assert.equal(second.notPrincipal?.form, 'wildcard');
    assert.equal(second.notPrincipal?.wildcard?.value, '*');
    assert.equal(textAt(POLICY, second.notPrincipal!.wildcard!.node.range), '"*"');
  });

  it('reads conditions as operator -> key -> values, numbers and booleans as text (reference_policies_elements_condition.md)', () => {
    const condition = ast.statements[0].condition!;
    assert.deepEqual(
      condition.operators.map((operator) => [operator.operator, operator.keys.map((key) => [key.key, key.form, key.values.map((value) => value.text)])]),
      [
        ['StringEquals', [['aws:PrincipalTag/team', 'array', ['red', 'blue']]]],
        ['NumericLessThan', [['s3:max-keys', 'scalar', ['10']]]],
        ['Bool', [['aws:SecureTransport', 'scalar', ['true']]]],
      ],
    );
    const team = condition.operators[0].keys[0];
    assert.equal(textAt(POLICY, team.property.keyRange), '"aws:PrincipalTag/team"');
    assert.equal(textAt(POLICY, team.values[1].node.range), '"blue"');
  });

  it('reads NotAction and NotResource', () => {
    const second = ast.statements[1];
    assert.equal(second.notAction?.form, 'string');
    assert.deepEqual(second.notResource?.values.map((value) => value.value), ['arn:aws:iam::*:role/admin']);
    assert.equal(second.sid, undefined);
  });

  it('accepts a single statement object', () => {
    const single = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}');
    assert.equal(single.statementForm, 'object');
    assert.equal(single.statements.length, 1);
    assert.equal(single.statements[0].index, 0);
  });
});

describe('policy AST on bad input', () => {
  it('keeps the parts of a half-typed document and reports the syntax problem at its place', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:Get';
    const ast = parsePolicy(text);
    assert.equal(ast.version?.value?.value, '2012-10-17');
    assert.equal(ast.statements.length, 1);
    assert.equal(ast.statements[0].effect?.value?.value, 'Allow');
    assert.ok(ast.syntaxProblems.length > 0);
    assert.ok(ast.syntaxProblems.some((problem) => /not closed/.test(problem.message)));
    assert.ok(ast.syntaxProblems.every((problem) => problem.range.start.line >= 3));
  });

  it('keeps a key that has no value yet', () => {
    const ast = parsePolicy('{ "Statement": [ { "Effect": } ] }');
    assert.equal(ast.statements[0].effect?.value, undefined);
    assert.ok(ast.syntaxProblems.length > 0);
  });

  it('records wrong JSON types instead of throwing', () => {
    const text = '{"Version": 2012, "Statement": [{"Effect": true, "Action": [1, "s3:GetObject"], "Resource": {"a": 1}, "Condition": []}, 5]}';
    const ast = parsePolicy(text);
    const wrong = ast.shapeProblems.filter((problem) => problem.kind === 'wrong-type');
    assert.equal(wrong.length, 6);
    assert.deepEqual(ast.statements[0].action?.values.map((value) => value.value), ['s3:GetObject']);
    assert.equal(ast.statements[0].action?.invalid.length, 1);
    assert.equal(textAt(text, wrong.find((problem) => /Version/.test(problem.detail))!.range), '2012');
  });

  it('records duplicate keys and keys that differ only by case', () => {
    const text = '{"Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "a", "AWS:UserName": "b"}}}}';
    const ast = parsePolicy(text);
    const kinds = ast.shapeProblems.map((problem) => [problem.kind, problem.detail]);
    assert.deepEqual(kinds, [
      ['duplicate-key', 'Effect'],
      ['duplicate-key-different-case', 'AWS:UserName'],
    ]);
    assert.equal(ast.statements[0].effect?.value?.value, 'Allow', 'the first occurrence is the one the model keeps');
  });

  it('finds duplicate keys ignoring case as toLowerCase does, non-ASCII keys too', () => {
    // Keys whose lower case is tricky: non-ASCII letters, the Kelvin sign ("\u212a" lowers to "k"),
    // a capital I with a dot that lowers to two characters.
    const keys = ['Effect', 'effect', 'EFFECT', 'Efect', 'k', 'K', '\u212a', '\u0130d', 'i\u0307d', 'Id', '\u00c9t\u00e9', '\u00e9T\u00c9', 'aws:UserName', 'aws:username', 'x'];
    let state = 7;
    const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let round = 0; round < 200; round++) {
      const chosen = Array.from({ length: 2 + Math.floor(random() * 20) }, () => keys[Math.floor(random() * keys.length)]);
      const text = `{"Statement": {"Condition": {"StringEquals": {${chosen.map((key, index) => `${JSON.stringify(key)}: "${index}"`).join(', ')}}}}}`;
      const expected: [string, string, string][] = [];
      const firstByLower = new Map<string, string>();
      for (const key of chosen) {
        const earlier = firstByLower.get(key.toLowerCase());
        if (earlier === undefined) firstByLower.set(key.toLowerCase(), key);
        else expected.push([earlier === key ? 'duplicate-key' : 'duplicate-key-different-case', key, earlier]);
      }
      const found = parsePolicy(text).shapeProblems.map((problem) => [problem.kind, problem.detail, problem.expected]);
      assert.deepEqual(found, expected, JSON.stringify(chosen));
    }
  });

  it('reports each trailing comma once, and no comma inside a string', () => {
    const commas = (text: string) => parsePolicy(text).syntaxProblems.filter((problem) => /comma before/.test(problem.message)).map((problem) => problem.offset);
    const clean = '{"Statement": [{"Action": ["s3:a,]", "b" ,\n ], "Resource": "*",},],}';
    assert.equal(parsePolicy(clean).syntaxProblems.length, 4);
    assert.deepEqual(commas(clean), [clean.indexOf(',\n'), clean.indexOf(',}'), clean.indexOf(',]', clean.indexOf('}')), clean.lastIndexOf(',')]);
    // With errors, the text around what the reader skipped is searched too: a comment's comma counts.
    const damaged = '{"Statement": {"Action": [1,], /* a, } */ "Resource": "*",}}';
    assert.deepEqual(commas(damaged), [damaged.indexOf(',]'), damaged.indexOf(', }'), damaged.indexOf(',}')]);
  });

  it('records unknown elements and element names in the wrong case', () => {
    const ast = parsePolicy('{"version": "2012-10-17", "Statement": [{"effect": "Allow", "Actions": "s3:*", "Resource": "*"}]}');
    assert.deepEqual(
      ast.shapeProblems.map((problem) => [problem.kind, problem.detail, problem.expected]),
      [
        ['element-case', 'version', 'Version'],
        ['element-case', 'effect', 'Effect'],
        ['unknown-element', 'Actions', undefined],
      ],
    );
  });

  it('survives empty text, a top-level array and very deep nesting', () => {
    assert.equal(parsePolicy('').statements.length, 0);
    assert.equal(parsePolicy('[]').shapeProblems[0].kind, 'wrong-type');
    const deep = '{"Statement": [{"Condition": ' + '['.repeat(5000) + ']'.repeat(5000) + '}]}';
    const ast = parsePolicy(deep);
    assert.equal(ast.statements.length, 1);
    assert.ok(ast.syntaxProblems.some((problem) => /nests deeper/.test(problem.message)));
    const absurd = parsePolicy('{"Statement":' + '['.repeat(200000) + ']'.repeat(200000) + '}');
    assert.ok(absurd.syntaxProblems.some((problem) => /nested too deeply/.test(problem.message)));
  });

  it('handles CRLF line endings in ranges', () => {
    const text = '{\r\n  "Version": "2012-10-17",\r\n  "Statement": []\r\n}';
    const ast = parsePolicy(text);
    assert.deepEqual(ast.version?.value?.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 25 } });
  });
});
