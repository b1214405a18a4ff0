/**
 * The condition keys a simulation's statements test, offered to the user with their types so
 * a value can be given: every key of a Condition block, and every policy variable of a
 * Resource, in the statements that got as far as their conditions (those that applied, and
 * those that did not apply only because of a condition). Keys AWS derives from the principal
 * (aws:username, aws:PrincipalTag/* from the account model...) show their derived value.
 * "Condition key names are not case-sensitive" (reference_policies_elements_condition.md).
 */
import type { Catalog } from '../catalog/catalog';
import type { EvaluationResult, StatementRef } from '../engine';
import { principalContext, timeContext, type PrincipalDetails, type RequestPrincipal } from '../engine/requestPrincipal';
import type { Statement } from '../policy/ast';
import { parseTemplate, variableNames, VARIABLES_VERSION } from '../policy/variables';
import type { SimulationContext, SimulationContextKey } from '../protocol';
import type { StatementLocator } from './locate';

interface Found {
  name: string;
  testedBy: Set<string>;
}

/** Keys tested by one statement (condition keys, then resource variables). */
export function statementKeys(statement: Statement, variablesEnabled: boolean): string[] {
  const keys: string[] = [];
  for (const operator of statement.condition?.operators ?? []) for (const entry of operator.keys) keys.push(entry.key);
  if (variablesEnabled) {
    for (const value of [...(statement.resource?.values ?? []), ...(statement.notResource?.values ?? [])]) keys.push(...variableNames(parseTemplate(value.value, true)));
  }
  return keys;
}

export async function contextKeysOf(
  results: readonly EvaluationResult[],
  locator: StatementLocator,
  catalog: Catalog,
  request: { readonly principal: RequestPrincipal; readonly details: PrincipalDetails; readonly context?: SimulationContext; readonly now: number },
): Promise<SimulationContextKey[]> {
  const found = new Map<string, Found>();
  const note = (name: string, by?: string) => {
    const lower = name.toLowerCase();
    let entry = found.get(lower);
    if (!entry) {
      entry = { name, testedBy: new Set() };
      found.set(lower, entry);
    }
    if (by) entry.testedBy.add(by);
  };
  const seen = new Set<string>();
  const visit = (ref: StatementRef) => {
    const policy = locator.policyOf(ref);
    const key = `${ref.policyType}/${ref.level ?? ''}/${ref.policyId}#${ref.statementIndex}`;
    if (!policy || seen.has(key)) return;
    seen.add(key);
    const statement = policy.document.ast.statements.find((candidate) => candidate.index === ref.statementIndex);
    if (!statement) return;
    const variablesEnabled = policy.document.ast.version?.value?.value === VARIABLES_VERSION;
    const label = `${ref.policyId} ${ref.sid ? `"${ref.sid}"` : `statement ${ref.statementIndex}`}`;
    for (const name of statementKeys(statement, variablesEnabled)) note(name, label);
  };
  for (const result of results) {
    result.matchedStatements.forEach(visit);
    result.unmatchedStatements.filter((statement) => statement.reason.element === 'condition').forEach(visit);
  }
  const missing = new Set(results.flatMap((result) => result.missingContextKeys.map((key) => key.toLowerCase())));
  for (const result of results) for (const key of result.missingContextKeys) note(key);

  const derived = lowerKeys({ ...principalContext(request.principal, request.details), ...timeContext(request.now) });
  const supplied = lowerKeys(request.context ?? {});
  await catalog.ensureServices(new Set([...found.values()].flatMap((entry) => catalog.conditionKeyServices(entry.name))));
  return [...found.entries()]
    .map(([lower, entry]): SimulationContextKey => {
      const info = catalog.getConditionKey(entry.name);
      return {
        name: entry.name,
        type: info?.type,
        multiValued: info?.multiValued,
        description: info?.description,
        derivedValue: derived.get(lower),
        suppliedValue: supplied.get(lower),
        missing: missing.has(lower),
        testedBy: [...entry.testedBy],
      };
    })
    .sort((a, b) => Number(b.missing) - Number(a.missing) || a.name.localeCompare(b.name));
}

function lowerKeys<T>(values: Readonly<Record<string, T>>): Map<string, T> {
  return new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value]));
}
