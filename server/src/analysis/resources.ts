/**
 * The Resource and NotResource elements as a whole: empty and redundant entries, ARNs a
 * resource-based policy cannot hold, and actions that none of the statement's resources fit.
 * Sources: access-analyzer-reference-policy-checks.md, reference_policies_elements_resource.md.
 */
import type { Catalog } from '../catalog/catalog';
import type { ActionInfo, ResourceTypeInfo, ServiceInfo } from '../catalog/types';
import type { PolicyAst, PolicyString, Statement, StringListElement } from '../policy/ast';
import { checkEmptyList } from './emptyList';
import { accessAnalyzerDocs, userGuideDocs, type CheckFamily, type CheckInfo } from './check';
import { redundantEntryFixes } from './fixEdits';
import { actionsMatching, resolveActions, type ResolvedAction } from './actionsResolve';
import { arnFieldsCover, isOpenField, parseArnFields, type ArnFields } from './arnsParse';
import { hasWildcardCharacter } from './wildcardsPattern';
import { mayBeResourceOfType } from './resourcesFit';

const checks: CheckInfo[] = [
  {
    code: 'EMPTY_ARRAY_RESOURCE',
    severity: 'suggestion',
    summary: 'Resource is an empty array: the statement has no effect.',
    accessAnalyzerTitle: 'Empty array resource',
    docs: accessAnalyzerDocs('suggestion', 'Empty array resource'),
  },
  {
    code: 'REDUNDANT_RESOURCE',
    severity: 'suggestion',
    summary: 'A resource entry already covered by another entry of the same element (a duplicate, or matched by a wildcard ARN).',
    accessAnalyzerTitle: 'Redundant resource',
    docs: accessAnalyzerDocs('suggestion', 'Redundant resource'),
  },
  {
    code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
    severity: 'error',
    summary: "A resource-based policy names an ARN of another service than the resource's (e.g. a KMS key ARN in a bucket policy).",
    accessAnalyzerTitle: 'Unsupported resource ARN in policy',
    kinds: ['resource'],
    docs: accessAnalyzerDocs('error', 'Unsupported resource ARN in policy'),
  },
  {
    code: 'ACTION_RESOURCE_MISMATCH',
    severity: 'warning',
    summary:
      "An action none of the statement's resources can be: no listed ARN fits any resource type of the action (\"*\", wildcards and variables count as fitting), so the statement never applies to it.",
    kinds: ['identity', 'resource', 'scp', 'rcp', 'boundary', 'session', 'endpoint'],
    docs: userGuideDocs('reference_policies_elements_resource'),
  },
];

type Report = Parameters<CheckFamily['run']>[1];

export const resourceChecks: CheckFamily = {
  name: 'resources',
  checks,
  run({ ast, kind, catalog, fixes }, report) {
    const resourceService = kind.type === 'resource' ? kind.resourceService : undefined;
    for (const statement of ast.statements) {
      checkEmptyResource(ast, statement, report);
      for (const element of [statement.resource, statement.notResource]) {
        if (!element) continue;
        checkRedundant(ast, element, statement.index, report, fixes !== false);
        if (resourceService) {
          for (const value of element.values) checkResourceService(value, resourceService, statement.index, report);
        }
      }
      if (kind.type !== 'trust') checkActionsFitResources(statement, catalog, report);
    }
  },
};

function checkEmptyResource(ast: PolicyAst, statement: Statement, report: Report): void {
  checkEmptyList(ast, statement, statement.resource, 'EMPTY_ARRAY_RESOURCE', 'This statement includes no resources and does not affect the policy. Add the ARNs it is meant for ("*" for all), or remove the statement.', report);
}

/** As REDUNDANT_ACTION: of two entries that cover each other, the later one is reported. */
function checkRedundant(ast: PolicyAst, element: StringListElement, statementIndex: number, report: Report, withFixes: boolean): void {
  if (element.form !== 'array' || element.values.length < 2) return;
  const values = element.values;
  // Only wildcard entries (and "*") cover others; each value is split into ARN fields once.
  const fields = values.map((value) => parseArnFields(value.value));
  const coverers = values.map((_, index) => index).filter((index) => hasWildcardCharacter(values[index].value));
  // A coverer's resource field must start with its literal head (the text before its first wildcard).
  const heads = fields.map((field) => (field ? field.resource.slice(0, field.resource.search(/[*?]|\$\{|$/)) : ''));
  const covers = (outer: number, inner: number): boolean => {
    if (values[outer].value === '*') return true;
    const a = fields[outer];
    const b = fields[inner];
    return a && b ? b.resource.startsWith(heads[outer]) && arnFieldsCover(a, b) : false;
  };
  const candidates = candidateCoverers(values, fields, heads, coverers);
  const first = new Map<string, PolicyString>();
  const redundant: { value: PolicyString; by: PolicyString }[] = [];
  values.forEach((value, index) => {
    const duplicateOf = first.get(value.value);
    if (duplicateOf) {
      redundant.push({ value, by: duplicateOf });
      return;
    }
    first.set(value.value, value);
    const by = candidates(index).find(
      (other) => other !== index && values[other].value !== value.value && covers(other, index) && !(covers(index, other) && index < other),
    );
    if (by !== undefined) redundant.push({ value, by: values[by] });
  });
  if (redundant.length === 0) return;
  // The removal edits locate every redundant entry in the text: only for a caller that wants fixes.
  const fixesFor = withFixes
    ? redundantEntryFixes(
        ast,
        element,
        redundant.map(({ value }) => value),
        'resources',
      )
    : () => undefined;
  for (const { value, by } of redundant) {
    report('REDUNDANT_RESOURCE', {
      range: value.node.range,
      statementIndex,
      message:
        by.value === value.value
          ? `"${value.value}" appears more than once in this ${element.property.key}. Remove the repetition.`
          : `"${value.value}" is redundant: "${by.value}" in the same ${element.property.key} already covers it. Remove it, or remove the wildcard if only the listed resources are meant.`,
      fixes: fixesFor(value),
    });
  }
}

/** Beyond this many wildcard entries, the ones that may cover an entry are looked up by their literal heads. */
const MANY_COVERERS = 64;

/**
 * The wildcard entries that may cover entry `index`, in document order: "*", and those whose
 * resource field's literal head starts the entry's resource field (`covers` requires both). A
 * long list of wildcard ARNs is grouped by head length, so an entry looks up its own prefixes
 * of those lengths instead of trying every wildcard.
 */
function candidateCoverers(values: readonly PolicyString[], fields: readonly (ArnFields | undefined)[], heads: readonly string[], coverers: readonly number[]): (index: number) => readonly number[] {
  if (coverers.length <= MANY_COVERERS) return () => coverers;
  const stars = coverers.filter((index) => values[index].value === '*');
  const byLength = new Map<number, Map<string, number[]>>();
  for (const index of coverers) {
    if (values[index].value === '*' || !fields[index]) continue;
    const head = heads[index];
    let byHead = byLength.get(head.length);
    if (!byHead) byLength.set(head.length, (byHead = new Map()));
    const list = byHead.get(head);
    if (list) list.push(index);
    else byHead.set(head, [index]);
  }
  return (index) => {
    const resource = fields[index]?.resource;
    if (resource === undefined) return stars;
    const found = [...stars];
    for (const [length, byHead] of byLength) {
      if (length <= resource.length) found.push(...(byHead.get(resource.slice(0, length)) ?? []));
    }
    return found.sort((a, b) => a - b);
  };
}

function checkResourceService(value: PolicyString, resourceService: string, statementIndex: number, report: Report): void {
  const fields = parseArnFields(value.value);
  if (!fields || isOpenField(fields.service)) return;
  const service = fields.service.toLowerCase();
  if (service === resourceService) return;
  report('UNSUPPORTED_RESOURCE_ARN_IN_POLICY', {
    range: value.node.range,
    statementIndex,
    message: `"${value.value}" is a ${service} ARN, but this policy is attached to a ${resourceService} resource and can only name ${resourceService} resources. Use the ARN of the resource the policy is attached to (or its sub-resources).`,
  });
}

// --- actions that no resource fits ---------------------------------------------------------------

/**
 * A Resource entry as the fit test reads it: the ARN with its service in lower case, or
 * undefined when it may be anything (not a plain ARN of a named service: wildcards in the
 * service, variables, non-ARNs).
 */
function arnToFit(resource: string): string | undefined {
  const fields = parseArnFields(resource);
  if (!fields || isOpenField(fields.service)) return undefined;
  return fields.service === fields.service.toLowerCase() ? resource : resource.replace(`:${fields.service}:`, `:${fields.service.toLowerCase()}:`);
}

/**
 * The action's resource types as the catalog describes them, or undefined when the action cannot
 * be judged: it has no resource types, or the catalog does not describe one of them. Per catalog
 * and action.
 */
const describedTypes = new WeakMap<Catalog, WeakMap<ActionInfo, readonly ResourceTypeInfo[] | null>>();

function judgedResourceTypes(catalog: Catalog, action: ActionInfo): readonly ResourceTypeInfo[] | undefined {
  let perCatalog = describedTypes.get(catalog);
  if (!perCatalog) describedTypes.set(catalog, (perCatalog = new WeakMap()));
  let types = perCatalog.get(action);
  if (types === undefined) {
    const described = action.resourceTypes.map((rt) => catalog.getResourceType(action.service, rt.name));
    types = described.length > 0 && described.every((resourceType) => resourceType !== undefined) ? (described as ResourceTypeInfo[]) : null;
    perCatalog.set(action, types);
  }
  return types ?? undefined;
}

function checkActionsFitResources(statement: Statement, catalog: Catalog, report: Report): void {
  const resources = statement.resource?.values;
  if (!statement.action || !resources || resources.length === 0) return;
  if (resources.some((value) => value.value === '*' || !value.value.startsWith('arn:'))) return;
  // Each Resource entry read once, when a resource type first needs it (one that fits ends the search).
  const arns: (string | undefined | null)[] = [];
  const arnAt = (index: number): string | undefined => {
    if (arns[index] === undefined) arns[index] = arnToFit(resources[index].value) ?? null;
    return arns[index] ?? undefined;
  };
  // Whether some Resource entry (as arnToFit gives it) can be of the type, once per type: actions
  // share their types (every S3 object action has "object"). An entry that may be anything fits.
  const typeFits = new Map<ResourceTypeInfo, boolean>();
  const fitsType = (service: ServiceInfo, resourceType: ResourceTypeInfo): boolean => {
    let fits = typeFits.get(resourceType);
    if (fits === undefined) {
      fits = resources.some((_, index) => {
        const arn = arnAt(index);
        return arn === undefined || mayBeResourceOfType(service, resourceType, arn);
      });
      typeFits.set(resourceType, fits);
    }
    return fits;
  };
  const mayFit = (info: ActionInfo, types: readonly ResourceTypeInfo[]): boolean => {
    const service = catalog.getService(info.service);
    return !service || types.some((resourceType) => fitsType(service, resourceType));
  };
  for (const action of resolveActions(statement.action, catalog)) {
    const actions = actionsOf(action, catalog);
    if (!actions || actions.length === 0) continue;
    const judged: { info: ActionInfo; types: readonly ResourceTypeInfo[] }[] = [];
    for (const info of actions) {
      const types = judgedResourceTypes(catalog, info);
      if (types) judged.push({ info, types });
    }
    // Actions without resource types need "*"; the brief of this check is the ones that have types.
    if (judged.length === 0 || judged.length < actions.length) continue;
    if (judged.some(({ info, types }) => mayFit(info, types))) continue;
    const types = [...new Set(judged.flatMap(({ info }) => info.resourceTypes.map((rt) => rt.name)))];
    const shown = types.slice(0, 4).join(', ') + (types.length > 4 ? ', ...' : '');
    report('ACTION_RESOURCE_MISMATCH', {
      range: action.text.node.range,
      statementIndex: statement.index,
      message: `"${action.text.value}" applies to ${shown} resources, and none of this statement's resources is one, so the statement never applies to it. Add the ARN of a ${types[0]}, or move the action to a statement for its resources.`,
    });
  }
}

function actionsOf(action: ResolvedAction, catalog: Catalog): readonly ActionInfo[] | undefined {
  if (action.kind === 'known') return action.info ? [action.info] : undefined;
  if (action.kind === 'pattern') return actionsMatching(catalog, action.service, action.name);
  return undefined;
}
