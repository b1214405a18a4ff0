/**
 * completionItem/resolve: the documentation of the item the user is looking at, which the list
 * leaves out to stay small (an action's description and resource types).
 */
import { MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Catalog } from '../../catalog/catalog';
import { actionCompletionMarkdown } from '../actionDocs';
import { splitActionText } from '../statementActions';
import type { CompletionData } from './items';

export async function resolveCompletionItem(item: CompletionItem, catalog: Catalog): Promise<CompletionItem> {
  const data = item.data as CompletionData | undefined;
  const parts = data?.action ? splitActionText(data.action) : undefined;
  if (!data?.action || !parts || item.documentation) return item;
  await catalog.ensureServices([parts.prefix]);
  const action = catalog.getAction(data.action);
  return action ? { ...item, documentation: { kind: MarkupKind.Markdown, value: actionCompletionMarkdown(action) } } : item;
}
