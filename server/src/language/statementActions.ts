/**
 * The actions a statement names, expanded over the catalog: for condition keys and ARN
 * templates that fit them, for "which of this statement's actions accept this ARN", and for the
 * code lens counts. Only services already loaded are read (see prepare.ts); an action pattern
 * across services ("*", "*:Get*") needs the all-actions index.
 */
import { hasWildcard } from '../catalog/actionPattern';
import type { Catalog } from '../catalog/catalog';
import type { ActionInfo, ActionName } from '../catalog/types';
import type { PolicyString, Statement } from '../policy/ast';

/** "s3:Get*" -> { prefix: "s3", name: "Get*" }; undefined without a colon. */
export function splitActionText(text: string): { prefix: string; name: string } | undefined {
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { prefix: text.slice(0, colon), name: text.slice(colon + 1) };
}

/** Whether the pattern spans services: "*", or a service part with a wildcard. */
export function isCrossServicePattern(text: string): boolean {
  if (text === '*') return true;
  const parts = splitActionText(text);
  return !!parts && hasWildcard(parts.prefix);
}

/** The catalog has the service and it is loaded, so sync queries will not throw. */
export function serviceReady(catalog: Catalog, prefix: string): boolean {
  return !!catalog.getServiceSummary(prefix) && catalog.isServiceLoaded(prefix);
}

/** The actions of one service that a pattern names (exact or with wildcards); [] when not answerable. */
export function actionsOfPattern(catalog: Catalog, text: string): ActionInfo[] {
  const parts = splitActionText(text);
  if (!parts || !parts.name || hasWildcard(parts.prefix) || !serviceReady(catalog, parts.prefix)) return [];
  return catalog.expandActionPattern(parts.prefix, parts.name);
}

/** Every action a pattern names, across services when the action index is loaded. */
export function actionNamesOfPattern(catalog: Catalog, text: string, actionIndexLoaded: boolean): ActionName[] {
  if (isCrossServicePattern(text)) return actionIndexLoaded ? catalog.expandActionPatternInAllServices(text) : [];
  return actionsOfPattern(catalog, text);
}

/** Action values expanded to catalog actions, without duplicates, in order. */
export function actionsOfValues(catalog: Catalog, values: readonly PolicyString[]): ActionInfo[] {
  const seen = new Set<string>();
  const actions: ActionInfo[] = [];
  for (const value of values) {
    for (const action of actionsOfPattern(catalog, value.value)) {
      if (seen.has(action.fullName)) continue;
      seen.add(action.fullName);
      actions.push(action);
    }
  }
  return actions;
}

/** The statement's Action values expanded to catalog actions (thousands in some AWS managed policies: under a millisecond). */
export function statementActions(catalog: Catalog, statement: Statement | undefined): ActionInfo[] {
  return actionsOfValues(catalog, statement?.action?.values ?? []);
}
