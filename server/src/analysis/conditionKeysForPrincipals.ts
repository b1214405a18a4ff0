/**
 * Condition keys in statements whose principals are all AWS service principals
 * ({"Service": "cloudtrail.amazonaws.com"}): keys such a request never carries, and keys that
 * do not protect against the confused deputy, where aws:SourceArn or aws:SourceAccount would
 * (reference_policies_elements_principal.md, service principals; conditionKeysDocumented.ts;
 * access-analyzer-reference-policy-checks.md).
 */
import { findGlobalConditionKey } from '../catalog/globalConditionKeys';
import type { Statement } from '../policy/ast';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { CONFUSED_DEPUTY_KEYS, KEYS_ABSENT_FOR_SERVICE_PRINCIPALS, KEYS_WEAK_FOR_SERVICE_PRINCIPALS } from './conditionKeysDocumented';
import { conditionEntries } from './conditionsContext';

const checks: CheckInfo[] = [
  {
    code: 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    severity: 'error',
    summary: 'A key that requests from service principals never carry (aws:PrincipalOrgID, aws:PrincipalTag...) in a statement for service principals.',
    accessAnalyzerTitle: 'Unsupported condition key for service principal',
    kinds: ['resource', 'trust', 'endpoint'],
    docs: accessAnalyzerDocs('error', 'Unsupported condition key for service principal'),
  },
  {
    code: 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    severity: 'suggestion',
    summary: 'A statement for service principals restricted by aws:Referer or a network key rather than aws:SourceArn or aws:SourceAccount.',
    accessAnalyzerTitle: 'Recommended condition key for service principal',
    kinds: ['resource', 'trust', 'endpoint'],
    docs: accessAnalyzerDocs('suggestion', 'Recommended condition key for service principal'),
  },
];

/** Names as the global key list writes them (patterns such as aws:PrincipalTag/${TagKey} included). */
const ABSENT = new Set(KEYS_ABSENT_FOR_SERVICE_PRINCIPALS.map((name) => name.toLowerCase()));
const WEAK = new Set(KEYS_WEAK_FOR_SERVICE_PRINCIPALS.map((name) => name.toLowerCase()));
const CONFUSED_DEPUTY = new Set(CONFUSED_DEPUTY_KEYS.map((name) => name.toLowerCase()));

export const conditionKeyPrincipalChecks: CheckFamily = {
  name: 'condition keys and service principals',
  checks,
  run({ ast }, report) {
    for (const statement of ast.statements) {
      const services = servicePrincipals(statement);
      if (!services) continue;
      const entries = conditionEntries(statement);
      const globalNames = entries.map((entry) => findGlobalConditionKey(entry.key.key)?.name.toLowerCase());
      const hasSourceKey = globalNames.some((name) => name !== undefined && CONFUSED_DEPUTY.has(name));
      const allows = statement.effect?.value?.value === 'Allow';
      entries.forEach((entry, index) => {
        const name = globalNames[index];
        if (!name) return;
        const range = entry.key.property.keyRange;
        if (ABSENT.has(name)) {
          report('UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', {
            range,
            statementIndex: statement.index,
            message: `${entry.key.key} is never in the requests of service principals (${services.join(', ')}): it describes an IAM identity. Remove it, or use aws:SourceArn or aws:SourceAccount to restrict what the service acts for.`,
          });
        } else if (allows && !hasSourceKey && WEAK.has(name)) {
          report('RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', {
            range,
            statementIndex: statement.index,
            message: `To restrict ${services.join(', ')} to acting on your behalf, use aws:SourceArn or aws:SourceAccount instead of ${entry.key.key}; it prevents the confused deputy problem.`,
          });
        }
      });
    }
  },
};

/** The service principals of a statement whose Principal names nothing else; undefined otherwise. */
function servicePrincipals(statement: Statement): string[] | undefined {
  const principal = statement.principal;
  if (!principal || principal.form !== 'object' || principal.entries.length === 0) return undefined;
  if (!principal.entries.every((entry) => entry.type === 'Service' && entry.values.length > 0)) return undefined;
  return principal.entries.flatMap((entry) => entry.values.map(({ value }) => value));
}
