/**
 * The decision across policy types, step by step as reference_policies_evaluation-logic.md
 * ("Determining whether a request is allowed or denied within an account") and
 * reference_policies_evaluation-logic-cross-account.md describe it:
 *
 * 1. An explicit deny in any applicable policy denies.
 * 2. SCPs: every level must have an applicable Allow; "If the enforcement code does not find any
 *    applicable Allow statements in the SCPs, the request is explicitly denied, even if the
 *    denial is implicit." RCPs work the same way on the resource's account, with
 *    RCPFullAWSAccess implied at every level, so only their denies can refuse.
 * 3. Resource-based policies: a grant to the IAM user, the role session or the federated user
 *    session itself is not limited by implicit denies in identity policies, boundaries or
 *    session policies (same account); a grant to the role, or to the user who federated, is
 *    limited by the boundary and the session policy; a grant to the account only delegates.
 *    Role trust policies and KMS key policies "must explicitly allow access for principals".
 * 4-6. Otherwise identity-based policies must allow, the boundary (if any) must allow, and for a
 *    session principal the session policy must allow; without a session policy a role session
 *    is allowed and a federated user session is not.
 * Cross-account: the principal's account (identity, boundary, session, SCPs) and the
 * resource's account (resource-based policy, RCPs) must both allow.
 */
import { isSessionPrincipal, type RequestPrincipal } from './requestPrincipal';
import type { Decision, MatchedStatement, PolicyType, PolicyTypeDecision, PolicyTypeResult, PrincipalMatch } from './types';

const LOGIC = 'reference_policies_evaluation-logic.md';
const CROSS = 'reference_policies_evaluation-logic-cross-account.md';

/** The applicable Allow and Deny statements of one policy (or one SCP/RCP level). */
export interface Applicable {
  readonly allows: MatchedStatement[];
  readonly denies: MatchedStatement[];
}

export interface DecisionInput {
  readonly principal: RequestPrincipal;
  readonly crossAccount: boolean;
  /** The resource's policy must grant explicitly: a role trust policy or a KMS key policy. */
  readonly explicitGrant?: 'role trust policy' | 'KMS key policy';
  readonly identity: Applicable;
  readonly identityGiven: boolean;
  readonly resource?: Applicable;
  readonly boundary?: Applicable;
  readonly session?: Applicable;
  readonly endpoint?: Applicable;
  readonly scp?: readonly Applicable[];
  readonly rcp?: readonly Applicable[];
}

export interface DecisionOutput {
  readonly decision: Decision;
  readonly policyTypes: Partial<Record<PolicyType, PolicyTypeResult>>;
  readonly explanation: string[];
  /** The statements the decision rests on. */
  readonly deciding: Set<MatchedStatement>;
}

const RANK: Record<PrincipalMatch, number> = { direct: 3, role: 2, federatedUser: 2, account: 1 };

export function decide(input: DecisionInput): DecisionOutput {
  const { principal } = input;
  const explanation: string[] = [];
  const deciding = new Set<MatchedStatement>();
  const inAccount = 'account' in principal;
  const isRoot = principal.kind === 'root';
  const identityApplies = inAccount && !isRoot;
  const sessionApplies = isSessionPrincipal(principal);
  const policyTypes = describeTypes(input, { inAccount, identityApplies, sessionApplies });

  const finish = (decision: Decision): DecisionOutput => ({ decision, policyTypes, explanation, deciding });

  // 1. Explicit deny anywhere.
  const applicableDenies = [
    ...(inAccount ? (input.scp ?? []).flatMap((level) => level.denies) : []),
    ...(input.rcp ?? []).flatMap((level) => level.denies),
    ...(input.endpoint?.denies ?? []),
    ...(input.resource?.denies ?? []),
    ...(identityApplies ? input.identity.denies : []),
    ...(identityApplies ? (input.boundary?.denies ?? []) : []),
    ...(sessionApplies ? (input.session?.denies ?? []) : []),
  ];
  if (applicableDenies.length > 0) {
    applicableDenies.forEach((statement) => deciding.add(statement));
    explanation.push(`Explicit deny: ${applicableDenies.map(describe).join('; ')}. "An explicit deny in any policy overrides any allows" (${LOGIC}).`);
    if (applicableDenies.some((statement) => statement.unevaluable)) {
      explanation.push('A Deny statement that could not be fully evaluated is taken as applying, so the decision errs on the side of denying (see errors).');
    }
    return finish('explicitDeny');
  }

  // 2. Organizations policies.
  if (inAccount && input.scp && input.scp.length > 0) {
    const missing = input.scp.findIndex((level) => level.allows.length === 0);
    if (missing >= 0) {
      explanation.push(
        `SCP level ${missing} (${levelName(missing, input.scp.length)}) has no Allow that applies. "If the enforcement code does not find any applicable Allow statements in the SCPs, the request is explicitly denied, even if the denial is implicit" (${LOGIC}).`,
      );
      return finish('explicitDeny');
    }
    input.scp.forEach((level) => level.allows.forEach((statement) => deciding.add(statement)));
    explanation.push(`Every SCP level, from the organization root to the account, allows the request (${LOGIC}).`);
  }
  if (input.endpoint && input.endpoint.allows.length === 0) {
    explanation.push('The VPC endpoint policy does not allow the request: it is implicitly denied.');
    return finish('implicitDeny');
  }
  input.endpoint?.allows.forEach((statement) => deciding.add(statement));

  // 3-6. Who is asking decides which grants count.
  const allowed = principalPath(input, explanation, deciding, { identityApplies, sessionApplies });
  if (!allowed) deciding.clear();
  return finish(allowed ? 'allowed' : 'implicitDeny');
}

function principalPath(
  input: DecisionInput,
  explanation: string[],
  deciding: Set<MatchedStatement>,
  applies: { identityApplies: boolean; sessionApplies: boolean },
): boolean {
  const { principal } = input;
  const resourceAllows = input.resource?.allows ?? [];
  const grantsAt = (levels: PrincipalMatch[]) => resourceAllows.filter((statement) => statement.principalMatch && levels.includes(statement.principalMatch));
  const use = (statements: readonly MatchedStatement[]) => statements.forEach((statement) => deciding.add(statement));

  if (principal.kind === 'anonymous' || principal.kind === 'external' || principal.kind === 'invalid') {
    const direct = grantsAt(['direct']);
    if (direct.length > 0) {
      use(direct);
      explanation.push(`The resource-based policy allows this principal: ${direct.map(describe).join('; ')}.`);
      return true;
    }
    explanation.push(
      principal.kind === 'anonymous'
        ? 'An anonymous request is allowed only by a resource-based policy whose Principal is "*" (reference_policies_elements_principal.md); none applies.'
        : 'A principal outside any account is allowed only by a resource-based policy that names it; none applies.',
    );
    return false;
  }

  const identityAllows = principal.kind === 'root' || input.identity.allows.length > 0;
  const boundaryAllows = !applies.identityApplies || !input.boundary || input.boundary.allows.length > 0;
  const sessionAllows = !applies.sessionApplies || (input.session ? input.session.allows.length > 0 : principal.kind !== 'federatedUser');
  const limitsHold = boundaryAllows && sessionAllows;
  const identityStatements = [...input.identity.allows, ...(input.boundary?.allows ?? []), ...(applies.sessionApplies ? (input.session?.allows ?? []) : [])];

  if (input.crossAccount) {
    const resourceSide = grantsAt(['direct', 'role', 'federatedUser', 'account']);
    const principalSide = identityAllows && limitsHold;
    if (principalSide && resourceSide.length > 0) {
      use(identityStatements);
      use(resourceSide);
      explanation.push(`Cross-account: the principal's account allows the request (${identityReason(principal.kind === 'root')}) and the resource's policy allows the principal; "The request is allowed only if both evaluations return a decision of Allow" (${CROSS}).`);
      return true;
    }
    if (!principalSide) explanation.push(`Cross-account: the principal's account does not allow the request: ${missingLimit(input, identityAllows, boundaryAllows, sessionAllows)} (${CROSS}).`);
    if (resourceSide.length === 0) explanation.push(`Cross-account: no resource-based policy in the resource's account allows the principal (${CROSS}).`);
    return false;
  }

  // Same account. Grants to the user or session itself.
  const direct = grantsAt(['direct']);
  if (direct.length > 0) {
    use(direct);
    explanation.push(`The resource-based policy grants this principal directly (${direct.map(describe).join('; ')}); such a grant is not limited by implicit denies in identity-based policies, permissions boundaries or session policies (${LOGIC}).`);
    return true;
  }
  // Grants to the role of a role session, or to the user behind a federated user session.
  const entity = grantsAt(['role', 'federatedUser']);
  if (entity.length > 0 && limitsHold) {
    use(entity);
    use([...(input.boundary?.allows ?? []), ...(applies.sessionApplies ? (input.session?.allows ?? []) : [])]);
    explanation.push(`The resource-based policy grants the ${principal.kind === 'federatedUser' ? 'IAM user who federated' : 'role'} (${entity.map(describe).join('; ')}), which is limited only by the permissions boundary and the session policy, and both allow (${LOGIC}).`);
    return true;
  }
  if (entity.length > 0) explanation.push(`The resource-based policy grants the ${principal.kind === 'federatedUser' ? 'IAM user who federated' : 'role'}, but ${missingLimit(input, true, boundaryAllows, sessionAllows)} (${LOGIC}).`);

  // Identity-based path.
  if (input.explicitGrant) {
    const delegated = grantsAt(['account']);
    if (delegated.length === 0) {
      explanation.push(
        input.resource
          ? `The ${input.explicitGrant} does not allow the principal's account, so identity-based policies cannot grant access: role trust policies and KMS key policies "must explicitly allow access for principals" (${LOGIC}).`
          : `No ${input.explicitGrant} was given: role trust policies and KMS key policies "must explicitly allow access for principals" (${LOGIC}).`,
      );
      return false;
    }
    use(delegated);
  }
  if (identityAllows && limitsHold) {
    use(identityStatements);
    explanation.push(principal.kind === 'root' ? `The AWS account root user has full access in its own account (${LOGIC}).` : `Identity-based policies allow the request${input.boundary ? ', the permissions boundary allows it' : ''}${applies.sessionApplies ? (input.session ? ', and the session policy allows it' : ', and a role session without a session policy keeps its role\'s permissions') : ''} (${LOGIC}).`);
    return true;
  }
  explanation.push(`Implicit deny: ${missingLimit(input, identityAllows, boundaryAllows, sessionAllows)} (${LOGIC}).`);
  return false;
}

function missingLimit(input: DecisionInput, identityAllows: boolean, boundaryAllows: boolean, sessionAllows: boolean): string {
  if (!identityAllows) return input.identityGiven ? 'no identity-based policy allows the request' : 'no identity-based policy was given';
  if (!boundaryAllows) return 'the permissions boundary does not allow the request';
  if (!sessionAllows) {
    return input.session
      ? 'the session policy does not allow the request'
      : 'a federated user session has no session policy, and "If there is no session policy ... [and the principal is not a role session], the request is implicitly denied"';
  }
  return 'nothing allows the request';
}

function identityReason(root: boolean): string {
  return root ? 'the root user has full access in its account' : 'identity-based policies, and any boundary and session policy, allow it';
}

function levelName(level: number, count: number): string {
  if (level === 0) return 'organization root';
  return level === count - 1 ? 'account' : 'organizational unit';
}

function describe(statement: MatchedStatement): string {
  const level = statement.level !== undefined ? ` level ${statement.level}` : '';
  const sid = statement.sid ? ` "${statement.sid}"` : '';
  return `${statement.policyType}${level} policy "${statement.policyId}" statement ${statement.statementIndex}${sid}${statement.unevaluable ? ' (could not be fully evaluated)' : ''}`;
}

function describeTypes(
  input: DecisionInput,
  applies: { inAccount: boolean; identityApplies: boolean; sessionApplies: boolean },
): Partial<Record<PolicyType, PolicyTypeResult>> {
  const types: Partial<Record<PolicyType, PolicyTypeResult>> = {};
  const of = (applicable: Applicable): PolicyTypeDecision =>
    applicable.denies.length > 0 ? 'explicitDeny' : applicable.allows.length > 0 ? 'allowed' : 'implicitDeny';
  const notApplicable = (note: string): PolicyTypeResult => ({ decision: 'notApplicable', note });

  if (input.scp) {
    if (!applies.inAccount) types.scp = notApplicable('SCPs apply to principals of the accounts they are attached to; this principal is in none.');
    else {
      const levels = input.scp.map(of);
      types.scp = { decision: combineLevels(levels), levels };
    }
  }
  if (input.rcp) {
    const levels = input.rcp.map((level) => (level.denies.length > 0 ? 'explicitDeny' : 'allowed') as PolicyTypeDecision);
    types.rcp = { decision: combineLevels(levels), levels, note: 'RCPFullAWSAccess is implied at every level.' };
  }
  if (input.endpoint) types.endpoint = { decision: of(input.endpoint) };
  if (input.resource) {
    const strongest = input.resource.allows.reduce<PrincipalMatch | undefined>(
      (best, statement) => (statement.principalMatch && (!best || RANK[statement.principalMatch] > RANK[best]) ? statement.principalMatch : best),
      undefined,
    );
    types.resource = { decision: of(input.resource), principalMatch: strongest };
  }
  if (input.identityGiven || input.principal.kind === 'root') {
    types.identity = applies.identityApplies
      ? { decision: of(input.identity) }
      : input.principal.kind === 'root'
        ? { decision: 'allowed', note: 'The root user has full access; identity-based policies cannot be attached to it.' }
        : notApplicable('Identity-based policies belong to IAM users and roles.');
  }
  if (input.boundary) types.boundary = applies.identityApplies ? { decision: of(input.boundary) } : notApplicable('Permissions boundaries apply to IAM users and roles.');
  if (input.session) types.session = applies.sessionApplies ? { decision: of(input.session) } : notApplicable('Session policies apply to role sessions and federated user sessions.');
  return types;
}

function combineLevels(levels: readonly PolicyTypeDecision[]): PolicyTypeDecision {
  if (levels.includes('explicitDeny')) return 'explicitDeny';
  if (levels.includes('implicitDeny')) return 'implicitDeny';
  return 'allowed';
}
