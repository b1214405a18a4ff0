/**
 * One case through both simulators. iam-simulate (AGPL) is a devDependency used here only, as
 * a comparison; nothing under server/ or client/ imports it.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { compilePolicies, evaluateRequest, type Decision, type EvaluationResult, type PolicyDocumentInput } from '../../server/src/engine';
import type { Case, Doc } from './generator';

export type PeerOutcome = { readonly decision: Decision } | { readonly rejected: string };

const PEER_DECISIONS: Record<string, Decision> = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

/** The case as iam-simulate takes it (also used by bench/engine.bench.mjs). */
export function peerSimulation(c: Case): Simulation {
  const named = (docs: readonly Doc[], prefix: string) => docs.map((policy, index) => ({ name: `${prefix}${index}`, policy }));
  return {
    request: {
      principal: c.principal.kind === 'anonymous' ? anonymousPrincipal : c.principal.value,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context,
    },
    identityPolicies: named(c.identity, 'identity'),
    serviceControlPolicies: (c.scp ?? []).map((level, index) => ({ orgIdentifier: `scp-level-${index}`, policies: named(level, `scp${index}-`) })),
    resourceControlPolicies: (c.rcp ?? []).map((level, index) => ({ orgIdentifier: `rcp-level-${index}`, policies: named(level, `rcp${index}-`) })),
    resourcePolicy: c.resourcePolicy,
    permissionBoundaryPolicies: c.boundary ? named([c.boundary], 'boundary') : undefined,
    sessionPolicy: c.session,
    vpcEndpointPolicies: c.endpoint ? named([c.endpoint], 'endpoint') : undefined,
  };
}

export async function runPeer(c: Case): Promise<PeerOutcome> {
  const simulation = peerSimulation(c);
  let response: Awaited<ReturnType<typeof runSimulation>>;
  try {
    response = await runSimulation(simulation, {});
  } catch (error) {
    return { rejected: `threw ${error instanceof Error ? error.name : 'an error'}` };
  }
  if (response.resultType === 'error') return { rejected: response.errors.message };
  if (response.resultType === 'wildcard') return { rejected: 'wildcard' };
  if (response.result.ignoredContextKeys?.length) return { rejected: `ignored context keys ${response.result.ignoredContextKeys.join(', ')}` };
  return { decision: PEER_DECISIONS[response.overallResult] };
}

/** The case's policies as our engine takes them, each document made by `document` (also used by bench/engine.bench.mjs). */
export function ourPolicies<T>(c: Case, document: (policy: Doc, id: string) => T) {
  return {
    identity: c.identity.map((policy, index) => document(policy, `identity${index}`)),
    resource: c.resourcePolicy && document(c.resourcePolicy, 'resource'),
    permissionsBoundary: c.boundary && document(c.boundary, 'boundary'),
    session: c.session && document(c.session, 'session'),
    endpoint: c.endpoint && document(c.endpoint, 'endpoint'),
    scp: c.scp?.map((level, l) => level.map((policy, index) => document(policy, `scp${l}-${index}`))),
    rcp: c.rcp?.map((level, l) => level.map((policy, index) => document(policy, `rcp${l}-${index}`))),
  };
}

/** The case's request as our engine takes it. */
export function ourRequest(c: Case) {
  return { principal: c.principal.value, action: c.action, resource: c.resource, resourceAccount: c.resourceAccount, context: c.context };
}

/** Our engine on the case; the policies go in as text (parsed as the editor does), or as values with `asJson`. */
export function runOurs(c: Case, asJson = false): EvaluationResult {
  const document = (policy: Doc, id: string): PolicyDocumentInput => (asJson ? { id, json: policy } : { id, text: JSON.stringify(policy) });
  return evaluateRequest(compilePolicies(ourPolicies(c, document)), ourRequest(c));
}
