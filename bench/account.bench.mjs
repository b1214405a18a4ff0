// Loading a large account: the generated get-account-authorization-details export (5,000 roles,
// 2,000 users, 300 groups, 10,000 customer managed policies; bench/generate-account.mjs). Each
// figure is the median over fresh node processes: read the file, load it, build the model and
// the index (targets: 3 s, 500 MB resident). Parsing every document and resolving the AWS
// managed policies it attaches are shown too: they happen on demand, not at load.
//
// Needs the compiled server (npx tsc -b server) and dist/data (node scripts/build-data.mjs).
// Run alone: node bench/account.bench.mjs
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_EXPORT_PATH, generateExport } from './generate-account.mjs';
import { median } from './support.mjs';

const here = fileURLToPath(import.meta.url);
const root = resolve(dirname(here), '..');
const RUNS = 5;
const MB = 1024 * 1024;

/** Runs inside a fresh process: `node bench/account.bench.mjs --probe FILE`; prints one JSON line. */
async function probe(path) {
  const require = createRequire(import.meta.url);
  const { readFile } = await import('node:fs/promises');
  const { pathToFileURL } = await import('node:url');
  const account = require(join(root, 'out/server/src/account/index.js'));
  const { ManagedPolicyStore } = require(join(root, 'out/server/src/catalog/managedPolicies.js'));
  const { createNodeDataSource } = require(join(root, 'out/server/src/catalog/nodeDataSource.js'));
  const store = await ManagedPolicyStore.load(createNodeDataSource(join(root, 'dist/data')));

  const started = performance.now();
  const text = await readFile(path, 'utf8');
  const file = account.loadAccountFile(text, pathToFileURL(path).href);
  const model = account.buildAccountModel([file], { managedPolicies: store });
  const index = new account.AccountIndex(model, store);
  const loadMs = performance.now() - started;
  const [loaded] = model.accounts;
  if (loaded.roles.length !== 5000 || loaded.users.length !== 2000 || loaded.groups.length !== 300 || loaded.managedPolicies.length !== 10000) {
    throw new Error(`unexpected model: ${loaded.roles.length} roles, ${loaded.users.length} users`);
  }
  globalThis.gc?.();
  const rssMb = process.memoryUsage().rss / MB;

  // On demand: every document of every principal and policy parsed, then AWS managed resolved.
  const parseStarted = performance.now();
  let statements = 0;
  const documents = [
    ...loaded.roles.flatMap((role) => [role.trustPolicy, ...role.inlinePolicies.map((policy) => policy.document)]),
    ...loaded.users.flatMap((user) => user.inlinePolicies.map((policy) => policy.document)),
    ...loaded.groups.flatMap((group) => group.inlinePolicies.map((policy) => policy.document)),
    ...loaded.managedPolicies.flatMap((policy) => policy.versions.map((version) => version.document)),
  ];
  for (const document of documents) statements += document.ast.statements.length;
  const parseMs = performance.now() - parseStarted;
  const resolveStarted = performance.now();
  const awsManaged = new Set();
  for (const principal of [...loaded.users, ...loaded.groups, ...loaded.roles]) {
    for (const arn of principal.attachedPolicyArns) if (account.isAwsManagedPolicyArn(arn)) awsManaged.add(arn);
  }
  const resolved = await Promise.all([...awsManaged].map((arn) => index.documentOf(index.managedPolicy(arn))));
  if (resolved.some((document) => !document)) throw new Error('an AWS managed policy did not resolve');
  const resolveMs = performance.now() - resolveStarted;
  globalThis.gc?.();
  const rssAllParsedMb = process.memoryUsage().rss / MB;
  return { loadMs, rssMb, parseMs, resolveMs, rssAllParsedMb, documents: documents.length, statements, problems: model.problems.length };
}

export async function run() {
  if (!existsSync(DEFAULT_EXPORT_PATH)) {
    mkdirSync(dirname(DEFAULT_EXPORT_PATH), { recursive: true });
    writeFileSync(DEFAULT_EXPORT_PATH, generateExport());
  }
  const size = statSync(DEFAULT_EXPORT_PATH).size / MB;
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', here, '--probe', DEFAULT_EXPORT_PATH], { maxBuffer: 1 << 20 });
    results.push(JSON.parse(stdout));
  }
  const of = (key) => median(results.map((result) => result[key]));
  const { documents, statements } = results[0];
  return [
    { figure: `load a ${size.toFixed(0)} MB export (read, model, index)`, median: of('loadMs'), unit: 'ms', target: '<= 3000' },
    { figure: 'resident memory after load', median: of('rssMb'), unit: 'MB', target: '<= 500' },
    { figure: `parse all ${documents} documents (${statements} statements), on demand`, median: of('parseMs'), unit: 'ms' },
    { figure: 'resolve the attached AWS managed policies offline, on demand', median: of('resolveMs'), unit: 'ms' },
    { figure: 'resident memory with every document parsed', median: of('rssAllParsedMb'), unit: 'MB' },
  ];
}

if (process.argv[2] === '--probe') {
  process.stdout.write(`${JSON.stringify(await probe(process.argv[3]))}\n`);
} else if (process.argv[1] === here) {
  for (const row of await run()) console.log(`${row.figure}: ${row.median.toFixed(0)} ${row.unit}${row.target ? ` (target ${row.target})` : ''}`);
}
