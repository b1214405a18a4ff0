/**
 * Whether a document can matter to a request, read from its JSON value without compiling it.
 * The engine checks a statement's action first and its resource second, before the principal
 * and the conditions (engine/statement.ts): a statement whose Action does not cover the
 * requested action, or whose Resource rules the resource out, neither allows, nor denies, nor
 * is left unevaluated, nor tests a condition key. So an identity policy none of whose statements
 * passes both cannot change the decision, and "who can" need not compile it. What the engine
 * could not read (a missing or malformed Action or Resource, entries that are not strings, text
 * that is not JSON) may matter to every request, and a NotAction may concern any action.
 * Boundaries, SCPs and session policies are never skipped: their lack of an Allow is itself a
 * decision.
 */
import { compileActionPatterns, compileResourcePattern, type SplitValue } from '../policy/match';

/** The parts of a request every principal shares: what a document is checked against before anything is compiled. */
export interface RelevanceRequest {
  readonly lowerAction: string;
  readonly lowerService: string;
  readonly resource: SplitValue;
}

/** Which actions a document's Action values can concern, for filing it (see actionScope). */
export interface ActionScope {
  /** Lower-case actions named without wildcards ("s3:getobject"): each covers that action only. */
  readonly actions: readonly string[];
  /** Lower-case services named before a wildcard ("s3" for "S3:Get*"): each covers actions of that service only. */
  readonly services: readonly string[];
  /** Some value or statement may concern an action of any service. */
  readonly anyService: boolean;
}

const ANY_SERVICE: ActionScope = { actions: [], services: [], anyService: true };

/**
 * Which actions a document can concern. A value without wildcards covers the one action it
 * names (any case); a value with wildcards only after its colon covers actions of the service
 * it names; a value with a wildcard before its colon ("*", "s*:Get*") or without a colon may
 * cover an action of any service, and so may a statement the engine cannot read (policy/match.ts
 * groups patterns the same way).
 */
export function actionScope(text: string): ActionScope {
  const items = statementsOf(text);
  if (!items) return ANY_SERVICE;
  const actions: string[] = [];
  const services: string[] = [];
  for (const item of items) {
    // Items that are not objects are no statements (policyFromJson skips them).
    if (!isObject(item)) continue;
    const values = has(item, 'NotAction') || !has(item, 'Action') ? undefined : strings(item.Action);
    if (!values) return ANY_SERVICE;
    for (const value of values) {
      const colon = value.indexOf(':');
      const wildcard = firstWildcard(value);
      if (colon < 0 ? wildcard >= 0 : wildcard >= 0 && wildcard < colon) return ANY_SERVICE;
      const into = wildcard < 0 ? actions : services;
      const key = (wildcard < 0 ? value : value.slice(0, colon)).toLowerCase();
      if (!into.includes(key)) into.push(key);
    }
  }
  return { actions, services, anyService: false };
}

function firstWildcard(value: string): number {
  const star = value.indexOf('*');
  const question = value.indexOf('?');
  return star < 0 ? question : question < 0 ? star : Math.min(star, question);
}

/**
 * Whether some statement of a document may apply to the request as far as its action and
 * resource tell: its Action covers the action and its Resource (or NotResource) does not rule
 * the resource out. Resource patterns with policy variables may apply (their value depends on
 * the principal), and so may whatever the engine could not read.
 */
export function mayApplyTo(text: string, request: RelevanceRequest): boolean {
  const items = statementsOf(text);
  if (!items) return true;
  for (const item of items) {
    if (!isObject(item)) continue;
    const action = actionTest(item, request);
    if (action === 'unevaluable' || (action === 'match' && resourceMayMatch(item, request.resource))) return true;
  }
  return false;
}

/** The statement items of a JSON policy; undefined when the text is not a JSON object (then the engine reads the tolerant parse). */
function statementsOf(text: string): readonly unknown[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const statement = value.Statement;
  return Array.isArray(statement) ? statement : isObject(statement) ? [statement] : [];
}

/**
 * The engine's action test, in its order: a statement with both or neither of Action and
 * NotAction, a value that is neither a string nor an array, or entries that are not strings
 * when no string entry matches, cannot be evaluated, whatever its resource.
 */
function actionTest(item: Record<string, unknown>, request: RelevanceRequest): 'match' | 'noMatch' | 'unevaluable' {
  const negated = has(item, 'NotAction');
  if (negated === has(item, 'Action')) return 'unevaluable';
  const value = negated ? item.NotAction : item.Action;
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list) return 'unevaluable';
  const values = list.filter((entry): entry is string => typeof entry === 'string');
  const found = compileActionPatterns(values).indexOfLower(request.lowerAction, request.lowerService) >= 0;
  if (!found && values.length < list.length) return 'unevaluable';
  return found !== negated ? 'match' : 'noMatch';
}

function resourceMayMatch(item: Record<string, unknown>, resource: SplitValue): boolean {
  const positive = has(item, 'Resource');
  // Both or neither: the engine cannot evaluate the statement.
  if (positive === has(item, 'NotResource')) return true;
  const values = strings(positive ? item.Resource : item.NotResource);
  if (!values || values.some((pattern) => pattern.includes('${'))) return true;
  const covered = values.some((pattern) => compileResourcePattern(pattern, false)(resource, noVariables));
  return positive === covered;
}

const noVariables = () => undefined;

/** A string or an array of strings as a list; undefined for anything else. */
function strings(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? (value as string[]) : undefined;
}

function has(item: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(item, name);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
