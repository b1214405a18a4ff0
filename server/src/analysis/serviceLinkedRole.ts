/**
 * Access Analyzer's "Create SLR with ..." general warnings: iam:CreateServiceLinkedRole allowed
 * for every service-linked role, so a principal can create roles for services the account does
 * not mean to use (access-analyzer-reference-policy-checks.md). Service-linked roles live under
 * the path /aws-service-role/ (using-service-linked-roles.md); a statement limited by the
 * iam:AWSServiceName condition key names the services and is not flagged for a star in the
 * resource (the AWS managed policies that grant it that way are not among the ones the
 * reference lists with this warning).
 */
import { roleActionFamily } from './passRoleRules';

const OUT = 'List the service-linked role ARNs in Resource, or limit it with the iam:AWSServiceName condition key.';

/** CREATE_SLR_WITH_NOTRESOURCE, ..._STAR_IN_ACTION_AND_NOTRESOURCE, ..._NOTACTION_AND_NOTRESOURCE, ..._STAR_IN_RESOURCE, ..._STAR_IN_ACTION_AND_RESOURCE, ..._STAR_IN_RESOURCE_AND_NOTACTION. */
export const serviceLinkedRoleChecks = roleActionFamily({
  name: 'service-linked-role',
  title: 'Create SLR',
  severity: 'warning',
  action: 'iam:CreateServiceLinkedRole',
  roles: 'role/aws-service-role/*',
  limitingConditionKey: 'iam:AWSServiceName',
  messages: {
    notResource: `iam:CreateServiceLinkedRole with NotResource allows creating service-linked roles for every service but the ones listed. ${OUT}`,
    starInActionAndNotResource: `A wildcard action together with NotResource allows iam:CreateServiceLinkedRole for every service but the ones listed. ${OUT}`,
    notActionAndNotResource: `NotAction with NotResource allows iam:CreateServiceLinkedRole for every service but the ones listed. Add iam:CreateServiceLinkedRole to NotAction, or allow it in its own statement with role ARNs.`,
    starInResource: `iam:CreateServiceLinkedRole on every role allows creating service-linked roles for any service. ${OUT}`,
    starInActionAndResource: `A wildcard action on every resource includes iam:CreateServiceLinkedRole for any service. ${OUT}`,
    starInResourceAndNotAction: `NotAction on every resource allows iam:CreateServiceLinkedRole for any service. Add iam:CreateServiceLinkedRole to NotAction, or allow it in its own statement with role ARNs.`,
  },
});
