/**
 * "IAM: Show Effective Permissions…": what a principal can do after all its policies, its
 * boundary and the SCPs given, by service and access level, with privilege-escalation and
 * credential-exposure actions highlighted, in the result panel. Takes a principal ARN (the IAM
 * tree) or { principal, context?, documents?, showPanel? }.
 */
import type { BaseLanguageClient } from 'vscode-languageclient';
import { EffectivePermissionsRequest, type EffectivePermissionsParams, type EffectivePermissionsResult, type SimulationContext, type SimulationDocumentParams } from '../../../server/src/protocol';
import { simulateArgsOf, startingDocument, type SimulationCommandContext } from './simulateAccess';
import { askPrincipal } from './simulationInputs';

export interface EffectivePermissionsArgs {
  readonly principal?: string;
  readonly context?: SimulationContext;
  readonly documents?: readonly SimulationDocumentParams[];
  readonly useAccountModel?: boolean;
  readonly showPanel?: boolean;
}

export function createEffectivePermissionsCommand({ client, memory, panel }: SimulationCommandContext) {
  return async (raw?: unknown): Promise<EffectivePermissionsResult | undefined> => {
    const args = simulateArgsOf(raw) as EffectivePermissionsArgs;
    const documents: SimulationDocumentParams[] = [...(args.documents ?? [])];
    let principal = args.principal;
    if (!principal) {
      const starting = await startingDocument(client, undefined);
      const answer = await askPrincipal(client, memory, starting);
      if (!answer) return undefined;
      principal = answer.principal;
      if (answer.identityDocument) documents.push({ uri: answer.identityDocument, as: 'identity' });
      else if (starting && starting.kind !== 'identity') documents.push({ uri: starting.uri });
    }
    const result = await runEffectivePermissions(client, { principal, context: args.context, documents, useAccountModel: args.useAccountModel });
    if (args.showPanel !== false) panel.show({ kind: 'effective', result });
    return result;
  };
}

export function runEffectivePermissions(client: BaseLanguageClient, params: EffectivePermissionsParams): Promise<EffectivePermissionsResult> {
  return client.sendRequest(EffectivePermissionsRequest.type, params);
}
