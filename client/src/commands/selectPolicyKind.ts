/** "IAM: Select Policy Kind": the user overrides the detected kind of the active policy document. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { POLICY_KIND_LABELS, SetPolicyKindRequest, type PolicyKindResult, type PolicyKindType } from '../../../server/src/protocol';

interface KindPick extends vscode.QuickPickItem {
  readonly type: PolicyKindResult['type'] | null;
}

export function createSelectPolicyKindCommand(client: BaseLanguageClient) {
  return async (uri?: string, type?: PolicyKindResult['type'] | null): Promise<PolicyKindResult | null | undefined> => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
    if (!target) return undefined;
    let chosen = type;
    if (chosen === undefined) {
      const picks: KindPick[] = [
        { label: 'Detect automatically', description: 'from the file name, its location and its content', type: null },
        ...(Object.entries(POLICY_KIND_LABELS) as Array<[PolicyKindType, string]>).map(([value, label]) => ({ label, type: value })),
      ];
      const pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Which kind of policy is this document?' });
      if (!pick) return undefined;
      chosen = pick.type;
    }
    return client.sendRequest(SetPolicyKindRequest.type, { uri: target, type: chosen });
  };
}
