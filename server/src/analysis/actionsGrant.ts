/**
 * Whether a statement reaches a given action, and how: named explicitly, through a wildcard, or
 * by not being excluded from a NotAction (reference_policies_elements_notaction.md). The
 * pass-role, service-linked-role and security families ask this for a handful of catalog
 * actions each, by name.
 */
import type { Catalog } from '../catalog/catalog';
import type { ActionInfo } from '../catalog/types';
import type { PolicyString, Statement, StringListElement } from '../policy/ast';
import { resolveActions } from './actionsResolve';
import { actionPatternToRegExp, trailingStarHead } from '../catalog/actionPattern';
import { hasWildcardCharacter, startsWithLiteral } from './wildcardsPattern';
import { documentMemo } from './documentMemo';
import { detached } from './detached';

export type Effect = 'Allow' | 'Deny';

export function effectOf(statement: Statement): Effect | undefined {
  const value = statement.effect?.value;
  return value?.type === 'string' && (value.value === 'Allow' || value.value === 'Deny') ? value.value : undefined;
}

export type Grant =
  | { readonly how: 'explicit'; readonly token: PolicyString }
  | { readonly how: 'wildcard'; readonly token: PolicyString }
  | { readonly how: 'not-action' };

/**
 * By pattern as written: its RegExp, or for an ASCII "iam:Pass*" (no variable) the length of its
 * head, which an action must start with, compared in place as patternCovers does (the actions
 * asked about are catalog names, ASCII, where the two agree with the RegExp).
 */
const matchers = new Map<string, RegExp | number>();
const ASCII = /^[\x00-\x7f]*$/;

/** Whether action pattern `pattern` (wildcards, any case) matches the full action name `action`. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  if (!hasWildcardCharacter(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  let matcher = matchers.get(pattern);
  if (matcher === undefined) {
    const key = detached(pattern);
    const head = trailingStarHead(key);
    matcher = head !== undefined && ASCII.test(head) && !head.includes('${') ? head.length : actionPatternToRegExp(key);
    if (matchers.size > 10_000) matchers.clear();
    matchers.set(key, matcher);
  }
  return typeof matcher === 'number' ? startsWithLiteral(action, pattern, matcher, true) : matcher.test(action);
}

/** A statement's Action or NotAction entries, indexed for "does it reach this action?". */
interface ActionIndex {
  /** Entries naming a catalog action without wildcards, by that action. */
  readonly explicit: ReadonlyMap<ActionInfo, PolicyString>;
  /** Wildcard entries by lower-cased service prefix; "*" holds "*" and those with wildcards in the service part. */
  readonly wildcards: ReadonlyMap<string, readonly PolicyString[]>;
  /** The lower-cased service prefixes of the explicit and wildcard entries (those of "*" aside). */
  readonly services: ReadonlySet<string>;
}

const indexes = documentMemo<StringListElement, ActionIndex>();

function indexOf(element: StringListElement, catalog: Catalog): ActionIndex {
  const cached = indexes.get(element);
  if (cached) return cached;
  const explicit = new Map<ActionInfo, PolicyString>();
  const wildcards = new Map<string, PolicyString[]>();
  const add = (service: string, value: PolicyString) => {
    const list = wildcards.get(service);
    if (list) list.push(value);
    else wildcards.set(service, [value]);
  };
  const services = new Set<string>();
  for (const action of resolveActions(element, catalog)) {
    if (action.kind === 'known' && action.info) {
      if (!explicit.has(action.info)) explicit.set(action.info, action.text);
      services.add(action.service);
    } else if (action.kind === 'pattern') {
      add(action.service, action.text);
      services.add(action.service);
    } else if (action.kind === 'all' || action.kind === 'service-pattern') add('*', action.text);
    // Unknown and malformed entries match no catalog action.
  }
  const index = { explicit, wildcards, services };
  indexes.set(element, index);
  return index;
}

/** A queried action ("iam:PassRole"): its lower-cased service prefix and its catalog entry, if the service is loaded. */
interface Query {
  readonly service: string;
  readonly info?: ActionInfo;
}

/**
 * Queries by action name, per catalog: the callers ask about a few fixed names for every
 * statement. An answer that loading the service could change is not kept.
 */
const queries = new WeakMap<Catalog, Map<string, Query>>();

function queryOf(action: string, catalog: Catalog): Query {
  let perCatalog = queries.get(catalog);
  if (!perCatalog) queries.set(catalog, (perCatalog = new Map()));
  let query = perCatalog.get(action);
  if (!query) {
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    const loaded = catalog.isServiceLoaded(service);
    query = { service, info: loaded ? catalog.getAction(action) : undefined };
    if (loaded || !catalog.getServiceSummary(service)) {
      if (perCatalog.size > 10_000) perCatalog.clear();
      perCatalog.set(action, query);
    }
  }
  return query;
}

/** The first entry that matches catalog action `action` ("iam:PassRole"), explicit entries first. */
function findEntry(index: ActionIndex, action: string, catalog: Catalog): { how: 'explicit' | 'wildcard'; token: PolicyString } | undefined {
  const query = queryOf(action, catalog);
  const explicit = query.info && index.explicit.get(query.info);
  if (explicit) return { how: 'explicit', token: explicit };
  const token = matchingEntry(index.wildcards.get(query.service), action) ?? matchingEntry(index.wildcards.get('*'), action);
  return token ? { how: 'wildcard', token } : undefined;
}

function matchingEntry(list: readonly PolicyString[] | undefined, action: string): PolicyString | undefined {
  if (!list) return undefined;
  for (const value of list) if (actionPatternMatches(value.value, action)) return value;
  return undefined;
}

/**
 * How the statement reaches `action` ("iam:PassRole"): an explicit entry wins over a wildcard;
 * a NotAction reaches every action it does not match. Undefined when it does not reach it.
 */
export function howStatementReaches(statement: Statement, action: string, catalog: Catalog): Grant | undefined {
  if (statement.action) return findEntry(indexOf(statement.action, catalog), action, catalog);
  const notAction = statement.notAction;
  if (notAction && notAction.form !== 'invalid' && notAction.form !== 'missing-value') {
    return findEntry(indexOf(notAction, catalog), action, catalog) ? undefined : { how: 'not-action' };
  }
  return undefined;
}

const NO_SERVICES: ReadonlySet<string> = new Set();

/**
 * The lower-cased service prefixes of the actions howStatementReaches can find in the statement,
 * or undefined when it may reach an action of any service (a NotAction, "*", wildcards in the
 * service part). Callers that ask about many fixed actions (the security lists) skip the
 * services a statement does not name: almost every such question is answered "no".
 */
export function servicesStatementReaches(statement: Statement, catalog: Catalog): ReadonlySet<string> | undefined {
  if (statement.action) {
    const index = indexOf(statement.action, catalog);
    return index.wildcards.has('*') ? undefined : index.services;
  }
  const notAction = statement.notAction;
  return notAction && notAction.form !== 'invalid' && notAction.form !== 'missing-value' ? undefined : NO_SERVICES;
}

/** "iam:PassRole" -> "iam", as queryOf reads it; for callers that filter by servicesStatementReaches. */
export function serviceOfAction(action: string): string {
  return action.slice(0, action.indexOf(':')).toLowerCase();
}
