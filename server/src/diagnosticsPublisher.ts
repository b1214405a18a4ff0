/**
 * One URI can get diagnostics from two places: the checks of the open document (a policy, or
 * the policies in a template) and the account loaders (problems in an export or template on
 * disk, open or not). publishDiagnostics replaces a URI's whole list, so both parts are kept
 * here and always sent together.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AccountProblem } from './account';
import { DIAGNOSTIC_SOURCE } from './analysis/diagnostics';

export type SendDiagnostics = (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => void;

export class DiagnosticsPublisher {
  private readonly documentParts = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  private accountParts = new Map<string, Diagnostic[]>();

  constructor(private readonly send: SendDiagnostics) {}

  /** The checks' diagnostics of an open document (replacing its earlier ones). */
  setDocument(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    this.documentParts.set(uri, { version, diagnostics });
    this.publish(uri);
  }

  /** The document closed: its checks' diagnostics go, the account problems of the file stay. */
  clearDocument(uri: string): void {
    this.documentParts.delete(uri);
    this.publish(uri);
  }

  hasDocument(uri: string): boolean {
    return this.documentParts.has(uri);
  }

  /** The account model's problems by URI, replacing the earlier set; only changed URIs are sent. */
  setAccountProblems(byUri: Map<string, Diagnostic[]>): void {
    const previous = this.accountParts;
    this.accountParts = byUri;
    for (const uri of new Set([...previous.keys(), ...byUri.keys()])) {
      if (JSON.stringify(previous.get(uri) ?? []) !== JSON.stringify(byUri.get(uri) ?? [])) this.publish(uri);
    }
  }

  private publish(uri: string): void {
    const document = this.documentParts.get(uri);
    const account = this.accountParts.get(uri) ?? [];
    const diagnostics = document ? [...document.diagnostics, ...account.filter((problem) => !document.diagnostics.some((shown) => sameDiagnostic(shown, problem)))] : account;
    this.send({ uri, version: document?.version, diagnostics });
  }
}

/** The open template's own loader problems and the model's problems for the file are often the same. */
function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

const PROBLEM_SEVERITY = { error: 1, warning: 2, information: 3 } as const;

/** A loader problem as a diagnostic on its file. */
export function accountProblemDiagnostic(problem: AccountProblem): Diagnostic {
  return { range: problem.range, severity: PROBLEM_SEVERITY[problem.severity], code: problem.code, source: DIAGNOSTIC_SOURCE, message: problem.message };
}

/** The account model's problems, grouped by the file they are in. */
export function accountProblemsByUri(problems: readonly AccountProblem[]): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const problem of problems) {
    const list = byUri.get(problem.uri) ?? [];
    list.push(accountProblemDiagnostic(problem));
    byUri.set(problem.uri, list);
  }
  return byUri;
}
