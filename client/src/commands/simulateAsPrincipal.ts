/**
 * "Simulate Access as This Principal" on a user or role of the IAM tree: hands the principal's
 * ARN to the "Simulate access" command when the extension has it.
 */
import * as vscode from 'vscode';
import type { AccountTreeNode } from '../../../server/src/protocol';

export const SIMULATE_ACCESS_COMMAND = 'iamPolicyStudio.simulateAccess';

export function createSimulateAsPrincipalCommand() {
  return async (node?: AccountTreeNode | string): Promise<unknown> => {
    const arn = typeof node === 'string' ? node : node?.principalArn;
    if (!arn) return undefined;
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes(SIMULATE_ACCESS_COMMAND)) return vscode.commands.executeCommand(SIMULATE_ACCESS_COMMAND, arn);
    void vscode.window.showInformationMessage(`Simulating access as ${arn} arrives with the "IAM: Simulate Access" command.`);
    return undefined;
  };
}
