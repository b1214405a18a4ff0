// Cold start of the bundled node server to the first diagnostics of an opened policy: process
// spawn, initialize, didOpen, publishDiagnostics. Median of several fresh processes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './support.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 9;

async function coldStartOnce(text) {
  const rpc = require('vscode-languageserver-protocol/node');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(here, '../dist/server/node.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const uri = 'file:///bench/broken.iam.json';
  const diagnostics = new Promise((resolve) => connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => params.uri === uri && resolve(params)));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  await connection.sendNotification(rpc.InitializedNotification.type, {});
  await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'iam-policy', version: 1, text } });
  await diagnostics;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  await connection.sendRequest(rpc.ShutdownRequest.type);
  await connection.sendNotification(rpc.ExitNotification.type);
  await new Promise((resolve) => child.once('exit', resolve));
  connection.dispose();
  return elapsed;
}

export async function run() {
  const text = readFileSync(join(here, '../examples/policies/broken.iam.json'), 'utf8');
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await coldStartOnce(text));
  return [{ figure: 'server cold start to first diagnostics (spawn, initialize, open)', median: median(times), unit: 'ms' }];
}
