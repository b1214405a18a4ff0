import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, waitForCodes, waitForDiagnostics } from '../support/diagnostics';
import { lineContaining, openExample, policyLanguageId, replaceText, revertDocument } from '../support/workspace';

const isError = (diagnostic: vscode.Diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error;

suite('Diagnostics', () => {
  test('identity.iam.json opens as an IAM policy and shows no errors', async () => {
    const identity = await openExample('policies', 'identity.iam.json');
    assert.strictEqual(identity.languageId, policyLanguageId);

    // "No errors" only means something once the server has checked the file. Break it the
    // way a user could (reference_policies_elements_version.md: two versions exist), see the
    // error, revert, and wait for the server's verdict on the file as shipped.
    await replaceText(identity, '"Version": "2012-10-17"', '"Version": "2012-10-18"');
    await waitForCodes(identity.uri, ['INVALID_VERSION']);
    await revertDocument(identity);
    await waitForDiagnostics(identity.uri, 'no errors', (diagnostics) => !diagnostics.some(isError));
  });

  test('broken.iam.json shows each seeded problem on its line', async () => {
    const broken = await openExample('policies', 'broken.iam.json');
    assert.strictEqual(broken.languageId, policyLanguageId);
    const found = await waitForCodes(broken.uri, [
      'MISSING_VERSION',
      'INVALID_EFFECT',
      'UNSUPPORTED_ELEMENT_COMBINATION',
      'INVALID_POLICY_ELEMENT',
    ]);
    const lineOf = (code: string) => found.get(code)!.range.start.line;

    // reference_policies_elements_version.md: without Version AWS uses 2008-10-17; a warning
    // on the policy's first line.
    assert.strictEqual(found.get('MISSING_VERSION')!.severity, vscode.DiagnosticSeverity.Warning);
    const rootObjectLine = broken.positionAt(broken.getText().indexOf('{')).line;
    assert.strictEqual(lineOf('MISSING_VERSION'), rootObjectLine, 'MISSING_VERSION');

    // reference_policies_elements_effect.md: "Allow" or "Deny", case-sensitive.
    assert.strictEqual(found.get('INVALID_EFFECT')!.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(lineOf('INVALID_EFFECT'), lineContaining(broken, '"Effect": "allow"'), 'INVALID_EFFECT');

    // reference_policies_elements_notaction.md: a statement has Action or NotAction, not both.
    const combinationLines = [lineContaining(broken, '"Action": "s3:DeleteObject"'), lineContaining(broken, '"NotAction"')];
    assert.ok(
      combinationLines.includes(lineOf('UNSUPPORTED_ELEMENT_COMBINATION')),
      `UNSUPPORTED_ELEMENT_COMBINATION on line ${lineOf('UNSUPPORTED_ELEMENT_COMBINATION') + 1}, expected one of ${combinationLines.map((line) => line + 1)}`,
    );

    // reference_policies_grammar.md: "Actions" is not a policy element.
    assert.strictEqual(lineOf('INVALID_POLICY_ELEMENT'), lineContaining(broken, '"Actions"'), 'INVALID_POLICY_ELEMENT');
  });

  test('fixing the Effect makes INVALID_EFFECT disappear while the other problems stay', async () => {
    const broken = await openExample('policies', 'broken.iam.json');
    await waitForCodes(broken.uri, ['INVALID_EFFECT', 'INVALID_POLICY_ELEMENT']);

    await replaceText(broken, '"Effect": "allow"', '"Effect": "Allow"');
    const after = await waitForDiagnostics(
      broken.uri,
      'INVALID_EFFECT to disappear',
      (diagnostics) => !diagnostics.some((diagnostic) => codeOf(diagnostic) === 'INVALID_EFFECT'),
    );
    assert.ok(
      after.some((diagnostic) => codeOf(diagnostic) === 'INVALID_POLICY_ELEMENT'),
      `the other problems disappeared too: ${describeDiagnostics(broken.uri)}`,
    );

    await revertDocument(broken);
    await waitForCodes(broken.uri, ['INVALID_EFFECT']);
  });
});
