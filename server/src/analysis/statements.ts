/**
 * Statements that repeat another statement: same effect, principals, actions, resources and
 * conditions (the Sid aside). One of them can go; keeping both invites editing one and not the
 * other. Source: access-analyzer-reference-policy-checks.md (Redundant statement),
 * reference_policies_elements_statement.md.
 */
import type { PrincipalElement, Statement, StringListElement } from '../policy/ast';
import { STATEMENT_ELEMENTS } from '../policy/ast';
import { removeArrayItem } from './fixEdits';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';

const KNOWN_ELEMENTS = new Set<string>(STATEMENT_ELEMENTS);

const checks: CheckInfo[] = [
  {
    code: 'REDUNDANT_STATEMENT',
    severity: 'suggestion',
    summary: 'A statement grants or denies exactly what an earlier statement does.',
    accessAnalyzerTitle: 'Redundant statement',
    docs: accessAnalyzerDocs('suggestion', 'Redundant statement'),
  },
];

export const statementChecks: CheckFamily = {
  name: 'statements',
  checks,
  run({ ast }, report) {
    if (ast.statements.length < 2) return;
    const items = ast.statementForm === 'array' ? (ast.statementProperty?.value?.items ?? []) : [];
    // Only statements that agree on effect, elements and value counts can be equal; the full key
    // (sorted values of long action lists) is computed for those alone. The shape itself is
    // built only for statements whose rough size (effect, element count, value count) repeats.
    const roughly = ast.statements.map(roughShapeOf);
    const sameRoughShape = new Map<string, number>();
    for (const rough of roughly) sameRoughShape.set(rough, (sameRoughShape.get(rough) ?? 0) + 1);
    const shapes = ast.statements.map((statement, index) => ((sameRoughShape.get(roughly[index]) ?? 0) < 2 ? undefined : shapeOf(statement)));
    const sameShape = new Map<string | undefined, number>();
    for (const shape of shapes) if (shape !== undefined) sameShape.set(shape, (sameShape.get(shape) ?? 0) + 1);
    const firstWithKey = new Map<string, Statement>();
    for (const [index, statement] of ast.statements.entries()) {
      if ((sameShape.get(shapes[index]) ?? 0) < 2) continue;
      const key = statementKey(statement);
      if (key === undefined) continue;
      const earlier = firstWithKey.get(key);
      if (!earlier) {
        firstWithKey.set(key, statement);
        continue;
      }
      const position = items.indexOf(statement.node);
      const start = statement.node.range.start;
      report('REDUNDANT_STATEMENT', {
        range: { start, end: { line: start.line, character: start.character + 1 } },
        statementIndex: statement.index,
        message: `${label(statement)} repeats ${label(earlier).toLowerCase()}: both have the same effect, principals, actions, resources and conditions. Remove one of them.`,
        fixes: position >= 0 ? [{ title: `Remove ${label(statement).toLowerCase()}`, edits: [removeArrayItem(ast, items, position)] }] : undefined,
      });
    }
  },
};

/** What shapeOf summarises, summed up: statements of one shape have the same rough shape. */
function roughShapeOf(statement: Statement): string {
  const effect = statement.effect?.value?.type === 'string' ? String(statement.effect.value.value) : '';
  let elements = 0;
  let values = 0;
  for (const property of statement.properties) {
    if (property.key === 'Sid') continue;
    elements += 1;
    values += property.value?.items?.length ?? property.value?.properties?.length ?? 1;
  }
  return `${effect}|${elements}|${values}`;
}

/**
 * A cheap summary that equal statements share: effect, elements other than Sid, how many values
 * each has, and the least action and resource (in statementKey's terms: actions in lower case),
 * which do not depend on the order of the entries. Most statements of a policy have the same
 * elements and counts; their least entries set them apart without building their keys.
 */
function shapeOf(statement: Statement): string {
  const effect = statement.effect?.value?.type === 'string' ? String(statement.effect.value.value) : '';
  const elements = statement.properties
    .filter((property) => property.key !== 'Sid')
    .map((property) => `${property.key}:${property.value?.items?.length ?? property.value?.properties?.length ?? 1}`);
  const least = [statement.action, statement.notAction, statement.resource, statement.notResource].map((element, index) => leastValue(element, index < 2));
  return `${effect}|${elements.sort().join(',')}|${least.join('|')}`;
}

/** The least value of the list (of its lower-cased values, with `lowerCase`); '' for none. */
function leastValue(element: StringListElement | undefined, lowerCase: boolean): string {
  let least: string | undefined;
  for (const { value } of element?.values ?? []) {
    const compared = lowerCase ? value.toLowerCase() : value;
    if (least === undefined || compared < least) least = compared;
  }
  return least ?? '';
}

function label(statement: Statement): string {
  const sid = statement.sid?.value?.type === 'string' ? String(statement.sid.value.value) : '';
  return sid ? `Statement "${sid}"` : `Statement ${statement.index + 1}`;
}

/**
 * What the statement means, as a string; undefined when it has anything this comparison cannot
 * read (unknown elements, wrongly typed values), so such statements are never called equal.
 * Action names are case-insensitive (reference_policies_elements_action.md); resources and
 * principals are compared as written.
 */
function statementKey(statement: Statement): string | undefined {
  if (statement.properties.some((property) => !KNOWN_ELEMENTS.has(property.key))) return undefined;
  const effect = statement.effect?.value;
  if (effect?.type !== 'string') return undefined;
  const parts: string[] = [String(effect.value)];
  for (const [name, element, lower] of [
    ['Action', statement.action, true],
    ['NotAction', statement.notAction, true],
    ['Resource', statement.resource, false],
    ['NotResource', statement.notResource, false],
  ] as const) {
    const list = listKey(element, lower);
    if (list === null) return undefined;
    if (list !== undefined) parts.push(`${name}=${list}`);
  }
  for (const [name, element] of [
    ['Principal', statement.principal],
    ['NotPrincipal', statement.notPrincipal],
  ] as const) {
    const principal = principalKey(element);
    if (principal === null) return undefined;
    if (principal !== undefined) parts.push(`${name}=${principal}`);
  }
  if (statement.condition) {
    if (statement.condition.form !== 'object') return undefined;
    const operators: string[] = [];
    for (const operator of statement.condition.operators) {
      if (operator.form !== 'object') return undefined;
      const keys: string[] = [];
      for (const key of operator.keys) {
        if (key.invalid.length > 0 || key.form === 'invalid' || key.form === 'missing-value') return undefined;
        keys.push(`${key.key.toLowerCase()}:${JSON.stringify(sortedUnique(key.values.map((value) => value.text)))}`);
      }
      operators.push(`${operator.operator.toLowerCase()}{${keys.sort().join(',')}}`);
    }
    parts.push(`Condition=${operators.sort().join(',')}`);
  }
  return parts.join('|');
}

/** undefined: element absent; null: unreadable. */
function listKey(element: StringListElement | undefined, lowerCase: boolean): string | null | undefined {
  if (!element) return undefined;
  if (element.form === 'invalid' || element.form === 'missing-value' || element.invalid.length > 0) return null;
  return JSON.stringify(sortedUnique(element.values.map((value) => (lowerCase ? value.value.toLowerCase() : value.value))));
}

function principalKey(element: PrincipalElement | undefined): string | null | undefined {
  if (!element) return undefined;
  if (element.form === 'wildcard') return JSON.stringify(element.wildcard?.value);
  if (element.form !== 'object') return null;
  const entries: string[] = [];
  for (const entry of element.entries) {
    if (entry.invalid.length > 0) return null;
    entries.push(`${entry.type}:${JSON.stringify(sortedUnique(entry.values.map((value) => value.value)))}`);
  }
  return entries.sort().join(',');
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
