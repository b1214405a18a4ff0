/** Selecting a policy in the IAM tree: opens its file with the policy's range selected (AWS managed policies read-only). */
import * as vscode from 'vscode';
import type { SourceLocationParams } from '../../../server/src/protocol';

export async function showLocation(location: SourceLocationParams, preserveFocus: boolean): Promise<vscode.TextEditor> {
  const { start, end } = location.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  const editor = await vscode.window.showTextDocument(document, { preserveFocus, preview: true });
  // showTextDocument's own `selection` option keeps the last one when the editor was already open.
  editor.selection = new vscode.Selection(selection.start, selection.end);
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

export function createOpenPolicySourceCommand() {
  return async (location?: SourceLocationParams): Promise<vscode.TextEditor | undefined> => (location ? showLocation(location, true) : undefined);
}
