/**
 * Completion: the cursor's context picks the proposals. `completePolicy` loads what the
 * context needs (a few service files at most) and then answers synchronously.
 */
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import type { Catalog } from '../../catalog/catalog';
import type { PolicyAst } from '../../policy/ast';
import type { PolicyKind } from '../../policy/kind';
import { cursorContext, type CursorContext } from '../cursorContext';
import type { LanguageOptions } from '../languageOptions';
import { prepareForCursor, type PreparedData } from '../prepare';
import { actionItems, type ItemList } from './actions';
import { conditionKeyItems } from './conditionKeys';
import { conditionValueItems } from './conditionValues';
import { effectItems, versionItems } from './elementValues';
import { principalKeyItems, statementKeyItems, topLevelKeyItems } from './elementKeys';
import { operatorItems } from './operatorItems';
import { policyVariableItems } from './policyVariables';
import { principalValueItems } from './principals';
import { resourceItems } from './resources';
import { policyItems, statementItems } from './statementSnippets';

export interface CompletionInput {
  readonly ast: PolicyAst;
  readonly context: CursorContext;
  readonly kind: PolicyKind;
  readonly catalog: Catalog;
  readonly options: LanguageOptions;
}

const complete = (items: CompletionItem[]): ItemList => ({ items, isIncomplete: false });

function itemsFor(input: CompletionInput): ItemList {
  const { ast, context, kind, catalog, options } = input;
  if (context.variable) return complete(policyVariableItems(context, context.variable, ast, catalog));
  const slot = context.slot;
  switch (slot.kind) {
    case 'empty-document':
      return complete(policyItems(context, ast, kind));
    case 'top-level-key':
      return complete(topLevelKeyItems(context, ast, kind));
    case 'statement-key':
      return complete(statementKeyItems(context, ast, kind));
    case 'principal-key':
      return complete(principalKeyItems(context, ast, slot.element));
    case 'condition-operator':
      return operatorItems(context, ast);
    case 'condition-key':
      return conditionKeyItems(context, ast, catalog, slot.operator);
    case 'statement-item':
      return complete(statementItems(context, ast, kind, options, false));
    case 'statement-value':
      return complete(context.span.inString ? [] : statementItems(context, ast, kind, options, true));
    case 'version-value':
      return complete(versionItems(context));
    case 'effect-value':
      return complete(effectItems(context));
    case 'action-value':
      return actionItems(context, catalog, slot.element);
    case 'resource-value':
      return complete(resourceItems(context, catalog, options));
    case 'principal-value':
      return complete(principalValueItems(context, ast, options, slot.principalType));
    case 'condition-value':
      return complete(conditionValueItems(context, catalog, options, slot.operator, slot.key));
    case 'sid-value':
    case 'other':
      return complete([]);
  }
}

/** Proposals at the cursor; the services the context needs must be loaded (see `prepareForCursor`). */
export function completionsAt(input: CompletionInput): CompletionList {
  const { items, isIncomplete } = itemsFor(input);
  return { isIncomplete, items };
}

export interface CompletionRequest {
  readonly ast: PolicyAst;
  readonly offset: number;
  readonly kind: PolicyKind;
  readonly catalog: Catalog;
  readonly options: LanguageOptions;
}

/** Loads what the cursor's context needs, then completes. */
export async function completePolicy(request: CompletionRequest): Promise<CompletionList> {
  const context = cursorContext(request.ast, request.offset);
  const prepared: PreparedData = await prepareForCursor(context, request.catalog);
  const options = prepared.servicePrincipals ? { ...request.options, servicePrincipals: prepared.servicePrincipals } : request.options;
  return completionsAt({ ast: request.ast, context, kind: request.kind, catalog: request.catalog, options });
}
