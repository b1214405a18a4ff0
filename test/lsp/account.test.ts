/**
 * The account model through the bundled server over stdio: the client names candidate files,
 * the server reads them back through iamPolicyStudio/readFile (answered from disk by the test
 * client), decides by content which are exports or templates, and answers the IAM tree.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Hover } from 'vscode-languageserver-protocol/node';
import {
  AccountCandidateFilesNotification,
  AccountModelChangedNotification,
  AccountTreeRequest,
  AwsManagedPolicyTextRequest,
  type AccountModelChangedParams,
  type AccountTreeNode,
  type SourceLocationParams,
} from '../../server/src/protocol';
import { startTestServer, type TestServer } from './lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const fileUri = (...segments: string[]) => pathToFileURL(path.join(ROOT, ...segments)).href;
const EXPORT_URI = fileUri('examples', 'account', 'authorization-details.json');
const TEMPLATE_URI = fileUri('examples', 'cloudformation', 'reports-stack.yaml');
const TRUNCATED_URI = fileUri('test', 'fixtures', 'account', 'truncated-export.json');
const MALFORMED_URI = fileUri('test', 'fixtures', 'account', 'malformed-export.json');
const OTHER_ACCOUNT_URI = fileUri('test', 'fixtures', 'account', 'account-c.json');
// The examples folder is excluded by default (it is not the user's account); these tests name its files on purpose.
const SETTINGS = { accountFiles: { exclude: ['**/node_modules/**'] } };

/** The text a location covers, read from the file on disk. */
function textAt(location: SourceLocationParams): string {
  const lines = readFileSync(new URL(location.uri), 'utf8').split('\n');
  const { start, end } = location.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

/** Sends the candidates and waits until the server says the model is loaded. */
async function loadAccounts(server: TestServer, uris: string[]): Promise<AccountModelChangedParams> {
  const loaded = server.notification<AccountModelChangedParams>(AccountModelChangedNotification.type.method, (params) => !params.loading);
  await server.connection.sendNotification(AccountCandidateFilesNotification.type, { uris });
  return loaded;
}

async function children(server: TestServer, parent?: AccountTreeNode, filter?: string): Promise<AccountTreeNode[]> {
  const result = await server.connection.sendRequest(AccountTreeRequest.type, { parentId: parent?.id, filter });
  return [...result.nodes];
}

function named(nodes: readonly AccountTreeNode[], label: string): AccountTreeNode {
  const node = nodes.find((candidate) => candidate.label === label);
  assert.ok(node, `no node "${label}" among ${nodes.map((candidate) => candidate.label).join(', ')}`);
  return node;
}

describe('account model over stdio: the example export and the example template', () => {
  let server: TestServer;
  let accounts: AccountTreeNode[];

  before(async () => {
    server = await startTestServer(SETTINGS);
    // A policy file among the candidates is read and left out: only exports and templates are accounts.
    const changed = await loadAccounts(server, [EXPORT_URI, TEMPLATE_URI, fileUri('examples', 'policies', 'identity.iam.json')]);
    assert.equal(changed.accounts, 2);
    accounts = await children(server);
  });
  after(async () => {
    if (server) assert.equal(await server.shutdown(), 0);
  });

  it('shows one account per export or template account, with users, groups, roles and policies', async () => {
    assert.deepEqual(
      accounts.map((account) => [account.label, account.kind]),
      [
        ['111122223333', 'account'],
        ['123456789012', 'account'],
      ],
    );
    const folders = await children(server, accounts[0]);
    assert.deepEqual(
      folders.map((folder) => [folder.label, folder.description]),
      [
        ['Users', '3'],
        ['Groups', '3'],
        ['Roles', '3'],
        ['Customer managed policies', '3'],
      ],
    );
    assert.deepEqual((await children(server, named(folders, 'Users'))).map((user) => user.label), ['alice', 'bob', 'ci-legacy']);
    assert.deepEqual((await children(server, named(folders, 'Roles'))).map((role) => role.label), ['github-deploy', 'reports-lambda-execution', 'security-audit']);
  });

  it("lists a user's group memberships, inline policy, boundary and tags, each pointing into the export", async () => {
    const users = await children(server, named(await children(server, accounts[0]), 'Users'));
    const alice = named(users, 'alice');
    assert.equal(alice.principalArn, 'arn:aws:iam::111122223333:user/alice');
    // "Reveal in source" lands on the user's name in the export.
    assert.equal(textAt(alice.definition!), '"alice"');
    const nodes = await children(server, alice);
    assert.deepEqual(
      nodes.map((node) => [node.kind, node.label]),
      [
        ['group-membership', 'Developers'],
        ['group-membership', 'RequireMFA'],
        ['inline-policy', 'ManageOwnAccessKeys'],
        ['permissions-boundary', 'DeveloperBoundary'],
        ['tags', 'Tags'],
      ],
    );
    const inline = named(nodes, 'ManageOwnAccessKeys').policy!;
    assert.equal(inline.uri, EXPORT_URI);
    const inlineText = textAt(inline);
    assert.match(inlineText, /^\{\s*"Version": "2012-10-17",\s*"Statement": \[/);
    assert.match(inlineText, /"Sid": "ManageOwnAccessKeys"[\s\S]*\}$/);
    // The boundary is a customer managed policy of the export: its default version's document.
    assert.match(textAt(named(nodes, 'DeveloperBoundary').policy!), /^\{\s*"Version": "2012-10-17"/);
    assert.equal(textAt(named(nodes, 'Developers').definition!), '"Developers"');
    const tags = await children(server, named(nodes, 'Tags'));
    assert.ok(tags.length > 0 && tags.every((tag) => tag.kind === 'tag' && tag.description !== undefined));
  });

  it("gives a role its trust policy, and an AWS managed policy a read-only document the server fills", async () => {
    const roles = await children(server, named(await children(server, accounts[0]), 'Roles'));
    const lambda = await children(server, named(roles, 'reports-lambda-execution'));
    const trust = named(lambda, 'Trust policy');
    assert.equal(trust.kind, 'trust-policy');
    assert.match(textAt(trust.policy!), /"Service": "lambda\.amazonaws\.com"/);

    const bob = await children(server, named(await children(server, named(await children(server, accounts[0]), 'Users')), 'bob'));
    const readOnly = named(bob, 'ReadOnlyAccess');
    assert.equal(readOnly.kind, 'attached-policy');
    assert.equal(readOnly.policy!.uri, 'iam-aws-managed-policy:/ReadOnlyAccess.json');
    const document = await server.connection.sendRequest(AwsManagedPolicyTextRequest.type, { uri: readOnly.policy!.uri });
    assert.ok(document, 'the bundled ReadOnlyAccess');
    assert.ok(JSON.parse(document.text).Statement.length > 0);
    assert.equal(await server.connection.sendRequest(AwsManagedPolicyTextRequest.type, { uri: 'iam-aws-managed-policy:/NoSuchPolicyAnywhere.json' }), null);
  });

  it("maps the template's role, policies and bucket policy to their YAML", async () => {
    const folders = await children(server, accounts[1]);
    assert.deepEqual(
      folders.map((folder) => folder.label),
      ['Roles', 'Customer managed policies', 'Resource policies'],
    );
    const [role] = await children(server, named(folders, 'Roles'));
    assert.equal(role.label, 'reports-function-prod');
    const nodes = await children(server, role);
    assert.deepEqual(
      nodes.map((node) => [node.kind, node.label, node.policy?.uri]),
      [
        ['trust-policy', 'Trust policy', TEMPLATE_URI],
        ['inline-policy', 'ReadReportSources', TEMPLATE_URI],
        ['attached-policy', 'reports-writer-prod', TEMPLATE_URI],
        ['attached-policy', 'AWSLambdaBasicExecutionRole', 'iam-aws-managed-policy:/service-role/AWSLambdaBasicExecutionRole.json'],
        ['tags', 'Tags', undefined],
      ],
    );
    assert.match(textAt(named(nodes, 'Trust policy').policy!), /^Version: '2012-10-17'\n\s+Statement:[\s\S]*Action: sts:AssumeRole$/);
    assert.match(textAt(named(nodes, 'reports-writer-prod').policy!), /s3:PutObjectAccl/);
    const [bucketPolicy] = await children(server, named(folders, 'Resource policies'));
    assert.equal(bucketPolicy.description, 'AWS::S3::BucketPolicy');
    assert.match(textAt(bucketPolicy.policy!), /Sid: AuditAccountReads/);
  });

  it('filters by name or ARN, keeping only the folders with matches', async () => {
    const filtered = await children(server, undefined, 'ALICE');
    assert.deepEqual(filtered.map((account) => account.label), ['111122223333']);
    const folders = await children(server, filtered[0], 'ALICE');
    assert.deepEqual(folders.map((folder) => [folder.label, folder.description]), [['Users', '1 of 3']]);
    assert.deepEqual((await children(server, folders[0], 'ALICE')).map((user) => user.label), ['alice']);
    assert.deepEqual(await children(server, undefined, 'no-such-name'), []);
  });

  it('reports loader information on the template as a diagnostic on its file (published before the model-changed notification)', () => {
    const diagnostics = server.publishedDiagnostics(TEMPLATE_URI) ?? [];
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'template-assumed-account' && diagnostic.severity === 3));
  });
});

describe('account model over stdio: an account file edited in the editor', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(SETTINGS);
    await loadAccounts(server, [TEMPLATE_URI]);
  });
  after(async () => {
    if (server) assert.equal(await server.shutdown(), 0);
  });

  it('the tree follows the unsaved text of an open template, and the saved file once it closes', async () => {
    const text = readFileSync(new URL(TEMPLATE_URI), 'utf8');
    const roleNames = async () => {
      const [account] = await children(server);
      return (await children(server, named(await children(server, account), 'Roles'))).map((role) => role.label);
    };
    assert.deepEqual(await roleNames(), ['reports-function-prod']);
    server.open(TEMPLATE_URI, text, 'yaml');
    let changed = server.notification<AccountModelChangedParams>(AccountModelChangedNotification.type.method, (params) => !params.loading);
    server.change(TEMPLATE_URI, 2, text.replace("RoleName: !Sub 'reports-function-${Environment}'", 'RoleName: edited-role'));
    await changed;
    assert.deepEqual(await roleNames(), ['edited-role']);

    changed = server.notification<AccountModelChangedParams>(AccountModelChangedNotification.type.method, (params) => !params.loading);
    server.close(TEMPLATE_URI);
    await changed;
    assert.deepEqual(await roleNames(), ['reports-function-prod']);
  });
});

describe('account model over stdio: bad input (a truncated and a malformed export, an unreadable file, a sound one)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(SETTINGS);
  });
  after(async () => {
    if (server) assert.equal(await server.shutdown(), 0);
  });

  it('a truncated export: an error at the end of the file in Problems, and every complete entry in the tree', async () => {
    const diagnostics = server.diagnostics(TRUNCATED_URI, (list) => list.some((diagnostic) => diagnostic.code === 'account-truncated'));
    // A file that cannot be read (deleted since it was listed) is logged and skipped; the rest load.
    await loadAccounts(server, [TRUNCATED_URI, fileUri('test', 'fixtures', 'account', 'no-such-export.json'), MALFORMED_URI, OTHER_ACCOUNT_URI]);
    const truncated = (await diagnostics).find((diagnostic) => diagnostic.code === 'account-truncated')!;
    const lines = readFileSync(path.join(ROOT, 'test', 'fixtures', 'account', 'truncated-export.json'), 'utf8').split('\n');
    assert.equal(truncated.severity, 1);
    assert.deepEqual(truncated.range.start, { line: lines.length - 1, character: lines[lines.length - 1].length });
    assert.equal(truncated.source, 'IAM Policy Studio');

    const account = named(await children(server), '111122223333');
    const roles = await children(server, named(await children(server, account), 'Roles'));
    assert.deepEqual(roles.map((role) => role.label), ['github-deploy', 'reports-lambda-execution']);
    assert.ok(server.logs.some((line) => line.includes('could not read') && line.includes('no-such-export.json')), 'the unreadable file is logged');
    assert.ok(server.logs.some((line) => line.includes('account-truncated')), 'the problem is in the output channel too');
  });

  it('a malformed export: each problem at its position, its readable entries and the other accounts loaded', async () => {
    const diagnostics = server.publishedDiagnostics(MALFORMED_URI) ?? [];
    const text = readFileSync(new URL(MALFORMED_URI), 'utf8').split('\n');
    const syntax = diagnostics.find((diagnostic) => diagnostic.code === 'account-syntax');
    assert.ok(syntax, `a syntax error among ${diagnostics.map((diagnostic) => diagnostic.code).join(', ')}`);
    assert.equal(text[syntax.range.start.line].slice(syntax.range.start.character, syntax.range.start.character + 8), '"Action"');
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'account-undecodable-document' && diagnostic.severity === 1));
    assert.deepEqual(
      (await children(server)).map((account) => account.label),
      ['111122223333', '230000000003', '240000000004'],
    );
    const malformed = named(await children(server), '240000000004');
    assert.equal((await children(server, named(await children(server, malformed), 'Users'))).length, 2);
  });
});

describe('policies inside an open CloudFormation template', () => {
  let server: TestServer;
  const text = readFileSync(path.join(ROOT, 'examples', 'cloudformation', 'reports-stack.yaml'), 'utf8');
  const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

  before(async () => {
    server = await startTestServer(SETTINGS);
  });
  after(async () => {
    if (server) assert.equal(await server.shutdown(), 0);
  });

  it('gets the checks of policy files, on the YAML lines of the seeded mistakes', async () => {
    server.open(TEMPLATE_URI, text, 'yaml');
    const diagnostics = await server.diagnostics(TEMPLATE_URI, (list) => list.some((diagnostic) => diagnostic.code === 'INVALID_EFFECT'));
    const byCode = (code: string) => diagnostics.find((diagnostic) => diagnostic.code === code);
    const action = byCode('INVALID_ACTION')!;
    assert.equal(action.range.start.line, lineOf('- s3:PutObjectAccl'));
    assert.equal(text.split('\n')[action.range.start.line].slice(action.range.start.character, action.range.end.character), 's3:PutObjectAccl');
    const effect = byCode('INVALID_EFFECT')!;
    assert.equal(effect.range.start.line, lineOf('Effect: allow'));
    assert.equal(text.split('\n')[effect.range.start.line].slice(effect.range.start.character, effect.range.end.character), 'allow');
    // Fixes are JSON edits: they are not offered in YAML, where they would break the file.
    assert.equal((effect.data as { fixes?: unknown } | undefined)?.fixes, undefined);
  });

  it('hovers an action inside the YAML with its documentation and its YAML range', async () => {
    const line = lineOf('Action: dynamodb:Query');
    const character = text.split('\n')[line].indexOf('dynamodb:Query') + 10;
    const hover = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: TEMPLATE_URI }, position: { line, character } })) as Hover;
    assert.ok(hover, 'a hover');
    assert.match((hover.contents as { value: string }).value, /Query/);
    assert.equal(hover.range!.start.line, line);
  });

  it('leaves YAML that is not a template alone', async () => {
    const uri = fileUri('scratch', 'docker-compose.yaml');
    server.open(uri, 'services:\n  web:\n    image: nginx\n', 'yaml');
    // Validations run in the order documents open: once the policy opened next has its
    // diagnostics, the compose file has been looked at.
    const policyUri = fileUri('scratch', 'after-compose.iam.json');
    server.open(policyUri, '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}');
    await server.diagnostics(policyUri);
    assert.equal(server.publishedDiagnostics(uri), undefined);
  });
});
