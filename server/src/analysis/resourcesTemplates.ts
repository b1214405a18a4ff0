/**
 * The quick fix that replaces `"Resource": "*"` by ARN templates of the resource types the
 * statement's actions apply to (from the Service Authorization Reference formats).
 *
 * The templates are meant to be edited, and until they are they must grant less, never more:
 * - `${Partition}` becomes "aws" (the standard partition; other partitions edit it);
 * - every other placeholder becomes its name in UPPER_SNAKE_CASE (`${BucketName}` ->
 *   BUCKET_NAME, `${Account}` -> ACCOUNT_ID, `${Region}` -> REGION). These are plain text, not
 *   wildcards and not policy variables (`${...}` would be read as a variable), so an unedited
 *   template matches no real resource, and the Region and account placeholders are flagged by
 *   the ARN checks until they are filled in;
 * - the fix is offered for Allow statements only: narrowing a Deny would silently widen access;
 * - and only when every action of the statement has resource types: an action that supports
 *   only "*" (s3:ListAllMyBuckets) would silently stop being granted.
 */
import type { Catalog } from '../catalog/catalog';
import type { ActionInfo } from '../catalog/types';
import type { PolicyAst, Statement } from '../policy/ast';
import { actionsMatching, resolveActions } from './actionsResolve';
import { effectOf } from './actionsGrant';
import type { FixData } from './finding';
import { replaceListItemWithStrings } from './fixEdits';
import { documentMemo } from './documentMemo';

/** More templates than this is no longer a useful starting point. */
const MAX_TEMPLATES = 20;

export function templateOfArnFormat(format: string): string {
  return format.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    if (name === 'Partition') return 'aws';
    if (name === 'Account' || name === 'AccountId') return 'ACCOUNT_ID';
    return name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toUpperCase();
  });
}

/**
 * The ARN templates for the statement's actions, or undefined when one action has no resource
 * type (it needs "*"), an entry cannot be listed, or there would be more than MAX_TEMPLATES.
 */
function templatesOf(statement: Statement, catalog: Catalog): Set<string> | undefined {
  if (!statement.action || statement.notAction) return undefined;
  const templates = new Set<string>();
  const add = (action: ActionInfo): boolean => {
    if (action.resourceTypes.length === 0) return false;
    for (const { name } of action.resourceTypes) {
      const resourceType = catalog.getResourceType(action.service, name);
      if (!resourceType || resourceType.arnFormats.length === 0) return false;
      for (const format of resourceType.arnFormats) templates.add(templateOfArnFormat(format));
    }
    return templates.size <= MAX_TEMPLATES;
  };
  for (const action of resolveActions(statement.action, catalog)) {
    if (action.kind === 'known' && action.info) {
      if (!add(action.info)) return undefined;
    } else if (action.kind === 'pattern') {
      const matches = actionsMatching(catalog, action.service, action.name);
      if (matches.length === 0 || !matches.every(add)) return undefined;
    } else return undefined;
  }
  return templates.size > 0 ? templates : undefined;
}

const fixesByStatement = documentMemo<Statement, FixData | null>();

/** The fix, when the statement allows "*" and every action has resource types; undefined otherwise. Once per statement. */
export function resourceTemplatesFix(ast: PolicyAst, statement: Statement, catalog: Catalog): FixData | undefined {
  let fix = fixesByStatement.get(statement);
  if (fix === undefined) {
    fix = computeFix(ast, statement, catalog) ?? null;
    fixesByStatement.set(statement, fix);
  }
  return fix ?? undefined;
}

function computeFix(ast: PolicyAst, statement: Statement, catalog: Catalog): FixData | undefined {
  const resource = statement.resource;
  const element = resource?.property.value;
  const star = resource?.values.find((value) => value.value === '*');
  if (!element || !star || effectOf(statement) !== 'Allow') return undefined;
  const templates = templatesOf(statement, catalog);
  if (!templates) return undefined;
  const others = new Set(resource.values.filter((value) => value !== star).map((value) => value.value));
  const values = [...templates].filter((template) => !others.has(template));
  if (values.length === 0) return undefined;
  return {
    title: `Replace "*" with ARN templates of the ${templates.size === 1 ? 'resource type' : `${templates.size} resource types`} these actions apply to (then edit the UPPER_CASE parts)`,
    edits: [replaceListItemWithStrings(ast, element, star.node, values)],
  };
}
