/**
 * `iam-policy-studio who-can --account EXPORT --action A --resource ARN [--context KEY=VALUE]...
 * [--format text|json]`: every user and role of the export allowed to perform the action on the
 * resource, with the statements that allow it (simulation/whoCan.ts, as the editor's "Who can").
 * Exit codes: 0 after an answer (even when nobody is allowed), 2 on bad input.
 */
import { parseArgs } from 'node:util';
import type { WhoCanPrincipal } from '../protocol';
import { whoCan } from '../simulation/whoCan';
import { accountEnvironment, parseContextOptions } from './accountEnvironment';
import { CliError, type CliCommand } from './io';
import { describeStatement } from './simulate';

const FORMATS = ['text', 'json'] as const;

const WHO_CAN_USAGE = `Usage: iam-policy-studio who-can --account EXPORT --action A --resource ARN
                                 [--context KEY=VALUE]... [--format text|json]

  --account EXPORT    a get-account-authorization-details export (or CloudFormation template)
  --action A          one action, e.g. s3:GetObject
  --resource ARN      the resource ARN, or * for actions that take no resource
  --context KEY=VALUE a request context value; repeat for more keys, or a key for several values
  --format text|json  output format (default text)

Each user and role is evaluated with its own policies, groups, boundary and tags, and the
resource's policy when the export has it (a role's trust policy for sts actions on the role).
Exit codes: 0 after an answer, 2 on bad input.`;

export const whoCanCommand: CliCommand = {
  name: 'who-can',
  summary: 'List the users and roles of an account export that may perform an action on a resource.',
  async run(args, io) {
    const values = parseWhoCanArgs(args);
    if (values.help) {
      io.out(WHO_CAN_USAGE);
      return 0;
    }
    const format = values.format ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}; got "${format}".`);
    const missing = (['account', 'action', 'resource'] as const).filter((name) => values[name] === undefined);
    if (missing.length > 0) throw new CliError(`${missing.map((name) => `--${name}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required.\n\n${WHO_CAN_USAGE}`);
    const context = parseContextOptions(values.context);
    const env = await accountEnvironment(values.account!, io);
    const result = await whoCan({ action: values.action!, resource: values.resource!, context }, [], env);
    if (result.error) throw new CliError(result.error);

    if (format === 'json') {
      const { statementTexts: _texts, ...answer } = result;
      io.out(JSON.stringify(answer, null, 2));
      return 0;
    }
    const lines = [`${result.allowed.length} of ${result.evaluated} users and roles may perform ${values.action} on ${values.resource}`];
    for (const principal of result.allowed) lines.push(...describePrincipal(principal));
    if (result.explicitlyDenied.length > 0) {
      lines.push('', `explicitly denied (${result.explicitlyDenied.length}):`);
      for (const principal of result.explicitlyDenied) lines.push(...describePrincipal(principal));
    }
    if (result.missingContextKeys.length > 0) lines.push('', `missing context keys (conditions on them were evaluated without a value): ${result.missingContextKeys.join(', ')}`);
    for (const note of result.notes) lines.push(`note: ${note}`);
    io.out(lines.join('\n'));
    return 0;
  },
};

function describePrincipal(principal: WhoCanPrincipal): string[] {
  return [`  ${principal.type.padEnd(4)} ${principal.arn}`, ...principal.statements.map((statement) => `      ${describeStatement(statement)}`)];
}

function parseWhoCanArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        account: { type: 'string' },
        action: { type: 'string' },
        resource: { type: 'string' },
        context: { type: 'string', multiple: true },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}
