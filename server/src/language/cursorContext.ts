/**
 * Where the cursor is in a policy, in IAM terms: a statement key, the value of Effect, an action
 * string, a condition key, inside `${` of a policy variable... Completion and hover both start
 * here.
 *
 * The JSON path comes from jsonc-parser's `getLocation`, which scans the text up to the cursor
 * and so copes with what people have on screen while typing: strings without their closing
 * quote, a missing comma after the previous property, a value not typed yet. The policy AST
 * (parsed once per version) supplies what surrounds the cursor: the statement, the keys already
 * present in the object.
 */
import { createScanner, getLocation, ScanError, SyntaxKind, type JSONPath, type Node } from 'jsonc-parser';
import type { Range } from 'vscode-languageserver-types';
import { parseConditionOperator } from '../policy/conditionOperator';
import {
  STATEMENT_ELEMENTS,
  TOP_LEVEL_ELEMENTS,
  type ConditionOperatorEntry,
  type JsonProperty,
  type JsonValue,
  type PolicyAst,
  type Statement,
} from '../policy/ast';

export type PrincipalElementName = 'Principal' | 'NotPrincipal';
export type ActionElementName = 'Action' | 'NotAction';
export type ResourceElementName = 'Resource' | 'NotResource';

/** What belongs at the cursor. */
export type Slot =
  | { readonly kind: 'empty-document' }
  | { readonly kind: 'top-level-key' }
  | { readonly kind: 'statement-key' }
  | { readonly kind: 'principal-key'; readonly element: PrincipalElementName }
  | { readonly kind: 'condition-operator' }
  | { readonly kind: 'condition-key'; readonly operator: string }
  /** Where a statement object goes: an item of the Statement array. */
  | { readonly kind: 'statement-item' }
  /** The value of Statement itself (`"Statement": |`). */
  | { readonly kind: 'statement-value' }
  | { readonly kind: 'version-value' }
  | { readonly kind: 'effect-value' }
  | { readonly kind: 'sid-value' }
  | { readonly kind: 'action-value'; readonly element: ActionElementName }
  | { readonly kind: 'resource-value'; readonly element: ResourceElementName }
  /** A principal: `principalType` is the AWS/Service/... key, undefined for `"Principal": "*"`. */
  | { readonly kind: 'principal-value'; readonly element: PrincipalElementName; readonly principalType?: string }
  | { readonly kind: 'condition-value'; readonly operator: string; readonly key: string }
  | { readonly kind: 'other' };

/** The text a completion replaces, and what the user typed of it. */
export interface EditSpan {
  /** Where the replaced text starts: after the opening quote inside a string. */
  readonly start: number;
  /** Where it ends: before the closing quote of a string, or the cursor. */
  readonly end: number;
  /** The text from `start` to the cursor. */
  readonly typed: string;
  /** The whole text from `start` to `end` (the full string content when inside a string). */
  readonly value: string;
  /** The cursor is inside a string token (after its opening quote). */
  readonly inString: boolean;
  /** That string has no closing quote yet: insertions must close it. */
  readonly unterminated: boolean;
}

/** A `${...}` policy variable around the cursor, inside a string that may hold one. */
export interface VariableAtCursor {
  /** Offset of the `$`. */
  readonly start: number;
  /** Offset after the closing `}`, or the cursor when there is none yet. */
  readonly end: number;
  /** The text from `$` to the cursor. */
  readonly typed: string;
  /** The name between `${` and `}` (or the cursor). */
  readonly name: string;
  readonly closed: boolean;
}

export interface CursorContext {
  readonly offset: number;
  readonly slot: Slot;
  readonly span: EditSpan;
  /** `span` as an LSP range, shared by every proposal that replaces it. */
  readonly spanRange: Range;
  /** The statement around the cursor, when the AST has one there. */
  readonly statement?: Statement;
  /** Keys already present in the object the cursor's key belongs to, without the key at the cursor. */
  readonly presentKeys: readonly string[];
  /** For key slots: the key at the cursor already has its colon, so only the key text is replaced. */
  readonly keyHasColon: boolean;
  /** Something follows the insertion point without a separating comma. */
  readonly needsComma: boolean;
  /**
   * For keys and statement objects: where the comma missing after the previous value goes
   * (`"Effect": "Allow"⸱ "Act|`), so the inserted entry leaves valid JSON behind.
   */
  readonly commaBefore?: number;
  /** Set when the cursor is in or right after `${` in a Resource or condition value string. */
  readonly variable?: VariableAtCursor;
}

const TOP_LEVEL_BY_LOWER = new Map(TOP_LEVEL_ELEMENTS.map((name) => [name.toLowerCase(), name as string]));
const STATEMENT_BY_LOWER = new Map(STATEMENT_ELEMENTS.map((name) => [name.toLowerCase(), name as string]));

/** The element name AWS spells, for a key typed in any case; completion helps even before a case fix. */
function canonical(segment: string | number | undefined, names: ReadonlyMap<string, string>): string | undefined {
  return typeof segment === 'string' ? names.get(segment.toLowerCase()) : undefined;
}

export function cursorContext(ast: PolicyAst, offset: number): CursorContext {
  const text = ast.text;
  const location = locationInString(ast, offset) ?? getLocation(text, offset);
  const previous = location.previousNode;
  const token = previous && (previous.type === 'string' || previous.type === 'property') ? stringToken(text, previous, offset) : undefined;
  const path = location.path;
  const last = path[path.length - 1];
  // getLocation keeps "at a key" from the last '{' or ',' it saw: after a missing comma it is
  // wrong in both directions, and inside arrays it is meaningless. The token decides instead.
  let atKey = typeof last === 'number' ? false : location.isAtPropertyKey;
  if (previous?.type === 'property' && token) atKey = true;
  else if (previous?.type === 'string' && token) atKey = false;

  const span = token ?? wordSpan(text, offset);
  const slot = classify(ast, path, atKey);
  const statement = findStatement(ast, path, offset);
  const container = atKey ? containerKeys(ast, slot, statement, offset) : [];
  const variable = token && allowsVariables(slot) ? variableAt(text, span, offset) : undefined;
  return {
    offset,
    slot,
    span,
    spanRange: { start: ast.positionAt(span.start), end: ast.positionAt(span.end) },
    statement,
    presentKeys: container,
    keyHasColon: atKey && nextSignificant(text, afterToken(text, span)) === ':',
    needsComma: needsCommaAfter(text, afterToken(text, span), atKey),
    commaBefore: atKey || slot.kind === 'statement-item' ? missingCommaBefore(text, span.inString ? span.start - 1 : span.start) : undefined,
    variable,
  };
}

function classify(ast: PolicyAst, path: JSONPath, atKey: boolean): Slot {
  if (path.length === 0) return /^\s*$/.test(ast.text) ? { kind: 'empty-document' } : { kind: 'other' };
  if (path.length === 1) {
    if (atKey) return { kind: 'top-level-key' };
    const element = canonical(path[0], TOP_LEVEL_BY_LOWER);
    if (element === 'Version') return { kind: 'version-value' };
    if (element === 'Statement') return { kind: 'statement-value' };
    return { kind: 'other' };
  }
  if (canonical(path[0], TOP_LEVEL_BY_LOWER) !== 'Statement') return { kind: 'other' };
  if (typeof path[1] === 'number') {
    if (path.length === 2) return { kind: 'statement-item' };
    return classifyInStatement(path.slice(2), atKey);
  }
  // "Statement": { ... }: a single statement object. With an array value the path has an index.
  if (ast.statementForm === 'array') return { kind: 'other' };
  return classifyInStatement(path.slice(1), atKey);
}

function classifyInStatement(path: JSONPath, atKey: boolean): Slot {
  if (path.length === 1 && atKey) return { kind: 'statement-key' };
  const element = canonical(path[0], STATEMENT_BY_LOWER);
  if (!element) return { kind: 'other' };
  const rest = path.slice(1);
  switch (element) {
    case 'Effect':
      return rest.length === 0 ? { kind: 'effect-value' } : { kind: 'other' };
    case 'Sid':
      return rest.length === 0 ? { kind: 'sid-value' } : { kind: 'other' };
    case 'Action':
    case 'NotAction':
      return isListItem(rest) ? { kind: 'action-value', element } : { kind: 'other' };
    case 'Resource':
    case 'NotResource':
      return isListItem(rest) ? { kind: 'resource-value', element } : { kind: 'other' };
    case 'Principal':
    case 'NotPrincipal': {
      if (rest.length === 0) return { kind: 'principal-value', element };
      if (typeof rest[0] !== 'string') return { kind: 'other' };
      if (rest.length === 1) return atKey ? { kind: 'principal-key', element } : { kind: 'principal-value', element, principalType: rest[0] };
      return rest.length === 2 && typeof rest[1] === 'number' ? { kind: 'principal-value', element, principalType: rest[0] } : { kind: 'other' };
    }
    case 'Condition': {
      if (rest.length === 1 && atKey) return { kind: 'condition-operator' };
      if (rest.length < 2 || typeof rest[0] !== 'string' || typeof rest[1] !== 'string') return { kind: 'other' };
      const [operator, key] = rest as [string, string];
      if (rest.length === 2) return atKey ? { kind: 'condition-key', operator } : { kind: 'condition-value', operator, key };
      return rest.length === 3 && typeof rest[2] === 'number' ? { kind: 'condition-value', operator, key } : { kind: 'other' };
    }
    default:
      return { kind: 'other' };
  }
}

interface TokenLocation {
  readonly path: JSONPath;
  readonly previousNode: Pick<Node, 'type' | 'offset' | 'length'>;
  readonly isAtPropertyKey: boolean;
}

/**
 * The common case without scanning the text: the cursor inside a closed string (a key or a
 * value) that the AST has, found by descending the tree (binary search in long arrays).
 * getLocation scans everything before the cursor, which on a 200 KB policy costs milliseconds
 * per keystroke; it remains the answer for the half-typed cases this does not settle.
 */
function locationInString(ast: PolicyAst, offset: number): TokenLocation | undefined {
  const path: JSONPath = [];
  const inside = (start: number, length: number) => offset > start && offset < start + length;
  const closed = (start: number, length: number) => length >= 2 && ast.text[start + length - 1] === '"' && ast.text[start + length - 2] !== '\\';
  let node = ast.root;
  while (node) {
    if (node.type === 'string') {
      return inside(node.offset, node.length) && closed(node.offset, node.length) ? { path, previousNode: node, isAtPropertyKey: false } : undefined;
    }
    if (node.type === 'object') {
      const property = node.properties?.find((candidate) => offset >= candidate.offset && offset <= candidate.offset + candidate.length);
      if (!property) return undefined;
      path.push(property.key);
      if (inside(property.keyOffset, property.keyLength)) {
        return closed(property.keyOffset, property.keyLength)
          ? { path, previousNode: { type: 'property', offset: property.keyOffset, length: property.keyLength }, isAtPropertyKey: true }
          : undefined;
      }
      node = property.value;
      continue;
    }
    if (node.type === 'array') {
      const items = node.items ?? [];
      let low = 0;
      let high = items.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (items[middle].offset <= offset) low = middle;
        else high = middle - 1;
      }
      const item = items[low];
      if (!item || offset < item.offset || offset > item.offset + item.length) return undefined;
      path.push(low);
      node = item;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** `"Action": "..."` or one item of `"Action": [...]`. */
function isListItem(rest: JSONPath): boolean {
  return rest.length === 0 || (rest.length === 1 && typeof rest[0] === 'number');
}

function allowsVariables(slot: Slot): boolean {
  // reference_policies_variables.md: "You can use policy variables in the Resource element and
  // in string comparisons in the Condition element" (string and ARN operators only).
  if (slot.kind === 'resource-value') return true;
  return slot.kind === 'condition-value' && parseConditionOperator(slot.operator)?.base.acceptsVariables !== false;
}

/** The string token at the cursor, when the cursor is after its opening quote and not past its end. */
function stringToken(text: string, node: Node, offset: number): EditSpan | undefined {
  if (offset <= node.offset) return undefined;
  const scanner = createScanner(text, false);
  scanner.setPosition(node.offset);
  const kind = scanner.scan();
  if (kind !== SyntaxKind.StringLiteral) return undefined;
  const unterminated = scanner.getTokenError() === ScanError.UnexpectedEndOfString;
  const tokenEnd = scanner.getTokenOffset() + scanner.getTokenLength();
  const contentEnd = unterminated ? tokenEnd : tokenEnd - 1;
  if (offset > contentEnd) return undefined;
  const start = node.offset + 1;
  // An open string runs to the end of the line: only what is before the cursor is the user's.
  const end = unterminated ? offset : contentEnd;
  return { start, end, typed: text.slice(start, offset), value: text.slice(start, end), inString: true, unterminated };
}

/** Outside strings: the bare word being typed (`Al|`), possibly empty. */
function wordSpan(text: string, offset: number): EditSpan {
  let start = offset;
  while (start > 0 && /[\w:*.-]/.test(text[start - 1])) start--;
  const typed = text.slice(start, offset);
  return { start, end: offset, typed, value: typed, inString: false, unterminated: false };
}

/** The offset after the token the span belongs to (past the closing quote of a terminated string). */
function afterToken(text: string, span: EditSpan): number {
  return span.inString && !span.unterminated && text[span.end] === '"' ? span.end + 1 : span.end;
}

function nextSignificant(text: string, from: number): string | undefined {
  for (let at = from; at < text.length; at++) {
    if (!/\s/.test(text[at])) return text[at];
  }
  return undefined;
}

/** A key or value starts after the insertion without a comma between: the insertion must add one. */
function needsCommaAfter(text: string, from: number, atKey: boolean): boolean {
  let at = from;
  while (at < text.length && /\s/.test(text[at])) at++;
  if (atKey && text[at] === ':') return false;
  return text[at] === '"' || text[at] === '{' || text[at] === '[';
}

/** After a value that ends right before `from` (across white space), with no comma: the offset for one. */
function missingCommaBefore(text: string, from: number): number | undefined {
  let at = from - 1;
  while (at >= 0 && /\s/.test(text[at])) at--;
  return at >= 0 && /["}\]\w]/.test(text[at]) ? at + 1 : undefined;
}

function contains(node: JsonValue, offset: number): boolean {
  return offset > node.offset && offset <= node.offset + node.length;
}

function findStatement(ast: PolicyAst, path: JSONPath, offset: number): Statement | undefined {
  const byOffset = ast.statements.find((statement) => contains(statement.node, offset));
  if (byOffset) return byOffset;
  if (typeof path[1] === 'number') return ast.statements.find((statement) => statement.index === path[1]);
  return ast.statementForm === 'object' ? ast.statements[0] : undefined;
}

/** Keys of the object the key at the cursor goes into, leaving out the key being typed. */
function containerKeys(ast: PolicyAst, slot: Slot, statement: Statement | undefined, offset: number): string[] {
  let properties: readonly JsonProperty[] = [];
  switch (slot.kind) {
    case 'top-level-key':
      properties = ast.root?.properties ?? [];
      break;
    case 'statement-key':
      properties = statement?.properties ?? [];
      break;
    case 'principal-key': {
      const principal = slot.element === 'Principal' ? statement?.principal : statement?.notPrincipal;
      properties = principal?.entries.map((entry) => entry.property) ?? [];
      break;
    }
    case 'condition-operator':
      properties = statement?.condition?.operators.map((operator) => operator.property) ?? [];
      break;
    case 'condition-key':
      properties = operatorAt(statement, offset)?.keys.map((key) => key.property) ?? [];
      break;
    default:
      return [];
  }
  return properties.filter((property) => !(offset >= property.keyOffset && offset <= property.keyOffset + property.keyLength)).map((property) => property.key);
}

/** The condition operator block that contains the offset. */
function operatorAt(statement: Statement | undefined, offset: number): ConditionOperatorEntry | undefined {
  return statement?.condition?.operators.find((operator) => operator.property.value && contains(operator.property.value, offset));
}

/**
 * A policy variable at the cursor: after an unclosed `${`, inside a closed `${...}`, or right
 * after a `$` just typed (the `$` trigger character).
 */
function variableAt(text: string, span: EditSpan, offset: number): VariableAtCursor | undefined {
  const before = span.typed;
  const open = before.lastIndexOf('${');
  if (open >= 0 && before.indexOf('}', open) < 0) {
    const start = span.start + open;
    const rest = text.slice(offset, span.end);
    const close = rest.indexOf('}');
    const nextOpen = rest.indexOf('${');
    const closed = close >= 0 && (nextOpen < 0 || close < nextOpen);
    const end = closed ? offset + close + 1 : offset;
    return { start, end, typed: text.slice(start, offset), name: text.slice(start + 2, closed ? end - 1 : offset), closed };
  }
  if (before.endsWith('$')) {
    return { start: offset - 1, end: offset, typed: '$', name: '', closed: false };
  }
  return undefined;
}
