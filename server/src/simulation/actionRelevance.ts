/**
 * Which actions a document's statements can possibly concern, read from its JSON value without
 * compiling it. The engine checks a statement's action first: a statement whose Action does not
 * cover the requested action neither allows, nor denies, nor is left unevaluated
 * (engine/statement.ts). So an identity policy none of whose statements covers the action cannot
 * change the decision, and "who can" need not compile it. Anything the engine could not read
 * (NotAction, a missing or malformed Action, entries that are not strings) counts as covering
 * every action. Boundaries, SCPs and session policies are never skipped: their lack of an Allow
 * is itself a decision.
 */
import { compileActionPatterns, type ActionPatternSet } from '../policy/match';

export interface ActionRelevance {
  /** Some statement may concern any action. */
  readonly everyAction: boolean;
  readonly patterns: ActionPatternSet;
}

const EVERY_ACTION: ActionRelevance = { everyAction: true, patterns: compileActionPatterns([]) };

export function actionRelevance(text: string): ActionRelevance {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return EVERY_ACTION;
  }
  if (!isObject(value)) return EVERY_ACTION;
  const statement = value.Statement;
  const items = Array.isArray(statement) ? statement : isObject(statement) ? [statement] : [];
  const patterns: string[] = [];
  for (const item of items) {
    // Items that are not objects are no statements (policyFromJson skips them).
    if (!isObject(item)) continue;
    const has = (name: string) => Object.prototype.hasOwnProperty.call(item, name);
    if (has('NotAction') || !has('Action')) return EVERY_ACTION;
    const action = item.Action;
    if (typeof action === 'string') patterns.push(action);
    else if (Array.isArray(action) && action.every((entry) => typeof entry === 'string')) patterns.push(...(action as string[]));
    else return EVERY_ACTION;
  }
  return { everyAction: false, patterns: compileActionPatterns(patterns) };
}

/** Whether a statement of the document may concern the action (lower case, with its lower-case service prefix). */
export function mayConcern(relevance: ActionRelevance, lowerAction: string, lowerService: string): boolean {
  return relevance.everyAction || relevance.patterns.indexOfLower(lowerAction, lowerService) >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
