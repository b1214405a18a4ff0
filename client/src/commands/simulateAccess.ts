/**
 * "IAM: Simulate Access" (and "Simulate Every Action of a Service", the batch form): collects
 * principal, action, resource and context values (simulationInputs.ts), asks the server for the
 * decision, shows it in the result panel and returns it. With every input in its argument
 * (keybindings, tasks, tests) it asks nothing. Also reached from the IAM tree (a principal ARN
 * as the argument) and from the "Simulate" code lens above each statement.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  PolicyKindRequest,
  SimulateAccessRequest,
  type SimulateAccessParams,
  type SimulateAccessResult,
  type SimulationContext,
  type SimulationDocumentParams,
} from '../../../server/src/protocol';
import type { SimulationPanel } from '../panels/simulationPanel';
import { askAction, askContext, askPrincipal, askResource, type StartingDocument, type StepMemory } from './simulationInputs';

export interface SimulateAccessArgs {
  readonly principal?: string;
  /** One action, or a pattern such as s3:Get* (one result per action). */
  readonly action?: string;
  readonly resource?: string;
  readonly resourceAccount?: string;
  readonly context?: SimulationContext;
  /** A policy document evaluated as the principal's identity policy. */
  readonly identityDocument?: string;
  /** More policy documents (SCPs, a bucket policy, a boundary...), each as its kind unless `as` says otherwise. */
  readonly documents?: readonly SimulationDocumentParams[];
  /** Take the principal's policies from the account model (default true). */
  readonly useAccountModel?: boolean;
  /** Show the result panel (default true). */
  readonly showPanel?: boolean;
  /** From the "Simulate" code lens: the document the statement is in. */
  readonly document?: string;
  readonly statementIndex?: number;
}

export interface SimulationCommandContext {
  readonly client: BaseLanguageClient;
  readonly memory: StepMemory;
  readonly panel: SimulationPanel;
}

/** A string argument is a principal ARN (the IAM tree); a tree node brings its principalArn. */
export function simulateArgsOf(raw: unknown): SimulateAccessArgs {
  if (typeof raw === 'string') return { principal: raw };
  if (raw && typeof raw === 'object') {
    const node = raw as { principalArn?: unknown };
    return typeof node.principalArn === 'string' ? { principal: node.principalArn } : (raw as SimulateAccessArgs);
  }
  return {};
}

/** The lens's document, or the active editor's when it is a policy. */
export async function startingDocument(client: BaseLanguageClient, uri: string | undefined): Promise<StartingDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  const target = uri ?? (editor?.document.languageId === 'iam-policy' ? editor.document.uri.toString() : undefined);
  if (!target) return undefined;
  const kind = await client.sendRequest(PolicyKindRequest.type, { uri: target });
  return kind ? { uri: target, kind: kind.type } : undefined;
}

export function createSimulateAccessCommand(context: SimulationCommandContext, batch = false) {
  const { client, memory, panel } = context;
  return async (raw?: unknown): Promise<SimulateAccessResult | undefined> => {
    const args = simulateArgsOf(raw);
    // The lens's action and resource are where the steps start, not answers: a Resource value may hold wildcards.
    const fromLens = args.document !== undefined;
    const interactive = fromLens || !(args.principal && args.action && args.resource);
    const documents: SimulationDocumentParams[] = [...(args.documents ?? [])];
    if (args.identityDocument) documents.push({ uri: args.identityDocument, as: 'identity' });
    const starting = interactive ? await startingDocument(client, args.document) : undefined;

    let principal = args.principal;
    if (!principal) {
      const answer = await askPrincipal(client, memory, starting);
      if (!answer) return undefined;
      principal = answer.principal;
      if (answer.identityDocument) documents.push({ uri: answer.identityDocument, as: 'identity' });
    }
    // A policy of another kind (an SCP, a bucket policy, a boundary) takes part as what it is.
    if (starting && starting.kind !== 'identity' && !documents.some((document) => document.uri === starting.uri)) documents.push({ uri: starting.uri });
    const action = args.action && !fromLens ? args.action : await askAction(client, memory, args.action, batch ? 'Simulate: every action of a service, or a pattern' : 'Simulate access: action', true);
    if (!action) return undefined;
    const resource = args.resource && !fromLens ? args.resource : await askResource(client, memory, { action, principal, documents }, args.resource, 'Simulate access: resource');
    if (!resource) return undefined;

    const params: SimulateAccessParams = { principal, action, resource, resourceAccount: args.resourceAccount, context: args.context, documents, useAccountModel: args.useAccountModel };
    let result = await client.sendRequest(SimulateAccessRequest.type, params);
    if (interactive && !result.error && result.contextKeys.length > 0) {
      const chosen = await askContext(memory, result.contextKeys, args.context);
      if (!chosen) return undefined;
      if (Object.keys(chosen).length > 0) result = await client.sendRequest(SimulateAccessRequest.type, { ...params, context: chosen });
    }
    if (args.showPanel !== false) panel.show({ kind: 'simulation', result });
    if (result.error && interactive) void vscode.window.showErrorMessage(`Simulate access: ${result.error}`);
    return result;
  };
}

/** The panel's "Run again": the same request with the context values the user typed. */
export async function rerunSimulation(client: BaseLanguageClient, params: SimulateAccessParams, context: SimulationContext): Promise<SimulateAccessResult> {
  return client.sendRequest(SimulateAccessRequest.type, { ...params, context });
}
