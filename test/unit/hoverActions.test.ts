import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog, testCatalog } from '../support/catalog';
import { hoverAtCursor } from '../support/cursor';

/** The hover at `|`, which covers one line: an action name never spans two. */
async function hover(marked: string) {
  const result = await hoverAtCursor(marked);
  if (result) assert.equal(result.range.start.line, result.range.end.line);
  return result;
}

const action = (value: string) => `{"Statement": [{"Effect": "Allow", "Action": ["${value}"], "Resource": "*"}]}`;

describe('hover on actions (reference_policies_elements_action.md)', () => {
  before(async () => {
    await loadedCatalog();
  });

  it('an action: description, access level, resource types, condition keys, doc link', async () => {
    const result = (await hover(action('s3:Get|Object')))!;
    assert.equal(result.hovered, '"s3:GetObject"');
    assert.match(result.markdown, /^\*\*s3:GetObject\*\* · Read/);
    assert.match(result.markdown, /Grants permission to retrieve objects/);
    assert.match(result.markdown, /Resource types: .*`object`/);
    assert.match(result.markdown, /Condition keys: .*`s3:ExistingObjectTag\/<key>`/);
    assert.match(result.markdown, /\(https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_amazons3\.html#amazons3-actions-as-permissions\)/);
  });

  it('dependent actions when the reference lists them', async () => {
    await loadedCatalog(['iam']);
    const info = testCatalog().getAction('iam:CreateServiceLinkedRole');
    const dependent = [...(info?.dependentActions ?? []), ...(info?.resourceTypes.flatMap((rt) => rt.dependentActions) ?? [])];
    const result = (await hover(action('iam:CreateServiceLinkedRo|le')))!;
    if (dependent.length > 0) assert.match(result.markdown, /Dependent actions:/);
    else assert.doesNotMatch(result.markdown, /Dependent actions:/);
  });

  it('a wildcard: how many actions it matches, grouped by access level', async () => {
    const result = (await hover(action('s3:Get|*')))!;
    const count = testCatalog().expandActionPattern('s3', 'Get*').length;
    assert.match(result.markdown, new RegExp(`matches ${count} actions of Amazon S3`));
    assert.match(result.markdown, /\*\*Read\*\* \(\d+\): `s3:Get/);
    assert.match(result.markdown, /and \d+ more/);
  });

  it('a wildcard across services, from the all-actions index', async () => {
    const result = (await hover(action('*:ListTagsFor|Resource')))!;
    assert.match(result.markdown, /matches [\d,]+ actions across all services/);
  });

  it('the service prefix part names the service', async () => {
    const result = (await hover(action('s|3:GetObject')))!;
    assert.equal(result.hovered, 's3');
    assert.match(result.markdown, /^\*\*s3\*\* · Amazon S3/);
    assert.match(result.markdown, /\d+ actions\./);
  });

  it('nothing for an unknown action (the diagnostics say it)', async () => {
    assert.equal(await hover(action('s3:NoSuch|Action')), undefined);
    assert.equal(await hover(action('nosuch:Act|ion')), undefined);
  });
});
