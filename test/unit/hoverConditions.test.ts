import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { hoverAtCursor } from '../support/cursor';

/** The markdown of the hover at `|`. */
const hover = async (marked: string) => (await hoverAtCursor(marked))?.markdown;

const condition = (inner: string) => `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": ${inner}}]}`;
const operator = (name: string) => hover(condition(`{"${name.slice(0, 2)}|${name.slice(2)}": {"aws:SourceVpc": "vpc-1"}}`));

describe('hover on condition operators: exact semantics (reference_policies_elements_condition_operators.md)', () => {
  before(async () => {
    await loadedCatalog(['s3']);
  });

  it('StringEquals: case-sensitive exact match; a missing key makes the condition false', async () => {
    const text = (await operator('StringEquals'))!;
    assert.match(text, /^\*\*StringEquals\*\* · String condition operator/);
    assert.match(text, /Exact matching, case sensitive/);
    assert.match(text, /\*\*Missing key:\*\* When the key is missing the condition is \*\*false\*\*/);
    assert.match(text, /Policy variables: allowed/);
    assert.match(text, /#Conditions_String\)/);
  });

  it('negated operators match a missing key', async () => {
    assert.match((await operator('StringNotLike'))!, /missing the condition is \*\*true\*\*/);
    assert.match((await operator('ArnNotEquals'))!, /missing the condition is \*\*true\*\*/);
    assert.match((await operator('NotIpAddress'))!, /missing the condition is \*\*true\*\*/);
  });

  it('IfExists: a missing key makes the condition true', async () => {
    const text = (await operator('NumericLessThanIfExists'))!;
    assert.match(text, /"Numeric" condition operator|Numeric condition operator/);
    assert.match(text, /IfExists: when the key is missing the condition is \*\*true\*\*/);
    assert.match(text, /#Conditions_IfExists\)/);
    assert.match(text, /Policy variables: not allowed/);
  });

  it('Null tests presence', async () => {
    assert.match((await operator('Null'))!, /"true"` matches when the key is missing, `"false"` when it is present/);
  });

  it('set operators (reference_policies_multi-value-conditions.md): ForAllValues is true for a missing key, ForAnyValue false', async () => {
    assert.match((await operator('ForAllValues:StringEquals'))!, /ForAllValues: when the key is missing .* the condition is \*\*true\*\*/);
    assert.match((await operator('ForAnyValue:StringLike'))!, /ForAnyValue: when the key is missing .* the condition is \*\*false\*\*/);
  });

  it('IfExists wins over ForAnyValue: "If the key is not present, evaluate the condition element as true"', async () => {
    assert.match((await operator('ForAnyValue:StringLikeIfExists'))!, /\*\*Missing key:\*\* IfExists: when the key is missing the condition is \*\*true\*\*/);
  });

  it('a miscased operator is explained, with the spelling AWS accepts', async () => {
    assert.match((await operator('stringequals'))!, /write `StringEquals`/);
  });

  it('Bool takes no policy variables (reference_policies_variables.md)', async () => {
    assert.match((await operator('Bool'))!, /Policy variables: not allowed/);
  });

  it('Date operators take no wildcards and no variables', async () => {
    const text = (await operator('DateGreaterThan'))!;
    assert.match(text, /Wildcards: none/);
    assert.match(text, /ISO 8601/);
  });

  it('nothing for something that is not an operator', async () => {
    assert.equal(await operator('StringEqualz'), undefined);
  });
});

describe('hover on condition keys and values', () => {
  it('a global key: type, single-valued, description, link', async () => {
    const text = (await hover(condition('{"Bool": {"aws:Secure|Transport": "false"}}')))!;
    assert.match(text, /^\*\*aws:SecureTransport\*\* · Bool · single-valued/);
    assert.match(text, /whether the request was sent using SSL/);
    assert.match(text, /condition-keys-securetransport/);
  });

  it('a multivalued key says so and points at the set operators', async () => {
    const text = (await hover(condition('{"ForAllValues:StringEquals": {"aws:Tag|Keys": ["a"]}}')))!;
    assert.match(text, /String · multivalued/);
    assert.match(text, /ForAllValues:/);
  });

  it('a tag key is explained as an instance of its pattern', async () => {
    const text = (await hover(condition('{"StringEquals": {"aws:ResourceTag/te|am": "x"}}')))!;
    assert.match(text, /^\*\*aws:ResourceTag\/team\*\*/);
    assert.match(text, /An instance of `aws:ResourceTag\/\$\{TagKey\}`/);
  });

  it('a service key, from the service reference', async () => {
    const text = (await hover(condition('{"StringEquals": {"s3:x-amz-|acl": "private"}}')))!;
    assert.match(text, /^\*\*s3:x-amz-acl\*\* · String · single-valued/);
    assert.match(text, /Service Authorization Reference: s3/);
  });

  it('an enumerated value: what an aws:PrincipalType value means', async () => {
    assert.match((await hover(condition('{"StringEquals": {"aws:PrincipalType": "Assumed|Role"}}')))!, /role session/i);
  });

  it('an ARN value names its parts', async () => {
    assert.match((await hover(condition('{"ArnLike": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:top|ic"}}')))!, /\| Region \| `eu-west-1` \|/);
  });
});
