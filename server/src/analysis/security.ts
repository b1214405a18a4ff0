/**
 * Security findings beyond Access Analyzer, in the spirit of cloudsplaining
 * (github.com/salesforce/cloudsplaining): what an identity policy lets a principal do that is
 * worth a second look. The lists live in securityRisks.ts; "Permissions management" comes from
 * the catalog's access levels.
 *
 * As in cloudsplaining, a risk counts where an Allow statement grants it without resource
 * constraints: its Resource holds "*", or it uses NotResource. Statements with a Condition are
 * still reported (conditions narrow, but whether they narrow enough is the reader's call; the
 * message says what is allowed). One finding per statement and category names the actions; it
 * points at the first entry that grants one of them. A statement that allows "*" on "*" gets
 * ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES instead of every other category.
 */
import type { Catalog } from '../catalog/catalog';
import type { ActionInfo } from '../catalog/types';
import type { PolicyAst, Statement } from '../policy/ast';
import { userGuideDocs, type CheckFamily, type CheckInfo } from './check';
import type { Finding, FixData } from './finding';
import { actionsMatching, resolveActions, type ResolvedAction } from './actionsResolve';
import { effectOf, howStatementReaches, serviceOfAction, servicesStatementReaches, type Grant } from './actionsGrant';
import { resourceTemplatesFix } from './resourcesTemplates';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, PRIVILEGE_ESCALATION_METHODS } from './securityRisks';
import { wildcardExpansionFixes } from './wildcards';

/**
 * The User Guide's least-privilege advice documents all of them; cloudsplaining
 * (github.com/salesforce/cloudsplaining) is where the lists come from (securityRisks.ts).
 */
const LEAST_PRIVILEGE = userGuideDocs('best-practices', 'grant-least-privilege');

const checks: CheckInfo[] = [
  {
    code: 'ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES',
    severity: 'security-warning',
    summary: 'An Allow statement grants "*" on "*": full administrator access.',
    kinds: ['identity'],
    docs: LEAST_PRIVILEGE,
  },
  {
    code: 'PRIVILEGE_ESCALATION',
    severity: 'security-warning',
    summary: "The policy allows, without resource constraints, a set of actions that lets a principal raise its own permissions (cloudsplaining's privilege-escalation methods).",
    kinds: ['identity'],
    docs: LEAST_PRIVILEGE,
  },
  {
    code: 'CREDENTIALS_EXPOSURE',
    severity: 'security-warning',
    summary: 'An Allow statement grants, without resource constraints, actions whose response carries credentials, keys or tokens.',
    kinds: ['identity'],
    docs: LEAST_PRIVILEGE,
  },
  {
    code: 'DATA_EXFILTRATION',
    severity: 'security-warning',
    summary: 'An Allow statement grants, without resource constraints, reads of stored data or secrets (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue...).',
    kinds: ['identity'],
    docs: LEAST_PRIVILEGE,
  },
  {
    code: 'RESOURCE_EXPOSURE',
    severity: 'security-warning',
    summary: 'An Allow statement grants, without resource constraints, "Permissions management" actions, which change who may access resources.',
    kinds: ['identity'],
    docs: LEAST_PRIVILEGE,
  },
  {
    code: 'SERVICE_WIDE_WILDCARD',
    severity: 'suggestion',
    summary: 'An Allow statement grants every action of a service ("s3:*"), including the ones added later; list the actions needed.',
    kinds: ['identity'],
    docs: LEAST_PRIVILEGE,
  },
];

type Report = Parameters<CheckFamily['run']>[1];
type FindingBody = Omit<Finding, 'code' | 'severity'>;

/**
 * A listed action with its service prefix, read once: a statement is asked only about the
 * listed actions of services it names (see servicesStatementReaches).
 */
interface ListedAction {
  readonly name: string;
  readonly service: string;
}

const listedActions = (names: readonly string[]): readonly ListedAction[] => names.map((name) => ({ name, service: serviceOfAction(name) }));
const CREDENTIALS_EXPOSURE = listedActions(CREDENTIALS_EXPOSURE_ACTIONS);
const DATA_EXFILTRATION = listedActions(DATA_EXFILTRATION_ACTIONS);
const ESCALATION_SERVICES = new Map(PRIVILEGE_ESCALATION_METHODS.flatMap((method) => listedActions(method.actions)).map(({ name, service }) => [name, service]));

/** Whether a statement whose reachable services are `services` (undefined: any) may reach an action of `service`. */
function mayReachService(services: ReadonlySet<string> | undefined, service: string): boolean {
  return services === undefined || services.has(service);
}

/** How many actions a message names before "and N more". */
const NAMED = 5;

function listActions(actions: readonly string[] | ReadonlySet<string>): string {
  const shown: string[] = [];
  for (const action of actions) {
    if (shown.length === NAMED) break;
    shown.push(action);
  }
  const count = 'size' in actions ? actions.size : actions.length;
  return count > NAMED ? `${shown.join(', ')} and ${count - NAMED} more` : shown.join(', ');
}

/** Allow without resource constraints, in cloudsplaining's sense. */
function isUnconstrainedAllow(statement: Statement): boolean {
  if (effectOf(statement) !== 'Allow') return false;
  if (statement.notResource) return true;
  return statement.resource?.values.some((value) => value.value === '*') ?? false;
}

/** Deny statements that take what they name away everywhere and always: no condition, every resource. */
function denialsEverywhere(statements: readonly Statement[]): Statement[] {
  return statements.filter(
    (statement) => effectOf(statement) === 'Deny' && !statement.condition && (statement.resource?.values.some((value) => value.value === '*') ?? false),
  );
}

export const securityChecks: CheckFamily = {
  name: 'security',
  checks,
  run({ ast, catalog, fixes }, report) {
    const withFixes = fixes !== false;
    const unconstrained = ast.statements.filter(isUnconstrainedAllow);
    const allowAll = new Set<Statement>();
    for (const statement of unconstrained) {
      const all = resolveActions(statement.action, catalog).find((action) => action.kind === 'all');
      if (!all) continue;
      allowAll.add(statement);
      report('ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES', {
        range: all.text.node.range,
        statementIndex: statement.index,
        message: `This statement allows every action on every resource: full administrator access${statement.condition ? ', limited only by its Condition' : ''}. Grant the actions and resources the principal needs instead.`,
      });
    }
    const others = unconstrained.filter((statement) => !allowAll.has(statement));
    checkPrivilegeEscalation(ast, others, catalog, report, withFixes);
    for (const statement of others) {
      checkListed(ast, statement, catalog, 'CREDENTIALS_EXPOSURE', CREDENTIALS_EXPOSURE, report, withFixes, (names) =>
        `Allows ${listActions(names)} on all resources; their responses carry credentials, keys or tokens. Limit them to the resources the principal needs.`,
      );
      checkListed(ast, statement, catalog, 'DATA_EXFILTRATION', DATA_EXFILTRATION, report, withFixes, (names) =>
        `Allows ${listActions(names)} on all resources: every object, parameter or secret the account holds can be read. Limit them to the resources the principal needs.`,
      );
      checkPermissionsManagement(ast, statement, catalog, report, withFixes);
    }
    for (const statement of ast.statements) {
      if (effectOf(statement) === 'Allow' && !allowAll.has(statement)) checkServiceWildcards(ast, statement, catalog, report, withFixes);
    }
  },
};

/** The statement entry to point at for a grant: the entry, or the NotAction key. */
function grantRange(statement: Statement, grant: Grant): FindingBody['range'] {
  return grant.how === 'not-action' ? statement.notAction!.property.keyRange : grant.token.node.range;
}

/** Fixes for a finding at a grant: the wildcard entry's expansions, then ARN templates for "*". None when the caller shows no fixes. */
function fixesFor(ast: PolicyAst, statement: Statement, grant: Grant, catalog: Catalog, withFixes: boolean): FixData[] | undefined {
  if (!withFixes) return undefined;
  const fixes: FixData[] = [];
  if (grant.how === 'wildcard' && statement.action) {
    // A service-wide "s3:*" carries its expansions on SERVICE_WIDE_WILDCARD already.
    const action = resolveActions(statement.action, catalog).find((entry) => entry.text === grant.token);
    if (action && action.name !== '*') fixes.push(...(wildcardExpansionFixes(ast, statement.action, action, catalog) ?? []));
  }
  const templates = resourceTemplatesFix(ast, statement, catalog);
  if (templates) fixes.push(templates);
  return fixes.length > 0 ? fixes : undefined;
}

function checkListed(
  ast: PolicyAst,
  statement: Statement,
  catalog: Catalog,
  code: string,
  actions: readonly ListedAction[],
  report: Report,
  withFixes: boolean,
  message: (names: string[]) => string,
): void {
  const reached: { action: string; grant: Grant }[] = [];
  const services = servicesStatementReaches(statement, catalog);
  for (const { name: action, service } of actions) {
    if (!mayReachService(services, service)) continue;
    const grant = howStatementReaches(statement, action, catalog);
    if (grant) reached.push({ action, grant });
  }
  if (reached.length === 0) return;
  const first = reached[0].grant;
  report(code, {
    range: grantRange(statement, first),
    statementIndex: statement.index,
    message: message(reached.map(({ action }) => action)),
    fixes: fixesFor(ast, statement, first, catalog, withFixes),
  });
}

function checkPrivilegeEscalation(ast: PolicyAst, statements: readonly Statement[], catalog: Catalog, report: Report, withFixes: boolean): void {
  if (statements.length === 0) return;
  const grants = new Map<string, { statement: Statement; grant: Grant }[]>();
  const denials = denialsEverywhere(ast.statements);
  const denialServices = denials.map((statement) => servicesStatementReaches(statement, catalog));
  const statementServices = statements.map((statement) => servicesStatementReaches(statement, catalog));
  const reach = (action: string) => {
    let found = grants.get(action);
    if (!found) {
      const service = ESCALATION_SERVICES.get(action)!;
      found = denials.some((statement, i) => mayReachService(denialServices[i], service) && howStatementReaches(statement, action, catalog) !== undefined)
        ? []
        : statements.flatMap((statement, i) => {
            const grant = mayReachService(statementServices[i], service) ? howStatementReaches(statement, action, catalog) : undefined;
            return grant ? [{ statement, grant }] : [];
          });
      grants.set(action, found);
    }
    return found;
  };
  // Per statement: the methods it takes part in and the actions it contributes.
  const byStatement = new Map<Statement, { methods: string[]; actions: Set<string>; first: Grant }>();
  for (const method of PRIVILEGE_ESCALATION_METHODS) {
    if (!method.actions.every((action) => reach(action).length > 0)) continue;
    for (const action of method.actions) {
      for (const { statement, grant } of reach(action)) {
        const entry = byStatement.get(statement) ?? { methods: [], actions: new Set<string>(), first: grant };
        if (!entry.methods.includes(method.name)) entry.methods.push(method.name);
        entry.actions.add(action);
        byStatement.set(statement, entry);
      }
    }
  }
  for (const [statement, { methods, actions, first }] of byStatement) {
    report('PRIVILEGE_ESCALATION', {
      range: grantRange(statement, first),
      statementIndex: statement.index,
      message: `Allows ${listActions(actions)} on all resources, which makes possible privilege escalation (${methods.slice(0, 3).join(', ')}${methods.length > 3 ? ` and ${methods.length - 3} more` : ''}): a principal could give itself more permissions. Limit these actions to named resources.`,
      fixes: fixesFor(ast, statement, first, catalog, withFixes),
    });
  }
}

const PERMISSIONS_MANAGEMENT = 'Permissions management';

/** The "Permissions management" catalog actions an entry grants (none for entries that cannot be listed). */
function permissionsManagementActions(action: ResolvedAction, catalog: Catalog): readonly ActionInfo[] {
  if (action.kind === 'known' && action.info) return action.info.accessLevels.includes(PERMISSIONS_MANAGEMENT) ? [action.info] : NONE;
  if (action.kind !== 'pattern') return NONE;
  const matches = actionsMatching(catalog, action.service, action.name);
  let managing = managingByMatches.get(matches);
  if (!managing) {
    managing = matches.filter((info) => info.accessLevels.includes(PERMISSIONS_MANAGEMENT));
    managingByMatches.set(matches, managing);
  }
  return managing;
}

const NONE: readonly ActionInfo[] = [];

/** actionsMatching returns one cached array per pattern; its Permissions management subset is kept beside it. */
const managingByMatches = new WeakMap<readonly ActionInfo[], readonly ActionInfo[]>();

function checkPermissionsManagement(ast: PolicyAst, statement: Statement, catalog: Catalog, report: Report, withFixes: boolean): void {
  if (!statement.action) return;
  const names = new Set<string>();
  let first: ResolvedAction | undefined;
  for (const action of resolveActions(statement.action, catalog)) {
    const managing = permissionsManagementActions(action, catalog);
    if (managing.length === 0) continue;
    first ??= action;
    for (const info of managing) names.add(info.fullName);
  }
  if (!first) return;
  const grant: Grant = first.kind === 'pattern' ? { how: 'wildcard', token: first.text } : { how: 'explicit', token: first.text };
  report('RESOURCE_EXPOSURE', {
    range: first.text.node.range,
    statementIndex: statement.index,
    message: `Allows ${listActions(names)} on all resources: "Permissions management" actions change who can access resources (resource policies, grants, sharing). Limit them to named resources.`,
    fixes: fixesFor(ast, statement, grant, catalog, withFixes),
  });
}

function checkServiceWildcards(ast: PolicyAst, statement: Statement, catalog: Catalog, report: Report, withFixes: boolean): void {
  if (!statement.action) return;
  const wide = resolveActions(statement.action, catalog).filter((action) => action.kind === 'pattern' && action.name === '*');
  if (wide.length === 0) return;
  const fixes = withFixes ? wide.flatMap((action) => wildcardExpansionFixes(ast, statement.action!, action, catalog) ?? []) : [];
  report('SERVICE_WIDE_WILDCARD', {
    range: wide[0].text.node.range,
    statementIndex: statement.index,
    message: `${listActions(wide.map((action) => `"${action.text.value}"`))} ${wide.length === 1 ? 'grants' : 'grant'} every action of the service, including ones AWS adds later. List the actions the principal needs, or those of one access level.`,
    fixes: fixes.length > 0 ? fixes : undefined,
  });
}
