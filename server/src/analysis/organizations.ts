/**
 * AWS Organizations policies. SCPs apply to every principal of the accounts they are attached
 * to, so they cannot name principals (access-analyzer-reference-policy-checks.md, "SCP syntax
 * error principal"; use aws:PrincipalArn in a Condition instead).
 *
 * The other "SCP syntax error" checks of the Access Analyzer reference (Condition, Resource ARNs
 * and NotAction with Allow, NotResource, wildcards inside action names) describe limits that AWS
 * Organizations lifted on 2025-09-19, when SCPs gained the full IAM policy language (AWS
 * Security Blog, "AWS Organizations service control policy now supports full IAM language"):
 * flagging them would report valid SCPs, so they are listed as not implemented in docs/checks.md.
 */
import { removeProperty } from './fixEdits';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { isEveryone } from './principals';

const checks: CheckInfo[] = [
  {
    code: 'SCP_SYNTAX_ERROR_PRINCIPAL',
    severity: 'error',
    summary: 'Principal or NotPrincipal in a service control policy.',
    accessAnalyzerTitle: 'SCP syntax error principal',
    kinds: ['scp'],
    docs: accessAnalyzerDocs('error', 'SCP syntax error principal'),
  },
];

export const organizationChecks: CheckFamily = {
  name: 'organizations',
  checks,
  run({ ast, kind }, report) {
    if (kind.type !== 'scp') return;
    for (const statement of ast.statements) {
      for (const element of [statement.principal, statement.notPrincipal]) {
        if (!element) continue;
        // An SCP already applies to every principal in the account, so dropping "Principal": "*" keeps its meaning.
        const removable = element === statement.principal && isEveryone(element) && (element.form === 'wildcard' || element.entries.length === 1);
        report('SCP_SYNTAX_ERROR_PRINCIPAL', {
          range: element.property.keyRange,
          statementIndex: statement.index,
          message: `SCPs do not support specifying principals: remove ${element.property.key}. The SCP applies to every IAM user and role in the accounts it is attached to; to exempt or target some of them, use a Condition on aws:PrincipalArn.`,
          fixes: removable ? [{ title: `Remove ${element.property.key}`, edits: [removeProperty(ast, statement.node, element.property)], preferred: true }] : undefined,
        });
      }
    }
  },
};
