/**
 * What a check reports. Plain data: the server turns findings into LSP diagnostics, the CLI into
 * text, JSON or SARIF. Severities follow Access Analyzer's categories
 * (access-analyzer-reference-policy-checks.md): error, security warning, general warning, suggestion.
 */
import type { Range } from 'vscode-languageserver-types';

export type FindingSeverity = 'error' | 'security-warning' | 'warning' | 'suggestion';

export const SEVERITY_ORDER: readonly FindingSeverity[] = ['suggestion', 'warning', 'security-warning', 'error'];

export interface Finding {
  /** Stable code: an Access Analyzer check title in UPPER_SNAKE_CASE, or one of our own. */
  readonly code: string;
  readonly severity: FindingSeverity;
  /** Names the offending value and the way out. */
  readonly message: string;
  /** The offending token, taken from the AST. */
  readonly range: Range;
  /** Zero-based statement index, when the finding belongs to a statement. */
  readonly statementIndex?: number;
  /** Facts a quick fix needs (for example the correctly spelled value). */
  readonly fix?: FixData;
}

/** A fix described as data; the server turns it into a TextEdit. */
export interface FixData {
  readonly title: string;
  readonly range: Range;
  readonly newText: string;
}
