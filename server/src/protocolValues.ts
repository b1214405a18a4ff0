/**
 * The values of the client-server protocol (protocol.ts) that the engine uses as well: the names
 * of the policy kinds, the URI scheme of AWS managed policy documents, statement keys. They live
 * apart from the message types so that the CLI bundle, which needs them, does without
 * vscode-languageserver-protocol (220 KB of code, loaded at every start). protocol.ts re-exports
 * them; the client imports them from there.
 */
import type { StatementRef } from './protocol';

/** The kinds of policy the server tells apart (access_policies.md), with the names shown to users. */
export type PolicyKindType = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'boundary' | 'session' | 'endpoint';

export const POLICY_KIND_LABELS: Readonly<Record<PolicyKindType, string>> = {
  identity: 'Identity policy',
  resource: 'Resource policy',
  trust: 'Role trust policy',
  scp: 'Service control policy',
  rcp: 'Resource control policy',
  boundary: 'Permissions boundary',
  session: 'Session policy',
  endpoint: 'VPC endpoint policy',
};

/** URI scheme of the read-only documents that show bundled AWS managed policies: `iam-aws-managed-policy:/service-role/Name.json`. */
export const AWS_MANAGED_POLICY_SCHEME = 'iam-aws-managed-policy';

/** Names a statement across results: its policy type, SCP/RCP level, policy id and index. */
export function statementKey(statement: Pick<StatementRef, 'policyType' | 'level' | 'policyId' | 'statementIndex'>): string {
  return `${statement.policyType}/${statement.level ?? ''}/${statement.policyId}#${statement.statementIndex}`;
}
