/**
 * The steps of "Simulate access" and its friends: principal, action, resource, context values.
 * Each is a quick pick or an input box whose answers come from the server (the account model's
 * principals, the service reference's actions and ARN formats, the keys the policies test), and
 * each remembers its last answer in the workspace state. A step resolves to undefined when the
 * user cancels it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  POLICY_KIND_LABELS,
  SimulationActionsRequest,
  SimulationPrincipalsRequest,
  SimulationResourcesRequest,
  type PolicyKindType,
  type SimulationContext,
  type SimulationContextKey,
  type SimulationDocumentParams,
} from '../../../server/src/protocol';

/** Last answers, per workspace. */
export class StepMemory {
  constructor(private readonly state: vscode.Memento) {}

  get<T>(step: string): T | undefined {
    return this.state.get<T>(`iamPolicyStudio.simulation.${step}`);
  }

  async set(step: string, value: unknown): Promise<void> {
    await this.state.update(`iamPolicyStudio.simulation.${step}`, value);
  }
}

/** A policy document the simulation starts from (the lens's document, or the active editor's). */
export interface StartingDocument {
  readonly uri: string;
  readonly kind: PolicyKindType;
}

export interface PrincipalAnswer {
  readonly principal: string;
  /** The starting document, evaluated as the principal's identity policy. */
  readonly identityDocument?: string;
}

interface Item<T> extends vscode.QuickPickItem {
  readonly value?: T;
}

/** One quick pick: items (possibly refreshed as the user types), the typed text as a fallback answer. */
function pick<T>(options: {
  readonly title: string;
  readonly placeholder: string;
  readonly items: readonly Item<T>[];
  readonly value?: string;
  readonly active?: (item: Item<T>) => boolean;
  readonly onType?: (text: string) => Promise<readonly Item<T>[]>;
  /** The answer for typed text that is not one of the items. */
  readonly typed?: (text: string) => T | undefined;
}): Promise<T | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<Item<T>>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    quickPick.items = options.items;
    quickPick.value = options.value ?? '';
    const active = options.active && options.items.find(options.active);
    if (active) quickPick.activeItems = [active];
    let settled = false;
    let generation = 0;
    const finish = (value: T | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      quickPick.dispose();
    };
    const refresh = async (text: string) => {
      if (!options.onType) return;
      const mine = ++generation;
      quickPick.busy = true;
      try {
        const items = await options.onType(text);
        if (mine === generation && !settled) quickPick.items = items;
      } finally {
        if (mine === generation && !settled) quickPick.busy = false;
      }
    };
    quickPick.onDidChangeValue((text) => void refresh(text));
    quickPick.onDidAccept(() => {
      const [selected] = quickPick.selectedItems;
      if (selected?.value !== undefined) finish(selected.value);
      else if (options.typed && quickPick.value.trim() !== '') finish(options.typed(quickPick.value.trim()));
    });
    quickPick.onDidHide(() => finish(undefined));
    quickPick.show();
    if (options.onType && options.value) void refresh(options.value);
  });
}

const fileName = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

export async function askPrincipal(client: BaseLanguageClient, memory: StepMemory, starting: StartingDocument | undefined, initial?: string): Promise<PrincipalAnswer | undefined> {
  type Choice = { readonly principal?: string; readonly enter?: boolean; readonly asIdentity?: boolean };
  const { principals, loading } = await client.sendRequest(SimulationPrincipalsRequest.type);
  const last = initial ?? memory.get<string>('principal');
  const items: Item<Choice>[] = [];
  if (starting?.kind === 'identity') {
    items.push({ label: '$(file-code) This document as an identity policy', description: fileName(starting.uri), detail: 'Evaluated as the identity policy of a principal you name next', value: { asIdentity: true } });
  }
  if (principals.length > 0) items.push({ label: 'Account model', kind: vscode.QuickPickItemKind.Separator });
  for (const principal of principals) {
    items.push({ label: `$(${principal.type === 'user' ? 'person' : 'key'}) ${principal.name}`, description: `${principal.type} · ${principal.accountId}`, detail: principal.arn, value: { principal: principal.arn } });
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(edit) Enter a principal ARN…', detail: 'A user, role or session ARN, an account id, a service principal such as lambda.amazonaws.com', value: { enter: true } });
  const with_ = starting && starting.kind !== 'identity' ? ` (with ${fileName(starting.uri)} as the ${POLICY_KIND_LABELS[starting.kind].toLowerCase()})` : '';
  const choice = await pick<Choice>({
    title: `Simulate access: who makes the request?${with_}`,
    placeholder: loading ? 'Account files are still loading…' : principals.length === 0 ? 'No account model in this workspace: enter an ARN' : 'Pick a user or role, or type an ARN',
    items,
    active: (item) => (last !== undefined && item.value?.principal === last) || (last === undefined && !!item.value?.asIdentity),
    typed: (text) => ({ principal: text }),
  });
  if (!choice) return undefined;
  if (choice.asIdentity) {
    const remembered = memory.get<string>('documentPrincipal');
    const account = principals[0]?.accountId ?? (vscode.workspace.getConfiguration('iamPolicyStudio').get<string>('defaultAccountId') || '111122223333');
    const principal = await vscode.window.showInputBox({
      title: `Simulate access: the principal that has ${fileName(starting!.uri)}`,
      prompt: 'An IAM user or role ARN (policy variables such as ${aws:username} take their values from it)',
      value: remembered ?? `arn:aws:iam::${account}:user/policy-tester`,
      ignoreFocusOut: true,
    });
    if (!principal) return undefined;
    await memory.set('documentPrincipal', principal.trim());
    return { principal: principal.trim(), identityDocument: starting!.uri };
  }
  let principal = choice.principal;
  if (choice.enter) {
    principal = (await vscode.window.showInputBox({ title: 'Simulate access: principal', prompt: 'A principal ARN, an account id or a service principal', value: last ?? '', ignoreFocusOut: true }))?.trim();
  }
  if (!principal) return undefined;
  await memory.set('principal', principal);
  return { principal };
}

export async function askAction(client: BaseLanguageClient, memory: StepMemory, initial: string | undefined, title: string, allowPatterns: boolean): Promise<string | undefined> {
  const value = initial ?? memory.get<string>('action') ?? '';
  const itemsFor = async (text: string): Promise<Item<string>[]> => {
    const { items } = await client.sendRequest(SimulationActionsRequest.type, { text });
    return items
      .filter((item) => allowPatterns || item.count === undefined)
      .map((item) => ({
        label: item.action,
        description: item.count !== undefined ? `${item.count} action${item.count === 1 ? '' : 's'}` : item.accessLevel,
        value: item.action,
      }));
  };
  const action = await pick<string>({
    title,
    placeholder: allowPatterns ? 'An action such as s3:GetObject, or a pattern such as s3:Get* (one result per action)' : 'An action such as s3:GetObject',
    items: await itemsFor(value),
    value,
    onType: itemsFor,
    typed: (text) => text,
  });
  if (action) await memory.set('action', action);
  return action;
}

export async function askResource(
  client: BaseLanguageClient,
  memory: StepMemory,
  request: { readonly action: string; readonly principal?: string; readonly documents?: readonly SimulationDocumentParams[] },
  initial: string | undefined,
  title: string,
): Promise<string | undefined> {
  type Choice = { readonly arn: string; readonly edit: boolean };
  const { items } = await client.sendRequest(SimulationResourcesRequest.type, { action: request.action, principal: request.principal, documents: request.documents });
  const last = initial ?? memory.get<string>('resource');
  const picks: Item<Choice>[] = items.map((item) => ({
    label: item.arn,
    description: item.detail,
    // Templates have parts to type over: they open in an input box.
    value: { arn: item.arn, edit: item.source === 'template' || /[*?]|\$\{/.test(item.arn) },
  }));
  if (last && !items.some((item) => item.arn === last)) picks.unshift({ label: last, description: initial ? 'from the statement' : 'last used', value: { arn: last, edit: /[*?]|\$\{/.test(last) } });
  const choice = await pick<Choice>({
    title,
    placeholder: 'Pick a resource or an ARN template, or type an ARN',
    items: picks,
    active: (item) => item.value?.arn === last,
    typed: (text) => ({ arn: text, edit: false }),
  });
  if (!choice) return undefined;
  let resource: string | undefined = choice.arn;
  if (choice.edit && resource !== '*') {
    const placeholder = /[A-Z][A-Z0-9_]{2,}|\$\{[^}]*\}|\*/.exec(resource);
    resource = (
      await vscode.window.showInputBox({
        title,
        prompt: 'Fill in the parts of the ARN (a request names one resource: wildcards are read as plain characters)',
        value: resource,
        valueSelection: placeholder ? [placeholder.index, placeholder.index + placeholder[0].length] : undefined,
        ignoreFocusOut: true,
      })
    )?.trim();
  }
  if (resource) await memory.set('resource', resource);
  return resource || undefined;
}

/**
 * Context values: the keys the evaluated statements test, with their types and current values.
 * The user gives values one key at a time and then runs; remembered values of those keys are
 * offered first. Resolves to the context to run with, or undefined when cancelled.
 */
export async function askContext(memory: StepMemory, keys: readonly SimulationContextKey[], given: SimulationContext | undefined): Promise<SimulationContext | undefined> {
  const remembered = memory.get<Record<string, string | string[]>>('context') ?? {};
  const context: Record<string, string | readonly string[]> = { ...(given ?? {}) };
  for (const key of keys) if (context[key.name] === undefined && remembered[key.name] !== undefined) context[key.name] = remembered[key.name];
  type Choice = { readonly run?: true; readonly key?: SimulationContextKey };
  for (;;) {
    const items: Item<Choice>[] = [
      { label: '$(play) Run the simulation', description: Object.keys(context).length > 0 ? Object.entries(context).map(([key, value]) => `${key}=${String(value)}`).join(', ') : 'without context values', value: { run: true } },
      { label: 'Condition keys the policies test', kind: vscode.QuickPickItemKind.Separator },
      ...keys.map((key): Item<Choice> => {
        const value = context[key.name];
        const state = value !== undefined ? `= ${Array.isArray(value) ? value.join(', ') : String(value)}` : key.derivedValue !== undefined ? `derived: ${key.derivedValue}` : key.missing ? 'missing' : 'not set';
        return { label: key.name, description: `${key.type ?? 'unknown type'}${key.multiValued ? ' (multivalued)' : ''} · ${state}`, detail: key.testedBy.length > 0 ? `tested by ${key.testedBy.join('; ')}` : undefined, value: { key } };
      }),
    ];
    const choice = await pick<Choice>({ title: 'Simulate access: context values', placeholder: 'Pick a key to give it a value, or run', items });
    if (!choice) return undefined;
    if (choice.run) break;
    const key = choice.key!;
    const current = context[key.name];
    const text = await vscode.window.showInputBox({
      title: `Value of ${key.name}`,
      prompt: `${key.type ?? 'Value'}${key.multiValued ? ': several values separated by commas' : ''}; empty to remove it${key.description ? `. ${key.description}` : ''}`,
      value: current === undefined ? (key.derivedValue ?? '') : Array.isArray(current) ? current.join(', ') : String(current),
      ignoreFocusOut: true,
    });
    if (text === undefined) continue;
    const trimmed = text.trim();
    if (trimmed === '') delete context[key.name];
    else context[key.name] = key.multiValued ? trimmed.split(',').map((part) => part.trim()).filter((part) => part !== '') : trimmed;
  }
  const kept: Record<string, string | readonly string[]> = { ...remembered, ...context };
  for (const key of keys) if (context[key.name] === undefined) delete kept[key.name];
  await memory.set('context', kept);
  return context;
}
