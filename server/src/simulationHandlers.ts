/**
 * Wiring for "Simulate access", its batch form, "Who can" and effective permissions: each
 * request of protocol.ts -> a function of simulation/, with the account model, the catalog and
 * the workspace documents the server holds. Nothing else lives here.
 */
import type { Connection } from 'vscode-languageserver';
import type { AccountIndex } from './account';
import type { Catalog } from './catalog/catalog';
import type { PolicyType } from './engine';
import { parseRequestPrincipal, type RequestPrincipal } from './engine/requestPrincipal';
import type { LanguageSettings } from './language/languageOptions';
import type { PolicyAst } from './policy/ast';
import type { PolicyKindType } from './policy/kind';
import {
  EffectivePermissionsRequest,
  SimulateAccessRequest,
  SimulationActionsRequest,
  SimulationPrincipalsRequest,
  SimulationResourcesRequest,
  WhoCanRequest,
  type EffectivePermissionsResult,
  type SimulateAccessResult,
  type SimulationDocumentParams,
  type WhoCanResult,
} from './protocol';
import { runSafeAsync, type Logger } from './runSafe';
import { ActionDirectory } from './simulation/actionDirectory';
import { CompiledPolicyCache } from './simulation/compiledPolicyCache';
import { effectivePermissions } from './simulation/effectivePermissions';
import { buildPolicySet, fullAwsAccessDocument, type AddedDocument } from './simulation/policySet';
import { workspaceDocument } from './simulation/policySources';
import { resourceSuggestions } from './simulation/resourceSuggestions';
import { ownPolicies, simulateAccess, type SimulationEnvironment } from './simulation/simulate';
import { whoCan } from './simulation/whoCan';

export interface SimulationHost {
  readonly logger: Logger;
  /** The catalog once initialize has started loading it. */
  catalog(): Promise<Catalog> | undefined;
  accountIndex(): AccountIndex;
  accountsLoading(): boolean;
  /** Resolves once the account files being read are in the model. */
  accountsIdle(): Promise<void>;
  /** A policy document by uri: the open document's text and kind, else the file's (read through the client). */
  readPolicy(uri: string): Promise<{ readonly text: string; readonly ast: PolicyAst; readonly kind: PolicyKindType } | undefined>;
  languageSettings(): LanguageSettings;
}

/** How a document's kind is evaluated: a role trust policy is the role's resource-based policy. */
const TYPE_OF_KIND: Readonly<Record<PolicyKindType, PolicyType>> = {
  identity: 'identity',
  resource: 'resource',
  trust: 'resource',
  scp: 'scp',
  rcp: 'rcp',
  boundary: 'boundary',
  session: 'session',
  endpoint: 'endpoint',
};

export function registerSimulationHandlers(connection: Connection, host: SimulationHost): void {
  // Compiled documents belong to one account model: a new model gets a new cache.
  let compiled: { readonly index: AccountIndex; readonly cache: CompiledPolicyCache } | undefined;
  const cacheFor = (index: AccountIndex) => {
    if (compiled?.index !== index) compiled = { index, cache: new CompiledPolicyCache() };
    return compiled.cache;
  };
  const fullAwsAccess = fullAwsAccessDocument();
  let directory: Promise<ActionDirectory> | undefined;

  const environment = async (): Promise<SimulationEnvironment> => {
    const loading = host.catalog();
    if (!loading) throw new Error('the server is not initialized');
    const catalog = await loading;
    directory ??= ActionDirectory.load(catalog);
    // A simulation started while account files load waits for them: its answer would change.
    await host.accountsIdle();
    const index = host.accountIndex();
    return { catalog, actions: await directory, cache: cacheFor(index), index, fullAwsAccess };
  };

  const added = async (documents: readonly SimulationDocumentParams[] | undefined): Promise<AddedDocument[]> => {
    const result: AddedDocument[] = [];
    for (const { uri, as } of documents ?? []) {
      const policy = await host.readPolicy(uri);
      if (!policy) continue;
      result.push({ uri, label: fileLabel(uri), type: as ?? TYPE_OF_KIND[policy.kind], document: workspaceDocument(uri, policy.text, policy.ast) });
    }
    return result;
  };

  connection.onRequest(SimulateAccessRequest.type, (params, token) =>
    runSafeAsync(host.logger, 'simulate access', undefined, failed<SimulateAccessResult>(params, { results: [], accessLevels: {}, policies: [], statementTexts: {}, contextKeys: [], cliRequest: undefined, notes: [] }), token, async () =>
      simulateAccess(params, await added(params.documents), await environment()),
    ),
  );

  connection.onRequest(WhoCanRequest.type, (params, token) =>
    runSafeAsync(host.logger, 'who can', undefined, failed<WhoCanResult>(params, { allowed: [], explicitlyDenied: [], evaluated: 0, policies: [], statementTexts: {}, missingContextKeys: [], notes: [] }), token, async () =>
      whoCan(params, await added(params.documents), await environment()),
    ),
  );

  connection.onRequest(EffectivePermissionsRequest.type, (params, token) =>
    runSafeAsync(
      host.logger,
      'effective permissions',
      undefined,
      failed<EffectivePermissionsResult>(params, { services: [], allowedCount: 0, denied: [], privilegeEscalation: [], credentialExposure: [], missingContextKeys: [], policies: [], statementTexts: {}, notes: [] }),
      token,
      async () => effectivePermissions(params, await added(params.documents), await environment()),
    ),
  );

  connection.onRequest(SimulationPrincipalsRequest.type, (token) =>
    runSafeAsync(host.logger, 'simulation principals', undefined, { principals: [], loading: host.accountsLoading() }, token, async () => ({
      principals: host.accountIndex().model.accounts.flatMap((account) => [...account.users, ...account.roles].map((entity) => ({ arn: entity.arn, type: entity.type, name: entity.name, accountId: entity.accountId }))),
      loading: host.accountsLoading(),
    })),
  );

  connection.onRequest(SimulationActionsRequest.type, (params, token) =>
    runSafeAsync(host.logger, 'simulation actions', undefined, { items: [] }, token, async () => {
      const loading = host.catalog();
      if (!loading) return { items: [] };
      directory ??= ActionDirectory.load(await loading);
      return { items: (await directory).complete(String(params.text ?? '')) };
    }),
  );

  connection.onRequest(SimulationResourcesRequest.type, (params, token) =>
    runSafeAsync(host.logger, 'simulation resources', undefined, { items: [] }, token, async () => {
      const env = await environment();
      const principal = params.principal ? parseRequestPrincipal(params.principal) : undefined;
      const { own } = params.principal && principal ? await ownPolicies(params.principal, principal.kind, env.index) : { own: undefined };
      const set = buildPolicySet(own, undefined, await added(params.documents), () => env.fullAwsAccess);
      const settings = host.languageSettings();
      const items = await resourceSuggestions(String(params.action ?? ''), set.policies, env.catalog, env.actions, {
        partition: principal && 'partition' in principal ? principal.partition : undefined,
        accountId: accountOf(principal) ?? settings.defaultAccountId,
        region: settings.defaultRegion,
      });
      return { items };
    }),
  );
}

function failed<T extends { error?: string }>(params: unknown, empty: Omit<T, 'params' | 'error'>): T {
  return { ...empty, params, error: 'The server could not evaluate the request (see the IAM Policy Studio output channel).' } as unknown as T;
}

function accountOf(principal: RequestPrincipal | undefined): string | undefined {
  return principal && 'account' in principal ? principal.account : undefined;
}

/** "file:///w/policies/x.scp.json" -> "x.scp.json": how the panel names a workspace document. */
function fileLabel(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
