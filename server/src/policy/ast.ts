/**
 * The policy AST: a typed, read-only view of one IAM policy document, built on the tolerant
 * JSON tree. Every node keeps its offsets and its LSP range, so diagnostics, hover, the engine's
 * explanations and the CLI all point at the same characters.
 *
 * Grammar: reference_policies_grammar.md and the reference_policies_elements_*.md pages.
 */
import type { Range } from 'vscode-languageserver-types';

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** A JSON value with its place in the text. `value` holds the scalar for string/number/boolean/null. */
export interface JsonValue {
  readonly type: JsonType;
  readonly offset: number;
  readonly length: number;
  readonly range: Range;
  readonly value?: string | number | boolean | null;
  /** For objects: the properties in document order (duplicates kept). */
  readonly properties?: readonly JsonProperty[];
  /** For arrays: the items in document order. */
  readonly items?: readonly JsonValue[];
}

/** A `"key": value` pair. `value` is undefined while the user is still typing (`"Effect":`). */
export interface JsonProperty {
  readonly key: string;
  readonly keyOffset: number;
  readonly keyLength: number;
  readonly keyRange: Range;
  /** Offset of the colon, when there is one: completion uses it to tell key from value position. */
  readonly colonOffset?: number;
  readonly value?: JsonValue;
  /** Range from the key to the end of the value (or the key when there is no value). */
  readonly range: Range;
  readonly offset: number;
  readonly length: number;
}

/** A string taken from the policy, with the range of the string token including its quotes. */
export interface PolicyString {
  readonly value: string;
  readonly node: JsonValue;
}

/** The names of policy elements as AWS spells them (reference_policies_grammar.md). */
export const TOP_LEVEL_ELEMENTS = ['Version', 'Id', 'Statement'] as const;
export const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;
export type TopLevelElementName = (typeof TOP_LEVEL_ELEMENTS)[number];
export type StatementElementName = (typeof STATEMENT_ELEMENTS)[number];

/**
 * A string-or-array-of-strings element such as Action or Resource
 * (reference_policies_elements_action.md, reference_policies_elements_resource.md).
 * `values` are the strings in order; `invalid` are the non-string items or a wrong-typed value.
 */
export interface StringListElement {
  readonly property: JsonProperty;
  readonly form: 'string' | 'array' | 'invalid' | 'missing-value';
  readonly values: readonly PolicyString[];
  readonly invalid: readonly JsonValue[];
}

/** One `"AWS": [...]` / `"Service": "..."` entry of a Principal block (reference_policies_elements_principal.md). */
export interface PrincipalEntry {
  readonly property: JsonProperty;
  readonly type: string;
  readonly values: readonly PolicyString[];
  readonly invalid: readonly JsonValue[];
}

/** `Principal` or `NotPrincipal`: either the string `"*"` or an object of typed entries. */
export interface PrincipalElement {
  readonly property: JsonProperty;
  readonly form: 'wildcard' | 'object' | 'invalid' | 'missing-value';
  /** Set when the value is a plain string (AWS accepts only "*" there). */
  readonly wildcard?: PolicyString;
  readonly entries: readonly PrincipalEntry[];
}

/** A scalar value of a condition; AWS accepts strings, numbers and booleans (reference_policies_elements_condition.md). */
export interface ConditionValue {
  readonly node: JsonValue;
  /** The value as AWS reads it: numbers and booleans are compared as their string form. */
  readonly text: string;
}

export interface ConditionKeyEntry {
  readonly property: JsonProperty;
  readonly key: string;
  readonly form: 'scalar' | 'array' | 'invalid' | 'missing-value';
  readonly values: readonly ConditionValue[];
  readonly invalid: readonly JsonValue[];
}

export interface ConditionOperatorEntry {
  readonly property: JsonProperty;
  readonly operator: string;
  readonly form: 'object' | 'invalid' | 'missing-value';
  readonly keys: readonly ConditionKeyEntry[];
}

export interface ConditionElement {
  readonly property: JsonProperty;
  readonly form: 'object' | 'invalid' | 'missing-value';
  readonly operators: readonly ConditionOperatorEntry[];
}

export interface Statement {
  /** Zero-based position in the Statement array (0 for a single statement object). */
  readonly index: number;
  readonly node: JsonValue;
  readonly sid?: JsonProperty;
  readonly effect?: JsonProperty;
  readonly principal?: PrincipalElement;
  readonly notPrincipal?: PrincipalElement;
  readonly action?: StringListElement;
  readonly notAction?: StringListElement;
  readonly resource?: StringListElement;
  readonly notResource?: StringListElement;
  readonly condition?: ConditionElement;
  /** Every property of the statement object in order, including unknown and duplicate ones. */
  readonly properties: readonly JsonProperty[];
}

/** Something about the JSON shape that the checks report (duplicate keys, wrong types...). */
export type ShapeProblemKind =
  | 'duplicate-key'
  | 'duplicate-key-different-case'
  | 'unknown-element'
  | 'element-case'
  | 'wrong-type';

export interface ShapeProblem {
  readonly kind: ShapeProblemKind;
  /** What the problem is about, for example the element name or the expected type. */
  readonly detail: string;
  readonly range: Range;
  /** The statement it belongs to, when it is inside one. */
  readonly statementIndex?: number;
  /** For element-case: the correctly spelled element name. */
  readonly expected?: string;
}

export interface SyntaxProblem {
  readonly message: string;
  readonly range: Range;
  readonly offset: number;
  readonly length: number;
}

export interface PolicyAst {
  readonly text: string;
  /** The root JSON value; undefined for empty text. */
  readonly root?: JsonValue;
  readonly version?: JsonProperty;
  readonly id?: JsonProperty;
  readonly statementProperty?: JsonProperty;
  /** How `Statement` was written: a single object, an array, missing or something else. */
  readonly statementForm: 'object' | 'array' | 'missing' | 'invalid' | 'missing-value';
  readonly statements: readonly Statement[];
  readonly syntaxProblems: readonly SyntaxProblem[];
  readonly shapeProblems: readonly ShapeProblem[];
  /** Turns an offset into a position; shared by features that compute their own ranges. */
  readonly positionAt: (offset: number) => { line: number; character: number };
}
