/**
 * One interface for every check family, and the metadata each check declares once: the code,
 * the severity, which policy kinds it applies to and where it is documented.
 */
import type { Catalog } from '../catalog/catalog';
import type { PolicyAst } from '../policy/ast';
import type { PolicyKind } from '../policy/kind';
import type { Finding, FindingSeverity } from './finding';
import type { QuotaSettings } from './quotas';

export interface CheckInfo {
  readonly code: string;
  readonly severity: FindingSeverity;
  /** One sentence for the generated table of checks. */
  readonly summary: string;
  /** The Access Analyzer check this implements (its title as in the reference), if any. */
  readonly accessAnalyzerTitle?: string;
  /** Kinds the check applies to; all kinds when absent. */
  readonly kinds?: readonly PolicyKind['type'][];
  /** A page that documents the rule. */
  readonly docs: string;
}

export interface CheckInput {
  readonly ast: PolicyAst;
  readonly kind: PolicyKind;
  /** Every service the document names is loaded (see prepareAnalysis), so lookups are synchronous. */
  readonly catalog: Catalog;
  /** The user's choice of size limits (iamPolicyStudio.identityPolicyQuota, trustPolicyQuota). */
  readonly quotas?: QuotaSettings;
  /** False when no one will see quick fixes (the CLI): families may skip the costly ones. */
  readonly fixes?: boolean;
}

export interface CheckFamily {
  readonly name: string;
  readonly checks: readonly CheckInfo[];
  run(input: CheckInput, report: (code: string, finding: Omit<Finding, 'code' | 'severity'>) => void): void;
}

const ACCESS_ANALYZER_PAGE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

/** The anchor Access Analyzer's reference page uses for a check, for `codeDescription`. */
export function accessAnalyzerDocs(category: 'error' | 'general-warning' | 'security-warning' | 'suggestion', title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${ACCESS_ANALYZER_PAGE}#access-analyzer-reference-policy-checks-${category}-${slug}`;
}

export function userGuideDocs(page: string, anchor?: string): string {
  return `https://docs.aws.amazon.com/IAM/latest/UserGuide/${page}.html${anchor ? `#${anchor}` : ''}`;
}
