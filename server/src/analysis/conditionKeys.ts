/**
 * Condition key names: the prefix:name format, global keys that do not exist or were retired,
 * service keys the service does not define, tag keys without the tag, keys that need a
 * companion key, and keys that mean nothing in a resource-based policy.
 * Sources: reference_policies_elements_condition.md (key names are case-insensitive),
 * reference_policies_condition-keys.md (global keys), the Service Authorization Reference (via
 * the catalog), conditionKeysDocumented.ts, access-analyzer-reference-policy-checks.md.
 */
import type { Catalog } from '../catalog/catalog';
import { conditionKeyPrefix, isConditionKeyPattern } from '../catalog/conditionKeyName';
import type { PolicyKind } from '../policy/kind';
import type { Statement } from '../policy/ast';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { PAIRED_KEYS, KEYS_IRRELEVANT_IN_RESOURCE_POLICIES, RETIRED_GLOBAL_KEYS } from './conditionKeysDocumented';
import { conditionEntries, resolveConditionKey, statementActions, tagKeyHead, type ConditionEntry, type KeyResolution } from './conditionsContext';
import type { FixData } from './finding';
import { replaceWith } from './fixEdits';
import { nearest } from './nearest';

const checks: CheckInfo[] = [
  {
    code: 'INVALID_CONDITION_KEY_FORMAT',
    severity: 'error',
    summary: 'A condition key that is not of the form prefix:name.',
    accessAnalyzerTitle: 'Invalid condition key format',
    docs: accessAnalyzerDocs('error', 'Invalid condition key format'),
  },
  {
    code: 'INVALID_GLOBAL_CONDITION_KEY',
    severity: 'error',
    summary: 'An aws: condition key that is not a global condition key.',
    accessAnalyzerTitle: 'Invalid global condition key',
    docs: accessAnalyzerDocs('error', 'Invalid global condition key'),
  },
  {
    code: 'INVALID_SERVICE_CONDITION_KEY',
    severity: 'error',
    summary: "A service condition key that the service does not define, or whose prefix names no service.",
    accessAnalyzerTitle: 'Invalid service condition key',
    docs: accessAnalyzerDocs('error', 'Invalid service condition key'),
  },
  {
    code: 'UNSUPPORTED_GLOBAL_CONDITION_KEY',
    severity: 'error',
    summary: 'aws:ARN in a resource-based policy: AWS does not support it; use aws:PrincipalArn or aws:SourceArn.',
    accessAnalyzerTitle: 'Unsupported global condition key',
    kinds: ['resource', 'trust', 'endpoint'],
    docs: accessAnalyzerDocs('error', 'Unsupported global condition key'),
  },
  {
    code: 'DEPRECATED_GLOBAL_CONDITION_KEY',
    severity: 'warning',
    summary: 'aws:ARN in an identity-based or organization policy: it is deprecated in favour of aws:PrincipalArn.',
    accessAnalyzerTitle: 'Deprecated global condition key',
    kinds: ['identity', 'boundary', 'session', 'scp', 'rcp'],
    docs: accessAnalyzerDocs('general-warning', 'Deprecated global condition key'),
  },
  {
    code: 'MISSING_TAG_KEY_IN_CONDITION',
    severity: 'error',
    summary: 'A tag condition key (aws:ResourceTag, aws:RequestTag, aws:PrincipalTag, ec2:ResourceTag...) without "/tag-key".',
    accessAnalyzerTitle: 'Missing tag key in condition',
    docs: accessAnalyzerDocs('error', 'Missing tag key in condition'),
  },
  {
    code: 'MISSING_PAIRED_CONDITION_KEYS',
    severity: 'security-warning',
    summary: 'A key that is only safe with a companion key (aws:VpcSourceIp with aws:SourceVpc...) used without it.',
    accessAnalyzerTitle: 'Missing paired condition keys',
    docs: accessAnalyzerDocs('security-warning', 'Missing paired condition keys'),
  },
  {
    code: 'IRRELEVANT_CONDITION_KEY_IN_POLICY',
    severity: 'suggestion',
    summary: "A key with a fixed value in a resource-based policy (the resource's own account or organization).",
    accessAnalyzerTitle: 'Irrelevant condition key in policy',
    kinds: ['resource'],
    docs: accessAnalyzerDocs('suggestion', 'Irrelevant condition key in policy'),
  },
];

type Report = Parameters<CheckFamily['run']>[1];

export const conditionKeyChecks: CheckFamily = {
  name: 'condition keys',
  checks,
  run({ ast, kind, catalog }, report) {
    let unknownActionPrefixes: Set<string> | undefined;
    // Computed on first need: only a key with an unknown prefix asks.
    const isUnknownActionPrefix = (prefix: string) => {
      unknownActionPrefixes ??= new Set(
        ast.statements
          .flatMap((statement) => [statement.action, statement.notAction].flatMap((list) => (list?.values ?? []).map(({ value }) => value.slice(0, Math.max(0, value.indexOf(':'))).toLowerCase())))
          .filter((actionPrefix) => actionPrefix !== '' && !catalog.getServiceSummary(actionPrefix)),
      );
      return unknownActionPrefixes.has(prefix);
    };
    for (const statement of ast.statements) {
      const entries = conditionEntries(statement);
      const present = new Set(entries.map((entry) => entry.key.key.toLowerCase()));
      for (const entry of entries) {
        const resolution = resolveConditionKey(catalog, entry.key.key);
        checkName(catalog, kind, entry, entries, resolution, isUnknownActionPrefix, report);
        if (resolution.kind !== 'known') continue;
        checkPaired(entry, present, report);
        if (kind.type === 'resource') checkIrrelevant(entry, kind, report);
      }
    }
  },
};

function checkName(
  catalog: Catalog,
  kind: PolicyKind,
  entry: ConditionEntry,
  entries: readonly ConditionEntry[],
  resolution: KeyResolution,
  isUnknownActionPrefix: (prefix: string) => boolean,
  report: Report,
): void {
  const key = entry.key.key;
  // Read when reporting: ranges are computed on first read, and most keys are known ones.
  const range = () => entry.key.property.keyRange;
  const statementIndex = entry.statement.index;
  const fixTo = (name: string | undefined): FixData[] | undefined => (name ? [replaceWith(range(), name)] : undefined);
  switch (resolution.kind) {
    case 'bad-format': {
      const suggestion = suggestForBareName(catalog, entry.statement, key);
      report('INVALID_CONDITION_KEY_FORMAT', {
        range: range(),
        statementIndex,
        message: `"${key}" is not a condition key: keys are written prefix:name, such as aws:SourceIp or s3:prefix.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        fixes: fixTo(suggestion),
      });
      return;
    }
    case 'unknown-global': {
      const retired = RETIRED_GLOBAL_KEYS.get(key.toLowerCase());
      if (retired) {
        const resourceBased = kind.type === 'resource' || kind.type === 'trust' || kind.type === 'endpoint';
        if (resourceBased) {
          report('UNSUPPORTED_GLOBAL_CONDITION_KEY', {
            range: range(),
            statementIndex,
            message: `${key} is not supported. Use ${retired.replacements.join(' (the caller) or ')} (the resource a service acts for) instead.`,
            fixes: retired.replacements.map((name) => ({ ...replaceWith(range(), name), preferred: false })),
          });
        } else {
          report('DEPRECATED_GLOBAL_CONDITION_KEY', {
            range: range(),
            statementIndex,
            message: `${key} is deprecated. Use the newer key ${retired.principalReplacement}.`,
            fixes: fixTo(retired.principalReplacement),
          });
        }
        return;
      }
      const globalNames = catalog.listGlobalConditionKeys().map((global) => global.name);
      if (reportMissingTagKey(entry, entries, tagHeads(globalNames), report)) return;
      const suggestion = suggestKey(key, globalNames) ?? suggestKey(key, statementServiceKeys(catalog, entry.statement));
      report('INVALID_GLOBAL_CONDITION_KEY', {
        range: range(),
        statementIndex,
        message: `${key} is not a global condition key.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Global keys are listed in the User Guide's "AWS global condition context keys".`,
        fixes: fixTo(suggestion),
      });
      return;
    }
    case 'unknown-service-key': {
      const names = resolution.services.flatMap((service) => catalog.serviceConditionKeys(service).map((info) => info.name));
      if (reportMissingTagKey(entry, entries, tagHeads(names), report)) return;
      const own = names.filter((name) => conditionKeyPrefix(name) === conditionKeyPrefix(key));
      const suggestion =
        suggestKey(key, own.length > 0 ? own : names) ??
        suggestKey(key, [...catalog.listGlobalConditionKeys().map((global) => global.name), ...statementServiceKeys(catalog, entry.statement)]);
      const service = conditionKeyPrefix(key);
      report('INVALID_SERVICE_CONDITION_KEY', {
        range: range(),
        statementIndex,
        message: `${key} is not a condition key of ${catalog.getServiceSummary(service)?.name ?? resolution.services.join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Use a key the service defines, or a global aws: key.`,
        fixes: fixTo(suggestion),
      });
      return;
    }
    case 'unknown-prefix': {
      // A service the catalog no longer has (its actions get the retired-action finding).
      if (isUnknownActionPrefix(resolution.prefix)) return;
      const prefixSuggestion = nearest(resolution.prefix, catalog.listServices().map((service) => service.prefix));
      const corrected = prefixSuggestion ? `${prefixSuggestion}${key.slice(resolution.prefix.length)}` : undefined;
      const suggestion = corrected && resolveConditionKey(catalog, corrected).kind === 'known' ? corrected : undefined;
      report('INVALID_SERVICE_CONDITION_KEY', {
        range: range(),
        statementIndex,
        message: `${key}: no AWS service has the prefix "${resolution.prefix}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Use a key of the service the statement is about, or a global aws: key.`,
        fixes: fixTo(suggestion),
      });
      return;
    }
    default:
      return;
  }
}

/** A key with no prefix: the global key or a key of the statement's services with that name. */
function suggestForBareName(catalog: Catalog, statement: Statement, key: string): string | undefined {
  const name = key.replace(/^:/, '');
  if (name.includes(':') || name === '') return undefined;
  const global = catalog.getGlobalConditionKey(`aws:${name}`);
  if (global) return isConditionKeyPattern(global.name) ? `aws:${name}` : global.name;
  const services = new Set((statementActions(statement, catalog)?.actions ?? []).map((action) => action.service));
  const matches = [...services].flatMap((service) => catalog.serviceConditionKeys(service).filter((info) => info.name.toLowerCase() === `${service}:${name}`.toLowerCase()));
  return matches.length === 1 ? matches[0].name : undefined;
}

/** The keys of the services the statement's actions belong to: candidates for "did you mean". */
function statementServiceKeys(catalog: Catalog, statement: Statement): string[] {
  const services = new Set((statementActions(statement, catalog)?.actions ?? []).map((action) => action.service));
  return [...services].flatMap((service) => catalog.serviceConditionKeys(service).map((info) => info.name)).filter((name) => conditionKeyPrefix(name) !== 'aws');
}

/** "aws:RequestTag/${TagKey}" -> "aws:RequestTag": the heads of keys that end with the tag key. */
function tagHeads(names: readonly string[]): string[] {
  return [...new Set(names.flatMap((name) => tagKeyHead(name) ?? []))];
}

function reportMissingTagKey(entry: ConditionEntry, entries: readonly ConditionEntry[], heads: readonly string[], report: Report): boolean {
  const key = entry.key.key;
  const bare = key.replace(/\/$/, '').toLowerCase();
  const head = heads.find((candidate) => candidate.toLowerCase() === bare);
  if (!head) return false;
  const tag = singleTagKey(entries);
  const fixed = tag ? `${head}/${tag}` : undefined;
  report('MISSING_TAG_KEY_IN_CONDITION', {
    range: entry.key.property.keyRange,
    statementIndex: entry.statement.index,
    message: `${key} must name the tag to compare: write ${head}/tag-key, for example "${head}/${tag ?? 'Project'}".`,
    fixes: fixed ? [replaceWith(entry.key.property.keyRange, fixed, `Change to "${fixed}" (the tag key that aws:TagKeys names)`)] : undefined,
  });
  return true;
}

/** The one tag key the statement's aws:TagKeys condition names, when it names exactly one. */
function singleTagKey(entries: readonly ConditionEntry[]): string | undefined {
  const tags = new Set<string>();
  for (const entry of entries) {
    if (entry.key.key.toLowerCase() !== 'aws:tagkeys') continue;
    for (const value of entry.key.values) if (value.node.type === 'string' && !/[*?${}]/.test(value.text) && value.text !== '') tags.add(value.text);
  }
  return tags.size === 1 ? [...tags][0] : undefined;
}

/**
 * The candidate closest to `key`: concrete names compared whole; for keys with a tag part
 * ("aws:ResourceTags/Team") the head is compared with the heads of pattern keys and the tag
 * part kept.
 */
function suggestKey(key: string, candidates: readonly string[], maxDistance?: number): string | undefined {
  const plain = candidates.filter((name) => !isConditionKeyPattern(name));
  const slash = key.indexOf('/');
  if (slash > 0) {
    const head = nearest(key.slice(0, slash), tagHeads(candidates), maxDistance);
    if (head) return `${head}${key.slice(slash)}`;
  }
  const found = nearest(key, plain, maxDistance);
  return found && found.toLowerCase() !== key.toLowerCase() ? found : undefined;
}

function checkPaired(entry: ConditionEntry, present: ReadonlySet<string>, report: Report): void {
  const pair = PAIRED_KEYS.get(entry.key.key.toLowerCase());
  if (!pair) return;
  const missing = pair.pairedWith.filter((name) => !present.has(name.toLowerCase()));
  if (missing.length === 0) return;
  report('MISSING_PAIRED_CONDITION_KEYS', {
    range: entry.key.property.keyRange,
    statementIndex: entry.statement.index,
    message: `${entry.key.key} can be overly permissive without ${missing.join(' and ')}: the same private address exists in many VPCs. Add ${missing.join(' and ')} to this Condition.`,
  });
}

function checkIrrelevant(entry: ConditionEntry, kind: PolicyKind, report: Report): void {
  const lower = entry.key.key.toLowerCase();
  const irrelevant = KEYS_IRRELEVANT_IN_RESOURCE_POLICIES.find((candidate) => candidate.name.toLowerCase() === lower);
  if (!irrelevant) return;
  if (irrelevant.service && kind.resourceService && kind.resourceService !== irrelevant.service) return;
  report('IRRELEVANT_CONDITION_KEY_IN_POLICY', {
    range: entry.key.property.keyRange,
    statementIndex: entry.statement.index,
    message: `${entry.key.key} is not relevant in a resource-based policy: the resource is the one the policy is attached to, so its owner is fixed. Use this key in an identity-based policy to govern access to the resource.`,
  });
}
