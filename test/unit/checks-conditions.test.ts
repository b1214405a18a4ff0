import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { assertFinding, assertNoFinding, applyFirstFix } = policyChecks({ path: 'policy.json' });

const policy = (condition: string, action = 's3:GetObject') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*", "Condition": ${condition}}]}`;

describe('empty condition blocks and value lists (access-analyzer-reference-policy-checks.md)', () => {
  before(async () => {
    await loadedCatalog(['s3']);
  });

  it('EMPTY_OBJECT_CONDITION for "Condition": {}, fixed by removing it; near miss: a Condition with a key', () => {
    assertFinding(policy('{}').replace('"Condition"', '«"Condition"»'), 'EMPTY_OBJECT_CONDITION');
    const fixed = applyFirstFix(policy('{}'), 'EMPTY_OBJECT_CONDITION');
    assert.deepEqual(JSON.parse(fixed).Statement[0], { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    assertNoFinding(policy('{"StringEquals": {"aws:username": "a"}}'), 'EMPTY_OBJECT_CONDITION');
  });

  it('EMPTY_OBJECT_CONDITION for an operator with no keys, fixed by removing the operator', () => {
    assertFinding(policy('{«"StringEquals"»: {}, "Bool": {"aws:SecureTransport": "true"}}'), 'EMPTY_OBJECT_CONDITION');
    const fixed = applyFirstFix(policy('{"StringEquals": {}, "Bool": {"aws:SecureTransport": "true"}}'), 'EMPTY_OBJECT_CONDITION');
    assert.deepEqual(JSON.parse(fixed).Statement[0].Condition, { Bool: { 'aws:SecureTransport': 'true' } });
  });

  it('EMPTY_ARRAY_CONDITION for a plain operator; the fix removes the key and the operator left empty', () => {
    assertFinding(policy('{"StringEquals": {«"aws:username"»: []}}'), 'EMPTY_ARRAY_CONDITION');
    const fixed = applyFirstFix(policy('{"StringEquals": {"aws:username": []}, "Bool": {"aws:SecureTransport": "true"}}'), 'EMPTY_ARRAY_CONDITION');
    assert.deepEqual(JSON.parse(fixed).Statement[0].Condition, { Bool: { 'aws:SecureTransport': 'true' } });
    const sibling = applyFirstFix(policy('{"StringEquals": {"aws:username": [], "aws:userid": "x"}}'), 'EMPTY_ARRAY_CONDITION');
    assert.deepEqual(JSON.parse(sibling).Statement[0].Condition, { StringEquals: { 'aws:userid': 'x' } });
    assertNoFinding(policy('{"StringEquals": {"aws:username": ["a"]}}'), 'EMPTY_ARRAY_CONDITION');
    assertNoFinding(policy('{"StringEquals": {"aws:username": ""}}'), 'EMPTY_ARRAY_CONDITION');
  });

  it('EMPTY_ARRAY_CONDITION_FORALLVALUES, _FORANYVALUE and _IFEXISTS name the operator that changes the meaning', () => {
    assertFinding(policy('{"ForAllValues:StringEquals": {«"aws:TagKeys"»: []}}'), 'EMPTY_ARRAY_CONDITION_FORALLVALUES');
    assertFinding(policy('{"ForAnyValue:StringEquals": {«"aws:TagKeys"»: []}}'), 'EMPTY_ARRAY_CONDITION_FORANYVALUE');
    assertFinding(policy('{"StringEqualsIfExists": {«"aws:username"»: []}}'), 'EMPTY_ARRAY_CONDITION_IFEXISTS');
    assertNoFinding(policy('{"ForAllValues:StringEquals": {"aws:TagKeys": []}}'), 'EMPTY_ARRAY_CONDITION');
    assertNoFinding(policy('{"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}}'), 'EMPTY_ARRAY_CONDITION_FORALLVALUES');
    assertNoFinding(policy('{"StringEqualsIfExists": {"aws:username": "a"}}'), 'EMPTY_ARRAY_CONDITION_IFEXISTS');
    const fixed = applyFirstFix(policy('{"ForAnyValue:StringEquals": {"aws:TagKeys": []}}'), 'EMPTY_ARRAY_CONDITION_FORANYVALUE');
    assert.equal(JSON.parse(fixed).Statement[0].Condition, undefined, 'the Condition left empty goes too');
  });

  it('fixes keep a multi-line layout', () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:username": []
        },
        "Bool": {
          "aws:SecureTransport": "true"
        }
      }
    }
  ]
}`;
    assert.equal(
      applyFirstFix(text, 'EMPTY_ARRAY_CONDITION'),
      `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*",
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "true"
        }
      }
    }
  ]
}`,
    );
  });
});
