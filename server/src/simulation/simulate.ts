/**
 * "Simulate access": one request (or one per action of a pattern: the batch table) for a
 * principal, with the policies the account model gives it, the resource's policy, and the
 * workspace documents the user added. The editor and `iam-policy-studio simulate --account`
 * both call this; the result carries everything the panel shows.
 */
import type { AccountIndex } from '../account';
import type { Catalog } from '../catalog/catalog';
import { evaluateActions, parseRequestPrincipal, type EvaluationResult, type SimulationRequest } from '../engine';
import type { SimulateAccessParams, SimulateAccessResult } from '../protocol';
import type { ActionDirectory } from './actionDirectory';
import { cliRequestOf } from './cliRequest';
import type { CompiledPolicyCache } from './compiledPolicyCache';
import { contextKeysOf } from './contextKeys';
import { StatementLocator } from './locate';
import { buildPolicySet, type AddedDocument } from './policySet';
import { describePolicy, type LocatableDocument } from './policySources';
import { findPrincipalEntity, principalPolicies, type PrincipalPolicies } from './principalPolicies';
import { resourcePolicyOf } from './resourcePolicy';

export interface SimulationEnvironment {
  readonly catalog: Catalog;
  readonly actions: ActionDirectory;
  readonly cache: CompiledPolicyCache;
  readonly index?: AccountIndex;
  /** One FullAWSAccess document per environment, so its compiled form is cached (policySet.ts). */
  readonly fullAwsAccess: LocatableDocument;
  /** Request time for aws:CurrentTime; default now. */
  readonly now?: number;
}

/** "service:Action", wildcards allowed (the CLI request file's rule). */
const ACTION = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/;

export async function simulateAccess(params: SimulateAccessParams, added: readonly AddedDocument[], env: SimulationEnvironment): Promise<SimulateAccessResult> {
  const failed = (error: string): SimulateAccessResult => ({ params, results: [], accessLevels: {}, policies: [], statementTexts: {}, contextKeys: [], cliRequest: undefined, notes: [], error });
  const principalText = String(params.principal ?? '').trim();
  const principal = parseRequestPrincipal(principalText);
  if (principal.kind === 'invalid') return failed(principal.message);
  const action = String(params.action ?? '').trim();
  if (!ACTION.test(action)) return failed(`The action must look like "service:Action" (wildcards allowed); got "${action}".`);
  const actions = env.actions.expand(action);
  if (actions.length === 0) return failed(`No action in the service reference matches "${action}".`);
  const resource = String(params.resource ?? '').trim();
  if (resource === '') return failed('The resource is empty: give an ARN, or "*" for actions that take no resource.');

  const { own, notes } = await ownPolicies(principalText, principal.kind, params.useAccountModel !== false ? env.index : undefined);
  const resourcePolicy = env.index ? resourcePolicyOf(env.index, action, resource) : undefined;
  const set = buildPolicySet(own, resourcePolicy, added, () => env.fullAwsAccess);
  const compiled = env.cache.assemble(set.policies, 'ast');
  const details = { principalTags: own?.principalTags, principalUniqueId: own?.principalUniqueId };
  const request: SimulationRequest = { principal: principalText, action, resource, resourceAccount: params.resourceAccount, context: params.context, ...details };
  const now = env.now ?? Date.now();
  const multi = evaluateActions(compiled, request, () => actions, { now });

  const locator = new StatementLocator(set.policies);
  const results = multi.results.map((result) => locator.locateResult(actions.length === 1 ? withCatalogWarnings(result, env.actions) : result));
  const accessLevels: Record<string, string> = {};
  for (const one of actions) {
    const level = env.actions.accessLevel(one);
    if (level) accessLevels[one] = level;
  }
  const contextKeys = await contextKeysOf(results, locator, env.catalog, { principal, details, context: params.context, now });
  return {
    params,
    decision: actions.length === 1 ? results[0].decision : multi.decision,
    results,
    accessLevels,
    policies: set.policies.map(describePolicy),
    statementTexts: locator.texts,
    contextKeys,
    cliRequest: cliRequestOf({ principal, principalText, action, resource, resourceAccount: params.resourceAccount, context: params.context, details, policies: set.policies }),
    notes: [...notes, ...set.notes],
  };
}

/** The principal's policies from the account model, or a note saying why there are none. */
export async function ownPolicies(arn: string, kind: string, index: AccountIndex | undefined): Promise<{ own?: PrincipalPolicies; notes: string[] }> {
  if (!index) return { notes: [] };
  const entity = findPrincipalEntity(index, arn);
  if (entity) return { own: await principalPolicies(index, entity), notes: [] };
  const inModel = ['user', 'role', 'roleSession'].includes(kind);
  return { notes: inModel && index.model.accounts.length > 0 ? [`${arn} is not a user or role of the account model: only the documents given were evaluated.`] : [] };
}

/** An action the service reference does not know is still evaluated, with a warning (as the CLI does). */
function withCatalogWarnings(result: EvaluationResult, actions: ActionDirectory): EvaluationResult {
  const action = result.request.action;
  const prefix = action.slice(0, action.indexOf(':'));
  if (!actions.isService(prefix)) return { ...result, errors: [...result.errors, { message: `"${prefix}" is not a service prefix in the service reference.` }] };
  if (actions.find(action)) return result;
  return { ...result, errors: [...result.errors, { message: `${action} is not an action of ${prefix} in the service reference.` }] };
}
