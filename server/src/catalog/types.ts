/** What the catalog answers with: plain read-only data, shared by checks, completion and hover. */

/** Value types of condition keys in the Service Authorization Reference. */
export type ConditionKeyType =
  | 'String'
  | 'ArrayOfString'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Bool'
  | 'ArrayOfBool'
  | 'Date'
  | 'Numeric'
  | 'IPAddress';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface ServiceSummary {
  /** Lower case, as in actions: "s3", "iam", "access-analyzer". */
  readonly prefix: string;
  readonly name: string;
  readonly actionCount: number;
}

export interface ServiceInfo extends ServiceSummary {
  /** The service's page in the Service Authorization Reference. */
  readonly docUrl: string;
  readonly actions: readonly ActionInfo[];
  readonly resourceTypes: readonly ResourceTypeInfo[];
  readonly conditionKeys: readonly ConditionKeyInfo[];
}

export interface ActionInfo {
  readonly service: string;
  /** Canonical casing: "GetObject". */
  readonly name: string;
  /** "s3:GetObject". */
  readonly fullName: string;
  /** '' when the catalog was loaded without descriptions (Catalog.load's option; the command-line check). */
  readonly description: string;
  /** As the reference writes it: "Read", or "Permissions management, Write" for actions in two levels. */
  readonly accessLevel: string;
  readonly accessLevels: readonly AccessLevel[];
  readonly resourceTypes: readonly ActionResourceType[];
  /** Keys the action supports whatever the resource (names as the reference writes them). */
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
  /** Alternative sets of resource types, when the reference lists them (ec2:RunInstances). */
  readonly scenarios?: readonly { readonly name: string; readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[] }[];
  /** The actions table of the service's reference page (there is no per-action anchor). */
  readonly docUrl: string;
}

/** A service's action names, lower-cased and in code-unit order, with the action each stands for. */
export interface ActionNameIndex {
  readonly names: readonly string[];
  readonly byName: ReadonlyMap<string, ActionInfo>;
}

export interface ActionResourceType {
  readonly name: string;
  /** Marked with * in the reference: a request always involves a resource of this type. */
  readonly required: boolean;
  /** Keys that apply when the action is on this resource type. */
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
}

export interface ResourceTypeInfo {
  readonly service: string;
  readonly name: string;
  /** Usually one, e.g. "arn:${Partition}:s3:::${BucketName}/${ObjectName}". */
  readonly arnFormats: readonly string[];
  readonly conditionKeys: readonly string[];
}

export interface ConditionKeyInfo {
  /** As the reference writes it; may be a pattern: "s3:ExistingObjectTag/<key>", "aws:ResourceTag/${TagKey}". */
  readonly name: string;
  readonly type: ConditionKeyType;
  readonly multiValued: boolean;
  /** Undefined when the reference gives none, or the catalog was loaded without descriptions. */
  readonly description?: string;
  /** The service whose reference defines the key; undefined for global (aws:) keys. */
  readonly service?: string;
  readonly docUrl: string;
}

/** An action known from the all-actions index, without loading its service. */
export interface ActionName {
  readonly service: string;
  readonly name: string;
  readonly fullName: string;
  readonly accessLevel: string;
}
