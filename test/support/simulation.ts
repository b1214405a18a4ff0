/**
 * A simulation environment over account files, as the server and the CLI build one: the real
 * catalog and bundled managed policies, the account model of the given files, a fresh cache.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AccountIndex, buildAccountModel, loadAccountFile } from '../../server/src/account';
import { parsePolicy } from '../../server/src/policy/parse';
import type { PolicyType } from '../../server/src/engine';
import { ActionDirectory } from '../../server/src/simulation/actionDirectory';
import { CompiledPolicyCache } from '../../server/src/simulation/compiledPolicyCache';
import { fullAwsAccessDocument, type AddedDocument } from '../../server/src/simulation/policySet';
import { workspaceDocument } from '../../server/src/simulation/policySources';
import type { SimulationEnvironment } from '../../server/src/simulation/simulate';
import { loadedCatalog, managedPolicies } from './catalog';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const EXAMPLE_EXPORT = join(REPO_ROOT, 'examples', 'account', 'authorization-details.json');
export const TAGGED_EXPORT = join(REPO_ROOT, 'test', 'fixtures', 'simulation', 'tagged-account.json');
/** A fixed request time, so aws:CurrentTime never varies. */
export const NOW = Date.UTC(2024, 5, 1, 12);

export const fileUri = (path: string) => pathToFileURL(path).href;

export async function simulationEnvironment(...files: string[]): Promise<SimulationEnvironment> {
  const [catalog, store] = await Promise.all([loadedCatalog(), managedPolicies()]);
  const loaded = files.map((file) => loadAccountFile(readFileSync(file, 'utf8'), fileUri(file))!);
  const index = new AccountIndex(buildAccountModel(loaded, { managedPolicies: store }), store);
  return { catalog, actions: await ActionDirectory.load(catalog), cache: new CompiledPolicyCache(), index, fullAwsAccess: fullAwsAccessDocument(), now: NOW };
}

/** A workspace policy file added to a simulation, as the server reads it. */
export function addedFile(path: string, type: PolicyType): AddedDocument {
  const text = readFileSync(path, 'utf8');
  const uri = fileUri(path);
  return { uri, label: path.slice(path.lastIndexOf('/') + 1), type, document: workspaceDocument(uri, text, parsePolicy(text)) };
}

/** The 0-based line of the first occurrence of `needle` in a file. */
export function lineOf(path: string, needle: string): number {
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in ${path}`);
  return text.slice(0, at).split('\n').length - 1;
}
