/**
 * The resource step of "Simulate access": the Resource values of the involved policies'
 * statements about the action (concrete ARNs the user most likely means), then the ARN
 * formats of the action's resource types from the Service Authorization Reference, with the
 * partition, account and Region filled in where known and the other parts as UPPER_CASE
 * placeholders to type over (analysis/resourcesTemplates.ts), then "*" for actions that take
 * no resource.
 */
import type { Catalog } from '../catalog/catalog';
import { templateOfArnFormat } from '../analysis/resourcesTemplates';
import { compileActionPatterns } from '../policy/match';
import type { SimulationResourceItem } from '../protocol';
import type { ActionDirectory } from './actionDirectory';
import type { SimulationPolicy } from './policySources';

export interface ResourceDefaults {
  readonly partition?: string;
  readonly accountId?: string;
  readonly region?: string;
}

export async function resourceSuggestions(action: string, policies: readonly SimulationPolicy[], catalog: Catalog, actions: ActionDirectory, defaults: ResourceDefaults): Promise<SimulationResourceItem[]> {
  const items: SimulationResourceItem[] = [];
  const seen = new Set<string>();
  const add = (item: SimulationResourceItem) => {
    if (seen.has(item.arn)) return;
    seen.add(item.arn);
    items.push(item);
  };
  const concrete = actions.expand(action);
  const lowerActions = concrete.map((name) => name.toLowerCase());
  for (const policy of policies) {
    for (const statement of policy.document.ast.statements) {
      const values = statement.action?.values.map((value) => value.value);
      if (!values || !statement.resource) continue;
      const patterns = compileActionPatterns(values);
      if (!lowerActions.some((name) => patterns.indexOfLower(name) >= 0)) continue;
      const sid = statement.sid?.value?.value;
      for (const value of statement.resource.values) add({ arn: value.value, detail: `Resource of ${policy.id}${typeof sid === 'string' ? ` "${sid}"` : ''}`, source: 'policy' });
    }
  }

  const services = new Set(concrete.map((name) => name.slice(0, name.indexOf(':'))).filter((prefix) => actions.isService(prefix)));
  if (services.size <= 5) await catalog.ensureServices(services);
  let takesNoResource = false;
  for (const name of concrete.slice(0, 50)) {
    const info = catalog.getAction(name);
    if (!info) continue;
    if (info.resourceTypes.length === 0) takesNoResource = true;
    for (const type of info.resourceTypes) {
      const resourceType = catalog.getResourceType(info.service, type.name);
      for (const format of resourceType?.arnFormats ?? []) add({ arn: fillFormat(format, defaults), detail: `${type.name}${type.required ? '' : ' (optional)'}: ARN format of ${info.service}`, source: 'template' });
    }
  }
  add({ arn: '*', detail: takesNoResource ? 'the action takes no resource' : 'any resource (only statements with Resource "*" match it)', source: 'any' });
  return items;
}

function fillFormat(format: string, defaults: ResourceDefaults): string {
  const filled = format
    .replace('${Partition}', defaults.partition ?? 'aws')
    .replace(/\$\{(Account|AccountId)\}/g, (whole) => defaults.accountId ?? whole)
    .replace('${Region}', defaults.region ?? '${Region}');
  return templateOfArnFormat(filled);
}
