/** Desktop entry point: runs the language server as a Node child process over IPC. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { startClient, type ExtensionApi } from '../extension';

export function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'node.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  return startClient(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}

export function deactivate(): void {
  // The client is stopped through the extension context's subscriptions.
}
