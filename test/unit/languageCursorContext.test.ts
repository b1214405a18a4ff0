import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorContext, type CursorContext } from '../../server/src/language/cursorContext';
import { parsePolicy } from '../../server/src/policy/parse';
import { cursorIn } from '../support/cursor';

/** The cursor context at `|`. */
function contextAt(marked: string): CursorContext {
  const { text, offset } = cursorIn(marked);
  return cursorContext(parsePolicy(text), offset);
}

const slotOf = (marked: string) => contextAt(marked).slot;

describe('cursor context: where the cursor is, in IAM terms', () => {
  it('an empty document asks for a whole policy', () => {
    assert.deepEqual(slotOf('|'), { kind: 'empty-document' });
    assert.deepEqual(slotOf('  \n|'), { kind: 'empty-document' });
  });

  it('top-level keys, in an empty object and after other keys', () => {
    assert.deepEqual(slotOf('{ | }'), { kind: 'top-level-key' });
    assert.deepEqual(slotOf('{"Version": "2012-10-17", "|"}'), { kind: 'top-level-key' });
    assert.deepEqual(contextAt('{"Version": "2012-10-17", "St|"}').presentKeys, ['Version']);
  });

  it('values of Version and Statement', () => {
    assert.deepEqual(slotOf('{"Version": "|"}'), { kind: 'version-value' });
    assert.deepEqual(slotOf('{"Statement": |}'), { kind: 'statement-value' });
    assert.deepEqual(slotOf('{"Statement": [|]}'), { kind: 'statement-item' });
    assert.deepEqual(slotOf('{"Statement": [{}, |]}'), { kind: 'statement-item' }, 'after a statement, getLocation still says "key": the array index wins');
  });

  it('statement keys, in the array form and the single-object form', () => {
    assert.deepEqual(slotOf('{"Statement": [{|}]}'), { kind: 'statement-key' });
    assert.deepEqual(slotOf('{"Statement": {"Effect": "Allow", "|"}}'), { kind: 'statement-key' });
    const context = contextAt('{"Statement": [{"Sid": "A", "Effect": "Allow", "Ac|"}]}');
    assert.deepEqual(context.slot, { kind: 'statement-key' });
    assert.deepEqual(context.presentKeys, ['Sid', 'Effect'], 'the key being typed is not "present"');
    assert.equal(context.statement?.index, 0);
  });

  it('a key typed after a value with the comma missing, in an open string', () => {
    const context = contextAt('{"Statement": [{"Effect": "Allow"\n  "Act|\n}]}');
    assert.deepEqual(context.slot, { kind: 'statement-key' });
    assert.equal(context.span.typed, 'Act');
    assert.equal(context.span.unterminated, true);
    const text = '{"Statement": [{"Effect": "Allow"\n  "Act\n}]}';
    assert.equal(context.commaBefore, text.indexOf('"Allow"') + '"Allow"'.length, 'the missing comma goes after "Allow"');
  });

  it('Effect, Sid, Action and Resource values, as strings and array items', () => {
    assert.deepEqual(slotOf('{"Statement": [{"Effect": "|"}]}'), { kind: 'effect-value' });
    assert.deepEqual(slotOf('{"Statement": [{"Effect": |}]}'), { kind: 'effect-value' });
    assert.deepEqual(slotOf('{"Statement": [{"Sid": "|"}]}'), { kind: 'sid-value' });
    assert.deepEqual(slotOf('{"Statement": [{"Action": "s3:|"}]}'), { kind: 'action-value', element: 'Action' });
    assert.deepEqual(slotOf('{"Statement": [{"NotAction": ["iam:*", "|"]}]}'), { kind: 'action-value', element: 'NotAction' });
    assert.deepEqual(slotOf('{"Statement": [{"Resource": ["arn:aws:s3:::b", "arn:|"]}]}'), { kind: 'resource-value', element: 'Resource' });
    assert.deepEqual(slotOf('{"Statement": [{"NotResource": "|"}]}'), { kind: 'resource-value', element: 'NotResource' });
  });

  it('an open action string on its own line, before the next property', () => {
    const context = contextAt('{"Statement": [{"Effect": "Allow",\n"Action": "s3:Get|\n"Resource": "*"}]}');
    assert.deepEqual(context.slot, { kind: 'action-value', element: 'Action' });
    assert.equal(context.span.typed, 's3:Get');
    assert.equal(context.span.unterminated, true);
  });

  it('array items with a comma missing between them', () => {
    const context = contextAt('{"Statement": [{"Action": ["s3:GetObject" "ec2:|"]}]}');
    assert.deepEqual(context.slot, { kind: 'action-value', element: 'Action' });
    assert.equal(context.span.typed, 'ec2:');
  });

  it('the span of a closed string covers its content; the typed part ends at the cursor', () => {
    const context = contextAt('{"Statement": [{"Action": "s3:Get|Object"}]}');
    assert.equal(context.span.typed, 's3:Get');
    assert.equal(context.span.value, 's3:GetObject');
    assert.equal(context.span.inString, true);
    assert.equal(context.span.unterminated, false);
  });

  it('principal keys and values by type', () => {
    assert.deepEqual(slotOf('{"Statement": [{"Principal": {"|"}}]}'), { kind: 'principal-key', element: 'Principal' });
    assert.deepEqual(slotOf('{"Statement": [{"Principal": "|"}]}'), { kind: 'principal-value', element: 'Principal' });
    assert.deepEqual(slotOf('{"Statement": [{"Principal": {"Service": "|"}}]}'), { kind: 'principal-value', element: 'Principal', principalType: 'Service' });
    assert.deepEqual(slotOf('{"Statement": [{"NotPrincipal": {"AWS": ["a", "|"]}}]}'), { kind: 'principal-value', element: 'NotPrincipal', principalType: 'AWS' });
    assert.deepEqual(contextAt('{"Statement": [{"Principal": {"AWS": "*", "|"}}]}').presentKeys, ['AWS']);
  });

  it('condition operators, keys and values', () => {
    assert.deepEqual(slotOf('{"Statement": [{"Condition": {"|"}}]}'), { kind: 'condition-operator' });
    assert.deepEqual(slotOf('{"Statement": [{"Condition": {"StringEquals": {"|"}}}]}'), { kind: 'condition-key', operator: 'StringEquals' });
    assert.deepEqual(slotOf('{"Statement": [{"Condition": {"Bool": {"aws:SecureTransport": "|"}}}]}'), {
      kind: 'condition-value',
      operator: 'Bool',
      key: 'aws:SecureTransport',
    });
    assert.deepEqual(slotOf('{"Statement": [{"Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "|"]}}}]}'), {
      kind: 'condition-value',
      operator: 'StringEquals',
      key: 'aws:RequestedRegion',
    });
    const keyContext = contextAt('{"Statement": [{"Condition": {"StringEquals": {"aws:SourceVpc": "v", "aws:|"}}}]}');
    assert.deepEqual(keyContext.presentKeys, ['aws:SourceVpc']);
  });

  it('a condition key typed in an open string that runs to the end of the line', () => {
    const context = contextAt('{"Statement": [{"Condition": {"StringEquals": {"aws:Sec|}}}]}');
    assert.deepEqual(context.slot, { kind: 'condition-key', operator: 'StringEquals' });
    assert.equal(context.span.typed, 'aws:Sec');
    assert.equal(context.span.end, context.offset, 'the rest of the line is not replaced');
  });

  it('keys already followed by a colon replace only the key', () => {
    assert.equal(contextAt('{"Statement": [{"Eff|": "Allow"}]}').keyHasColon, true);
    assert.equal(contextAt('{"Statement": [{"Eff|"}]}').keyHasColon, false);
  });

  it('a comma is needed when another entry follows the insertion', () => {
    assert.equal(contextAt('{"Statement": [{"|"\n "Effect": "Allow"}]}').needsComma, true);
    assert.equal(contextAt('{"Statement": [{"|"}]}').needsComma, false);
  });

  it('policy variables: after $ and ${ in Resource and condition values, not in actions (reference_policies_variables.md)', () => {
    const afterDollar = contextAt('{"Statement": [{"Resource": "arn:aws:s3:::b/$|"}]}');
    assert.deepEqual(afterDollar.variable, { start: afterDollar.offset - 1, end: afterDollar.offset, typed: '$', name: '', closed: false });
    const open = contextAt('{"Statement": [{"Resource": "arn:aws:s3:::b/${aws:us|"}]}');
    assert.equal(open.variable?.name, 'aws:us');
    assert.equal(open.variable?.closed, false);
    const closed = contextAt('{"Statement": [{"Condition": {"StringLike": {"s3:prefix": "home/${aws:u|sername}/*"}}}]}');
    assert.equal(closed.variable?.name, 'aws:username');
    assert.equal(closed.variable?.closed, true);
    assert.equal(contextAt('{"Statement": [{"Action": "s3:${|"}]}').variable, undefined);
  });

  it('finds the statement around the cursor among several', () => {
    const context = contextAt('{"Statement": [{"Sid": "One"}, {"Sid": "Two", "Action": "|"}]}');
    assert.equal(context.statement?.index, 1);
  });

  it('element names typed in the wrong case still give their context', () => {
    assert.deepEqual(slotOf('{"statement": [{"effect": "|"}]}'), { kind: 'effect-value' });
  });

  it('outside any known element there is nothing to offer', () => {
    assert.deepEqual(slotOf('{"Statement": [{"Unknown": "|"}]}'), { kind: 'other' });
    assert.deepEqual(slotOf('{"Id": "|"}'), { kind: 'other' });
  });
});
