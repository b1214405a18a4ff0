/**
 * docs/checks.md is generated (scripts/checks-table.mjs) from the check registry and the Access
 * Analyzer reference page (access-analyzer-reference-policy-checks.md). These tests regenerate it
 * and fail when the committed file is stale, or when a check of the page is missing from it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { allChecks } from '../../server/src/analysis/registry';

const ROOT = path.resolve(__dirname, '../../..');
const REGISTRY = path.resolve(__dirname, '../../server/src/analysis/registry.js');
const REFERENCE = path.resolve(ROOT, 'docs/reference/access-analyzer-reference-policy-checks.md');
const TABLE = path.join(ROOT, 'docs/checks.md');

function referenceTitles(): string[] {
  const text = readFileSync(REFERENCE, 'utf8');
  const titles = [...text.matchAll(/^## (?:Error|Security Warning|General Warning|Suggestion) – (.+?)<a name=/gm)].map((match) => match[1]);
  return [...new Set(titles)];
}

describe('docs/checks.md, the generated table of checks', () => {
  it('the reference page is where the generator looks for it', () => {
    assert.ok(existsSync(REFERENCE), `${REFERENCE} is missing: vendored from the IAM User Guide`);
    assert.ok(referenceTitles().length > 120, 'about 135 Access Analyzer checks');
  });

  it('is up to date with the registry: run `npm run checks-table` after adding or changing a check', () => {
    const generated = spawnSync(process.execPath, [path.join(ROOT, 'scripts/checks-table.mjs'), '--stdout', '--registry', REGISTRY, '--reference', REFERENCE], { encoding: 'utf8' });
    assert.equal(generated.status, 0, generated.stderr);
    assert.equal(readFileSync(TABLE, 'utf8'), generated.stdout);
  });

  it('lists every Access Analyzer check once, with its code, and says why the unimplemented ones are not', () => {
    const table = readFileSync(TABLE, 'utf8');
    const rows = table.split('\n').filter((line) => line.startsWith('| ['));
    for (const title of referenceTitles()) {
      const row = rows.filter((line) => line.startsWith(`| [${title.replace(/\|/g, '\\|')}](`));
      assert.equal(row.length, 1, `one row for "${title}"`);
      const implemented = allChecks().find((check) => check.accessAnalyzerTitle?.toLowerCase() === title.toLowerCase());
      assert.match(row[0], implemented ? new RegExp(`\\| \`${implemented.code}\` \\| .* \\| yes \\|`) : /\| no \| \S.+ \|$/);
    }
  });

  it('every Access Analyzer title in the registry is a title of the reference page', () => {
    const titles = new Set(referenceTitles().map((title) => title.toLowerCase()));
    const unknown = allChecks().filter((check) => check.accessAnalyzerTitle && !titles.has(check.accessAnalyzerTitle.toLowerCase()));
    assert.deepEqual(unknown.map((check) => `${check.code}: ${check.accessAnalyzerTitle}`), []);
  });
});
