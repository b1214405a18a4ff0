/**
 * Policy variables: malformed `${...}`, variables where AWS does not replace them (elements
 * other than Resource, NotResource and Condition values; operators other than String and ARN;
 * policies without "Version": "2012-10-17").
 * Sources: reference_policies_variables.md ("Where you can use policy variables", "Specifying
 * default values", "Special characters"), reference_policies_elements_version.md,
 * access-analyzer-reference-policy-checks.md.
 */
import { VALID_VERSIONS } from './structure';
import type { JsonValue, PolicyAst, Statement } from '../policy/ast';
import { parseConditionOperator } from '../policy/conditionOperator';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import type { FixData } from './finding';
import { insertFirstProperty, replaceWith } from './fixEdits';
import { replaceVariable, scanVariables, type ScannedVariable, type VariableProblemKind } from './variablesSyntax';
import { isConditionKeyPattern } from '../catalog/conditionKeyName';

const checks: CheckInfo[] = [
  {
    code: 'MISSING_BRACE_IN_VARIABLE',
    severity: 'error',
    summary: 'A policy variable without its closing brace.',
    accessAnalyzerTitle: 'Missing brace in variable',
    docs: accessAnalyzerDocs('error', 'Missing brace in variable'),
  },
  {
    code: 'MISSING_QUOTE_IN_VARIABLE',
    severity: 'error',
    summary: "A policy variable's default value without its single quotes.",
    accessAnalyzerTitle: 'Missing quote in variable',
    docs: accessAnalyzerDocs('error', 'Missing quote in variable'),
  },
  {
    code: 'UNSUPPORTED_SPACE_IN_VARIABLE',
    severity: 'error',
    summary: 'White space inside a policy variable name.',
    accessAnalyzerTitle: 'Unsupported space in variable',
    docs: accessAnalyzerDocs('error', 'Unsupported space in variable'),
  },
  {
    code: 'EMPTY_VARIABLE',
    severity: 'error',
    summary: 'An empty policy variable, ${}.',
    accessAnalyzerTitle: 'Empty variable',
    docs: accessAnalyzerDocs('error', 'Empty variable'),
  },
  {
    code: 'VARIABLE_UNSUPPORTED_IN_ELEMENT',
    severity: 'error',
    summary: 'A policy variable in Action, NotAction, Principal or NotPrincipal, where AWS does not replace it.',
    accessAnalyzerTitle: 'Variable unsupported in element',
    docs: accessAnalyzerDocs('error', 'Variable unsupported in element'),
  },
  {
    code: 'VARIABLE_UNSUPPORTED_IN_VERSION',
    severity: 'error',
    summary: 'A policy variable in a policy without "Version": "2012-10-17", where it is literal text.',
    accessAnalyzerTitle: 'Variable unsupported in version',
    docs: accessAnalyzerDocs('error', 'Variable unsupported in version'),
  },
  {
    code: 'INVALID_VARIABLE_FOR_OPERATOR',
    severity: 'error',
    summary: 'A policy variable in the value of an operator other than String and ARN operators.',
    accessAnalyzerTitle: 'Invalid variable for operator',
    docs: accessAnalyzerDocs('error', 'Invalid variable for operator'),
  },
];

type Report = Parameters<CheckFamily['run']>[1];

const PROBLEM_CODES: Record<VariableProblemKind, string> = {
  'missing-brace': 'MISSING_BRACE_IN_VARIABLE',
  'missing-quote': 'MISSING_QUOTE_IN_VARIABLE',
  space: 'UNSUPPORTED_SPACE_IN_VARIABLE',
  empty: 'EMPTY_VARIABLE',
};

interface PlacedString {
  readonly node: JsonValue;
  readonly value: string;
  readonly statement: Statement;
  readonly place: 'resource' | 'condition' | 'unsupported';
  readonly element: string;
  /** For condition values: the operator, when variables are not allowed with it. */
  readonly rejectingOperator?: string;
}

export const variableChecks: CheckFamily = {
  name: 'policy variables',
  checks,
  run({ ast, catalog }, report) {
    const isKnownName = (name: string) => {
      const global = catalog.getGlobalConditionKey(name);
      return !!global && !isConditionKeyPattern(global.name);
    };
    // Computed when a variable first needs it: most policies have none.
    let versionFix: FixData | undefined | null = null;
    let versionReported = false;
    for (const statement of ast.statements) {
      for (const placed of placedStrings(statement)) {
        const variables = scanVariables(placed.value, isKnownName);
        if (variables.length === 0) continue;
        for (const variable of variables) reportSyntax(ast, placed, variable, report);
        const first = variables[0];
        // Most variables are where they work and get no finding: their range is worked out for a finding only.
        const range = () => variableRange(ast, placed, first);
        const statementIndex = statement.index;
        if (placed.place === 'unsupported') {
          report('VARIABLE_UNSUPPORTED_IN_ELEMENT', {
            range: range(),
            statementIndex,
            message: `Policy variables are replaced only in Resource, NotResource and Condition values; in ${placed.element} ${placed.value.slice(first.start, first.end)} is literal text. Remove the variable from this element.`,
          });
          continue;
        }
        if (placed.rejectingOperator) {
          report('INVALID_VARIABLE_FOR_OPERATOR', {
            range: range(),
            statementIndex,
            message: `${placed.rejectingOperator} cannot use the policy variable ${placed.value.slice(first.start, first.end)}: variables work only with String and ARN operators. Use a literal value or a String operator.`,
          });
        }
        if (versionFix === null) versionFix = variablesVersionFix(ast);
        if (versionFix && !versionReported && variables.some((variable) => variable.closed && !variable.problem)) {
          versionReported = true;
          report('VARIABLE_UNSUPPORTED_IN_VERSION', {
            range: range(),
            statementIndex,
            message: `${placed.value.slice(first.start, first.end)} is literal text unless the policy has "Version": "2012-10-17", the version that introduced policy variables. Set the Version.`,
            fixes: [versionFix],
          });
        }
      }
    }
  },
};

function reportSyntax(ast: PolicyAst, placed: PlacedString, variable: ScannedVariable, report: Report): void {
  if (!variable.problem) return;
  const text = placed.value.slice(variable.start, variable.end);
  const messages: Record<VariableProblemKind, string> = {
    'missing-brace': `The policy variable ${text} has no closing brace. Add } after the variable name.`,
    'missing-quote': `The default value of ${text} must be in single quotes after a comma and a space, as in \${aws:PrincipalTag/team, 'company-wide'}.`,
    space: `${text} has white space in the variable name, which AWS does not allow. Remove the space.`,
    empty: `${text} is an empty policy variable. Remove it or write a variable name inside the braces.`,
  };
  const replacement = variable.problem === 'empty' ? '' : variable.repaired;
  const fixes: FixData[] | undefined =
    replacement !== undefined
      ? [replaceWith(placed.node.range, replaceVariable(placed.value, variable, replacement), replacement === '' ? `Remove ${text}` : `Change to ${replacement}`)]
      : undefined;
  report(PROBLEM_CODES[variable.problem], {
    range: variableRange(ast, placed, variable),
    statementIndex: placed.statement.index,
    message: messages[variable.problem],
    fixes,
  });
}

/** The variable's characters in the document when the string has no escapes; else the whole string. */
function variableRange(ast: PolicyAst, placed: PlacedString, variable: ScannedVariable): JsonValue['range'] {
  const raw = ast.text.slice(placed.node.offset + 1, placed.node.offset + placed.node.length - 1);
  if (raw !== placed.value) return placed.node.range;
  const start = placed.node.offset + 1 + variable.start;
  return { start: ast.positionAt(start), end: ast.positionAt(placed.node.offset + 1 + variable.end) };
}

/** Every string of the statement that holds "${" (a variable could be written there), with where it is. */
function placedStrings(statement: Statement): PlacedString[] {
  const strings: PlacedString[] = [];
  for (const list of [statement.resource, statement.notResource]) {
    for (const { node, value } of list?.values ?? []) if (value.includes('${')) strings.push({ node, value, statement, place: 'resource', element: list!.property.key });
  }
  for (const list of [statement.action, statement.notAction]) {
    for (const { node, value } of list?.values ?? []) if (value.includes('${')) strings.push({ node, value, statement, place: 'unsupported', element: list!.property.key });
  }
  for (const principal of [statement.principal, statement.notPrincipal]) {
    if (!principal) continue;
    if (principal.wildcard?.value.includes('${')) strings.push({ node: principal.wildcard.node, value: principal.wildcard.value, statement, place: 'unsupported', element: principal.property.key });
    for (const entry of principal.entries) {
      for (const { node, value } of entry.values) if (value.includes('${')) strings.push({ node, value, statement, place: 'unsupported', element: principal.property.key });
    }
  }
  for (const operator of statement.condition?.operators ?? []) {
    let rejectingOperator: string | undefined | null = null;
    for (const key of operator.keys) {
      for (const value of key.values) {
        if (value.node.type !== 'string' || !value.text.includes('${')) continue;
        if (rejectingOperator === null) {
          const parsed = parseConditionOperator(operator.operator);
          rejectingOperator = parsed && !parsed.base.acceptsVariables ? operator.operator : undefined;
        }
        strings.push({ node: value.node, value: value.text, statement, place: 'condition', element: 'Condition', rejectingOperator });
      }
    }
  }
  return strings;
}

/** The fix that makes variables work: Version set to 2012-10-17; undefined when it already is (or is invalid, reported elsewhere). */
function variablesVersionFix(ast: PolicyAst): FixData | undefined {
  const version = ast.version;
  if (!ast.root || ast.root.type !== 'object') return undefined;
  if (!version) return { title: 'Add "Version": "2012-10-17"', edits: [insertFirstProperty(ast, ast.root, 'Version', '"2012-10-17"')], preferred: true };
  const value = version.value;
  if (value?.type !== 'string' || value.value !== VALID_VERSIONS[1]) return undefined;
  return replaceWith(value.range, VALID_VERSIONS[0], 'Change Version to "2012-10-17"');
}
