/**
 * Policy variables inside Resource and condition value strings, after `$` or `${`
 * (reference_policies_variables.md): the single-valued global keys ("You can't use a
 * multivalued condition key as a variable"), tag keys as snippets, the single-valued keys of
 * the statement's actions, and the special characters `${*}`, `${?}`, `${$}`.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Catalog } from '../../catalog/catalog';
import { isConditionKeyPattern } from '../../catalog/conditionKeyName';
import type { PolicyAst } from '../../policy/ast';
import { VARIABLES_VERSION } from '../../policy/variables';
import { conditionKeyMarkdown, type AnyConditionKey } from '../conditionKeyDocs';
import type { CursorContext, VariableAtCursor } from '../cursorContext';
import { escapeSnippet } from '../snippets';
import { statementConditionKeys } from '../statementConditionKeys';
import { keyNameSnippet } from './conditionKeys';
import { rank, spanItem } from './items';

export const SPECIAL_CHARACTER_VARIABLES: readonly { readonly name: string; readonly meaning: string }[] = [
  { name: '*', meaning: 'a literal * (asterisk), not a wildcard' },
  { name: '?', meaning: 'a literal ? (question mark), not a wildcard' },
  { name: '$', meaning: 'a literal $ (dollar sign)' },
];

export function policyVariableItems(context: CursorContext, variable: VariableAtCursor, ast: PolicyAst, catalog: Catalog): CompletionItem[] {
  const versionText = ast.version?.value?.type === 'string' ? String(ast.version.value.value) : undefined;
  const versionNote =
    versionText === VARIABLES_VERSION ? '' : `\n\n**Needs \`"Version": "${VARIABLES_VERSION}"\`**: without it AWS reads \`\${...}\` as literal text.`;
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const addKey = (key: AnyConditionKey, group: number) => {
    const lower = key.name.toLowerCase();
    if (key.multiValued || seen.has(lower)) return;
    seen.add(lower);
    const label = `\${${key.name}}`;
    const insert = isConditionKeyPattern(key.name) ? `\\\${${keyNameSnippet(key.name).snippet}\\}` : escapeSnippet(label);
    items.push(
      spanItem(ast, variable.start, variable.end, {
        label,
        kind: CompletionItemKind.Variable,
        insert,
        snippet: true,
        description: key.type,
        documentation: conditionKeyMarkdown(key) + versionNote,
        sortText: rank(group, key.name),
      }),
    );
  };
  for (const key of catalog.listGlobalConditionKeys()) addKey(key, 0);
  for (const key of statementConditionKeys(catalog, context.statement).fromActions) addKey(key, 1);
  for (const special of SPECIAL_CHARACTER_VARIABLES) {
    const label = `\${${special.name}}`;
    items.push(spanItem(ast, variable.start, variable.end, { label, kind: CompletionItemKind.Constant, description: special.meaning, sortText: rank(2, special.name) }));
  }
  return items;
}
