/**
 * A small real LSP client for the tests: starts the bundled node server (dist/server/node.js)
 * over stdio and speaks JSON-RPC to it with vscode-languageserver-protocol.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER_BUNDLE = path.resolve(__dirname, '../../../dist/server/node.js');

export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly initializeResult: InitializeResult;
  readonly logs: string[];
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, version: number, text: string): void;
  close(uri: string): void;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`, or rejects after `timeoutMs`. */
  diagnostics(uri: string, accept?: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Resolves with the params of the next `method` notification (from now on) that satisfies `accept`. */
  notification<P>(method: string, accept?: (params: P) => boolean, timeoutMs?: number): Promise<P>;
  /** The diagnostics last published for `uri`. */
  publishedDiagnostics(uri: string): Diagnostic[] | undefined;
  shutdown(): Promise<number | null>;
}

export async function startTestServer(settings: Record<string, unknown> = {}, bundle = SERVER_BUNDLE): Promise<TestServer> {
  const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const logs: string[] = [];
  child.stderr!.on('data', (chunk) => logs.push(String(chunk)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, PublishDiagnosticsParams>();
  const waiters: Array<{ uri: string; accept: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean; resolve: (d: Diagnostic[]) => void }> = [];

  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.set(params.uri, params);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics, params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push(params.message);
  });
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
    params.items.map((item) => (item.section === 'iamPolicyStudio' ? settings : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  // What the extension's client does with vscode.workspace.fs (iamPolicyStudio/readFile in server/src/protocol.ts).
  connection.onRequest('iamPolicyStudio/readFile', async ({ uri }: { uri: string }) => ({ text: await readFile(fileURLToPath(uri), 'utf8') }));
  const notificationWaiters: Array<{ method: string; accept: (params: unknown) => boolean; resolve: (params: unknown) => void }> = [];
  const listenedMethods = new Set<string>();
  const listenTo = (method: string) => {
    if (listenedMethods.has(method)) return;
    listenedMethods.add(method);
    connection.onNotification(method, (params: unknown) => {
      for (const waiter of [...notificationWaiters]) {
        if (waiter.method === method && waiter.accept(params)) {
          notificationWaiters.splice(notificationWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
  };
  connection.listen();

  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, publishDiagnostics: { versionSupport: true } },
    },
    workspaceFolders: null,
  });
  await connection.sendNotification(InitializedNotification.type, {});

  return {
    connection,
    process: child,
    initializeResult,
    logs,
    open(uri, text, languageId = 'iam-policy') {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    },
    change(uri, version, text) {
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close(uri) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    diagnostics(uri, accept = () => true, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; logs: ${logs.join('\n')}`)), timeoutMs);
        waiters.push({
          uri,
          accept,
          resolve: (diagnostics) => {
            clearTimeout(timer);
            resolve(diagnostics);
          },
        });
      });
    },
    notification<P>(method: string, accept: (params: P) => boolean = () => true, timeoutMs = 10_000) {
      listenTo(method);
      return new Promise<P>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching ${method} within ${timeoutMs} ms; logs: ${logs.join('\n')}`)), timeoutMs);
        notificationWaiters.push({
          method,
          accept: (params) => accept(params as P),
          resolve: (params) => {
            clearTimeout(timer);
            resolve(params as P);
          },
        });
      });
    },
    publishedDiagnostics(uri) {
      return published.get(uri)?.diagnostics;
    },
    async shutdown() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
