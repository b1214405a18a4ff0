/**
 * The `iamPolicyStudio.*` settings as the server understands them. Unknown or wrongly typed
 * values fall back to the defaults, so a broken settings.json never stops the server.
 */
import { minimatch } from 'minimatch';
import type { AnalysisOptions } from './analysis/analyze';
import type { FindingSeverity } from './analysis/finding';
import { isPolicyKindType, type PolicyKind, type PolicyKindType } from './policy/kind';

export interface ServerSettings {
  readonly detectPoliciesInJson: boolean;
  /** Glob -> kind, for example { "**\/scps/*.json": "scp" }. */
  readonly policyKinds: ReadonlyArray<{ readonly glob: string; readonly type: PolicyKindType }>;
  readonly analysis: AnalysisOptions;
}

export const DEFAULT_SETTINGS: ServerSettings = { detectPoliciesInJson: true, policyKinds: [], analysis: {} };

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
  return {
    detectPoliciesInJson: typeof section.detectPoliciesInJson === 'boolean' ? section.detectPoliciesInJson : true,
    policyKinds,
    analysis: { disabledCodes, severityOverrides },
  };
}

/** The kind a per-glob setting assigns to a document URI, if any glob matches its path. */
export function kindFromSettings(settings: ServerSettings, uri: string): PolicyKind | undefined {
  if (settings.policyKinds.length === 0) return undefined;
  const path = decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''));
  for (const { glob, type } of settings.policyKinds) {
    const pattern = glob.startsWith('/') || glob.startsWith('**') ? glob : `**/${glob}`;
    if (minimatch(path, pattern, { dot: true, nocase: true })) return { type, source: 'setting' };
  }
  return undefined;
}
