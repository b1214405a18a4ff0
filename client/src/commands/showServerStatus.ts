/** "IAM: Show Language Server Status": proves the server answers, and tells what it tracks. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ServerStatusRequest, type ServerStatus } from '../../../server/src/protocol';

export function createShowServerStatusCommand(client: BaseLanguageClient): () => Promise<ServerStatus> {
  return async () => {
    const status = await client.sendRequest(ServerStatusRequest.type);
    void vscode.window.showInformationMessage(
      `IAM Policy Studio server ${status.serverVersion} is ${status.state}; ${status.documents} policy document${status.documents === 1 ? '' : 's'} open.`,
    );
    return status;
  };
}
