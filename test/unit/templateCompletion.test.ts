/**
 * Completion inside the policies of CloudFormation templates: what a policy file offers at the
 * same place, for the kind the document's place gives it, with edits written for the template.
 * In YAML that means plain scalars (quoted only where YAML would read something else), keys as
 * `Action: `, blocks indented under their key or dash, inline values in flow collections; in a
 * JSON template the policy's own JSON even where other values call intrinsic functions.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-types';
import type { Catalog } from '../../server/src/catalog/catalog';
import { snippetPreview, yamlScalar } from '../../server/src/language/templateCompletion/yamlText';
import { parseTemplatePolicies, templateCompletion } from '../../server/src/templatePolicies';
import { loadedCatalog } from '../support/catalog';
import { cursorIn } from '../support/cursor';

let catalog: Catalog;
before(async () => {
  catalog = await loadedCatalog();
});

interface Completed {
  readonly text: string;
  readonly list: CompletionList | null;
}

/** Completion at the `|` of a template. */
async function completeAt(marked: string, uri = 'file:///infra/stack.yaml'): Promise<Completed> {
  const { text, offset } = cursorIn(marked);
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const list = await templateCompletion(parseTemplatePolicies(text, uri, {}), document.positionAt(offset), catalog, {});
  return { text, list };
}

function itemOf({ list }: Completed, label: string): CompletionItem {
  const item = list?.items.find((candidate) => candidate.label === label);
  assert.ok(item, `"${label}" among ${list?.items.map((candidate) => candidate.label).slice(0, 30).join(', ')}`);
  return item;
}

const labels = ({ list }: Completed) => list?.items.map((item) => item.label) ?? [];

function editOf(item: CompletionItem): TextEdit {
  const edit = item.textEdit;
  assert.ok(edit && 'range' in edit, 'a text edit with a range');
  return edit;
}

/** The template text the item's edit replaces. */
function replaced({ text }: Completed, item: CompletionItem): string {
  const document = TextDocument.create('file:///t', 'yaml', 1, text);
  const { range } = editOf(item);
  return text.slice(document.offsetAt(range.start), document.offsetAt(range.end));
}

/** The template after accepting the item, with each tab stop left at its default. */
function accepted({ text }: Completed, item: CompletionItem): string {
  const edit = editOf(item);
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? snippetPreview(edit.newText) : edit.newText;
  return TextDocument.applyEdits(TextDocument.create('file:///t', 'yaml', 1, text), [{ range: edit.range, newText }]);
}

/** The statements of the template's first embedded policy as the loader reads them. */
function statementsAfter(text: string, uri = 'file:///infra/stack.yaml'): unknown {
  const [policy] = parseTemplatePolicies(text, uri, {}).policies;
  assert.ok(policy, 'the loader still finds the policy');
  return (JSON.parse(policy.embedded.text) as { Statement: unknown }).Statement;
}

/** A customer managed policy (an identity policy) whose statement list is `statements`, indented as in the template. */
const identity = (statements: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statements}
`;

/** A role whose trust policy (AssumeRolePolicyDocument) is `document`. */
const trust = (document: string) => `Resources:
  FunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
${document}
`;

/** An S3 bucket policy (a resource policy) whose statement list is `statements`. */
const bucketPolicy = (statements: string) => `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statements}
`;

describe('YAML block style: values (reference_policies_elements_action.md)', () => {
  it('completes the action being typed and replaces the plain scalar, without JSON quotes', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action: s3:GetObj|\n            Resource: "*"'));
    const item = itemOf(completed, 's3:GetObject');
    assert.equal(replaced(completed, item), 's3:GetObj');
    assert.equal(editOf(item).newText, 's3:GetObject');
    assert.deepEqual(statementsAfter(accepted(completed, item)), [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
  });

  it('after the `:` trigger in `Action: s3:` offers the service actions (the colon is part of the value)', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action: s3:|'));
    assert.equal(replaced(completed, itemOf(completed, 's3:PutObject')), 's3:');
    assert.ok(!labels(completed).includes('ec2:RunInstances'));
  });

  it('where nothing is typed yet writes the service prefix plain and reopens the list', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action: |'));
    const item = itemOf(completed, 's3');
    assert.equal(editOf(item).newText, 's3:$0');
    assert.equal(item.command?.command, 'editor.action.triggerSuggest');
  });

  it('right after the colon (`Action:`) the value starts with a space', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action:|'));
    assert.equal(editOf(itemOf(completed, 's3')).newText, ' s3:$0');
  });

  it('completes an item of a block list', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action:\n              - s3:GetObject\n              - s3:PutO|\n            Resource: "*"'));
    const item = itemOf(completed, 's3:PutObject');
    assert.equal(replaced(completed, item), 's3:PutO');
    assert.deepEqual(statementsAfter(accepted(completed, item)), [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }]);
  });

  it('offers Allow and Deny for Effect (reference_policies_elements_effect.md)', async () => {
    const completed = await completeAt(identity('          - Effect: D|'));
    assert.deepEqual(labels(completed), ['Allow', 'Deny']);
    assert.equal(replaced(completed, itemOf(completed, 'Deny')), 'D');
  });

  it('keeps the quotes of a quoted scalar and writes inside them', async () => {
    const completed = await completeAt(identity("          - Effect: Allow\n            Action: 's3:GetObj|'"));
    const item = itemOf(completed, 's3:GetObject');
    assert.equal(replaced(completed, item), 's3:GetObj');
    assert.equal(editOf(item).newText, 's3:GetObject');
  });

  it('quotes what plain YAML would read as something else: the version date, `*`, booleans', async () => {
    const version = await completeAt(trust('        Version: |'));
    assert.equal(editOf(itemOf(version, '2012-10-17')).newText, "'2012-10-17'");
    const resource = await completeAt(identity('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: |'));
    assert.equal(editOf(itemOf(resource, '*')).newText, "'*'");
    const bool = await completeAt(identity('          - Effect: Deny\n            Action: s3:*\n            Resource: "*"\n            Condition:\n              Bool:\n                aws:SecureTransport: |'));
    assert.equal(editOf(itemOf(bool, 'false')).newText, "'false'");
    assert.deepEqual(statementsAfter(accepted(bool, itemOf(bool, 'false'))), [
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]);
  });

  it('completes a policy variable inside a Resource value and replaces only the variable (reference_policies_variables.md)', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::home/${aws:userna|}/*'));
    const item = itemOf(completed, '${aws:username}');
    assert.equal(replaced(completed, item), '${aws:userna}');
  });
});

describe('YAML scalars written by completion', () => {
  it('stay plain where YAML reads them back as the same string, and are single-quoted elsewhere', () => {
    const written = (text: string, flow = false) => yamlScalar(text, false, flow);
    assert.deepEqual(
      ['s3:GetObject', 'arn:aws:s3:::reports/*', '${aws:username}', 'lambda.amazonaws.com'].map((text) => written(text)),
      ['s3:GetObject', 'arn:aws:s3:::reports/*', '${aws:username}', 'lambda.amazonaws.com'],
    );
    // An alias indicator, an account id (a number), a date, a boolean, a colon and space, a quote.
    assert.deepEqual(
      ['*', '123456789012', '2012-10-17', 'true', 'a: b', "it's"].map((text) => written(text)),
      ["'*'", "'123456789012'", "'2012-10-17'", "'true'", "'a: b'", "it's"],
    );
    assert.equal(written("'quoted'"), "'''quoted'''");
    assert.equal(written('a,b', true), "'a,b'");
    // Snippets are judged by what they insert: `${1:*}` inserts `*`.
    assert.equal(yamlScalar('${1:*}', true, false), "'${1:*}'");
  });
});

describe('YAML block style: keys and blocks', () => {
  it('offers the statement elements not yet present as `Key: ` with a value, on an empty line', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            |'));
    assert.ok(!labels(completed).includes('Effect'), 'Effect is there already');
    const item = itemOf(completed, 'Action');
    assert.equal(editOf(item).newText, 'Action: $1');
    assert.equal(item.command?.command, 'editor.action.triggerSuggest');
    assert.equal(item.filterText, undefined, 'filtered by the label: no JSON quote is typed in YAML');
    assert.deepEqual(statementsAfter(accepted(completed, item)), [{ Effect: 'Allow', Action: null }]);
  });

  it('completes a key typed without its colon, and only the key where the colon is there', async () => {
    const typed = await completeAt(identity('          - Effect: Allow\n            Ac|\n            Resource: "*"'));
    const action = itemOf(typed, 'Action');
    assert.equal(replaced(typed, action), 'Ac');
    assert.equal(editOf(action).newText, 'Action: $1');
    const withColon = await completeAt(identity('          - Effect: Allow\n            Ac|: s3:GetObject'));
    assert.equal(editOf(itemOf(withColon, 'Action')).newText, 'Action');
  });

  it('right after a colon that ends the line reads both ways: a key whose value comes next, or a key still being typed', async () => {
    const effect = await completeAt(identity('          - Action: s3:GetObject\n            Effect:|'));
    assert.equal(editOf(itemOf(effect, 'Deny')).newText, ' Deny');
    const conditionKey = await completeAt(identity('          - Effect: Allow\n            Action: s3:GetObject\n            Condition:\n              StringEquals:\n                s3:|'));
    const prefix = itemOf(conditionKey, 's3:prefix');
    assert.equal(replaced(conditionKey, prefix), 's3:');
    assert.equal(editOf(prefix).newText, 's3:prefix: $1');
  });

  it('writes a block value on the lines under the key, indented one level, inserted as is', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: "*"\n            Condition:\n              |'));
    const item = itemOf(completed, 'StringEquals');
    assert.equal(editOf(item).newText, 'StringEquals:\n                $1: $2');
    assert.equal(item.insertTextMode, InsertTextMode.asIs);
  });

  it('after `- ` in the Statement list offers whole statements, written as YAML under the dash (reference_policies_elements_statement.md)', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: "*"\n          - |'));
    const item = itemOf(completed, 'Deny requests without TLS');
    assert.equal(item.insertTextMode, InsertTextMode.asIs);
    assert.deepEqual((statementsAfter(accepted(completed, item)) as unknown[])[1], {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('offers Version, Id and Statement at the top of a document being written', async () => {
    const completed = await completeAt(trust('        |'));
    assert.deepEqual(labels(completed), ['Version', 'Id', 'Statement']);
    assert.equal(editOf(itemOf(completed, 'Version')).newText, "Version: '2012-10-17'");
  });
});

describe('YAML flow style', () => {
  it('completes an item of a flow sequence in place', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            Action: [s3:GetObject, s3:PutO|]\n            Resource: "*"'));
    const item = itemOf(completed, 's3:PutObject');
    assert.equal(replaced(completed, item), 's3:PutO');
    assert.deepEqual(statementsAfter(accepted(completed, item)), [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }]);
  });

  it('completes the value and the key of a flow mapping', async () => {
    const value = await completeAt(trust('        Statement:\n          - Effect: Allow\n            Principal: {Service: |}'));
    assert.equal(editOf(itemOf(value, 'lambda.amazonaws.com')).newText, 'lambda.amazonaws.com');
    const key = await completeAt(trust('        Statement:\n          - Effect: Allow\n            Principal: {Serv|}'));
    const service = itemOf(key, 'Service');
    assert.equal(replaced(key, service), 'Serv');
    assert.equal(editOf(service).newText, 'Service: $1');
  });

  it('writes a key with a mapping value inline inside a flow mapping', async () => {
    const completed = await completeAt(trust('        Statement: [{Effect: Allow, |}]'));
    assert.equal(editOf(itemOf(completed, 'Principal')).newText, 'Principal: {${1|AWS,Service,Federated|}: $2}');
  });
});

describe("the document's kind comes from where it sits", () => {
  it('a role trust policy gets trust completions: Principal, and no Resource (reference_policies_elements_principal.md)', async () => {
    const completed = await completeAt(trust('        Statement:\n          - Effect: Allow\n            |'));
    assert.ok(labels(completed).includes('Principal'));
    assert.ok(!labels(completed).includes('Resource'));
    const action = await completeAt(trust('        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRo|'));
    assert.ok(labels(action).includes('sts:AssumeRole'));
  });

  it('an identity policy gets no Principal key', async () => {
    const completed = await completeAt(identity('          - Effect: Allow\n            |'));
    assert.ok(!labels(completed).includes('Principal'));
    assert.ok(labels(completed).includes('Resource'));
  });

  it('a bucket policy gets resource-policy completions: Principal and a new statement with one', async () => {
    const keys = await completeAt(bucketPolicy('          - Effect: Allow\n            |'));
    assert.ok(labels(keys).includes('Principal') && labels(keys).includes('Resource'));
    const statement = await completeAt(bucketPolicy('          - |'));
    const item = itemOf(statement, 'New statement');
    assert.match(editOf(item).newText, /\n {12}Principal:\n {14}AWS: \$2\n/);
  });
});

describe('nothing is offered outside a policy or where YAML is not the policy', () => {
  it('a resource type, a description, a comment', async () => {
    assert.equal((await completeAt(trust('        Statement: []').replace('Type: AWS::IAM::Role', 'Type: AWS::IAM::Ro|le'))).list, null);
    assert.equal((await completeAt(`Description: Reports |stack\n${trust('        Statement: []')}`)).list, null);
    assert.equal((await completeAt(identity('          # Ac|'))).list, null);
  });

  it('a value written with an intrinsic function (!Sub), whose text is not the policy value', async () => {
    const completed = await completeAt(bucketPolicy("          - Effect: Allow\n            Action: s3:GetObject\n            Resource: !Sub 'arn:aws:s3:::${Bucket}/|'"));
    assert.equal(completed.list, null);
  });

  it('a document written as a block scalar of JSON text', async () => {
    const text = "Resources:\n  Reader:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: |\n        {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:Get\"}]}\n";
    const offset = text.indexOf('s3:Get') + 's3:Get'.length;
    const position = TextDocument.create('file:///t', 'yaml', 1, text).positionAt(offset);
    assert.equal(await templateCompletion(parseTemplatePolicies(text, 'file:///infra/stack.yaml', {}), position, catalog, {}), null);
  });
});

describe('JSON templates', () => {
  const bucketTemplate = (statement: string) => `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket"},
    "BucketPolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": {"Ref": "Bucket"},
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            ${statement}
          ]
        }
      }
    }
  }
}`;
  const uri = 'file:///infra/bucket.template.json';

  it('completes in a document whose other values call intrinsic functions, with JSON edits', async () => {
    const completed = await completeAt(bucketTemplate('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObj|", "Resource": {"Fn::Sub": "${Bucket.Arn}/*"}}'), uri);
    const item = itemOf(completed, 's3:GetObject');
    assert.equal(replaced(completed, item), 's3:GetObj');
    assert.equal(editOf(item).newText, 's3:GetObject');
  });

  it('completes a key being typed, with the JSON a policy file gets, for a bucket policy', async () => {
    const completed = await completeAt(bucketTemplate('{"Effect": "Allow", "Resource": {"Fn::Sub": "${Bucket.Arn}/*"}, "Pri|'), uri);
    const item = itemOf(completed, 'Principal');
    assert.equal(replaced(completed, item), '"Pri');
    assert.match(editOf(item).newText, /^"Principal": \{/);
  });

  it('offers nothing inside the intrinsic function call itself', async () => {
    const completed = await completeAt(bucketTemplate('{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": {"Fn::Sub": "arn:aws:s3:::|"}}'), uri);
    assert.equal(completed.list, null);
  });
});
