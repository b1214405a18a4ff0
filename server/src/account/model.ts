/**
 * The account model: the users, groups, roles and policies of one or more AWS accounts, as the
 * workspace describes them (authorization-details exports, CloudFormation templates). Every
 * policy document knows the file and range it came from, so the tree, the engine's
 * explanations and the Problems panel all point back into the source.
 *
 * Terms follow id.md, id_users.md, id_groups.md, id_roles.md, access_policies_managed-vs-inline.md
 * and access_policies_boundaries.md.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { PolicyAst } from '../policy/ast';
import type { PolicyKind } from '../policy/kind';

/** A place in a workspace file. */
export interface SourceLocation {
  readonly uri: string;
  readonly range: Range;
}

/**
 * How a policy's text relates to its source file.
 * - `exact`: the text is the file's own characters (a JSON object in an export or template).
 * - `encoded`: the text was decoded from a URL-encoded (or JSON-in-a-string) string token; each
 *   character maps to the characters that encode it inside that token.
 * - `value`: the text is a JSON rendering of a template value (YAML, or JSON with intrinsic
 *   functions resolved); keys and values map to their own source, punctuation to the enclosing value.
 * - `bundled`: an AWS managed policy from the bundled catalog; the text is its own source.
 */
export type SourcePrecision = 'exact' | 'encoded' | 'value' | 'bundled';

/** Maps between positions in a policy's text (what its AST ranges are in) and positions in its source file. */
export interface SourceMapping {
  readonly precision: SourcePrecision;
  /** The file range a range of the policy text came from. */
  toSourceRange(range: Range): Range;
  /** The position in the policy text for a file position, or undefined when it is outside the policy. */
  toTextPosition(position: Position): Position | undefined;
}

/** Where a policy document sits: the file and the range of the whole document in it. */
export interface PolicySource extends SourceLocation {
  readonly precision: SourcePrecision;
}

/**
 * One policy document. `text` is JSON; `ast` is parsed on first use (an export holds tens of
 * thousands of documents and most are never looked at) and kept. AST ranges are in `text`;
 * `toSourceRange` turns them into ranges of `source.uri`.
 */
export interface PolicyDocument {
  /** What the tree and explanations call it: the inline policy's name, "DeveloperBoundary v2", "trust policy". */
  readonly name: string;
  /** For a managed policy's document (any version): the policy's ARN. */
  readonly arn?: string;
  readonly kind: PolicyKind;
  readonly text: string;
  readonly source: PolicySource;
  readonly ast: PolicyAst;
  toSourceRange(range: Range): Range;
  toTextPosition(position: Position): Position | undefined;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** An inline policy embedded in a user, group or role (access_policies_managed-vs-inline.md). */
export interface InlinePolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

export type PrincipalType = 'user' | 'group' | 'role';

interface IdentityBase {
  readonly accountId: string;
  readonly name: string;
  readonly arn: string;
  /** IAM path with both slashes, "/" by default (reference_identifiers.md). */
  readonly path: string;
  /** The unique id (AIDA..., AGPA..., AROA...) when the source has it. */
  readonly id?: string;
  readonly inlinePolicies: readonly InlinePolicy[];
  /** ARNs of attached managed policies, customer or AWS managed, as the source writes them. */
  readonly attachedPolicyArns: readonly string[];
  /** Where the entity is defined. */
  readonly origin: SourceLocation;
  /** True when the name was not given and CloudFormation would generate it (`stack-LogicalId-...`). */
  readonly generatedName?: boolean;
}

export interface IamUser extends IdentityBase {
  readonly type: 'user';
  /** Group names (an export lists names; IAM groups are unique by name in an account). */
  readonly groups: readonly string[];
  readonly permissionsBoundaryArn?: string;
  readonly tags: readonly Tag[];
}

export interface IamGroup extends IdentityBase {
  readonly type: 'group';
}

export interface InstanceProfile {
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly id?: string;
}

export interface IamRole extends IdentityBase {
  readonly type: 'role';
  /** The role trust policy (id_roles_terms-and-concepts.md); missing only in a broken source. */
  readonly trustPolicy?: PolicyDocument;
  readonly permissionsBoundaryArn?: string;
  readonly tags: readonly Tag[];
  readonly instanceProfiles: readonly InstanceProfile[];
}

export type IamPrincipal = IamUser | IamGroup | IamRole;

export interface PolicyVersion {
  /** "v1", "v2"... */
  readonly versionId: string;
  /** Only the default version is in force (access_policies_managed-versioning.md). */
  readonly isDefault: boolean;
  readonly createDate?: string;
  readonly document: PolicyDocument;
}

/** A managed policy: customer managed (all versions) or an AWS managed policy found in an export. */
export interface ManagedPolicy {
  readonly type: 'managed-policy';
  /** The owning account; "aws" for AWS managed policies. */
  readonly accountId: string;
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly id?: string;
  readonly awsManaged: boolean;
  readonly description?: string;
  readonly defaultVersionId?: string;
  readonly versions: readonly PolicyVersion[];
  /** The document of the default version: the one IAM evaluates. */
  readonly inForce?: PolicyDocument;
  readonly origin: SourceLocation;
}

export type ResourcePolicyService = 's3' | 'sqs' | 'sns' | 'kms';

/** A resource-based policy found in a template: bucket, queue, topic or key policy (access_policies_identity-vs-resource.md). */
export interface ResourcePolicy {
  readonly type: 'resource-policy';
  readonly accountId: string;
  readonly service: ResourcePolicyService;
  /** The CloudFormation resource type that carries it, e.g. "AWS::S3::BucketPolicy". */
  readonly resourceType: string;
  readonly logicalId: string;
  /** The resources it protects: ARNs, or ARN-shaped text with visible `${!...}` placeholders. */
  readonly resourceArns: readonly string[];
  readonly document: PolicyDocument;
  readonly origin: SourceLocation;
}

/** How the account id was learnt: from the ARNs of an export, from settings, or assumed for a template. */
export type AccountIdSource = 'arns' | 'settings' | 'placeholder';

export interface Account {
  readonly id: string;
  readonly idSource: AccountIdSource;
  readonly partition: string;
  /** URIs of the files that describe this account. */
  readonly sources: readonly string[];
  readonly users: readonly IamUser[];
  readonly groups: readonly IamGroup[];
  readonly roles: readonly IamRole[];
  /** Customer managed policies of this account. */
  readonly managedPolicies: readonly ManagedPolicy[];
  /** AWS managed policies whose documents an export included; others resolve from the bundled catalog. */
  readonly awsManagedPolicies: readonly ManagedPolicy[];
  readonly resourcePolicies: readonly ResourcePolicy[];
}

export type AccountProblemSeverity = 'error' | 'warning' | 'information';

/** Something a loader could not read or found inconsistent, with the place to show it. */
export interface AccountProblem extends SourceLocation {
  readonly severity: AccountProblemSeverity;
  /** Stable, documented code (see problems.ts). */
  readonly code: string;
  readonly message: string;
}

/** What one loader makes of one file, before files are merged into accounts. */
export interface LoadedAccountFile {
  readonly uri: string;
  readonly format: 'authorization-details' | 'cloudformation';
  readonly accounts: readonly Account[];
  readonly problems: readonly AccountProblem[];
}

export interface AccountModel {
  readonly accounts: readonly Account[];
  readonly problems: readonly AccountProblem[];
}
