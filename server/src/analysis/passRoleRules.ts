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
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import type { FixData } from './finding';
import { resourceTemplatesFix } from './resourcesTemplates';

/** The six variants, as the reference titles them after "Pass role" or "Create SLR". */
const VARIANTS = {
  notResource: 'with NotResource',
  starInActionAndNotResource: 'with star in action and NotResource',
  notActionAndNotResource: 'with NotAction and NotResource',
  starInResource: 'with star in resource',
  starInActionAndResource: 'with star in action and resource',
  starInResourceAndNotAction: 'with star in resource and NotAction',
} as const;

type Variant = keyof typeof VARIANTS;

export interface RoleActionFamily {
  readonly name: string;
  /** The check titles' first words: "Pass role" -> "Pass role with NotResource" -> PASS_ROLE_WITH_NOTRESOURCE. */
  readonly title: string;
  readonly severity: 'security-warning' | 'warning';
  /** "iam:PassRole". */
  readonly action: string;
  /** The resource part every role the action could reach matches: "role/*", "role/aws-service-role/*". */
  readonly roles: string;
  /** A condition key that limits the action enough to silence the star-in-resource variants. */
  readonly limitingConditionKey: string;
  /** One message per variant, already naming the way out; the summary is its first sentence. */
  readonly messages: Readonly<Record<Variant, string>>;
}

interface RoleActionRule extends RoleActionFamily {
  readonly codes: Readonly<Record<Variant, string>>;
}

/** The check family for one role action: its six codes, titles and docs, from the reference's naming. */
export function roleActionFamily(family: RoleActionFamily): CheckFamily {
  const variants = Object.keys(VARIANTS) as Variant[];
  const titleOf = (variant: Variant) => `${family.title} ${VARIANTS[variant]}`;
  const codes = Object.fromEntries(variants.map((variant) => [variant, titleOf(variant).toUpperCase().replace(/ /g, '_')])) as Record<Variant, string>;
  const rule: RoleActionRule = { ...family, codes };
  const checks: CheckInfo[] = variants.map((variant) => ({
    code: codes[variant],
    severity: family.severity,
    summary: family.messages[variant].split('. ')[0] + '.',
    accessAnalyzerTitle: titleOf(variant),
    kinds: ['identity'],
    docs: accessAnalyzerDocs(family.severity === 'warning' ? 'general-warning' : family.severity, titleOf(variant)),
  }));
  return {
    name: family.name,
    checks,
    run({ ast, catalog, fixes }, report) {
      for (const statement of ast.statements) checkRoleAction(ast, statement, catalog, rule, report, fixes !== false);
    },
  };
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

function checkRoleAction(ast: PolicyAst, statement: Statement, catalog: Catalog, rule: RoleActionRule, report: Report, withFixes = true): void {
  if (effectOf(statement) !== 'Allow') return;
  const grant = howStatementReaches(statement, rule.action, catalog);
  if (!grant) return;
  const statementIndex = statement.index;

  if (statement.notResource) {
    const excluded = statement.notResource.values.some((value) => reachesEveryRole(value.value, rule.roles));
    if (excluded) return;
    const variant: Variant = grant.how === 'explicit' ? 'notResource' : grant.how === 'wildcard' ? 'starInActionAndNotResource' : 'notActionAndNotResource';
    report(rule.codes[variant], { range: statement.notResource.property.keyRange, statementIndex, message: rule.messages[variant] });
    return;
  }

  const star: PolicyString | undefined = statement.resource?.values.find((value) => reachesEveryRole(value.value, rule.roles));
  if (!star || hasConditionKey(statement, rule.limitingConditionKey)) return;
  const variant: Variant = grant.how === 'explicit' ? 'starInResource' : grant.how === 'wildcard' ? 'starInActionAndResource' : 'starInResourceAndNotAction';
  const template: FixData | undefined = star.value === '*' && withFixes ? resourceTemplatesFix(ast, statement, catalog) : undefined;
  report(rule.codes[variant], { range: star.node.range, statementIndex, message: rule.messages[variant], fixes: template ? [template] : undefined });
}
