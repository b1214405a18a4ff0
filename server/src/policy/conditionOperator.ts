/**
 * Condition operator names, read the way IAM reads them
 * (reference_policies_elements_condition_operators.md, reference_policies_multi-value-conditions.md):
 * an optional set operator prefix (`ForAllValues:` / `ForAnyValue:`), a base operator and an
 * optional `IfExists` suffix. IAM rejects a wrongly cased name ("Invalid Condition type :
 * stringEquals"), so the parse ignores case to understand what was meant and reports whether
 * the spelling is the canonical one. Null takes neither IfExists ("You can add IfExists to the
 * end of any condition operator name except the Null condition") nor, sensibly, a set operator
 * (Access Analyzer: "Null with qualifier"); both are still parsed so checks can name them.
 */

/** Operator families as the operators page groups them. */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Boolean' | 'Binary' | 'IPAddress' | 'ARN' | 'Null';

export type OperatorComparison =
  | 'equals'
  | 'equalsIgnoreCase'
  | 'like'
  | 'lessThan'
  | 'lessThanEquals'
  | 'greaterThan'
  | 'greaterThanEquals'
  | 'inRange'
  | 'exists';

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** What the values of an operator must be. */
export type OperatorValueType = 'string' | 'number' | 'date' | 'boolean' | 'base64' | 'ipRange' | 'arn';

export interface BaseConditionOperator {
  /** Canonical spelling: "StringNotEqualsIgnoreCase". */
  readonly name: string;
  readonly family: OperatorFamily;
  readonly comparison: OperatorComparison;
  /** StringNotEquals, NotIpAddress, ArnNotLike...: true when the key matches none of the values. */
  readonly negated: boolean;
  /** `*` and `?` in values are wildcards (StringLike, StringNotLike and all ARN operators). */
  readonly wildcards: boolean;
  readonly valueType: OperatorValueType;
  /**
   * Policy variables are allowed in the values: "You can use a policy variable for Condition
   * values in any condition that involves the string operators or the ARN operators"
   * (reference_policies_variables.md; Access Analyzer "Invalid variable for operator").
   */
  readonly acceptsVariables: boolean;
}

type Row = [name: string, family: OperatorFamily, comparison: OperatorComparison, negated: boolean, wildcards: boolean];

// prettier-ignore
const ROWS: Row[] = [
  ['StringEquals', 'String', 'equals', false, false],
  ['StringNotEquals', 'String', 'equals', true, false],
  ['StringEqualsIgnoreCase', 'String', 'equalsIgnoreCase', false, false],
  ['StringNotEqualsIgnoreCase', 'String', 'equalsIgnoreCase', true, false],
  ['StringLike', 'String', 'like', false, true],
  ['StringNotLike', 'String', 'like', true, true],
  ['NumericEquals', 'Numeric', 'equals', false, false],
  ['NumericNotEquals', 'Numeric', 'equals', true, false],
  ['NumericLessThan', 'Numeric', 'lessThan', false, false],
  ['NumericLessThanEquals', 'Numeric', 'lessThanEquals', false, false],
  ['NumericGreaterThan', 'Numeric', 'greaterThan', false, false],
  ['NumericGreaterThanEquals', 'Numeric', 'greaterThanEquals', false, false],
  ['DateEquals', 'Date', 'equals', false, false],
  ['DateNotEquals', 'Date', 'equals', true, false],
  ['DateLessThan', 'Date', 'lessThan', false, false],
  ['DateLessThanEquals', 'Date', 'lessThanEquals', false, false],
  ['DateGreaterThan', 'Date', 'greaterThan', false, false],
  ['DateGreaterThanEquals', 'Date', 'greaterThanEquals', false, false],
  ['Bool', 'Boolean', 'equals', false, false],
  ['BinaryEquals', 'Binary', 'equals', false, false],
  ['IpAddress', 'IPAddress', 'inRange', false, false],
  ['NotIpAddress', 'IPAddress', 'inRange', true, false],
  // "The ArnEquals and ArnLike condition operators behave identically": both take wildcards.
  ['ArnEquals', 'ARN', 'like', false, true],
  ['ArnLike', 'ARN', 'like', false, true],
  ['ArnNotEquals', 'ARN', 'like', true, true],
  ['ArnNotLike', 'ARN', 'like', true, true],
  ['Null', 'Null', 'exists', false, false],
];

const VALUE_TYPES: Record<OperatorFamily, OperatorValueType> = {
  String: 'string',
  Numeric: 'number',
  Date: 'date',
  Boolean: 'boolean',
  Binary: 'base64',
  IPAddress: 'ipRange',
  ARN: 'arn',
  Null: 'boolean',
};

export const BASE_CONDITION_OPERATORS: readonly BaseConditionOperator[] = ROWS.map(([name, family, comparison, negated, wildcards]) => ({
  name,
  family,
  comparison,
  negated,
  wildcards,
  valueType: VALUE_TYPES[family],
  acceptsVariables: family === 'String' || family === 'ARN',
}));

const BASE_BY_LOWER_NAME = new Map(BASE_CONDITION_OPERATORS.map((operator) => [operator.name.toLowerCase(), operator]));
export const SET_OPERATORS: readonly SetOperator[] = ['ForAllValues', 'ForAnyValue'];

/** "forallvalues" -> ForAllValues: a set operator name in any case, or undefined. */
export function findSetOperator(name: string): SetOperator | undefined {
  const lower = name.toLowerCase();
  return SET_OPERATORS.find((candidate) => candidate.toLowerCase() === lower);
}
const IF_EXISTS = 'IfExists';

export interface ParsedConditionOperator {
  /** As written in the policy. */
  readonly text: string;
  readonly setOperator?: SetOperator;
  readonly base: BaseConditionOperator;
  readonly ifExists: boolean;
  /** The name spelled as AWS spells it; differs from `text` only in case. */
  readonly canonical: string;
  /** `Null` with IfExists or a set operator: understood, but not a valid operator for AWS (IfExists) or pointless (set). */
  readonly nullWithIfExists: boolean;
  readonly nullWithSetOperator: boolean;
}

/** "ForAnyValue:stringlikeifexists" -> its parts; undefined when the name is no operator at all. */
export function parseConditionOperator(text: string): ParsedConditionOperator | undefined {
  let rest = text;
  let setOperator: SetOperator | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    setOperator = findSetOperator(rest.slice(0, colon));
    if (!setOperator) return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.length > IF_EXISTS.length && rest.toLowerCase().endsWith(IF_EXISTS.toLowerCase())) {
    ifExists = true;
    rest = rest.slice(0, -IF_EXISTS.length);
  }
  const base = BASE_BY_LOWER_NAME.get(rest.toLowerCase());
  if (!base) return undefined;
  const isNull = base.family === 'Null';
  return {
    text,
    setOperator,
    base,
    ifExists,
    canonical: operatorName(base, setOperator, ifExists),
    nullWithIfExists: isNull && ifExists,
    nullWithSetOperator: isNull && setOperator !== undefined,
  };
}

/** The canonical name of an operator built from its parts. */
export function operatorName(base: BaseConditionOperator, setOperator: SetOperator | undefined, ifExists: boolean): string {
  return `${setOperator ? `${setOperator}:` : ''}${base.name}${ifExists ? IF_EXISTS : ''}`;
}

/** Whether AWS accepts the operator as written (case included). */
export function isValidConditionOperator(parsed: ParsedConditionOperator): boolean {
  return parsed.text === parsed.canonical && !parsed.nullWithIfExists;
}

/**
 * Every operator name worth writing, set operators and IfExists included, for completion and
 * "did you mean". Null appears bare only: AWS rejects NullIfExists and Access Analyzer advises
 * against Null with a set operator.
 */
export function conditionOperatorNames(): readonly string[] {
  allNames ??= BASE_CONDITION_OPERATORS.flatMap((base) =>
    [undefined, ...SET_OPERATORS].flatMap((set) =>
      base.family === 'Null' ? (set ? [] : [base.name]) : [operatorName(base, set, false), operatorName(base, set, true)],
    ),
  );
  return allNames;
}
let allNames: readonly string[] | undefined;

/** The same operator in another family or comparison, keeping the set operator and IfExists. */
export function withBase(parsed: ParsedConditionOperator, base: BaseConditionOperator): string {
  return operatorName(base, parsed.setOperator, parsed.ifExists && base.family !== 'Null');
}

export function findBaseOperator(name: string): BaseConditionOperator | undefined {
  return BASE_BY_LOWER_NAME.get(name.toLowerCase());
}

/**
 * Whether the condition is true for a request that lacks the key: IfExists is ("If the key is not
 * present, evaluate the condition element as true"), ForAllValues is ("It also returns true if
 * there are no keys in the request"), ForAnyValue is not, and otherwise only negated operators
 * are ("If the policy condition requires that the key is not matched ... the condition is true").
 * Null depends on its value, so undefined.
 */
export function trueWhenKeyMissing(parsed: ParsedConditionOperator): boolean | undefined {
  if (parsed.base.family === 'Null') return undefined;
  if (parsed.ifExists) return true;
  if (parsed.setOperator === 'ForAllValues') return true;
  if (parsed.setOperator === 'ForAnyValue') return false;
  return parsed.base.negated;
}
