/**
 * Wildcards in service names (Access Analyzer's "Wildcard in service name" suggestion), and the
 * quick fixes that replace a wildcard action by what it matches today: all its actions, or
 * those of one access level (the levels come from the catalog). A lone "*" is the deliberate "every service"; it is the
 * partial ones ("s3*", "*code*") that reach services by accident of their names.
 * Sources: access-analyzer-reference-policy-checks.md, reference_policies_elements_action.md,
 * reference_policies_elements_resource.md ("You can't use a wildcard in the service segment").
 */
import type { Catalog } from '../catalog/catalog';
import type { AccessLevel, ActionInfo } from '../catalog/types';
import { actionPatternToRegExp } from '../catalog/actionPattern';
import type { PolicyAst, PolicyString, StringListElement } from '../policy/ast';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import type { FixData } from './finding';
import { replaceListItemWithStrings } from './fixEdits';
import { actionsMatching, resolveActions, splitActionText, type ResolvedAction } from './actionsResolve';
import { parseArnFields } from './arnsParse';
import { hasWildcardCharacter } from './wildcardsPattern';
import { documentMemo } from './documentMemo';

const checks: CheckInfo[] = [
  {
    code: 'WILDCARD_IN_SERVICE_NAME',
    severity: 'suggestion',
    summary: 'A partial wildcard in the service part of an action or ARN ("s3*:Get*", "arn:aws:*code*:...") reaches every service whose name fits, including future ones.',
    accessAnalyzerTitle: 'Wildcard in service name',
    docs: accessAnalyzerDocs('suggestion', 'Wildcard in service name'),
  },
];

/** At most this many services are loaded for one partial service wildcard; beyond it no fix is offered. */
const MAX_SERVICES_PER_WILDCARD = 30;

export const wildcardChecks: CheckFamily = {
  name: 'wildcards',
  checks,
  run({ ast, catalog, fixes }, report) {
    for (const statement of ast.statements) {
      for (const element of [statement.action, statement.notAction]) {
        if (!element) continue;
        for (const action of resolveActions(element, catalog)) {
          if (action.kind !== 'service-pattern' || action.service === '*') continue;
          report('WILDCARD_IN_SERVICE_NAME', {
            range: action.text.node.range,
            statementIndex: statement.index,
            message: `"${action.text.value}" has a wildcard in the service name, so it reaches every service whose prefix fits "${action.service}", now and in future. Name the services explicitly.`,
            fixes: fixes === false ? undefined : wildcardExpansionFixes(ast, element, action, catalog),
          });
        }
      }
      for (const element of [statement.resource, statement.notResource]) {
        for (const value of element?.values ?? []) checkArnService(value, statement.index, report);
      }
    }
  },
};

function checkArnService(value: PolicyString, statementIndex: number, report: Parameters<CheckFamily['run']>[1]): void {
  const fields = parseArnFields(value.value);
  if (!fields || fields.service === '*' || !hasWildcardCharacter(fields.service)) return;
  report('WILDCARD_IN_SERVICE_NAME', {
    range: value.node.range,
    statementIndex,
    message: `The service "${fields.service}" in this ARN has a wildcard, so it may match resources of other services with similar names. Write the service prefix of the resources meant, one ARN per service.`,
  });
}

/** Services (loaded, known) whose prefix matches a service pattern, or undefined when one of them is not loaded. */
function servicesMatching(catalog: Catalog, servicePattern: string): string[] | undefined {
  const regExp = actionPatternToRegExp(servicePattern);
  const prefixes = catalog
    .listServices()
    .map((service) => service.prefix)
    .filter((prefix) => regExp.test(prefix));
  return prefixes.every((prefix) => catalog.isServiceLoaded(prefix)) ? prefixes : undefined;
}

/**
 * The services that partial service wildcards in actions reach, for prepareAnalysis to load so
 * that the fixes can list their actions. A lone "*" and patterns reaching more than
 * MAX_SERVICES_PER_WILDCARD services are left out: loading them would make typing wait.
 */
export function servicesNamedByWildcards(ast: PolicyAst, catalog: Catalog): string[] {
  const services = new Set<string>();
  for (const statement of ast.statements) {
    for (const element of [statement.action, statement.notAction]) {
      for (const value of element?.values ?? []) {
        const service = wildcardService(value.value);
        if (service === undefined) continue;
        const regExp = actionPatternToRegExp(service);
        const matching = catalog
          .listServices()
          .map((service) => service.prefix)
          .filter((prefix) => regExp.test(prefix));
        if (matching.length <= MAX_SERVICES_PER_WILDCARD) for (const prefix of matching) services.add(prefix);
      }
    }
  }
  return [...services];
}

/**
 * The service part of an action written service:action when it holds a wildcard and is not a
 * lone "*"; undefined otherwise. (splitActionText and hasWildcardCharacter in one pass, without
 * slicing the many actions that have no wildcard there.)
 */
function wildcardService(action: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1 || action.indexOf(':', colon + 1) >= 0) return undefined;
  const star = action.indexOf('*');
  const question = action.indexOf('?');
  if (!((star >= 0 && star < colon) || (question >= 0 && question < colon))) return undefined;
  const service = action.slice(0, colon);
  return service === '*' ? undefined : service;
}

/**
 * Fixes travel with every diagnostic; beyond this many actions a list is no starting point
 * anyone edits (ec2:* has some 750), and the level fixes remain for the smaller groups.
 */
const MAX_ACTIONS_PER_FIX = 300;

const LEVEL_ORDER: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
/** Most sensitive first: an action the reference lists in two levels counts in the more sensitive one. */
const SENSITIVITY: readonly AccessLevel[] = ['Permissions management', 'Write', 'Tagging', 'Read', 'List'];

function levelOf(info: ActionInfo): AccessLevel | undefined {
  return SENSITIVITY.find((level) => info.accessLevels.includes(level));
}

/** What an action entry matches today, as full names in the catalog's casing; undefined when it cannot be listed. */
function currentMatches(action: ResolvedAction, catalog: Catalog): ActionInfo[] | undefined {
  if (action.kind === 'pattern') return [...actionsMatching(catalog, action.service, action.name)];
  if (action.kind !== 'service-pattern' || action.service === '*') return undefined;
  const services = servicesMatching(catalog, action.service);
  if (!services) return undefined;
  return services.flatMap((service) => [...actionsMatching(catalog, service, action.name)]);
}

/**
 * Fixes that replace a wildcard entry by the explicit actions it matches: all of them, and one
 * fix per access level present (when there is more than one). An action the reference lists in
 * two levels ("Permissions management, Write") goes with the more sensitive one, so "Write only"
 * never brings back s3:PutBucketPolicy. Entries already in the element
 * are not repeated. A service-wildcard entry ("s3*:Get*") is also offered as one entry per
 * service, which keeps future actions of those services but no longer reaches new services.
 */
export function wildcardExpansionFixes(ast: PolicyAst, element: StringListElement, action: ResolvedAction, catalog: Catalog): FixData[] | undefined {
  // Several findings may point at the same entry: computed once per entry of the parsed document.
  let fixes = expansionsByEntry.get(action.text);
  if (fixes === undefined) {
    fixes = computeExpansionFixes(ast, element, action, catalog) ?? null;
    expansionsByEntry.set(action.text, fixes);
  }
  return fixes ?? undefined;
}

const expansionsByEntry = documentMemo<PolicyString, FixData[] | null>();

function computeExpansionFixes(ast: PolicyAst, element: StringListElement, action: ResolvedAction, catalog: Catalog): FixData[] | undefined {
  const node = element.property.value;
  const matches = currentMatches(action, catalog);
  if (!node || !matches || matches.length === 0) return undefined;
  const present = new Set(element.values.filter((value) => value !== action.text).map((value) => value.value.toLowerCase()));
  const replace = (title: string, names: readonly string[]): FixData | undefined => {
    const values = names.filter((name) => !present.has(name.toLowerCase()));
    if (values.length === 0 || values.length > MAX_ACTIONS_PER_FIX) return undefined;
    return { title, edits: [replaceListItemWithStrings(ast, node, action.text.node, values)] };
  };
  const fixes: (FixData | undefined)[] = [];
  const written = action.text.value;
  if (action.kind === 'service-pattern') {
    const name = splitActionText(written)![1];
    const services = [...new Set(matches.map((info) => info.service))];
    fixes.push(replace(`Replace "${written}" with one entry per service it reaches (${services.length})`, services.map((service) => `${service}:${name}`)));
  }
  fixes.push(replace(`Replace "${written}" with the ${matches.length} actions it matches today`, matches.map((info) => info.fullName)));
  const levels = LEVEL_ORDER.filter((level) => matches.some((info) => levelOf(info) === level));
  if (levels.length > 1) {
    for (const level of levels) {
      const ofLevel = matches.filter((info) => levelOf(info) === level);
      fixes.push(replace(`Replace "${written}" with its ${ofLevel.length} ${level} actions only`, ofLevel.map((info) => info.fullName)));
    }
  }
  const result = fixes.filter((fix): fix is FixData => fix !== undefined);
  return result.length > 0 ? result : undefined;
}
