import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { insertFirstProperty, removeArrayItem, removeArrayItems, replaceStringList } from '../../server/src/analysis/fixEdits';
import { parsePolicy } from '../../server/src/policy/parse';
import { applyFix } from '../support/applyFix';

const MULTI = `{
  "Statement": [
    {
      "Action": [
        "s3:GetObject",
        "s3:PutObject",
        "s3:GetObject"
      ]
    }
  ]
}`;

function actionItems(text: string) {
  const ast = parsePolicy(text);
  return { ast, items: ast.statements[0].action!.property.value!.items! };
}

describe('fix edits keep valid JSON and the layout', () => {
  it('removes a middle, last or only item with its comma', () => {
    const { ast, items } = actionItems(MULTI);
    const withoutMiddle = applyFix(MULTI, { title: 't', edits: [removeArrayItem(ast, items, 1)] });
    assert.deepEqual(JSON.parse(withoutMiddle).Statement[0].Action, ['s3:GetObject', 's3:GetObject']);
    assert.match(withoutMiddle, /"s3:GetObject",\n {8}"s3:GetObject"\n/);
    const withoutLast = applyFix(MULTI, { title: 't', edits: [removeArrayItem(ast, items, 2)] });
    assert.deepEqual(JSON.parse(withoutLast).Statement[0].Action, ['s3:GetObject', 's3:PutObject']);
    const inline = '{"Statement": [{"Action": ["a:b"]}]}';
    const only = actionItems(inline);
    assert.equal(applyFix(inline, { title: 't', edits: [removeArrayItem(only.ast, only.items, 0)] }), '{"Statement": [{"Action": []}]}');
  });

  it('removes several items at once, whatever their places', () => {
    const { ast, items } = actionItems(MULTI);
    for (const indexes of [[0, 1], [1, 2], [0, 2], [0, 1, 2]]) {
      const fixed = applyFix(MULTI, { title: 't', edits: removeArrayItems(ast, items, indexes) });
      const expected = ['s3:GetObject', 's3:PutObject', 's3:GetObject'].filter((_, i) => !indexes.includes(i));
      assert.deepEqual(JSON.parse(fixed).Statement[0].Action, expected, `removing ${indexes}`);
    }
  });

  it('replaces a string by a list laid out like the document', () => {
    const text = '{\n  "Statement": [\n    {\n      "Action": "s3:Get*"\n    }\n  ]\n}';
    const ast = parsePolicy(text);
    const node = ast.statements[0].action!.property.value!;
    const few = applyFix(text, replaceStringList(ast, node, ['s3:GetObject', 's3:GetBucketPolicy'], 'expand'));
    assert.equal(few, '{\n  "Statement": [\n    {\n      "Action": ["s3:GetObject", "s3:GetBucketPolicy"]\n    }\n  ]\n}');
    const many = applyFix(text, replaceStringList(ast, node, ['a:A', 'a:B', 'a:C', 'a:D'], 'expand'));
    assert.equal(many, '{\n  "Statement": [\n    {\n      "Action": [\n        "a:A",\n        "a:B",\n        "a:C",\n        "a:D"\n      ]\n    }\n  ]\n}');
    const inline = '{"Statement": [{"Action": ["s3:Get*"]}]}';
    const inlineAst = parsePolicy(inline);
    assert.equal(
      applyFix(inline, replaceStringList(inlineAst, inlineAst.statements[0].action!.property.value!, ['a:b', 'a:c'], 'x')),
      '{"Statement": [{"Action": ["a:b", "a:c"]}]}',
    );
  });

  it('inserts a first property on its own line, or inline', () => {
    const text = '{\n    "Statement": []\n}';
    const ast = parsePolicy(text);
    assert.equal(applyFix(text, { title: 't', edits: [insertFirstProperty(ast, ast.root!, 'Version', '"2012-10-17"')] }), '{\n    "Version": "2012-10-17",\n    "Statement": []\n}');
    const inline = '{"Statement": []}';
    const inlineAst = parsePolicy(inline);
    assert.equal(applyFix(inline, { title: 't', edits: [insertFirstProperty(inlineAst, inlineAst.root!, 'Version', '"2012-10-17"')] }), '{"Version": "2012-10-17", "Statement": []}');
  });
});
