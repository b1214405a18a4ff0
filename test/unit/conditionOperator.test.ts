import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BASE_CONDITION_OPERATORS,
  conditionOperatorNames,
  isValidConditionOperator,
  parseConditionOperator,
  trueWhenKeyMissing,
  withBase,
  findBaseOperator,
} from '../../server/src/policy/conditionOperator';

describe('condition operator names (reference_policies_elements_condition_operators.md)', () => {
  it('reads set operator, base operator and IfExists', () => {
    const parsed = parseConditionOperator('ForAnyValue:StringLikeIfExists')!;
    assert.equal(parsed.setOperator, 'ForAnyValue');
    assert.equal(parsed.base.name, 'StringLike');
    assert.equal(parsed.ifExists, true);
    assert.equal(parsed.base.family, 'String');
    assert.equal(parsed.base.wildcards, true);
    assert.equal(parsed.canonical, 'ForAnyValue:StringLikeIfExists');
    assert.ok(isValidConditionOperator(parsed));
  });

  it('knows every documented operator with its family, negation and value type', () => {
    assert.equal(BASE_CONDITION_OPERATORS.length, 27);
    assert.deepEqual(
      ['StringNotEqualsIgnoreCase', 'NumericGreaterThanEquals', 'DateNotEquals', 'Bool', 'BinaryEquals', 'NotIpAddress', 'ArnNotLike', 'Null'].map((name) => {
        const base = findBaseOperator(name)!;
        return [base.family, base.negated, base.valueType];
      }),
      [
        ['String', true, 'string'],
        ['Numeric', false, 'number'],
        ['Date', true, 'date'],
        ['Boolean', false, 'boolean'],
        ['Binary', false, 'base64'],
        ['IPAddress', true, 'ipRange'],
        ['ARN', true, 'arn'],
        ['Null', false, 'boolean'],
      ],
    );
  });

  it('ArnEquals takes wildcards like ArnLike ("behave identically"); StringEquals does not', () => {
    assert.equal(findBaseOperator('ArnEquals')!.wildcards, true);
    assert.equal(findBaseOperator('StringEquals')!.wildcards, false);
  });

  it('variables only with String and ARN operators (reference_policies_variables.md)', () => {
    const accepting = BASE_CONDITION_OPERATORS.filter((base) => base.acceptsVariables).map((base) => base.family);
    assert.deepEqual([...new Set(accepting)], ['String', 'ARN']);
  });

  it('parses any case but tells the canonical spelling, which AWS requires', () => {
    const parsed = parseConditionOperator('forallvalues:stringequals')!;
    assert.equal(parsed.canonical, 'ForAllValues:StringEquals');
    assert.equal(isValidConditionOperator(parsed), false);
  });

  it('understands Null with IfExists or a set operator, and marks them', () => {
    const ifExists = parseConditionOperator('NullIfExists')!;
    assert.equal(ifExists.nullWithIfExists, true);
    assert.equal(isValidConditionOperator(ifExists), false);
    const qualified = parseConditionOperator('ForAnyValue:Null')!;
    assert.equal(qualified.nullWithSetOperator, true);
    assert.equal(isValidConditionOperator(qualified), true, 'accepted by AWS, only pointless');
  });

  it('rejects what is no operator', () => {
    for (const text of ['StringEqual', 'ForSomeValues:StringEquals', 'IfExists', 'StringEqualsIfExistsIfExists', '']) {
      assert.equal(parseConditionOperator(text), undefined, text);
    }
  });

  it('lists every valid name once: 26 x 3 prefixes x 2 suffixes, plus bare Null', () => {
    const names = conditionOperatorNames();
    assert.equal(new Set(names).size, names.length);
    assert.equal(names.length, 26 * 3 * 2 + 1);
    assert.ok(names.includes('ForAllValues:ArnLikeIfExists'));
    assert.ok(!names.includes('NullIfExists'));
    for (const name of names) assert.ok(isValidConditionOperator(parseConditionOperator(name)!), name);
  });

  it('withBase keeps the set operator and IfExists', () => {
    assert.equal(withBase(parseConditionOperator('ForAllValues:StringEqualsIfExists')!, findBaseOperator('StringLike')!), 'ForAllValues:StringLikeIfExists');
  });

  it('tells whether a condition is true when the request lacks the key', () => {
    const missing = (name: string) => trueWhenKeyMissing(parseConditionOperator(name)!);
    assert.equal(missing('StringEquals'), false);
    assert.equal(missing('StringNotEquals'), true);
    assert.equal(missing('StringEqualsIfExists'), true);
    assert.equal(missing('ForAllValues:StringEquals'), true);
    assert.equal(missing('ForAnyValue:StringNotEquals'), false);
    assert.equal(missing('Null'), undefined);
  });
});
