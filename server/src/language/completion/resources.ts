/**
 * Resource and NotResource values: the ARN formats of the resource types the statement's
 * actions take, as snippets with a tab stop per part (account and Region pre-filled when
 * known), ranked by how many of the statement's actions take them; `*`; and once an ARN names
 * a service (`arn:aws:sqs:`), every resource type of that service.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Catalog } from '../../catalog/catalog';
import type { ResourceTypeInfo } from '../../catalog/types';
import type { CursorContext } from '../cursorContext';
import type { LanguageOptions } from '../languageOptions';
import { arnService } from '../prepare';
import { arnFormatSnippet } from '../snippets';
import { serviceReady, statementActions } from '../statementActions';
import { rank, valueItem } from './items';

interface Candidate {
  readonly resourceType: ResourceTypeInfo;
  readonly actions: string[];
  required: boolean;
}

/** The format as shown: the partition written out, the other placeholders kept. */
function arnLabel(format: string, partition: string): string {
  return format.replace('${Partition}', partition);
}

export function resourceItems(context: CursorContext, catalog: Catalog, options: LanguageOptions): CompletionItem[] {
  const partition = options.partition ?? 'aws';
  const candidates = new Map<string, Candidate>();
  const add = (resourceType: ResourceTypeInfo, action: string | undefined, required: boolean) => {
    const key = `${resourceType.service}/${resourceType.name}`;
    let candidate = candidates.get(key);
    if (!candidate) {
      candidate = { resourceType, actions: [], required: false };
      candidates.set(key, candidate);
    }
    if (action) candidate.actions.push(action);
    candidate.required ||= required;
  };
  let takesStar = false;
  for (const action of statementActions(catalog, context.statement)) {
    if (action.resourceTypes.length === 0) takesStar = true;
    for (const rt of action.resourceTypes) {
      const info = catalog.getResourceType(action.service, rt.name);
      if (info) add(info, action.fullName, rt.required);
    }
  }
  const typedService = arnService(context.span.typed);
  if (typedService && serviceReady(catalog, typedService)) {
    for (const info of catalog.getService(typedService)!.resourceTypes) add(info, undefined, false);
  }

  const items: CompletionItem[] = [
    valueItem(context, {
      label: '*',
      kind: CompletionItemKind.Constant,
      description: 'all resources',
      documentation: takesStar ? 'Some actions of this statement take no resource type: they need `"Resource": "*"`.' : 'Every resource.',
      sortText: rank(takesStar ? 0 : 3, '*'),
    }),
  ];
  for (const { resourceType, actions, required } of candidates.values()) {
    resourceType.arnFormats.forEach((format) => {
      const label = arnLabel(format, partition);
      const used = actions.length > 0 ? `Taken by ${actions.slice(0, 8).map((action) => `\`${action}\``).join(', ')}${actions.length > 8 ? ` and ${actions.length - 8} more` : ''}.` : '';
      items.push(
        valueItem(context, {
          label,
          kind: CompletionItemKind.Reference,
          insert: arnFormatSnippet(format, { partition, accountId: options.defaultAccountId, region: options.defaultRegion }),
          snippet: true,
          description: `${resourceType.service} ${resourceType.name}`,
          detail: `Resource type ${resourceType.name} (${resourceType.service})`,
          documentation: used || undefined,
          // Types the statement's actions require first, then by how many actions take them.
          sortText: rank(actions.length === 0 ? 2 : required ? 0 : 1, `${String(9999 - actions.length).padStart(4, '0')}${label}`),
        }),
      );
    });
  }
  if (context.span.typed.startsWith('arn:') && !(typedService && catalog.getServiceSummary(typedService))) items.push(...serviceStarts(context, catalog, partition));
  return items;
}

/** `arn:aws:s3:` for each service, to pick the service before its resource types are known. */
function serviceStarts(context: CursorContext, catalog: Catalog, partition: string): CompletionItem[] {
  return catalog.listServices().map((service) =>
    valueItem(context, {
      label: `arn:${partition}:${service.prefix}:`,
      kind: CompletionItemKind.Module,
      description: service.name,
      sortText: rank(4, service.prefix),
      retrigger: true,
    }),
  );
}
