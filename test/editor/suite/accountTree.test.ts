import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import type { AccountTreeProvider } from '../../../client/src/views/accountTree';
import type { AccountTreeNode } from '../../../server/src/protocol';
import { waitForCodes } from '../support/diagnostics';
import { waitFor } from '../support/wait';
import { exampleUri, extensionId, lineContaining } from '../support/workspace';

/** The tree's data through the extension's API: tree items are not readable through the public API. */
async function accountTree(): Promise<AccountTreeProvider> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  const api = await extension.activate();
  return api.accountTree;
}

function labelOf(provider: AccountTreeProvider, node: AccountTreeNode): string {
  const label = provider.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

async function child(provider: AccountTreeProvider, parent: AccountTreeNode | undefined, label: string): Promise<AccountTreeNode> {
  const nodes = await provider.getChildren(parent);
  const found = nodes.find((node) => labelOf(provider, node) === label);
  assert.ok(found, `no "${label}" under ${parent ? labelOf(provider, parent) : 'the root'}: ${nodes.map((node) => labelOf(provider, node)).join(', ')}`);
  return found;
}

/** Runs a node's command as a click would, and returns the editor it leaves active. */
async function click(provider: AccountTreeProvider, node: AccountTreeNode): Promise<vscode.TextEditor> {
  const command = provider.getTreeItem(node).command;
  assert.ok(command, `${labelOf(provider, node)} has no command`);
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an active editor');
  return editor;
}

suite('IAM tree', () => {
  suiteSetup(async () => {
    const provider = await accountTree();
    // The server reads the examples' export and template after start: wait for both accounts.
    await waitFor(
      'the accounts of the examples workspace',
      async () => {
        const labels = (await provider.getChildren()).map((node) => labelOf(provider, node));
        return labels.includes('111122223333') && labels.includes('123456789012') ? labels : undefined;
      },
      () => 'not loaded yet',
      { triggers: [provider.onDidChangeTreeData] },
    );
  });

  teardown(async () => {
    (await accountTree()).setFilter('');
  });

  test('accounts, then users, groups, roles and customer managed policies, with icons', async () => {
    const provider = await accountTree();
    const account = await child(provider, undefined, '111122223333');
    const item = provider.getTreeItem(account);
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'cloud');
    const folders = await provider.getChildren(account);
    assert.deepStrictEqual(
      folders.map((node) => labelOf(provider, node)),
      ['Users', 'Groups', 'Roles', 'Customer managed policies'],
    );
    const users = await provider.getChildren(await child(provider, account, 'Users'));
    assert.deepStrictEqual(
      users.map((node) => labelOf(provider, node)),
      ['alice', 'bob', 'ci-legacy'],
    );
    const alice = provider.getTreeItem(users[0]);
    assert.strictEqual((alice.iconPath as vscode.ThemeIcon).id, 'person');
    assert.match(String(alice.contextValue), /\bsimulatable\b/);
    assert.match(String(alice.contextValue), /\brevealable\b/);
  });

  test("selecting alice's inline policy opens the export with the policy selected", async () => {
    const provider = await accountTree();
    const alice = await child(provider, await child(provider, await child(provider, undefined, '111122223333'), 'Users'), 'alice');
    const children = await provider.getChildren(alice);
    assert.deepStrictEqual(
      children.map((node) => labelOf(provider, node)),
      ['Developers', 'RequireMFA', 'ManageOwnAccessKeys', 'DeveloperBoundary', 'Tags'],
    );
    const inline = children[2];
    const command = provider.getTreeItem(inline).command!;
    assert.strictEqual(command.command, 'iamPolicyStudio.openPolicySource');
    const editor = await click(provider, inline);
    assert.strictEqual(editor.document.uri.toString(), exampleUri('account', 'authorization-details.json').toString());
    const { start, end } = inline.policy!.range;
    assert.ok(editor.selection.isEqual(new vscode.Selection(start.line, start.character, end.line, end.character)), 'the selection is the policy document');
    const selected = editor.document.getText(editor.selection);
    assert.match(selected, /^\{\s*"Version": "2012-10-17"/);
    assert.match(selected, /"Sid": "ManageOwnAccessKeys"[\s\S]*\}$/);
  });

  test("an attached AWS managed policy opens read-only from the bundled copy", async () => {
    const provider = await accountTree();
    const bob = await child(provider, await child(provider, await child(provider, undefined, '111122223333'), 'Users'), 'bob');
    const editor = await click(provider, await child(provider, bob, 'ReadOnlyAccess'));
    assert.strictEqual(editor.document.uri.scheme, 'iam-aws-managed-policy');
    const policy = JSON.parse(editor.document.getText()) as { Statement: unknown[] };
    assert.ok(policy.Statement.length > 0);
  });

  test("the template's role: its trust policy opens at its YAML", async () => {
    const provider = await accountTree();
    const roles = await child(provider, await child(provider, undefined, '123456789012'), 'Roles');
    const role = await child(provider, roles, 'reports-function-prod');
    const editor = await click(provider, await child(provider, role, 'Trust policy'));
    assert.strictEqual(editor.document.uri.toString(), exampleUri('cloudformation', 'reports-stack.yaml').toString());
    assert.strictEqual(editor.selection.start.line, lineContaining(editor.document, 'AssumeRolePolicyDocument:') + 1);
    assert.match(editor.document.getText(editor.selection), /^Version: '2012-10-17'\n\s+Statement:/);
  });

  test('the filter keeps the matching principals and says so in the view', async () => {
    const provider = await accountTree();
    await vscode.commands.executeCommand('iamPolicyStudio.filterAccountTree', 'ALICE');
    const accounts = await provider.getChildren();
    assert.deepStrictEqual(
      accounts.map((node) => labelOf(provider, node)),
      ['111122223333'],
    );
    const folders = await provider.getChildren(accounts[0]);
    assert.deepStrictEqual(
      folders.map((node) => [labelOf(provider, node), provider.getTreeItem(node).description]),
      [['Users', '1 of 3']],
    );
    await vscode.commands.executeCommand('iamPolicyStudio.clearAccountTreeFilter');
    assert.strictEqual(provider.filter, '');
    assert.strictEqual((await provider.getChildren()).length, 2);
  });

  test('"Simulate access as this principal" hands the ARN to the simulate command', async () => {
    const provider = await accountTree();
    const role = await child(provider, await child(provider, await child(provider, undefined, '111122223333'), 'Roles'), 'github-deploy');
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes('iamPolicyStudio.simulateAccess')) return assert.ok(role.principalArn);
    // Until "Simulate access" exists, stand in for it to see what it would be given.
    const received: unknown[] = [];
    const standIn = vscode.commands.registerCommand('iamPolicyStudio.simulateAccess', (arn: unknown) => received.push(arn));
    try {
      await vscode.commands.executeCommand('iamPolicyStudio.simulateAsPrincipal', role);
    } finally {
      standIn.dispose();
    }
    assert.deepStrictEqual(received, ['arn:aws:iam::111122223333:role/github-deploy']);
  });

  test('policies inside the CloudFormation template get diagnostics on their YAML lines', async () => {
    const uri = exampleUri('cloudformation', 'reports-stack.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const found = await waitForCodes(uri, ['INVALID_ACTION', 'INVALID_EFFECT']);
    assert.strictEqual(found.get('INVALID_ACTION')!.range.start.line, lineContaining(document, '- s3:PutObjectAccl'));
    assert.strictEqual(found.get('INVALID_EFFECT')!.range.start.line, lineContaining(document, 'Effect: allow'));
  });
});

suite('Formatting', () => {
  // The server registers its formatter for IAM policies only (YAML and JSON keep theirs alone).
  test('an IAM policy is still formatted', async () => {
    const policy = await vscode.workspace.openTextDocument({ language: 'iam-policy', content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' });
    const edits = await waitFor(
      'formatting edits for the policy',
      async () => {
        const result = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', policy.uri, { tabSize: 2, insertSpaces: true });
        return result && result.length > 0 ? result : undefined;
      },
      () => 'none yet',
    );
    assert.ok(edits.length > 0);
  });
});
