/**
 * Action and NotAction values: first the service prefix (every service, with its name), then
 * the service's actions with their access level and description, and the wildcard forms with
 * the number of actions each matches (`s3:*`, `s3:Get*`, and the typed text plus `*`).
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { hasWildcard } from '../../catalog/actionPattern';
import type { Catalog } from '../../catalog/catalog';
import type { ActionInfo } from '../../catalog/types';
import { accessLevelSummary, plural } from '../actionDocs';
import type { ActionElementName, CursorContext } from '../cursorContext';
import { serviceReady } from '../statementActions';
import { rank, valueItem } from './items';

export interface ItemList {
  readonly items: CompletionItem[];
  /** Ask again as the user types (the list depends on more than a filter of what was typed). */
  readonly isIncomplete: boolean;
}

/** The leading word of an action name: "GetObject" -> "Get", "ListAllMyBuckets" -> "List". */
function verbOf(name: string): string | undefined {
  return /^[A-Z][a-z]+/.exec(name)?.[0];
}

export function actionItems(context: CursorContext, catalog: Catalog, element: ActionElementName): ItemList {
  const typed = context.span.typed;
  const colon = typed.indexOf(':');
  if (colon < 0) return { items: serviceItems(context, catalog, element), isIncomplete: true };
  const prefix = typed.slice(0, colon).toLowerCase();
  if (hasWildcard(prefix) || !serviceReady(catalog, prefix)) return { items: [], isIncomplete: false };
  const service = catalog.getService(prefix)!;
  const list = element === 'Action' ? context.statement?.action : context.statement?.notAction;
  // Statements can list thousands of actions: compare only those of this service.
  const present = new Set<string>();
  for (const value of list?.values ?? []) {
    const at = value.node;
    if (context.offset >= at.offset && context.offset <= at.offset + at.length) continue;
    if (value.value.length > prefix.length && value.value[prefix.length] === ':' && value.value.slice(0, prefix.length).toLowerCase() === prefix) {
      present.add(value.value.toLowerCase());
    }
  }
  const items: CompletionItem[] = [];
  for (const action of service.actions) {
    if (present.has(action.fullName.toLowerCase())) continue;
    items.push(
      valueItem(context, {
        label: action.fullName,
        kind: CompletionItemKind.Function,
        description: action.accessLevel,
        // Documented on resolve: hundreds of descriptions per list would cost every keystroke.
        data: { action: action.fullName },
      }),
    );
  }
  items.push(...wildcardItems(context, service.prefix, service.actions, typed.slice(colon + 1)));
  return { items, isIncomplete: false };
}

/** Every service; those the statement already names come first, as the likeliest next ones. */
function serviceItems(context: CursorContext, catalog: Catalog, element: ActionElementName): CompletionItem[] {
  const named = new Set<string>();
  for (const value of (element === 'Action' ? context.statement?.action : context.statement?.notAction)?.values ?? []) {
    const colon = value.value.indexOf(':');
    if (colon > 0) named.add(value.value.slice(0, colon).toLowerCase());
  }
  const items = catalog.listServices().map((service) =>
    valueItem(context, {
      label: service.prefix,
      kind: CompletionItemKind.Module,
      insert: `${service.prefix}:`,
      description: service.name,
      detail: `${service.name}: ${plural(service.actionCount, 'action')}`,
      sortText: rank(named.has(service.prefix) ? 0 : 1, service.prefix),
      retrigger: true,
    }),
  );
  items.push(
    valueItem(context, {
      label: '*',
      kind: CompletionItemKind.Constant,
      description: 'every action of every service',
      documentation: 'All actions of all services. With `"Effect": "Allow"` and `"Resource": "*"` this is full administrator access.',
      sortText: rank(2, '*'),
    }),
  );
  return items;
}

function wildcardItems(context: CursorContext, prefix: string, actions: readonly ActionInfo[], typedName: string): CompletionItem[] {
  const forms = new Map<string, ActionInfo[]>();
  forms.set('*', [...actions]);
  for (const action of actions) {
    const verb = verbOf(action.name);
    if (!verb) continue;
    const group = forms.get(`${verb}*`) ?? [];
    group.push(action);
    forms.set(`${verb}*`, group);
  }
  if (typedName && !hasWildcard(typedName)) {
    const lower = typedName.toLowerCase();
    const matching = actions.filter((action) => action.name.toLowerCase().startsWith(lower));
    if (matching.length >= 2 && !forms.has(`${typedName}*`)) forms.set(`${typedName}*`, matching);
  }
  const items: CompletionItem[] = [];
  for (const [form, matched] of forms) {
    if (form !== '*' && matched.length < 2) continue;
    const label = `${prefix}:${form}`;
    items.push(
      valueItem(context, {
        label,
        kind: CompletionItemKind.Constant,
        description: plural(matched.length, 'action'),
        detail: `Matches ${plural(matched.length, 'action')}: ${accessLevelSummary(matched)}`,
        documentation: matched.length <= 15 ? matched.map((action) => `\`${action.fullName}\``).join(', ') : undefined,
        // Sorted by label like the actions, so `s3:Get*` heads the Get actions and `s3:*` the list.
        sortText: label.slice(0, -1),
      }),
    );
  }
  return items;
}
