/**
 * "Who can": one action on one resource, evaluated for every user and role of the account
 * model with its own policies, boundary and tags, the resource's policy and the workspace
 * documents given (SCPs...). Only the principals with a document that may apply to the action
 * and resource are evaluated (principalDocumentIndex.ts), and only those documents are
 * compiled, once, shared between the principals that use them and read as JSON values
 * (compiledPolicyCache.ts); only the statements of the answer are located in their files.
 */
import type { AccountIndex } from '../account';
import type { IamRole, IamUser } from '../account/model';
import { evaluateRequest, type EvaluationResult, type MatchedStatement } from '../engine';
import { splitValue } from '../policy/match';
import type { SimulationPrincipal, WhoCanParams, WhoCanPrincipal, WhoCanResult } from '../protocol';
import { StatementLocator } from './locate';
import type { CompiledPolicyCache } from './compiledPolicyCache';
import { buildPolicySet, type AddedDocument } from './policySet';
import { describePolicy, type SimulationPolicy } from './policySources';
import { PrincipalDocumentIndex } from './principalDocumentIndex';
import { PrincipalPolicyReader, type PrincipalPolicies } from './principalPolicies';
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
  // Principals share policy records (a group's, a bundled one): each key is built once.
  const keys = new Map<SimulationPolicy, string>();
  const keyOf = (policy: SimulationPolicy) => {
    let key = keys.get(policy);
    if (key === undefined) keys.set(policy, (key = `${policy.type}\n${policy.level ?? ''}\n${policy.id}`));
    return key;
  };
  const lowerAction = action.toLowerCase();
  const lowerService = lowerAction.slice(0, lowerAction.indexOf(':'));
  const onlyOwnPolicies = !resourcePolicy && added.length === 0;

  const { documents, policiesOf } = await accountData(index, env.cache);
  const entities = documents.entities;
  const concerned = documents.concerning({ lowerAction, lowerService, resource: splitValue(resource) });
  // Identity policies that cannot apply to the action and resource are not compiled (actionRelevance.ts).
  const mayApply = (policy: SimulationPolicy) => policy.type !== 'identity' || concerned.mayApply(policy.document);
  // A principal none of whose documents may apply, with nothing else that applies: nothing can
  // allow or deny, so the answer is an implicit deny without evaluating.
  for (const entity of onlyOwnPolicies ? concerned.entities : entities) {
    const own = policiesOf(entity);
    const set = buildPolicySet(own, resourcePolicy, added, () => env.fullAwsAccess);
    const result = evaluateRequest(
      env.cache.assemble(set.policies.filter(mayApply), 'json'),
      { principal: entity.arn, action, resource, resourceAccount: params.resourceAccount, context: params.context, principalTags: own.principalTags, principalUniqueId: own.principalUniqueId },
      { now },
    );
    for (const key of result.missingContextKeys) missing.add(key);
    if (result.decision === 'implicitDeny') continue;
    const answer = { entity, result, policies: set.policies };
    (result.decision === 'allowed' ? allowed : explicitlyDenied).push(answer);
    for (const policy of set.policies) shared.set(keyOf(policy), policy);
  }

  // Only the answer's statements are located (found in their documents' text: statementBounds.ts).
  const locator = new StatementLocator(shared.values(), 'text');
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

/** What "who can" reads once per account model and keeps in the cache. */
interface AccountData {
  /** Every user's and role's documents, filed by the actions they can concern. */
  readonly documents: PrincipalDocumentIndex;
  /** A principal's policies, read the first time it is evaluated. */
  readonly policiesOf: (entity: IamUser | IamRole) => PrincipalPolicies;
}

function accountData(index: AccountIndex, cache: CompiledPolicyCache): Promise<AccountData> {
  return cache.memo(index, 'who can', async () => {
    const entities = index.model.accounts.flatMap((account): (IamUser | IamRole)[] => [...account.users, ...account.roles]);
    const documents = await PrincipalDocumentIndex.build(index, entities);
    const reader = new PrincipalPolicyReader(index, documents.bundled, { idsNameAccounts: true });
    const read = new Map<IamUser | IamRole, PrincipalPolicies>();
    const policiesOf = (entity: IamUser | IamRole) => {
      let policies = read.get(entity);
      if (!policies) read.set(entity, (policies = reader.read(entity)));
      return policies;
    };
    return { documents, policiesOf };
  });
}

interface Answer {
  readonly entity: IamUser | IamRole;
  readonly result: EvaluationResult;
  readonly policies: readonly SimulationPolicy[];
}

export function principalOf(entity: IamUser | IamRole): SimulationPrincipal {
  return { arn: entity.arn, type: entity.type, name: entity.name, accountId: entity.accountId };
}
