/**
 * Hover on an ARN: its parts named (reference_identifiers.md: partition, service, Region,
 * account, resource), the resource types of the service it can be, and in a Resource element
 * which of the statement's actions take it.
 */
import type { Catalog } from '../../catalog/catalog';
import type { Statement } from '../../policy/ast';
import { splitArn } from '../../policy/arn';
import { plural } from '../actionDocs';
import { actionsOfValues, serviceReady } from '../statementActions';
import type { HoverText } from './hoverText';

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => (text === '' ? '(empty)' : code(text.replace(/\|/g, '\\|')));

function listed(names: readonly string[], limit = 10): string {
  const shown = names.slice(0, limit).map(code).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

export function arnHover(value: string, catalog: Catalog, statement: Statement | undefined, inResourceElement: boolean): HoverText | undefined {
  if (value === '*') return inResourceElement ? { markdown: '**`*`**: every resource.' } : undefined;
  const parts = splitArn(value);
  if (!parts) return undefined;
  const [, partition, service, region, account, resource] = parts;
  const summary = catalog.getServiceSummary(service);
  const lines = [
    '**ARN**',
    '',
    '| Part | Value |',
    '| --- | --- |',
    `| partition | ${cell(partition)} |`,
    `| service | ${cell(service)}${summary ? ` ${summary.name}` : ''} |`,
    `| Region | ${region === '' ? '(none: global resource)' : cell(region)} |`,
    `| account | ${account === '' ? '(none)' : cell(account)} |`,
    `| resource | ${cell(resource)} |`,
  ];
  if (value.includes('${')) lines.push('', 'Contains policy variables: AWS substitutes them from the request context before matching.');
  if (!summary || !serviceReady(catalog, service)) return { markdown: lines.join('\n') };

  const types = catalog.resourceTypesForArn(service, value);
  lines.push(
    '',
    types.length > 0
      ? `Resource type${types.length === 1 ? '' : 's'}: ${types.map((rt) => `${code(rt.name)} (${rt.arnFormats.map(code).join(', ')})`).join('; ')}`
      : `Matches no resource type of ${summary.name}.`,
  );
  if (inResourceElement && statement?.action) {
    const ofService = statement.action.values.filter((action) => action.value.toLowerCase().startsWith(`${summary.prefix}:`));
    const actions = actionsOfValues(catalog, ofService);
    if (actions.length > 0) {
      const accepting = actions.filter((action) => catalog.resourceTypesOfActionForArn(action.fullName, value).length > 0).map((action) => action.fullName);
      const others = actions.map((action) => action.fullName).filter((name) => !accepting.includes(name));
      lines.push('', `Taken by ${accepting.length} of the statement's ${plural(actions.length, summary.prefix + ' action')}${accepting.length ? `: ${listed(accepting)}` : '.'}`);
      if (others.length > 0) lines.push('', `Not by: ${listed(others)}`);
    }
  }
  return { markdown: lines.join('\n') };
}
