/**
 * Registers "Simulate access", its batch form, "Who can" and "Effective permissions" with the
 * one result panel they share, and wires the panel's "Run again" back to them.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SimulationPanel } from '../panels/simulationPanel';
import { createEffectivePermissionsCommand, runEffectivePermissions } from './effectivePermissions';
import { createSimulateAccessCommand, rerunSimulation } from './simulateAccess';
import { StepMemory } from './simulationInputs';
import { createWhoCanCommand, runWhoCan } from './whoCan';

export const SIMULATION_COMMANDS = {
  simulateAccess: 'iamPolicyStudio.simulateAccess',
  simulateBatch: 'iamPolicyStudio.simulateBatch',
  whoCan: 'iamPolicyStudio.whoCan',
  effectivePermissions: 'iamPolicyStudio.effectivePermissions',
} as const;

export function registerSimulationCommands(context: vscode.ExtensionContext, client: BaseLanguageClient): SimulationPanel {
  const panel: SimulationPanel = new SimulationPanel(async (content, values): Promise<void> => {
    const params = content.result.params;
    switch (content.kind) {
      case 'simulation':
        return panel.show({ kind: 'simulation', result: await rerunSimulation(client, content.result.params, { ...(content.result.params.context ?? {}), ...values }) });
      case 'whoCan':
        return panel.show({ kind: 'whoCan', result: await runWhoCan(client, { ...content.result.params, context: { ...(params.context ?? {}), ...values } }) });
      case 'effective':
        return panel.show({ kind: 'effective', result: await runEffectivePermissions(client, { ...content.result.params, context: { ...(params.context ?? {}), ...values } }) });
    }
  });
  const commands = { client, memory: new StepMemory(context.workspaceState), panel };
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand(SIMULATION_COMMANDS.simulateAccess, createSimulateAccessCommand(commands)),
    vscode.commands.registerCommand(SIMULATION_COMMANDS.simulateBatch, createSimulateAccessCommand(commands, true)),
    vscode.commands.registerCommand(SIMULATION_COMMANDS.whoCan, createWhoCanCommand(commands)),
    vscode.commands.registerCommand(SIMULATION_COMMANDS.effectivePermissions, createEffectivePermissionsCommand(commands)),
  );
  return panel;
}
