/**
 * The platform-neutral client: starts the language server (how is injected by the node and
 * browser entry points), and registers the UI. No IAM logic here: every answer comes from the
 * server through the requests in server/src/protocol.ts.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { PolicyDocumentDetectedNotification } from '../../server/src/protocol';
import { createShowServerStatusCommand } from './commands/showServerStatus';
import { createSelectPolicyKindCommand } from './commands/selectPolicyKind';
import { createIgnoreFindingCommand } from './commands/ignoreFinding';
import { registerPolicyKindStatus } from './views/policyKindStatus';

export const CLIENT_ID = 'iamPolicyStudio';
export const CLIENT_NAME = 'IAM Policy Studio';
export const POLICY_LANGUAGE_ID = 'iam-policy';

export type LanguageClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

export interface ExtensionApi {
  readonly client: BaseLanguageClient;
}

export async function startClient(context: vscode.ExtensionContext, newLanguageClient: LanguageClientFactory): Promise<ExtensionApi> {
  const clientOptions: LanguageClientOptions = {
    // Plain JSON documents go to the server too: it tells us which of them are policies.
    documentSelector: [{ language: POLICY_LANGUAGE_ID }, { language: 'json' }],
    synchronize: { configurationSection: CLIENT_ID },
    // The web worker cannot read files: it fetches the IAM data from the extension's own folder.
    initializationOptions: { dataUrl: vscode.Uri.joinPath(context.extensionUri, 'dist', 'data').toString(true) },
    diagnosticCollectionName: CLIENT_ID,
  };
  const client = newLanguageClient(CLIENT_ID, CLIENT_NAME, clientOptions);

  context.subscriptions.push(
    client.onNotification(PolicyDocumentDetectedNotification.type, ({ uri }) => {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
      if (document && document.languageId === 'json') {
        void vscode.languages.setTextDocumentLanguage(document, POLICY_LANGUAGE_ID);
      }
    }),
    vscode.commands.registerCommand('iamPolicyStudio.showServerStatus', createShowServerStatusCommand(client)),
    vscode.commands.registerCommand('iamPolicyStudio.selectPolicyKind', createSelectPolicyKindCommand(client)),
    vscode.commands.registerCommand('iamPolicyStudio.ignoreFinding', createIgnoreFindingCommand(CLIENT_ID)),
    registerPolicyKindStatus(client),
  );

  await client.start();
  context.subscriptions.push({ dispose: () => void client.stop() });
  return { client };
}
