/**
 * `evaluateRequest(compiled, request)`: one request against compiled policies, with the trace
 * the result panel and the CLI show. `evaluateActions` does the same for an action pattern
 * (`s3:Get*`, `s3:*`), one result per concrete action. Neither throws on bad input.
 */
import { accountOfArn, parseArn } from '../policy/arn';
import { splitValue } from '../policy/match';
import type { CompiledPolicies, CompiledPolicy } from './compile';
import { RequestContext } from './context';
import { decide, type Applicable } from './decide';
import { derivedValue, isSessionPrincipal, parseRequestPrincipal, principalAccount, timeValue } from './requestPrincipal';
import { evaluateStatement, type PreparedRequest } from './statement';
import type {
  Decision,
  EvaluationError,
  EvaluationOptions,
  EvaluationResult,
  MatchedStatement,
  MismatchReason,
  MultiActionResult,
  PrincipalMatch,
  SimulationRequest,
  StatementRef,
  UnmatchedStatement,
} from './types';

export function evaluateRequest(compiled: CompiledPolicies, request: SimulationRequest, options: EvaluationOptions = {}): EvaluationResult {
  const errors: EvaluationError[] = [...compiled.errors];
  const principal = parseRequestPrincipal(String(request.principal ?? ''));
  if (principal.kind === 'invalid') errors.push({ message: principal.message });
  const action = String(request.action ?? '');
  if (!/^[^:*?]+:[^:*?]+$/.test(action)) {
    errors.push({ message: `"${action}" is not one concrete action of the form "service:Action"; patterns need evaluateActions.` });
  }
  const resource = String(request.resource ?? '');
  if (resource !== '*' && !parseArn(resource)) errors.push({ message: `The resource "${resource}" is not an ARN (nor "*"); only Resource values that are not ARNs can match it.` });

  const now = options.now ?? Date.now();
  const context = new RequestContext(request.context, (lowerKey) => derivedValue(principal, request, lowerKey) ?? timeValue(now, lowerKey));
  const boundaryGiven = !!compiled.boundary;
  const prepared: PreparedRequest = {
    action,
    lowerAction: action.toLowerCase(),
    lowerService: action.slice(0, Math.max(0, action.indexOf(':'))).toLowerCase(),
    resource: splitValue(resource),
    principal,
    context,
    notPrincipalDenyAlwaysApplies: boundaryGiven && (principal.kind === 'user' || isSessionPrincipal(principal)),
  };

  const fromPrincipal = principalAccount(principal);
  const resourceAccount = request.resourceAccount ?? accountOfArn(resource) ?? fromPrincipal;
  const crossAccount = fromPrincipal !== undefined && resourceAccount !== undefined && fromPrincipal !== resourceAccount;

  const trace = new Trace(prepared, errors);
  // Evaluated in the order the result lists policy types: organizations, endpoint, resource, identity side.
  const scp = compiled.scp?.map((level) => trace.run(level));
  const rcp = compiled.rcp?.map((level) => trace.run(level));
  const endpoint = compiled.endpoint && trace.run([compiled.endpoint]);
  const resourcePolicy = compiled.resource && trace.run([compiled.resource]);
  const identity = trace.run(compiled.identity);
  const boundary = compiled.boundary && trace.run([compiled.boundary]);
  const session = compiled.session && trace.run([compiled.session]);
  const outcome = decide({
    principal,
    crossAccount,
    explicitGrant: explicitGrantOf(action, resource),
    identity,
    identityGiven: compiled.identity.length > 0,
    resource: resourcePolicy,
    boundary,
    session,
    endpoint,
    scp,
    rcp,
  });
  if (compiled.session && !isSessionPrincipal(principal)) errors.push({ policyType: 'session', message: 'A session policy was given, but the principal is not a role session or federated user session; it was ignored.' });

  return {
    decision: outcome.decision,
    request: { principal: request.principal, action, resource, resourceAccount, principalAccount: fromPrincipal, crossAccount },
    policyTypes: outcome.policyTypes,
    explanation: outcome.explanation,
    matchedStatements: trace.matched.map((statement) => (outcome.deciding.has(statement) ? markDeciding(statement) : statement)),
    unmatchedStatements: trace.unmatched,
    missingContextKeys: context.missingKeys(),
    errors,
  };
}

/** Expands an action pattern into concrete actions ("s3:Get*" -> every s3 action starting with Get). */
export type ActionExpander = (pattern: string) => readonly string[];

export function evaluateActions(
  compiled: CompiledPolicies,
  request: SimulationRequest,
  expand: ActionExpander,
  options: EvaluationOptions = {},
): MultiActionResult {
  const pattern = String(request.action ?? '');
  const actions = pattern.includes('*') || pattern.includes('?') ? expand(pattern) : [pattern];
  const errors: EvaluationError[] = actions.length === 0 ? [{ message: `No known action matches "${pattern}".` }] : [];
  const results = actions.map((action) => evaluateRequest(compiled, { ...request, action }, options));
  return { decision: overall(results.map((result) => result.decision)), results, errors };
}

function overall(decisions: readonly Decision[]): Decision {
  if (decisions.length > 0 && decisions.every((decision) => decision === 'allowed')) return 'allowed';
  return decisions.includes('explicitDeny') ? 'explicitDeny' : 'implicitDeny';
}

/**
 * "IAM role trust policies and KMS key policies are exceptions to this logic, because they must
 * explicitly allow access for principals" (reference_policies_evaluation-logic.md): STS actions
 * on a role, KMS actions on a key.
 */
function explicitGrantOf(action: string, resource: string): 'role trust policy' | 'KMS key policy' | undefined {
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const arn = parseArn(resource);
  if (service === 'sts' && arn?.service === 'iam' && arn.resource.startsWith('role/')) return 'role trust policy';
  if (service === 'kms' && arn?.service === 'kms' && arn.resource.startsWith('key/')) return 'KMS key policy';
  return undefined;
}

/** Runs statements and keeps the trace: what applied, what did not and why, what could not be evaluated. */
class Trace {
  readonly matched: MatchedStatement[] = [];
  readonly unmatched: UnmatchedStatement[] = [];

  constructor(
    private readonly request: PreparedRequest,
    private readonly errors: EvaluationError[],
  ) {}

  run(policies: readonly CompiledPolicy[]): Applicable {
    const applicable: Applicable = { allows: [], denies: [] };
    for (const policy of policies) {
      for (const statement of policy.statements) {
        const outcome = evaluateStatement(statement, this.request);
        if (outcome.kind === 'noMatch') {
          this.unmatched.push(unmatched(statement.ref, outcome.reason!));
        } else if (outcome.kind === 'match') {
          const applies = matched(statement.ref, outcome.principalMatch, false);
          this.matched.push(applies);
          (statement.effect === 'Deny' ? applicable.denies : applicable.allows).push(applies);
        } else if (statement.effect === 'Allow') {
          this.unmatched.push(unmatched(statement.ref, outcome.reason!));
          this.errors.push(located(statement.ref, `${outcome.reason!.message} This Allow statement could not be evaluated and grants nothing.`));
        } else {
          const applies = matched(statement.ref, outcome.principalMatch, true);
          this.matched.push(applies);
          applicable.denies.push(applies);
          const what = statement.effect === 'Deny' ? 'is a Deny' : 'may be a Deny';
          this.errors.push(located(statement.ref, `${outcome.reason!.message} The statement could not be evaluated; as it ${what}, it is taken as applying.`));
        }
      }
    }
    return applicable;
  }
}

// Trace entries are built field by field (one object shape each): evaluation runs many times.

function matched(ref: StatementRef, principalMatch: PrincipalMatch | undefined, unevaluable: boolean): MatchedStatement {
  return {
    policyType: ref.policyType,
    policyId: ref.policyId,
    level: ref.level,
    statementIndex: ref.statementIndex,
    sid: ref.sid,
    effect: ref.effect,
    uri: ref.uri,
    range: ref.range,
    principalMatch,
    unevaluable: unevaluable || undefined,
    deciding: undefined,
  };
}

function markDeciding(statement: MatchedStatement): MatchedStatement {
  return { ...statement, deciding: true };
}

function unmatched(ref: StatementRef, reason: MismatchReason): UnmatchedStatement {
  return {
    policyType: ref.policyType,
    policyId: ref.policyId,
    level: ref.level,
    statementIndex: ref.statementIndex,
    sid: ref.sid,
    effect: ref.effect,
    uri: ref.uri,
    range: ref.range,
    reason,
  };
}

function located(ref: StatementRef, message: string): EvaluationError {
  return { message, policyType: ref.policyType, policyId: ref.policyId, statementIndex: ref.statementIndex, uri: ref.uri, range: ref.range };
}
