/**
 * The catalog's public surface, platform-neutral. Pick a data source from nodeDataSource.ts
 * (node, CLI, tests) or fetchDataSource.ts (web worker) and import it directly: this file
 * must not pull 'fs' into the browser bundle.
 */
export { Catalog, ServiceNotLoadedError } from './catalog';
export type { CatalogDataSource } from './dataSource';
export { ManagedPolicyStore, type ManagedPolicy, type ManagedPolicySummary } from './managedPolicies';
export {
  crossServiceConditionKeyNames,
  findGlobalConditionKey,
  globalConditionKeys,
  type ConditionOperatorFamily,
  type GlobalConditionKey,
} from './globalConditionKeys';
export { compileArnFormat, type ArnFormatMatcher } from './arnFormat';
export { actionPatternToRegExp, hasWildcard } from './actionPattern';
export { parseAccessLevels } from './serviceModel';
export type * from './types';
