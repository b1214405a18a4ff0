import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../support/wait';
import { openExample } from '../support/workspace';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

function positionAfter(document: vscode.TextDocument, needle: string, delta: number): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}

/** Completion as the editor asks for it, retried until the server answers with `label`. */
function waitForCompletion(document: vscode.TextDocument, position: vscode.Position, label: string, trigger?: string): Promise<vscode.CompletionItem> {
  let last: string[] = [];
  return waitFor(
    `completion "${label}" in ${document.uri.path}`,
    async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger);
      last = list.items.map(labelOf).slice(0, 20);
      return list.items.find((item) => labelOf(item) === label);
    },
    () => last.join(', '),
  );
}

function waitForHover(document: vscode.TextDocument, position: vscode.Position, pattern: RegExp): Promise<string> {
  let last = '';
  return waitFor(
    `hover matching ${pattern} in ${document.uri.path}`,
    async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      last = hovers
        .flatMap((hover) => hover.contents)
        .map((content) => (typeof content === 'string' ? content : content.value))
        .join('\n---\n');
      return pattern.test(last) ? last : undefined;
    },
    () => last,
  );
}

suite('Completion and hover', () => {
  test('identity.iam.json: the actions of s3 after "s3:", with access levels', async () => {
    const identity = await openExample('policies', 'identity.iam.json');
    const item = await waitForCompletion(identity, positionAfter(identity, '"s3:GetObject"', 4), 's3:GetObject', ':');
    assert.strictEqual(typeof item.label === 'string' ? undefined : item.label.description, 'Read');
  });

  test('identity.iam.json: Effect values', async () => {
    const identity = await openExample('policies', 'identity.iam.json');
    await waitForCompletion(identity, positionAfter(identity, '"Allow"', 1), 'Deny', '"');
  });

  test('reports-bucket.bucket-policy.json: condition keys inside the Bool block', async () => {
    const bucket = await openExample('policies', 'reports-bucket.bucket-policy.json');
    await waitForCompletion(bucket, positionAfter(bucket, '"aws:SecureTransport"', 1), 'aws:MultiFactorAuthPresent', '"');
  });

  test('identity.iam.json: hover on an action shows its reference entry', async () => {
    const identity = await openExample('policies', 'identity.iam.json');
    const text = await waitForHover(identity, positionAfter(identity, 's3:PutObject', 5), /s3:PutObject\*\* · Write/);
    assert.match(text, /Service Authorization Reference/);
  });

  test('reports-bucket.bucket-policy.json: hover on Bool explains a missing key', async () => {
    const bucket = await openExample('policies', 'reports-bucket.bucket-policy.json');
    await waitForHover(bucket, positionAfter(bucket, '"Bool"', 2), /Missing key/);
  });

  test('restrict-regions.scp.json: hover on an ARN names its parts', async () => {
    const scp = await openExample('policies', 'restrict-regions.scp.json');
    await waitForHover(scp, positionAfter(scp, 'role/OrganizationAudit', 3), /\| account \| `\*` \|/);
  });

  test('identity.iam.json: a code lens per statement says what it grants, and one runs "Simulate access"', async () => {
    const identity = await openExample('policies', 'identity.iam.json');
    let last: string[] = [];
    const titles = await waitFor(
      'code lenses',
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', identity.uri);
        last = lenses.map((lens) => lens.command?.title ?? '');
        return last.length === 4 ? last : undefined;
      },
      () => last.join(' | '),
    );
    assert.deepStrictEqual(titles, ['Allow 2 actions: 1 List, 1 Read', 'Simulate', 'Allow 1 action: 1 Write', 'Simulate']);
  });
});
