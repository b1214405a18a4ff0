/**
 * The problems account loaders report, each with a stable code. They reach the Problems panel
 * and the output channel with the file and position; a problem never stops the rest of a file
 * or the other files from loading.
 */
import type { Range } from 'vscode-languageserver-types';
import type { AccountProblem, AccountProblemSeverity } from './model';

export const ACCOUNT_PROBLEMS = {
  /** The file is not valid JSON or YAML at this point; what could be read around it is loaded. */
  'account-syntax': 'error',
  /** The file ends inside a value: probably cut off while copying or writing. */
  'account-truncated': 'error',
  /** The file's top level is not an export or template the loaders know. */
  'account-unknown-shape': 'error',
  /** An entry lacks a field it needs or has one of the wrong type; it is skipped or read in part. */
  'account-invalid-entry': 'warning',
  /** A key the export format does not have; ignored. */
  'account-unknown-key': 'information',
  /** `IsTruncated: true`: the export is one page; entities on later pages are missing. */
  'account-paginated': 'warning',
  /** A string policy document that is not valid URL-encoding; kept undecoded. */
  'account-undecodable-document': 'error',
  /** The same user, group, role or policy ARN defined twice; the first one is kept. */
  'account-duplicate-entity': 'warning',
  /** A group, managed policy or boundary named by an entity is not in the account. */
  'account-unknown-reference': 'warning',
  /** A template resource or property the loader cannot read (wrong type, unknown function...). */
  'template-invalid-resource': 'warning',
  /** The template's account is not set; its ARNs use the documentation's example account. */
  'template-assumed-account': 'information',
  /** A reference to a parameter, resource or condition the template does not define. */
  'template-unknown-reference': 'warning',
} as const satisfies Record<string, AccountProblemSeverity>;

export type AccountProblemCode = keyof typeof ACCOUNT_PROBLEMS;

export function accountProblem(uri: string, range: Range, code: AccountProblemCode, message: string): AccountProblem {
  return { uri, range, severity: ACCOUNT_PROBLEMS[code], code, message };
}

/** Syntax errors beyond this many per file are summed up in one last problem. */
export const MAX_SYNTAX_PROBLEMS_PER_FILE = 50;
