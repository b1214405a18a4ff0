import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitForDocumentSymbols } from '../support/symbols';
import { waitFor } from '../support/wait';
import { extensionId, openExample } from '../support/workspace';

/** What iamPolicyStudio.showServerStatus returns (ServerStatus in server/src/protocol.ts). */
interface ServerStatus {
  state: string;
  serverVersion: string;
  documents: number;
}

suite('Activation', () => {
  test('the extension is installed and activates when a policy file is open', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    await openExample('policies', 'identity.iam.json');
    await waitFor(
      'the extension to activate',
      () => (extension.isActive ? true : undefined),
      () => 'not active',
    );
  });

  test('IAM: Show Language Server Status reports a running server that tracks the open policy', async () => {
    const identity = await openExample('policies', 'identity.iam.json');
    // Once the server answers for the document it has it open.
    await waitForDocumentSymbols(identity.uri);
    const status = await vscode.commands.executeCommand<ServerStatus>('iamPolicyStudio.showServerStatus');
    assert.ok(status, 'the command returned nothing');
    assert.ok(status.documents >= 1, `the server tracks ${status.documents} documents`);
    assert.strictEqual(status.state, 'running');
    assert.strictEqual(typeof status.serverVersion, 'string');
    assert.notStrictEqual(status.serverVersion, '');
  });
});
