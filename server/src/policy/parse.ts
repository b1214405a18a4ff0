/**
 * Text -> PolicyAst. The JSON layer reads as jsonc-parser's tolerant tree does (the same scanner
 * VS Code's JSON support uses; see jsonTree.ts), so a half-typed document still yields every
 * element that exists. On top of it we build the IAM model of reference_policies_grammar.md and
 * record, rather than reject, everything the checks want to report: duplicate keys, keys that
 * differ only by case, unknown elements and wrong JSON types.
 */
import type { Range } from 'vscode-languageserver-types';
import {
  STATEMENT_ELEMENTS,
  TOP_LEVEL_ELEMENTS,
  type ConditionElement,
  type ConditionKeyEntry,
  type ConditionOperatorEntry,
  type ConditionValue,
  type JsonProperty,
  type JsonValue,
  type PolicyAst,
  type PolicyString,
  type PrincipalElement,
  type PrincipalEntry,
  type ShapeProblem,
  type Statement,
  type StringListElement,
  type SyntaxProblem,
} from './ast';
import { readJsonTree, type JsonError, type JsonTree } from './jsonTree';
import { createLineIndex, type LineIndex } from './lineIndex';

const TOP_LEVEL = new Set<string>(TOP_LEVEL_ELEMENTS);
const IN_STATEMENT = new Set<string>(STATEMENT_ELEMENTS);
const TOP_LEVEL_BY_LOWER = new Map(TOP_LEVEL_ELEMENTS.map((name) => [name.toLowerCase(), name]));
const STATEMENT_BY_LOWER = new Map(STATEMENT_ELEMENTS.map((name) => [name.toLowerCase(), name]));

/** Deeper than any real policy; protects the recursive conversion from pathological input. */
const MAX_DEPTH = 64;

export function parsePolicy(text: string): PolicyAst {
  const lines = createLineIndex(text);
  let tree: JsonTree;
  try {
    // Trailing commas are parsed leniently and reported once each (below): hand-written policies
    // often have them, and the strict parse would bury the one real mistake under a cascade.
    tree = readJsonTree(text, lines, MAX_DEPTH);
  } catch (error) {
    // The reader recurses per nesting level; absurd nesting (tens of thousands of brackets)
    // overflows the stack. Report it instead of losing the server.
    if (!(error instanceof RangeError)) throw error;
    return new AstBuilder(lines).policy(text, undefined, [
      { message: 'The document is nested too deeply to be read as JSON.', offset: 0, length: 0, range: lines.range(0, 0) },
    ]);
  }
  const syntaxProblems: SyntaxProblem[] = tree.errors.map((error) => ({
    message: describeParseError(error, text),
    offset: error.offset,
    length: error.length,
    range: lines.range(error.offset, error.length),
  }));
  for (const offset of trailingCommas(text, tree)) {
    syntaxProblems.push({
      message: `JSON does not allow a comma before '${text[nextNonSpace(text, offset + 1)]}'. Remove the comma.`,
      offset,
      length: 1,
      range: lines.range(offset, 1),
    });
  }
  syntaxProblems.sort((a, b) => a.offset - b.offset);
  if (tree.tooDeep) {
    syntaxProblems.push({
      message: `The document nests deeper than ${MAX_DEPTH} levels; deeper values are ignored.`,
      offset: 0,
      length: 0,
      range: lines.range(0, 0),
    });
  }
  return new AstBuilder(lines).policy(text, tree.root, syntaxProblems);
}

/** Offsets of commas directly followed (across white space) by a closing brace or bracket, outside strings. */
function trailingCommas(text: string, tree: JsonTree): readonly number[] {
  // Without errors, every comma outside strings is a token and only JSON white space can come
  // between it and the next token, so the reader's list is the whole answer. Otherwise error
  // recovery skipped tokens (and comments or stray characters may hold commas): read the text.
  if (tree.errors.length === 0) return tree.trailingCommas;
  const found: number[] = [];
  const pattern = /,\s*[}\]]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (tree.insideString(match.index)) continue;
    found.push(match.index);
  }
  return found;
}

function nextNonSpace(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

function describeParseError(error: JsonError, text: string): string {
  return describeJsonError(error.code, text.slice(error.offset, error.offset + Math.min(error.length, 20)));
}

/**
 * A person's wording for a JSON syntax error, by jsonc-parser's error name; `at` is the text at
 * the error. Shared by the policy parser and the account export loader.
 */
export function describeJsonError(code: string, at: string): string {
  switch (code) {
    case 'InvalidSymbol':
      return `Unexpected ${at ? `'${at}'` : 'character'}: JSON expects a value, a key in double quotes, or punctuation here.`;
    case 'InvalidNumberFormat':
      return `'${at}' is not a valid JSON number.`;
    case 'PropertyNameExpected':
      return 'A key in double quotes was expected.';
    case 'ValueExpected':
      return 'A value was expected.';
    case 'ColonExpected':
      return "A colon (':') was expected after the key.";
    case 'CommaExpected':
      return "A comma (',') was expected between entries.";
    case 'CloseBraceExpected':
      return "A closing brace ('}') was expected.";
    case 'CloseBracketExpected':
      return "A closing bracket (']') was expected.";
    case 'EndOfFileExpected':
      return 'Text after the end of the JSON document.';
    case 'InvalidCommentToken':
      return 'Comments are not allowed in policy documents.';
    case 'UnexpectedEndOfComment':
      return 'A comment is not closed.';
    case 'UnexpectedEndOfString':
      return 'A string is not closed: a closing double quote (") is missing.';
    case 'UnexpectedEndOfNumber':
      return 'A number is incomplete.';
    case 'InvalidUnicode':
      return 'Invalid unicode escape sequence in a string.';
    case 'InvalidEscapeCharacter':
      return 'Invalid escape sequence in a string.';
    case 'InvalidCharacter':
      return 'A control character must be escaped inside a string.';
    default:
      return 'JSON syntax error.';
  }
}

class AstBuilder {
  private readonly shape: ShapeProblem[] = [];

  constructor(private readonly lines: LineIndex) {}

  policy(text: string, root: JsonValue | undefined, syntaxProblems: SyntaxProblem[]): PolicyAst {
    const positionAt = (offset: number) => this.lines.position(offset);
    if (!root || root.type !== 'object') {
      if (root) this.wrongType(root, 'The policy document must be a JSON object.');
      return { text, root, statementForm: 'missing', statements: [], syntaxProblems, shapeProblems: this.shape, positionAt };
    }
    const properties = root.properties ?? [];
    this.recordDuplicates(properties, undefined);
    const first = this.firstByName(properties, TOP_LEVEL, TOP_LEVEL_BY_LOWER, undefined);
    const version = first.get('Version');
    const id = first.get('Id');
    const statementProperty = first.get('Statement');
    if (version?.value && version.value.type !== 'string') this.wrongType(version.value, 'Version must be a string.');
    if (id?.value && id.value.type !== 'string') this.wrongType(id.value, 'Id must be a string.');

    let statementForm: PolicyAst['statementForm'] = 'missing';
    const statements: Statement[] = [];
    const statementValue = statementProperty?.value;
    if (statementProperty && !statementValue) {
      statementForm = 'missing-value';
    } else if (statementValue?.type === 'object') {
      statementForm = 'object';
      statements.push(this.statement(statementValue, 0));
    } else if (statementValue?.type === 'array') {
      statementForm = 'array';
      for (const item of statementValue.items ?? []) {
        if (item.type === 'object') statements.push(this.statement(item, statements.length));
        else this.wrongType(item, 'Each entry of Statement must be an object.');
      }
    } else if (statementValue) {
      statementForm = 'invalid';
      this.wrongType(statementValue, 'Statement must be an object or an array of objects.');
    }
    return {
      text,
      root,
      version,
      id,
      statementProperty,
      statementForm,
      statements,
      syntaxProblems,
      shapeProblems: this.shape,
      positionAt,
    };
  }

  private statement(node: JsonValue, index: number): Statement {
    const properties = node.properties ?? [];
    this.recordDuplicates(properties, index);
    const first = this.firstByName(properties, IN_STATEMENT, STATEMENT_BY_LOWER, index);
    const sid = first.get('Sid');
    const effect = first.get('Effect');
    if (sid?.value && sid.value.type !== 'string') this.wrongType(sid.value, 'Sid must be a string.', index);
    if (effect?.value && effect.value.type !== 'string') this.wrongType(effect.value, 'Effect must be the string "Allow" or "Deny".', index);
    const listOf = (name: string) => {
      const property = first.get(name);
      return property ? this.stringList(property, index) : undefined;
    };
    const principalOf = (name: string) => {
      const property = first.get(name);
      return property ? this.principal(property, index) : undefined;
    };
    const conditionProperty = first.get('Condition');
    return {
      index,
      node,
      sid,
      effect,
      principal: principalOf('Principal'),
      notPrincipal: principalOf('NotPrincipal'),
      action: listOf('Action'),
      notAction: listOf('NotAction'),
      resource: listOf('Resource'),
      notResource: listOf('NotResource'),
      condition: conditionProperty ? this.condition(conditionProperty, index) : undefined,
      properties,
    };
  }

  /** A string or an array of strings (Action, Resource and their Not forms, principal values). */
  private stringList(property: JsonProperty, statementIndex: number): StringListElement {
    const { value } = property;
    if (!value) return { property, form: 'missing-value', values: [], invalid: [] };
    if (value.type === 'string') return { property, form: 'string', values: [policyString(value)], invalid: [] };
    if (value.type === 'array') {
      const items = value.items ?? [];
      // Mapped when it can be: an array of the exact size, where pushing reserves room for 16.
      if (items.every(isString)) return { property, form: 'array', values: items.map(policyString), invalid: [] };
      const values: PolicyString[] = [];
      const invalid: JsonValue[] = [];
      for (const item of items) {
        if (item.type === 'string') values.push(policyString(item));
        else {
          invalid.push(item);
          this.wrongType(item, `Each entry of ${property.key} must be a string.`, statementIndex);
        }
      }
      return { property, form: 'array', values, invalid };
    }
    this.wrongType(value, `${property.key} must be a string or an array of strings.`, statementIndex);
    return { property, form: 'invalid', values: [], invalid: [value] };
  }

  private principal(property: JsonProperty, statementIndex: number): PrincipalElement {
    const { value } = property;
    if (!value) return { property, form: 'missing-value', entries: [] };
    if (value.type === 'string') return { property, form: 'wildcard', wildcard: policyString(value), entries: [] };
    if (value.type !== 'object') {
      this.wrongType(value, `${property.key} must be "*" or an object such as {"AWS": "..."}.`, statementIndex);
      return { property, form: 'invalid', entries: [] };
    }
    const properties = value.properties ?? [];
    this.recordDuplicates(properties, statementIndex);
    const entries: PrincipalEntry[] = properties.map((entry) => {
      const list = this.stringList(entry, statementIndex);
      return { property: entry, type: entry.key, values: list.values, invalid: list.invalid };
    });
    return { property, form: 'object', entries };
  }

  private condition(property: JsonProperty, statementIndex: number): ConditionElement {
    const { value } = property;
    if (!value) return { property, form: 'missing-value', operators: [] };
    if (value.type !== 'object') {
      this.wrongType(value, 'Condition must be an object of condition operators.', statementIndex);
      return { property, form: 'invalid', operators: [] };
    }
    const operatorProperties = value.properties ?? [];
    this.recordDuplicates(operatorProperties, statementIndex);
    const operators: ConditionOperatorEntry[] = operatorProperties.map((operatorProperty) => {
      const block = operatorProperty.value;
      if (!block) return { property: operatorProperty, operator: operatorProperty.key, form: 'missing-value', keys: [] };
      if (block.type !== 'object') {
        this.wrongType(block, `The value of ${operatorProperty.key} must be an object of condition keys.`, statementIndex);
        return { property: operatorProperty, operator: operatorProperty.key, form: 'invalid', keys: [] };
      }
      const keyProperties = block.properties ?? [];
      this.recordDuplicates(keyProperties, statementIndex);
      return {
        property: operatorProperty,
        operator: operatorProperty.key,
        form: 'object',
        keys: keyProperties.map((keyProperty) => this.conditionKey(keyProperty, statementIndex)),
      };
    });
    return { property, form: 'object', operators };
  }

  private conditionKey(property: JsonProperty, statementIndex: number): ConditionKeyEntry {
    const { value } = property;
    if (!value) return { property, key: property.key, form: 'missing-value', values: [], invalid: [] };
    if (value.type === 'array') {
      const items = value.items ?? [];
      // Mapped when it can be, as in stringList.
      if (items.every(isScalar)) return { property, key: property.key, form: 'array', values: items.map(scalarValue), invalid: [] };
      const values: ConditionValue[] = [];
      const invalid: JsonValue[] = [];
      for (const item of items) {
        const scalar = conditionValue(item);
        if (scalar) values.push(scalar);
        else {
          invalid.push(item);
          this.wrongType(item, 'Condition values must be strings, numbers or booleans.', statementIndex);
        }
      }
      return { property, key: property.key, form: 'array', values, invalid };
    }
    const scalar = conditionValue(value);
    if (scalar) return { property, key: property.key, form: 'scalar', values: [scalar], invalid: [] };
    this.wrongType(value, 'A condition value must be a string, number, boolean or an array of them.', statementIndex);
    return { property, key: property.key, form: 'invalid', values: [], invalid: [value] };
  }

  /**
   * Picks the first property of each known element and records unknown keys. A key that matches
   * an element only when case is ignored ("effect") is reported with the right spelling, because
   * AWS reads element names case-sensitively and rejects the document.
   */
  private firstByName(
    properties: readonly JsonProperty[],
    known: ReadonlySet<string>,
    byLower: ReadonlyMap<string, string>,
    statementIndex: number | undefined,
  ): Map<string, JsonProperty> {
    const first = new Map<string, JsonProperty>();
    for (const property of properties) {
      if (known.has(property.key)) {
        if (!first.has(property.key)) first.set(property.key, property);
        continue;
      }
      const expected = byLower.get(property.key.toLowerCase());
      this.shape.push({
        kind: expected ? 'element-case' : 'unknown-element',
        detail: property.key,
        expected,
        range: property.keyRange,
        statementIndex,
      });
    }
    return first;
  }

  /** Same key twice in one object, or the same key in different case (Access Analyzer: "Duplicate keys with different case"). */
  private recordDuplicates(properties: readonly JsonProperty[], statementIndex: number | undefined): void {
    if (properties.length < 2) return;
    const seen = new Map<string, JsonProperty>();
    for (const property of properties) {
      const lower = property.key.toLowerCase();
      const earlier = seen.get(lower);
      if (!earlier) {
        seen.set(lower, property);
        continue;
      }
      this.shape.push({
        kind: earlier.key === property.key ? 'duplicate-key' : 'duplicate-key-different-case',
        detail: property.key,
        expected: earlier.key,
        range: property.keyRange,
        statementIndex,
      });
    }
  }

  private wrongType(node: JsonValue, detail: string, statementIndex?: number): void {
    this.shape.push({ kind: 'wrong-type', detail, range: node.range, statementIndex });
  }
}

function isString(node: JsonValue): boolean {
  return node.type === 'string';
}

function policyString(node: JsonValue): PolicyString {
  return { value: String(node.value), node };
}

/** The JSON types a condition value may have. */
function isScalar(node: JsonValue): boolean {
  return node.type === 'string' || node.type === 'number' || node.type === 'boolean';
}

function scalarValue(node: JsonValue): ConditionValue {
  return { node, text: String(node.value) };
}

function conditionValue(node: JsonValue): ConditionValue | undefined {
  return isScalar(node) ? scalarValue(node) : undefined;
}

export type { Range };
