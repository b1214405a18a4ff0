/**
 * Access Analyzer's "Pass role with ..." security warnings: iam:PassRole allowed on every role,
 * which lets a principal hand any role, and its permissions, to a service it controls
 * (access-analyzer-reference-policy-checks.md; id_roles_use_passrole.md). Statements with an
 * iam:PassedToService condition are not flagged for a star in the resource, as the reference
 * recommends that key as the alternative to listing role ARNs; role ARN patterns that name
 * roles (arn:aws:iam::*:role/Service*) are not flagged, only ones that reach every role.
 */
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { checkRoleAction, type RoleActionRule } from './passRoleRules';

const TITLES = {
  PASS_ROLE_WITH_NOTRESOURCE: 'Pass role with NotResource',
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE: 'Pass role with star in action and NotResource',
  PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE: 'Pass role with NotAction and NotResource',
  PASS_ROLE_WITH_STAR_IN_RESOURCE: 'Pass role with star in resource',
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: 'Pass role with star in action and resource',
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION: 'Pass role with star in resource and NotAction',
} as const;

const OUT = 'List the role ARNs it may pass in Resource, or limit it with the iam:PassedToService condition key.';

const MESSAGES: Record<keyof typeof TITLES, string> = {
  PASS_ROLE_WITH_NOTRESOURCE: `iam:PassRole with NotResource allows passing every role except the ones listed. ${OUT}`,
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE: `A wildcard action together with NotResource allows iam:PassRole on every role except the ones listed. ${OUT}`,
  PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE: `NotAction with NotResource allows iam:PassRole on every role except the ones listed. Add iam:PassRole to NotAction, or allow it in its own statement with role ARNs.`,
  PASS_ROLE_WITH_STAR_IN_RESOURCE: `iam:PassRole on every role lets a principal pass any role, and its permissions, to a service. ${OUT}`,
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: `A wildcard action on every resource includes iam:PassRole on every role. ${OUT}`,
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION: `NotAction on every resource allows iam:PassRole on every role. Add iam:PassRole to NotAction, or allow it in its own statement with role ARNs.`,
};

const checks: CheckInfo[] = (Object.keys(TITLES) as (keyof typeof TITLES)[]).map((code) => ({
  code,
  severity: 'security-warning',
  summary: MESSAGES[code].split('. ')[0] + '.',
  accessAnalyzerTitle: TITLES[code],
  kinds: ['identity'],
  docs: accessAnalyzerDocs('security-warning', TITLES[code]),
}));

const RULE: RoleActionRule = {
  action: 'iam:PassRole',
  roles: 'role/*',
  limitingConditionKey: 'iam:PassedToService',
  codes: {
    notResource: 'PASS_ROLE_WITH_NOTRESOURCE',
    starInActionAndNotResource: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE',
    notActionAndNotResource: 'PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE',
    starInResource: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
    starInActionAndResource: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
    starInResourceAndNotAction: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION',
  },
  messages: MESSAGES,
};

export const passRoleChecks: CheckFamily = {
  name: 'pass-role',
  checks,
  run({ ast, catalog, fixes }, report) {
    for (const statement of ast.statements) checkRoleAction(ast, statement, catalog, RULE, report, fixes !== false);
  },
};
