// `npm run bench`: runs every bench/*.bench.mjs (after `npm run build`) and prints one table:
// figure, median, unit, target, and the ratio to a peer where one exists.
// Each bench module exports `async function run()` returning rows
//   { figure, median, unit, target?, peer?: { name, median } }.
//   node bench/run.mjs [--only NAME[,NAME]] [--json FILE]
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'string' } } });
const only = values.only?.split(',');
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => !only || only.some((wanted) => name.startsWith(wanted)))
  .sort();

const rows = [];
for (const file of files) {
  process.stderr.write(`bench: ${file} ...\n`);
  const module = await import(pathToFileURL(join(here, file)).href);
  for (const row of await module.run()) rows.push({ bench: file.replace('.bench.mjs', ''), ...row });
}

const format = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const table = rows.map((row) => ({
  figure: row.figure,
  median: format(row.median),
  unit: row.unit,
  target: row.target ?? '',
  peer: row.peer ? `${row.peer.name} ${format(row.peer.median)} ${row.unit}` : '',
  ratio: row.peer ? `${format(row.peer.median / row.median)}x` : '',
}));
const columns = ['figure', 'median', 'unit', 'target', 'peer', 'ratio'];
const widths = columns.map((column) => Math.max(column.length, ...table.map((row) => String(row[column]).length)));
const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd();
console.log(line(columns));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of table) console.log(line(columns.map((column) => row[column])));
console.log('\nratio = peer median / our median (above 1: we are faster or smaller).');
if (values.json) writeFileSync(values.json, JSON.stringify(rows, null, 2));
