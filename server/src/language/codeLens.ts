/**
 * A code lens above each statement saying what it grants or denies, counted over the catalog:
 * "Allow 12 actions: 8 Read, 4 Write". Wildcards are expanded (across services with the
 * all-actions index); NotAction statements say how many actions they leave out. Next to it,
 * "Simulate" runs "IAM: Simulate access" with this document and the statement's first action
 * and resource filled in.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { Catalog } from '../catalog/catalog';
import type { ActionName } from '../catalog/types';
import type { PolicyAst, Statement } from '../policy/ast';
import { accessLevelSummary, plural } from './actionDocs';
import { statementServices } from './prepare';
import { actionNamesOfPattern, isCrossServicePattern } from './statementActions';

/** Loads every service the document's actions name, and the action index when a pattern spans services. */
export async function prepareCodeLenses(ast: PolicyAst, catalog: Catalog): Promise<{ actionIndexLoaded: boolean }> {
  const services = new Set<string>();
  let crossService = false;
  for (const statement of ast.statements) {
    statementServices(statement, catalog, services);
    for (const value of [...(statement.action?.values ?? []), ...(statement.notAction?.values ?? [])]) crossService ||= isCrossServicePattern(value.value);
  }
  services.delete('*');
  await Promise.all([catalog.ensureServices(services), crossService ? catalog.ensureActionIndex() : Promise.resolve()]);
  return { actionIndexLoaded: crossService };
}

function expand(catalog: Catalog, values: readonly string[], actionIndexLoaded: boolean): { actions: ActionName[]; unknown: number } {
  const byName = new Map<string, ActionName>();
  let unknown = 0;
  for (const value of values) {
    const matched = actionNamesOfPattern(catalog, value, actionIndexLoaded);
    if (matched.length === 0) unknown++;
    for (const action of matched) byName.set(action.fullName, action);
  }
  return { actions: [...byName.values()], unknown };
}

export function statementSummary(statement: Statement, catalog: Catalog, actionIndexLoaded: boolean): string | undefined {
  const effect = statement.effect?.value?.type === 'string' ? String(statement.effect.value.value) : 'No Effect:';
  const list = statement.action ?? statement.notAction;
  if (!list) return undefined;
  const { actions, unknown } = expand(
    catalog,
    list.values.map((value) => value.value),
    actionIndexLoaded,
  );
  const unknownNote = unknown === 0 ? '' : unknown === 1 ? ' (1 unknown entry)' : ` (${unknown} unknown entries)`;
  if (list === statement.notAction) {
    return `${effect} every action except ${plural(actions.length, 'action')}${actions.length ? `: ${accessLevelSummary(actions)}` : ''}${unknownNote}`;
  }
  if (actions.length === 0) return `${effect} no known action${unknownNote}`;
  return `${effect} ${plural(actions.length, 'action')}: ${accessLevelSummary(actions)}${unknownNote}`;
}

export const SIMULATE_ACCESS_COMMAND = 'iamPolicyStudio.simulateAccess';

/** The argument of the "Simulate" lens: the client's simulate command takes it as its inputs. */
export interface SimulateLensArgs {
  readonly document: string;
  readonly statementIndex: number;
  readonly action?: string;
  readonly resource?: string;
}

/**
 * One lens per statement, on its first line; services must be loaded (see `prepareCodeLenses`).
 * With the document's uri, a "Simulate" lens follows each statement that names actions.
 */
export function codeLenses(ast: PolicyAst, catalog: Catalog, actionIndexLoaded: boolean, uri?: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const statement of ast.statements) {
    const title = statementSummary(statement, catalog, actionIndexLoaded);
    if (!title) continue;
    const start = statement.node.range.start;
    const range = { start, end: start };
    // An empty command name: VS Code shows the title as text that does nothing when clicked.
    lenses.push({ range, command: { title, command: '' } });
    if (uri !== undefined) {
      const args: SimulateLensArgs = { document: uri, statementIndex: statement.index, action: statement.action?.values[0]?.value, resource: statement.resource?.values[0]?.value };
      lenses.push({ range, command: { title: 'Simulate', command: SIMULATE_ACCESS_COMMAND, arguments: [args] } });
    }
  }
  return lenses;
}
