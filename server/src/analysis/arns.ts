/**
 * Resource and NotResource ARNs field by field, and Region names in conditions.
 * Sources: access-analyzer-reference-policy-checks.md, reference_identifiers.md (the ARN
 * format), reference_policies_elements_resource.md (wildcards within fields).
 *
 * Whether a Region or an account belongs in an ARN is read from the service's ARN formats in the
 * catalog: S3 bucket and IAM formats leave both or one empty ("arn:${Partition}:s3:::${BucketName}"),
 * most others have ${Region} and ${Account}. Only the resource types whose resource part the
 * ARN can fit are consulted, and a finding needs all of them to agree.
 */
import type { Catalog } from '../catalog/catalog';
import type { ResourceTypeInfo } from '../catalog/types';
import type { PolicyString, Statement } from '../policy/ast';
import { accessAnalyzerDocs, userGuideDocs, type CheckFamily, type CheckInfo } from './check';
import type { FixData } from './finding';
import { replaceWith } from './fixEdits';
import { typoNeighbours } from './actionsResolve';
import { KNOWN_REGIONS, PARTITIONS, isPartition, isRegionCode, regionProblem } from './arnsRegions';
import {
  arnHeaderShape,
  isOpenField,
  joinArnFields,
  parseArnFields,
  splitArnFields,
  type ArnFields,
  type ArnHeaderShape,
} from './arnsParse';
import { ownResourceTypes, resourceTypeWords, resourceTypesFittingResourcePart } from './resourcesFit';
import { detached } from './detached';

const checks: CheckInfo[] = [
  {
    code: 'INVALID_ARN_PREFIX',
    severity: 'error',
    summary: 'A resource that is neither "*" nor an ARN starting with "arn:".',
    accessAnalyzerTitle: 'Invalid ARN prefix',
    docs: accessAnalyzerDocs('error', 'Invalid ARN prefix'),
  },
  {
    code: 'MISSING_ARN_FIELD',
    severity: 'error',
    summary: 'An ARN with fewer than six colon-separated fields, or an empty partition or service field.',
    accessAnalyzerTitle: 'Missing ARN field',
    docs: accessAnalyzerDocs('error', 'Missing ARN field'),
  },
  {
    code: 'INVALID_PARTITION',
    severity: 'error',
    summary: 'The partition field of an ARN is not an AWS partition (aws, aws-cn, aws-us-gov...).',
    accessAnalyzerTitle: 'Invalid partition',
    docs: accessAnalyzerDocs('error', 'Invalid partition'),
  },
  {
    code: 'INVALID_SERVICE',
    severity: 'error',
    summary: 'The service field of a resource ARN is a misspelling of a known service (with a fix). Unknown names with no near service are left alone: ARN service names are not all action prefixes.',
    accessAnalyzerTitle: 'Invalid service',
    docs: accessAnalyzerDocs('error', 'Invalid service'),
  },
  {
    code: 'INVALID_ARN_SERVICE_CASE',
    severity: 'error',
    summary: 'The service field of an ARN is a known service written with capitals; ARNs are case-sensitive.',
    accessAnalyzerTitle: 'Invalid ARN service case',
    docs: accessAnalyzerDocs('error', 'Invalid ARN service case'),
  },
  {
    code: 'INVALID_ARN_REGION',
    severity: 'error',
    summary: 'The Region field of an ARN is not a Region code, or is a Region of another partition than the ARN names.',
    accessAnalyzerTitle: 'Invalid ARN Region',
    docs: accessAnalyzerDocs('error', 'Invalid ARN Region'),
  },
  {
    code: 'MISSING_ARN_REGION',
    severity: 'error',
    summary: 'The Region field is empty, but every resource type the ARN can be has a Region in its ARN format.',
    accessAnalyzerTitle: 'Missing ARN Region',
    docs: accessAnalyzerDocs('error', 'Missing ARN Region'),
  },
  {
    code: 'ARN_REGION_NOT_ALLOWED',
    severity: 'error',
    summary: 'The ARN names a Region, but the resource type has none in its ARN format (IAM, S3 buckets...).',
    accessAnalyzerTitle: 'ARN Region not allowed',
    docs: accessAnalyzerDocs('error', 'ARN Region not allowed'),
  },
  {
    code: 'INVALID_ARN_ACCOUNT',
    severity: 'error',
    summary: 'The account field of an ARN is not a 12-digit account ID (nor "aws", nor a wildcard or variable).',
    accessAnalyzerTitle: 'Invalid ARN account',
    docs: accessAnalyzerDocs('error', 'Invalid ARN account'),
  },
  {
    code: 'ARN_ACCOUNT_NOT_ALLOWED',
    severity: 'error',
    summary: 'The ARN names an account, but the resource type has none in its ARN format (S3 buckets and objects...).',
    accessAnalyzerTitle: 'ARN account not allowed',
    docs: accessAnalyzerDocs('error', 'ARN account not allowed'),
  },
  {
    // Access Analyzer's "Invalid ARN resource" (any ARN that fits no known format) is not decidable
    // from the service reference, which lacks formats AWS accepts (waf "changetoken/*", API Gateway
    // "/v2/apis", ...) and would flag valid AWS managed policies. What is certain is a misspelt
    // resource-type word; it is a warning because three AWS managed policies carry one.
    code: 'MISSPELLED_ARN_RESOURCE_TYPE',
    severity: 'warning',
    summary:
      'The resource-type word of an ARN ("rolee/app", "endpointconfig/*") is not one of the service\'s but a near misspelling of one (with a fix): the ARN matches no resource. Unknown words with no near type are left alone.',
    docs: userGuideDocs('reference_identifiers', 'identifiers-arns'),
  },
  {
    code: 'INVALID_REGION',
    severity: 'error',
    summary: 'A condition value of a Region key (aws:RequestedRegion, ec2:Region...) is not a Region code.',
    accessAnalyzerTitle: 'Invalid Region',
    docs: accessAnalyzerDocs('error', 'Invalid Region'),
  },
];

type Report = Parameters<CheckFamily['run']>[1];

export const arnChecks: CheckFamily = {
  name: 'arns',
  checks,
  run({ ast, catalog, fixes }, report) {
    for (const statement of ast.statements) {
      for (const element of [statement.resource, statement.notResource]) {
        for (const value of element?.values ?? []) checkArn(value, statement.index, catalog, report, fixes !== false);
      }
      checkRegionConditions(statement, report);
    }
  },
};

/** What checkArn finds in an ARN's text, wherever it is written: fixes edit TEXT_RANGE, the entry's place. */
interface ArnFinding {
  readonly code: string;
  readonly message: string;
  readonly fixes?: FixData[];
}

/** Stands for the entry's range in cached findings; replaced by the real one when reported. */
const TEXT_RANGE: PolicyString['node']['range'] = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Findings by ARN text, per catalog: policies repeat their ARNs across statements and files, and
 * what an ARN's fields say does not depend on where it is written.
 */
const MAX_CACHED_ARN_FINDINGS = 5000;
const findingsByArn = new WeakMap<Catalog, Map<string, readonly ArnFinding[]>>();

function checkArn(value: PolicyString, statementIndex: number, catalog: Catalog, report: Report, withFixes: boolean): void {
  const text = value.value;
  if (text === '*') return;
  let cache = findingsByArn.get(catalog);
  if (!cache) findingsByArn.set(catalog, (cache = new Map()));
  let found = cache.get(text);
  if (!found) {
    const key = detached(text);
    const findings: ArnFinding[] = [];
    arnFindings(key, catalog, (code, message, fixes) => findings.push({ code, message, fixes }));
    found = findings;
    if (cache.size >= MAX_CACHED_ARN_FINDINGS) cache.clear();
    cache.set(key, found);
  }
  // Most ARNs have no finding; ranges are computed on first read.
  if (found.length === 0) return;
  const range = value.node.range;
  for (const { code, message, fixes } of found) {
    report(code, { range, statementIndex, message, fixes: withFixes && fixes ? fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range })) })) : undefined });
  }
}

function arnFindings(text: string, catalog: Catalog, at: At): void {
  const range = TEXT_RANGE;

  if (!text.startsWith('arn:')) {
    // A leading wildcard may stand for "arn:" itself; so may a template placeholder
    // (`${!ImportValue shared-bucket-arn}`, left by the CloudFormation loader where only a
    // deployment knows the value).
    if (text.startsWith('*') || text.startsWith('?') || text.startsWith('${!')) return;
    if (text.toLowerCase().startsWith('arn:')) {
      at('INVALID_ARN_PREFIX', `"${text}" must start with "arn:" in lower case.`, [replaceWith(range, `arn:${text.slice(4)}`)]);
      return;
    }
    const prefixed = parseArnFields(`arn:${text}`);
    const fixes = prefixed && isPartition(prefixed.partition) ? [replaceWith(range, `arn:${text}`, 'Add the "arn:" prefix')] : undefined;
    at('INVALID_ARN_PREFIX', `"${text}" is not an ARN: add the required prefix "arn:" (arn:partition:service:region:account:resource), or use "*" for all resources.`, fixes);
    return;
  }

  const fields = splitArnFields(text);
  const last = fields[fields.length - 1];
  if (fields.length < 6) {
    // A wildcard in the last field written may stand for the missing fields.
    if (last.includes('*')) return;
    at('MISSING_ARN_FIELD', `"${text}" has ${fields.length} of the 6 fields of an ARN: arn:partition:service:region:account:resource (Region and account may be empty, the colons may not).`);
    return;
  }
  const arn = parseArnFields(text)!;
  // An empty resource part is left alone: AWS accepts it (it matches no resource), and AWS
  // managed policies contain one ("arn:aws:organizations::*:").
  const empty = (['partition', 'service'] as const).filter((field) => arn[field] === '');
  if (empty.length > 0) {
    at('MISSING_ARN_FIELD', `"${text}" has an empty ${empty.join(' and ')} field. ARNs read arn:partition:service:region:account:resource.`);
    return;
  }

  const partitionKnown = isOpenField(arn.partition) || isPartition(arn.partition);
  if (!partitionKnown) {
    const suggestions = isPartition(arn.partition.toLowerCase()) ? [arn.partition.toLowerCase()] : typoNeighbours(arn.partition, PARTITIONS);
    at(
      'INVALID_PARTITION',
      `"${arn.partition}" is not an AWS partition. Use one of: ${PARTITIONS.join(', ')} ("aws" for the standard Regions).`,
      suggestions.map((partition) => replaceWith(range, joinArnFields({ ...arn, partition }), `Use partition "${partition}"`)),
    );
  }

  if (isOpenField(arn.service)) {
    // No catalog formats to compare with; the fields that stand alone are still checked.
    checkRegionText(arn, partitionKnown ? arn.partition : undefined, at, range);
    checkAccountText(arn, at, range);
    return;
  }
  let service = arn.service;
  if (!catalog.getServiceSummary(service) || service !== service.toLowerCase()) {
    const lower = service.toLowerCase();
    if (lower !== service && catalog.getServiceSummary(lower)) {
      at('INVALID_ARN_SERVICE_CASE', `The service "${service}" in the ARN must be written in lower case: "${lower}". ARNs are case-sensitive.`, [
        replaceWith(range, joinArnFields({ ...arn, service: lower }), `Change the service to "${lower}"`),
      ]);
      service = lower;
    } else {
      // ARN service names are not always action prefixes ("catalog" for Marketplace Catalog,
      // "route53-recovery-control"), and the index lists prefixes only: an unknown name is
      // reported only when it is a near misspelling of a prefix.
      const services = typoNeighbours(service, catalog.listServices().map((summary) => summary.prefix));
      if (services.length > 0) {
        at(
          'INVALID_SERVICE',
          `The service "${service}" in this ARN does not exist. Did you mean ${services.map((s) => `"${s}"`).join(' or ')}?`,
          services.map((prefix) => ({ ...replaceWith(range, joinArnFields({ ...arn, service: prefix }), `Change the service to "${prefix}"`), preferred: services.length === 1 })),
        );
      }
      return;
    }
  }

  // The ARN as checked: the text itself unless its service was lower-cased above.
  const checked = service === arn.service ? arn : { ...arn, service };
  checkAgainstFormats(checked, service === arn.service ? text : joinArnFields(checked), partitionKnown ? arn.partition : undefined, text, catalog, at, range);
}

type At = (code: string, message: string, fixes?: FixData[]) => void;

function checkAccountText(arn: ArnFields, at: At, range: PolicyString['node']['range']): void {
  const account = arn.account;
  if (account === '' || account === 'aws' || account.includes('${')) return;
  // With wildcards, every written character must still be a digit.
  const digits = account.replace(/[*?]/g, '');
  const valid = account.includes('*') ? /^\d*$/.test(digits) && digits.length <= 12 : /^[\d?]{12}$/.test(account);
  if (valid) return;
  const withoutHyphens = account.replace(/[-\s]/g, '');
  const fixes = /^\d{12}$/.test(withoutHyphens) ? [replaceWith(range, joinArnFields({ ...arn, account: withoutHyphens }), 'Remove the hyphens from the account ID')] : undefined;
  at('INVALID_ARN_ACCOUNT', `The account ID "${account}" in this ARN is not valid. Provide a 12-digit account ID without hyphens (or leave it empty where the resource type has no account).`, fixes);
}

function checkAgainstFormats(arn: ArnFields, arnText: string, partition: string | undefined, text: string, catalog: Catalog, at: At, range: PolicyString['node']['range']): void {
  const misspelt = misspeltResourceType(catalog, arn);
  if (misspelt) {
    at(
      'MISSPELLED_ARN_RESOURCE_TYPE',
      `"${misspelt.written}" is not a ${arn.service} resource type, so this ARN matches no resource. Did you mean ${misspelt.suggestions.map((s) => `"${s}"`).join(' or ')}?`,
      misspelt.suggestions.map((suggestion) => ({
        ...replaceWith(range, joinArnFields({ ...arn, resource: misspelt.prefix + suggestion + misspelt.rest }), `Change the resource type to "${suggestion}"`),
        preferred: misspelt.suggestions.length === 1,
      })),
    );
    return;
  }
  // Fitting the ARN to each resource type of its service is the costly step of this family, and
  // only the three findings below depend on its answer; most ARNs could get none of them (a
  // Region and an account, or wildcards, where every type of the service takes both), and then
  // the answer is not needed.
  const fitting = headerFindingPossible(catalog, arn) ? resourceTypesFittingResourcePart(catalog, arn.service, arnText) : undefined;
  const header = fitting && fitting.length > 0 ? headerOf(fitting) : undefined;
  const allShapes = (field: 'region' | 'account', value: ArnHeaderShape['region']) => header !== undefined && header[field] === value;
  // Named only in messages: most ARNs get none.
  const names = () => (fitting ?? []).map((rt) => rt.name).join(', ');

  if (arn.region !== '' && !isOpenField(arn.region)) {
    if (allShapes('region', 'empty')) {
      at('ARN_REGION_NOT_ALLOWED', `The ${arn.service} resource type (${names()}) does not take a Region in its ARN: remove "${arn.region}".`, [
        replaceWith(range, joinArnFields({ ...arn, region: '' }), `Remove the Region "${arn.region}"`),
      ]);
    } else {
      checkRegionText(arn, partition, at, range);
    }
  } else if (arn.region === '' && allShapes('region', 'placeholder')) {
    at('MISSING_ARN_REGION', `Add a Region to this ${arn.service} ARN (${names()} ARNs have one), or "*" for every Region. "${text}" matches no resource as written.`, [
      { title: 'Match every Region ("*")', edits: [{ range, newText: JSON.stringify(joinArnFields({ ...arn, region: '*' })) }] },
    ]);
  }

  if (arn.account !== '' && !isOpenField(arn.account) && allShapes('account', 'empty')) {
    at('ARN_ACCOUNT_NOT_ALLOWED', `The ${arn.service} resource type (${names()}) does not take an account ID in its ARN: remove "${arn.account}".`, [
      replaceWith(range, joinArnFields({ ...arn, account: '' }), `Remove the account "${arn.account}"`),
    ]);
  } else {
    checkAccountText(arn, at, range);
  }
}

/** Which header shapes occur among the resource types of a service (those in its own namespace). */
interface ShapesPresent {
  readonly regionEmpty: boolean;
  readonly regionPlaceholder: boolean;
  readonly accountEmpty: boolean;
}

const shapesByService = new WeakMap<readonly ResourceTypeInfo[], ShapesPresent>();

/**
 * Whether ARN_REGION_NOT_ALLOWED, MISSING_ARN_REGION or ARN_ACCOUNT_NOT_ALLOWED could apply to
 * `arn`: each needs every resource type the ARN fits to have a given shape, so some type of the
 * service must have it. When none can, the types the ARN fits make no difference to the findings.
 */
function headerFindingPossible(catalog: Catalog, arn: ArnFields): boolean {
  const own = ownResourceTypes(catalog, arn.service);
  if (!own) return false;
  let present = shapesByService.get(own);
  if (!present) {
    const shapes = own.map(arnHeaderShape);
    present = {
      regionEmpty: shapes.some((shape) => shape.region === 'empty'),
      regionPlaceholder: shapes.some((shape) => shape.region === 'placeholder'),
      accountEmpty: shapes.some((shape) => shape.account === 'empty'),
    };
    shapesByService.set(own, present);
  }
  const region = arn.region === '' ? present.regionPlaceholder : !isOpenField(arn.region) && present.regionEmpty;
  const account = arn.account !== '' && !isOpenField(arn.account) && present.accountEmpty;
  return region || account;
}

/** What the resource types an ARN can be agree on; undefined for a field where they differ. */
interface HeaderAgreement {
  readonly region?: ArnHeaderShape['region'];
  readonly account?: ArnHeaderShape['account'];
}

/**
 * Called once per ARN (its findings are cached by text), with a non-empty list; a plain loop
 * over the types' cached shapes.
 */
function headerOf(fitting: readonly ResourceTypeInfo[]): HeaderAgreement {
  const first = arnHeaderShape(fitting[0]);
  let region: ArnHeaderShape['region'] | undefined = first.region;
  let account: ArnHeaderShape['account'] | undefined = first.account;
  for (let i = 1; i < fitting.length; i++) {
    const shape = arnHeaderShape(fitting[i]);
    if (shape.region !== region) region = undefined;
    if (shape.account !== account) account = undefined;
  }
  return { region, account };
}

/**
 * The resource part's leading word ("role" in "role/app", "log-group" in "log-group:x") when it
 * is no resource-type word of the service's ARN formats but a near misspelling of one. Words
 * that are simply unknown are left alone: the service reference does not list every ARN AWS
 * accepts (AWS managed policies name waf "changetoken/*", API Gateway "/v2/apis", ...), so only
 * a typo is certain.
 */
function misspeltResourceType(catalog: Catalog, arn: ArnFields): { written: string; suggestions: string[]; prefix: string; rest: string } | undefined {
  const words = resourceTypeWords(catalog, arn.service);
  if (!words) return undefined;
  const match = /^(\/?)([A-Za-z0-9_.-]+)(.*)$/s.exec(arn.resource);
  if (!match) return undefined;
  const [, prefix, written, rest] = match;
  if (words.has(written) || (rest !== '' && !/^[/:]/.test(rest))) return undefined;
  const suggestions = typoNeighbours(written, words);
  return suggestions.length > 0 ? { written, suggestions, prefix, rest } : undefined;
}

function checkRegionText(arn: ArnFields, partition: string | undefined, at: At, range: PolicyString['node']['range']): void {
  if (arn.region === '' || isOpenField(arn.region)) return;
  const problem = regionProblem(arn.region, partition);
  if (!problem) return;
  const suggestions = regionSuggestions(arn.region, partition);
  at(
    'INVALID_ARN_REGION',
    `${problem}. Update the ARN to a Region of its partition, or "*".`,
    suggestions.map((region) => replaceWith(range, joinArnFields({ ...arn, region }), `Use Region "${region}"`)),
  );
}

function regionSuggestions(region: string, partition: string | undefined): string[] {
  const lower = region.toLowerCase();
  const inPartition = KNOWN_REGIONS.filter((known) => !partition || regionProblem(known, partition) === undefined);
  if (lower !== region && isRegionCode(lower) && inPartition.includes(lower)) return [lower];
  return typoNeighbours(lower, inPartition);
}

// --- Regions in conditions -----------------------------------------------------------------------

/**
 * Keys whose values are Region codes: aws:RequestedRegion (reference_policies_condition-keys.md),
 * s3:LocationConstraint, and service keys named ...Region(s) in the service reference
 * (ec2:Region, kms:ReplicaRegion...), but not the MultiRegion flags.
 */
function isRegionKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (lower === 'aws:requestedregion' || lower === 's3:locationconstraint') return true;
  const colon = lower.indexOf(':');
  if (colon <= 0 || lower.startsWith('aws:')) return false;
  const name = lower.slice(colon + 1);
  return /regions?$/.test(name) && !name.includes('multiregion') && !name.includes('/');
}

const STRING_OPERATOR = /^((ForAllValues|ForAnyValue):)?string(not)?(equals|equalsignorecase|like)(ifexists)?$/i;

function checkRegionConditions(statement: Statement, report: Report): void {
  for (const operator of statement.condition?.operators ?? []) {
    if (!STRING_OPERATOR.test(operator.operator)) continue;
    for (const key of operator.keys) {
      if (!isRegionKey(key.key)) continue;
      for (const value of key.values) checkRegionValue(key.key, value, statement.index, report);
    }
  }
}

function checkRegionValue(
  key: string,
  value: { node: PolicyString['node']; text: string },
  statementIndex: number,
  report: Report,
): void {
  const region = value.text;
  if (value.node.type !== 'string' || isOpenField(region) || isRegionCode(region)) return;
  const suggestions = regionSuggestions(region, undefined);
  report('INVALID_REGION', {
    range: value.node.range,
    statementIndex,
    message: `"${region}" is not a Region code, so ${key} never equals it. Use a Region code such as "us-east-1".${suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`,
    fixes: suggestions.map((suggestion) => replaceWith(value.node.range, suggestion)),
  });
}
