/**
 * Access Analyzer's "Empty array action" and "Empty array resource": a statement whose Action or
 * Resource is `[]` does nothing. The fix removes the statement when others remain.
 */
import type { PolicyAst, Statement, StringListElement } from '../policy/ast';
import type { CheckFamily } from './check';
import type { FixData } from './finding';
import { removeArrayItem } from './fixEdits';

type Report = Parameters<CheckFamily['run']>[1];

export function checkEmptyList(ast: PolicyAst, statement: Statement, element: StringListElement | undefined, code: string, message: string, report: Report): void {
  if (!element || element.form !== 'array' || element.values.length > 0 || element.invalid.length > 0) return;
  const statementItems = ast.statementProperty?.value?.type === 'array' ? (ast.statementProperty.value.items ?? []) : [];
  const position = statementItems.indexOf(statement.node);
  const fixes: FixData[] | undefined =
    position >= 0 && statementItems.length > 1
      ? [{ title: 'Remove this statement (it grants and denies nothing)', edits: [removeArrayItem(ast, statementItems, position)] }]
      : undefined;
  report(code, { range: element.property.keyRange, statementIndex: statement.index, message, fixes });
}
