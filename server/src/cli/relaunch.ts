/**
 * How the `iam-policy-studio` command starts Node for a large check.
 *
 * V8 compiles hot functions with its optimizing compiler and collects garbage on a pool of helper
 * threads: four, whatever the machine (Node's --v8-pool-size). A check over hundreds of files
 * keeps them busy while the code warms up: over the 1,594 AWS managed policies they took more CPU
 * time than the checking thread itself (about 2.0 s against 1.6 s on two cores). With fewer spare
 * cores than helpers, the checking thread takes turns with them and the whole run waits. Such a
 * run is started once more, in a child Node with one helper per spare core. On two cores that took
 * the managed policies from 2.07 to 1.64 s and 500 of them from 1.00 to 0.82 s (medians of seven),
 * and 200 of them only from 0.69 to 0.63 s, less than a second start of Node costs (0.06-0.1 s):
 * smaller checks run where they were started.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CHECK_OPTIONS } from './checkOptions';
import { jsonFilesUnder } from './files';

/** From this many policy files on, restarting Node costs less than it saves. */
export const RELAUNCH_MIN_FILES = 400;
/** Node options under which the command runs where it was started. */
const IN_PLACE_FLAGS = /^--(inspect|debug|cpu-prof|heap-prof|prof)\b/;
/** Node's default --v8-pool-size. */
const NODE_V8_POOL_SIZE = 4;

export interface Launch {
  /** The command line after the script: the command and its arguments. */
  readonly args: readonly string[];
  readonly cwd: string;
  /** os.availableParallelism(). */
  readonly cores: number;
  /** Node's own options of this process: process.execArgv and NODE_OPTIONS. */
  readonly execArgv: readonly string[];
  readonly nodeOptions: string | undefined;
}

/** The --v8-pool-size to start the command again with, or undefined to run it in this process. */
export function relaunchPoolSize(launch: Launch): number | undefined {
  const [command, ...args] = launch.args;
  if (command !== 'check') return undefined;
  const spareCores = Math.max(1, launch.cores - 1);
  if (spareCores >= NODE_V8_POOL_SIZE) return undefined;
  // Whoever chose a pool size (on the command line or in NODE_OPTIONS) keeps it; a process being
  // debugged or profiled is the one to look at (and a child would ask for the same inspector port).
  const nodeFlags = [...launch.execArgv, ...(launch.nodeOptions ?? '').split(/\s+/)];
  if (nodeFlags.some((flag) => flag.startsWith('--v8-pool-size') || IN_PLACE_FLAGS.test(flag))) return undefined;
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: CHECK_OPTIONS });
  } catch {
    return undefined; // A usage error: the check reports it.
  }
  if (parsed.values.help) return undefined;
  return countPolicyFiles(parsed.positionals, launch.cwd, RELAUNCH_MIN_FILES) >= RELAUNCH_MIN_FILES ? spareCores : undefined;
}

/** Files named, plus *.json files in folders named, counted up to `enough`; what cannot be read counts nothing (the check reports it). */
function countPolicyFiles(paths: readonly string[], cwd: string, enough: number): number {
  let count = 0;
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    try {
      if (statSync(absolute).isFile()) count++;
      else for (const _ of jsonFilesUnder(absolute, false)) if (++count >= enough) return count;
    } catch {
      // Unreadable: left to the check.
    }
    if (count >= enough) return count;
  }
  return count;
}
