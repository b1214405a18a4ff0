/**
 * Condition blocks that say nothing: an empty Condition or operator object, and a key whose
 * value list is empty, whose meaning depends on the operator (access-analyzer-reference-policy-checks.md,
 * "Empty object condition" and the four "Empty array condition" checks;
 * reference_policies_multi-value-conditions.md for ForAllValues and ForAnyValue,
 * reference_policies_elements_condition_operators.md for IfExists).
 */
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { conditionEntries, removeConditionKeyFix } from './conditionsContext';
import { removeProperty } from './fixEdits';

const checks: CheckInfo[] = [
  {
    code: 'EMPTY_OBJECT_CONDITION',
    severity: 'suggestion',
    summary: 'An empty Condition element or an operator with no keys: it does not affect the policy.',
    accessAnalyzerTitle: 'Empty object condition',
    docs: accessAnalyzerDocs('suggestion', 'Empty object condition'),
  },
  {
    code: 'EMPTY_ARRAY_CONDITION',
    severity: 'suggestion',
    summary: 'A condition key with an empty list of values.',
    accessAnalyzerTitle: 'Empty array condition',
    docs: accessAnalyzerDocs('suggestion', 'Empty array condition'),
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_FORALLVALUES',
    severity: 'suggestion',
    summary: 'ForAllValues with an empty list matches only when the key is missing; Null says that plainly.',
    accessAnalyzerTitle: 'Empty array condition ForAllValues',
    docs: accessAnalyzerDocs('suggestion', 'Empty array condition ForAllValues'),
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_FORANYVALUE',
    severity: 'suggestion',
    summary: 'ForAnyValue with an empty list never matches.',
    accessAnalyzerTitle: 'Empty array condition ForAnyValue',
    docs: accessAnalyzerDocs('suggestion', 'Empty array condition ForAnyValue'),
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_IFEXISTS',
    severity: 'suggestion',
    summary: 'IfExists with an empty list matches only when the key is missing; Null says that plainly.',
    accessAnalyzerTitle: 'Empty array condition IfExists',
    docs: accessAnalyzerDocs('suggestion', 'Empty array condition IfExists'),
  },
];

export const conditionChecks: CheckFamily = {
  name: 'conditions',
  checks,
  run({ ast }, report) {
    for (const statement of ast.statements) {
      const condition = statement.condition;
      if (!condition || condition.form !== 'object') continue;
      const statementIndex = statement.index;
      if (condition.operators.length === 0) {
        report('EMPTY_OBJECT_CONDITION', {
          range: condition.property.keyRange,
          statementIndex,
          message: 'This Condition is empty and does not affect the policy. Add conditions or remove it.',
          fixes: [{ title: 'Remove the empty Condition', edits: [removeProperty(ast, statement.node, condition.property)], preferred: true }],
        });
        continue;
      }
      for (const operator of condition.operators) {
        if (operator.form !== 'object' || operator.keys.length > 0 || !condition.property.value) continue;
        const edits = condition.operators.length > 1 ? [removeProperty(ast, condition.property.value, operator.property)] : [removeProperty(ast, statement.node, condition.property)];
        report('EMPTY_OBJECT_CONDITION', {
          range: operator.property.keyRange,
          statementIndex,
          message: `"${operator.operator}" has no condition keys and does not affect the policy. Add keys or remove it.`,
          fixes: [{ title: `Remove the empty "${operator.operator}"`, edits, preferred: true }],
        });
      }
      for (const { operator, parsed, key } of conditionEntries(statement)) {
        if (key.form !== 'array' || key.values.length > 0 || key.invalid.length > 0) continue;
        const name = key.key;
        const remove = removeConditionKeyFix(ast, statement, operator, key, `Remove the empty condition on ${name}`);
        const fixes = remove ? [remove] : undefined;
        const range = key.property.keyRange;
        if (parsed?.setOperator === 'ForAllValues') {
          report('EMPTY_ARRAY_CONDITION_FORALLVALUES', {
            range,
            statementIndex,
            fixes,
            message: `ForAllValues with no values for ${name} matches only when ${name} is missing from the request. To test that, use "Null": {"${name}": "true"}.`,
          });
        } else if (parsed?.setOperator === 'ForAnyValue') {
          report('EMPTY_ARRAY_CONDITION_FORANYVALUE', {
            range,
            statementIndex,
            fixes,
            message: `ForAnyValue with no values for ${name} never matches, so this statement never applies. Add values or rewrite the condition.`,
          });
        } else if (parsed?.ifExists) {
          report('EMPTY_ARRAY_CONDITION_IFEXISTS', {
            range,
            statementIndex,
            fixes,
            message: `${operator.operator} with no values for ${name} matches only when ${name} is missing from the request. To test that, use "Null": {"${name}": "true"}.`,
          });
        } else {
          report('EMPTY_ARRAY_CONDITION', {
            range,
            statementIndex,
            fixes,
            message: `There are no values for ${name}, so this condition does not do what it seems to. Add the values to compare with, or remove the key.`,
          });
        }
      }
    }
  },
};
