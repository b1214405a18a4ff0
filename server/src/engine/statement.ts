/**
 * One statement against one request: does it apply, and if not, the first reason (action,
 * resource, principal, then condition). A statement "applies" when its action, resource,
 * principal and every condition match (reference_policies_elements_statement.md and the element
 * pages). A part that cannot be evaluated makes the statement `unevaluable` when nothing else
 * already rules it out.
 */
import type { SplitValue } from '../policy/match';
import type { CompiledStatement } from './compile';
import { evaluateCondition } from './conditions';
import type { RequestContext } from './context';
import { matchPrincipal } from './principalElement';
import type { RequestPrincipal } from './requestPrincipal';
import type { MismatchReason, PrincipalMatch } from './types';

export interface PreparedRequest {
  readonly action: string;
  readonly lowerAction: string;
  readonly lowerService: string;
  readonly resource: SplitValue;
  readonly principal: RequestPrincipal;
  readonly context: RequestContext;
  /**
   * AWS's boundaries page: a resource-based Deny with NotPrincipal "will always deny any IAM
   * principal that has a permissions boundary policy attached, regardless of the values
   * specified in the NotPrincipal element" (current access_policies_boundaries page; the copy in
   * the reference folder predates the sentence).
   */
  readonly notPrincipalDenyAlwaysApplies: boolean;
}

/** One shape for every outcome (evaluation runs many times): `reason` for noMatch and unevaluable. */
export interface StatementOutcome {
  readonly kind: 'match' | 'noMatch' | 'unevaluable';
  readonly reason: MismatchReason | undefined;
  readonly principalMatch: PrincipalMatch | undefined;
}

const outcome = (kind: StatementOutcome['kind'], reason: MismatchReason | undefined, principalMatch?: PrincipalMatch): StatementOutcome => ({ kind, reason, principalMatch });

const ENTRIES_NOT_STRINGS: Readonly<Record<'action' | 'resource', MismatchReason>> = {
  action: { element: 'action', message: 'Action or NotAction has entries that are not strings.' },
  resource: { element: 'resource', message: 'Resource or NotResource has entries that are not strings.' },
};

export function evaluateStatement(statement: CompiledStatement, request: PreparedRequest): StatementOutcome {
  if (statement.actionProblem) return outcome('unevaluable', statement.actionProblem);
  const action = statement.action!;
  const actionIndex = action.matcher.indexOfLower(request.lowerAction, request.lowerService);
  // A list with entries that are not strings cannot rule the action in (NotAction) or out (Action).
  if (action.hasInvalid && actionIndex < 0) return outcome('unevaluable', ENTRIES_NOT_STRINGS.action);
  if (action.negated ? actionIndex >= 0 : actionIndex < 0) return outcome('noMatch', statement.mismatch('action'));

  if (statement.resourceProblem) return outcome('unevaluable', statement.resourceProblem);
  const resource = statement.resource;
  if (resource) {
    const { negated, matcher, hasInvalid } = resource;
    let covered = false;
    for (let i = 0; i < matcher.length && !covered; i++) covered = matcher[i](request.resource, request.context.resolveVariable);
    if (hasInvalid && !covered) return outcome('unevaluable', ENTRIES_NOT_STRINGS.resource);
    if (negated === covered) return outcome('noMatch', statement.mismatch('resource'));
  }

  let principalMatch: PrincipalMatch | undefined;
  if (statement.principalProblem) return outcome('unevaluable', statement.principalProblem);
  const principal = statement.principal;
  if (principal) {
    if (principal.problem) return outcome('unevaluable', principal.problem);
    const named = matchPrincipal(principal.element, request.principal);
    if (principal.negated) {
      const alwaysApplies = request.notPrincipalDenyAlwaysApplies && statement.effect === 'Deny' && statement.ref.policyType === 'resource';
      if (named && !alwaysApplies) return outcome('noMatch', statement.mismatch('principal'));
      principalMatch = 'direct';
    } else {
      if (!named) return outcome('noMatch', statement.mismatch('principal'));
      principalMatch = named;
    }
  }

  // Every condition is evaluated (not only up to the first false one) so that every key the
  // statement tests is seen, for the missing context keys.
  let firstUnevaluable: MismatchReason | undefined;
  let firstFalse: MismatchReason | undefined;
  for (const condition of statement.conditions) {
    const result = evaluateCondition(condition, request.context);
    if (result === true) continue;
    if (result === false) firstFalse ??= condition.falseReason;
    else firstUnevaluable ??= result;
  }
  if (firstFalse) return outcome('noMatch', firstFalse);
  if (firstUnevaluable) return outcome('unevaluable', firstUnevaluable, principalMatch);
  if (statement.effectProblem) return outcome('unevaluable', statement.effectProblem, principalMatch);
  return outcome('match', undefined, principalMatch);
}
