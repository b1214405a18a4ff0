import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, waitForDiagnostics } from '../support/diagnostics';
import { openExample } from '../support/workspace';

interface PolicyKindResult {
  type: string;
  label: string;
  source: string;
  resourceService?: string;
}

suite('Policy kind', () => {
  test('a bucket policy is a resource policy of S3 from its file name, and a kind picked by the user changes the checks', async () => {
    const bucket = await openExample('policies', 'reports-bucket.bucket-policy.json');
    const uri = bucket.uri.toString();

    // access_policies_identity-vs-resource.md: a Principal belongs in resource-based policies only.
    const picked = await vscode.commands.executeCommand<PolicyKindResult>('iamPolicyStudio.selectPolicyKind', uri, 'identity');
    assert.deepStrictEqual([picked.type, picked.label, picked.source], ['identity', 'Identity policy', 'setting']);
    const asIdentity = await waitForDiagnostics(bucket.uri, 'UNSUPPORTED_PRINCIPAL once it is an identity policy', (diagnostics) =>
      diagnostics.some((diagnostic) => codeOf(diagnostic) === 'UNSUPPORTED_PRINCIPAL'),
    );
    assert.ok(asIdentity.length >= 2, 'both statements name a principal');

    const automatic = await vscode.commands.executeCommand<PolicyKindResult>('iamPolicyStudio.selectPolicyKind', uri, null);
    assert.deepStrictEqual([automatic.type, automatic.resourceService, automatic.source], ['resource', 's3', 'file-name']);
    await waitForDiagnostics(bucket.uri, 'UNSUPPORTED_PRINCIPAL to go away again', (diagnostics) =>
      !diagnostics.some((diagnostic) => codeOf(diagnostic) === 'UNSUPPORTED_PRINCIPAL'),
    );
  });
});
