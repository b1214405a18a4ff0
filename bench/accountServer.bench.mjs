// The generated 56 MB account export (bench/generate-account.mjs) loaded by the bundled node
// server over stdio, while the user types in an open policy: the time until the model is
// loaded (target 3 s), the server's resident memory after it (target 500 MB), and how long a
// keystroke's diagnostics take to arrive while the load runs: typing stays responsive when that
// is the validation debounce plus at most about 100 ms (the server loads in slices of a few tens
// of milliseconds). Median of several fresh servers. Needs `npm run build` (dist/ and out/test).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_EXPORT_PATH, generateExport } from './generate-account.mjs';
import { median } from './support.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 3;
const { VALIDATION_DELAY_MS } = require(join(root, 'out/server/src/server.js'));

const policy = (n) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject${n % 2 ? 'x' : ''}", "Resource": "arn:aws:s3:::b/*"}]}`;

async function loadOnce(exportPath) {
  const { startTestServer } = require(join(root, 'out/test/lsp/lspClient.js'));
  const server = await startTestServer({ accountFiles: { exclude: [] } });
  const rssMb = () => Number(readFileSync(`/proc/${server.process.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
  const policyUri = 'file:///scratch/typing.iam.json';
  server.open(policyUri, policy(0));
  await server.diagnostics(policyUri);
  const loaded = server.notification('iamPolicyStudio/accountModelChanged', (params) => !params.loading, 120_000);
  const started = Date.now();
  await server.connection.sendNotification('iamPolicyStudio/accountCandidateFiles', { uris: [pathToFileURL(exportPath).href] });
  let finished;
  loaded.then(() => (finished = Date.now()));
  const latencies = [];
  for (let version = 2; finished === undefined; version++) {
    const typed = Date.now();
    const next = server.diagnostics(policyUri, (_diagnostics, params) => params.version === version, 120_000);
    server.change(policyUri, version, policy(version));
    await next;
    latencies.push(Date.now() - typed);
    await new Promise((resolve) => setTimeout(resolve, 100)); // a keystroke every 100 ms
  }
  const result = { loadMs: finished - started, rssMb: rssMb(), worstKeystrokeMs: Math.max(...latencies) };
  await server.shutdown();
  return result;
}

export async function run() {
  if (!existsSync(DEFAULT_EXPORT_PATH)) {
    mkdirSync(dirname(DEFAULT_EXPORT_PATH), { recursive: true });
    writeFileSync(DEFAULT_EXPORT_PATH, generateExport());
  }
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(DEFAULT_EXPORT_PATH));
  return [
    { figure: 'server: load the 56 MB export (5,000 roles) while typing', median: median(runs.map((r) => r.loadMs)), unit: 'ms', target: '<= 3000' },
    { figure: 'server: resident memory after the load', median: median(runs.map((r) => r.rssMb)), unit: 'MB', target: '<= 500' },
    {
      figure: `server: slowest keystroke-to-diagnostics during the load (debounce ${VALIDATION_DELAY_MS} ms)`,
      median: median(runs.map((r) => r.worstKeystrokeMs)),
      unit: 'ms',
      target: `<= ${VALIDATION_DELAY_MS + 100}`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.table(await run());
