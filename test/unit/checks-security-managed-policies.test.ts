import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { actionChecks } from '../../server/src/analysis/actions';
import { analyzePolicy, prepareAnalysis } from '../../server/src/analysis/analyze';
import { arnChecks } from '../../server/src/analysis/arns';
import type { Finding } from '../../server/src/analysis/finding';
import { passRoleChecks } from '../../server/src/analysis/passRole';
import { resourceChecks } from '../../server/src/analysis/resources';
import { securityChecks } from '../../server/src/analysis/security';
import { missingQualifierChecks } from '../../server/src/analysis/securityMissingQualifier';
import { serviceLinkedRoleChecks } from '../../server/src/analysis/serviceLinkedRole';
import { wildcardChecks } from '../../server/src/analysis/wildcards';
import type { PolicyKind } from '../../server/src/policy/kind';
import { parsePolicy } from '../../server/src/policy/parse';
import { loadedCatalog, managedPolicies } from '../support/catalog';

const FAMILIES = [actionChecks, arnChecks, resourceChecks, passRoleChecks, serviceLinkedRoleChecks, wildcardChecks, securityChecks, missingQualifierChecks];
const OUR_CODES = new Set(FAMILIES.flatMap((family) => family.checks.map((check) => check.code)));
const IDENTITY: PolicyKind = { type: 'identity', source: 'setting' };

/** Findings of the action, ARN, resource, pass-role, SLR, wildcard and security families, by policy name. */
const findingsByPolicy = new Map<string, Finding[]>();

describe('action, resource and security checks over every latest AWS managed policy', () => {
  before(async () => {
    const store = await managedPolicies();
    const catalog = await loadedCatalog();
    for (const name of store.listNames()) {
      const policy = await store.resolve(name);
      const ast = parsePolicy(policy!.documentText);
      await prepareAnalysis(ast, catalog);
      findingsByPolicy.set(
        name,
        analyzePolicy(ast, IDENTITY, catalog).filter((finding) => OUR_CODES.has(finding.code)),
      );
    }
  });

  it('reads about 1,600 policies', () => {
    assert.ok(findingsByPolicy.size > 1_400, `${findingsByPolicy.size} policies`);
  });

  it('no error-severity finding (the retired/unknown action finding is a warning)', (t) => {
    const counts = new Map<string, number>();
    const errors: string[] = [];
    for (const [name, findings] of findingsByPolicy) {
      for (const finding of findings) {
        counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
        if (finding.severity === 'error') errors.push(`${name}: ${finding.code}: ${finding.message}`);
      }
    }
    t.diagnostic(`findings per code: ${JSON.stringify(Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])))}`);
    assert.deepEqual(errors.slice(0, 20), [], `${errors.length} error findings`);
    assert.ok((counts.get('RETIRED_OR_UNKNOWN_ACTION') ?? 0) > 0, 'AWS managed policies do name retired actions');
  });

  // The reference lists AWS managed policies that carry these warnings
  // (access-analyzer-reference-policy-checks.md, "AWS managed policies with this ... warning").
  it('agrees with the policies the reference names for the pass-role and service-linked-role warnings', () => {
    const codes = (name: string) => new Set(findingsByPolicy.get(name)?.map((finding) => finding.code));
    for (const name of ['AdministratorAccess', 'IAMFullAccess']) {
      assert.ok(codes(name).has('PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE'), name);
      assert.ok(codes(name).has('CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE'), name);
    }
    assert.ok(codes('AdministratorAccess').has('ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES'));
    assert.ok(codes('PowerUserAccess').has('CREATE_SLR_WITH_STAR_IN_RESOURCE'));
    assert.ok(codes('AdministratorAccess-Amplify').has('PASS_ROLE_WITH_STAR_IN_RESOURCE'));
    assert.ok(!codes('ReadOnlyAccess').has('PASS_ROLE_WITH_STAR_IN_RESOURCE'));
  });
});
