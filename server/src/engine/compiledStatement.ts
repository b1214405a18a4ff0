/**
 * One statement, compiled. Effect and Action are read up front (every evaluation starts with
 * them); Resource, Principal and Condition are compiled the first time an evaluation gets that
 * far, so a one-shot request pays only for the statements about its action. Nothing here
 * throws: what cannot be read becomes a reason the statement cannot be evaluated.
 */
import type { Statement, StringListElement } from '../policy/ast';
import { compileActionPatterns, compileResourcePattern, type ActionPatternSet, type ArnPatternMatcher } from '../policy/match';
import { compileConditions, type CompiledCondition } from './conditions';
import { compilePrincipalElement, type CompiledPrincipalElement } from './principalElement';
import type { MismatchReason, PolicyType, StatementRef } from './types';

export interface CompiledList<T> {
  readonly negated: boolean;
  readonly values: readonly string[];
  readonly matcher: T;
  /** Some entries are not strings: a non-match cannot be trusted. */
  readonly hasInvalid: boolean;
}

export interface CompiledPrincipal {
  readonly negated: boolean;
  readonly element: CompiledPrincipalElement;
  /** Values that could not be read: the statement cannot be evaluated for any principal. */
  readonly problem?: MismatchReason;
}

type ProblemElement = 'effect' | 'action' | 'resource' | 'principal';

/** Types whose statements name principals; for the others a Principal element is ignored. */
const PRINCIPAL_TYPES = new Set<PolicyType>(['resource', 'rcp', 'endpoint']);

export class CompiledStatement {
  readonly effect?: 'Allow' | 'Deny';
  readonly action?: CompiledList<ActionPatternSet>;
  // Problems in Effect, Action, or the shape of Resource and Principal: the statement cannot be
  // evaluated when they matter. Four fields, always present, so that every statement has one shape.
  readonly effectProblem: MismatchReason | undefined;
  readonly actionProblem: MismatchReason | undefined;
  readonly resourceProblem: MismatchReason | undefined;
  readonly principalProblem: MismatchReason | undefined;
  private resourceCache?: { readonly value?: CompiledList<readonly ArnPatternMatcher[]> };
  private principalCache?: { readonly value?: CompiledPrincipal };
  private conditionsCache?: readonly CompiledCondition[];
  private mismatchCache?: Partial<Record<'action' | 'resource' | 'principal', MismatchReason>>;

  constructor(
    readonly ref: StatementRef,
    private readonly source: Statement,
    private readonly variablesEnabled: boolean,
  ) {
    const problems: Partial<Record<ProblemElement, MismatchReason>> = {};
    const problem = (element: ProblemElement, message: string) => {
      problems[element] = { element, message: problems[element] ? `${problems[element].message} ${message}` : message };
    };
    const effectText = source.effect?.value?.value;
    this.effect = effectText === 'Allow' || effectText === 'Deny' ? effectText : undefined;
    if (!this.effect) problem('effect', `Effect is ${effectText === undefined ? 'missing' : `"${String(effectText)}"`}; it must be "Allow" or "Deny".`);

    const action = pick(source.action, source.notAction, 'Action', 'NotAction', (message) => problem('action', message));
    if (action) this.action = list(action.element, action.negated, compileActionPatterns(action.element.values.map((v) => v.value)));

    if (!source.resource && !source.notResource) {
      // "Statements must include either a Resource or a NotResource element"
      // (reference_policies_elements_resource.md); resource-based policies apply to the resource
      // they are attached to and may leave it out (role trust policies do).
      if (ref.policyType !== 'resource') problem('resource', 'The statement has neither Resource nor NotResource.');
    } else pick(source.resource, source.notResource, 'Resource', 'NotResource', (message) => problem('resource', message));

    if (PRINCIPAL_TYPES.has(ref.policyType)) {
      if (source.principal && source.notPrincipal) problem('principal', 'The statement has both Principal and NotPrincipal.');
      else if (!source.principal && !source.notPrincipal) problem('principal', 'The statement has neither Principal nor NotPrincipal.');
    }
    this.effectProblem = problems.effect;
    this.actionProblem = problems.action;
    this.resourceProblem = problems.resource;
    this.principalProblem = problems.principal;
  }

  /** Undefined: no Resource or NotResource, which a resource-based policy may omit. */
  get resource(): CompiledList<readonly ArnPatternMatcher[]> | undefined {
    if (!this.resourceCache) {
      const chosen = this.resourceProblem ? undefined : pick(this.source.resource, this.source.notResource, '', '', () => undefined);
      const matchers = chosen?.element.values.map((v) => compileResourcePattern(v.value, this.variablesEnabled));
      this.resourceCache = { value: chosen && list(chosen.element, chosen.negated, matchers!) };
    }
    return this.resourceCache.value;
  }

  /** Undefined for policy types whose statements name no principal. */
  get principal(): CompiledPrincipal | undefined {
    if (!this.principalCache) {
      const source = this.source.principal ?? this.source.notPrincipal;
      if (!PRINCIPAL_TYPES.has(this.ref.policyType) || this.principalProblem || !source) this.principalCache = {};
      else {
        const element = compilePrincipalElement(source);
        const problem: MismatchReason | undefined = element.problems.length > 0 ? { element: 'principal', message: element.problems.join(' ') } : undefined;
        this.principalCache = { value: { negated: !this.source.principal, element, problem } };
      }
    }
    return this.principalCache.value;
  }

  get conditions(): readonly CompiledCondition[] {
    return (this.conditionsCache ??= this.source.condition ? compileConditions(this.source.condition, this.variablesEnabled) : []);
  }

  /** Why the statement does not apply, per element: written once, as evaluation runs many times. */
  mismatch(element: 'action' | 'resource' | 'principal'): MismatchReason {
    const cache = (this.mismatchCache ??= {});
    return (cache[element] ??= this.describeMismatch(element));
  }

  private describeMismatch(element: 'action' | 'resource' | 'principal'): MismatchReason {
    if (element === 'action') {
      const { action } = this;
      return { element, values: action?.values, message: action?.negated ? 'NotAction lists the requested action.' : 'No Action value covers the requested action.' };
    }
    if (element === 'resource') {
      const { resource } = this;
      return { element, values: resource?.values, message: resource?.negated ? 'NotResource covers the requested resource.' : 'No Resource value covers the requested resource.' };
    }
    return { element, message: this.principal?.negated ? 'NotPrincipal names the requester.' : 'Principal does not name the requester.' };
  }
}

function pick(
  positive: StringListElement | undefined,
  negative: StringListElement | undefined,
  positiveName: string,
  negativeName: string,
  report: (message: string) => void,
): { element: StringListElement; negated: boolean } | undefined {
  if (positive && negative) {
    report(`The statement has both ${positiveName} and ${negativeName}.`);
    return undefined;
  }
  if (!positive && !negative) {
    report(`The statement has neither ${positiveName} nor ${negativeName}.`);
    return undefined;
  }
  const chosen = (positive ?? negative)!;
  if (chosen.form === 'invalid' || chosen.form === 'missing-value') {
    report(`${chosen.property.key} must be a string or an array of strings.`);
    return undefined;
  }
  return { element: chosen, negated: !positive };
}

function list<T>(element: StringListElement, negated: boolean, matcher: T): CompiledList<T> {
  return { negated, values: element.values.map((v) => v.value), matcher, hasInvalid: element.invalid.length > 0 };
}
