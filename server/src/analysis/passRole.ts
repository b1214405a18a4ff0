/**
 * Access Analyzer's "Pass role with ..." security warnings: iam:PassRole allowed on every role,
 * which lets a principal hand any role, and its permissions, to a service it controls
 * (access-analyzer-reference-policy-checks.md; id_roles_use_passrole.md). Statements with an
 * iam:PassedToService condition are not flagged for a star in the resource, as the reference
 * recommends that key as the alternative to listing role ARNs; role ARN patterns that name
 * roles (arn:aws:iam::*:role/Service*) are not flagged, only ones that reach every role.
 */
import { roleActionFamily } from './passRoleRules';

const OUT = 'List the role ARNs it may pass in Resource, or limit it with the iam:PassedToService condition key.';

/** PASS_ROLE_WITH_NOTRESOURCE, ..._STAR_IN_ACTION_AND_NOTRESOURCE, ..._NOTACTION_AND_NOTRESOURCE, ..._STAR_IN_RESOURCE, ..._STAR_IN_ACTION_AND_RESOURCE, ..._STAR_IN_RESOURCE_AND_NOTACTION. */
export const passRoleChecks = roleActionFamily({
  name: 'pass-role',
  title: 'Pass role',
  severity: 'security-warning',
  action: 'iam:PassRole',
  roles: 'role/*',
  limitingConditionKey: 'iam:PassedToService',
  messages: {
    notResource: `iam:PassRole with NotResource allows passing every role except the ones listed. ${OUT}`,
    starInActionAndNotResource: `A wildcard action together with NotResource allows iam:PassRole on every role except the ones listed. ${OUT}`,
    notActionAndNotResource: `NotAction with NotResource allows iam:PassRole on every role except the ones listed. Add iam:PassRole to NotAction, or allow it in its own statement with role ARNs.`,
    starInResource: `iam:PassRole on every role lets a principal pass any role, and its permissions, to a service. ${OUT}`,
    starInActionAndResource: `A wildcard action on every resource includes iam:PassRole on every role. ${OUT}`,
    starInResourceAndNotAction: `NotAction on every resource allows iam:PassRole on every role. Add iam:PassRole to NotAction, or allow it in its own statement with role ARNs.`,
  },
});
