/**
 * A policy that is already a JavaScript value (a request file's inline policy, a document from
 * an account export, a managed policy) -> the policy AST the compiler reads, without going
 * back to text. Same model as policy/parse.ts (element names case-sensitive, non-object
 * statements skipped and not counted, non-string entries kept as invalid) but without ranges:
 * every node shares an empty range, as there is no text to point into.
 */
import type {
  ConditionElement,
  ConditionKeyEntry,
  ConditionValue,
  JsonProperty,
  JsonType,
  JsonValue,
  PolicyAst,
  PolicyString,
  PrincipalElement,
  Statement,
  StringListElement,
} from '../policy/ast';

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const JSON_TYPES: readonly JsonType[] = ['object', 'array', 'string', 'number', 'boolean', 'null'];
/** Nodes without a value are all alike: one per type, shared (they are read-only). */
const SHARED_NODES = Object.fromEntries(JSON_TYPES.map((type) => [type, { type, offset: 0, length: 0, range: ZERO }])) as Record<JsonType, JsonValue>;

function node(type: JsonType, value?: JsonValue['value']): JsonValue {
  return value === undefined ? SHARED_NODES[type] : { type, offset: 0, length: 0, range: ZERO, value };
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : (typeof value as JsonType);
}

function property(key: string, value: unknown): JsonProperty {
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
  return { key, keyOffset: 0, keyLength: 0, keyRange: ZERO, value: node(typeOf(value), scalar), range: ZERO, offset: 0, length: 0 };
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const NO_PROBLEMS: readonly never[] = [];
const positionAt = () => ({ line: 0, character: 0 });

export function policyFromJson(document: unknown): PolicyAst {
  if (!isObject(document)) return { text: '', statementForm: 'missing', statements: [], syntaxProblems: NO_PROBLEMS, shapeProblems: NO_PROBLEMS, positionAt };
  const statementValue = document.Statement;
  const items = Array.isArray(statementValue) ? statementValue : isObject(statementValue) ? [statementValue] : [];
  const statements: Statement[] = [];
  for (const item of items) if (isObject(item)) statements.push(statementFromJson(item, statements.length));
  return {
    text: '',
    syntaxProblems: NO_PROBLEMS,
    shapeProblems: NO_PROBLEMS,
    positionAt,
    root: node('object'),
    version: 'Version' in document ? property('Version', document.Version) : undefined,
    id: 'Id' in document ? property('Id', document.Id) : undefined,
    statementProperty: statementValue === undefined ? undefined : property('Statement', statementValue),
    statementForm: statementValue === undefined ? 'missing' : Array.isArray(statementValue) ? 'array' : isObject(statementValue) ? 'object' : 'invalid',
    statements,
  };
}

function statementFromJson(item: Record<string, unknown>, index: number): Statement {
  const has = (name: string) => Object.prototype.hasOwnProperty.call(item, name);
  const list = (name: string) => (has(name) ? stringList(name, item[name]) : undefined);
  const principal = (name: string) => (has(name) ? principalElement(name, item[name]) : undefined);
  return {
    index,
    node: node('object'),
    sid: has('Sid') ? property('Sid', item.Sid) : undefined,
    effect: has('Effect') ? property('Effect', item.Effect) : undefined,
    principal: principal('Principal'),
    notPrincipal: principal('NotPrincipal'),
    action: list('Action'),
    notAction: list('NotAction'),
    resource: list('Resource'),
    notResource: list('NotResource'),
    condition: has('Condition') ? condition(item.Condition) : undefined,
    properties: [],
  };
}

function policyString(value: string): PolicyString {
  return { value, node: node('string') };
}

function stringList(name: string, value: unknown): StringListElement {
  const prop = property(name, value);
  if (typeof value === 'string') return { property: prop, form: 'string', values: [policyString(value)], invalid: [] };
  if (!Array.isArray(value)) return { property: prop, form: 'invalid', values: [], invalid: [node(typeOf(value))] };
  const values: PolicyString[] = [];
  const invalid: JsonValue[] = [];
  for (const entry of value) {
    if (typeof entry === 'string') values.push(policyString(entry));
    else invalid.push(node(typeOf(entry)));
  }
  return { property: prop, form: 'array', values, invalid };
}

function principalElement(name: string, value: unknown): PrincipalElement {
  const prop = property(name, value);
  if (typeof value === 'string') return { property: prop, form: 'wildcard', wildcard: policyString(value), entries: [] };
  if (!isObject(value)) return { property: prop, form: 'invalid', entries: [] };
  const entries = Object.entries(value).map(([type, entry]) => {
    const list = stringList(type, entry);
    return { property: list.property, type, values: list.values, invalid: list.invalid };
  });
  return { property: prop, form: 'object', entries };
}

function conditionValue(value: unknown): ConditionValue | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? { node: node(typeOf(value)), text: String(value) } : undefined;
}

function condition(value: unknown): ConditionElement {
  const prop = property('Condition', value);
  if (!isObject(value)) return { property: prop, form: 'invalid', operators: [] };
  const operators = Object.entries(value).map(([operator, block]) => {
    if (!isObject(block)) return { property: property(operator, block), operator, form: 'invalid' as const, keys: [] };
    const keys = Object.entries(block).map(([key, raw]): ConditionKeyEntry => {
      if (Array.isArray(raw)) {
        const values = raw.map(conditionValue);
        return { property: property(key, raw), key, form: 'array', values: values.filter((v): v is ConditionValue => !!v), invalid: raw.filter((_, i) => !values[i]).map((v) => node(typeOf(v))) };
      }
      const scalar = conditionValue(raw);
      return scalar ? { property: property(key, raw), key, form: 'scalar', values: [scalar], invalid: [] } : { property: property(key, raw), key, form: 'invalid', values: [], invalid: [node(typeOf(raw))] };
    });
    return { property: property(operator, block), operator, form: 'object' as const, keys };
  });
  return { property: prop, form: 'object', operators };
}
