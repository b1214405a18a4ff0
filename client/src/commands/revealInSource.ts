/** "Reveal in Source" on a tree node: where the user, group, role or policy is written. */
import type * as vscode from 'vscode';
import type { AccountTreeNode } from '../../../server/src/protocol';
import { showLocation } from './openPolicySource';

export function createRevealInSourceCommand() {
  return async (node?: AccountTreeNode): Promise<vscode.TextEditor | undefined> => {
    const location = node?.definition ?? node?.policy;
    return location ? showLocation(location, false) : undefined;
  };
}
