/**
 * Access Analyzer's "Missing qualifier": a multivalued condition key (a request can carry
 * several values: aws:TagKeys, aws:CalledVia, ArrayOf* service keys) compared with a plain
 * operator instead of ForAllValues:/ForAnyValue: (access-analyzer-reference-policy-checks.md;
 * reference_policies_single-vs-multi-valued-condition-keys.md, reference_policies_multi-value-conditions.md).
 * Null only tests whether the key is present, so it needs no qualifier.
 */
import type { Catalog } from '../catalog/catalog';
import type { ConditionOperatorEntry, Statement } from '../policy/ast';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import type { FixData } from './finding';

const checks: CheckInfo[] = [
  {
    code: 'MISSING_QUALIFIER',
    severity: 'error',
    summary: 'A multivalued global condition key (aws:TagKeys, aws:CalledVia...) under an operator without ForAllValues: or ForAnyValue:.',
    accessAnalyzerTitle: 'Missing qualifier',
    docs: accessAnalyzerDocs('error', 'Missing qualifier'),
  },
];

const QUALIFIED = /^(ForAllValues|ForAnyValue):/i;

/**
 * Only global keys count: the User Guide documents which of them are multivalued
 * (reference_policies_condition-keys.md, "Value type"). Service keys typed ArrayOf* in the
 * service reference are not reported as errors: the type does not always mean a request
 * carries several values (events:detail-type is ArrayOfString, yet AWS managed policies
 * compare it with a plain StringEquals).
 */
function isMultivalued(catalog: Catalog, key: string): boolean {
  return catalog.getGlobalConditionKey(key)?.multiValued ?? false;
}

/** Renaming the operator changes every key under it, so the fixes are offered when the key is alone there. */
function qualifierFixes(operator: ConditionOperatorEntry): FixData[] | undefined {
  if (operator.keys.length !== 1) return undefined;
  const range = operator.property.keyRange;
  return ['ForAnyValue', 'ForAllValues'].map((qualifier, index) => ({
    title: `Use "${qualifier}:${operator.operator}" (${index === 0 ? 'at least one request value matches' : 'every request value matches'})`,
    edits: [{ range, newText: JSON.stringify(`${qualifier}:${operator.operator}`) }],
    preferred: false,
  }));
}

function checkStatement(statement: Statement, catalog: Catalog, report: Parameters<CheckFamily['run']>[1]): void {
  for (const operator of statement.condition?.operators ?? []) {
    if (QUALIFIED.test(operator.operator) || /^null$/i.test(operator.operator)) continue;
    for (const key of operator.keys) {
      if (!isMultivalued(catalog, key.key)) continue;
      report('MISSING_QUALIFIER', {
        range: key.property.keyRange,
        statementIndex: statement.index,
        message: `"${key.key}" can have several values in one request; "${operator.operator}" compares a single value. Use ForAnyValue:${operator.operator} (any value matches) or ForAllValues:${operator.operator} (every value matches).`,
        fixes: qualifierFixes(operator),
      });
    }
  }
}

export const missingQualifierChecks: CheckFamily = {
  name: 'missing-qualifier',
  checks,
  run({ ast, catalog }, report) {
    for (const statement of ast.statements) checkStatement(statement, catalog, report);
  },
};
