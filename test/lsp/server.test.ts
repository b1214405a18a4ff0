import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, DiagnosticSeverity, DocumentSymbolRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { startTestServer, type TestServer } from './lspClient';

const EXAMPLES = path.resolve(__dirname, '../../../examples/policies');
const read = (name: string) => readFileSync(path.join(EXAMPLES, name), 'utf8');

describe('language server over stdio (the bundled node server)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ checks: { severity: { MISSING_VERSION: 'error' } } });
  });
  after(async () => {
    if (server) assert.equal(await server.shutdown(), 0, 'the server exits cleanly after shutdown/exit');
  });

  it('initializes and announces its features', () => {
    const capabilities = server.initializeResult.capabilities;
    assert.equal(server.initializeResult.serverInfo?.name, 'IAM Policy Studio');
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.ok(capabilities.codeActionProvider);
  });

  it('publishes no diagnostics for the valid example identity policy', async () => {
    const uri = 'file:///examples/policies/identity.iam.json';
    const pending = server.diagnostics(uri);
    server.open(uri, read('identity.iam.json'));
    assert.deepEqual(await pending, []);
  });

  it('publishes every seeded mistake of broken.iam.json at its place, with codes and docs links', async () => {
    const uri = 'file:///examples/policies/broken.iam.json';
    const text = read('broken.iam.json');
    const pending = server.diagnostics(uri);
    server.open(uri, text);
    const diagnostics = await pending;
    const lines = text.split('\n');
    const found = diagnostics.map((d) => [d.code, lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)]);
    assert.deepEqual(found, [
      ['MISSING_VERSION', '{'],
      ['INVALID_EFFECT', '"allow"'],
      ['UNSUPPORTED_ELEMENT_COMBINATION', '"NotAction"'],
      ['MISSING_ACTION', '{'],
      ['INVALID_POLICY_ELEMENT', '"Actions"'],
    ]);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'IAM Policy Studio');
      assert.match(diagnostic.codeDescription?.href ?? '', /^https:\/\/docs\.aws\.amazon\.com\/IAM\//);
    }
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error, 'the severity setting turned MISSING_VERSION into an error');
  });

  it('offers the case fix for Effect as a quick fix', async () => {
    const uri = 'file:///examples/policies/broken.iam.json';
    const pending = server.diagnostics(uri);
    server.change(uri, 2, read('broken.iam.json'));
    const diagnostics = await pending;
    const effect = diagnostics.find((d) => d.code === 'INVALID_EFFECT')!;
    const actions = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: effect.range,
      context: { diagnostics: [effect] },
    });
    const titles = (actions ?? []).map((action) => action.title);
    const fix = (actions ?? []).find((action) => action.title === 'Change to "Allow"') as
      | { isPreferred?: boolean; edit?: { changes?: Record<string, Array<{ newText: string }>> } }
      | undefined;
    assert.ok(fix, `the case fix is offered: ${titles.join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.edit?.changes?.[uri][0].newText, '"Allow"');
    assert.ok(titles.some((title) => /ignore/i.test(title) && /file/i.test(title)), `an ignore-in-file action is offered: ${titles.join(' | ')}`);
  });

  it('re-validates after an edit: fixing the Effect removes INVALID_EFFECT', async () => {
    const uri = 'file:///examples/policies/broken.iam.json';
    const fixed = read('broken.iam.json').replace('"allow"', '"Allow"');
    const pending = server.diagnostics(uri, (_diagnostics, params) => params.version === 3);
    server.change(uri, 3, fixed);
    const codes = (await pending).map((d) => d.code);
    assert.ok(!codes.includes('INVALID_EFFECT'));
    assert.ok(codes.includes('INVALID_POLICY_ELEMENT'));
  });

  it('returns document symbols: statements by Sid', async () => {
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: 'file:///examples/policies/identity.iam.json' },
    })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['Version', 'ReadReports', 'WriteOwnFolder']);
  });

  it('tells the client when a plain .json document is a policy', async () => {
    const uri = 'file:///examples/policies/plain-policy.json';
    const detected = new Promise<string>((resolve) =>
      server.connection.onNotification('iamPolicyStudio/policyDocumentDetected', (params: { uri: string }) => resolve(params.uri)),
    );
    server.open(uri, read('plain-policy.json'), 'json');
    assert.equal(await detected, uri);
  });

  it('answers the status request', async () => {
    const status = await server.connection.sendRequest('iamPolicyStudio/serverStatus');
    assert.deepEqual(status, { state: 'running', serverVersion: '0.1.0 (node)', documents: 2 });
  });

  it('survives hostile input: a huge, deeply nested, binary-looking document still gets diagnostics', async () => {
    const uri = 'file:///hostile.iam.json';
    const hostile = '{"Statement": ' + '['.repeat(100000) + '\u0000' + '}'.repeat(10);
    const pending = server.diagnostics(uri);
    server.open(uri, hostile);
    const diagnostics = await pending;
    assert.ok(diagnostics.some((d) => d.code === 'JSON_SYNTAX_ERROR'));
    const status = await server.connection.sendRequest('iamPolicyStudio/serverStatus');
    assert.equal((status as { state: string }).state, 'running');
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'file:///examples/policies/broken.iam.json';
    const pending = server.diagnostics(uri, (diagnostics) => diagnostics.length === 0);
    server.close(uri);
    assert.deepEqual(await pending, []);
  });
});
