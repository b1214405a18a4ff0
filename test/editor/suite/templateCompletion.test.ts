import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../support/wait';
import { openExample } from '../support/workspace';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

suite('Completion inside a CloudFormation template', () => {
  test('reports-stack.yaml: an action of a YAML list item, with an edit of the plain scalar', async () => {
    const template = await openExample('cloudformation', 'reports-stack.yaml');
    const offset = template.getText().indexOf('- s3:GetObject') + '- s3:Get'.length;
    assert.ok(offset >= 0);
    const position = template.positionAt(offset);
    let last: string[] = [];
    const item = await waitFor(
      `completion "s3:GetObject" in ${template.uri.path}`,
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', template.uri, position, ':');
        last = list.items.map(labelOf).slice(0, 20);
        return list.items.find((candidate) => labelOf(candidate) === 's3:GetObject');
      },
      () => last.join(', '),
    );
    const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
    assert.ok(range, 'the item says what it replaces');
    assert.strictEqual(template.getText(range), 's3:GetObject');
    const inserted = item.insertText instanceof vscode.SnippetString ? item.insertText.value : item.insertText;
    assert.strictEqual(inserted, 's3:GetObject');
  });
});
