/**
 * The condition keys a statement's actions support: those listed with the actions (their own
 * and their resource-type rows), then those the resource types' table lists. Statements of AWS
 * managed policies name thousands of actions that share a few hundred keys, so each key name is
 * described once.
 */
import type { Catalog } from '../catalog/catalog';
import type { ActionInfo, ResourceTypeInfo } from '../catalog/types';
import type { Statement } from '../policy/ast';
import { findConditionKey, type AnyConditionKey } from './conditionKeyDocs';
import { statementActions } from './statementActions';

export interface StatementKeys {
  readonly fromActions: readonly AnyConditionKey[];
  readonly fromResourceTypes: readonly AnyConditionKey[];
}

export function statementConditionKeys(catalog: Catalog, statement: Statement | undefined): StatementKeys {
  const actions = statementActions(catalog, statement);
  const seen = new Set<string>();
  const fromActions: AnyConditionKey[] = [];
  const fromResourceTypes: AnyConditionKey[] = [];
  const take = (name: string, action: ActionInfo, into: AnyConditionKey[]) => {
    if (seen.has(name)) return;
    seen.add(name);
    // A key of another service (sts lists accounts.google.com:aud) is described as the action's service does.
    const key = findConditionKey(catalog, name) ?? catalog.conditionKeysOfAction(action.fullName).find((candidate) => candidate.name === name);
    if (key) into.push(key);
  };
  for (const action of actions) {
    for (const name of action.conditionKeys) take(name, action, fromActions);
    for (const rt of action.resourceTypes) for (const name of rt.conditionKeys) take(name, action, fromActions);
  }
  const types = new Set<ResourceTypeInfo>();
  for (const action of actions) {
    for (const rt of action.resourceTypes) {
      const info = catalog.getResourceType(action.service, rt.name);
      if (!info || types.has(info)) continue;
      types.add(info);
      for (const name of info.conditionKeys) take(name, action, fromResourceTypes);
    }
  }
  return { fromActions, fromResourceTypes };
}
