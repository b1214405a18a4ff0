import * as vscode from 'vscode';
import { waitFor } from './wait';

/** The outline of a document as the Outline view gets it, once the server answers with one. */
export function waitForDocumentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  let last: unknown;
  return waitFor(
    `document symbols of ${uri.path}`,
    async () => {
      last = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
      return Array.isArray(last) && last.length > 0 ? (last as vscode.DocumentSymbol[]) : undefined;
    },
    () => JSON.stringify(last),
  );
}
