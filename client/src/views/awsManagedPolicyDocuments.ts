/** Read-only documents for AWS managed policies (`iam-aws-managed-policy:/Name.json`): the server has their text. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { AWS_MANAGED_POLICY_SCHEME, AwsManagedPolicyTextRequest } from '../../../server/src/protocol';

export function registerAwsManagedPolicyDocuments(client: BaseLanguageClient): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(AWS_MANAGED_POLICY_SCHEME, {
    async provideTextDocumentContent(uri) {
      const result = await client.sendRequest(AwsManagedPolicyTextRequest.type, { uri: uri.toString() });
      return result?.text ?? `"${uri.path.replace(/\.json$/, '')} is not an AWS managed policy this version of IAM Policy Studio knows."\n`;
    },
  });
}
