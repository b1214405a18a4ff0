/**
 * Shapes and locations of the files scripts/build-data.mjs writes to dist/data/. Optional
 * fields are left out of the files when empty (or false), to keep what ships small.
 */

export const dataPaths = {
  versions: 'versions.json',
  catalogIndex: 'catalog/index.json',
  actionNames: 'catalog/action-names.json',
  servicePrincipals: 'catalog/service-principals.json',
  service: (prefix: string) => `catalog/services/${prefix}.json`,
  serviceDescriptions: (prefix: string) => `catalog/descriptions/${prefix}.json`,
  managedPolicyIndex: 'managed-policies/index.json',
  managedPolicyShard: (file: string) => `managed-policies/${file}`,
};

export interface CatalogIndexFile {
  services: { prefix: string; name: string; actionCount: number }[];
  /** Condition-key prefixes that are not service prefixes (saml:, accounts.google.com:...) -> services that define them. */
  conditionKeyOwners: Record<string, string[]>;
}

/** Service prefix -> access level as the reference writes it -> action names. */
export type ActionNamesFile = Record<string, Record<string, string[]>>;

export interface ServiceFile {
  prefix: string;
  name: string;
  docUrl: string;
  actions: ActionEntry[];
  resourceTypes: ResourceTypeEntry[];
  conditionKeys: ConditionKeyEntry[];
}

/**
 * A service's descriptions, apart from its ServiceFile so that a reader that shows none (the
 * command-line check) does not parse them: a third of the service data. By position: the
 * description of the ServiceFile's n-th action is actions[n] ('' for a key without one).
 */
export interface ServiceDescriptionsFile {
  actions: string[];
  conditionKeys: string[];
}

export interface ActionEntry {
  name: string;
  /** As the reference writes it: "Read", "Write", "Permissions management, Write"... */
  accessLevel: string;
  resourceTypes?: ActionResourceTypeEntry[];
  conditionKeys?: string[];
  dependentActions?: string[];
  /** Alternative sets of resource types (e.g. ec2:RunInstances), when the reference lists them. */
  scenarios?: { name: string; resourceTypes: { name: string; required?: true }[] }[];
}

export interface ActionResourceTypeEntry {
  name: string;
  required?: true;
  conditionKeys?: string[];
  dependentActions?: string[];
}

export interface ResourceTypeEntry {
  name: string;
  arnFormats: string[];
  conditionKeys?: string[];
}

export interface ConditionKeyEntry {
  name: string;
  type: string;
}

export interface ManagedPolicyIndexFile {
  shards: string[];
  /** IAM paths with both slashes: "/", "/service-role/", "/aws-service-role/"... */
  paths: string[];
  /** Names of the tuple fields below, for a person reading the file. */
  fields: string[];
  /** Sorted by name. Tuples rather than objects: the index is read before the first policy resolves. */
  policies: ManagedPolicyIndexEntry[];
}

/**
 * [name, index into `paths`, default version id, date the version was created (YYYY-MM-DD),
 * index into `shards`, byte offset, byte length]. The document at that range is minified
 * JSON, ASCII only, so byte and string offsets agree.
 */
export type ManagedPolicyIndexEntry = [
  name: string,
  path: number,
  versionId: string,
  updated: string,
  shard: number,
  offset: number,
  length: number,
];
