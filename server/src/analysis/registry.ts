/**
 * Every check family, in one list. The server, the CLI and the generated table of checks read
 * this registry; adding a family here is all it takes to run it everywhere.
 */
import type { CheckFamily, CheckInfo } from './check';
import { structureChecks } from './structure';

export const CHECK_FAMILIES: readonly CheckFamily[] = [structureChecks];

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
