/**
 * Condition operators (keys of the Condition block): every operator of every family, the
 * IfExists forms, and the ForAllValues:/ForAnyValue: prefixes, which open the list again with
 * the prefixed operators (reference_policies_elements_condition_operators.md,
 * reference_policies_multi-value-conditions.md).
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { PolicyAst } from '../../policy/ast';
import {
  CONDITION_OPERATORS,
  familyTitle,
  missingKeyBehaviour,
  operatorDescription,
  operatorDocsUrl,
  parseConditionOperator,
  SET_OPERATORS,
  findSetOperator,
  type BaseConditionOperator,
  type SetOperator,
} from '../conditionOperators';
import type { CursorContext } from '../cursorContext';
import { markdownLink } from '../elementDocs';
import { keyItem, rank } from './items';
import type { ItemList } from './actions';

const SET_SUMMARY: Record<SetOperator, string> = {
  ForAllValues: 'Every value of the multivalued key in the request must match a value in the policy.',
  ForAnyValue: 'At least one value of the multivalued key in the request must match a value in the policy.',
};

/** The operator's description, what a missing key does, and its page. */
function documentation(text: string, prefix = ''): string {
  const parsed = parseConditionOperator(text)!;
  const lines = [prefix || operatorDescription(parsed.base), '', missingKeyBehaviour(parsed), '', markdownLink('IAM User Guide: condition operators', operatorDocsUrl(parsed))];
  return lines.join('\n');
}

export function operatorItems(context: CursorContext, ast: PolicyAst): ItemList {
  const typed = context.span.typed;
  const colon = typed.indexOf(':');
  const set = colon < 0 ? undefined : findSetOperator(typed.slice(0, colon));
  const present = new Set(context.presentKeys);
  const items: CompletionItem[] = [];
  const push = (name: string, info: BaseConditionOperator, group: number, index: number) => {
    if (present.has(name)) return;
    const multivalued = set !== undefined;
    items.push(
      keyItem(
        context,
        ast,
        {
          label: name,
          kind: CompletionItemKind.Operator,
          description: info.family === 'Null' ? 'key presence' : familyTitle(info.family),
          documentation: documentation(name),
          sortText: rank(group, String(index).padStart(3, '0')),
          retrigger: true,
        },
        multivalued ? '{\n\t"$1": ["$2"]\n}' : '{\n\t"$1": "$2"\n}',
      ),
    );
  };
  const operators = set ? CONDITION_OPERATORS.filter((info) => info.name !== 'Null') : CONDITION_OPERATORS;
  const prefix = set ? `${set}:` : '';
  operators.forEach((info, index) => push(`${prefix}${info.name}`, info, 0, index));
  operators.forEach((info, index) => {
    // "You can add IfExists to the end of any condition operator name except the Null condition."
    if (info.name !== 'Null') push(`${prefix}${info.name}IfExists`, info, 1, index);
  });
  if (!set) {
    for (const candidate of SET_OPERATORS) {
      items.push(
        keyItem(
          context,
          ast,
          {
            label: `${candidate}:`,
            kind: CompletionItemKind.Keyword,
            description: 'set operator for multivalued keys',
            documentation: documentation(`${candidate}:StringEquals`, SET_SUMMARY[candidate]),
            sortText: rank(2, candidate),
            retrigger: true,
          },
          '{\n\t"$2": ["$3"]\n}',
          `"${candidate}:$1"`,
        ),
      );
    }
  }
  return { items, isIncomplete: !set };
}
