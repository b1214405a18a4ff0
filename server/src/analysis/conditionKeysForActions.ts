/**
 * Condition keys against the statement's actions. A service key is in the request context
 * only for the actions (and resource types) the Service Authorization Reference lists it for;
 * for the others the condition sees a missing key. Three findings:
 * - UNSUPPORTED_ACTION_FOR_CONDITION_KEY (Access Analyzer): actions the User Guide says do not
 *   carry aws:ResourceAccount, aws:ResourceOrgID or aws:ResourceOrgPaths (conditionKeysDocumented.ts);
 *   like Access Analyzer, actions written with wildcards are not evaluated.
 * - MISSING_ACTION_FOR_CONDITION_KEY (Access Analyzer): a service key that exactly one action
 *   supports (iam:PassedToService and iam:PassRole, ec2:CreateAction and ec2:CreateTags) in a
 *   statement that does not name that action.
 * - CONDITION_KEY_NOT_APPLICABLE (our own): a service key supported by none of the statement's
 *   actions. Global (aws:) keys never qualify: the reference lists only some of them per
 *   action. Keys other services' requests carry too (saml:, OIDC claims, ec2:SourceInstanceArn...)
 *   are skipped, and so is every statement with an action the catalog does not know.
 */
import type { Catalog } from '../catalog/catalog';
import { conditionKeyPrefix } from '../catalog/conditionKeyName';
import { crossServiceConditionKeyNames } from '../catalog/globalConditionKeys';
import type { PolicyAst, Statement } from '../policy/ast';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import {
  ACTIONS_WITHOUT_RESOURCE_ACCOUNT_KEYS,
  RESOURCE_ACCOUNT_KEYS,
  SERVICES_WITHOUT_RESOURCE_ACCOUNT_KEYS,
} from './conditionKeysDocumented';
import {
  actionsSupportingKey,
  conditionEntries,
  describeActions,
  keysOfAction,
  resolveConditionKey,
  statementActions,
  type ConditionEntry,
  type StatementActions,
} from './conditionsContext';
import type { FixData } from './finding';
import { replaceStringList } from './fixEdits';

const SERVICE_REFERENCE = 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

const checks: CheckInfo[] = [
  {
    code: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
    severity: 'error',
    summary: 'A Deny lists actions that do not support aws:ResourceAccount, aws:ResourceOrgID or aws:ResourceOrgPaths: the condition is not evaluated for them.',
    accessAnalyzerTitle: 'Unsupported action for condition key',
    docs: accessAnalyzerDocs('error', 'Unsupported action for condition key'),
  },
  {
    code: 'MISSING_ACTION_FOR_CONDITION_KEY',
    severity: 'error',
    summary: 'A condition key that only one action sets (iam:PassedToService and iam:PassRole...), in a statement without that action.',
    accessAnalyzerTitle: 'Missing action for condition key',
    docs: accessAnalyzerDocs('error', 'Missing action for condition key'),
  },
  {
    code: 'CONDITION_KEY_NOT_APPLICABLE',
    severity: 'warning',
    summary: "A service condition key that none of the statement's actions supports, so it is never in their requests.",
    docs: SERVICE_REFERENCE,
  },
];

type Report = Parameters<CheckFamily['run']>[1];

const CROSS_SERVICE = new Set(crossServiceConditionKeyNames.map((name) => name.toLowerCase()));
const UNSUPPORTED_ACTIONS = new Set(ACTIONS_WITHOUT_RESOURCE_ACCOUNT_KEYS.map((name) => name.toLowerCase()));
const UNSUPPORTED_SERVICES = new Set(SERVICES_WITHOUT_RESOURCE_ACCOUNT_KEYS);
const RESOURCE_ACCOUNT = new Set(RESOURCE_ACCOUNT_KEYS.map((name) => name.toLowerCase()));

export const conditionKeyActionChecks: CheckFamily = {
  name: 'condition keys and actions',
  checks,
  run({ ast, catalog }, report) {
    for (const statement of ast.statements) {
      if (!statement.action || !statement.condition) continue;
      const entries = conditionEntries(statement);
      if (entries.length === 0) continue;
      const reported = new Set<string>();
      for (const entry of entries) {
        const lower = entry.key.key.toLowerCase();
        if (reported.has(lower)) continue;
        reported.add(lower);
        if (RESOURCE_ACCOUNT.has(lower)) checkResourceAccountKey(statement, entry, report);
        else checkServiceKey(ast, catalog, statement, entry, report);
      }
    }
  },
};

function checkResourceAccountKey(statement: Statement, entry: ConditionEntry, report: Report): void {
  // Only Deny statements: AWS managed policies allow events:PutRule and ec2:CreateVolume under
  // aws:ResourceAccount, so the documented list may be stale for grants; for a Deny (the data
  // perimeter use the page points to) a missing key silently changes what is denied.
  if (statement.effect?.value?.value !== 'Deny') return;
  const unsupported = (statement.action?.values ?? [])
    .map(({ value }) => value)
    .filter((action) => !/[*?]/.test(action))
    .filter((action) => UNSUPPORTED_ACTIONS.has(action.toLowerCase()) || UNSUPPORTED_SERVICES.has(action.slice(0, action.indexOf(':')).toLowerCase()));
  if (unsupported.length === 0) return;
  report('UNSUPPORTED_ACTION_FOR_CONDITION_KEY', {
    range: entry.key.property.keyRange,
    statementIndex: statement.index,
    message: `${unsupported.join(', ')} ${unsupported.length === 1 ? 'does' : 'do'} not support ${entry.key.key}, so the condition is not evaluated for ${unsupported.length === 1 ? 'it' : 'them'}. Move ${unsupported.length === 1 ? 'it' : 'them'} to a statement without this condition key.`,
  });
}

function checkServiceKey(ast: PolicyAst, catalog: Catalog, statement: Statement, entry: ConditionEntry, report: Report): void {
  const resolution = resolveConditionKey(catalog, entry.key.key);
  if (resolution.kind !== 'known' || !resolution.info.service) return;
  const key = resolution.info;
  const lowerName = key.name.toLowerCase();
  // saml:, accounts.google.com: and other keys a service defines for other services' requests.
  if (conditionKeyPrefix(key.name) !== key.service || CROSS_SERVICE.has(lowerName)) return;
  const actions = statementActions(statement, catalog);
  if (!actions || !isComplete(actions)) return;
  if (actions.actions.some((action) => keysOfAction(catalog, action).has(lowerName))) return;
  const supporting = actionsSupportingKey(catalog, key.service!, lowerName);
  // A key no action lists is a gap in the reference data, not evidence against the policy.
  if (supporting.length === 0) return;
  const range = entry.key.property.keyRange;
  if (supporting.length === 1) {
    const needed = supporting[0].fullName;
    report('MISSING_ACTION_FOR_CONDITION_KEY', {
      range,
      statementIndex: statement.index,
      message: `Only ${needed} sets ${entry.key.key}, and this statement does not include it. Add ${needed} to the Action element, or move the condition to a statement about ${needed}.`,
      fixes: addActionFix(ast, statement, needed),
    });
    return;
  }
  report('CONDITION_KEY_NOT_APPLICABLE', {
    range,
    statementIndex: statement.index,
    message: `None of this statement's actions (${describeActions(actions.actions)}) supports ${entry.key.key}, so the key is never in their requests and the condition ${
      entry.parsed?.ifExists ? 'always passes' : 'cannot match as intended'
    }. It applies to ${describeActions(supporting)}; move the condition to a statement about those actions, or remove it.`,
  });
}

/** Every action string resolved to known actions, and none is "*" or a cross-service wildcard. */
function isComplete(actions: StatementActions): boolean {
  return !actions.everything && actions.unknown.length === 0 && actions.actions.length > 0;
}

function addActionFix(ast: PolicyAst, statement: Statement, action: string): FixData[] | undefined {
  const element = statement.action;
  const node = element?.property.value;
  if (!element || !node || (element.form !== 'string' && element.form !== 'array') || element.invalid.length > 0) return undefined;
  const values = [...element.values.map(({ value }) => value), action];
  return [{ ...replaceStringList(ast, node, values, `Add ${action} to Action`), preferred: false }];
}
