/**
 * Condition operators in words, on top of policy/conditionOperator.ts (which reads the names
 * and knows the semantics the checks and the engine use): what each operator compares, what
 * happens when the key is missing, what values look like, and where the User Guide explains
 * it. Source: reference_policies_elements_condition_operators.md and, for the set operators,
 * reference_policies_multi-value-conditions.md.
 */
import type { ConditionKeyType } from '../catalog/types';
import {
  BASE_CONDITION_OPERATORS,
  findSetOperator,
  parseConditionOperator,
  SET_OPERATORS,
  trueWhenKeyMissing,
  type BaseConditionOperator,
  type OperatorFamily,
  type ParsedConditionOperator,
  type SetOperator,
} from '../policy/conditionOperator';

export { BASE_CONDITION_OPERATORS as CONDITION_OPERATORS, findSetOperator, parseConditionOperator, SET_OPERATORS, type BaseConditionOperator, type OperatorFamily, type SetOperator };

export const OPERATOR_DOCS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';
export const MULTI_VALUE_DOCS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html';

interface FamilyDoc {
  readonly title: string;
  readonly anchor: string;
  /** What a policy value of this family looks like. */
  readonly values: string;
}

const FAMILY_DOCS: Readonly<Record<OperatorFamily, FamilyDoc>> = {
  String: { title: 'String', anchor: 'Conditions_String', values: 'strings' },
  Numeric: { title: 'Numeric', anchor: 'Conditions_Numeric', values: 'integers or decimal numbers' },
  Date: { title: 'Date', anchor: 'Conditions_Date', values: 'dates in a W3C implementation of ISO 8601 (2024-01-01T00:00:00Z) or epoch (UNIX) time' },
  Boolean: { title: 'Boolean', anchor: 'Conditions_Boolean', values: '"true" or "false"' },
  Binary: { title: 'Binary', anchor: 'Conditions_BinaryEquals', values: 'base-64 encoded binary values, compared byte for byte' },
  IPAddress: { title: 'IP address', anchor: 'Conditions_IPAddress', values: 'IPv4 or IPv6 addresses in CIDR notation (203.0.113.0/24); without a prefix IAM uses /32' },
  ARN: { title: 'ARN', anchor: 'Conditions_ARN', values: 'ARNs; each of the six colon-separated parts is matched on its own' },
  Null: { title: 'Null', anchor: 'Conditions_Null', values: '"true" (the key must be absent) or "false" (the key must be present)' },
};

/** The operators page's description of each operator. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  StringEquals: 'Exact matching, case sensitive.',
  StringNotEquals: 'Negated matching.',
  StringEqualsIgnoreCase: 'Exact matching, ignoring case.',
  StringNotEqualsIgnoreCase: 'Negated matching, ignoring case.',
  StringLike: 'Case-sensitive matching. The values can include * (any run of characters) and ? (any one character) anywhere in the string; a partial match needs a wildcard.',
  StringNotLike: 'Negated case-sensitive matching. The values can include * and ? wildcards anywhere in the string.',
  NumericEquals: 'Matching.',
  NumericNotEquals: 'Negated matching.',
  NumericLessThan: '"Less than" matching.',
  NumericLessThanEquals: '"Less than or equals" matching.',
  NumericGreaterThan: '"Greater than" matching.',
  NumericGreaterThanEquals: '"Greater than or equals" matching.',
  DateEquals: 'Matching a specific date.',
  DateNotEquals: 'Negated matching.',
  DateLessThan: 'Matching before a specific date and time.',
  DateLessThanEquals: 'Matching at or before a specific date and time.',
  DateGreaterThan: 'Matching after a specific date and time.',
  DateGreaterThanEquals: 'Matching at or after a specific date and time.',
  Bool: 'Boolean matching.',
  BinaryEquals: 'Compares the value of the key byte for byte against a base-64 encoded representation of the binary value in the policy.',
  IpAddress: 'The specified IP address or range.',
  NotIpAddress: 'All IP addresses except the specified IP address or range.',
  ArnEquals: 'Case-sensitive matching of the ARN. Each of the six colon-delimited components is checked separately and each can include * and ? wildcards. ArnEquals and ArnLike behave identically.',
  ArnLike: 'Case-sensitive matching of the ARN. Each of the six colon-delimited components is checked separately and each can include * and ? wildcards. ArnEquals and ArnLike behave identically.',
  ArnNotEquals: 'Negated matching for ARN. ArnNotEquals and ArnNotLike behave identically.',
  ArnNotLike: 'Negated matching for ARN. ArnNotEquals and ArnNotLike behave identically.',
  Null: 'Checks whether the condition key is absent at the time of authorization.',
};

export function operatorDescription(base: BaseConditionOperator): string {
  return DESCRIPTIONS[base.name] ?? '';
}

export function familyTitle(family: OperatorFamily): string {
  return FAMILY_DOCS[family].title;
}

export function familyValues(family: OperatorFamily): string {
  return FAMILY_DOCS[family].values;
}

/** Which operator families compare a key of this type (ARN keys also work with string operators). */
export function familiesForKeyType(type: ConditionKeyType): readonly OperatorFamily[] {
  switch (type) {
    case 'String':
    case 'ArrayOfString':
      return ['String'];
    case 'ARN':
    case 'ArrayOfARN':
      return ['ARN', 'String'];
    case 'Bool':
    case 'ArrayOfBool':
      return ['Boolean'];
    case 'Date':
      return ['Date'];
    case 'Numeric':
      return ['Numeric'];
    case 'IPAddress':
      return ['IPAddress'];
  }
}

/** What the operator does with a key the request does not have, in words (trueWhenKeyMissing decides). */
export function missingKeyBehaviour(parsed: ParsedConditionOperator): string {
  const result = trueWhenKeyMissing(parsed);
  if (result === undefined) return 'Null tests for the key itself: `"true"` matches when the key is missing, `"false"` when it is present.';
  const outcome = `the condition is **${result}**`;
  if (parsed.ifExists) return `IfExists: when the key is missing ${outcome}; when it is present the key is compared as the operator says.`;
  if (parsed.setOperator === 'ForAllValues') {
    return `ForAllValues: when the key is missing or its values resolve to an empty set ${outcome}, so it needs another condition to require the key. Do not use it with "Allow" without one.`;
  }
  if (parsed.setOperator === 'ForAnyValue') return `ForAnyValue: when the key is missing or its values resolve to an empty set ${outcome}.`;
  return result
    ? `When the key is missing ${outcome}: a negated operator matches an absent key.`
    : `When the key is missing ${outcome}: the values do not match.`;
}

export function operatorDocsUrl(parsed: ParsedConditionOperator): string {
  if (parsed.setOperator) return `${MULTI_VALUE_DOCS_URL}#reference_policies_multi-key-or-value-conditions`;
  if (parsed.ifExists) return `${OPERATOR_DOCS_URL}#Conditions_IfExists`;
  return `${OPERATOR_DOCS_URL}#${FAMILY_DOCS[parsed.base.family].anchor}`;
}
