/**
 * "IAM: Who Can Perform an Action…": an action and a resource -> every user and role of the
 * account model that is allowed, with the statements that allow it, in the result panel.
 * Takes { action, resource, context?, documents?, showPanel? } to run without asking.
 */
import type { BaseLanguageClient } from 'vscode-languageclient';
import { WhoCanRequest, type SimulationContext, type SimulationDocumentParams, type WhoCanResult } from '../../../server/src/protocol';
import type { SimulationCommandContext } from './simulateAccess';
import { askAction, askResource } from './simulationInputs';

export interface WhoCanArgs {
  readonly action?: string;
  readonly resource?: string;
  readonly resourceAccount?: string;
  readonly context?: SimulationContext;
  readonly documents?: readonly SimulationDocumentParams[];
  readonly showPanel?: boolean;
}

export function createWhoCanCommand({ client, memory, panel }: SimulationCommandContext) {
  return async (raw?: unknown): Promise<WhoCanResult | undefined> => {
    const args = (raw && typeof raw === 'object' ? raw : {}) as WhoCanArgs;
    const action = args.action ?? (await askAction(client, memory, undefined, 'Who can: action', false));
    if (!action) return undefined;
    const resource = args.resource ?? (await askResource(client, memory, { action, documents: args.documents }, undefined, `Who can ${action}: on which resource?`));
    if (!resource) return undefined;
    const result = await runWhoCan(client, { action, resource, resourceAccount: args.resourceAccount, context: args.context, documents: args.documents });
    if (args.showPanel !== false) panel.show({ kind: 'whoCan', result });
    return result;
  };
}

export function runWhoCan(client: BaseLanguageClient, params: WhoCanResult['params']): Promise<WhoCanResult> {
  return client.sendRequest(WhoCanRequest.type, params);
}
