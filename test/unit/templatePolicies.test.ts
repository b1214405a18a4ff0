/**
 * The checks on policies inside CloudFormation templates: findings land on the template's own
 * lines, and the loader's `${!Ref X}` placeholders (values only a deployment knows) are not
 * mistaken for malformed policy variables or non-ARNs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Catalog } from '../../server/src/catalog/catalog';
import { scanVariables } from '../../server/src/analysis/variablesSyntax';
import { parseTemplatePolicies, templateCompletion, templateDiagnostics, templateHover } from '../../server/src/templatePolicies';
import { loadedCatalog } from '../support/catalog';

const ROOT = path.resolve(__dirname, '../../..');

let catalog: Catalog;
before(async () => {
  catalog = await loadedCatalog();
});

/** Diagnostics of a template as `code@line:text-under-the-range`. */
async function findingsOf(text: string, uri = 'file:///infra/stack.yaml'): Promise<string[]> {
  const lines = text.split('\n');
  const diagnostics = await templateDiagnostics(parseTemplatePolicies(text, uri, {}), catalog, {});
  return diagnostics.map(({ code, range }) => {
    const covered = range.start.line === range.end.line ? lines[range.start.line].slice(range.start.character, range.end.character) : `${lines[range.start.line].slice(range.start.character)}...`;
    return `${String(code)}@${range.start.line + 1}:${covered}`;
  });
}

const ROLE_WITH_PLACEHOLDERS = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  TeamName:
    Type: String
  ActionName:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Ref TeamAccount
            Action: sts:AssumeRole
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: logs:PutLogEvents
                Resource: !Sub 'arn:aws:logs:us-east-1:123456789012:log-group:/teams/\${TeamName}:*'
              - Effect: Allow
                Action: !Ref ActionName
                Resource: !ImportValue shared-archive-bucket-arn
`;

describe('template placeholders are not policy variables (reference_policies_variables.md)', () => {
  it('the variable scanner skips ${!...} and still sees the variables around it', () => {
    const scanned = scanVariables('arn:aws:s3:::${!Ref Bucket}/${aws:username}/${!GetAtt Key.Arn}');
    assert.deepEqual(
      scanned.map((variable) => [variable.name, variable.problem]),
      [['aws:username', undefined]],
    );
  });

  it('no space-in-variable, not-an-ARN, invalid-action or invalid-principal finding on a placeholder', async () => {
    // TeamAccount is not defined: the loader reports that, the policy checks stay quiet on it.
    assert.deepEqual(await findingsOf(ROLE_WITH_PLACEHOLDERS), []);
  });

  it('a real mistake next to a placeholder is still found', async () => {
    const text = ROLE_WITH_PLACEHOLDERS.replace('Action: logs:PutLogEvents', 'Action: logs:PutLogEvent');
    assert.deepEqual(await findingsOf(text), ['INVALID_ACTION@24:logs:PutLogEvent']);
  });
});

describe('the example template (examples/cloudformation/reports-stack.yaml)', () => {
  const uri = 'file:///examples/cloudformation/reports-stack.yaml';
  const text = readFileSync(path.join(ROOT, 'examples', 'cloudformation', 'reports-stack.yaml'), 'utf8');
  const lines = text.split('\n');

  it('shows exactly its two seeded mistakes, on their YAML lines', async () => {
    const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1;
    assert.deepEqual(await findingsOf(text, uri), [`INVALID_ACTION@${lineOf('- s3:PutObjectAccl')}:s3:PutObjectAccl`, `INVALID_EFFECT@${lineOf('Effect: allow')}:allow`]);
  });

  it('hovers a YAML plain scalar and maps the range back onto it', async () => {
    const line = lines.findIndex((candidate) => candidate.includes('- s3:GetObject'));
    const character = lines[line].indexOf('GetObject') + 2;
    const hover = await templateHover(parseTemplatePolicies(text, uri, {}), { line, character }, catalog);
    assert.ok(hover?.range);
    assert.equal(lines[line].slice(hover.range.start.character, hover.range.end.character), 's3:GetObject');
  });

  it('completes an action in a YAML list item with a plain YAML edit (templateCompletion.test.ts has the rest)', async () => {
    const line = lines.findIndex((candidate) => candidate.includes('- s3:GetObject'));
    const character = lines[line].indexOf('GetObject') + 3;
    const list = await templateCompletion(parseTemplatePolicies(text, uri, {}), { line, character }, catalog, {});
    const item = list?.items.find((candidate) => candidate.label === 's3:GetObject');
    assert.ok(item?.textEdit && 'range' in item.textEdit, 's3:GetObject proposed');
    const { range, newText } = item.textEdit;
    assert.equal(lines[line].slice(range.start.character, range.end.character), 's3:GetObject');
    assert.equal(newText, 's3:GetObject');
  });
});

describe('a JSON template whose policy is its own JSON text', () => {
  const text = JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Reader: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 's3:GetObj', Resource: '*' }] } },
        },
      },
    },
    null,
    2,
  );
  const lines = text.split('\n');
  const template = () => parseTemplatePolicies(text, 'file:///infra/reader.template.json', {});

  it('keeps the quick fixes, mapped onto the template', async () => {
    const diagnostics = await templateDiagnostics(template(), catalog, {});
    const effect = diagnostics.find((diagnostic) => diagnostic.code === 'INVALID_EFFECT')!;
    const fixes = (effect.data as { fixes: Array<{ edits: Array<{ range: typeof effect.range; newText: string }> }> }).fixes;
    const [edit] = fixes[0].edits;
    assert.equal(lines[edit.range.start.line].slice(edit.range.start.character, edit.range.end.character), '"allow"');
    assert.equal(edit.newText, '"Allow"');
  });

  it('completes an action where the typed text is the same as in a policy file', async () => {
    const line = lines.findIndex((candidate) => candidate.includes('"s3:GetObj"'));
    const character = lines[line].indexOf('s3:GetObj') + 's3:GetObj'.length;
    const list = await templateCompletion(template(), { line, character }, catalog, {});
    const item = list?.items.find((candidate) => candidate.label === 's3:GetObject');
    assert.ok(item, 's3:GetObject proposed');
    const edit = item.textEdit as { range: { start: { line: number; character: number } } } | undefined;
    if (edit) assert.equal(edit.range.start.line, line);
  });
});
