/**
 * The Action and NotAction strings of a statement, read against the catalog once and shared by
 * the action, wildcard, pass-role and security families: which service, which catalog action or
 * which actions a pattern matches. Action names are case-insensitive
 * (reference_policies_elements_action.md).
 *
 * Patterns are matched through a per-service index of lower-cased names sorted alphabetically,
 * so "ec2:Describe*" tests only the names that start with "describe" rather than every action of
 * the service.
 */
import type { Catalog } from '../catalog/catalog';
import type { ActionInfo, ActionNameIndex } from '../catalog/types';
import { actionPatternToRegExp, trailingStarHead } from '../catalog/actionPattern';
import type { PolicyString, StringListElement } from '../policy/ast';
import { documentMemo } from './documentMemo';
import { hasWildcardCharacter } from './wildcardsPattern';
import { detached } from './detached';

export type ActionEntryKind =
  /** "*" (or "*:*"): every action of every service. */
  | 'all'
  /** A catalog action written without wildcards. */
  | 'known'
  /** A pattern with wildcards in the name part, for a known service. */
  | 'pattern'
  /** Wildcards in the service part ("s3*:Get*", "*:List*"). */
  | 'service-pattern'
  /** A well-formed name the known service does not list (a typo, a retired or a newer action). */
  | 'unknown-action'
  /** A service prefix the catalog does not know. */
  | 'unknown-service'
  /** Not of the form service:action. */
  | 'malformed';

export interface ResolvedAction {
  readonly text: PolicyString;
  readonly kind: ActionEntryKind;
  /** Lower-case service prefix ('' when malformed). */
  readonly service: string;
  /** The action part as written. */
  readonly name: string;
  /** For 'known'. */
  readonly info?: ActionInfo;
}

/** "s3:GetObject" -> ["s3", "GetObject"]; undefined unless there is exactly one colon with text on both sides. */
export function splitActionText(text: string): [string, string] | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1 || text.indexOf(':', colon + 1) >= 0) return undefined;
  return [text.slice(0, colon), text.slice(colon + 1)];
}

/** Characters AWS action names are made of, plus the wildcards. */
const WELL_FORMED_NAME = /^[A-Za-z0-9*?][A-Za-z0-9_.*?-]*$/;
const WELL_FORMED_SERVICE = /^[A-Za-z0-9*?][A-Za-z0-9.*?-]*$/;

type Resolution = Omit<ResolvedAction, 'text'>;

function resolveValue(value: string, catalog: Catalog): Resolution {
  if (value === '*' || value === '*:*') return { kind: 'all', service: '*', name: '*' };
  const parts = splitActionText(value);
  if (!parts || !WELL_FORMED_SERVICE.test(parts[0]) || !WELL_FORMED_NAME.test(parts[1])) return { kind: 'malformed', service: '', name: value };
  const service = parts[0].toLowerCase();
  const name = parts[1];
  if (hasWildcardCharacter(service)) return { kind: 'service-pattern', service, name };
  if (!catalog.getServiceSummary(service)) return { kind: 'unknown-service', service, name };
  if (hasWildcardCharacter(name)) return { kind: 'pattern', service, name };
  const info = catalog.getAction(value);
  return info ? { kind: 'known', service, name, info } : { kind: 'unknown-action', service, name };
}

/**
 * Resolutions by action text, per catalog: an edit re-analyses a document whose action strings
 * are mostly unchanged, and policies repeat the same strings. Bounded, cleared when full.
 */
const MAX_CACHED_ACTIONS = 50_000;
const resolutionCaches = new WeakMap<Catalog, Map<string, Resolution>>();

function resolutionCache(catalog: Catalog): Map<string, Resolution> {
  let cache = resolutionCaches.get(catalog);
  if (!cache) {
    cache = new Map();
    resolutionCaches.set(catalog, cache);
  }
  return cache;
}

function resolveWithCache(text: PolicyString, catalog: Catalog, cache: Map<string, Resolution>): ResolvedAction {
  let resolution = cache.get(text.value);
  if (!resolution) {
    const value = detached(text.value);
    resolution = resolveValue(value, catalog);
    if (cache.size >= MAX_CACHED_ACTIONS) cache.clear();
    cache.set(value, resolution);
  }
  // One object shape for every entry keeps the property reads of all families monomorphic.
  return { text, kind: resolution.kind, service: resolution.service, name: resolution.name, info: resolution.info };
}

export function resolveActionText(text: PolicyString, catalog: Catalog): ResolvedAction {
  return resolveWithCache(text, catalog, resolutionCache(catalog));
}

const resolvedByElement = documentMemo<StringListElement, readonly ResolvedAction[]>();
const NO_ACTIONS: readonly ResolvedAction[] = [];

/** The element's strings resolved, once per analysis of the document (the AST is read-only). */
export function resolveActions(element: StringListElement | undefined, catalog: Catalog): readonly ResolvedAction[] {
  if (!element) return NO_ACTIONS;
  const cached = resolvedByElement.get(element);
  if (cached) return cached;
  const cache = resolutionCache(catalog);
  const actions = element.values.map((value) => resolveWithCache(value, catalog, cache));
  resolvedByElement.set(element, actions);
  return actions;
}

// --- patterns over one service ---------------------------------------------------------------

/** Matches by lower-cased pattern, per service (per its name index, which the catalog keeps). */
const matchesByIndex = new WeakMap<ActionNameIndex, Map<string, readonly ActionInfo[]>>();

function lowerBound(names: readonly string[], head: string): number {
  let low = 0;
  let high = names.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (names[middle] < head) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The actions of a loaded, known service whose names match `pattern` (wildcards, any case), in name order. */
export function actionsMatching(catalog: Catalog, service: string, pattern: string): readonly ActionInfo[] {
  const index = catalog.getActionNameIndex(service);
  if (!index) return [];
  let matches = matchesByIndex.get(index);
  if (!matches) matchesByIndex.set(index, (matches = new Map()));
  const key = pattern.toLowerCase();
  let result = matches.get(key);
  if (!result) {
    const wildcard = key.search(/[*?]/);
    if (wildcard < 0) {
      const action = index.byName.get(key);
      result = action ? [action] : [];
    } else {
      const head = key.slice(0, wildcard);
      // "describe*": every name from the head on matches.
      const regExp = trailingStarHead(key) === undefined ? actionPatternToRegExp(key) : undefined;
      const found: ActionInfo[] = [];
      for (let i = lowerBound(index.names, head); i < index.names.length && index.names[i].startsWith(head); i++) {
        if (!regExp || regExp.test(index.names[i])) found.push(index.byName.get(index.names[i])!);
      }
      result = found;
    }
    matches.set(key, result);
  }
  return result;
}

// --- typos --------------------------------------------------------------------------------------

/**
 * Edit distance where swapping two adjacent letters counts as one edit (optimal string
 * alignment), the commonest typo; gives up once every path exceeds `limit`.
 */
export function typoEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * How far a misspelling may be from the word it was meant to be. Typos are one or two
 * keystrokes (a swapped pair of letters is one); renamed and retired actions differ by
 * whole words, so they stay out of reach and are reported as unknown rather than "did you mean".
 * Short words get one edit, else every short prefix would be a typo of another.
 */
export function typoDistance(word: string): number {
  return word.length <= 4 ? 1 : 2;
}

/** Every candidate at the smallest edit distance from `word` (case-insensitive), if within `typoDistance`. */
export function typoNeighbours(word: string, candidates: Iterable<string>): string[] {
  const lower = word.toLowerCase();
  let best = typoDistance(word);
  let found: string[] = [];
  for (const candidate of candidates) {
    const distance = typoEditDistance(lower, candidate.toLowerCase(), best);
    if (distance < best) {
      best = distance;
      found = [candidate];
    } else if (distance === best && distance <= typoDistance(word)) found.push(candidate);
  }
  // A candidate equal but for case is not a typo (names are case-insensitive); the caller never asks then.
  return found.filter((candidate) => candidate.toLowerCase() !== lower);
}
