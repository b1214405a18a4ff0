/** A language status item that shows the active document's policy kind and lets the user change it. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { PolicyKindChangedNotification, PolicyKindRequest } from '../../../server/src/protocol';

const SOURCE_LABELS: Record<string, string> = {
  setting: 'chosen in settings or by you',
  'file-name': 'from the file name',
  location: 'from where it sits',
  content: 'from the content',
  default: 'default',
};

export function registerPolicyKindStatus(client: BaseLanguageClient): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('iamPolicyStudio.policyKind', { language: 'iam-policy' });
  item.name = 'IAM policy kind';
  item.text = '$(shield) IAM policy';
  item.command = { title: 'Change', command: 'iamPolicyStudio.selectPolicyKind', tooltip: 'Change the policy kind of this document' };

  let generation = 0;
  const refresh = async () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'iam-policy') return;
    const current = ++generation;
    try {
      const kind = await client.sendRequest(PolicyKindRequest.type, { uri: document.uri.toString() });
      if (current !== generation || !kind) return;
      item.text = `$(shield) ${kind.label}${kind.resourceService ? ` (${kind.resourceService})` : ''}`;
      item.detail = SOURCE_LABELS[kind.source] ?? kind.source;
    } catch {
      // The server is restarting; the next editor change refreshes the item.
    }
  };

  const disposables = [
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidOpenTextDocument(() => void refresh()),
    client.onNotification(PolicyKindChangedNotification.type, () => void refresh()),
  ];
  client.onDidChangeState(() => void refresh());
  void refresh();
  return vscode.Disposable.from(...disposables);
}
