import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../support/wait';
import { currentDocument, openExample, policyLanguageId } from '../support/workspace';

suite('Policy detection in plain JSON', () => {
  test('plain-policy.json, a .json file with a Statement, is switched to IAM Policy', async () => {
    const opened = await openExample('policies', 'plain-policy.json');
    // The file name says JSON; only the extension can make it a policy.
    assert.strictEqual(opened.languageId, 'json');
    await waitFor(
      'the language to become iam-policy',
      () => {
        const current = currentDocument(opened.uri);
        return current?.languageId === policyLanguageId ? true : undefined;
      },
      () => `language ${currentDocument(opened.uri)?.languageId}`,
      { triggers: [vscode.workspace.onDidOpenTextDocument] },
    );
  });
});
