/**
 * Actions in words, for hover and completion: description, access level, resource types,
 * condition keys, dependent actions, and for a wildcard the actions it matches by access level.
 */
import type { ActionInfo, ActionName, ServiceSummary } from '../catalog/types';
import { markdownLink } from './elementDocs';

const ACCESS_LEVEL_ORDER = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** The first access level the reference gives ("Permissions management, Write" counts as Permissions management). */
export function primaryAccessLevel(action: ActionName): string {
  const comma = action.accessLevel.indexOf(',');
  return (comma < 0 ? action.accessLevel : action.accessLevel.slice(0, comma).trim()) || 'Unknown';
}

/** Counts per access level, in the reference's order of levels. */
export function countByAccessLevel(actions: readonly ActionName[]): Array<[level: string, count: number]> {
  const counts = new Map<string, number>();
  for (const action of actions) {
    const level = primaryAccessLevel(action);
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => levelIndex(a) - levelIndex(b));
}

function levelIndex(level: string): number {
  const index = ACCESS_LEVEL_ORDER.indexOf(level);
  return index < 0 ? ACCESS_LEVEL_ORDER.length : index;
}

export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** "8 Read, 4 Write" */
export function accessLevelSummary(actions: readonly ActionName[]): string {
  return countByAccessLevel(actions)
    .map(([level, count]) => `${count} ${level}`)
    .join(', ');
}

const code = (text: string) => `\`${text}\``;

/** The full description of one action (hover). */
export function actionMarkdown(action: ActionInfo, service: ServiceSummary | undefined): string {
  const lines = [`**${action.fullName}** · ${action.accessLevel}`, '', action.description || '(no description in the reference)'];
  if (action.resourceTypes.length > 0) {
    const types = action.resourceTypes.map((rt) => `${code(rt.name)}${rt.required ? ' (required)' : ''}`);
    lines.push('', `Resource types: ${types.join(', ')}`);
  } else {
    lines.push('', 'Resource types: none: the action takes `"Resource": "*"`.');
  }
  const keys = [...new Set([...action.conditionKeys, ...action.resourceTypes.flatMap((rt) => rt.conditionKeys)])];
  if (keys.length > 0) lines.push('', `Condition keys: ${keys.map(code).join(', ')}`);
  const dependent = [...new Set([...action.dependentActions, ...action.resourceTypes.flatMap((rt) => rt.dependentActions)])];
  if (dependent.length > 0) lines.push('', `Dependent actions: ${dependent.map(code).join(', ')}`);
  lines.push('', markdownLink(`Service Authorization Reference: ${service?.name ?? action.service}`, action.docUrl));
  return lines.join('\n');
}

/** The shorter text shown next to a completion item. */
export function actionCompletionMarkdown(action: ActionInfo): string {
  const types = action.resourceTypes.map((rt) => `${code(rt.name)}${rt.required ? '*' : ''}`).join(', ');
  return `${action.description}\n\nResource types: ${types || '`*` only'}`;
}

/** How many and which actions a pattern matches, grouped by access level, `limit` names per level. */
export function wildcardMarkdown(pattern: string, actions: readonly ActionName[], scope: string, limit = 12): string {
  if (actions.length === 0) return `**\`${pattern}\`** matches no action ${scope}.`;
  const lines = [`**\`${pattern}\`** matches ${plural(actions.length, 'action')} ${scope}: ${accessLevelSummary(actions)}`];
  const byLevel = new Map<string, string[]>();
  for (const action of actions) {
    const level = primaryAccessLevel(action);
    const names = byLevel.get(level) ?? [];
    names.push(action.fullName);
    byLevel.set(level, names);
  }
  for (const [level] of countByAccessLevel(actions)) {
    const names = byLevel.get(level)!;
    const shown = names.slice(0, limit).map(code).join(', ');
    const more = names.length > limit ? ` and ${names.length - limit} more` : '';
    lines.push('', `**${level}** (${names.length}): ${shown}${more}`);
  }
  return lines.join('\n');
}
