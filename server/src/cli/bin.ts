/**
 * The `iam-policy-studio` command. It loads the CLI bundle (engine.js, everything else) through a
 * V8 code cache made for this Node.js at build time (scripts/build-cli-cache.mjs): the bundle's
 * megabyte of code and the functions a check runs are then not parsed and compiled again at each
 * start. Without a cache, or with one V8 rejects (another Node.js version, other flags), the
 * bundle is compiled as `require` would; the command behaves the same either way. A check of
 * hundreds of files on a machine with few cores is first started again with fewer V8 helper
 * threads (relaunch.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { relaunchPoolSize } from './relaunch';

export const ENGINE_FILE = 'engine.js';
export const CODE_CACHE_FILE = 'engine.js.cache';

/**
 * V8 settings for running the engine. A check is short and warm-up bound: most of its functions
 * get hot within the first few hundred files, and V8's optimizing compiler, which inlines up to
 * 920 bytes of callee bytecode per function by default, falls behind (its jobs took as much CPU as
 * the checking itself). With a third of that budget the jobs finish sooner and the checking thread
 * leaves baseline code earlier: over the 1,594 AWS managed policies, with one helper thread,
 * medians of 1.21-1.34 s against 1.29-1.41 s with the default (six interleaved series of 9-11
 * runs; budgets of 200 and 500 measured alike), and through the command 1.49 s against 1.57 s.
 * They are set before the engine is compiled, here and when the code cache is made: V8 only
 * accepts a cache made under the same flags.
 */
export const ENGINE_V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=300'] as const;

/** The engine's CommonJS text wrapped as one function: compiled the same way here and when the cache is made. */
export function compileEngine(directory: string, cachedData?: Buffer): Script {
  for (const flag of ENGINE_V8_FLAGS) setFlagsFromString(flag);
  const file = path.join(directory, ENGINE_FILE);
  const source = readFileSync(file, 'utf8');
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
}

/**
 * Runs the compiled engine as `module`. Given this command's own module, the engine's
 * `require.main === module` test holds and it runs the command line; given another, it only
 * defines its exports (the cache builder's use).
 */
export function runEngine(script: Script, directory: string, module: { exports: unknown }): void {
  const file = path.join(directory, ENGINE_FILE);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, directory);
}

/**
 * Runs this command again in a child Node with `--v8-pool-size=poolSize` (see relaunch.ts), its
 * output and exit code passed through; false when no child could be started.
 */
function relaunch(poolSize: number): boolean {
  // Loaded here, not with the module: the restarted check (and every check run in place) has no use for it.
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const child = spawnSync(process.execPath, [...process.execArgv, `--v8-pool-size=${poolSize}`, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: childEnvironment(process.env),
  });
  if (child.error) return false;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 2;
  return true;
}

/**
 * The environment of the restarted check: this one, less NODE_EXTRA_CA_CERTS. With it, Node reads
 * and parses that file of certificates as it starts, before any code runs: Debian's bundle
 * (/etc/ssl/certs/ca-certificates.crt, about 140 certificates) cost 60-80 ms per start here, a
 * second time for the child. A check makes no network connection, so the child has no use for it.
 */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _certificates, ...rest } = env;
  return rest;
}

function runHere(): void {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(path.join(__dirname, CODE_CACHE_FILE));
  } catch {
    // No cache (a source checkout before `npm run build`, or a package without one): compile.
  }
  runEngine(compileEngine(__dirname, cachedData), __dirname, module);
}

if (require.main === module) {
  const poolSize = relaunchPoolSize({
    args: process.argv.slice(2),
    cwd: process.cwd(),
    cores: availableParallelism(),
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
  });
  if (poolSize === undefined || !relaunch(poolSize)) runHere();
}
