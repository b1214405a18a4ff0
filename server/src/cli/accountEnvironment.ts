/**
 * What `simulate --account` and `who-can` share: the export read into the account model (with
 * the bundled AWS managed policies), the catalog, and the simulation environment the editor's
 * server uses too (simulation/), so both answer alike.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AccountIndex, buildAccountModel, loadAccountFile } from '../account';
import { Catalog } from '../catalog/catalog';
import { ManagedPolicyStore } from '../catalog/managedPolicies';
import { createNodeDataSource } from '../catalog/nodeDataSource';
import type { SimulationContext } from '../protocol';
import { findDataRoot } from '../node/dataRoot';
import { ActionDirectory } from '../simulation/actionDirectory';
import { CompiledPolicyCache } from '../simulation/compiledPolicyCache';
import { fullAwsAccessDocument } from '../simulation/policySet';
import type { SimulationEnvironment } from '../simulation/simulate';
import { CliError, type CliIo } from './io';

/** Loads EXPORT (a get-account-authorization-details file or a CloudFormation template); load errors go to stderr, the rest of the account is used. */
export async function accountEnvironment(file: string, io: CliIo): Promise<SimulationEnvironment> {
  const fullPath = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = readFileSync(fullPath, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  const uri = pathToFileURL(fullPath).href;
  const loaded = loadAccountFile(text, uri);
  if (!loaded) throw new CliError(`${file} is neither a get-account-authorization-details export nor a CloudFormation template.`);
  const dataSource = createNodeDataSource(findDataRoot(__dirname));
  const [catalog, store] = await Promise.all([Catalog.load(dataSource), ManagedPolicyStore.load(dataSource)]);
  const model = buildAccountModel([loaded], { managedPolicies: store });
  if (model.accounts.length === 0) throw new CliError(`${file} describes no account.`);
  for (const problem of model.problems.filter((candidate) => candidate.severity === 'error')) {
    io.err(`${file}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.code}: ${problem.message}`);
  }
  return { catalog, actions: await ActionDirectory.load(catalog), cache: new CompiledPolicyCache(), index: new AccountIndex(model, store), fullAwsAccess: fullAwsAccessDocument() };
}

/** `--context KEY=VALUE`, repeatable; a key given twice is multivalued. */
export function parseContextOptions(values: readonly string[] | undefined): SimulationContext {
  const context: Record<string, string | string[]> = {};
  for (const option of values ?? []) {
    const at = option.indexOf('=');
    if (at <= 0) throw new CliError(`--context takes KEY=VALUE (for example aws:MultiFactorAuthPresent=true); got "${option}".`);
    const key = option.slice(0, at);
    const value = option.slice(at + 1);
    const known = context[key];
    context[key] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return context;
}
