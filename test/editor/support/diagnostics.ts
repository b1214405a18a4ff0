import * as vscode from 'vscode';
import { waitFor } from './wait';
import { diagnosticSource } from './workspace';

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === diagnosticSource);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const diagnostics = ourDiagnostics(uri);
  if (diagnostics.length === 0) return 'no diagnostics';
  return diagnostics.map((diagnostic) => `${codeOf(diagnostic)}@${diagnostic.range.start.line + 1}`).join(', ');
}

/** Waits until the diagnostics of `uri` satisfy `accept`, then returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} in ${uri.path}`,
    () => {
      const diagnostics = ourDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    () => describeDiagnostics(uri),
    { triggers: [vscode.languages.onDidChangeDiagnostics] },
  );
}

/** Waits for a diagnostic with each of `codes` and returns the first of each, by code. */
export async function waitForCodes(uri: vscode.Uri, codes: readonly string[]): Promise<Map<string, vscode.Diagnostic>> {
  const diagnostics = await waitForDiagnostics(uri, `diagnostics ${codes.join(', ')}`, (current) =>
    codes.every((code) => current.some((diagnostic) => codeOf(diagnostic) === code)),
  );
  const byCode = new Map<string, vscode.Diagnostic>();
  for (const diagnostic of diagnostics) {
    if (!byCode.has(codeOf(diagnostic))) byCode.set(codeOf(diagnostic), diagnostic);
  }
  return byCode;
}
