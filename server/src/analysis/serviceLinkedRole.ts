/**
 * Access Analyzer's "Create SLR with ..." general warnings: iam:CreateServiceLinkedRole allowed
 * for every service-linked role, so a principal can create roles for services the account does
 * not mean to use (access-analyzer-reference-policy-checks.md). Service-linked roles live under
 * the path /aws-service-role/ (using-service-linked-roles.md); a statement limited by the
 * iam:AWSServiceName condition key names the services and is not flagged for a star in the
 * resource (the AWS managed policies that grant it that way are not among the ones the
 * reference lists with this warning).
 */
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { checkRoleAction, type RoleActionRule } from './passRoleRules';

const TITLES = {
  CREATE_SLR_WITH_NOTRESOURCE: 'Create SLR with NotResource',
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE: 'Create SLR with star in action and NotResource',
  CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE: 'Create SLR with NotAction and NotResource',
  CREATE_SLR_WITH_STAR_IN_RESOURCE: 'Create SLR with star in resource',
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: 'Create SLR with star in action and resource',
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION: 'Create SLR with star in resource and NotAction',
} as const;

const OUT = 'List the service-linked role ARNs in Resource, or limit it with the iam:AWSServiceName condition key.';

const MESSAGES: Record<keyof typeof TITLES, string> = {
  CREATE_SLR_WITH_NOTRESOURCE: `iam:CreateServiceLinkedRole with NotResource allows creating service-linked roles for every service but the ones listed. ${OUT}`,
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE: `A wildcard action together with NotResource allows iam:CreateServiceLinkedRole for every service but the ones listed. ${OUT}`,
  CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE: `NotAction with NotResource allows iam:CreateServiceLinkedRole for every service but the ones listed. Add iam:CreateServiceLinkedRole to NotAction, or allow it in its own statement with role ARNs.`,
  CREATE_SLR_WITH_STAR_IN_RESOURCE: `iam:CreateServiceLinkedRole on every role allows creating service-linked roles for any service. ${OUT}`,
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: `A wildcard action on every resource includes iam:CreateServiceLinkedRole for any service. ${OUT}`,
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION: `NotAction on every resource allows iam:CreateServiceLinkedRole for any service. Add iam:CreateServiceLinkedRole to NotAction, or allow it in its own statement with role ARNs.`,
};

const checks: CheckInfo[] = (Object.keys(TITLES) as (keyof typeof TITLES)[]).map((code) => ({
  code,
  severity: 'warning',
  summary: MESSAGES[code].split('. ')[0] + '.',
  accessAnalyzerTitle: TITLES[code],
  kinds: ['identity'],
  docs: accessAnalyzerDocs('general-warning', TITLES[code]),
}));

const RULE: RoleActionRule = {
  action: 'iam:CreateServiceLinkedRole',
  roles: 'role/aws-service-role/*',
  limitingConditionKey: 'iam:AWSServiceName',
  codes: {
    notResource: 'CREATE_SLR_WITH_NOTRESOURCE',
    starInActionAndNotResource: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE',
    notActionAndNotResource: 'CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE',
    starInResource: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
    starInActionAndResource: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
    starInResourceAndNotAction: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION',
  },
  messages: MESSAGES,
};

export const serviceLinkedRoleChecks: CheckFamily = {
  name: 'service-linked-role',
  checks,
  run({ ast, catalog, fixes }, report) {
    for (const statement of ast.statements) checkRoleAction(ast, statement, catalog, RULE, report, fixes !== false);
  },
};
