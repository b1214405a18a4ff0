/**
 * The Condition element: operators compiled once, evaluated against a request context.
 *
 * Rules, all from the User Guide:
 * - Several operators, and several keys under one operator, are ANDed; several values for one
 *   key are ORed; for negated operators the values work "like a logical AND" (the key must
 *   match none of them) (reference_policies_multi-value-conditions.md).
 * - A key absent from the request makes the condition false, "If the policy condition requires
 *   that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not
 *   present, the condition is true", except for ...IfExists and Null
 *   (reference_policies_elements_condition_operators.md).
 * - ...IfExists: "If the key is not present, evaluate the condition element as true".
 * - ForAllValues is true when every request value matches a policy value, and "also returns true
 *   if there are no keys in the request, or if the key values resolve to a null data set, such
 *   as an empty string"; ForAnyValue needs one matching value and "For no matching key or a null
 *   dataset, the condition returns false" (reference_policies_multi-value-conditions.md).
 * - Without a set operator a multivalued request value does not match: "Multivalued condition
 *   keys require condition set operators" (reference_policies_single-vs-multi-valued-condition-keys.md).
 * - Variables work with the String and ARN operators and Bool (operators page); not with
 *   Numeric, Date, Binary, IpAddress or Null.
 */
import type { ConditionElement } from '../policy/ast';
import { findSetOperator, parseConditionOperator, type BaseConditionOperator, type OperatorComparison, type SetOperator } from '../policy/conditionOperator';
import { compileArnValuePattern, compileTemplate, splitValue } from '../policy/match';
import { parseTemplate, type VariableResolver } from '../policy/variables';
import type { RequestContext } from './context';
import type { MismatchReason } from './types';
import { decodeBase64, parseBool, parseCidr, parseDate, parseIpAddress, parseNumber, rangeContains } from './conditionValues';

export interface ParsedOperator {
  /** The operator's family and comparison, from the one table of operators (policy/conditionOperator.ts). */
  readonly base: BaseConditionOperator;
  readonly set: 'none' | SetOperator;
  readonly ifExists: boolean;
}

/**
 * "ForAnyValue:StringLikeIfExists" -> its parts; a message when it is not an operator IAM
 * evaluates. Names are read whatever their case, as policy/conditionOperator.ts reads them.
 */
export function parseOperator(text: string): ParsedOperator | { readonly problem: string } {
  const parsed = parseConditionOperator(text);
  if (!parsed) {
    const prefix = text.includes(':') ? text.slice(0, text.indexOf(':')) : undefined;
    if (prefix !== undefined && !findSetOperator(prefix)) return { problem: `"${text}": "${prefix}" is not ForAllValues or ForAnyValue.` };
    return { problem: `"${text}" is not a condition operator.` };
  }
  // "You can add IfExists to the end of any condition operator name except the Null condition".
  if (parsed.nullWithIfExists) return { problem: `"${text}": Null cannot take IfExists.` };
  if (parsed.nullWithSetOperator) return { problem: `"${text}": Null tests whether a key exists; it takes no set operator.` };
  return { base: parsed.base, set: parsed.setOperator ?? 'none', ifExists: parsed.ifExists };
}

/** One policy value tested against one request value: undefined when the request value cannot be read for the family. */
type ValueTest = (requestValue: string, resolve: VariableResolver) => boolean | undefined;

export interface CompiledCondition {
  readonly operator: string;
  readonly key: string;
  readonly lowerKey: string;
  readonly values: readonly string[];
  /** Why it cannot be evaluated: unknown operator, unreadable value... */
  readonly problem?: MismatchReason;
  readonly parsed?: ParsedOperator;
  readonly tests: readonly ValueTest[];
  /** The reason reported when the condition is false, written once. */
  readonly falseReason: MismatchReason;
}

/** True, false, or why it cannot be evaluated. */
export type ConditionOutcome = boolean | MismatchReason;

function reason(operator: string, key: string, values: readonly string[], message: string): MismatchReason {
  return { element: 'condition', key: key || undefined, operator: operator || undefined, values, message };
}

export function compileConditions(element: ConditionElement, variablesEnabled: boolean): CompiledCondition[] {
  const make = (operator: string, key: string, values: readonly string[], rest: { parsed?: ParsedOperator; tests?: ValueTest[]; problem?: string }): CompiledCondition => ({
    operator,
    key,
    lowerKey: key.toLowerCase(),
    values,
    parsed: rest.parsed,
    tests: rest.tests ?? [],
    problem: rest.problem === undefined ? undefined : reason(operator, key, values, rest.problem),
    falseReason: reason(operator, key, values, `${operator} on ${key} is false for this request.`),
  });
  if (element.form !== 'object') return [make('', '', [], { problem: 'The Condition element is not an object of condition operators.' })];
  const conditions: CompiledCondition[] = [];
  for (const operatorEntry of element.operators) {
    const operator = operatorEntry.operator;
    if (operatorEntry.form !== 'object') {
      conditions.push(make(operator, '', [], { problem: `The value of "${operator}" is not an object of condition keys.` }));
      continue;
    }
    const parsed = parseOperator(operator);
    for (const keyEntry of operatorEntry.keys) {
      const values = keyEntry.values.map((value) => value.text);
      if ('problem' in parsed) conditions.push(make(operator, keyEntry.key, values, { problem: parsed.problem }));
      else if (keyEntry.form === 'invalid' || keyEntry.form === 'missing-value' || keyEntry.invalid.length > 0) {
        conditions.push(make(operator, keyEntry.key, values, { parsed, problem: `"${keyEntry.key}" has values that are not strings, numbers or booleans.` }));
      } else conditions.push(make(operator, keyEntry.key, values, { parsed, ...compileValues(parsed.base, values, variablesEnabled) }));
    }
  }
  return conditions;
}

function compileValues(base: BaseConditionOperator, values: readonly string[], variablesEnabled: boolean): { tests: ValueTest[]; problem?: string } {
  const tests: ValueTest[] = [];
  for (const value of values) {
    const test = compileValue(base, value, variablesEnabled);
    if (typeof test === 'string') return { tests: [], problem: `${base.name}: ${test}` };
    tests.push(test);
  }
  return { tests };
}

function compileValue(base: BaseConditionOperator, value: string, variablesEnabled: boolean): ValueTest | string {
  switch (base.family) {
    case 'String': {
      const matches = compileTemplate(parseTemplate(value, variablesEnabled), {
        ignoreCase: base.comparison === 'equalsIgnoreCase',
        wildcards: base.comparison === 'like',
      });
      return (requestValue, resolve) => matches(requestValue, resolve);
    }
    case 'ARN': {
      const matches = compileArnValuePattern(value, variablesEnabled);
      return (requestValue, resolve) => matches(splitValue(requestValue), resolve);
    }
    case 'Numeric': {
      const number = parseNumber(value);
      if (number === undefined) return `"${value}" is not a number.`;
      return orderedTest(base.comparison, number, parseNumber);
    }
    case 'Date': {
      const date = parseDate(value);
      if (date === undefined) return `"${value}" is not an ISO 8601 date or an epoch time.`;
      return orderedTest(base.comparison, date, lastValue(parseDate));
    }
    case 'Boolean': {
      const pieces = parseTemplate(value, variablesEnabled);
      if (pieces.length === 1 && pieces[0].kind === 'pattern' && parseBool(value) === undefined) return `"${value}" is not true or false.`;
      const matches = compileTemplate(pieces, { ignoreCase: true, wildcards: false });
      return (requestValue, resolve) => (parseBool(requestValue) === undefined ? undefined : matches(requestValue, resolve));
    }
    case 'Binary': {
      const bytes = decodeBase64(value);
      if (bytes === undefined) return `"${value}" is not base-64 encoded.`;
      return (requestValue) => {
        const requestBytes = decodeBase64(requestValue);
        return requestBytes === undefined ? undefined : requestBytes === bytes;
      };
    }
    case 'IPAddress': {
      const range = parseCidr(value);
      if (!range) return `"${value}" is not an IPv4 or IPv6 address or CIDR block.`;
      const address = lastValue(parseIpAddress);
      return (requestValue) => {
        const parsed = address(requestValue);
        return parsed === undefined ? undefined : rangeContains(range, parsed);
      };
    }
    case 'Null': {
      const expected = parseBool(value);
      if (expected === undefined) return `"${value}" is not true or false.`;
      return () => expected;
    }
  }
}

/** `parse` remembering its last answer: the same request value meets every statement that tests the key. */
function lastValue<T>(parse: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let last: T;
  return (text) => {
    if (text !== lastText) {
      last = parse(text);
      lastText = text;
    }
    return last;
  };
}

function orderedTest(comparison: OperatorComparison, policy: number, parse: (text: string) => number | undefined): ValueTest {
  return (requestValue) => {
    const request = parse(requestValue);
    if (request === undefined) return undefined;
    switch (comparison) {
      case 'lessThan':
        return request < policy;
      case 'lessThanEquals':
        return request <= policy;
      case 'greaterThan':
        return request > policy;
      case 'greaterThanEquals':
        return request >= policy;
      default:
        return request === policy;
    }
  };
}

export function evaluateCondition(condition: CompiledCondition, context: RequestContext): ConditionOutcome {
  const { parsed } = condition;
  if (condition.problem || !parsed) return condition.problem ?? reason(condition.operator, condition.key, condition.values, 'Cannot be evaluated.');
  const value = context.get(condition.key, condition.lowerKey);
  if (parsed.base.family === 'Null') {
    // Null: `true` means the key is absent ("it is null"); an empty string or list is a null value
    // (reference_policies_elements_condition.md, the request context).
    const isNull = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    return condition.tests.some((test) => test('', context.resolveVariable) === isNull);
  }
  if (value === undefined) {
    if (parsed.ifExists) return true;
    if (parsed.set === 'ForAllValues') return true;
    if (parsed.set === 'ForAnyValue') return false;
    return parsed.base.negated;
  }
  if (parsed.set === 'none') return typeof value === 'string' ? testOne(condition, parsed, value, context) : false;
  const set: readonly string[] = typeof value === 'string' ? (value === '' ? [] : [value]) : value;
  const wantAll = parsed.set === 'ForAllValues';
  for (const requestValue of set) {
    const outcome = testOne(condition, parsed, requestValue, context);
    if (typeof outcome !== 'boolean') return outcome;
    if (outcome !== wantAll) return !wantAll;
  }
  return wantAll;
}

/** One request value against all policy values: any matches (OR), negated: none matches. */
function testOne(condition: CompiledCondition, parsed: ParsedOperator, requestValue: string, context: RequestContext): ConditionOutcome {
  let matched = false;
  for (const test of condition.tests) {
    const result = test(requestValue, context.resolveVariable);
    if (result === undefined) {
      return reason(condition.operator, condition.key, condition.values, `The request value "${requestValue}" of ${condition.key} cannot be compared with ${parsed.base.name}.`);
    }
    if (result) {
      matched = true;
      break;
    }
  }
  return parsed.base.negated ? !matched : matched;
}
