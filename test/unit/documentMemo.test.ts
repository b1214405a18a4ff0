/**
 * The check families share what they derive from a document's objects through memos that live
 * for one analysis (server/src/analysis/documentMemo.ts): shared within analyzePolicy, gone after.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentMemo, withDocumentMemos } from '../../server/src/analysis/documentMemo';
import { resolveActions } from '../../server/src/analysis/actionsResolve';
import { parsePolicy } from '../../server/src/policy/parse';
import { loadedCatalog } from '../support/catalog';

describe('memos of one analysis', () => {
  it('keep an entry for the rest of the analysis, and nothing once it has ended', () => {
    const memo = documentMemo<object, string>();
    const key = {};
    memo.set(key, 'outside');
    assert.equal(memo.get(key), undefined, 'nothing is kept outside an analysis');
    withDocumentMemos(() => {
      memo.set(key, 'inside');
      assert.equal(memo.get(key), 'inside');
      // An analysis started inside another has its own memos, and the outer ones come back after it.
      withDocumentMemos(() => assert.equal(memo.get(key), undefined));
      assert.equal(memo.get(key), 'inside');
    });
    assert.equal(memo.get(key), undefined);
  });

  it('an element is resolved once per analysis, and again in the next', async () => {
    const catalog = await loadedCatalog(['s3']);
    const ast = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject","s3:Put*"],"Resource":"*"}}');
    const element = ast.statements[0].action!;
    const [first, second] = withDocumentMemos(() => [resolveActions(element, catalog), resolveActions(element, catalog)]);
    assert.equal(first, second, 'the families of one analysis share the answer');
    assert.deepEqual(first.map((action) => action.kind), ['known', 'pattern']);
    const next = withDocumentMemos(() => resolveActions(element, catalog));
    assert.notEqual(next, first);
    assert.deepEqual(next, first);
  });
});
