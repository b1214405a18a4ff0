/**
 * What accepting a completion leaves in the document: keys with their colon and value, commas
 * where JSON needs them, closed strings, snippets that expand to valid policies.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import type { LanguageOptions } from '../../server/src/language/languageOptions';
import type { PolicyKindType } from '../../server/src/policy/kind';
import { loadedCatalog } from '../support/catalog';
import { completeAtCursor, cursorIn } from '../support/cursor';

/** Expands snippet syntax the way the editor does before the user edits a tab stop: defaults stay, first choice wins. */
function expandSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const char = snippet[i];
    if (char === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
    } else if (char === '$' && snippet[i + 1] === '{') {
      const close = findClose(snippet, i + 2);
      const body = snippet.slice(i + 2, close);
      const choice = /^\d+\|([^,|]*)/.exec(body);
      const placeholder = /^\d+:([\s\S]*)$/.exec(body);
      out += choice ? choice[1] : placeholder ? expandSnippet(placeholder[1]) : '';
      i = close;
    } else if (char === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else out += char;
  }
  return out;
}

function findClose(snippet: string, from: number): number {
  let depth = 1;
  for (let i = from; i < snippet.length; i++) {
    if (snippet[i] === '\\') i++;
    else if (snippet[i] === '{') depth++;
    else if (snippet[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed \${ in ${snippet}`);
}

function apply(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(edit.newText) : edit.newText;
  const document = TextDocument.create('file:///p.json', 'json', 1, text);
  return TextDocument.applyEdits(document, [{ range: edit.range, newText }, ...(item.additionalTextEdits ?? [])]);
}

/** Completes at `|` and applies the proposal labelled `label`. */
async function accept(marked: string, label: string, kind: PolicyKindType = 'identity', options: LanguageOptions = {}): Promise<string> {
  const list = await completeAtCursor(marked, { kind, options });
  const item = list.items.find((candidate) => candidate.label === label);
  assert.ok(item, `no proposal "${label}" among ${list.items.map((candidate) => candidate.label).slice(0, 30).join(', ')}`);
  return apply(cursorIn(marked).text, item);
}

describe('the snippet expander used by these tests', () => {
  it('keeps defaults, takes the first choice, drops bare tab stops, unescapes', () => {
    assert.equal(expandSnippet('"${1|Allow,Deny|}" $2 ${3:a${4:b}} \\${x\\}'), '"Allow"  ab ${x}');
  });
});

describe('accepting a completion', () => {
  before(async () => {
    await loadedCatalog(['s3', 'sqs']);
  });

  it('a statement key brings its colon and value', async () => {
    assert.equal(await accept('{"Statement": [{"|"}]}', 'Effect'), '{"Statement": [{"Effect": "Allow"}]}');
  });

  it('a key typed after a value without a comma adds the missing comma', async () => {
    const result = await accept('{"Statement": [{"Effect": "Allow"\n "Act|\n}]}', 'Action');
    assert.equal(result, '{"Statement": [{"Effect": "Allow",\n "Action": ""\n}]}');
  });

  it('a key inserted before another entry gets a comma after it', async () => {
    const result = await accept('{"Statement": [{"|"\n "Effect": "Allow"}]}', 'Action');
    assert.equal(result, '{"Statement": [{"Action": "",\n "Effect": "Allow"}]}');
  });

  it('renaming a key that already has its colon replaces only the key', async () => {
    assert.equal(await accept('{"Statement": [{"Eff|": "Allow"}]}', 'Effect'), '{"Statement": [{"Effect": "Allow"}]}');
  });

  it('a value outside quotes is written with its quotes', async () => {
    assert.equal(await accept('{"Statement": [{"Effect": |}]}', 'Deny'), '{"Statement": [{"Effect": "Deny"}]}');
  });

  it('a value in an open string closes the string', async () => {
    assert.equal(await accept('{"Statement": [{"Action": "s3:GetObj|\n}]}', 's3:GetObject'), '{"Statement": [{"Action": "s3:GetObject"\n}]}');
  });

  it('a service prefix outside quotes keeps the cursor inside them for the actions that follow', async () => {
    const list = await completeAtCursor('{"Statement": [{"Action": |}]}');
    const s3 = list.items.find((item) => item.label === 's3')!;
    assert.equal((s3.textEdit as TextEdit).newText, '"s3:$0"');
    assert.equal(s3.insertTextFormat, InsertTextFormat.Snippet);
  });

  it('a value replaces the whole string content, not only the typed part', async () => {
    assert.equal(await accept('{"Statement": [{"Action": "s3:Get|Objectt"}]}', 's3:GetObject'), '{"Statement": [{"Action": "s3:GetObject"}]}');
  });

  it('a condition operator brings an object for its keys', async () => {
    const result = await accept('{"Statement": [{"Condition": {"|"}}]}', 'StringEqualsIfExists');
    assert.deepEqual(JSON.parse(result).Statement[0].Condition, { StringEqualsIfExists: { '': '' } });
  });

  it('a set operator brings an array for the values (reference_policies_multi-value-conditions.md)', async () => {
    const result = await accept('{"Statement": [{"Condition": {"ForAnyValue:|"}}]}', 'ForAnyValue:StringLike');
    assert.deepEqual(JSON.parse(result).Statement[0].Condition, { 'ForAnyValue:StringLike': { '': [''] } });
  });

  it('a tag-key pattern expands to a key with the tag-key placeholder', async () => {
    const result = await accept('{"Statement": [{"Condition": {"StringEquals": {"|"}}}]}', 'aws:ResourceTag/${TagKey}');
    assert.deepEqual(JSON.parse(result).Statement[0].Condition, { StringEquals: { 'aws:ResourceTag/TagKey': '' } });
  });

  it('an ARN template fills account and Region from the settings (reference_policies_elements_resource.md)', async () => {
    const result = await accept(
      '{"Statement": [{"Action": "sqs:SendMessage", "Resource": "|"}]}',
      'arn:aws:sqs:${Region}:${Account}:${QueueName}',
      'identity',
      { defaultAccountId: '111122223333', defaultRegion: 'eu-west-1' },
    );
    assert.equal(JSON.parse(result).Statement[0].Resource, 'arn:aws:sqs:eu-west-1:111122223333:QueueName');
  });

  it('without settings the ARN template has placeholders to type over', async () => {
    const result = await accept('{"Statement": [{"Action": "sqs:SendMessage", "Resource": "|"}]}', 'arn:aws:sqs:${Region}:${Account}:${QueueName}');
    assert.equal(JSON.parse(result).Statement[0].Resource, 'arn:aws:sqs:region:account-id:QueueName');
  });

  it('a policy variable replaces from the $ to the closing brace', async () => {
    const result = await accept('{"Version": "2012-10-17", "Statement": [{"Resource": "arn:aws:s3:::b/${aws:us|}/*"}]}', '${aws:username}');
    assert.equal(JSON.parse(result).Statement[0].Resource, 'arn:aws:s3:::b/${aws:username}/*');
  });

  it('the principal tag variable expands with its tag-key placeholder', async () => {
    const result = await accept('{"Version": "2012-10-17", "Statement": [{"Resource": "arn:aws:s3:::b/$|"}]}', '${aws:PrincipalTag/${TagKey}}');
    assert.equal(JSON.parse(result).Statement[0].Resource, 'arn:aws:s3:::b/${aws:PrincipalTag/TagKey}');
  });
});

describe('statement and policy snippets expand to valid policies', () => {
  const kinds: PolicyKindType[] = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session', 'endpoint'];

  it('an empty document gets a whole policy for its kind', async () => {
    for (const kind of kinds) {
      const policy = JSON.parse(await accept('|', 'New policy', kind));
      assert.equal(policy.Version, '2012-10-17', kind);
      assert.equal(policy.Statement.length, 1, kind);
      assert.equal('Principal' in policy.Statement[0], kind === 'trust' || kind === 'resource' || kind === 'rcp', kind);
    }
  });

  it('every statement pattern of every kind leaves valid JSON, with commas between statements', async () => {
    for (const kind of kinds) {
      const marked = '{"Version": "2012-10-17", "Statement": [\n  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n  |\n]}';
      const { text } = cursorIn(marked);
      const list = await completeAtCursor(marked, { kind });
      assert.ok(list.items.length > 0, kind);
      for (const item of list.items) {
        const policy = JSON.parse(apply(text, item));
        assert.ok(policy.Statement.length >= 2, `${kind}: ${item.label}`);
      }
    }
  });

  it('the value of Statement gets the statement inside an array', async () => {
    const policy = JSON.parse(await accept('{"Version": "2012-10-17", "Statement": |}', 'New statement', 'trust'));
    assert.deepEqual(Object.keys(policy.Statement[0]), ['Effect', 'Principal', 'Action']);
  });

  it('a GitHub OIDC trust statement names the provider of the default account and a repository condition', async () => {
    const policy = JSON.parse(await accept('{"Statement": [|]}', 'GitHub Actions OIDC trust', 'trust', { defaultAccountId: '111122223333' }));
    const statement = policy.Statement[0];
    assert.equal(statement.Principal.Federated, 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
    assert.equal(statement.Action, 'sts:AssumeRoleWithWebIdentity');
    assert.equal(statement.Condition.StringLike['token.actions.githubusercontent.com:sub'], 'repo:org/repository:ref:refs/heads/main');
  });

  it('the Region restriction uses the default Region', async () => {
    const policy = JSON.parse(await accept('{"Statement": [|]}', 'Restrict Regions', 'scp', { defaultRegion: 'eu-central-1' }));
    assert.deepEqual(policy.Statement[0].Condition, { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1'] } });
  });
});
