/**
 * A simulation as the request file of `iam-policy-studio simulate --request FILE`
 * (engine/simulationFile.ts): the same request and the same policies, so the CLI gives the same
 * decision. Policies go in as JSON values, bundled AWS managed policies by ARN (the CLI resolves
 * them offline), and what the account model adds to the request context (principal tags, the
 * unique id in aws:userid) as explicit context keys, which the file format can hold.
 */
import type { ContextValue, PolicyType } from '../engine';
import { principalContext, type PrincipalDetails, type RequestPrincipal } from '../engine/requestPrincipal';
import type { SimulationContext } from '../protocol';
import type { SimulationPolicy } from './policySources';

export interface CliRequestInput {
  readonly principal: RequestPrincipal;
  readonly principalText: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context?: SimulationContext;
  readonly details: PrincipalDetails;
  readonly policies: readonly SimulationPolicy[];
}

const FILE_KEYS: Record<Exclude<PolicyType, 'identity' | 'scp' | 'rcp'>, string> = {
  resource: 'resource',
  boundary: 'permissionsBoundary',
  session: 'session',
  endpoint: 'endpoint',
};

export function cliRequestOf(input: CliRequestInput): unknown {
  const derived = principalContext(input.principal, input.details);
  const fromModel: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(derived)) {
    if (key.startsWith('aws:PrincipalTag/') || key === 'aws:userid') fromModel[key] = value;
  }
  const context = { ...fromModel, ...(input.context ?? {}) };
  const request: Record<string, unknown> = { principal: input.principalText, action: input.action, resource: input.resource };
  if (input.resourceAccount) request.resourceAccount = input.resourceAccount;
  if (Object.keys(context).length > 0) request.context = context;

  const policies: Record<string, unknown> = {};
  const identity = input.policies.filter((policy) => policy.type === 'identity');
  if (identity.length > 0) policies.identity = identity.map(documentValue);
  for (const [type, key] of Object.entries(FILE_KEYS)) {
    const policy = input.policies.find((candidate) => candidate.type === type);
    if (policy) policies[key] = documentValue(policy);
  }
  for (const type of ['scp', 'rcp'] as const) {
    const ofType = input.policies.filter((policy) => policy.type === type);
    if (ofType.length === 0) continue;
    const count = Math.max(...ofType.map((policy) => policy.level ?? 0)) + 1;
    policies[type] = Array.from({ length: count }, (_, level) => ofType.filter((policy) => (policy.level ?? 0) === level).map(documentValue));
  }
  return { request, policies };
}

function documentValue(policy: SimulationPolicy): unknown {
  if (policy.origin === 'aws-managed' && policy.document.arn) return policy.document.arn;
  try {
    return JSON.parse(policy.document.text);
  } catch {
    // The file format takes a policy's JSON text too; the CLI then reports what is wrong with it.
    return policy.document.text;
  }
}
