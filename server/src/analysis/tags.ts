/**
 * Tag condition keys (aws:ResourceTag/<key>, aws:RequestTag/<key>, aws:TagKeys) on actions that
 * do not support them. For such an action the key is missing from the request, so a condition
 * that is false for a missing key makes an Allow grant nothing and a Deny deny nothing for it
 * (access-analyzer-reference-policy-checks.md, the four "... unsupported tag condition key for
 * service" checks; reference_policies_elements_condition_operators.md for missing keys).
 * Which actions support which key comes from the Service Authorization Reference via the catalog.
 */
import type { Catalog } from '../catalog/catalog';
import { trueWhenKeyMissing } from '../policy/conditionOperator';
import type { Statement } from '../policy/ast';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { conditionEntries, describeActions, keysOfAction, resolveConditionKey, statementActions, type ConditionEntry } from './conditionsContext';

const checks: CheckInfo[] = [
  {
    code: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'security-warning',
    summary: 'A Deny conditioned on a tag key lists actions that do not support the key: they are not denied.',
    accessAnalyzerTitle: 'Deny with unsupported tag condition key for service',
    docs: accessAnalyzerDocs('security-warning', 'Deny with unsupported tag condition key for service'),
  },
  {
    code: 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'security-warning',
    summary: 'A Deny with NotAction conditioned on a tag key: the actions that do not support the key are not denied.',
    accessAnalyzerTitle: 'Deny NotAction with unsupported tag condition key for service',
    docs: accessAnalyzerDocs('security-warning', 'Deny NotAction with unsupported tag condition key for service'),
  },
  {
    code: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'suggestion',
    summary: 'An Allow conditioned on a tag key lists actions that do not support the key: they are not allowed.',
    accessAnalyzerTitle: 'Allow with unsupported tag condition key for service',
    docs: accessAnalyzerDocs('suggestion', 'Allow with unsupported tag condition key for service'),
  },
  {
    code: 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    severity: 'suggestion',
    summary: 'An Allow with NotAction conditioned on a tag key allows only the actions that support the key.',
    accessAnalyzerTitle: 'Allow NotAction with unsupported tag condition key for service',
    docs: accessAnalyzerDocs('suggestion', 'Allow NotAction with unsupported tag condition key for service'),
  },
];

/** The global tag keys, as the reference names them. */
const TAG_KEYS = new Set(['aws:resourcetag/${tagkey}', 'aws:requesttag/${tagkey}', 'aws:tagkeys']);

type Report = Parameters<CheckFamily['run']>[1];

export const tagChecks: CheckFamily = {
  name: 'tag condition keys',
  checks,
  run({ catalog, ast }, report) {
    for (const statement of ast.statements) {
      const effect = statement.effect?.value?.value;
      if (effect !== 'Allow' && effect !== 'Deny') continue;
      const seen = new Set<string>();
      for (const entry of conditionEntries(statement)) {
        const resolution = resolveConditionKey(catalog, entry.key.key);
        if (resolution.kind !== 'known' || resolution.info.service || !TAG_KEYS.has(resolution.info.name.toLowerCase())) continue;
        // Only a condition that is false for a missing key leaves the unsupported actions out.
        if (!entry.parsed || trueWhenKeyMissing(entry.parsed) !== false) continue;
        const lower = entry.key.key.toLowerCase();
        if (seen.has(lower)) continue;
        seen.add(lower);
        if (statement.notAction) reportNotAction(statement, entry, effect, report);
        else if (statement.action) reportActions(catalog, statement, entry, resolution.info.name.toLowerCase(), effect, report);
      }
    }
  },
};

function reportNotAction(statement: Statement, entry: ConditionEntry, effect: 'Allow' | 'Deny', report: Report): void {
  const key = entry.key.key;
  if (effect === 'Deny') {
    report('DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', {
      range: entry.key.property.keyRange,
      statementIndex: statement.index,
      message: `Deny with NotAction and ${key} can be overly permissive: actions that do not support ${key} are not denied by this statement. List the actions to deny in Action instead of NotAction.`,
    });
  } else {
    report('ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', {
      range: entry.key.property.keyRange,
      statementIndex: statement.index,
      message: `Allow with NotAction and ${key} allows only the actions that support ${key}; the others are not allowed by this statement. List the actions to allow in Action instead of NotAction.`,
    });
  }
}

function reportActions(catalog: Catalog, statement: Statement, entry: ConditionEntry, keyName: string, effect: 'Allow' | 'Deny', report: Report): void {
  const actions = statementActions(statement, catalog);
  if (!actions || actions.everything) return;
  const unsupported = actions.actions.filter((action) => !keysOfAction(catalog, action).has(keyName));
  if (unsupported.length === 0) return;
  const services = [...new Set(unsupported.map((action) => action.service))].sort();
  const key = entry.key.key;
  const examples = describeActions(unsupported);
  if (effect === 'Deny') {
    report('DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', {
      range: entry.key.property.keyRange,
      statementIndex: statement.index,
      message: `Deny with ${key} can be overly permissive for ${services.join(', ')}: ${examples} ${unsupported.length === 1 ? 'does' : 'do'} not support ${key}, so this statement does not deny ${unsupported.length === 1 ? 'it' : 'them'}. Move ${unsupported.length === 1 ? 'it' : 'them'} to a statement without this condition key.`,
    });
  } else {
    report('ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', {
      range: entry.key.property.keyRange,
      statementIndex: statement.index,
      message: `${examples} ${unsupported.length === 1 ? 'does' : 'do'} not support ${key}, so this statement does not allow ${unsupported.length === 1 ? 'it' : 'them'} (${services.join(', ')}). Move ${unsupported.length === 1 ? 'it' : 'them'} to a statement without this condition key.`,
    });
  }
}
