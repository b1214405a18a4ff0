/**
 * Node only: reads account files from disk for the CLI and benchmarks. Everything else in
 * account/ takes text, so the server (which gets text from the client or its own file system
 * access) and the browser build share the loaders.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { ManagedPolicyStore } from '../catalog/managedPolicies';
import { buildAccountModel } from './accountModel';
import type { TemplateOptions } from './cloudformation/templateOptions';
import { loadAccountFile } from './loadAccountFile';
import type { AccountModel, LoadedAccountFile } from './model';
import { accountProblem } from './problems';

export async function readAccountFile(path: string, options: { template?: TemplateOptions } = {}): Promise<LoadedAccountFile> {
  const uri = pathToFileURL(path).href;
  const text = await readFile(path, 'utf8');
  return (
    loadAccountFile(text, uri, options) ?? {
      uri,
      format: 'authorization-details',
      accounts: [],
      problems: [
        accountProblem(
          uri,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          'account-unknown-shape',
          'This file is neither a get-account-authorization-details export nor a CloudFormation template.',
        ),
      ],
    }
  );
}

export async function readAccountModel(
  paths: readonly string[],
  options: { template?: TemplateOptions; managedPolicies?: ManagedPolicyStore } = {},
): Promise<AccountModel> {
  const files = await Promise.all(paths.map((path) => readAccountFile(path, options)));
  return buildAccountModel(files, { managedPolicies: options.managedPolicies });
}
