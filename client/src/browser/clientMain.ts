/** Web entry point: runs the language server in a web worker from the extension's own files. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { startClient, type ExtensionApi } from '../extension';

export function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'browser.js');
  return startClient(context, (id, name, options) => {
    const worker = new Worker(serverMain.toString(true));
    return new LanguageClient(id, name, worker, options);
  });
}

export function deactivate(): void {
  // The client is stopped through the extension context's subscriptions.
}
