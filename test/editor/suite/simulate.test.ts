import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import type { SimulationPanel } from '../../../client/src/panels/simulationPanel';
import type { EffectivePermissionsResult, MatchedStatement, SimulateAccessResult, WhoCanResult } from '../../../server/src/protocol';
import { waitFor } from '../support/wait';
import { exampleUri, extensionId, lineContaining, openExample } from '../support/workspace';

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const REPORT = 'arn:aws:s3:::example-reports/2024/q1.csv';
const MFA = { 'aws:MultiFactorAuthPresent': 'true' };

async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  return extension.activate();
}

function simulate(args: Record<string, unknown>): Thenable<SimulateAccessResult | undefined> {
  return vscode.commands.executeCommand<SimulateAccessResult | undefined>('iamPolicyStudio.simulateAccess', args);
}

const deciding = (result: SimulateAccessResult) =>
  result.results[0].matchedStatements.filter((statement) => statement.deciding).map((statement) => `${statement.policyType} ${statement.policyId} ${statement.sid}`);

/** The statement object as the panel has it: with the number its link sends back. */
function linkOf(panel: SimulationPanel, sid: string): number {
  const model = panel.lastPrepared?.model;
  assert.ok(model?.kind === 'simulation', 'the panel shows a simulation');
  const statement = model.result.results[0].matchedStatements.find((candidate) => candidate.sid === sid) as (MatchedStatement & { link?: number }) | undefined;
  assert.ok(statement && statement.link !== undefined, `no link for ${sid}`);
  return statement.link;
}

suite('Simulate access', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  suiteSetup(async () => {
    await api();
    // The server reads the example export after start: wait until alice's policies are in the model.
    let last = '';
    await waitFor(
      "alice's policies in the account model",
      async () => {
        const result = await simulate({ principal: ALICE, action: 's3:GetObject', resource: REPORT, showPanel: false });
        last = result?.notes.join(' ') ?? 'no result';
        return result && result.policies.length > 0 ? result : undefined;
      },
      () => last,
    );
  });

  test('with all inputs as arguments it asks nothing and returns the decision and the statements that made it', async () => {
    const denied = await simulate({ principal: ALICE, action: 's3:GetObject', resource: REPORT, showPanel: false });
    assert.ok(denied);
    assert.strictEqual(denied.decision, 'explicitDeny');
    assert.deepStrictEqual(deciding(denied), ['identity group RequireMFA inline DenyWithoutMFA DenyWithoutMFA']);
    assert.deepStrictEqual(denied.results[0].missingContextKeys, ['aws:MultiFactorAuthPresent']);

    const allowed = await simulate({ principal: ALICE, action: 's3:GetObject', resource: REPORT, context: MFA, showPanel: false });
    assert.ok(allowed);
    assert.strictEqual(allowed.decision, 'allowed');
    assert.deepStrictEqual(deciding(allowed), ['identity ReportsReader ReadReports', 'boundary DeveloperBoundary AllowedServices']);
    const [statement] = allowed.results[0].matchedStatements;
    assert.strictEqual(statement.uri, exampleUri('account', 'authorization-details.json').toString());
  });

  test('the panel shows the result, and a statement link opens the export at the statement', async () => {
    const { simulationPanel } = await api();
    const result = await simulate({ principal: ALICE, action: 's3:GetObject', resource: REPORT });
    assert.strictEqual(simulationPanel.lastContent?.kind, 'simulation');
    assert.strictEqual(simulationPanel.lastContent.result, result);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(simulationPanel.lastHtml ?? '')?.[1] ?? '';
    assert.ok(/^default-src &#39;none&#39;; style-src .+ &#39;nonce-[0-9a-f]{48}&#39;; script-src &#39;nonce-[0-9a-f]{48}&#39;$/.test(csp), `CSP: ${csp}`);

    // The link the webview would send: the panel's own message handler opens the place.
    await simulationPanel.onMessage({ type: 'open', link: linkOf(simulationPanel, 'DenyWithoutMFA') });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.strictEqual(editor.document.uri.toString(), exampleUri('account', 'authorization-details.json').toString());
    const sidLine = lineContaining(editor.document, '"Sid": "DenyWithoutMFA"');
    assert.strictEqual(editor.selection.start.line, sidLine - 1, 'the selection starts at the statement object');
    assert.ok(editor.selection.end.line > sidLine, 'and covers it');
  });

  test('"Run again" with a missing context value, and "Copy as CLI request"', async () => {
    const { simulationPanel } = await api();
    await simulate({ principal: ALICE, action: 's3:GetObject', resource: REPORT });
    await simulationPanel.onMessage({ type: 'rerun', context: MFA });
    const content = simulationPanel.lastContent;
    assert.ok(content?.kind === 'simulation');
    assert.strictEqual(content.result.decision, 'allowed');
    assert.deepStrictEqual(content.result.params.context, MFA);

    await simulationPanel.onMessage({ type: 'copyCli' });
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as { request: Record<string, unknown>; policies: Record<string, unknown[]> };
    assert.deepStrictEqual(copied.request, { principal: ALICE, action: 's3:GetObject', resource: REPORT, context: { 'aws:PrincipalTag/team': 'reports', 'aws:PrincipalTag/cost-center': 'cc-1042', 'aws:userid': 'AIDAEXAMPLEALICE0001', ...MFA } });
    assert.strictEqual(copied.policies.identity.length, 3);
  });

  test('the IAM tree\'s "Simulate access as this principal" starts the steps with the principal given', async () => {
    const { simulationPanel } = await api();
    const arn = 'arn:aws:iam::111122223333:role/github-deploy';
    let done = false;
    const running = vscode.commands.executeCommand<unknown>('iamPolicyStudio.simulateAsPrincipal', arn).then((value) => {
      done = true;
      return value;
    });
    // Accept what each step offers (action, resource, context: "Run"), as pressing Enter would.
    await waitFor(
      'the steps to finish',
      async () => {
        if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return done ? true : undefined;
      },
      () => 'a step is still open',
    );
    const result = (await running) as SimulateAccessResult | undefined;
    assert.ok(result, 'the command returned a result');
    assert.strictEqual(result.params.principal, arn);
    assert.strictEqual(simulationPanel.lastContent?.kind === 'simulation' && simulationPanel.lastContent.result.params.principal, arn);
  });

  test('the "Simulate" code lens, and the open document as the identity policy of a typed principal', async () => {
    const identity = await openExample('policies', 'identity.iam.json');
    const lens = await waitFor(
      'the Simulate lens',
      async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', identity.uri)).find((candidate) => candidate.command?.title === 'Simulate' && candidate.range.start.line > 10),
      () => 'no Simulate lens yet',
    );
    assert.strictEqual(lens.command?.command, 'iamPolicyStudio.simulateAccess');
    const [args] = lens.command.arguments as [{ document: string; statementIndex: number; action: string; resource: string }];
    assert.deepStrictEqual(args, { document: identity.uri.toString(), statementIndex: 1, action: 's3:PutObject', resource: 'arn:aws:s3:::example-reports/home/${aws:username}/*' });

    const result = await simulate({ principal: 'arn:aws:iam::111122223333:user/carol', identityDocument: args.document, action: args.action, resource: 'arn:aws:s3:::example-reports/home/carol/notes.txt', showPanel: false });
    assert.ok(result);
    assert.strictEqual(result.decision, 'allowed');
    const [statement] = result.results[0].matchedStatements.filter((candidate) => candidate.deciding);
    assert.strictEqual(statement.sid, 'WriteOwnFolder');
    assert.strictEqual(statement.uri, identity.uri.toString());
    assert.strictEqual(statement.range?.start.line, lineContaining(identity, '"Sid": "WriteOwnFolder"') - 1);
  });

  test('batch: an action pattern gives a row per action, grouped by access level in the panel', async () => {
    const { simulationPanel } = await api();
    const result = await simulate({ principal: ALICE, action: 's3:*Object', resource: REPORT, context: MFA });
    assert.ok(result);
    const decisions = Object.fromEntries(result.results.map((one) => [one.request.action, one.decision]));
    assert.strictEqual(decisions['s3:GetObject'], 'allowed');
    assert.strictEqual(decisions['s3:PutObject'], 'implicitDeny');
    assert.strictEqual(result.accessLevels['s3:PutObject'], 'Write');
    assert.strictEqual(simulationPanel.lastContent?.kind, 'simulation');
  });

  test('who can: every user and role allowed, with the allowing statement', async () => {
    const { simulationPanel } = await api();
    const result = await vscode.commands.executeCommand<WhoCanResult>('iamPolicyStudio.whoCan', { action: 's3:GetObject', resource: REPORT, context: MFA });
    assert.deepStrictEqual(
      result.allowed.map((principal) => principal.name),
      ['alice', 'bob', 'reports-lambda-execution'],
    );
    assert.strictEqual(result.allowed[1].statements[0].policyId, 'ReadOnlyAccess (AWS managed)');
    assert.strictEqual(simulationPanel.lastContent?.kind, 'whoCan');
  });

  test('effective permissions: by service and access level, privilege escalation flagged', async () => {
    const { simulationPanel } = await api();
    const result = await vscode.commands.executeCommand<EffectivePermissionsResult>('iamPolicyStudio.effectivePermissions', 'arn:aws:iam::111122223333:role/github-deploy');
    assert.deepStrictEqual(
      result.services.map((service) => [service.service, service.levels.map((level) => level.accessLevel)]),
      [['lambda', ['Write']]],
    );
    assert.deepStrictEqual(result.privilegeEscalation.map((method) => method.method), ['EditExistingLambdaFunctionWithRole']);
    assert.strictEqual(simulationPanel.lastContent?.kind, 'effective');
  });

  test('a policy holding <script> and <img onerror> text renders inert', async () => {
    const { simulationPanel } = await api();
    const hostile = await vscode.workspace.openTextDocument({
      language: 'iam-policy',
      content: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [{ Sid: '<script>alert(1)</script>', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 'aws:userid': '<img src=x onerror=alert(2)>*' } } }],
        },
        null,
        2,
      ),
    });
    const result = await simulate({ principal: 'arn:aws:iam::111122223333:user/carol', identityDocument: hostile.uri.toString(), action: 's3:GetObject', resource: '*', context: { 'aws:userid': '<img src=x onerror=alert(2)>x' } });
    assert.strictEqual(result?.decision, 'allowed');
    const html = simulationPanel.lastHtml ?? '';
    const tags = new Set([...html.matchAll(/<\/?([A-Za-z!][A-Za-z0-9-]*)/g)].map((match) => match[1].toLowerCase()));
    assert.deepStrictEqual([...tags].sort(), ['!doctype', 'body', 'head', 'html', 'main', 'meta', 'script', 'style', 'title']);
    assert.strictEqual(html.match(/<script/g)?.length, 2);

    // The page the webview gets holds the policy as JSON data only. The DOM the webview script
    // builds from it is checked in a real Chromium by test/unit/simulation-panel.test.ts: the web
    // test workbench serves webviews from <uuid>.127.0.0.1, which no browser resolves.
    const model = /<script type="application\/json" id="panel-model" nonce="[0-9a-f]+">([\s\S]*?)<\/script>/.exec(html)?.[1];
    assert.ok(model, 'the model block');
    assert.ok(JSON.stringify(JSON.parse(model)).includes('<script>alert(1)</script>'), 'the Sid is in the model as text');
    assert.ok(!model.includes('<'), 'and no "<" of it reaches the markup');
  });
});
