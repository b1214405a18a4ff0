// Full diagnostics of the largest AWS managed policy in-process, as the server computes them after
// an edit: every check family over the cached AST, and the findings turned into LSP diagnostics
// (target: 10 ms). The services the policy names are loaded first, as prepareAnalysis does before
// the first run. A second row adds the parse, for a document seen for the first time. A third
// gives the CPU time of the first row's runs, which a busy machine disturbs less than wall time.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LARGEST_MANAGED_POLICY, managedPolicyText, median, timeMedian } from './support.mjs';

const require = createRequire(import.meta.url);
const out = join(dirname(fileURLToPath(import.meta.url)), '../out/server/src');

export async function run() {
  const { parsePolicy } = require(join(out, 'policy/parse.js'));
  const { analyzePolicy, prepareAnalysis } = require(join(out, 'analysis/analyze.js'));
  const { toDiagnostic } = require(join(out, 'analysis/diagnostics.js'));
  const { Catalog } = require(join(out, 'catalog/catalog.js'));
  const { createNodeDataSource } = require(join(out, 'catalog/nodeDataSource.js'));
  const { findDataRoot } = require(join(out, 'node/dataRoot.js'));

  const text = managedPolicyText(LARGEST_MANAGED_POLICY);
  const catalog = await Catalog.load(createNodeDataSource(findDataRoot(out)));
  const kind = { type: 'identity', source: 'setting' };
  const ast = parsePolicy(text);
  await prepareAnalysis(ast, catalog);
  const diagnose = (tree) => analyzePolicy(tree, kind, catalog).map(toDiagnostic);
  const count = diagnose(ast).length;
  const cached = timeMedian(() => diagnose(ast), { runs: 51, warmup: 10 });
  const withParse = timeMedian(() => diagnose(parsePolicy(text)), { runs: 31, warmup: 5 });
  const cpu = cpuMedian(() => diagnose(ast), { runs: 51, warmup: 10 });
  return [
    { figure: `diagnostics of ${LARGEST_MANAGED_POLICY} (${Math.round(text.length / 1024)} KB, ${count} findings), all families, AST cached`, median: cached, unit: 'ms', target: '<= 10' },
    { figure: 'the same, parse included', median: withParse, unit: 'ms' },
    { figure: 'the first row, CPU time (process.cpuUsage, all threads)', median: cpu, unit: 'ms' },
  ];
}

/** As timeMedian, in CPU time: the median of process.cpuUsage() across each run, in milliseconds. */
function cpuMedian(work, { runs, warmup }) {
  for (let i = 0; i < warmup; i++) work();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}
