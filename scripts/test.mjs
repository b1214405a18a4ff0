// `npm test` after `npm run build`: runs every test layer, prints each layer's output and a
// closing line per layer ("unit: N passed, M failed"), then the total. Exits non-zero if any
// layer failed or ran no test.
//   node scripts/test.mjs [--only unit,lsp,grammar,editor,differential]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only ? new Set(values.only.split(',')) : undefined;

const nodeTest = (dir) => [process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', dir]];
const layers = [
  { name: 'unit', command: nodeTest('out/test/unit/'), parse: parseNodeTest },
  { name: 'lsp', command: nodeTest('out/test/lsp/'), parse: parseNodeTest },
  { name: 'differential', command: nodeTest('out/test/differential/'), parse: parseNodeTest, optional: 'out/test/differential' },
  { name: 'grammar', command: [process.execPath, ['scripts/test-grammar.mjs']], parse: parseClosingLine('grammar') },
  { name: 'editor', command: [process.execPath, ['scripts/test-editor-web.mjs']], parse: parseClosingLine('editor') },
].filter((layer) => (!only || only.has(layer.name)) && (!layer.optional || existsSync(layer.optional)));

function parseNodeTest(output) {
  const number = (label) => Number(output.match(new RegExp(`^\\S*\\s*${label} (\\d+)\\s*$`, 'm'))?.[1] ?? NaN);
  return { passed: number('pass'), failed: number('fail') + number('cancelled') };
}

function parseClosingLine(name) {
  return (output) => {
    const match = [...output.matchAll(new RegExp(`^${name}: (\\d+) passed, (\\d+) failed`, 'gm'))].pop();
    return match ? { passed: Number(match[1]), failed: Number(match[2]) } : { passed: NaN, failed: NaN };
  };
}

function run([command, args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
    let output = '';
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const summary = [];
for (const layer of layers) {
  console.log(`\n=== ${layer.name} tests ===`);
  const started = Date.now();
  const { code, output } = await run(layer.command);
  const { passed, failed } = layer.parse(output);
  const ok = code === 0 && failed === 0 && passed > 0;
  summary.push({ name: layer.name, passed: passed || 0, failed: Number.isNaN(failed) ? 1 : failed, ok, seconds: (Date.now() - started) / 1000 });
}

console.log('\n=== summary ===');
for (const layer of summary) {
  console.log(`${layer.name}: ${layer.passed} passed, ${layer.failed} failed${layer.ok ? '' : ' (LAYER FAILED)'} [${layer.seconds.toFixed(1)} s]`);
}
const passed = summary.reduce((sum, layer) => sum + layer.passed, 0);
const failed = summary.reduce((sum, layer) => sum + layer.failed, 0);
const allOk = summary.length > 0 && summary.every((layer) => layer.ok);
console.log(`total: ${passed} passed, ${allOk ? failed : Math.max(failed, 1)} failed`);
process.exit(allOk ? 0 : 1);
