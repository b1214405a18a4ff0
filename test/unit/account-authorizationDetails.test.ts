import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import { loadAuthorizationDetails, type IamRole, type LoadedAccountFile } from '../../server/src/account';
import { createLineIndex } from '../../server/src/policy/lineIndex';

const repoRoot = resolve(__dirname, '../../..');
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/account', name), 'utf8');
const exampleText = readFileSync(join(repoRoot, 'examples/account/authorization-details.json'), 'utf8');

/** The characters of `text` inside `range`. */
function textAt(text: string, range: Range): string {
  const lines = createLineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function load(text: string, uri = 'file:///work/export.json'): LoadedAccountFile {
  return loadAuthorizationDetails(text, uri);
}

describe('authorization details: the example export', () => {
  const file = load(exampleText);
  const [account] = file.accounts;

  it('reads one account, its id taken from the ARNs, without problems', () => {
    assert.deepEqual(file.problems, []);
    assert.equal(file.accounts.length, 1);
    assert.equal(account.id, '111122223333');
    assert.equal(account.idSource, 'arns');
    assert.deepEqual(account.sources, ['file:///work/export.json']);
  });

  it('reads users with path, id, groups, inline and attached policies, boundary and tags', () => {
    const alice = account.users.find((user) => user.name === 'alice')!;
    assert.equal(alice.arn, 'arn:aws:iam::111122223333:user/alice');
    assert.equal(alice.id, 'AIDAEXAMPLEALICE0001');
    assert.deepEqual(alice.groups, ['Developers', 'RequireMFA']);
    assert.deepEqual(alice.inlinePolicies.map((policy) => policy.name), ['ManageOwnAccessKeys']);
    assert.equal(alice.permissionsBoundaryArn, 'arn:aws:iam::111122223333:policy/DeveloperBoundary');
    assert.deepEqual(alice.tags, [
      { key: 'team', value: 'reports' },
      { key: 'cost-center', value: 'cc-1042' },
    ]);
    const bob = account.users.find((user) => user.name === 'bob')!;
    assert.equal(bob.path, '/ops/');
    assert.deepEqual(bob.attachedPolicyArns, ['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    assert.equal(bob.permissionsBoundaryArn, undefined);
  });

  it('reads roles with their trust policy (kind trust), boundary and tags', () => {
    const deploy = account.roles.find((role) => role.name === 'github-deploy')!;
    assert.equal(deploy.trustPolicy?.kind.type, 'trust');
    assert.equal(deploy.trustPolicy?.kind.source, 'location');
    assert.equal(deploy.trustPolicy?.ast.statements[0].action?.values[0].value, 'sts:AssumeRoleWithWebIdentity');
    assert.equal(deploy.permissionsBoundaryArn, 'arn:aws:iam::111122223333:policy/DeveloperBoundary');
    assert.deepEqual(deploy.tags, [{ key: 'team', value: 'reports' }]);
    assert.equal(account.roles.find((role) => role.name === 'reports-lambda-execution')!.path, '/service-role/');
  });

  it('keeps every version of a customer managed policy; only the default one is in force (access_policies_managed-versioning.md)', () => {
    const reader = account.managedPolicies.find((policy) => policy.name === 'ReportsReader')!;
    assert.deepEqual(
      reader.versions.map((version) => [version.versionId, version.isDefault]),
      [
        ['v2', true],
        ['v1', false],
      ],
    );
    assert.equal(reader.defaultVersionId, 'v2');
    assert.equal(reader.inForce, reader.versions[0].document);
    assert.notEqual(reader.inForce, reader.versions[1].document);
    assert.equal(reader.versions[1].document.name, 'ReportsReader v1');
    assert.equal(reader.versions[1].document.arn, 'arn:aws:iam::111122223333:policy/ReportsReader');
  });

  it('gives a managed policy used only as a permissions boundary the boundary kind (access_policies_boundaries.md)', () => {
    const byName = (name: string) => account.managedPolicies.find((policy) => policy.name === name)!;
    assert.equal(byName('DeveloperBoundary').inForce?.kind.type, 'boundary');
    assert.equal(byName('ReportsReader').inForce?.kind.type, 'identity');
  });

  it('parses a document object from its exact text, and maps AST ranges back to the file', () => {
    const document = account.users.find((user) => user.name === 'alice')!.inlinePolicies[0].document;
    assert.equal(document.source.precision, 'exact');
    assert.equal(textAt(exampleText, document.source.range), document.text);
    const action = document.ast.statements[0].action!.values[1];
    assert.equal(action.value, 'iam:DeleteAccessKey');
    assert.equal(textAt(exampleText, document.toSourceRange(action.node.range)), '"iam:DeleteAccessKey"');
    // And back: the file position of that token is inside the policy text.
    const filePosition = document.toSourceRange(action.node.range).start;
    assert.deepEqual(document.toTextPosition(filePosition), action.node.range.start);
    assert.equal(document.toTextPosition({ line: 0, character: 0 }), undefined);
  });

  it('points each entity at its name in the file', () => {
    const role = account.roles.find((candidate) => candidate.name === 'security-audit')!;
    assert.equal(textAt(exampleText, role.origin.range), '"security-audit"');
  });
});

describe('authorization details: URL-encoded documents (the raw API form)', () => {
  const text = fixture('url-encoded-export.json');
  const file = load(text);
  const role = file.accounts[0].roles[0] as IamRole;

  it('decodes trust, inline and version documents', () => {
    assert.deepEqual(file.problems, []);
    assert.equal(role.trustPolicy?.ast.statements[0].principal?.entries[0].values[0].value, 'ec2.amazonaws.com');
    const inline = role.inlinePolicies[0].document;
    assert.equal(inline.source.precision, 'encoded');
    assert.equal(inline.ast.syntaxProblems.length, 0);
    assert.equal(inline.ast.statements[0].condition?.operators[0].keys[0].values[0].text, 'café & co');
    const writer = file.accounts[0].managedPolicies[0];
    assert.equal(writer.inForce?.ast.statements[0].resource?.values[0].value, 'arn:aws:sqs:eu-west-1:210000000001:orders');
  });

  it('maps a range in the decoded text to the characters that encode it inside the string token', () => {
    const inline = role.inlinePolicies[0].document;
    const statement = inline.ast.statements[0];
    assert.equal(textAt(text, inline.toSourceRange(statement.action!.values[1].node.range)), '%22s3%3AListBucket%22');
    // A multi-byte UTF-8 character (é = %C3%A9) stays one character of the decoded text.
    const value = statement.condition!.operators[0].keys[0].values[0].node;
    assert.equal(textAt(text, inline.toSourceRange(value.range)), '%22caf%C3%A9%20%26%20co%22');
    // The whole document is the string token.
    const token = textAt(text, inline.source.range);
    assert.match(token, /^"%7B.*%7D"$/);
    assert.equal(decodeURIComponent(token.slice(1, -1)), inline.text);
  });

  it('maps a position inside the token back into the decoded text', () => {
    const inline = role.inlinePolicies[0].document;
    const action = inline.ast.statements[0].action!.values[1].node;
    const inFile = inline.toSourceRange(action.range).start;
    assert.deepEqual(inline.toTextPosition(inFile), action.range.start);
  });

  it('keeps instance profiles of roles', () => {
    assert.deepEqual(role.instanceProfiles, [
      { name: 'raw-api-profile', arn: 'arn:aws:iam::210000000001:instance-profile/raw-api-profile', path: '/', id: 'AIPARAWAPI0000000001' },
    ]);
  });
});

describe('authorization details: bad input is reported, the rest still loads', () => {
  it('a truncated export: every complete entry and the cut-off one, plus a problem at the end of the file', () => {
    const text = fixture('truncated-export.json');
    const file = load(text);
    const [account] = file.accounts;
    assert.deepEqual(account.users.map((user) => user.name), ['alice', 'bob', 'ci-legacy']);
    assert.deepEqual(account.groups.map((group) => group.name), ['Developers', 'Operators', 'RequireMFA']);
    assert.deepEqual(account.roles.map((role) => role.name), ['reports-lambda-execution', 'github-deploy']);
    const truncated = file.problems.find((problem) => problem.code === 'account-truncated');
    assert.ok(truncated, 'a truncation problem');
    assert.equal(truncated.severity, 'error');
    const lines = text.split('\n');
    assert.deepEqual(truncated.range.start, { line: lines.length - 1, character: lines[lines.length - 1].length });
    // The cut-off trust policy is there, as far as it goes, and its parse says what is wrong.
    const trust = account.roles[1].trustPolicy!;
    assert.ok(text.endsWith(trust.text));
    assert.ok(trust.ast.syntaxProblems.length > 0);
    assert.equal(file.problems.filter((problem) => problem.code === 'account-truncated').length, 1, 'one truncation problem, not one per open bracket');
  });

  it('a malformed export: syntax errors, wrong entries and bad encoding each reported with their position', () => {
    const text = fixture('malformed-export.json');
    const file = load(text, 'file:///work/malformed.json');
    const codes = (code: string) => file.problems.filter((problem) => problem.code === code);
    const comma = codes('account-syntax')[0];
    assert.match(comma.message, /comma/);
    assert.equal(textAt(text, { start: comma.range.start, end: { ...comma.range.start, character: comma.range.start.character + 8 } }), '"Action"');
    assert.ok(file.problems.every((problem) => problem.uri === 'file:///work/malformed.json'));
    const notObject = codes('account-invalid-entry').find((problem) => problem.message.startsWith('UserDetailList[1]'))!;
    assert.equal(textAt(text, notObject.range), '"not-a-user"');
    assert.ok(codes('account-invalid-entry').some((problem) => /neither UserName nor a usable Arn/.test(problem.message)));
    const notDocument = codes('account-invalid-entry').find((problem) => problem.message.includes('NotADocument'))!;
    assert.equal(textAt(text, notDocument.range), '42');
    const unknownKey = codes('account-unknown-key')[0];
    assert.equal(textAt(text, unknownKey.range), '"FavouriteColour"');
    assert.equal(unknownKey.severity, 'information');
    const encoding = codes('account-undecodable-document')[0];
    assert.equal(textAt(text, encoding.range), '"%7B%22Version%22%3A%ZZ"');
    assert.equal(codes('account-paginated').length, 1);
    // What could be read is loaded.
    const [account] = file.accounts;
    assert.deepEqual(account.users.map((user) => user.name), ['frank', 'grace']);
    assert.equal(account.users[0].inlinePolicies[0].document.ast.statements[0].action?.values[0].value, 's3:ListAllMyBuckets');
    assert.deepEqual(account.users[0].tags, [{ key: 'team', value: '' }]);
    assert.deepEqual(account.roles.map((role) => role.name), ['bad-encoding']);
  });

  for (const [label, text] of [
    ['an array', '[1, 2]'],
    ['an object without the lists', '{"Users": []}'],
    ['an empty file', ''],
    ['text that is not JSON', 'UserDetailList: nope'],
  ] as const) {
    it(`an unknown shape (${label}) is a problem, never an exception`, () => {
      const file = load(text);
      assert.deepEqual(file.accounts, []);
      assert.ok(file.problems.some((problem) => problem.code === 'account-unknown-shape'));
    });
  }

  it('reads a valid file (streamed by the fast scanner) as the tolerant path reads the same file with one error', () => {
    const streamed = load(exampleText);
    const tolerant = load(`${exampleText}x`);
    assert.deepEqual(tolerant.problems.map((problem) => problem.code), ['account-syntax']);
    const summary = (file: LoadedAccountFile) =>
      file.accounts.map((account) => ({
        id: account.id,
        principals: [...account.users, ...account.groups, ...account.roles].map((principal) => [
          principal.arn,
          principal.origin.range,
          principal.inlinePolicies.map((policy) => [policy.name, policy.document.text, policy.document.source.range]),
          principal.attachedPolicyArns,
        ]),
        policies: account.managedPolicies.map((policy) => [policy.arn, policy.versions.map((version) => [version.versionId, version.isDefault, version.document.text])]),
      }));
    assert.deepEqual(summary(tolerant), summary(streamed));
  });

  it('never throws, whatever prefix of an export it is given (a file still being written)', () => {
    for (let cut = 0; cut <= exampleText.length; cut += 11) {
      const file = load(exampleText.slice(0, cut));
      for (const role of file.accounts.flatMap((account) => account.roles)) {
        for (const statement of role.trustPolicy?.ast.statements ?? []) role.trustPolicy!.toSourceRange(statement.node.range);
      }
      if (cut > 0 && cut < exampleText.length - 2) assert.ok(file.problems.some((problem) => problem.severity === 'error'), `a problem for the cut at ${cut}`);
    }
  });

  it('an entry without Arn is loaded under the file account with a built ARN, and reported', () => {
    const text = JSON.stringify({
      UserDetailList: [
        { UserName: 'has-arn', Arn: 'arn:aws:iam::260000000006:user/has-arn' },
        { UserName: 'no-arn', Path: '/x/' },
      ],
    });
    const file = load(text);
    assert.deepEqual(
      file.accounts[0].users.map((user) => user.arn),
      ['arn:aws:iam::260000000006:user/has-arn', 'arn:aws:iam::260000000006:user/x/no-arn'],
    );
    assert.ok(file.problems.some((problem) => problem.code === 'account-invalid-entry' && problem.message.includes('no-arn')));
  });

  it('a default version that disagrees with IsDefaultVersion follows DefaultVersionId, and says so', () => {
    const document = { Version: '2012-10-17', Statement: [] };
    const text = JSON.stringify({
      Policies: [
        {
          PolicyName: 'P',
          Arn: 'arn:aws:iam::260000000006:policy/P',
          DefaultVersionId: 'v2',
          PolicyVersionList: [
            { VersionId: 'v1', IsDefaultVersion: true, Document: document },
            { VersionId: 'v2', IsDefaultVersion: false, Document: document },
          ],
        },
      ],
    });
    const file = load(text);
    const policy = file.accounts[0].managedPolicies[0];
    assert.equal(policy.inForce, policy.versions[1].document);
    assert.equal(file.problems.filter((problem) => /DefaultVersionId is used/.test(problem.message)).length, 2);
  });
});
