import { actionPatternToRegExp } from './actionPattern';
import { conditionKeyPatternToRegExp, conditionKeyPrefix } from './conditionKeyName';
import type { CatalogDataSource } from './dataSource';
import { dataPaths, type ActionNamesFile, type CatalogIndexFile, type ServiceDescriptionsFile, type ServiceFile } from './dataFiles';
import { findGlobalConditionKey, globalConditionKeys, type GlobalConditionKey } from './globalConditionKeys';
import { ServiceModel } from './serviceModel';
import type {
  ActionInfo,
  ActionName,
  ActionNameIndex,
  ActionResourceType,
  ConditionKeyInfo,
  ResourceTypeInfo,
  ServiceInfo,
  ServiceSummary,
} from './types';

/** A query reached a service that exists but was not loaded with `ensureServices` first: a caller bug. */
export class ServiceNotLoadedError extends Error {
  constructor(readonly prefix: string) {
    super(`catalog: service '${prefix}' is not loaded; await catalog.ensureServices(['${prefix}']) first`);
    this.name = 'ServiceNotLoadedError';
  }
}

/**
 * The AWS service reference. Loading is asynchronous and per service (`ensureServices`),
 * cached for the life of the instance; every query after that is synchronous, so checks and
 * completion run without awaiting. Unknown services, actions, resource types and keys give
 * undefined (or an empty list); only querying a known service before loading it throws.
 */
export class Catalog {
  private readonly services: readonly ServiceSummary[];
  private readonly summaries: Map<string, ServiceSummary>;
  private readonly loaded = new Map<string, ServiceModel>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly conditionKeyOwnersByPrefix: Record<string, string[]>;
  private conditionKeyOwners?: { regExp: RegExp; services: readonly string[] }[];
  private actionIndex?: readonly ActionName[];
  private actionIndexLoading?: Promise<void>;
  private servicePrincipals?: Promise<readonly string[]>;

  private constructor(
    private readonly source: CatalogDataSource,
    index: CatalogIndexFile,
    private readonly withDescriptions: boolean,
  ) {
    this.services = index.services;
    this.summaries = new Map(index.services.map((service) => [service.prefix, service]));
    this.conditionKeyOwnersByPrefix = index.conditionKeyOwners;
  }

  /**
   * Reads the services index (one small file); services themselves load on demand. With
   * `descriptions: false` their descriptions are not read (for a caller that shows none).
   */
  static async load(source: CatalogDataSource, options: { readonly descriptions?: boolean } = {}): Promise<Catalog> {
    const index = JSON.parse(await source.readText(dataPaths.catalogIndex)) as CatalogIndexFile;
    return new Catalog(source, index, options.descriptions !== false);
  }

  // --- services -------------------------------------------------------------------------

  listServices(): readonly ServiceSummary[] {
    return this.services;
  }

  /** From the index: known without loading the service. */
  getServiceSummary(prefix: string): ServiceSummary | undefined {
    return this.summaries.get(prefix.toLowerCase());
  }

  /** Loads the named services (any case); unknown prefixes are skipped, loaded ones cost nothing. */
  async ensureServices(prefixes: Iterable<string>): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const raw of prefixes) {
      const prefix = raw.toLowerCase();
      if (this.loaded.has(prefix) || !this.summaries.has(prefix)) continue;
      let loading = this.loading.get(prefix);
      if (!loading) {
        loading = this.loadService(prefix).finally(() => this.loading.delete(prefix));
        this.loading.set(prefix, loading);
      }
      pending.push(loading);
    }
    await Promise.all(pending);
  }

  /** Every service of the index is loaded (the CLI loads them all for large inputs): nothing is left to ensure. */
  allServicesLoaded(): boolean {
    return this.loaded.size === this.summaries.size;
  }

  isServiceLoaded(prefix: string): boolean {
    return this.loaded.has(prefix.toLowerCase());
  }

  getService(prefix: string): ServiceInfo | undefined {
    return this.model(prefix)?.info;
  }

  /** The service's action names, lower-cased and sorted, with their actions (the lookup getAction uses). */
  getActionNameIndex(prefix: string): ActionNameIndex | undefined {
    return this.model(prefix)?.actionNameIndex();
  }

  // --- actions --------------------------------------------------------------------------

  /** "s3:getobject" -> s3:GetObject with its canonical casing; undefined when unknown. */
  getAction(action: string): ActionInfo | undefined {
    const parts = splitAction(action);
    return parts && this.model(parts.prefix)?.action(parts.name);
  }

  /** Actions of one service matching `pattern` (`*`, `?`, any case); [] for an unknown service. */
  expandActionPattern(prefix: string, pattern: string): ActionInfo[] {
    return this.model(prefix)?.expandActionPattern(pattern) ?? [];
  }

  /** Loads the index of every action name (one file), for patterns across services. */
  async ensureActionIndex(): Promise<void> {
    if (this.actionIndex) return;
    this.actionIndexLoading ??= this.loadActionIndex().catch((error: unknown) => {
      this.actionIndexLoading = undefined;
      throw error;
    });
    await this.actionIndexLoading;
  }

  /**
   * Every action matching "service:action" where either part may hold wildcards ("*:Get*",
   * "s3*:List*", or "*" for all). Needs `ensureActionIndex` first.
   */
  expandActionPatternInAllServices(pattern: string): ActionName[] {
    if (!this.actionIndex) throw new Error('catalog: the action index is not loaded; await catalog.ensureActionIndex() first');
    if (pattern === '*') return [...this.actionIndex];
    const parts = splitAction(pattern);
    if (!parts) return [];
    const service = actionPatternToRegExp(parts.prefix);
    const name = actionPatternToRegExp(parts.name);
    return this.actionIndex.filter((action) => service.test(action.service) && name.test(action.name));
  }

  // --- resource types -------------------------------------------------------------------

  getResourceType(prefix: string, name: string): ResourceTypeInfo | undefined {
    return this.model(prefix)?.resourceType(name);
  }

  /** Whether `arn` (wildcards allowed, see arnFormat.ts) fits one of the resource type's ARN formats. */
  arnMatchesResourceType(prefix: string, resourceTypeName: string, arn: string): boolean {
    const model = this.model(prefix);
    const resourceType = model?.resourceType(resourceTypeName);
    return !!model && !!resourceType && model.arnFormatMatchers(resourceType).some((matcher) => matcher.matches(arn));
  }

  /** The action's resource types that `arn` can be (s3:GetObject + arn:aws:s3:::b/k -> object). */
  resourceTypesOfActionForArn(action: string, arn: string): ActionResourceType[] {
    const info = this.getAction(action);
    if (!info) return [];
    return info.resourceTypes.filter((rt) => this.arnMatchesResourceType(info.service, rt.name, arn));
  }

  /** All resource types of a service that `arn` can be. */
  resourceTypesForArn(prefix: string, arn: string): ResourceTypeInfo[] {
    const model = this.model(prefix);
    if (!model) return [];
    return model.info.resourceTypes.filter((rt) => model.arnFormatMatchers(rt).some((matcher) => matcher.matches(arn)));
  }

  // --- condition keys -------------------------------------------------------------------

  /**
   * Keys usable with the action: its own, then those of its resource types' rows, without
   * duplicates, each described as the action's service describes it.
   */
  conditionKeysOfAction(action: string): ConditionKeyInfo[] {
    const info = this.getAction(action);
    if (!info) return [];
    const names = [...info.conditionKeys, ...info.resourceTypes.flatMap((rt) => rt.conditionKeys)];
    return this.describeKeys(info.service, names);
  }

  /** Keys listed for the resource type in the service's resource types table. */
  conditionKeysOfResourceType(prefix: string, resourceTypeName: string): ConditionKeyInfo[] {
    const resourceType = this.getResourceType(prefix, resourceTypeName);
    return resourceType ? this.describeKeys(resourceType.service, resourceType.conditionKeys) : [];
  }

  serviceConditionKeys(prefix: string): readonly ConditionKeyInfo[] {
    return this.model(prefix)?.info.conditionKeys ?? [];
  }

  /**
   * Any key, global or service, by name or as an instance of a pattern key
   * ("aws:ResourceTag/Team", "s3:ExistingObjectTag/Team", "saml:aud"). The services from
   * `conditionKeyServices(name)` must be loaded.
   */
  getConditionKey(name: string): ConditionKeyInfo | undefined {
    if (conditionKeyPrefix(name) === 'aws') return findGlobalConditionKey(name);
    for (const prefix of this.conditionKeyServices(name)) {
      const key = this.model(prefix)?.conditionKey(name);
      if (key) return key;
    }
    return undefined;
  }

  /** The services whose data defines keys with this key's prefix (none for aws: keys). */
  conditionKeyServices(name: string): string[] {
    const prefix = conditionKeyPrefix(name);
    if (prefix === '' || prefix === 'aws') return [];
    this.conditionKeyOwners ??= Object.entries(this.conditionKeyOwnersByPrefix).map(([ownerPrefix, services]) => ({
      regExp: conditionKeyPatternToRegExp(ownerPrefix),
      services,
    }));
    const owners = this.conditionKeyOwners.filter(({ regExp }) => regExp.test(prefix)).flatMap(({ services }) => services);
    return this.summaries.has(prefix) ? [prefix, ...owners] : owners;
  }

  getGlobalConditionKey(name: string): GlobalConditionKey | undefined {
    return findGlobalConditionKey(name);
  }

  listGlobalConditionKeys(): readonly GlobalConditionKey[] {
    return globalConditionKeys;
  }

  // --- principals -----------------------------------------------------------------------

  /** Service principal names ("lambda.amazonaws.com") seen in AWS managed policies, sorted. */
  loadServicePrincipals(): Promise<readonly string[]> {
    this.servicePrincipals ??= this.source.readText(dataPaths.servicePrincipals).then((text) => JSON.parse(text) as string[]);
    return this.servicePrincipals;
  }

  // --- internals ------------------------------------------------------------------------

  private model(prefix: string): ServiceModel | undefined {
    const key = prefix.toLowerCase();
    const model = this.loaded.get(key);
    if (model) return model;
    if (this.summaries.has(key)) throw new ServiceNotLoadedError(key);
    return undefined;
  }

  private async loadService(prefix: string): Promise<void> {
    const [text, descriptions] = await Promise.all([
      this.source.readText(dataPaths.service(prefix)),
      // Descriptions only feed hover and completion docs: a service loads without them if they cannot be read.
      this.withDescriptions ? this.source.readText(dataPaths.serviceDescriptions(prefix)).catch(() => undefined) : undefined,
    ]);
    const file = JSON.parse(text) as ServiceFile;
    this.loaded.set(prefix, new ServiceModel(file, descriptions === undefined ? undefined : parseDescriptions(descriptions)));
  }

  private async loadActionIndex(): Promise<void> {
    const file = JSON.parse(await this.source.readText(dataPaths.actionNames)) as ActionNamesFile;
    const actions: ActionName[] = [];
    for (const [service, byLevel] of Object.entries(file)) {
      for (const [accessLevel, names] of Object.entries(byLevel)) {
        for (const name of names) actions.push({ service, name, fullName: `${service}:${name}`, accessLevel });
      }
    }
    this.actionIndex = actions;
  }

  private describeKeys(prefix: string, names: readonly string[]): ConditionKeyInfo[] {
    const model = this.model(prefix);
    const seen = new Set<string>();
    const keys: ConditionKeyInfo[] = [];
    for (const name of names) {
      const lower = name.toLowerCase();
      if (seen.has(lower)) continue;
      seen.add(lower);
      const key = model?.conditionKey(name) ?? findGlobalConditionKey(name);
      if (key) keys.push(key);
    }
    return keys;
  }
}

/** A descriptions file as read, or undefined when it is not one (the service then has no descriptions). */
function parseDescriptions(text: string): ServiceDescriptionsFile | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<ServiceDescriptionsFile> | null;
    return Array.isArray(parsed?.actions) && Array.isArray(parsed.conditionKeys) ? (parsed as ServiceDescriptionsFile) : undefined;
  } catch {
    return undefined;
  }
}

/** "s3:GetObject" -> { prefix: "s3", name: "GetObject" }; undefined without a ':' or a name. */
function splitAction(action: string): { prefix: string; name: string } | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return undefined;
  return { prefix: action.slice(0, colon), name: action.slice(colon + 1) };
}
