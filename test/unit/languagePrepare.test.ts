import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog } from '../../server/src/catalog/catalog';
import { createNodeDataSource } from '../../server/src/catalog/nodeDataSource';
import { cursorContext } from '../../server/src/language/cursorContext';
import { prepareForCursor } from '../../server/src/language/prepare';
import { parsePolicy } from '../../server/src/policy/parse';
import { DATA_ROOT } from '../support/catalog';
import { cursorIn } from '../support/cursor';

/** A catalog of its own, so what a request loads can be seen. */
const freshCatalog = () => Catalog.load(createNodeDataSource(DATA_ROOT));

async function prepare(marked: string, purpose: 'completion' | 'hover') {
  const { text, offset } = cursorIn(marked);
  const catalog = await freshCatalog();
  const prepared = await prepareForCursor(cursorContext(parsePolicy(text), offset), catalog, purpose);
  const loaded = catalog.listServices().filter((service) => catalog.isServiceLoaded(service.prefix)).map((service) => service.prefix);
  return { loaded, prepared };
}

const STATEMENT = '{"Statement": [{"Action": ["s3:GetObject", "sqs:SendMessage", "ACTION"], "Resource": "RESOURCE", "Condition": {"StringEquals": {"KEY": "v"}}}]}';

describe('loading only what the cursor needs (never the whole catalog while typing)', () => {
  it('an action loads only its own service, for completion and hover alike', async () => {
    for (const purpose of ['completion', 'hover'] as const) {
      assert.deepEqual((await prepare(STATEMENT.replace('ACTION', 'ec2:Run|'), purpose)).loaded, ['ec2'], purpose);
    }
  });

  it("ARN templates and condition keys need the statement's services; their hovers do not", async () => {
    const resource = STATEMENT.replace('ACTION', 'iam:GetRole').replace('RESOURCE', 'arn:aws:kms:|');
    assert.deepEqual((await prepare(resource, 'completion')).loaded.sort(), ['iam', 'kms', 's3', 'sqs']);
    assert.deepEqual((await prepare(resource, 'hover')).loaded, ['kms']);
    const key = STATEMENT.replace('ACTION', 'iam:GetRole').replace('KEY', 'ec2:Vpc|');
    assert.deepEqual((await prepare(key, 'completion')).loaded.sort(), ['ec2', 'iam', 's3', 'sqs']);
    assert.deepEqual((await prepare(key, 'hover')).loaded, ['ec2']);
  });

  it('service principals load for a Service principal value; the action index for a pattern across services', async () => {
    const principal = await prepare('{"Statement": [{"Principal": {"Service": "|"}}]}', 'completion');
    assert.ok(principal.prepared.servicePrincipals?.includes('lambda.amazonaws.com'));
    assert.equal(principal.prepared.actionIndexLoaded, false);
    const pattern = await prepare('{"Statement": [{"Action": "*:Get|*"}]}', 'hover');
    assert.equal(pattern.prepared.actionIndexLoaded, true);
    assert.deepEqual(pattern.loaded, []);
  });

  it('keys and fixed values load nothing', async () => {
    assert.deepEqual((await prepare(STATEMENT.replace('ACTION', 'ec2:RunInstances').replace('"Resource"', '"Res|ource"'), 'completion')).loaded, []);
  });
});
