/**
 * Findings as LSP diagnostics, and back: a diagnostic carries its fix as data so that
 * onCodeAction needs no second analysis run.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding, FindingSeverity, FixData } from './finding';
import { checkInfo } from './registry';

export const DIAGNOSTIC_SOURCE = 'IAM Policy Studio';

/** Errors are errors; both kinds of warning are warnings; suggestions are information, so they stay visible in Problems. */
const LSP_SEVERITY: Readonly<Record<FindingSeverity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  'security-warning': DiagnosticSeverity.Warning,
  warning: DiagnosticSeverity.Warning,
  suggestion: DiagnosticSeverity.Information,
};

interface DiagnosticData {
  readonly severity: FindingSeverity;
  readonly fixes?: readonly FixData[];
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const info = checkInfo(finding.code);
  const data: DiagnosticData = { severity: finding.severity, fixes: finding.fixes };
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: LSP_SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.severity === 'security-warning' ? `Security: ${finding.message}` : finding.message,
    data,
  };
  if (info) diagnostic.codeDescription = { href: info.docs };
  return diagnostic;
}

export function fixesFromDiagnostic(diagnostic: Diagnostic): readonly FixData[] {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return [];
  const data = diagnostic.data as DiagnosticData | undefined;
  return Array.isArray(data?.fixes) ? data.fixes : [];
}
