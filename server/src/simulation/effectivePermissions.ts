/**
 * Effective permissions of a principal: every action its identity-based policies allow
 * (expanded over the service reference), evaluated with everything else that applies to it
 * (its permissions boundary, the SCPs and session policy given, explicit denies) on the
 * resources the allowing statements name, with policy variables filled in from the principal
 * (reference_policies_variables.md). The answer groups the allowed actions by service and
 * access level and flags the risky ones (analysis/securityRisks.ts); actions a policy grants
 * but that end up refused are listed with the reason. Resource-based policies are not part of
 * it: they belong to resources, not to the principal.
 */
import { evaluateRequest, parseRequestPrincipal, type Decision, type EvaluationResult, type StatementRef } from '../engine';
import { principalAccount, principalContext, timeContext } from '../engine/requestPrincipal';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, PRIVILEGE_ESCALATION_METHODS } from '../analysis/securityRisks';
import type { Statement } from '../policy/ast';
import { compileActionPatterns } from '../policy/match';
import { parseTemplate, resolveTemplate, VARIABLES_VERSION } from '../policy/variables';
import type { EffectiveAction, EffectiveDeniedAction, EffectivePermissionsParams, EffectivePermissionsResult, EffectiveService, PermissionRisk } from '../protocol';
import { StatementLocator } from './locate';
import { buildPolicySet, type AddedDocument } from './policySet';
import { describePolicy, type SimulationPolicy } from './policySources';
import { ownPolicies, type SimulationEnvironment } from './simulate';

interface Candidate {
  readonly accessLevel: string;
  readonly resources: Set<string>;
}

const lowerSet = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase()));
const CREDENTIALS = lowerSet(CREDENTIALS_EXPOSURE_ACTIONS);
const EXFILTRATION = lowerSet(DATA_EXFILTRATION_ACTIONS);
const ESCALATION = lowerSet(PRIVILEGE_ESCALATION_METHODS.flatMap((method) => method.actions));

export async function effectivePermissions(params: EffectivePermissionsParams, added: readonly AddedDocument[], env: SimulationEnvironment): Promise<EffectivePermissionsResult> {
  const empty = { params, services: [], allowedCount: 0, denied: [], privilegeEscalation: [], credentialExposure: [], missingContextKeys: [], policies: [], statementTexts: {}, notes: [] };
  const principalText = String(params.principal ?? '').trim();
  const principal = parseRequestPrincipal(principalText);
  if (principal.kind === 'invalid') return { ...empty, error: principal.message };

  const { own, notes } = await ownPolicies(principalText, principal.kind, params.useAccountModel !== false ? env.index : undefined);
  const set = buildPolicySet(own, undefined, added.filter((document) => document.type !== 'resource'), () => env.fullAwsAccess);
  const identity = set.policies.filter((policy) => policy.type === 'identity');
  if (identity.length === 0) return { ...empty, policies: set.policies.map(describePolicy), notes: [...notes, ...set.notes], error: `No identity-based policy applies to ${principalText}: pick a user or role of the account model, or add an identity policy document.` };

  const details = { principalTags: own?.principalTags, principalUniqueId: own?.principalUniqueId };
  const now = env.now ?? Date.now();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...principalContext(principal, details), ...timeContext(now) })) values[key.toLowerCase()] = value;
  for (const [key, value] of Object.entries(params.context ?? {})) if (typeof value === 'string') values[key.toLowerCase()] = value;
  const candidates = candidateActions(identity, env, (name) => values[name.toLowerCase()]);

  const compiled = env.cache.assemble(set.policies, 'ast');
  const locator = new StatementLocator(set.policies);
  const allowed: EffectiveAction[] = [];
  const denied: EffectiveDeniedAction[] = [];
  const missing = new Set<string>();
  for (const [action, candidate] of candidates) {
    const resources: string[] = [];
    const statements = new Map<string, StatementRef>();
    let refusal: EvaluationResult | undefined;
    for (const resource of candidate.resources) {
      // The principal's own account unless the ARN names one: a Resource such as arn:aws:iam::*:user/x is not another account.
      const resourceAccount = /^\d{12}$/.test(resource.split(':')[4] ?? '') ? undefined : principalAccount(principal);
      const result = evaluateRequest(compiled, { principal: principalText, action, resource, resourceAccount, context: params.context, ...details }, { now });
      for (const key of result.missingContextKeys) missing.add(key);
      if (result.decision === 'allowed') {
        resources.push(resource);
        for (const statement of result.matchedStatements) {
          if (statement.deciding && statement.policyType === 'identity') statements.set(`${statement.policyId}#${statement.statementIndex}`, statement);
        }
      } else if (!refusal || (result.decision === 'explicitDeny' && refusal.decision !== 'explicitDeny')) refusal = result;
    }
    if (resources.length > 0) {
      allowed.push({ action, accessLevel: candidate.accessLevel, resources, statements: [...statements.values()].map((statement) => locator.locate(statement)), risks: risksOf(action) });
    } else if (refusal) {
      denied.push(deniedAction(action, candidate.accessLevel, refusal, locator));
    }
  }

  const allowedNames = new Set(allowed.map((entry) => entry.action.toLowerCase()));
  return {
    params,
    services: groupByService(allowed, env),
    allowedCount: allowed.length,
    denied,
    privilegeEscalation: PRIVILEGE_ESCALATION_METHODS.filter((method) => method.actions.every((action) => allowedNames.has(action.toLowerCase()))).map((method) => ({ method: method.name, actions: method.actions })),
    credentialExposure: allowed.filter((entry) => entry.risks.includes('credential-exposure')).map((entry) => entry.action),
    missingContextKeys: [...missing].sort((a, b) => a.localeCompare(b)),
    policies: set.policies.map(describePolicy),
    statementTexts: locator.texts,
    notes: [...notes, ...set.notes, 'Resource-based policies are not part of effective permissions: they belong to each resource (simulate a request on one to include its policy).'],
  };
}

/**
 * The actions the identity policies' Allow statements name (a NotAction statement: every action
 * it does not list), each with the resources those statements name, variables filled in.
 */
function candidateActions(identity: readonly SimulationPolicy[], env: SimulationEnvironment, resolve: (name: string) => string | undefined): Map<string, Candidate> {
  const candidates = new Map<string, Candidate>();
  const add = (action: string, accessLevel: string, resources: readonly string[]) => {
    let candidate = candidates.get(action);
    if (!candidate) candidates.set(action, (candidate = { accessLevel, resources: new Set() }));
    for (const resource of resources) candidate.resources.add(resource);
  };
  for (const policy of identity) {
    const variablesEnabled = policy.document.ast.version?.value?.value === VARIABLES_VERSION;
    for (const statement of policy.document.ast.statements) {
      if (statement.effect?.value?.value !== 'Allow') continue;
      const resources = statementResources(statement, variablesEnabled, resolve);
      if (statement.notAction) {
        const excluded = compileActionPatterns(statement.notAction.values.map((value) => value.value));
        for (const action of env.actions.expandNames('*')) if (excluded.indexOf(action.fullName) < 0) add(action.fullName, action.accessLevel, resources);
        continue;
      }
      const patterns: string[] = [];
      for (const value of statement.action?.values ?? []) {
        if (/[*?]/.test(value.value)) patterns.push(value.value);
        else add(env.actions.find(value.value)?.fullName ?? value.value, env.actions.accessLevel(value.value) ?? 'Unknown', resources);
      }
      // One pass over the reference for all wildcard values (AWS managed policies have hundreds).
      if (patterns.length > 0) {
        const covered = compileActionPatterns(patterns);
        for (const action of env.actions.expandNames('*')) if (covered.indexOf(action.fullName) >= 0) add(action.fullName, action.accessLevel, resources);
      }
    }
  }
  return candidates;
}

/** The Resource values to ask about: as written, with variables the principal answers filled in; "*" for NotResource. */
function statementResources(statement: Statement, variablesEnabled: boolean, resolve: (name: string) => string | undefined): string[] {
  if (!statement.resource) return ['*'];
  return statement.resource.values.map((value) => {
    const resolved = resolveTemplate(parseTemplate(value.value, variablesEnabled), resolve);
    // A variable without a value leaves the statement unable to match (reference_policies_variables.md): keep it as written.
    return resolved ? resolved.map((piece) => (piece.kind === 'variable' ? '' : piece.text)).join('') : value.value;
  });
}

function risksOf(action: string): PermissionRisk[] {
  const lower = action.toLowerCase();
  const risks: PermissionRisk[] = [];
  if (ESCALATION.has(lower)) risks.push('privilege-escalation');
  if (CREDENTIALS.has(lower)) risks.push('credential-exposure');
  if (EXFILTRATION.has(lower)) risks.push('data-exfiltration');
  return risks;
}

function deniedAction(action: string, accessLevel: string, result: EvaluationResult, locator: StatementLocator): EffectiveDeniedAction {
  const statements: StatementRef[] =
    result.decision === 'explicitDeny'
      ? result.matchedStatements.filter((statement) => statement.deciding)
      : result.unmatchedStatements.filter((statement) => statement.effect === 'Allow' && statement.reason.element === 'condition');
  return {
    action,
    accessLevel,
    decision: result.decision as Exclude<Decision, 'allowed'>,
    reason: result.explanation[result.explanation.length - 1] ?? '',
    statements: statements.map((statement) => locator.locate(statement)),
  };
}

const LEVEL_ORDER = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

function groupByService(allowed: readonly EffectiveAction[], env: SimulationEnvironment): EffectiveService[] {
  const services = new Map<string, Map<string, EffectiveAction[]>>();
  for (const entry of allowed) {
    const service = entry.action.slice(0, entry.action.indexOf(':'));
    let levels = services.get(service);
    if (!levels) services.set(service, (levels = new Map()));
    const list = levels.get(entry.accessLevel) ?? [];
    list.push(entry);
    levels.set(entry.accessLevel, list);
  }
  const rank = (level: string) => {
    const index = LEVEL_ORDER.findIndex((known) => level.startsWith(known));
    return index < 0 ? LEVEL_ORDER.length : index;
  };
  return [...services.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, levels]) => ({
      service,
      name: env.catalog.getServiceSummary(service)?.name,
      levels: [...levels.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([accessLevel, actions]) => ({ accessLevel, actions })),
    }));
}
