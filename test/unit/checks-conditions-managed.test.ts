/**
 * Every latest AWS managed policy through the condition, tag and variable families: a managed
 * policy is valid, so an error-severity finding from these families means the check is wrong.
 * The counts per code are printed as test diagnostics for the lead's notes.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { prepareAnalysis } from '../../server/src/analysis/analyze';
import type { CheckFamily } from '../../server/src/analysis/check';
import { conditionChecks } from '../../server/src/analysis/conditions';
import { conditionKeyChecks } from '../../server/src/analysis/conditionKeys';
import { conditionKeyActionChecks } from '../../server/src/analysis/conditionKeysForActions';
import { conditionKeyPrincipalChecks } from '../../server/src/analysis/conditionKeysForPrincipals';
import { conditionOperatorChecks } from '../../server/src/analysis/conditionOperators';
import { conditionValueChecks } from '../../server/src/analysis/conditionValues';
import { conditionIpChecks } from '../../server/src/analysis/conditionValuesIp';
import { tagChecks } from '../../server/src/analysis/tags';
import { variableChecks } from '../../server/src/analysis/variables';
import type { ManagedPolicyStore } from '../../server/src/catalog/managedPolicies';
import { decidePolicyKind } from '../../server/src/policy/kind';
import { parsePolicy } from '../../server/src/policy/parse';
import { loadedCatalog, managedPolicies } from '../support/catalog';

const FAMILIES: readonly CheckFamily[] = [
  conditionChecks,
  conditionOperatorChecks,
  conditionValueChecks,
  conditionIpChecks,
  conditionKeyChecks,
  conditionKeyActionChecks,
  conditionKeyPrincipalChecks,
  tagChecks,
  variableChecks,
];

describe('condition, tag and variable checks over every latest AWS managed policy', () => {
  let store: ManagedPolicyStore;
  before(async () => {
    store = await managedPolicies();
  });

  it('no error-severity finding (counts per code in the diagnostics)', async (t) => {
    const catalog = await loadedCatalog();
    const checks = new Map(FAMILIES.flatMap((family) => family.checks.map((check) => [check.code, check] as const)));
    const counts = new Map<string, number>();
    const errors: string[] = [];
    const names = store.listNames();
    assert.ok(names.length > 1000, `${names.length} managed policies`);
    for (const name of names) {
      const policy = await store.resolve(name);
      assert.ok(policy, name);
      const ast = parsePolicy(policy.documentText);
      await prepareAnalysis(ast, catalog);
      const kind = decidePolicyKind(ast, { path: `${name}.json` });
      for (const family of FAMILIES) {
        family.run({ ast, kind, catalog }, (code, finding) => {
          const check = checks.get(code);
          assert.ok(check, `undeclared ${code}`);
          if (check.kinds && !check.kinds.includes(kind.type)) return;
          counts.set(code, (counts.get(code) ?? 0) + 1);
          if (check.severity === 'error') errors.push(`${name}: ${code}: ${finding.message}`);
        });
      }
    }
    for (const [code, count] of [...counts].sort()) t.diagnostic(`${checks.get(code)!.severity} ${code}: ${count}`);
    assert.deepEqual(errors, []);
  });
});
