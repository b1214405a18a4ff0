/**
 * `iam-policy-studio simulate --request FILE [--format text|json]`: evaluates one request (or
 * one per concrete action of a pattern such as `s3:Get*`) with the engine the editor uses.
 * `simulate --account EXPORT --principal ARN --action A --resource ARN [--context KEY=VALUE]...`
 * takes the principal's policies from an account export instead: its groups', managed (AWS
 * managed ones from the bundled catalog), inline and boundary policies, and its tags for
 * aws:PrincipalTag/* conditions, as the editor's "Simulate access" does (simulation/simulate.ts).
 * Exit codes: 0 after a decision, whatever it is; 2 for bad input, with a message that names
 * the problem.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Catalog } from '../catalog/catalog';
import { ManagedPolicyStore } from '../catalog/managedPolicies';
import { createNodeDataSource } from '../catalog/nodeDataSource';
import {
  compilePolicies,
  evaluateActions,
  parseRequestPrincipal,
  type EvaluationResult,
  type MultiActionResult,
  type PolicyDocumentInput,
  type PolicySetInput,
  type StatementRef,
} from '../engine';
import { readSimulationFile, type PolicyReference, type PolicyReferences } from '../engine/simulationFile';
import { findDataRoot } from '../node/dataRoot';
import { findPrincipalEntity } from '../simulation/principalPolicies';
import { simulateAccess, type SimulationEnvironment } from '../simulation/simulate';
import { accountEnvironment, parseContextOptions } from './accountEnvironment';
import { CliError, type CliCommand, type CliIo } from './io';

const FORMATS = ['text', 'json'] as const;

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Decide a request as AWS would (allowed, explicit or implicit deny) and explain why.',
  async run(args, io) {
    const values = parseSimulateArgs(args);
    if (values.help) {
      io.out(SIMULATE_USAGE);
      return 0;
    }
    const format = values.format ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}; got "${format}".`);
    const accountMode = [values.account, values.principal, values.action, values.resource, values.context].some((value) => value !== undefined);
    if (accountMode) {
      if (values.request !== undefined) throw new CliError('--request FILE and --account EXPORT are two ways to give the policies: use one.');
      return simulateWithAccount(values, format, io);
    }
    if (values.request === undefined) throw new CliError(`--request FILE or --account EXPORT is required.\n\n${SIMULATE_USAGE}`);

    const requestPath = path.resolve(io.cwd, values.request);
    const file = readSimulationFile(readJson(requestPath, values.request));
    if ('problem' in file) throw new CliError(`${values.request}: ${file.problem}`);
    const principal = parseRequestPrincipal(file.request.principal);
    if (principal.kind === 'invalid') throw new CliError(`${values.request}: request.principal: ${principal.message}`);

    const dataSource = createNodeDataSource(findDataRoot(__dirname));
    const catalog = await Catalog.load(dataSource);
    const policies = await resolvePolicies(file.policies, { directory: path.dirname(requestPath), requestFile: values.request, dataSource });
    const actions = await expandAction(catalog, file.request.action);
    if (actions.length === 0) throw new CliError(`${values.request}: request.action: no action in the service reference matches "${file.request.action}".`);
    const result = evaluateActions(compilePolicies(policies), file.request, () => actions);
    const checked = { ...result, results: result.results.map((one) => withCatalogWarnings(one, catalog)) };

    io.out(format === 'json' ? JSON.stringify(checked.results.length === 1 && actions[0] === file.request.action ? checked.results[0] : checked, null, 2) : renderText(checked));
    return 0;
  },
};

const SIMULATE_USAGE = `Usage: iam-policy-studio simulate --request FILE [--format text|json]
       iam-policy-studio simulate --account EXPORT --principal ARN --action A --resource ARN
                                  [--context KEY=VALUE]... [--format text|json]

  --request FILE      JSON: {"request": {"principal", "action", "resource", "resourceAccount"?,
                      "context": {KEY: string or array}}, "policies": {"identity": [DOC...],
                      "resource": DOC, "permissionsBoundary": DOC, "session": DOC,
                      "scp": [[DOC...] per level, root first], "rcp": [[DOC...]], "endpoint": DOC}}
                      DOC: a policy object, its JSON text, an AWS managed policy ARN, or a path
                      to a policy file (relative to FILE). Every policy is optional.
  --format text|json  output format (default text)
  --account EXPORT    a get-account-authorization-details export (or CloudFormation template):
                      the principal's inline, managed, group and boundary policies and its
                      tags come from it; AWS managed policies resolve offline
  --principal ARN     an IAM user or role ARN of EXPORT (or an assumed-role session ARN)
  --action A          an action, or a pattern such as s3:Get*
  --resource ARN      the resource ARN, or * for actions that take no resource
  --context KEY=VALUE a request context value; repeat for more keys, or a key for several values

An action with wildcards (s3:Get*, s3:*) gives one result per concrete action.
Exit codes: 0 after a decision, 2 on bad input.`;

function parseSimulateArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        request: { type: 'string' },
        format: { type: 'string' },
        account: { type: 'string' },
        principal: { type: 'string' },
        action: { type: 'string' },
        resource: { type: 'string' },
        context: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

function readJson(file: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${shown} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface ResolveContext {
  readonly directory: string;
  readonly requestFile: string;
  readonly dataSource: ReturnType<typeof createNodeDataSource>;
  managed?: Promise<ManagedPolicyStore>;
}

async function resolvePolicies(references: PolicyReferences, context: ResolveContext): Promise<PolicySetInput> {
  const one = (reference: PolicyReference | undefined) => (reference ? resolvePolicy(reference, context) : Promise.resolve(undefined));
  const many = (list: readonly PolicyReference[] | undefined) => (list ? Promise.all(list.map((reference) => resolvePolicy(reference, context))) : Promise.resolve(undefined));
  const levels = (list: readonly (readonly PolicyReference[])[] | undefined) =>
    list ? Promise.all(list.map((level) => Promise.all(level.map((reference) => resolvePolicy(reference, context))))) : Promise.resolve(undefined);
  const [identity, resource, permissionsBoundary, session, scp, rcp, endpoint] = await Promise.all([
    many(references.identity),
    one(references.resource),
    one(references.permissionsBoundary),
    one(references.session),
    levels(references.scp),
    levels(references.rcp),
    one(references.endpoint),
  ]);
  return { identity, resource, permissionsBoundary, session, scp, rcp, endpoint };
}

async function resolvePolicy(reference: PolicyReference, context: ResolveContext): Promise<PolicyDocumentInput> {
  switch (reference.kind) {
    case 'inline':
      return { id: reference.at, json: reference.json };
    case 'managed': {
      context.managed ??= ManagedPolicyStore.load(context.dataSource);
      const policy = await (await context.managed).resolve(reference.arn);
      if (!policy) {
        throw new CliError(
          `${context.requestFile}: ${reference.at}: "${reference.arn}" is not an AWS managed policy (customer managed policies need an account export, which --account will read).`,
        );
      }
      return { id: policy.name, json: JSON.parse(policy.documentText) };
    }
    case 'file': {
      const file = path.resolve(context.directory, reference.path);
      try {
        return { id: reference.path, text: readFileSync(file, 'utf8'), uri: pathToFileURL(file).href };
      } catch (error) {
        throw new CliError(`${context.requestFile}: ${reference.at}: cannot read ${reference.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }
  }
}

async function simulateWithAccount(values: ReturnType<typeof parseSimulateArgs>, format: string, io: CliIo): Promise<number> {
  const missing = (['account', 'principal', 'action', 'resource'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new CliError(`${missing.map((name) => `--${name}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required with --account.\n\n${SIMULATE_USAGE}`);
  const context = parseContextOptions(values.context);
  const env = await accountEnvironment(values.account!, io);
  const principal = parseRequestPrincipal(values.principal!);
  if (principal.kind === 'invalid') throw new CliError(`--principal: ${principal.message}`);
  if (!findPrincipalEntity(env.index!, values.principal!)) {
    throw new CliError(`--principal: ${values.principal} is not a user or role of ${values.account} (${describeAccounts(env)}).`);
  }
  const result = await simulateAccess({ principal: values.principal!, action: values.action!, resource: values.resource!, context }, [], env);
  if (result.error) throw new CliError(result.error);
  const multi: MultiActionResult = { decision: result.decision!, results: result.results, errors: [] };
  if (format === 'json') {
    const body = result.results.length === 1 && !/[*?]/.test(values.action!) ? result.results[0] : multi;
    io.out(JSON.stringify(result.notes.length > 0 ? { ...body, notes: result.notes } : body, null, 2));
  } else {
    io.out([renderText(multi), ...result.notes.map((note) => `note: ${note}`)].join('\n'));
  }
  return 0;
}

function describeAccounts(env: SimulationEnvironment): string {
  const accounts = env.index!.model.accounts;
  const users = accounts.reduce((sum, account) => sum + account.users.length, 0);
  const roles = accounts.reduce((sum, account) => sum + account.roles.length, 0);
  return `${users} users and ${roles} roles in account${accounts.length === 1 ? '' : 's'} ${accounts.map((account) => account.id).join(', ')}`;
}

/** `s3:Get*` -> every s3 action starting with Get; `*:List*` across services; a concrete action as it is. */
async function expandAction(catalog: Catalog, action: string): Promise<string[]> {
  if (!/[*?]/.test(action)) return [action];
  const [prefix, name] = [action.slice(0, action.indexOf(':')), action.slice(action.indexOf(':') + 1)];
  if (!/[*?]/.test(prefix)) {
    await catalog.ensureServices([prefix]);
    return catalog.expandActionPattern(prefix, name).map((info) => info.fullName);
  }
  await catalog.ensureActionIndex();
  return catalog.expandActionPatternInAllServices(action).map((info) => info.fullName);
}

/** An action the service reference does not know is still evaluated, with a warning. */
function withCatalogWarnings(result: EvaluationResult, catalog: Catalog): EvaluationResult {
  const prefix = result.request.action.split(':')[0];
  if (!catalog.getServiceSummary(prefix)) return { ...result, errors: [...result.errors, { message: `"${prefix}" is not a service prefix in the service reference.` }] };
  if (!catalog.isServiceLoaded(prefix) || catalog.getAction(result.request.action)) return result;
  return { ...result, errors: [...result.errors, { message: `${result.request.action} is not an action of ${prefix} in the service reference.` }] };
}

export function renderText(result: MultiActionResult): string {
  const lines: string[] = [];
  for (const one of result.results) lines.push(...renderOne(one), '');
  if (result.results.length !== 1) lines.push(`${result.results.length} actions: ${banner(result.decision)} overall (every action must be allowed for ALLOWED).`);
  for (const error of result.errors) lines.push(`error: ${error.message}`);
  return lines.join('\n').trimEnd();
}

function renderOne(result: EvaluationResult): string[] {
  const { request } = result;
  const lines = [
    `${banner(result.decision)}  ${request.action} on ${request.resource}`,
    `  principal ${request.principal}${request.crossAccount ? ` (cross-account: ${request.principalAccount} -> ${request.resourceAccount})` : ''}`,
  ];
  for (const [type, verdict] of Object.entries(result.policyTypes)) {
    const levels = verdict.levels ? ` [${verdict.levels.join(', ')}]` : '';
    const match = verdict.principalMatch ? ` (principal: ${verdict.principalMatch})` : '';
    lines.push(`  ${type.padEnd(9)} ${verdict.decision}${levels}${match}${verdict.note ? ` - ${verdict.note}` : ''}`);
  }
  for (const line of result.explanation) lines.push(`  why: ${line}`);
  const deciding = result.matchedStatements.filter((statement) => statement.deciding);
  if (deciding.length > 0) {
    lines.push('  deciding statements:');
    for (const statement of deciding) lines.push(`    ${describeStatement(statement)}`);
  }
  // An implicit deny has no deciding statement: show why the Allow statements did not apply.
  const allows = result.decision === 'implicitDeny' ? result.unmatchedStatements.filter((statement) => statement.effect === 'Allow') : [];
  if (allows.length > 0) {
    lines.push('  Allow statements that did not apply:');
    for (const statement of allows.slice(0, MAX_LISTED)) lines.push(`    ${describeStatement(statement)}: ${statement.reason.element}: ${statement.reason.message}`);
    if (allows.length > MAX_LISTED) lines.push(`    ... and ${allows.length - MAX_LISTED} more (--format json lists them all)`);
  }
  if (result.missingContextKeys.length > 0) lines.push(`  missing context keys: ${result.missingContextKeys.join(', ')}`);
  for (const error of result.errors) lines.push(`  error: ${error.policyId ? `${error.policyType} "${error.policyId}": ` : ''}${error.message}`);
  return lines;
}

const MAX_LISTED = 10;

export function describeStatement(statement: StatementRef): string {
  const where = statement.uri && statement.range ? `  ${statement.uri.replace(/^file:\/\//, '')}:${statement.range.start.line + 1}:${statement.range.start.character + 1}` : '';
  const level = statement.level !== undefined ? ` level ${statement.level}` : '';
  return `${statement.effect.padEnd(5)} ${statement.policyType}${level} "${statement.policyId}" statement ${statement.statementIndex}${statement.sid ? ` (Sid ${statement.sid})` : ''}${where}`;
}

function banner(decision: EvaluationResult['decision']): string {
  return decision === 'allowed' ? 'ALLOWED' : decision === 'explicitDeny' ? 'DENIED (explicit deny)' : 'DENIED (implicit deny)';
}
