/**
 * The shape shared by Access Analyzer's "Pass role with ..." and "Create SLR with ..." checks:
 * an Allow statement reaches a role action (named, through a wildcard, or through NotAction) on
 * every role (a star-like Resource, or a NotResource that does not exclude the roles). Six
 * variants each, one code per variant, as the reference lists them
 * (access-analyzer-reference-policy-checks.md).
 */
import type { Catalog } from '../catalog/catalog';
import type { PolicyAst, PolicyString, Statement } from '../policy/ast';
import { effectOf, howStatementReaches } from './actionsGrant';
import { parseArnFields, resourceCovers } from './arnsParse';
import type { CheckFamily } from './check';
import type { FixData } from './finding';
import { resourceTemplatesFix } from './resourcesTemplates';

export interface RoleActionRule {
  /** "iam:PassRole". */
  readonly action: string;
  /** The resource part every role the action could reach matches: "role/*", "role/aws-service-role/*". */
  readonly roles: string;
  /** A condition key that limits the action enough to silence the star-in-resource variants. */
  readonly limitingConditionKey: string;
  readonly codes: {
    readonly notResource: string;
    readonly starInActionAndNotResource: string;
    readonly notActionAndNotResource: string;
    readonly starInResource: string;
    readonly starInActionAndResource: string;
    readonly starInResourceAndNotAction: string;
  };
  /** One message per code, already naming the way out. */
  readonly messages: Readonly<Record<string, string>>;
}

type Report = Parameters<CheckFamily['run']>[1];

/** Whether Resource entry `entry` reaches every role matching the rule (in its own partition and account). */
function reachesEveryRole(entry: string, roles: string): boolean {
  if (entry === '*') return true;
  const fields = parseArnFields(entry);
  if (!fields) return false;
  return resourceCovers(entry, `arn:${fields.partition}:iam::${fields.account}:${roles}`);
}

function hasConditionKey(statement: Statement, key: string): boolean {
  const lower = key.toLowerCase();
  return (statement.condition?.operators ?? []).some((operator) => operator.keys.some((entry) => entry.key.toLowerCase() === lower));
}

export function checkRoleAction(ast: PolicyAst, statement: Statement, catalog: Catalog, rule: RoleActionRule, report: Report, withFixes = true): void {
  if (effectOf(statement) !== 'Allow') return;
  const grant = howStatementReaches(statement, rule.action, catalog);
  if (!grant) return;
  const statementIndex = statement.index;

  if (statement.notResource) {
    const excluded = statement.notResource.values.some((value) => reachesEveryRole(value.value, rule.roles));
    if (excluded) return;
    const code =
      grant.how === 'explicit' ? rule.codes.notResource : grant.how === 'wildcard' ? rule.codes.starInActionAndNotResource : rule.codes.notActionAndNotResource;
    report(code, { range: statement.notResource.property.keyRange, statementIndex, message: rule.messages[code] });
    return;
  }

  const star: PolicyString | undefined = statement.resource?.values.find((value) => reachesEveryRole(value.value, rule.roles));
  if (!star || hasConditionKey(statement, rule.limitingConditionKey)) return;
  const code =
    grant.how === 'explicit' ? rule.codes.starInResource : grant.how === 'wildcard' ? rule.codes.starInActionAndResource : rule.codes.starInResourceAndNotAction;
  const template: FixData | undefined = star.value === '*' && withFixes ? resourceTemplatesFix(ast, statement, catalog) : undefined;
  report(code, { range: star.node.range, statementIndex, message: rule.messages[code], fixes: template ? [template] : undefined });
}
