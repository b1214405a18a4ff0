/**
 * Which files the server may read as account files: the workspace's *.json, *.yaml, *.yml and
 * *.template files (minus the `iamPolicyStudio.accountFiles.exclude` globs), and files the user
 * picked. The server decides by content which of them are exports or templates; it reads them
 * through `iamPolicyStudio/readFile`, answered here with vscode.workspace.fs (desktop and web).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { AccountCandidateFilesNotification, ReadFileRequest } from '../../../server/src/protocol';

export const CANDIDATE_GLOB = '**/*.{json,yaml,yml,template}';
const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', 'examples/**'];
/** More candidate files than this is not a workspace of policies and templates; the rest are left out. */
const MAX_CANDIDATES = 20_000;
const PICKED_FILES_KEY = 'iamPolicyStudio.pickedAccountFiles';

/** The watcher behind LSP's workspace/didChangeWatchedFiles (LanguageClientOptions.synchronize.fileEvents). */
export function createCandidateFileWatcher(): vscode.FileSystemWatcher {
  return vscode.workspace.createFileSystemWatcher(CANDIDATE_GLOB);
}

export function registerReadFile(client: BaseLanguageClient): vscode.Disposable {
  const decoder = new TextDecoder('utf-8');
  return client.onRequest(ReadFileRequest.type, async ({ uri }) => ({ text: decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri))) }));
}

/** Tells the server about the workspace's candidate files and the files picked earlier. */
export async function sendCandidateFiles(client: BaseLanguageClient, context: vscode.ExtensionContext): Promise<void> {
  const configured = vscode.workspace.getConfiguration('iamPolicyStudio').get<unknown>('accountFiles.exclude');
  const globs = (Array.isArray(configured) ? configured.filter((glob): glob is string => typeof glob === 'string') : DEFAULT_EXCLUDE)
    // The same meaning as on the server: relative globs match at any depth. The server applies
    // every glob again; here they only keep the search out of big folders.
    .filter((glob) => !glob.includes('{') && !glob.startsWith('/'))
    .map((glob) => (glob.startsWith('**') ? glob : `**/${glob}`));
  const exclude = globs.length > 0 ? `{${globs.join(',')}}` : null;
  const found = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles(CANDIDATE_GLOB, exclude, MAX_CANDIDATES) : [];
  await client.sendNotification(AccountCandidateFilesNotification.type, { uris: found.map((uri) => uri.toString()) });
  const picked = pickedFiles(context);
  if (picked.length > 0) await client.sendNotification(AccountCandidateFilesNotification.type, { uris: picked, picked: true });
}

/** Adds files the user chose (even outside the workspace or excluded) and remembers them for this workspace. */
export async function addPickedFiles(client: BaseLanguageClient, context: vscode.ExtensionContext, uris: readonly vscode.Uri[]): Promise<void> {
  const added = uris.map((uri) => uri.toString());
  await context.workspaceState.update(PICKED_FILES_KEY, [...new Set([...pickedFiles(context), ...added])]);
  await client.sendNotification(AccountCandidateFilesNotification.type, { uris: added, picked: true });
}

function pickedFiles(context: vscode.ExtensionContext): string[] {
  const stored = context.workspaceState.get<unknown>(PICKED_FILES_KEY);
  return Array.isArray(stored) ? stored.filter((uri): uri is string => typeof uri === 'string') : [];
}
