/**
 * "Who can": one action on one resource, evaluated for every user and role of the account
 * model with its own policies, boundary and tags, the resource's policy and the workspace
 * documents given (SCPs...). Documents are compiled once and shared between the principals
 * that use them, read as JSON values (compiledPolicyCache.ts); only the statements of the
 * answer are located in their files.
 */
import type { IamRole, IamUser } from '../account/model';
import { evaluateRequest, type EvaluationResult, type MatchedStatement } from '../engine';
import type { SimulationPrincipal, WhoCanParams, WhoCanPrincipal, WhoCanResult } from '../protocol';
import { StatementLocator } from './locate';
import { buildPolicySet, type AddedDocument } from './policySet';
import { describePolicy, type LocatableDocument, type SimulationPolicy } from './policySources';
import { principalDocumentsLookup, principalPoliciesWith, readBundledDocuments, type PrincipalPolicies } from './principalPolicies';
import { resourcePolicyOf } from './resourcePolicy';
import type { SimulationEnvironment } from './simulate';

const CONCRETE_ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;

export async function whoCan(params: WhoCanParams, added: readonly AddedDocument[], env: SimulationEnvironment): Promise<WhoCanResult> {
  const empty = { params, allowed: [], explicitlyDenied: [], evaluated: 0, policies: [], statementTexts: {}, missingContextKeys: [], notes: [] };
  const action = String(params.action ?? '').trim();
  if (!CONCRETE_ACTION.test(action)) return { ...empty, error: `"Who can" takes one concrete action such as "s3:GetObject"; got "${action}".` };
  const resource = String(params.resource ?? '').trim();
  if (resource === '') return { ...empty, error: 'The resource is empty: give an ARN, or "*" for actions that take no resource.' };
  const index = env.index;
  if (!index || index.model.accounts.length === 0) return { ...empty, error: 'No account model: the workspace has no account export or CloudFormation template with users or roles.' };

  const notes: string[] = [];
  if (!env.actions.find(action)) notes.push(`${action} is not an action in the service reference; it was evaluated as written.`);
  const resourcePolicy = resourcePolicyOf(index, action, resource);
  const now = env.now ?? Date.now();
  const allowed: Answer[] = [];
  const explicitlyDenied: Answer[] = [];
  const missing = new Set<string>();
  const shared = new Map<string, SimulationPolicy>();
  const lowerAction = action.toLowerCase();
  const lowerService = lowerAction.slice(0, lowerAction.indexOf(':'));
  const concernsDocument = (document: LocatableDocument) => env.cache.mayConcern(document, lowerAction, lowerService);
  // Identity policies that cannot concern the action are not compiled (actionRelevance.ts).
  const concerns = (policy: SimulationPolicy) => policy.type !== 'identity' || env.cache.mayConcern(policy.document, lowerAction, lowerService, policy.origin !== 'workspace');
  const onlyOwnPolicies = !resourcePolicy && added.length === 0;

  const entities: (IamUser | IamRole)[] = index.model.accounts.flatMap((account) => [...account.users, ...account.roles]);
  // Read once per account model, with the principals' documents and policies (kept in the cache).
  const bundled = await env.cache.memo(index, 'bundled documents', () => readBundledDocuments(index, entities));
  const documentsOf = env.cache.memo(index, 'principal documents', () => principalDocumentsLookup(index, bundled));
  const policiesOf = env.cache.memo(index, 'principal policies', () => new Map<IamUser | IamRole, PrincipalPolicies>());
  for (const entity of entities) {
    // Nothing of this principal's concerns the action and nothing else applies: nothing can
    // allow or deny, so the answer is an implicit deny without evaluating (actionRelevance.ts).
    if (onlyOwnPolicies) {
      const documents = documentsOf(entity);
      if (!documents.identity.some(concernsDocument) && !(documents.boundary && concernsDocument(documents.boundary))) continue;
    }
    let own = policiesOf.get(entity);
    if (!own) policiesOf.set(entity, (own = principalPoliciesWith(index, entity, bundled)));
    const set = buildPolicySet(own, resourcePolicy, added, () => env.fullAwsAccess);
    const result = evaluateRequest(
      env.cache.assemble(set.policies.filter(concerns), 'json'),
      { principal: entity.arn, action, resource, resourceAccount: params.resourceAccount, context: params.context, principalTags: own.principalTags, principalUniqueId: own.principalUniqueId },
      { now },
    );
    for (const key of result.missingContextKeys) missing.add(key);
    if (result.decision === 'implicitDeny') continue;
    const answer = { entity, result, policies: set.policies };
    (result.decision === 'allowed' ? allowed : explicitlyDenied).push(answer);
    for (const policy of set.policies) shared.set(`${policy.type}\n${policy.level ?? ''}\n${policy.id}`, policy);
  }

  // Only the answer's statements are located (and their documents parsed with ranges).
  const locator = new StatementLocator(shared.values());
  const describe = ({ entity, result }: Answer): WhoCanPrincipal => ({
    ...principalOf(entity),
    decision: result.decision,
    statements: result.matchedStatements.filter((statement) => statement.deciding).map((statement): MatchedStatement => locator.locate(statement)),
  });
  // The policies every principal shares: the resource's and the documents given.
  const common = buildPolicySet(undefined, resourcePolicy, added, () => env.fullAwsAccess);
  return {
    params,
    allowed: allowed.map(describe),
    explicitlyDenied: explicitlyDenied.map(describe),
    evaluated: entities.length,
    policies: common.policies.map(describePolicy),
    statementTexts: locator.texts,
    missingContextKeys: [...missing].sort((a, b) => a.localeCompare(b)),
    notes: [...notes, ...common.notes],
  };
}

interface Answer {
  readonly entity: IamUser | IamRole;
  readonly result: EvaluationResult;
  readonly policies: readonly SimulationPolicy[];
}

export function principalOf(entity: IamUser | IamRole): SimulationPrincipal {
  return { arn: entity.arn, type: entity.type, name: entity.name, accountId: entity.accountId };
}
