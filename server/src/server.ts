/**
 * Wiring only: LSP handlers call the pure services under policy/, analysis/ and language/.
 * The node and browser entry points create the connection and call startServer.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { looksLikeCloudFormationTemplate } from './account';
import { accountTreeChildren } from './account/accountTree';
import { AccountService, awsManagedPolicyText, readAccountFileSettings, type AccountFileSettings } from './accountService';
import { toDiagnostic, fixesFromDiagnostic, DIAGNOSTIC_SOURCE } from './analysis/diagnostics';
import { ignoreActions, IGNORE_FINDING_COMMAND } from './analysis/ignore';
import { analyzePolicy, prepareAnalysis } from './analysis/analyze';
import { Catalog } from './catalog/catalog';
import type { CatalogDataSource } from './catalog/dataSource';
import { ManagedPolicyStore } from './catalog/managedPolicies';
import { accountProblemsByUri, DiagnosticsPublisher } from './diagnosticsPublisher';
import { codeLenses, prepareCodeLenses } from './language/codeLens';
import { completePolicy } from './language/completion/complete';
import { resolveCompletionItem } from './language/completion/resolve';
import { foldingRanges } from './language/folding';
import { formatPolicy } from './language/format';
import { hoverPolicy } from './language/hover/hover';
import { readLanguageSettings, type LanguageSettings } from './language/languageOptions';
import { selectionRanges } from './language/selectionRanges';
import { documentSymbols } from './language/symbols';
import { createLanguageModelCache } from './languageModelCache';
import type { PolicyAst } from './policy/ast';
import { decidePolicyKind, isPolicyKindType, POLICY_KIND_LABELS, type PolicyKind } from './policy/kind';
import { parsePolicy } from './policy/parse';
import {
  AccountCandidateFilesNotification,
  AccountLoadProgressNotification,
  AccountModelChangedNotification,
  AccountTreeRequest,
  AwsManagedPolicyTextRequest,
  PolicyDocumentDetectedNotification,
  PolicyKindChangedNotification,
  PolicyKindRequest,
  ReadFileRequest,
  ServerStatusRequest,
  SetPolicyKindRequest,
  type PolicyKindResult,
} from './protocol';
import { runSafe, runSafeAsync } from './runSafe';
import { DEFAULT_SETTINGS, analysisOptionsFor, isIgnoredDocument, readSettings, kindFromSettings, type ServerSettings } from './settings';
import { registerSimulationHandlers } from './simulationHandlers';
import {
  parseTemplatePolicies,
  templateCompletion,
  templateDiagnostics,
  templateHover,
  templateProblemDiagnostics,
  TEMPLATE_LANGUAGE_IDS,
  type TemplatePolicies,
} from './templatePolicies';

export const SERVER_VERSION = '0.1.0';
export const POLICY_LANGUAGE_ID = 'iam-policy';
/** Diagnostics wait this long after the last keystroke, so typing never queues work. */
export const VALIDATION_DELAY_MS = 200;
/** An open account file is read again this long after the last keystroke (the tree follows the edit). */
export const ACCOUNT_RELOAD_DELAY_MS = 500;

export interface RuntimeEnvironment {
  /** Name of the platform, for the status request and logs. */
  readonly platform: 'node' | 'browser';
  /** Where the IAM data lives: files next to the bundle in node, the extension's URL in a worker. */
  createDataSource(initializationOptions: InitializationOptions): CatalogDataSource;
  /**
   * Reads a workspace file directly when the platform can (node: `file:` URIs from disk), so a
   * 50 MB account export does not travel through the client as one JSON-RPC message. Returns
   * undefined when it cannot; the server then asks the client.
   */
  readLocalFile?(uri: string): Promise<string> | undefined;
}

/** What the client sends in `initialize`; all optional so other LSP clients can start the server. */
export interface InitializationOptions {
  /** URL of the extension's dist/data folder, for the web worker, which cannot read files. */
  readonly dataUrl?: string;
}

export function startServer(connection: Connection, runtime: RuntimeEnvironment): void {
  const documents = new TextDocuments(TextDocument);
  const logger = { error: (message: string) => connection.console.error(message) };
  const asts = createLanguageModelCache<PolicyAst>(50, (document) => parsePolicy(document.getText()));
  const pickedKinds = new Map<string, PolicyKind>();
  const detectedJson = new Set<string>();
  const pendingValidation = new Map<string, ReturnType<typeof setTimeout>>();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let languageSettings: LanguageSettings = {};
  let canPullConfiguration = false;
  /** Formatting is registered for IAM policies only, so YAML and JSON keep their own formatter alone. */
  let registerFormattingLater = false;
  /** Folder URIs from initialize: "ignore in this file" stores paths relative to them. */
  let workspaceFolders: string[] = [];
  let catalogLoading: Promise<Catalog> | undefined;
  let dataSource: CatalogDataSource | undefined;
  let managedPoliciesLoading: Promise<ManagedPolicyStore> | undefined;
  let accountSettings: AccountFileSettings = readAccountFileSettings(undefined);
  const publisher = new DiagnosticsPublisher((params) => void connection.sendDiagnostics(params));
  const templates = createLanguageModelCache<TemplatePolicies>(10, (document) => parseTemplatePolicies(document.getText(), document.uri, accountSettings.template));

  const managedPolicies = (): Promise<ManagedPolicyStore> | undefined => {
    if (!dataSource) return undefined;
    managedPoliciesLoading ??= ManagedPolicyStore.load(dataSource);
    return managedPoliciesLoading;
  };

  // --- the account model (account/): files named by the client, read through it ---
  const accounts = new AccountService({
    readText: async (uri) =>
      documents.get(uri)?.getText() ?? (await runtime.readLocalFile?.(uri)) ?? (await connection.sendRequest(ReadFileRequest.type, { uri })).text,
    managedPolicies: async () => managedPolicies(),
    log: (message) => connection.console.log(message),
    progress: (params) => void connection.sendNotification(AccountLoadProgressNotification.type, params),
    modelChanged: (index) => {
      publisher.setAccountProblems(accountProblemsByUri(index.model.problems));
      void connection.sendNotification(AccountModelChangedNotification.type, { accounts: index.model.accounts.length, loading: accounts.loading });
    },
  });

  const isPolicyDocument = (document: TextDocument) => document.languageId === POLICY_LANGUAGE_ID;

  const kindOf = (document: TextDocument, ast: PolicyAst): PolicyKind =>
    decidePolicyKind(ast, { explicit: pickedKinds.get(document.uri) ?? kindFromSettings(settings, document.uri), path: document.uri });

  const kindResult = (kind: PolicyKind): PolicyKindResult => ({
    type: kind.type,
    label: POLICY_KIND_LABELS[kind.type],
    source: kind.source,
    resourceService: kind.resourceService,
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    const textDocument = params.capabilities.textDocument;
    registerFormattingLater = !!textDocument?.formatting?.dynamicRegistration && !!textDocument.rangeFormatting?.dynamicRegistration;
    workspaceFolders = params.workspaceFolders ? params.workspaceFolders.map((folder) => folder.uri) : params.rootUri ? [params.rootUri] : [];
    dataSource = runtime.createDataSource((params.initializationOptions ?? {}) as InitializationOptions);
    accounts.setWorkspaceFolders(workspaceFolders);
    catalogLoading = Catalog.load(dataSource);
    catalogLoading.catch((error: unknown) => logger.error(`Loading the IAM catalog failed: ${String(error)}`));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: ['"', ':', '/', '$'], resolveProvider: true },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: !registerFormattingLater,
        documentRangeFormattingProvider: !registerFormattingLater,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'IAM Policy Studio', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'iamPolicyStudio' });
    }
    if (registerFormattingLater) {
      const documentSelector = [{ language: POLICY_LANGUAGE_ID }];
      void connection.client.register(DocumentFormattingRequest.type, { documentSelector });
      void connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector });
    }
    void refreshSettings();
  });

  async function refreshSettings(): Promise<void> {
    if (canPullConfiguration) {
      try {
        const section: unknown = await connection.workspace.getConfiguration('iamPolicyStudio');
        settings = readSettings(section);
        languageSettings = readLanguageSettings(section);
        updateAccountSettings(section);
      } catch (error) {
        logger.error(`Reading settings failed: ${String(error)}`);
      }
    }
    // The first call lets the account files load (they wait for the exclude globs and the template account).
    accounts.updateSettings(accountSettings);
    for (const document of documents.all()) scheduleValidation(document, 0);
  }

  connection.onDidChangeConfiguration((change) => {
    if (!canPullConfiguration) {
      const section = (change.settings as { iamPolicyStudio?: unknown } | undefined)?.iamPolicyStudio;
      settings = readSettings(section);
      languageSettings = readLanguageSettings(section);
      updateAccountSettings(section);
    }
    void refreshSettings();
  });

  function updateAccountSettings(section: unknown): void {
    const next = readAccountFileSettings(section);
    if (JSON.stringify(next.template) !== JSON.stringify(accountSettings.template)) templates.dispose();
    accountSettings = next;
    accounts.updateSettings(next);
  }

  function scheduleValidation(document: TextDocument, delay: number): void {
    const pending = pendingValidation.get(document.uri);
    if (pending) clearTimeout(pending);
    pendingValidation.set(
      document.uri,
      setTimeout(() => {
        pendingValidation.delete(document.uri);
        void validate(document.uri);
      }, delay),
    );
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    await runSafeAsync(logger, 'validation', uri, undefined, undefined, async () => {
      if (isTemplateDocument(document)) {
        await validateTemplate(document);
        return;
      }
      // Once a template, now not one (or never one): its earlier findings go.
      if (publisher.hasDocument(uri) && !isPolicyDocument(document)) publisher.clearDocument(uri);
      if (document.languageId === 'json') {
        detectPolicyInJson(document);
        return;
      }
      if (!isPolicyDocument(document) || !catalogLoading) return;
      if (isIgnoredDocument(settings, uri)) {
        publisher.setDocument(uri, document.version, []);
        return;
      }
      const ast = asts.get(document);
      const catalog = await catalogLoading;
      await prepareAnalysis(ast, catalog);
      // The user may have typed on while services loaded; the newer version has its own run.
      if (documents.get(uri)?.version !== document.version) return;
      const kind = kindOf(document, ast);
      const findings = analyzePolicy(ast, kind, catalog, analysisOptionsFor(settings, uri));
      const diagnostics: Diagnostic[] = findings.map(toDiagnostic);
      publisher.setDocument(uri, document.version, diagnostics);
    });
  }

  /** Only YAML and JSON documents that are CloudFormation templates; other YAML is left alone. */
  function isTemplateDocument(document: TextDocument): boolean {
    return TEMPLATE_LANGUAGE_IDS.has(document.languageId) && looksLikeCloudFormationTemplate(document.getText());
  }

  /** The policies inside a template get the checks of policy files, on the template's lines. */
  async function validateTemplate(document: TextDocument): Promise<void> {
    const uri = document.uri;
    if (!catalogLoading) return;
    if (isIgnoredDocument(settings, uri)) {
      publisher.setDocument(uri, document.version, []);
      return;
    }
    const template = templates.get(document);
    const catalog = await catalogLoading;
    const findings = await templateDiagnostics(template, catalog, analysisOptionsFor(settings, uri));
    if (documents.get(uri)?.version !== document.version) return;
    publisher.setDocument(uri, document.version, [...templateProblemDiagnostics(template), ...findings]);
  }

  /** A plain .json file is a policy when its top-level object has a Statement element. */
  function detectPolicyInJson(document: TextDocument): void {
    if (!settings.detectPoliciesInJson || detectedJson.has(document.uri)) return;
    const ast = asts.get(document);
    if (ast.statementProperty && ast.root?.type === 'object') {
      detectedJson.add(document.uri);
      void connection.sendNotification(PolicyDocumentDetectedNotification.type, { uri: document.uri });
    }
  }

  // TextDocuments reports an open as a content change too; only real edits reload an account file.
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    scheduleValidation(event.document, 0);
  });
  documents.onDidChangeContent((event) => {
    scheduleValidation(event.document, VALIDATION_DELAY_MS);
    if (!justOpened.delete(event.document.uri)) accounts.documentEdited(event.document.uri, ACCOUNT_RELOAD_DELAY_MS);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const pending = pendingValidation.get(uri);
    if (pending) clearTimeout(pending);
    pendingValidation.delete(uri);
    asts.onDocumentRemoved(uri);
    templates.onDocumentRemoved(uri);
    justOpened.delete(uri);
    detectedJson.delete(uri);
    publisher.clearDocument(uri);
    accounts.documentClosed(uri);
  });

  connection.onDocumentSymbol((params, token) =>
    runSafe(logger, 'document symbols', params.textDocument.uri, [], token, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document || !isPolicyDocument(document)) return [];
      return documentSymbols(asts.get(document));
    }),
  );

  // --- authoring features (language/): each loads only the services its position needs ---
  const policyAst = (uri: string) => {
    const document = documents.get(uri);
    return document && isPolicyDocument(document) ? { document, ast: asts.get(document) } : undefined;
  };
  const templateOf = (uri: string) => {
    const document = documents.get(uri);
    return document && !isPolicyDocument(document) && isTemplateDocument(document) ? templates.get(document) : undefined;
  };

  connection.onCompletion((params, token) =>
    runSafeAsync(logger, 'completion', params.textDocument.uri, null, token, async () => {
      if (!catalogLoading) return null;
      const options = { ...languageSettings, now: new Date() };
      const template = templateOf(params.textDocument.uri);
      if (template) return templateCompletion(template, params.position, await catalogLoading, options);
      const found = policyAst(params.textDocument.uri);
      if (!found) return null;
      const { document, ast } = found;
      return completePolicy({ ast, offset: document.offsetAt(params.position), kind: kindOf(document, ast), catalog: await catalogLoading, options });
    }),
  );

  connection.onCompletionResolve((item, token) =>
    runSafeAsync(logger, 'completion resolve', undefined, item, token, async () => (catalogLoading ? resolveCompletionItem(item, await catalogLoading) : item)),
  );

  connection.onHover((params, token) =>
    runSafeAsync(logger, 'hover', params.textDocument.uri, null, token, async () => {
      if (!catalogLoading) return null;
      const template = templateOf(params.textDocument.uri);
      if (template) return templateHover(template, params.position, await catalogLoading);
      const found = policyAst(params.textDocument.uri);
      if (!found) return null;
      return hoverPolicy({ ast: found.ast, offset: found.document.offsetAt(params.position), catalog: await catalogLoading });
    }),
  );

  connection.onCodeLens((params, token) =>
    runSafeAsync(logger, 'code lens', params.textDocument.uri, [], token, async () => {
      const found = policyAst(params.textDocument.uri);
      if (!found || !catalogLoading) return [];
      const catalog = await catalogLoading;
      const { actionIndexLoaded } = await prepareCodeLenses(found.ast, catalog);
      return codeLenses(found.ast, catalog, actionIndexLoaded, params.textDocument.uri);
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(logger, 'folding', params.textDocument.uri, [], token, () => {
      const found = policyAst(params.textDocument.uri);
      return found ? foldingRanges(found.ast) : [];
    }),
  );

  connection.onSelectionRanges((params, token) =>
    runSafe(logger, 'selection ranges', params.textDocument.uri, [], token, () => {
      const found = policyAst(params.textDocument.uri);
      return found ? selectionRanges(found.ast, params.positions.map((position) => found.document.offsetAt(position))) : [];
    }),
  );

  connection.onDocumentFormatting((params, token) =>
    runSafe(logger, 'formatting', params.textDocument.uri, [], token, () => {
      const found = policyAst(params.textDocument.uri);
      return found ? formatPolicy(found.ast, undefined, params.options) : [];
    }),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    runSafe(logger, 'range formatting', params.textDocument.uri, [], token, () => {
      const found = policyAst(params.textDocument.uri);
      if (!found) return [];
      const range = { start: found.document.offsetAt(params.range.start), end: found.document.offsetAt(params.range.end) };
      return formatPolicy(found.ast, range, params.options);
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe(logger, 'code actions', params.textDocument.uri, [] as CodeAction[], token, () => {
      const uri = params.textDocument.uri;
      const document = documents.get(uri);
      const ast = document && isPolicyDocument(document) ? asts.get(document) : undefined;
      return params.context.diagnostics.flatMap((diagnostic) => [
        ...fixesFromDiagnostic(diagnostic).map((fix): CodeAction => ({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: { changes: { [uri]: fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })) } },
        })),
        // "Ignore" writes a setting, which only the client can do: the action carries a command.
        ...(ast && diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === 'string'
          ? ignoreActions(ast, uri, diagnostic.code, diagnostic.range, workspaceFolders).map((action): CodeAction => ({
              title: action.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              command: { title: action.title, command: IGNORE_FINDING_COMMAND, arguments: [action.args] },
            }))
          : []),
      ]);
    }),
  );

  connection.onRequest(ServerStatusRequest.type, () => ({
    state: 'running' as const,
    serverVersion: `${SERVER_VERSION} (${runtime.platform})`,
    documents: documents.all().filter(isPolicyDocument).length,
  }));

  connection.onRequest(PolicyKindRequest.type, (params, token) =>
    runSafe(logger, 'policy kind', params.uri, null, token, () => {
      const document = documents.get(params.uri);
      if (!document || !isPolicyDocument(document)) return null;
      return kindResult(kindOf(document, asts.get(document)));
    }),
  );

  connection.onRequest(SetPolicyKindRequest.type, (params, token) =>
    runSafeAsync(logger, 'set policy kind', params.uri, null, token, async () => {
      if (params.type === null) pickedKinds.delete(params.uri);
      else if (isPolicyKindType(params.type)) pickedKinds.set(params.uri, { type: params.type, source: 'setting' });
      const document = documents.get(params.uri);
      if (!document) return null;
      scheduleValidation(document, 0);
      void connection.sendNotification(PolicyKindChangedNotification.type, { uri: params.uri });
      return isPolicyDocument(document) ? kindResult(kindOf(document, asts.get(document))) : null;
    }),
  );

  // --- the account model and the IAM tree ---
  connection.onNotification(AccountCandidateFilesNotification.type, (params) => {
    runSafe(logger, 'account candidate files', undefined, undefined, undefined, () => accounts.addCandidates(params.uris, params.picked === true));
  });

  connection.onDidChangeWatchedFiles((params) => {
    runSafe(logger, 'watched files', undefined, undefined, undefined, () => {
      for (const change of params.changes) {
        if (change.type === FileChangeType.Deleted) accounts.fileDeleted(change.uri);
        else accounts.fileChanged(change.uri);
      }
    });
  });

  connection.onRequest(AccountTreeRequest.type, (params, token) =>
    runSafe(logger, 'account tree', params.parentId, { nodes: [], loading: accounts.loading }, token, () => ({
      nodes: accountTreeChildren(accounts.index, params.parentId, params.filter),
      loading: accounts.loading,
    })),
  );

  connection.onRequest(AwsManagedPolicyTextRequest.type, (params, token) =>
    runSafeAsync(logger, 'AWS managed policy text', params.uri, null, token, async () => {
      const store = await managedPolicies();
      const text = store ? await awsManagedPolicyText(params.uri, store) : undefined;
      return text === undefined ? null : { text };
    }),
  );

  // --- "Simulate access", who can, effective permissions (simulationHandlers.ts) ---
  registerSimulationHandlers(connection, {
    logger,
    catalog: () => catalogLoading,
    accountIndex: () => accounts.index,
    accountsLoading: () => accounts.loading,
    accountsIdle: () => accounts.whenIdle(),
    readPolicy: async (uri) => {
      const open = documents.get(uri);
      if (open) {
        const ast = asts.get(open);
        return { text: open.getText(), ast, kind: kindOf(open, ast).type };
      }
      const { text } = await connection.sendRequest(ReadFileRequest.type, { uri });
      const ast = parsePolicy(text);
      return { text, ast, kind: decidePolicyKind(ast, { explicit: pickedKinds.get(uri) ?? kindFromSettings(settings, uri), path: uri }).type };
    },
    languageSettings: () => languageSettings,
  });

  documents.listen(connection);
  connection.listen();
}
