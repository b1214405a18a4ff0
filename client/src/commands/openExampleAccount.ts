/**
 * "Open Example Account" (the IAM view's welcome): loads the workspace's
 * examples/account/authorization-details.json into the tree and opens it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { addPickedFiles } from '../views/accountFiles';

export const EXAMPLE_ACCOUNT_PATH = ['examples', 'account', 'authorization-details.json'];

export function createOpenExampleAccountCommand(client: BaseLanguageClient, context: vscode.ExtensionContext) {
  return async (): Promise<vscode.Uri | undefined> => {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, ...EXAMPLE_ACCOUNT_PATH);
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        continue;
      }
      await addPickedFiles(client, context, [uri]);
      await vscode.window.showTextDocument(uri, { preview: true });
      return uri;
    }
    void vscode.window.showInformationMessage(
      `This workspace has no ${EXAMPLE_ACCOUNT_PATH.join('/')}. Export an account with "aws iam get-account-authorization-details > account.json" and pick that file instead.`,
    );
    return undefined;
  };
}
