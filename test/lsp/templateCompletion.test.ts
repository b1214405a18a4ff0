/**
 * Completion inside the policies of open CloudFormation templates through the bundled server
 * over stdio: YAML edits in a YAML template (kind from the document's place), JSON edits in a
 * JSON template whose document calls intrinsic functions, nothing outside a policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, CompletionResolveRequest, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol/node';
import { startTestServer, type TestServer } from './lspClient';

const YAML_URI = 'file:///infra/functions.yaml';
const JSON_URI = 'file:///infra/bucket.template.json';

const YAML_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  FunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
${' '.repeat(12)}
      Policies:
        - PolicyName: read-reports
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObj
                Resource: !Sub 'arn:\${AWS::Partition}:s3:::reports/*'
`;

const JSON_TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket"},
    "BucketPolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": {"Ref": "Bucket"},
        "PolicyDocument": {
          "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObj", "Resource": {"Fn::Sub": "\${Bucket.Arn}/*"}}]
        }
      }
    }
  }
}`;

/** The line holding `needle` and the column `delta` characters after its start. */
function positionOf(text: string, needle: string, delta = needle.length): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => candidate.includes(needle));
  assert.ok(line >= 0, `${needle} not found`);
  return { line, character: lines[line].indexOf(needle) + delta };
}

async function complete(server: TestServer, uri: string, position: { line: number; character: number }): Promise<CompletionItem[]> {
  const result = (await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList | null;
  return result?.items ?? [];
}

describe('completion inside CloudFormation templates over stdio', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    server.open(YAML_URI, YAML_TEMPLATE, 'yaml');
    server.open(JSON_URI, JSON_TEMPLATE, 'json');
  });
  after(async () => {
    if (server) assert.equal(await server.shutdown(), 0);
  });

  it('completes an action in YAML with a plain edit on the typed scalar, and resolves its documentation', async () => {
    const position = positionOf(YAML_TEMPLATE, 's3:GetObj');
    const item = (await complete(server, YAML_URI, position)).find((candidate) => candidate.label === 's3:GetObject');
    assert.ok(item?.textEdit && 'range' in item.textEdit, 's3:GetObject with a text edit');
    assert.deepEqual(item.textEdit.range, { start: { line: position.line, character: position.character - 's3:GetObj'.length }, end: position });
    assert.equal(item.textEdit.newText, 's3:GetObject');
    const resolved = (await server.connection.sendRequest(CompletionResolveRequest.type, item)) as CompletionItem;
    assert.ok(resolved.documentation, 'documentation after resolve');
  });

  it('offers the trust policy elements as YAML keys on the empty line of the trust statement', async () => {
    // The line after `- Effect: Allow`, indented as the editor leaves it after Enter.
    const position = { line: YAML_TEMPLATE.split('\n').indexOf(' '.repeat(12)), character: 12 };
    const items = await complete(server, YAML_URI, position);
    const principal = items.find((candidate) => candidate.label === 'Principal');
    assert.ok(principal?.textEdit && 'range' in principal.textEdit, 'Principal offered in a trust policy');
    assert.equal(principal.textEdit.newText, 'Principal:\n              ${1|AWS,Service,Federated|}: $2');
    assert.ok(!items.some((candidate) => candidate.label === 'Resource'), 'no Resource in a trust policy');
  });

  it('completes in a JSON template whose document calls an intrinsic function, with JSON edits', async () => {
    const position = positionOf(JSON_TEMPLATE, 's3:PutObj');
    const item = (await complete(server, JSON_URI, position)).find((candidate) => candidate.label === 's3:PutObject');
    assert.ok(item?.textEdit && 'range' in item.textEdit, 's3:PutObject with a text edit');
    assert.equal(item.textEdit.range.start.character, position.character - 's3:PutObj'.length);
  });

  it('offers nothing outside the policies of a template', async () => {
    assert.deepEqual(await complete(server, YAML_URI, positionOf(YAML_TEMPLATE, 'AWS::IAM::Role', 5)), []);
  });
});
