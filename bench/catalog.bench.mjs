// Catalog and managed-policy load costs. Each figure is the median over fresh node processes
// (a cold catalog: nothing cached, no JIT warm-up for the loading code); the operating
// system's file cache is warm, as it is in an editor session after the first start.
//
// Needs the compiled server (npx tsc -b server) and the data (node scripts/build-data.mjs).
// Run alone: node bench/catalog.bench.mjs

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const here = fileURLToPath(import.meta.url);
const root = resolve(dirname(here), '..');
const compiledCatalog = join(root, 'out', 'server', 'src', 'catalog');
const dataRoot = join(root, 'dist', 'data');
const RUNS = 7;

const MB = 1024 * 1024;

/** Measurements made inside a fresh process; each returns one number. */
const probes = {
  async indexCold({ Catalog, source }) {
    const started = performance.now();
    const catalog = await Catalog.load(source);
    if (catalog.listServices().length === 0) throw new Error('no services');
    return performance.now() - started;
  },
  async serviceCold({ Catalog, source }) {
    const catalog = await Catalog.load(source);
    const started = performance.now();
    await catalog.ensureServices(['s3']);
    if (!catalog.getAction('s3:GetObject')) throw new Error('s3:GetObject missing');
    return performance.now() - started;
  },
  async largestServiceCold({ Catalog, source }) {
    const catalog = await Catalog.load(source);
    const started = performance.now();
    await catalog.ensureServices(['ec2']);
    if (!catalog.getAction('ec2:RunInstances')) throw new Error('ec2:RunInstances missing');
    return performance.now() - started;
  },
  async actionIndexCold({ Catalog, source }) {
    const started = performance.now();
    const catalog = await Catalog.load(source);
    await catalog.ensureActionIndex();
    if (catalog.expandActionPatternInAllServices('*:Get*').length === 0) throw new Error('no *:Get* actions');
    return performance.now() - started;
  },
  async allServicesRss({ Catalog, source }) {
    const catalog = await Catalog.load(source);
    await catalog.ensureServices(catalog.listServices().map((service) => service.prefix));
    if (!catalog.getAction('ec2:RunInstances')) throw new Error('ec2:RunInstances missing');
    globalThis.gc?.();
    return process.memoryUsage().rss / MB;
  },
  async managedPolicyCold({ ManagedPolicyStore, source }) {
    const started = performance.now();
    const store = await ManagedPolicyStore.load(source);
    const policy = await store.resolve('ReadOnlyAccess');
    if (!policy) throw new Error('ReadOnlyAccess missing');
    return performance.now() - started;
  },
};

const figures = [
  { probe: 'indexCold', figure: 'catalog: services index cold (first file read)', unit: 'ms' },
  { probe: 'serviceCold', figure: 'catalog: one service (s3) cold', unit: 'ms', target: '<= 5' },
  { probe: 'largestServiceCold', figure: 'catalog: largest service (ec2) cold', unit: 'ms' },
  { probe: 'actionIndexCold', figure: 'catalog: all-actions index cold', unit: 'ms', target: '<= 300' },
  { probe: 'allServicesRss', figure: 'catalog: RSS, every service loaded', unit: 'MB', target: '<= 150' },
  { probe: 'managedPolicyCold', figure: 'managed policy: resolve by name cold', unit: 'ms', target: '<= 20' },
];

async function runProbe(name) {
  const require = createRequire(import.meta.url);
  const { Catalog, ManagedPolicyStore } = require(join(compiledCatalog, 'index.js'));
  const { createNodeDataSource } = require(join(compiledCatalog, 'nodeDataSource.js'));
  return probes[name]({ Catalog, ManagedPolicyStore, source: createNodeDataSource(dataRoot) });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function run() {
  if (!existsSync(join(compiledCatalog, 'index.js'))) throw new Error('catalog bench: run `npx tsc -b server` first');
  if (!existsSync(join(dataRoot, 'catalog', 'index.json'))) throw new Error('catalog bench: run `node scripts/build-data.mjs` first');
  const execFileAsync = promisify(execFile);
  const rows = [];
  for (const { probe, figure, unit, target } of figures) {
    const values = [];
    for (let i = 0; i < RUNS; i++) {
      const { stdout } = await execFileAsync(process.execPath, ['--expose-gc', here, '--probe', probe]);
      values.push(Number(stdout.trim()));
    }
    const value = Math.round(median(values) * 10) / 10;
    rows.push(target ? { figure, median: value, unit, target } : { figure, median: value, unit });
  }
  return rows;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const probeIndex = process.argv.indexOf('--probe');
  if (probeIndex >= 0) {
    process.stdout.write(`${await runProbe(process.argv[probeIndex + 1])}\n`);
  } else {
    console.table(await run());
  }
}
