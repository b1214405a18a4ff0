/**
 * The Action and NotAction elements: actions and services that do not exist, actions a
 * resource-based policy cannot hold, empty and redundant entries.
 * Sources: access-analyzer-reference-policy-checks.md, reference_policies_elements_action.md.
 *
 * A typo and a retired action look alike (both are names the catalog does not list). They are
 * told apart by distance: a name within one or two edits of a listed action (see typoDistance)
 * is a typo, INVALID_ACTION with a "did you mean" fix; a well-formed name with no such neighbour
 * is RETIRED_OR_UNKNOWN_ACTION, a warning, because real policies (AWS managed ones included)
 * still name actions AWS has retired or renamed, and a newer catalog may know ones this one does
 * not. The same rule splits an unknown service prefix between INVALID_SERVICE_IN_ACTION and
 * RETIRED_OR_UNKNOWN_ACTION.
 */
import type { Catalog } from '../catalog/catalog';
import type { ActionInfo } from '../catalog/types';
import type { PolicyAst, Statement, StringListElement } from '../policy/ast';
import { checkEmptyList } from './emptyList';
import { accessAnalyzerDocs, userGuideDocs, type CheckFamily, type CheckInfo } from './check';
import type { FixData } from './finding';
import { redundantEntryFixes } from './fixEdits';
import { actionsMatching, resolveActions, typoNeighbours, type ResolvedAction } from './actionsResolve';
import { patternCovers } from './wildcardsPattern';

const checks: CheckInfo[] = [
  {
    code: 'INVALID_ACTION',
    severity: 'error',
    summary: 'An action that does not exist: not of the form service:action, or a misspelling of a listed action (with a "did you mean" fix).',
    accessAnalyzerTitle: 'Invalid action',
    docs: accessAnalyzerDocs('error', 'Invalid action'),
  },
  {
    code: 'INVALID_SERVICE_IN_ACTION',
    severity: 'error',
    summary: 'The service prefix of an action is a misspelling of a known service (with a fix).',
    accessAnalyzerTitle: 'Invalid service in action',
    docs: accessAnalyzerDocs('error', 'Invalid service in action'),
  },
  {
    code: 'RETIRED_OR_UNKNOWN_ACTION',
    severity: 'warning',
    summary:
      'A well-formed action (or action pattern, or service) the catalog does not list and that is no near misspelling: retired, renamed, or newer than the catalog. It grants nothing AWS knows today.',
    docs: userGuideDocs('reference_policies_elements_action'),
  },
  {
    code: 'UNSUPPORTED_ACTION_IN_POLICY',
    severity: 'error',
    summary: "A resource-based policy names an action of another service than the resource's (e.g. a KMS action in a bucket policy).",
    accessAnalyzerTitle: 'Unsupported action in policy',
    kinds: ['resource'],
    docs: accessAnalyzerDocs('error', 'Unsupported action in policy'),
  },
  {
    code: 'EMPTY_ARRAY_ACTION',
    severity: 'suggestion',
    summary: 'Action is an empty array: the statement has no effect.',
    accessAnalyzerTitle: 'Empty array action',
    docs: accessAnalyzerDocs('suggestion', 'Empty array action'),
  },
  {
    code: 'REDUNDANT_ACTION',
    severity: 'suggestion',
    summary: 'An action entry already covered by another entry of the same element (a duplicate, or matched by a wildcard).',
    accessAnalyzerTitle: 'Redundant action',
    docs: accessAnalyzerDocs('suggestion', 'Redundant action'),
  },
];

type Report = Parameters<CheckFamily['run']>[1];

export const actionChecks: CheckFamily = {
  name: 'actions',
  checks,
  run({ ast, kind, catalog, fixes }, report) {
    const resourceService = kind.type === 'resource' ? kind.resourceService : undefined;
    for (const statement of ast.statements) {
      for (const element of [statement.action, statement.notAction]) {
        if (!element) continue;
        const actions = resolveActions(element, catalog);
        for (const action of actions) {
          checkExistence(action, statement.index, catalog, report);
          if (resourceService) checkResourceService(action, resourceService, statement.index, report);
        }
        checkRedundant(ast, element, actions, statement.index, report, fixes !== false);
      }
      checkEmptyAction(ast, statement, report);
    }
  },
};

/**
 * Typo suggestions by question, per catalog: finding neighbours scans a service's actions (or
 * every service), and a policy naming retired actions asks the same on every edit.
 */
const MAX_CACHED_SUGGESTIONS = 5000;
const suggestionCaches = new WeakMap<Catalog, Map<string, string[]>>();

function memoized(catalog: Catalog, key: string, compute: () => string[]): string[] {
  let cache = suggestionCaches.get(catalog);
  if (!cache) {
    cache = new Map();
    suggestionCaches.set(catalog, cache);
  }
  let result = cache.get(key);
  if (!result) {
    result = compute();
    if (cache.size >= MAX_CACHED_SUGGESTIONS) cache.clear();
    cache.set(key, result);
  }
  return result;
}

/** Read when reporting, not before: ranges are computed on first read, and most entries are fine. */
function entryRange(action: ResolvedAction): FixData['edits'][number]['range'] {
  return action.text.node.range;
}

function checkExistence(action: ResolvedAction, statementIndex: number, catalog: Catalog, report: Report): void {
  const written = action.text.value;
  switch (action.kind) {
    case 'malformed':
      report('INVALID_ACTION', {
        range: entryRange(action),
        statementIndex,
        message: `"${written}" is not an action. Actions are written service:ActionName, for example "s3:GetObject", or "*" for all.`,
      });
      return;
    case 'unknown-service': {
      const services = memoized(catalog, `service ${action.service}`, () => typoNeighbours(action.service, catalog.listServices().map((service) => service.prefix)));
      const writtenService = written.slice(0, written.indexOf(':'));
      if (services.length > 0) {
        report('INVALID_SERVICE_IN_ACTION', {
          range: entryRange(action),
          statementIndex,
          message: `The service "${writtenService}" in "${written}" does not exist. Did you mean ${services.map((s) => `"${s}"`).join(' or ')}?`,
          fixes: services.map((service) => replaceText(entryRange(action), `${service}:${action.name}`, services.length === 1)),
        });
      } else {
        report('RETIRED_OR_UNKNOWN_ACTION', {
          range: entryRange(action),
          statementIndex,
          message: `The service "${writtenService}" is not in the service catalog: it was retired, or is newer than this catalog. "${written}" grants nothing AWS lists today; remove it unless you know the service.`,
        });
      }
      return;
    }
    case 'unknown-action': {
      const names = memoized(catalog, `action ${action.service}:${action.name}`, () =>
        typoNeighbours(action.name, catalog.getService(action.service)?.actions.map((info) => info.name) ?? []),
      );
      const prefix = written.slice(0, written.indexOf(':'));
      if (names.length > 0) {
        report('INVALID_ACTION', {
          range: entryRange(action),
          statementIndex,
          message: `The action "${written}" does not exist. Did you mean ${names.map((name) => `"${prefix}:${name}"`).join(' or ')}?`,
          fixes: names.map((name) => replaceText(entryRange(action), `${prefix}:${name}`, names.length === 1)),
        });
      } else {
        report('RETIRED_OR_UNKNOWN_ACTION', {
          range: entryRange(action),
          statementIndex,
          message: `"${written}" is not in the service catalog for ${action.service}: the action was retired or renamed, or is newer than this catalog. It grants nothing AWS lists today; remove it or replace it by the current action.`,
        });
      }
      return;
    }
    case 'pattern': {
      if (actionsMatching(catalog, action.service, action.name).length > 0) return;
      const fixed = memoized(catalog, `pattern ${action.service}:${action.name}`, () => repairPatternHead(catalog, action));
      const prefix = written.slice(0, written.indexOf(':'));
      if (fixed.length > 0) {
        report('INVALID_ACTION', {
          range: entryRange(action),
          statementIndex,
          message: `"${written}" matches no ${action.service} action. Did you mean ${fixed.map((name) => `"${prefix}:${name}"`).join(' or ')}?`,
          fixes: fixed.map((name) => replaceText(entryRange(action), `${prefix}:${name}`, fixed.length === 1)),
        });
      } else {
        report('RETIRED_OR_UNKNOWN_ACTION', {
          range: entryRange(action),
          statementIndex,
          message: `"${written}" matches no action the service catalog lists for ${action.service} (retired actions, or newer than this catalog). Remove it or correct the pattern.`,
        });
      }
      return;
    }
    default:
      return;
  }
}

/**
 * For a pattern that matches nothing, a corrected pattern: its literal head (the text before
 * the first wildcard) replaced by the nearest head of a listed action ("Gte*" -> "Get*").
 */
function repairPatternHead(catalog: Catalog, action: ResolvedAction): string[] {
  const wildcard = action.name.search(/[*?]/);
  const head = action.name.slice(0, wildcard);
  if (head.length < 2) return [];
  const heads = new Set<string>();
  for (const info of catalog.getService(action.service)?.actions ?? []) {
    if (info.name.length >= head.length) heads.add(info.name.slice(0, head.length));
  }
  const rest = action.name.slice(wildcard);
  return typoNeighbours(head, heads)
    .map((candidate) => candidate + rest)
    .filter((pattern) => actionsMatching(catalog, action.service, pattern).length > 0);
}

function checkResourceService(action: ResolvedAction, resourceService: string, statementIndex: number, report: Report): void {
  if (action.kind !== 'known' && action.kind !== 'pattern' && action.kind !== 'unknown-action') return;
  if (action.service === resourceService) return;
  report('UNSUPPORTED_ACTION_IN_POLICY', {
    range: action.text.node.range,
    statementIndex,
    message: `"${action.text.value}" is a ${action.service} action, but this policy is attached to a ${resourceService} resource, which only takes ${resourceService} actions. Remove it, or put it in a policy for a ${action.service} resource or an identity.`,
  });
}

function checkEmptyAction(ast: PolicyAst, statement: Statement, report: Report): void {
  checkEmptyList(ast, statement, statement.action, 'EMPTY_ARRAY_ACTION', 'This statement includes no actions and does not affect the policy. Add the actions it is meant for, or remove the statement.', report);
}

/**
 * Entries covered by another entry of the same element. Of two entries that cover each other
 * (duplicates), the later one is reported, so removing every reported entry keeps the meaning.
 */
function checkRedundant(ast: PolicyAst, element: StringListElement, actions: readonly ResolvedAction[], statementIndex: number, report: Report, withFixes: boolean): void {
  if (element.form !== 'array' || actions.length < 2) return;
  const usable = actions.filter((action) => action.kind !== 'malformed');
  // Wildcard entries (as positions in `usable`), by service: only those (and service-wide wildcards) can cover an entry.
  const coverersByService = new Map<string, number[]>();
  const anyServiceCoverers: number[] = [];
  for (let position = 0; position < usable.length; position++) {
    const action = usable[position];
    if (action.kind === 'all' || action.kind === 'service-pattern') anyServiceCoverers.push(position);
    else if (action.kind === 'pattern') {
      const list = coverersByService.get(action.service);
      if (list) list.push(position);
      else coverersByService.set(action.service, [position]);
    }
  }
  // Entry texts lower-cased once each, when first needed: an entry is compared with every
  // wildcard of its service, and lists of plain catalog actions need none.
  const lowerCased: (string | undefined)[] = [];
  const lowered = (position: number) => (lowerCased[position] ??= usable[position].text.value.toLowerCase());
  // Duplicates: a catalog action is identified by its ActionInfo, anything else by its lower-cased text.
  const firstByInfo = new Map<ActionInfo, ResolvedAction>();
  const firstByText = new Map<string, ResolvedAction>();
  const redundant: { action: ResolvedAction; by: ResolvedAction }[] = [];
  const hasCoverers = anyServiceCoverers.length > 0 || coverersByService.size > 0;
  // Compared lower-cased and case-sensitively: the same answer as ignoring case, since entries
  // that are not malformed are ASCII without variables, and no text is lower-cased per pair.
  const covers = (other: number, position: number) =>
    other !== position &&
    lowered(other) !== lowered(position) &&
    patternCovers(lowered(other), lowered(position), false) &&
    !(patternCovers(lowered(position), lowered(other), false) && actions.indexOf(usable[position]) < actions.indexOf(usable[other]));
  const firstCoverer = (coverers: readonly number[] | undefined, position: number): number | undefined => {
    for (const other of coverers ?? []) if (covers(other, position)) return other;
    return undefined;
  };
  for (let position = 0; position < usable.length; position++) {
    const action = usable[position];
    const text = action.info ? undefined : lowered(position);
    const duplicateOf = action.info ? firstByInfo.get(action.info) : firstByText.get(text!);
    if (duplicateOf) {
      redundant.push({ action, by: duplicateOf });
      continue;
    }
    if (action.info) firstByInfo.set(action.info, action);
    else firstByText.set(text!, action);
    if (!hasCoverers) continue;
    const by = firstCoverer(anyServiceCoverers, position) ?? firstCoverer(coverersByService.get(action.service), position);
    if (by !== undefined) redundant.push({ action, by: usable[by] });
  }
  if (redundant.length === 0) return;
  // The removal edits locate every redundant entry in the text: only for a caller that wants fixes.
  const fixesFor = withFixes
    ? redundantEntryFixes(
        ast,
        element,
        redundant.map(({ action }) => action.text),
        'actions',
      )
    : () => undefined;
  for (const { action, by } of redundant) {
    report('REDUNDANT_ACTION', {
      range: action.text.node.range,
      statementIndex,
      message:
        by.text.value.toLowerCase() === action.text.value.toLowerCase()
          ? `"${action.text.value}" appears more than once in this ${element.property.key}. Remove the repetition.`
          : `"${action.text.value}" is redundant: "${by.text.value}" in the same ${element.property.key} already covers it. Remove it.`,
      fixes: fixesFor(action.text),
    });
  }
}

function replaceText(range: FixData['edits'][number]['range'], value: string, preferred: boolean): FixData {
  return { title: `Change to "${value}"`, edits: [{ range, newText: JSON.stringify(value) }], preferred };
}
