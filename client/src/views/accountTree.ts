/**
 * The IAM tree view: accounts, then users, groups, roles and policies, drawn from the server's
 * answers (AccountTreeRequest); nothing here knows IAM. Children are asked for when a node is
 * expanded. The view's welcome content depends on the context key
 * `iamPolicyStudio.accountTree.state` (loading / empty / loaded), set from the top-level answer.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { AccountModelChangedNotification, AccountTreeRequest, type AccountTreeNode, type AccountTreeNodeKind } from '../../../server/src/protocol';

export const ACCOUNT_TREE_VIEW_ID = 'iamPolicyStudio.accounts';
export const OPEN_POLICY_SOURCE_COMMAND = 'iamPolicyStudio.openPolicySource';

const ICONS: Readonly<Record<AccountTreeNodeKind, string>> = {
  account: 'cloud',
  users: 'person',
  groups: 'organization',
  roles: 'key',
  policies: 'file-code',
  'resource-policies': 'lock',
  user: 'person',
  group: 'organization',
  role: 'key',
  'managed-policy': 'file-code',
  'policy-version': 'versions',
  'inline-policy': 'file-code',
  'attached-policy': 'file-symlink-file',
  'permissions-boundary': 'shield',
  'trust-policy': 'workspace-trusted',
  'group-membership': 'organization',
  tags: 'tag',
  tag: 'tag',
  'resource-policy': 'lock',
};

export type AccountTreeState = 'loading' | 'empty' | 'loaded';

export class AccountTreeProvider implements vscode.TreeDataProvider<AccountTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AccountTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private currentFilter = '';
  private view?: vscode.TreeView<AccountTreeNode>;
  private state?: AccountTreeState;

  constructor(private readonly client: BaseLanguageClient) {}

  get filter(): string {
    return this.currentFilter;
  }

  /** The tree view that shows this provider, for its description and message. */
  attach(view: vscode.TreeView<AccountTreeNode>): void {
    this.view = view;
  }

  setFilter(filter: string): void {
    this.currentFilter = filter.trim();
    void vscode.commands.executeCommand('setContext', 'iamPolicyStudio.accountTree.filtered', this.currentFilter !== '');
    if (this.view) this.view.description = this.currentFilter ? `filter: ${this.currentFilter}` : undefined;
    this.refresh();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(element?: AccountTreeNode): Promise<AccountTreeNode[]> {
    let result;
    try {
      result = await this.client.sendRequest(AccountTreeRequest.type, { parentId: element?.id, filter: this.currentFilter || undefined });
    } catch {
      // The server is restarting; its model-changed notification refreshes the tree.
      return [];
    }
    if (!element) this.showState(result.nodes.length === 0 ? (result.loading ? 'loading' : this.currentFilter ? 'loaded' : 'empty') : 'loaded', result.nodes.length);
    return [...result.nodes];
  }

  getTreeItem(node: AccountTreeNode): vscode.TreeItem {
    const expanded = node.kind === 'account' || (this.currentFilter !== '' && isFolder(node.kind));
    const item = new vscode.TreeItem(
      node.label,
      node.hasChildren ? (expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None,
    );
    // A filtered tree is a different tree: fresh ids let its folders open expanded.
    item.id = this.currentFilter ? `${node.id}#filter=${this.currentFilter}` : node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(ICONS[node.kind]);
    item.contextValue = [node.kind, node.principalArn ? 'simulatable' : '', node.definition ? 'revealable' : ''].filter(Boolean).join(' ');
    if (node.policy) item.command = { title: 'Open Policy', command: OPEN_POLICY_SOURCE_COMMAND, arguments: [node.policy] };
    return item;
  }

  private showState(state: AccountTreeState, shown: number): void {
    if (this.view) this.view.message = this.currentFilter && shown === 0 && state === 'loaded' ? `No user, group, role or policy matches "${this.currentFilter}".` : undefined;
    if (state === this.state) return;
    this.state = state;
    void vscode.commands.executeCommand('setContext', 'iamPolicyStudio.accountTree.state', state);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function isFolder(kind: AccountTreeNodeKind): boolean {
  return kind === 'users' || kind === 'groups' || kind === 'roles' || kind === 'policies' || kind === 'resource-policies';
}

/** Creates the view and keeps it in step with the server's model. */
export function registerAccountTree(client: BaseLanguageClient): { provider: AccountTreeProvider; disposable: vscode.Disposable } {
  const provider = new AccountTreeProvider(client);
  const view = vscode.window.createTreeView(ACCOUNT_TREE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.attach(view);
  void vscode.commands.executeCommand('setContext', 'iamPolicyStudio.accountTree.state', 'loading');
  const subscriptions = [view, provider, client.onNotification(AccountModelChangedNotification.type, () => provider.refresh())];
  return { provider, disposable: vscode.Disposable.from(...subscriptions) };
}
