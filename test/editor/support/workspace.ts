import * as assert from 'assert';
import * as vscode from 'vscode';

/** publisher.name from package.json. */
export const extensionId = 'iam-policy-studio.iam-policy-studio';
export const policyLanguageId = 'iam-policy';
export const diagnosticSource = 'IAM Policy Studio';

/**
 * A file of the examples workspace. On the web it is served by @vscode/test-web under a
 * `vscode-test-web:` URI, on desktop it is a `file:` URI, so always go through the folder.
 */
export function exampleUri(...pathSegments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the examples folder open as the workspace');
  return vscode.Uri.joinPath(folder.uri, ...pathSegments);
}

export async function openExample(...pathSegments: string[]): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(exampleUri(...pathSegments));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The open document for `uri` as it is now (a language switch replaces the object). */
export function currentDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
}

/** Zero-based line of the only line containing `text`; fails when it is not exactly one. */
export function lineContaining(document: vscode.TextDocument, text: string): number {
  const lines = document.getText().split(/\r?\n/);
  const matches = lines.flatMap((line, index) => (line.includes(text) ? [index] : []));
  assert.strictEqual(matches.length, 1, `expected exactly one line with ${text} in ${document.uri.path}`);
  return matches[0];
}

/** Replaces the only occurrence of `search` in the document, as typing it would. */
export async function replaceText(document: vscode.TextDocument, search: string, replacement: string): Promise<void> {
  const text = document.getText();
  const offset = text.indexOf(search);
  assert.ok(offset >= 0 && text.indexOf(search, offset + 1) < 0, `expected exactly one ${search} in ${document.uri.path}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + search.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), `the edit of ${document.uri.path} was not applied`);
}

/** "File: Revert File": back to the text on disk, so that later tests see the example as shipped. */
export async function revertDocument(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.strictEqual(currentDocument(document.uri)?.isDirty, false, `${document.uri.path} is still modified after revert`);
}
