/** "Filter": shows only the users, groups, roles and policies whose name (or ARN) contains the text typed. */
import * as vscode from 'vscode';
import type { AccountTreeProvider } from '../views/accountTree';

export function createFilterAccountTreeCommand(tree: AccountTreeProvider) {
  return async (filter?: string): Promise<void> => {
    const text =
      filter ??
      (await vscode.window.showInputBox({
        title: 'Filter the IAM tree',
        prompt: 'Users, groups, roles and policies whose name or ARN contains this text (any case). Empty: no filter.',
        value: tree.filter,
      }));
    if (text !== undefined) tree.setFilter(text);
  };
}
