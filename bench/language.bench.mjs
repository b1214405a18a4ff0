// Completion and hover latency in the server process, on the largest AWS managed policy
// (AWSSupportServiceRolePolicy, ~190 KB, ~4,500 actions), at 50 positions spread over it: the
// cursor in the middle of 50 evenly spaced strings (actions, ARNs, keys). The AST is parsed once,
// as the server caches it per document version; the services the policy names and the
// all-actions index are loaded first, as they are after the first request. Each position is
// measured in several rounds after a warm-up; the figures are over all samples.
//
// Needs the compiled server (npx tsc -b server) and the data (node scripts/build-data.mjs).
// Run alone: node bench/language.bench.mjs

import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LARGEST_MANAGED_POLICY, managedPolicyText, median } from './support.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const compiled = (path) => require(join(root, 'out', 'server', 'src', path));

const POSITIONS = 50;
const ROUNDS = 7;
const WARMUP_ROUNDS = 2;

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Offsets in the middle of 50 evenly spaced string tokens (after the colon of an action). */
function positionsIn(text) {
  const strings = [...text.matchAll(/"([^"\\]*)"/g)].map((match) => ({ start: match.index + 1, value: match[1] }));
  const picked = [];
  for (let i = 0; i < POSITIONS; i++) {
    const { start, value } = strings[Math.floor(((i + 0.5) * strings.length) / POSITIONS)];
    const colon = value.indexOf(':');
    picked.push(start + (colon > 0 && !value.startsWith('arn:') ? colon + 1 + Math.floor((value.length - colon - 1) / 2) : Math.floor(value.length / 2)));
  }
  return picked;
}

async function measure(offsets, work) {
  const samples = [];
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const offset of offsets) {
      const started = process.hrtime.bigint();
      await work(offset);
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (round >= WARMUP_ROUNDS) samples.push(elapsed);
    }
  }
  return samples;
}

export async function run() {
  const { Catalog } = compiled('catalog/catalog.js');
  const { createNodeDataSource } = compiled('catalog/nodeDataSource.js');
  const { parsePolicy } = compiled('policy/parse.js');
  const { completePolicy } = compiled('language/completion/complete.js');
  const { hoverPolicy } = compiled('language/hover/hover.js');
  const { prepareCodeLenses } = compiled('language/codeLens.js');

  const text = managedPolicyText(LARGEST_MANAGED_POLICY);
  const ast = parsePolicy(text);
  const catalog = await Catalog.load(createNodeDataSource(join(root, 'dist', 'data')));
  await prepareCodeLenses(ast, catalog);
  await catalog.ensureActionIndex();
  const kind = { type: 'identity', source: 'setting' };
  const offsets = positionsIn(text);

  let items = 0;
  const completion = await measure(offsets, async (offset) => {
    const list = await completePolicy({ ast, offset, kind, catalog, options: { now: new Date() } });
    items += list.items.length;
  });
  let hovers = 0;
  const hover = await measure(offsets, async (offset) => {
    if (await hoverPolicy({ ast, offset, catalog })) hovers++;
  });
  if (items === 0 || hovers === 0) throw new Error('the positions produced no completion or no hover: the bench measures nothing');

  const figure = (name) => `${name} on ${LARGEST_MANAGED_POLICY}, ${POSITIONS} positions`;
  return [
    { figure: `${figure('completion p95')}`, median: percentile(completion, 0.95), unit: 'ms', target: '<= 10 ms' },
    { figure: `${figure('completion median')}`, median: median(completion), unit: 'ms' },
    { figure: `${figure('hover p95')}`, median: percentile(hover, 0.95), unit: 'ms', target: '<= 5 ms' },
    { figure: `${figure('hover median')}`, median: median(hover), unit: 'ms' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await run()) console.log(`${row.figure}: ${row.median.toFixed(2)} ${row.unit}${row.target ? ` (target ${row.target})` : ''}`);
}
