/**
 * Policy size quotas, counted as AWS counts them: characters without the white space between
 * JSON tokens (reference_iam-quotas.md: "IAM does not count white space when calculating the
 * size of a policy"). Which limit applies depends on where the policy is stored, which a file
 * alone does not tell for identity policies, so that choice and the adjustable trust policy
 * length are settings (iamPolicyStudio.identityPolicyQuota, iamPolicyStudio.trustPolicyQuota).
 * Sources: reference_iam-quotas.md, access-analyzer-reference-policy-checks.md, and the
 * services' own quota pages for resource policies (cited in RESOURCE_POLICY_QUOTAS).
 */
import type { PolicyAst } from '../policy/ast';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';

/** Which stored form an identity policy file stands for. */
export type IdentityPolicyQuota = 'managed' | 'userInline' | 'roleInline' | 'groupInline';

/** The quota choices a user can make; the defaults below apply to what is left out. */
export interface QuotaSettings {
  readonly identityPolicy?: IdentityPolicyQuota;
  /** Role trust policy length: 2,048 by default, adjustable up to 4,096 (reference_iam-quotas.md). */
  readonly trustPolicyLength?: number;
}

/** Characters, white space excluded. Inline limits are for the sum of an entity's inline policies. */
export const IDENTITY_POLICY_QUOTAS: Readonly<Record<IdentityPolicyQuota, { readonly limit: number; readonly label: string }>> = {
  managed: { limit: 6144, label: 'managed policy' },
  userInline: { limit: 2048, label: 'user inline policies (all of a user together)' },
  roleInline: { limit: 10240, label: 'role inline policies (all of a role together)' },
  groupInline: { limit: 5120, label: 'group inline policies (all of a group together)' },
};

export const DEFAULT_TRUST_POLICY_QUOTA = 2048;
export const MAX_TRUST_POLICY_QUOTA = 4096;
/** AWS Organizations quotas for SCPs and RCPs (orgs_reference_limits). */
export const ORGANIZATIONS_POLICY_QUOTA = 5120;

/**
 * Resource policy limits that the services document (the catalog does not carry them):
 * S3 "Bucket policies are limited to 20 KB in size" (AmazonS3 using-iam-policies), SQS policy
 * 8,192 bytes (SQSDeveloperGuide quotas-policies), SNS 30 KB (sns-access-policy-language-api-
 * permissions-reference), DynamoDB 20 KB (PutResourcePolicy), KMS key policy 32 KB
 * (kms key-policies), Lambda function policy 20 KB (lambda gettingstarted-limits), Secrets
 * Manager 20,480 characters (secretsmanager reference_limits).
 */
export const RESOURCE_POLICY_QUOTAS: Readonly<Record<string, number>> = {
  s3: 20 * 1024,
  sqs: 8192,
  sns: 30 * 1024,
  dynamodb: 20 * 1024,
  kms: 32 * 1024,
  lambda: 20 * 1024,
  secretsmanager: 20480,
};

const checks: CheckInfo[] = [
  {
    code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    severity: 'warning',
    summary: 'The policy, white space excluded, is longer than the managed or inline policy limit chosen in iamPolicyStudio.identityPolicyQuota (managed 6,144 by default).',
    accessAnalyzerTitle: 'Policy size exceeds identity policy quota',
    kinds: ['identity', 'boundary'],
    docs: accessAnalyzerDocs('general-warning', 'Policy size exceeds identity policy quota'),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    severity: 'warning',
    summary: "The resource policy is longer than its service's limit (S3, SQS, SNS, DynamoDB, KMS, Lambda, Secrets Manager).",
    accessAnalyzerTitle: 'Policy size exceeds resource policy quota',
    kinds: ['resource'],
    docs: accessAnalyzerDocs('general-warning', 'Policy size exceeds resource policy quota'),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    severity: 'warning',
    summary: 'The role trust policy, white space excluded, is longer than the trust policy length quota (2,048 by default; iamPolicyStudio.trustPolicyQuota).',
    accessAnalyzerTitle: 'Policy size exceeds role trust policy quota',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('general-warning', 'Policy size exceeds role trust policy quota'),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
    severity: 'error',
    summary: 'The SCP is longer than 5,120 characters.',
    accessAnalyzerTitle: 'Policy size exceeds SCP quota',
    kinds: ['scp'],
    docs: accessAnalyzerDocs('error', 'Policy size exceeds SCP quota'),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
    severity: 'error',
    summary: 'The resource control policy is longer than 5,120 characters.',
    kinds: ['rcp'],
    docs: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html',
  },
];

/**
 * The size AWS compares with the quota: every character except white space outside string
 * tokens (white space inside a string is part of a value). Also returns the full length, which
 * AWS Organizations counts when a policy is saved through the API as written.
 */
export function policySize(text: string): { readonly withoutWhiteSpace: number; readonly total: number } {
  let whiteSpace = 0;
  let i = 0;
  while (i < text.length) {
    // Between strings: count white space up to the next quote.
    const quote = text.indexOf('"', i);
    const end = quote < 0 ? text.length : quote;
    for (; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) whiteSpace++;
    }
    if (quote < 0) break;
    // A string: jump to its closing quote, one not escaped by an odd run of backslashes.
    let close = text.indexOf('"', quote + 1);
    while (close > 0 && isEscaped(text, close)) close = text.indexOf('"', close + 1);
    if (close < 0) break;
    i = close + 1;
  }
  return { withoutWhiteSpace: text.length - whiteSpace, total: text.length };
}

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; j >= 0 && text.charCodeAt(j) === 0x5c; j--) backslashes++;
  return backslashes % 2 === 1;
}

export function trustPolicyQuota(settings: QuotaSettings | undefined): number {
  const value = settings?.trustPolicyLength;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, MAX_TRUST_POLICY_QUOTA) : DEFAULT_TRUST_POLICY_QUOTA;
}

/**
 * A count with thousands separators ("6,144"), as toLocaleString('en-US') writes whole numbers,
 * without its first call loading locale data (a good part of this family's cold time).
 */
function format(value: number): string {
  const digits = String(value);
  let text = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) text += ',';
    text += digits[i];
  }
  return text;
}

export const quotaChecks: CheckFamily = {
  name: 'quotas',
  checks,
  run({ ast, kind, quotas }, report) {
    if (!ast.root || ast.syntaxProblems.length > 0) return;
    // The count without white space is at most the text's length: a policy no longer than its
    // limit (nearly all) needs no count, and its range is read only for a finding.
    const countOver = (limit: number): number | undefined => {
      if (ast.text.length <= limit) return undefined;
      const count = policySize(ast.text).withoutWhiteSpace;
      return count > limit ? count : undefined;
    };
    switch (kind.type) {
      case 'identity':
      case 'boundary': {
        // A permissions boundary is always a managed policy (access_policies_boundaries.md).
        const choice = kind.type === 'boundary' ? 'managed' : (quotas?.identityPolicy ?? 'managed');
        const { limit, label } = IDENTITY_POLICY_QUOTAS[choice];
        const count = countOver(limit);
        if (count !== undefined) {
          report('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', {
            range: firstCharacter(ast),
            message: `The policy has ${format(count)} characters without white space, over the ${format(limit)} limit for ${label}${kind.type === 'identity' ? ' (iamPolicyStudio.identityPolicyQuota)' : ''}. Split it into several policies.`,
          });
        }
        break;
      }
      case 'trust': {
        const limit = trustPolicyQuota(quotas);
        const count = countOver(limit);
        if (count !== undefined) {
          report('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA', {
            range: firstCharacter(ast),
            message: `The trust policy has ${format(count)} characters without white space, over the ${format(limit)} role trust policy length quota (iamPolicyStudio.trustPolicyQuota). Request a quota increase (up to ${format(MAX_TRUST_POLICY_QUOTA)}) with Service Quotas, or shorten the policy.`,
          });
        }
        break;
      }
      case 'scp':
      case 'rcp': {
        const count = countOver(ORGANIZATIONS_POLICY_QUOTA);
        if (count !== undefined) {
          const name = kind.type === 'scp' ? 'service control policy' : 'resource control policy';
          report(kind.type === 'scp' ? 'POLICY_SIZE_EXCEEDS_SCP_QUOTA' : 'POLICY_SIZE_EXCEEDS_RCP_QUOTA', {
            range: firstCharacter(ast),
            message: `The ${name} has ${format(count)} characters even without white space, over the ${format(ORGANIZATIONS_POLICY_QUOTA)} limit of AWS Organizations. Split it into several policies.`,
          });
        }
        break;
      }
      case 'resource': {
        const limit = kind.resourceService ? RESOURCE_POLICY_QUOTAS[kind.resourceService] : undefined;
        if (limit === undefined) break;
        const count = countOver(limit);
        if (count !== undefined) {
          report('POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA', {
            range: firstCharacter(ast),
            message: `The ${kind.resourceService} resource policy has ${format(count)} characters without white space, over the ${format(limit)} limit of the service. Split the statements across resources or shorten them (for example with wildcards or aws:PrincipalOrgID).`,
          });
        }
        break;
      }
      default:
        break;
    }
  },
};

function firstCharacter(ast: PolicyAst) {
  const start = ast.root!.range.start;
  return { start, end: { line: start.line, character: start.character + 1 } };
}
