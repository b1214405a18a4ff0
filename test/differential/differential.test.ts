/**
 * Differential test: our engine against @cloud-copilot/iam-simulate on seeded, generated cases
 * covering every operator family, IfExists, ForAllValues/ForAnyValue, every policy type and
 * principal kind, variables, NotAction/NotResource/NotPrincipal and cross-account requests.
 * Every disagreement must be explained by a deviation of iam-simulate from the User Guide
 * (deviations.ts); any other disagreement fails the test. Offline; the cases are split over
 * two threads (about 10 s each on an idle core).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compareRange, mergeReports, type RangeReport } from './compare';

const CASES = 10_500;
const MINIMUM_COMPARED = 10_000;

function compareInWorker(from: number, to: number): Promise<RangeReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'compareWorker.js'), { workerData: { from, to } });
    worker.once('message', (message: { report?: RangeReport; error?: string }) => {
      void worker.terminate();
      if (message.report) resolve(message.report);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
  });
}

test(`our engine agrees with iam-simulate on ${CASES} seeded cases, or the User Guide explains why not`, { timeout: 300_000 }, async (t) => {
  const half = Math.floor(CASES / 2);
  const report = mergeReports(await Promise.all([compareInWorker(half, CASES), compareRange(0, half)]));
  const { total, byCategory, byDeviation } = report;
  const compared = total.agree + total.explained + total.unexplained;

  t.diagnostic(`compared ${compared}: agree ${total.agree}, disagree ${total.explained + total.unexplained} (explained ${total.explained}, unexplained ${total.unexplained})`);
  t.diagnostic(`rejected by iam-simulate: ${JSON.stringify(report.rejected)}`);
  for (const [id, count] of Object.entries(byDeviation)) t.diagnostic(`deviation ${id}: ${count}`);
  for (const [tag, tally] of Object.entries(byCategory).sort(([a], [b]) => a.localeCompare(b))) {
    t.diagnostic(`${tag.padEnd(48)} agree ${String(tally.agree).padStart(5)}  disagree (explained) ${String(tally.explained).padStart(4)}  unexplained ${tally.unexplained}`);
  }

  assert.equal(total.unexplained, 0, `unexplained disagreements, first ones:\n${JSON.stringify(report.unexplained, null, 1)}`);
  assert.ok(compared >= MINIMUM_COMPARED, `only ${compared} cases were compared`);
  for (const [id, count] of Object.entries(byDeviation)) assert.ok(count > 0, `deviation ${id} explains no case: remove it or cover it`);
  for (const required of REQUIRED_CATEGORIES) assert.ok((byCategory[required]?.agree ?? 0) >= 20, `too few agreeing cases for ${required}`);
});

/** The generator must keep covering these: every operator family, set operator, policy type and principal kind. */
const REQUIRED_CATEGORIES = [
  ...['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'].map((op) => `op:${op}`),
  ...['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'].map((op) => `op:${op}`),
  ...['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'].map((op) => `op:${op}`),
  ...['Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null', 'IfExists'].map((op) => `op:${op}`),
  'set:ForAllValues',
  'set:ForAnyValue',
  'set:empty-request-set',
  'set:missing-key',
  ...['identity', 'resource', 'boundary', 'session', 'scp', 'rcp', 'endpoint'].map((type) => `type:${type}`),
  ...['user', 'role', 'roleSession', 'federatedUser', 'root', 'service', 'anonymous'].map((kind) => `principal:${kind}`),
  'element:NotAction',
  'element:NotResource',
  'element:NotPrincipal-Deny',
  'element:NotPrincipal-Allow',
  'variable:resource',
  'variable:condition',
  'cross-account',
];
