import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance, nearest } from '../../server/src/analysis/nearest';

describe('nearest candidate by edit distance', () => {
  it('computes Levenshtein distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'stops early past the limit');
  });

  it('picks the closest candidate, case-insensitively, within the limit', () => {
    assert.equal(nearest('GetObjekt', ['GetObject', 'PutObject', 'ListBucket']), 'GetObject');
    assert.equal(nearest('EFFECT', ['Effect', 'Action']), 'Effect');
    assert.equal(nearest('Banana', ['Effect', 'Action']), undefined);
  });

  it('refuses to guess between equally close candidates', () => {
    assert.equal(nearest('ab', ['ax', 'ay'], 1), undefined);
  });
});
