/**
 * What the condition checks share: every (operator, key) pair of a statement with its parsed
 * operator, what the catalog knows about the key, and which actions a statement names. Pure
 * functions of (statement, catalog); per-catalog indexes live in WeakMaps keyed by the catalog.
 *
 * Key names are case-insensitive (reference_policies_elements_condition.md); keys with a
 * prefix that names no service and contains '.' or '/' are identity-provider claims
 * (accounts.google.com:aud, oidc.eks.<region>.amazonaws.com/id/<id>:sub) that the catalog only
 * partly knows, so they are never called invalid.
 */
import type { Catalog } from '../catalog/catalog';
import { conditionKeyPrefix } from '../catalog/conditionKeyName';
import type { GlobalConditionKey } from '../catalog/globalConditionKeys';
import type { ActionInfo, ConditionKeyInfo, ConditionKeyType } from '../catalog/types';
import type { ConditionKeyEntry, ConditionOperatorEntry, ConditionValue, PolicyAst, Statement } from '../policy/ast';
import { parseConditionOperator, type ParsedConditionOperator } from '../policy/conditionOperator';
import { UNDOCUMENTED_KEYS_IN_MANAGED_POLICIES } from './conditionKeysDocumented';
import type { FixData } from './finding';
import { removeProperty, replaceWith } from './fixEdits';
import { documentMemo } from './documentMemo';
import { detached } from './detached';

export interface ConditionEntry {
  readonly statement: Statement;
  readonly operator: ConditionOperatorEntry;
  /** Undefined when the operator name is not an operator at all. */
  readonly parsed?: ParsedConditionOperator;
  readonly key: ConditionKeyEntry;
}

const NO_ENTRIES: readonly ConditionEntry[] = [];

/** Entries per parsed statement: eight families read them (the AST is read-only). */
const entriesByStatement = documentMemo<Statement, readonly ConditionEntry[]>();

/** Every key under every operator of the statement's Condition, in document order. */
export function conditionEntries(statement: Statement): readonly ConditionEntry[] {
  const condition = statement.condition;
  if (!condition || condition.form !== 'object') return NO_ENTRIES;
  let entries = entriesByStatement.get(statement);
  if (!entries) {
    const found: ConditionEntry[] = [];
    for (const operator of condition.operators) {
      if (operator.form !== 'object') continue;
      const parsed = parsedOperator(operator.operator);
      for (const key of operator.keys) found.push({ statement, operator, parsed, key });
    }
    entries = found;
    entriesByStatement.set(statement, entries);
  }
  return entries;
}

/** Parsed operators by name as written: policies repeat a handful of them. */
const MAX_CACHED_OPERATORS = 1000;
const parsedOperators = new Map<string, ParsedConditionOperator | null>();

function parsedOperator(name: string): ParsedConditionOperator | undefined {
  let parsed = parsedOperators.get(name);
  if (parsed === undefined) {
    const key = detached(name);
    parsed = parseConditionOperator(key) ?? null;
    if (parsedOperators.size >= MAX_CACHED_OPERATORS) parsedOperators.clear();
    parsedOperators.set(key, parsed);
  }
  return parsed ?? undefined;
}

/** What a condition key is, as far as the catalog can tell. */
export type KeyResolution =
  | { readonly kind: 'known'; readonly info: KnownKey }
  /** aws: key that is no global key. */
  | { readonly kind: 'unknown-global' }
  /** Prefix of a known service (or of a key family a service defines), key not among its keys. */
  | { readonly kind: 'unknown-service-key'; readonly services: readonly string[] }
  /** A plain prefix that names no service. */
  | { readonly kind: 'unknown-prefix'; readonly prefix: string }
  /** An identity provider's claim the catalog does not list (custom OIDC providers). */
  | { readonly kind: 'provider-claim' }
  /** Not prefix:name. */
  | { readonly kind: 'bad-format' }
  /** A key AWS uses without documenting it (conditionKeysDocumented.ts): valid, type unknown. */
  | { readonly kind: 'undocumented' }
  /** A service that defines the key was not loaded: nothing can be said. */
  | { readonly kind: 'not-loaded' };

export interface KnownKey {
  /** As the reference writes it: "aws:RequestTag/${TagKey}", "s3:ExistingObjectTag/<key>". */
  readonly name: string;
  readonly type: ConditionKeyType;
  readonly multiValued: boolean;
  /** The service that defines it; undefined for global keys. */
  readonly service?: string;
  /** For global keys, the operator families the User Guide lists. */
  readonly global?: GlobalConditionKey;
}

/** prefix:name with a non-empty prefix free of white space and a non-empty name. */
function hasKeyFormat(name: string): boolean {
  const prefix = conditionKeyPrefix(name);
  return prefix !== '' && !/\s/.test(prefix) && name.length > prefix.length + 1;
}

const UNDOCUMENTED = new Set(UNDOCUMENTED_KEYS_IN_MANAGED_POLICIES.map((key) => key.toLowerCase()));

/**
 * Resolutions by key name as written, per catalog: several families ask about every key. An
 * answer that loading a service could change ('not-loaded') is not kept.
 */
const MAX_CACHED_KEYS = 20_000;
const keyResolutions = new WeakMap<Catalog, Map<string, KeyResolution>>();

export function resolveConditionKey(catalog: Catalog, name: string): KeyResolution {
  let cache = keyResolutions.get(catalog);
  if (!cache) keyResolutions.set(catalog, (cache = new Map()));
  let resolution = cache.get(name);
  if (!resolution) {
    const key = detached(name);
    resolution = computeKeyResolution(catalog, key);
    if (resolution.kind !== 'not-loaded') {
      if (cache.size >= MAX_CACHED_KEYS) cache.clear();
      cache.set(key, resolution);
    }
  }
  return resolution;
}

function computeKeyResolution(catalog: Catalog, name: string): KeyResolution {
  if (!hasKeyFormat(name)) return { kind: 'bad-format' };
  if (UNDOCUMENTED.has(name.toLowerCase())) return { kind: 'undocumented' };
  const prefix = conditionKeyPrefix(name);
  if (prefix === 'aws') {
    const global = catalog.getGlobalConditionKey(name);
    return global ? { kind: 'known', info: { name: global.name, type: global.type, multiValued: global.multiValued, global } } : { kind: 'unknown-global' };
  }
  const services = catalog.conditionKeyServices(name);
  if (services.length === 0) return /[./]/.test(prefix) ? { kind: 'provider-claim' } : { kind: 'unknown-prefix', prefix };
  if (services.some((service) => !catalog.isServiceLoaded(service))) return { kind: 'not-loaded' };
  const info: ConditionKeyInfo | undefined = catalog.getConditionKey(name) ?? findByTagHead(catalog, services, name);
  if (info) return { kind: 'known', info: { name: info.name, type: info.type, multiValued: info.multiValued, service: info.service } };
  // A provider prefix that some service defines keys for (accounts.google.com:) but not this claim.
  if (!catalog.getServiceSummary(prefix) && /[./]/.test(prefix)) return { kind: 'provider-claim' };
  return { kind: 'unknown-service-key', services };
}

/**
 * The head of a key whose name ends with a tag key ("aws:RequestTag/${TagKey}" ->
 * "aws:RequestTag"), including the spellings a few services use in the reference data:
 * "secretsmanager:ResourceTag/tag-key" and "sagemaker:ResourceTag/" (nothing after the slash).
 */
export function tagKeyHead(name: string): string | undefined {
  const match = /^([^$<]*)\/(\$\{[^}]*\}|<[^>]*>|tag-key|)$/i.exec(name);
  return match ? match[1] : undefined;
}

/** A service key written with one of those spellings, matched by its head. */
function findByTagHead(catalog: Catalog, services: readonly string[], name: string): ConditionKeyInfo | undefined {
  const slash = name.indexOf('/');
  if (slash < 0 || slash === name.length - 1) return undefined;
  const head = name.slice(0, slash).toLowerCase();
  for (const service of services) {
    const found = catalog.serviceConditionKeys(service).find((key) => tagKeyHead(key.name)?.toLowerCase() === head);
    if (found) return found;
  }
  return undefined;
}

// --- actions ----------------------------------------------------------------------------

export interface StatementActions {
  /** The catalog's actions the Action element names, wildcards expanded. */
  readonly actions: readonly ActionInfo[];
  /** Action strings that name no known action (retired, misspelled or unknown service). */
  readonly unknown: readonly string[];
  /** The element holds "*" (or a service part with a wildcard): every action of every service. */
  readonly everything: boolean;
  /** Some entries had wildcards. */
  readonly wildcards: boolean;
}

const actionsCache = documentMemo<Statement, StatementActions | null>();

/**
 * The actions of the statement's Action element (NotAction statements name what they exclude,
 * so they have none). Undefined when there is no Action element.
 */
export function statementActions(statement: Statement, catalog: Catalog): StatementActions | undefined {
  const cached = actionsCache.get(statement);
  if (cached !== undefined) return cached ?? undefined;
  // Kept for one (synchronous) analysis, during which no service can be loaded: the answer holds.
  const computed = computeActions(statement, catalog);
  actionsCache.set(statement, computed ?? null);
  return computed;
}

function computeActions(statement: Statement, catalog: Catalog): StatementActions | undefined {
  const element = statement.action;
  if (!element) return undefined;
  const actions = new Map<string, ActionInfo>();
  const unknown: string[] = [];
  let everything = false;
  let wildcards = false;
  for (const { value } of element.values) {
    const colon = value.indexOf(':');
    if (value === '*' || (colon > 0 && /[*?]/.test(value.slice(0, colon)))) {
      everything = true;
      wildcards = true;
      continue;
    }
    if (colon <= 0) {
      unknown.push(value);
      continue;
    }
    const prefix = value.slice(0, colon);
    const pattern = value.slice(colon + 1);
    if (/[*?]/.test(pattern)) wildcards = true;
    if (!catalog.getServiceSummary(prefix) || !catalog.isServiceLoaded(prefix)) {
      unknown.push(value);
      continue;
    }
    const matched = catalog.expandActionPattern(prefix, pattern);
    if (matched.length === 0) unknown.push(value);
    for (const action of matched) actions.set(action.fullName, action);
  }
  return { actions: [...actions.values()], unknown, everything, wildcards };
}

const actionKeysCache = new WeakMap<Catalog, Map<string, ReadonlySet<string>>>();

/**
 * The condition keys an action supports, lower case, as the reference names them: the action's
 * own keys, those of its rows per resource type and those of its resource types.
 */
export function keysOfAction(catalog: Catalog, action: ActionInfo): ReadonlySet<string> {
  let perCatalog = actionKeysCache.get(catalog);
  if (!perCatalog) actionKeysCache.set(catalog, (perCatalog = new Map()));
  let keys = perCatalog.get(action.fullName);
  if (!keys) {
    const names = new Set<string>();
    for (const name of action.conditionKeys) names.add(name.toLowerCase());
    for (const row of action.resourceTypes) {
      for (const name of row.conditionKeys) names.add(name.toLowerCase());
      for (const name of catalog.getResourceType(action.service, row.name)?.conditionKeys ?? []) names.add(name.toLowerCase());
    }
    keys = names;
    perCatalog.set(action.fullName, keys);
  }
  return keys;
}

const keyActionsCache = new WeakMap<Catalog, Map<string, readonly ActionInfo[]>>();

/** The actions of `service` that support the key (lower-case reference name). */
export function actionsSupportingKey(catalog: Catalog, service: string, keyName: string): readonly ActionInfo[] {
  let perCatalog = keyActionsCache.get(catalog);
  if (!perCatalog) keyActionsCache.set(catalog, (perCatalog = new Map()));
  const cacheKey = `${service}\u0000${keyName}`;
  let actions = perCatalog.get(cacheKey);
  if (!actions) {
    actions = (catalog.getService(service)?.actions ?? []).filter((action) => keysOfAction(catalog, action).has(keyName));
    perCatalog.set(cacheKey, actions);
  }
  return actions;
}

/** "a, b, c and 4 more": a few action names for a message. */
export function describeActions(actions: readonly ActionInfo[]): string {
  const names = actions.slice(0, 3).map((action) => action.fullName);
  return actions.length > 3 ? `${names.join(', ')} and ${actions.length - 3} more` : names.join(', ');
}

// --- values -----------------------------------------------------------------------------

/** The value as written in the document (for numbers: "1.50" rather than 1.5). */
export function rawValueText(text: string, value: ConditionValue): string {
  if (value.node.type === 'string') return value.text;
  return text.slice(value.node.offset, value.node.offset + value.node.length);
}

// --- fixes ------------------------------------------------------------------------------

/**
 * Renames an operator, unless the Condition already has an operator of that name (the rename
 * would make a duplicate key, which JSON readers collapse).
 */
export function renameOperatorFix(statement: Statement, operator: ConditionOperatorEntry, name: string, title = `Change to "${name}"`): FixData | undefined {
  const lower = name.toLowerCase();
  const taken = statement.condition?.operators.some((other) => other !== operator && other.operator.toLowerCase() === lower);
  return taken ? undefined : replaceWith(operator.property.keyRange, name, title);
}

/** Removes one key from its operator; an operator left empty goes too, and a Condition left empty with it. */
export function removeConditionKeyFix(ast: PolicyAst, statement: Statement, operator: ConditionOperatorEntry, key: ConditionKeyEntry, title: string): FixData | undefined {
  const condition = statement.condition;
  const block = operator.property.value;
  if (!condition?.property.value || !block) return undefined;
  if (operator.keys.length > 1) return { title, edits: [removeProperty(ast, block, key.property)] };
  if (condition.operators.length > 1) return { title, edits: [removeProperty(ast, condition.property.value, operator.property)] };
  return { title, edits: [removeProperty(ast, statement.node, condition.property)] };
}
