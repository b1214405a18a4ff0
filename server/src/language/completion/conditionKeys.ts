/**
 * Condition keys inside an operator block, ranked: the keys the statement's actions support
 * first, then the keys of their resource types (and of the Resource ARNs' types), then the
 * global keys, then every key of a service typed as a prefix (`ec2:`). Keys whose type does not
 * fit the operator sort after the ones that do. Keys with a variable part
 * (`aws:RequestTag/${TagKey}`) insert a snippet with a tab stop for it.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Catalog } from '../../catalog/catalog';
import { isConditionKeyPattern } from '../../catalog/conditionKeyName';
import type { PolicyAst } from '../../policy/ast';
import { conditionKeyMarkdown, keyTypeLabel, type AnyConditionKey } from '../conditionKeyDocs';
import { familiesForKeyType, parseConditionOperator } from '../conditionOperators';
import type { CursorContext } from '../cursorContext';
import { arnService } from '../prepare';
import { escapeSnippet } from '../snippets';
import { statementConditionKeys } from '../statementConditionKeys';
import { serviceReady } from '../statementActions';
import type { ItemList } from './actions';
import { keyItem, rank } from './items';

const FROM_ACTIONS = 0;
const FROM_RESOURCE_TYPES = 1;
const GLOBAL = 2;
const FROM_TYPED_SERVICE = 3;
/** Added to the group of a key whose type the operator does not compare. */
const MISFIT = 4;

/**
 * `aws:RequestTag/${TagKey}` -> `aws:RequestTag/${1:TagKey}`; `s3:ExistingObjectTag/<key>` ->
 * `…/${1:key}`. Returns the snippet and the next free tab stop.
 */
export function keyNameSnippet(name: string): { snippet: string; nextStop: number } {
  let index = 1;
  const snippet = name
    .split(/(\$\{[^}]*\}|<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? `\${${index++}:${escapeSnippet(part.slice(part.startsWith('$') ? 2 : 1, -1))}}` : escapeSnippet(part)))
    .join('');
  return { snippet, nextStop: index };
}

export function conditionKeyItems(context: CursorContext, ast: PolicyAst, catalog: Catalog, operator: string): ItemList {
  const parsed = parseConditionOperator(operator);
  const family = parsed?.base.family;
  const candidates = new Map<string, { key: AnyConditionKey; group: number }>();
  const add = (key: AnyConditionKey, group: number) => {
    const lower = key.name.toLowerCase();
    if (!candidates.has(lower)) candidates.set(lower, { key, group });
  };
  const statement = context.statement;
  const { fromActions, fromResourceTypes } = statementConditionKeys(catalog, statement);
  for (const key of fromActions) add(key, FROM_ACTIONS);
  for (const key of fromResourceTypes) add(key, FROM_RESOURCE_TYPES);
  for (const resource of statement?.resource?.values ?? []) {
    const service = arnService(resource.value);
    if (!service || !serviceReady(catalog, service)) continue;
    for (const rt of catalog.resourceTypesForArn(service, resource.value)) {
      for (const key of catalog.conditionKeysOfResourceType(service, rt.name)) add(key, FROM_RESOURCE_TYPES);
    }
  }
  for (const key of catalog.listGlobalConditionKeys()) add(key, GLOBAL);
  const typed = context.span.typed;
  if (typed.includes(':')) {
    for (const service of catalog.conditionKeyServices(typed)) {
      if (!serviceReady(catalog, service)) continue;
      const prefix = typed.slice(0, typed.indexOf(':')).toLowerCase();
      for (const key of catalog.serviceConditionKeys(service)) if (key.name.toLowerCase().startsWith(`${prefix}:`)) add(key, FROM_TYPED_SERVICE);
    }
  }

  const present = new Set(context.presentKeys.map((key) => key.toLowerCase()));
  const multivalued = parsed?.setOperator !== undefined;
  const items: CompletionItem[] = [];
  for (const { key, group } of candidates.values()) {
    if (present.has(key.name.toLowerCase())) continue;
    const fits = !family || family === 'Null' || familiesForKeyType(key.type).includes(family);
    const booleanValue = family === 'Null' || family === 'Boolean';
    const name = isConditionKeyPattern(key.name) ? keyNameSnippet(key.name) : undefined;
    const n = name?.nextStop ?? 1;
    const value = multivalued || key.multiValued ? `["$${n}"]` : booleanValue ? `"\${${n}|true,false|}"` : `"$${n}"`;
    items.push(
      keyItem(
        context,
        ast,
        {
          label: key.name,
          kind: CompletionItemKind.Field,
          description: keyTypeLabel(key),
          documentation: conditionKeyMarkdown(key),
          sortText: rank(group + (fits ? 0 : MISFIT), key.name),
          retrigger: !booleanValue,
        },
        value,
        name ? `"${name.snippet}"` : undefined,
      ),
    );
  }
  return { items, isIncomplete: !typed.includes(':') };
}
