/**
 * Runs the registered checks over one parsed policy and applies the user's configuration
 * (disabled codes, changed severities). Used by the server and the CLI alike.
 */
import type { PolicyAst } from '../policy/ast';
import type { PolicyKind } from '../policy/kind';
import type { Finding, FindingSeverity } from './finding';
import { CHECK_FAMILIES, checkInfo } from './registry';

export interface AnalysisOptions {
  /** Codes the user turned off. */
  readonly disabledCodes?: readonly string[];
  /** Per-code severity overrides, or 'off'. */
  readonly severityOverrides?: Readonly<Record<string, FindingSeverity | 'off'>>;
}

export function analyzePolicy(ast: PolicyAst, kind: PolicyKind, options: AnalysisOptions = {}): Finding[] {
  const disabled = new Set(options.disabledCodes ?? []);
  const overrides = options.severityOverrides ?? {};
  const findings: Finding[] = [];
  for (const family of CHECK_FAMILIES) {
    const applicable = family.checks.some((check) => !check.kinds || check.kinds.includes(kind.type));
    if (!applicable) continue;
    family.run({ ast, kind }, (code, finding) => {
      const info = checkInfo(code);
      if (!info) throw new Error(`Check family ${family.name} reported undeclared code ${code}`);
      if (info.kinds && !info.kinds.includes(kind.type)) return;
      if (disabled.has(code)) return;
      const override = overrides[code];
      if (override === 'off') return;
      findings.push({ ...finding, code, severity: override ?? info.severity });
    });
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return findings;
}
