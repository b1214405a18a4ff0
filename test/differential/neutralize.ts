/**
 * Rewrites of a case that keep its meaning under the User Guide but remove one feature that
 * iam-simulate reads differently. A disagreement is put down to such a feature only when, on
 * the rewritten case, our decision is unchanged and iam-simulate then agrees.
 */
import type { Case, Doc, Json } from './generator';

type Condition = Record<string, Record<string, unknown>>;

/** Every policy document of the case with a statement rewrite applied; undefined when nothing changed. */
export function rewriteStatements(c: Case, rewrite: (statement: Json, doc: Doc) => Json | undefined): Case | undefined {
  let changed = false;
  const docOf = (doc: Doc): Doc => {
    const statements = doc.Statement.map((statement) => {
      const next = rewrite(structuredClone(statement), doc);
      if (next) changed = true;
      return next ?? statement;
    });
    return { ...doc, Statement: statements };
  };
  const docs = (list: readonly Doc[] | undefined) => list?.map(docOf);
  const next: Case = {
    ...c,
    identity: docs(c.identity)!,
    resourcePolicy: c.resourcePolicy && docOf(c.resourcePolicy),
    boundary: c.boundary && docOf(c.boundary),
    session: c.session && docOf(c.session),
    endpoint: c.endpoint && docOf(c.endpoint),
    scp: c.scp?.map((level) => docs(level)!),
    rcp: c.rcp?.map((level) => docs(level)!),
  };
  return changed ? next : undefined;
}

/** Rewrites the values of the condition entries `select` picks; returns the statement when something changed. */
export function rewriteConditionValues(
  statement: Json,
  rewrite: (values: string[], entry: { operator: string; base: string; key: string }) => string[] | undefined,
): Json | undefined {
  const condition = statement.Condition as Condition | undefined;
  if (!condition) return undefined;
  let changed = false;
  for (const [operator, keys] of Object.entries(condition)) {
    const base = baseOperator(operator);
    for (const [key, raw] of Object.entries(keys)) {
      const next = rewrite([raw].flat().map(String), { operator, base, key });
      if (next) {
        keys[key] = next;
        changed = true;
      }
    }
  }
  return changed ? statement : undefined;
}

/** Removes condition entries `drop` picks (an absent entry is true in the AND of a Condition). */
export function dropConditionEntries(statement: Json, drop: (entry: { operator: string; base: string; key: string }) => boolean): Json | undefined {
  const condition = statement.Condition as Condition | undefined;
  if (!condition) return undefined;
  let changed = false;
  for (const [operator, keys] of Object.entries(condition)) {
    for (const key of Object.keys(keys)) {
      if (drop({ operator, base: baseOperator(operator), key })) {
        delete keys[key];
        changed = true;
      }
    }
    if (Object.keys(keys).length === 0) delete condition[operator];
  }
  if (Object.keys(condition).length === 0) delete statement.Condition;
  return changed ? statement : undefined;
}

/** "ForAnyValue:StringLikeIfExists" -> "StringLike". */
export function baseOperator(operator: string): string {
  return operator.replace(/^For(All|Any)Values?:/, '').replace(/IfExists$/, '');
}

/** A context value, looked up without regard to case as AWS does. */
export function contextValue(c: Case, key: string): string | string[] | undefined {
  const lower = key.toLowerCase();
  const found = Object.keys(c.context).find((candidate) => candidate.toLowerCase() === lower);
  return found === undefined ? undefined : c.context[found];
}

/** Substitutes the variables of `value` from the case's context; undefined when one has neither a value nor a default. */
export function resolveVariables(c: Case, value: string): string | undefined {
  let unresolved = false;
  const resolved = value.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return inner;
    const [, name, fallback] = /^(.*?)(?:, '(.*)')?$/s.exec(inner)!;
    const found = contextValue(c, name.trim());
    if (typeof found === 'string') return found;
    if (fallback !== undefined) return fallback;
    unresolved = true;
    return whole;
  });
  return unresolved ? undefined : resolved;
}

/** An ARN-shaped value no request carries: it matches nothing, for String and ARN operators and for Resource alike. */
export const MATCHES_NOTHING = 'arn:aws:none:::matches-nothing';

export function isEpoch(value: string): boolean {
  return /^\d+$/.test(value);
}

export function toIsoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
