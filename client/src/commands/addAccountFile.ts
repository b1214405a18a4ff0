/** "Add Account Export File…": an export picked anywhere (also outside the workspace) joins the account model. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { addPickedFiles } from '../views/accountFiles';

export function createAddAccountFileCommand(client: BaseLanguageClient, context: vscode.ExtensionContext) {
  return async (uri?: vscode.Uri): Promise<readonly vscode.Uri[]> => {
    const picked = uri
      ? [uri]
      : await vscode.window.showOpenDialog({
          title: 'Add an account export or CloudFormation template',
          openLabel: 'Add to IAM Accounts',
          canSelectMany: true,
          filters: { 'Exports and templates': ['json', 'yaml', 'yml', 'template'], 'All files': ['*'] },
        });
    if (!picked || picked.length === 0) return [];
    await addPickedFiles(client, context, picked);
    return picked;
  };
}
