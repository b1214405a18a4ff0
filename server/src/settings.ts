/**
 * The `iamPolicyStudio.*` settings as the server understands them. Unknown or wrongly typed
 * values fall back to the defaults, so a broken settings.json never stops the server.
 */
import type { AnalysisOptions } from './analysis/analyze';
import type { FindingSeverity } from './analysis/finding';
import { globMatches, isPathIgnored, readGlobs, readIgnoreRules, rulesForPath, type IgnoreFindingRule } from './analysis/ignore';
import { IDENTITY_POLICY_QUOTAS, type IdentityPolicyQuota, type QuotaSettings } from './analysis/quotas';
import { isPolicyKindType, type PolicyKind, type PolicyKindType } from './policy/kind';

export interface ServerSettings {
  readonly detectPoliciesInJson: boolean;
  /** Glob -> kind, for example { "**\/scps/*.json": "scp" }. */
  readonly policyKinds: ReadonlyArray<{ readonly glob: string; readonly type: PolicyKindType }>;
  readonly analysis: AnalysisOptions;
  /** Globs of files that are not checked at all. */
  readonly ignorePaths: readonly string[];
  /** Findings the user chose to ignore (see analysis/ignore.ts). */
  readonly ignoreFindings: readonly IgnoreFindingRule[];
}

export const DEFAULT_SETTINGS: ServerSettings = { detectPoliciesInJson: true, policyKinds: [], analysis: {}, ignorePaths: [], ignoreFindings: [] };

const SEVERITIES = new Set<string>(['error', 'security-warning', 'warning', 'suggestion', 'off']);

export function readSettings(raw: unknown): ServerSettings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const section = raw as Record<string, unknown>;
  const policyKinds: Array<{ glob: string; type: PolicyKindType }> = [];
  if (section.policyKinds && typeof section.policyKinds === 'object') {
    for (const [glob, type] of Object.entries(section.policyKinds as Record<string, unknown>)) {
      if (isPolicyKindType(type)) policyKinds.push({ glob, type });
    }
  }
  const checks = (section.checks && typeof section.checks === 'object' ? section.checks : {}) as Record<string, unknown>;
  const disabledCodes = Array.isArray(checks.disabled) ? checks.disabled.filter((code): code is string => typeof code === 'string') : [];
  const severityOverrides: Record<string, FindingSeverity | 'off'> = {};
  if (checks.severity && typeof checks.severity === 'object') {
    for (const [code, severity] of Object.entries(checks.severity as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) severityOverrides[code] = severity as FindingSeverity | 'off';
    }
  }
  const quotas: QuotaSettings = {
    identityPolicy:
      typeof section.identityPolicyQuota === 'string' && section.identityPolicyQuota in IDENTITY_POLICY_QUOTAS
        ? (section.identityPolicyQuota as IdentityPolicyQuota)
        : undefined,
    trustPolicyLength: typeof section.trustPolicyQuota === 'number' ? section.trustPolicyQuota : undefined,
  };
  return {
    detectPoliciesInJson: typeof section.detectPoliciesInJson === 'boolean' ? section.detectPoliciesInJson : true,
    policyKinds,
    analysis: { disabledCodes, severityOverrides, quotas },
    ignorePaths: readGlobs(section.ignorePaths),
    ignoreFindings: readIgnoreRules(section.ignoreFindings),
  };
}

/** Whether iamPolicyStudio.ignorePaths excludes the document from checking. */
export function isIgnoredDocument(settings: ServerSettings, uri: string): boolean {
  return isPathIgnored(settings.ignorePaths, uri);
}

/** The analysis options for one document: the global ones plus the ignore rules whose path matches it. */
export function analysisOptionsFor(settings: ServerSettings, uri: string): AnalysisOptions {
  if (settings.ignoreFindings.length === 0) return settings.analysis;
  return { ...settings.analysis, ignoredFindings: rulesForPath(settings.ignoreFindings, uri) };
}

/** The kind a per-glob setting assigns to a document URI, if any glob matches its path. */
export function kindFromSettings(settings: ServerSettings, uri: string): PolicyKind | undefined {
  if (settings.policyKinds.length === 0) return undefined;
  for (const { glob, type } of settings.policyKinds) {
    if (globMatches(glob, uri)) return { type, source: 'setting' };
  }
  return undefined;
}
