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
  /** Safe edits that resolve the finding, best first; the server offers them as quick fixes. */
  readonly fixes?: readonly FixData[];
}

/** One text replacement of a fix. */
export interface FixEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A fix described as data: the server turns it into a code action, the CLI could apply it. */
export interface FixData {
  readonly title: string;
  readonly edits: readonly FixEdit[];
  /** The fix to apply on "auto fix" when there is exactly one obvious one. */
  readonly preferred?: boolean;
}
