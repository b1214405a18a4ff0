/**
 * The account loaders written as steps (server/src/account/loadSteps.ts): run to the end at
 * once or a step at a time, they give the same result, and a large load really is cut into
 * small steps (the language server pauses between them so typing stays responsive).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildAccountModel, loadAccountFile, type LoadedAccountFile } from '../../server/src/account';
import { accountModelSteps } from '../../server/src/account/accountModel';
import { accountFileSteps } from '../../server/src/account/loadAccountFile';
import type { LoadSteps } from '../../server/src/account/loadSteps';

const repoRoot = resolve(__dirname, '../../..');
const exampleText = readFileSync(join(repoRoot, 'examples/account/authorization-details.json'), 'utf8');
const templateText = readFileSync(join(repoRoot, 'test/fixtures/account/reports-stack.yaml'), 'utf8');
const uri = 'file:///work/export.json';
/** The example export has 3 users, 3 groups, 3 roles and 3 customer managed policies. */
const EXAMPLE_ENTRIES = 12;

/** Runs the steps one by one, counting the pauses between them. */
function stepThrough<T>(steps: LoadSteps<T>): { pauses: number; result: T } {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { pauses, result: step.value };
    pauses++;
  }
}

describe('account loading in steps: the same result, cut into small pieces', () => {
  it('an export pauses after each entry and loads what the one-piece load loads', () => {
    const { pauses, result } = stepThrough(accountFileSteps(exampleText, uri));
    assert.equal(pauses, EXAMPLE_ENTRIES);
    assert.deepEqual(result, loadAccountFile(exampleText, uri));
    assert.equal(result?.accounts[0].roles.length, 3);
  });

  it('an export that is not strict JSON (read by the tolerant scan) still pauses between entries and loads the same', () => {
    // A trailing comma after the last entry of the last list: the fast scanner has streamed every
    // entry before it gives up, and the tolerant scan's entries are read again from the start.
    const broken = exampleText.replace(/\}\s*\]\s*\}\s*$/, '},]}');
    assert.notEqual(broken, exampleText);
    const { pauses, result } = stepThrough(accountFileSteps(broken, uri));
    assert.equal(pauses, 2 * EXAMPLE_ENTRIES);
    assert.deepEqual(result, loadAccountFile(broken, uri));
    assert.ok(result?.problems.some((problem) => problem.code === 'account-syntax'));
    assert.equal(result?.accounts[0].managedPolicies.length, 3, 'every entry still loads');
  });

  it('a CloudFormation template loads in one piece', () => {
    const { pauses, result } = stepThrough(accountFileSteps(templateText, 'file:///work/stack.yaml'));
    assert.equal(pauses, 0);
    assert.equal(result?.format, 'cloudformation');
    assert.deepEqual(result, loadAccountFile(templateText, 'file:///work/stack.yaml'));
  });

  it('a file that describes no account gives undefined either way', () => {
    assert.deepEqual(stepThrough(accountFileSteps('{"name": "x"}', uri)), { pauses: 0, result: undefined });
  });

  it('the merge of many files pauses after each entity and builds the same model, duplicates reported alike', () => {
    // The same export under 50 names: 600 entities, of which 588 repeat an ARN already defined.
    const files: LoadedAccountFile[] = Array.from({ length: 50 }, (_, n) => loadAccountFile(exampleText, `file:///work/copy-${n}.json`)!);
    const { pauses, result } = stepThrough(accountModelSteps(files));
    assert.ok(pauses >= 50 * EXAMPLE_ENTRIES, `${pauses} pauses for 600 entities`);
    assert.deepEqual(result, buildAccountModel(files));
    assert.equal(result.problems.filter((problem) => problem.code === 'account-duplicate-entity').length, 49 * EXAMPLE_ENTRIES);
  });
});
