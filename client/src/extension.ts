/**
 * The platform-neutral client: starts the language server (how is injected by the node and
 * browser entry points), and registers the UI. No IAM logic here: every answer comes from the
 * server through the requests in server/src/protocol.ts.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { PolicyDocumentDetectedNotification } from '../../server/src/protocol';
import { createShowServerStatusCommand } from './commands/showServerStatus';
import { createSelectPolicyKindCommand } from './commands/selectPolicyKind';
import { createIgnoreFindingCommand } from './commands/ignoreFinding';
import { createAddAccountFileCommand } from './commands/addAccountFile';
import { createClearAccountTreeFilterCommand } from './commands/clearAccountTreeFilter';
import { createFilterAccountTreeCommand } from './commands/filterAccountTree';
import { createOpenExampleAccountCommand } from './commands/openExampleAccount';
import { createOpenPolicySourceCommand } from './commands/openPolicySource';
import { createRefreshAccountTreeCommand } from './commands/refreshAccountTree';
import { createRevealInSourceCommand } from './commands/revealInSource';
import { createSimulateAsPrincipalCommand } from './commands/simulateAsPrincipal';
import { registerSimulationCommands } from './commands/simulationCommands';
import type { SimulationPanel } from './panels/simulationPanel';
import { createCandidateFileWatcher, registerReadFile, sendCandidateFiles } from './views/accountFiles';
import { registerAccountLoadProgress } from './views/accountLoadProgress';
import { OPEN_POLICY_SOURCE_COMMAND, registerAccountTree, type AccountTreeProvider } from './views/accountTree';
import { registerAwsManagedPolicyDocuments } from './views/awsManagedPolicyDocuments';
import { registerPolicyKindStatus } from './views/policyKindStatus';

export const CLIENT_ID = 'iamPolicyStudio';
export const CLIENT_NAME = 'IAM Policy Studio';
export const POLICY_LANGUAGE_ID = 'iam-policy';

export type LanguageClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

export interface ExtensionApi {
  readonly client: BaseLanguageClient;
  /** The IAM tree's data, for tests: tree items cannot be read through the public API. */
  readonly accountTree: AccountTreeProvider;
  /** The simulation result panel, for tests: its last model, page and what the webview rendered; links are followed through its message handler. */
  readonly simulationPanel: SimulationPanel;
}

export async function startClient(context: vscode.ExtensionContext, newLanguageClient: LanguageClientFactory): Promise<ExtensionApi> {
  const watcher = createCandidateFileWatcher();
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    // Plain JSON documents go to the server too: it tells us which of them are policies.
    // YAML too: the server analyses the policies of CloudFormation templates (and nothing else in YAML).
    documentSelector: [{ language: POLICY_LANGUAGE_ID }, { language: 'json' }, { language: 'yaml' }],
    // Creations, changes and deletions of possible account files reach the server as workspace/didChangeWatchedFiles.
    synchronize: { configurationSection: CLIENT_ID, fileEvents: watcher },
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
    registerReadFile(client),
    registerAwsManagedPolicyDocuments(client),
    registerAccountLoadProgress(client),
  );

  const accountTree = registerAccountTree(client);
  const tree = accountTree.provider;
  context.subscriptions.push(
    accountTree.disposable,
    vscode.commands.registerCommand(OPEN_POLICY_SOURCE_COMMAND, createOpenPolicySourceCommand()),
    vscode.commands.registerCommand('iamPolicyStudio.revealInSource', createRevealInSourceCommand()),
    vscode.commands.registerCommand('iamPolicyStudio.simulateAsPrincipal', createSimulateAsPrincipalCommand()),
    vscode.commands.registerCommand('iamPolicyStudio.filterAccountTree', createFilterAccountTreeCommand(tree)),
    vscode.commands.registerCommand('iamPolicyStudio.clearAccountTreeFilter', createClearAccountTreeFilterCommand(tree)),
    vscode.commands.registerCommand('iamPolicyStudio.refreshAccountTree', createRefreshAccountTreeCommand(tree)),
    vscode.commands.registerCommand('iamPolicyStudio.addAccountFile', createAddAccountFileCommand(client, context)),
    vscode.commands.registerCommand('iamPolicyStudio.openExampleAccount', createOpenExampleAccountCommand(client, context)),
  );

  // On start and after a restart (a new server knows no files yet): name the account files.
  // Not awaited: the search may take a while in a big workspace, and activation must not wait for it.
  const nameAccountFiles = () => void sendCandidateFiles(client, context).catch((error: unknown) => client.error('Listing the account files failed', error));
  context.subscriptions.push(
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) nameAccountFiles();
    }),
    // Files the old globs kept out of the search may be wanted now.
    vscode.workspace.onDidChangeConfiguration((change) => {
      if (change.affectsConfiguration('iamPolicyStudio.accountFiles.exclude')) nameAccountFiles();
    }),
  );

  // "Simulate access", batch, who can, effective permissions, and their result panel.
  const simulationPanel = registerSimulationCommands(context, client);

  await client.start();
  context.subscriptions.push({ dispose: () => void client.stop() });
  return { client, accountTree: tree, simulationPanel };
}
