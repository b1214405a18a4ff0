import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SelectionRange } from 'vscode-languageserver-types';
import { foldingRanges } from '../../server/src/language/folding';
import { selectionRanges } from '../../server/src/language/selectionRanges';
import { parsePolicy } from '../../server/src/policy/parse';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": [
        "arn:aws:s3:::example-reports",
        "arn:aws:s3:::example-reports/*"
      ]
    }
  ]
}`;

describe('folding ranges', () => {
  it('fold every multi-line object and array, ending before the closing bracket', () => {
    const ranges = foldingRanges(parsePolicy(POLICY)).map((range) => [range.startLine, range.endLine]);
    assert.deepEqual(ranges, [
      [0, 12],
      [2, 11],
      [3, 10],
      [7, 9],
    ]);
  });

  it('a folded statement shows its Sid and Effect', () => {
    const statement = foldingRanges(parsePolicy(POLICY)).find((range) => range.startLine === 3)!;
    assert.equal(statement.collapsedText, '{ "Sid": "ReadReports" · Allow … }');
  });

  it('still folds what exists in a half-typed document', () => {
    const ranges = foldingRanges(parsePolicy('{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:Get'));
    assert.ok(ranges.length >= 1);
  });
});

function texts(text: string, marker: string): string[] {
  const offset = text.indexOf(marker);
  const [range] = selectionRanges(parsePolicy(text), [offset]);
  const lines = text.split('\n');
  const offsetOf = (position: { line: number; character: number }) => lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
  const out: string[] = [];
  for (let current: SelectionRange | undefined = range; current; current = current.parent) out.push(text.slice(offsetOf(current.range.start), offsetOf(current.range.end)));
  return out;
}

describe('selection ranges (expand selection)', () => {
  it('from an ARN part out to the document', () => {
    const steps = texts(POLICY, 'example-reports/*');
    assert.equal(steps[0], 'example-reports/*', 'the resource part of the ARN');
    assert.equal(steps[1], 'arn:aws:s3:::example-reports/*', 'the string content');
    assert.equal(steps[2], '"arn:aws:s3:::example-reports/*"', 'the string');
    assert.ok(steps[3].startsWith('[') && steps[3].endsWith(']'), 'the array');
    assert.ok(steps[4].startsWith('"Resource"'), 'the property');
    assert.equal(steps[steps.length - 1], POLICY);
  });

  it('inside an action: the action name, then the action', () => {
    const steps = texts(POLICY, 'ListBucket');
    assert.deepEqual(steps.slice(0, 3), ['ListBucket', 's3:ListBucket', '"s3:ListBucket"']);
  });

  it('on a key: the key, then the property', () => {
    const steps = texts(POLICY, 'ffect');
    assert.deepEqual(steps.slice(0, 3), ['Effect', '"Effect"', '"Effect": "Allow"']);
  });
});
