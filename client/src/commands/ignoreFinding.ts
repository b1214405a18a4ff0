/**
 * "Ignore this finding here / in this file": the server's code action hands over a complete
 * entry, and this command only appends it to the array setting it names
 * (iamPolicyStudio.ignoreFindings), in the workspace settings when a folder is open, so the CLI
 * reads it from .vscode/settings.json too. No IAM logic here: the server decides the entry.
 */
import * as vscode from 'vscode';

/** The argument of the command, as the server's code action sends it (server/src/analysis/ignore.ts). */
export interface AppendSettingEntryArgs {
  readonly setting: string;
  readonly entry: unknown;
}

/** Only the array settings the server may ask to extend. */
const APPENDABLE_SETTINGS = new Set(['ignoreFindings']);

export function createIgnoreFindingCommand(section: string) {
  return async (args?: AppendSettingEntryArgs): Promise<boolean> => {
    if (!args || !APPENDABLE_SETTINGS.has(args.setting) || args.entry === undefined) return false;
    const configuration = vscode.workspace.getConfiguration(section);
    const inWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    const inspected = configuration.inspect<unknown[]>(args.setting);
    const current = (inWorkspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
    const entries = Array.isArray(current) ? current : [];
    const text = JSON.stringify(args.entry);
    if (!entries.some((existing) => JSON.stringify(existing) === text)) {
      await configuration.update(args.setting, [...entries, args.entry], inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    }
    return true;
  };
}
