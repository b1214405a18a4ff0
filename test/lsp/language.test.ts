/**
 * Completion, hover, code lens, folding, selection ranges and formatting through the bundled
 * server over stdio, on the example policies.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeLensRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DocumentFormattingRequest,
  FoldingRangeRequest,
  HoverRequest,
  SelectionRangeRequest,
  type CompletionItem,
  type CompletionList,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { startTestServer, type TestServer } from './lspClient';

const EXAMPLES = path.resolve(__dirname, '../../../examples/policies');
const read = (name: string) => readFileSync(path.join(EXAMPLES, name), 'utf8');

/** The position of the first `needle` in `text`, plus `delta` characters. */
function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('authoring features over stdio (the bundled node server)', () => {
  let server: TestServer;
  const identityUri = 'file:///examples/policies/identity.iam.json';
  const bucketUri = 'file:///examples/policies/reports-bucket.bucket-policy.json';
  const identity = read('identity.iam.json');
  const bucket = read('reports-bucket.bucket-policy.json');

  before(async () => {
    server = await startTestServer({ defaultAccountId: '111122223333', defaultRegion: 'eu-west-1' });
    server.open(identityUri, identity);
    server.open(bucketUri, bucket);
  });
  after(async () => {
    if (server) assert.equal(await server.shutdown(), 0);
  });

  it('announces completion with its trigger characters, hover, code lens, folding, selection and formatting', () => {
    const capabilities = server.initializeResult.capabilities;
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ['"', ':', '/', '$']);
    assert.equal(capabilities.completionProvider?.resolveProvider, true);
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.codeLensProvider);
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.equal(capabilities.selectionRangeProvider, true);
    assert.equal(capabilities.documentFormattingProvider, true);
  });

  it('completes the actions of a service after its prefix', async () => {
    const result = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: identityUri },
      position: positionOf(identity, '"s3:GetObject"', 4),
      context: { triggerKind: 2, triggerCharacter: ':' },
    })) as CompletionList;
    const getObject = result.items.find((item: CompletionItem) => item.label === 's3:GetObject')!;
    assert.equal(getObject.labelDetails?.description, 'Read');
    const resolved = await server.connection.sendRequest(CompletionResolveRequest.type, getObject);
    assert.match((resolved.documentation as { value: string }).value, /Grants permission to retrieve objects/);
    assert.ok(result.items.some((item) => item.label === 's3:Get*'));
  });

  it('completes ARN templates with the account and Region from the settings', async () => {
    const uri = 'file:///scratch/queue.iam.json';
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": ""}]}';
    server.open(uri, text);
    const result = (await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '"Resource": "', '"Resource": "'.length),
    })) as CompletionList;
    const queue = result.items.find((item) => String(item.label).startsWith('arn:aws:sqs:'));
    assert.equal((queue?.textEdit as { newText: string }).newText, 'arn:aws:sqs:${1:eu-west-1}:${2:111122223333}:${3:QueueName}');
  });

  it('hovers an action with its reference entry', async () => {
    const hover = (await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: identityUri },
      position: positionOf(identity, 's3:PutObject', 5),
    })) as Hover;
    assert.match((hover.contents as { value: string }).value, /^\*\*s3:PutObject\*\* · Write/);
  });

  it('hovers a condition operator with what a missing key does', async () => {
    const hover = (await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: bucketUri },
      position: positionOf(bucket, '"Bool"', 2),
    })) as Hover;
    assert.match((hover.contents as { value: string }).value, /Missing key/);
  });

  it('puts a code lens on each statement', async () => {
    const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: identityUri } });
    assert.deepEqual(
      lenses?.map((lens) => lens.command?.title),
      ['Allow 2 actions: 1 List, 1 Read', 'Simulate', 'Allow 1 action: 1 Write', 'Simulate'],
    );
  });

  it('folds, selects and formats', async () => {
    const folds = await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: identityUri } });
    assert.ok(folds && folds.length >= 4);
    const selections = await server.connection.sendRequest(SelectionRangeRequest.type, {
      textDocument: { uri: identityUri },
      positions: [positionOf(identity, 'example-reports/*', 2)],
    });
    assert.equal(selections?.length, 1);
    const edits = await server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri: identityUri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(edits, [], 'the example is formatted already');
  });
});
