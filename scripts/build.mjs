// Bundles the four entry points and the CLI with esbuild. Type checking is `tsc -b`'s job.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, rmSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
  external: ['vscode'],
  // jsonc-parser's UMD build requires its modules dynamically; the ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/node/clientMain.ts'], outfile: 'dist/client/node.js', platform: 'node', format: 'cjs' },
  {
    ...common,
    entryPoints: ['client/src/browser/clientMain.ts'],
    outfile: 'dist/client/browser.js',
    platform: 'browser',
    format: 'cjs',
    mainFields: ['browser', 'module', 'main'],
  },
  { ...common, entryPoints: ['server/src/node/serverMain.ts'], outfile: 'dist/server/node.js', platform: 'node', format: 'cjs' },
  {
    ...common,
    entryPoints: ['server/src/browser/serverMain.ts'],
    outfile: 'dist/server/browser.js',
    platform: 'browser',
    format: 'iife',
    mainFields: ['browser', 'module', 'main'],
  },
];
/**
 * A code cache belongs to one engine.js: V8 checks little more than the source's length, so a
 * rebuilt engine (in --watch mode, where no new cache is made) must not find the old one.
 */
const dropStaleCodeCache = {
  name: 'drop-stale-code-cache',
  setup(build) {
    build.onEnd(() => rmSync('dist/cli/engine.js.cache', { force: true }));
  },
};

if (existsSync('server/src/cli/main.ts')) {
  // The command is a small loader (bin.ts) that runs the engine bundle through a V8 code cache
  // (scripts/build-cli-cache.mjs makes it after the bundles).
  builds.push(
    { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli/engine.js', platform: 'node', format: 'cjs', plugins: [dropStaleCodeCache] },
    { ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli/iam-policy-studio.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  );
}

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching', builds.length, 'bundles');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  if (existsSync('dist/cli/iam-policy-studio.js')) chmodSync('dist/cli/iam-policy-studio.js', 0o755);
  console.log(`esbuild: ${builds.length} bundles in ${Date.now() - started} ms`);
  if (existsSync('dist/cli/engine.js')) await import('./build-cli-cache.mjs').then((module) => module.buildCliCodeCache());
}
