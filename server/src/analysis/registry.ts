/**
 * Every check family, in one list. The server, the CLI and the generated table of checks read
 * this registry; adding a family here is all it takes to run it everywhere.
 */
import type { CheckFamily, CheckInfo } from './check';
import { structureChecks } from './structure';
import { principalChecks } from './principals';
import { trustChecks } from './trust';
import { organizationChecks } from './organizations';
import { statementChecks } from './statements';
import { sidChecks } from './sids';
import { quotaChecks } from './quotas';
import { actionChecks } from './actions';
import { arnChecks } from './arns';
import { resourceChecks } from './resources';
import { passRoleChecks } from './passRole';
import { serviceLinkedRoleChecks } from './serviceLinkedRole';
import { wildcardChecks } from './wildcards';
import { securityChecks } from './security';
import { missingQualifierChecks } from './securityMissingQualifier';
import { conditionChecks } from './conditions';
import { conditionOperatorChecks } from './conditionOperators';
import { conditionValueChecks } from './conditionValues';
import { conditionIpChecks } from './conditionValuesIp';
import { conditionKeyChecks } from './conditionKeys';
import { conditionKeyActionChecks } from './conditionKeysForActions';
import { conditionKeyPrincipalChecks } from './conditionKeysForPrincipals';
import { tagChecks } from './tags';
import { variableChecks } from './variables';

export const CHECK_FAMILIES: readonly CheckFamily[] = [structureChecks, principalChecks, trustChecks, organizationChecks, statementChecks, sidChecks, quotaChecks, actionChecks, arnChecks, resourceChecks, passRoleChecks, serviceLinkedRoleChecks, wildcardChecks, securityChecks, missingQualifierChecks,
  conditionChecks, conditionOperatorChecks, conditionValueChecks, conditionIpChecks, conditionKeyChecks, conditionKeyActionChecks, conditionKeyPrincipalChecks, tagChecks, variableChecks];

const byCode = new Map<string, CheckInfo>();
for (const family of CHECK_FAMILIES) {
  for (const check of family.checks) {
    if (byCode.has(check.code)) throw new Error(`Check code ${check.code} is declared twice`);
    byCode.set(check.code, check);
  }
}

export function checkInfo(code: string): CheckInfo | undefined {
  return byCode.get(code);
}

export function allChecks(): CheckInfo[] {
  return [...byCode.values()];
}
