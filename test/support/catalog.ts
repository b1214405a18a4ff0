/**
 * The real catalog for tests, read from dist/data (scripts/build-data.mjs). `loadedCatalog`
 * loads the named services so checks can run synchronously; `testCatalog` is for checks
 * that need no service.
 */
import * as path from 'node:path';
import { Catalog } from '../../server/src/catalog/catalog';
import { createNodeDataSource } from '../../server/src/catalog/nodeDataSource';
import { ManagedPolicyStore } from '../../server/src/catalog/managedPolicies';
import { findDataRoot } from '../../server/src/node/dataRoot';

export const DATA_ROOT = findDataRoot(path.resolve(__dirname, '../../..'));

let shared: Promise<Catalog> | undefined;
let ready: Catalog | undefined;

/** One shared catalog per test process; services accumulate as tests load them. */
export async function loadedCatalog(services: Iterable<string> = []): Promise<Catalog> {
  shared ??= Catalog.load(createNodeDataSource(DATA_ROOT));
  const catalog = await shared;
  await catalog.ensureServices(services);
  ready = catalog;
  return catalog;
}

/** The shared catalog, synchronously; a test file calls `await loadedCatalog()` in `before` first. */
export function testCatalog(): Catalog {
  if (!ready) throw new Error('call `await loadedCatalog()` in a before() hook first');
  return ready;
}

export function managedPolicies(): Promise<ManagedPolicyStore> {
  return ManagedPolicyStore.load(createNodeDataSource(DATA_ROOT));
}
