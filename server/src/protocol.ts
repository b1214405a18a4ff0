/**
 * The custom requests and notifications between client and server, defined once. The client
 * imports this file (and nothing else from the server), so both sides agree on names and types.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { PolicyKindType } from './protocolValues';

export { AWS_MANAGED_POLICY_SCHEME, POLICY_KIND_LABELS, statementKey, type PolicyKindType } from './protocolValues';

export interface ServerStatus {
  readonly state: 'running';
  readonly serverVersion: string;
  /** Policy documents the server currently tracks. */
  readonly documents: number;
}

/** Client -> server: "IAM: Show Language Server Status" asks whether the server answers and what it holds. */
export namespace ServerStatusRequest {
  export const type = new RequestType0<ServerStatus, void>('iamPolicyStudio/serverStatus');
}

export interface PolicyDocumentDetectedParams {
  readonly uri: string;
}

/** Server -> client: a plain JSON document turned out to be an IAM policy; the client switches its language. */
export namespace PolicyDocumentDetectedNotification {
  export const type = new NotificationType<PolicyDocumentDetectedParams>('iamPolicyStudio/policyDocumentDetected');
}

export interface PolicyKindParams {
  readonly uri: string;
}

export interface PolicyKindResult {
  readonly type: PolicyKindType;
  readonly label: string;
  readonly source: 'setting' | 'file-name' | 'location' | 'content' | 'default';
  readonly resourceService?: string;
}

/** Client -> server: the language status item shows which kind of policy the active document is. */
export namespace PolicyKindRequest {
  export const type = new RequestType<PolicyKindParams, PolicyKindResult | null, void>('iamPolicyStudio/policyKind');
}

export interface SetPolicyKindParams {
  readonly uri: string;
  /** The kind the user picked, or null to go back to automatic detection. */
  readonly type: PolicyKindType | null;
}

/** Client -> server: the user picked a kind for a document from the language status item. */
export namespace SetPolicyKindRequest {
  export const type = new RequestType<SetPolicyKindParams, PolicyKindResult | null, void>('iamPolicyStudio/setPolicyKind');
}

/** Server -> client: a document's kind changed (edit, setting or pick); the status item refreshes. */
export namespace PolicyKindChangedNotification {
  export const type = new NotificationType<PolicyKindParams>('iamPolicyStudio/policyKindChanged');
}

// --- the account model (issue 7): the server loads it, the client draws it ---------------

/** A place in a file: what the tree opens and reveals. */
export interface SourceLocationParams {
  readonly uri: string;
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
}

export interface AccountCandidateFilesParams {
  /** Files that may describe an account; the server decides by content which do. */
  readonly uris: readonly string[];
  /** The user chose these files (an export picked in a dialog): loaded even where the exclude setting would skip them. */
  readonly picked?: boolean;
}

/**
 * Client -> server: the workspace's *.json, *.yaml, *.yml and *.template files at start, and
 * any file the user picks as an export. Later creations, changes and deletions of workspace
 * files come through the standard workspace/didChangeWatchedFiles.
 */
export namespace AccountCandidateFilesNotification {
  export const type = new NotificationType<AccountCandidateFilesParams>('iamPolicyStudio/accountCandidateFiles');
}

export interface ReadFileParams {
  readonly uri: string;
}

export interface ReadFileResult {
  readonly text: string;
}

/** Server -> client: the text of an account candidate file (the client reads it with vscode.workspace.fs, desktop and web alike). */
export namespace ReadFileRequest {
  export const type = new RequestType<ReadFileParams, ReadFileResult, void>('iamPolicyStudio/readFile');
}

/** What a tree node stands for; the client picks the icon and the context menu from it. */
export type AccountTreeNodeKind =
  | 'account'
  | 'users'
  | 'groups'
  | 'roles'
  | 'policies'
  | 'resource-policies'
  | 'user'
  | 'group'
  | 'role'
  | 'managed-policy'
  | 'policy-version'
  | 'inline-policy'
  | 'attached-policy'
  | 'permissions-boundary'
  | 'trust-policy'
  | 'group-membership'
  | 'tags'
  | 'tag'
  | 'resource-policy';

export interface AccountTreeNode {
  /** Stable while the model holds the same entity; the client asks for a node's children by it. */
  readonly id: string;
  readonly kind: AccountTreeNodeKind;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly hasChildren: boolean;
  /** Users and roles: the ARN that "Simulate access as this principal" passes on. */
  readonly principalArn?: string;
  /** Where the entity or policy is written: "Reveal in source". */
  readonly definition?: SourceLocationParams;
  /**
   * Policy nodes: the document to open when the node is selected: its range in a workspace
   * file, or a read-only `iam-aws-managed-policy:` document for a bundled AWS managed policy.
   */
  readonly policy?: SourceLocationParams;
}

export interface AccountTreeParams {
  /** The node whose children are wanted; absent for the accounts at the top. */
  readonly parentId?: string;
  /** Only principals and managed policies whose name or ARN contains this text (any case). */
  readonly filter?: string;
}

export interface AccountTreeResult {
  readonly nodes: readonly AccountTreeNode[];
  /** True while account files are still being read: an empty tree is not yet "no account". */
  readonly loading: boolean;
}

/** Client -> server: the IAM tree view asks for the accounts, then for each node's children as the user expands it. */
export namespace AccountTreeRequest {
  export const type = new RequestType<AccountTreeParams, AccountTreeResult, void>('iamPolicyStudio/accountTree');
}

export interface AccountModelChangedParams {
  readonly accounts: number;
  readonly loading: boolean;
}

/** Server -> client: the account model changed (a file was loaded, changed or deleted); the tree refreshes. */
export namespace AccountModelChangedNotification {
  export const type = new NotificationType<AccountModelChangedParams>('iamPolicyStudio/accountModelChanged');
}

export interface AwsManagedPolicyTextParams {
  /** An `iam-aws-managed-policy:/path/Name.json` URI from a tree node. */
  readonly uri: string;
}

/** Client -> server: the read-only virtual document of an AWS managed policy asks for its text (null when unknown). */
export namespace AwsManagedPolicyTextRequest {
  export const type = new RequestType<AwsManagedPolicyTextParams, { readonly text: string } | null, void>('iamPolicyStudio/awsManagedPolicyText');
}

export interface AccountLoadProgressParams {
  readonly state: 'begin' | 'report' | 'end';
  /** Files read so far and files to read in this load. */
  readonly done: number;
  readonly total: number;
  /** The file being read, for the notification's message. */
  readonly uri?: string;
}

/**
 * Server -> client: account files are being read. The client shows a progress notification
 * when a load lasts (LSP's work-done progress would only reach the status bar).
 */
export namespace AccountLoadProgressNotification {
  export const type = new NotificationType<AccountLoadProgressParams>('iamPolicyStudio/accountLoadProgress');
}

// --- "Simulate access", batch, "who can" and effective permissions (issue 8) ----------------
// The server evaluates with the engine (server/src/simulation/); results are the engine's plain
// data, with every statement's uri and range pointing into the file it is written in.

export type { Decision, EvaluationResult, MatchedStatement, PolicyType, StatementRef, UnmatchedStatement } from './engine/types';
import type { Decision, EvaluationResult, MatchedStatement, PolicyType, StatementRef } from './engine/types';

/** A workspace policy document evaluated along with the principal's own policies. */
export interface SimulationDocumentParams {
  readonly uri: string;
  /** The policy type it is evaluated as; by default from its kind (a role trust policy is the role's resource-based policy). */
  readonly as?: PolicyType;
}

export type SimulationContext = Readonly<Record<string, string | readonly string[]>>;

export interface SimulateAccessParams {
  /** An IAM user or role ARN (its policies then come from the account model), a session ARN, an account id, a service principal. */
  readonly principal: string;
  /** One action, or a pattern (`s3:Get*`, `s3:*`): one result per concrete action. */
  readonly action: string;
  /** A resource ARN, or "*" for actions that take no resource. */
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context?: SimulationContext;
  readonly documents?: readonly SimulationDocumentParams[];
  /** Take the principal's policies, boundary and tags from the account model (default true). */
  readonly useAccountModel?: boolean;
}

/** A policy that took part in a simulation. */
export interface SimulatedPolicy {
  readonly type: PolicyType;
  /** The engine's policyId: statements name their policy by it. */
  readonly id: string;
  readonly level?: number;
  /** How it reaches the principal: "attached to group Developers", "open document". */
  readonly via?: string;
  readonly origin: 'account' | 'workspace' | 'aws-managed' | 'implied';
  readonly uri?: string;
  readonly range?: SourceLocationParams['range'];
}

/** A condition key the evaluated statements test, so the user can give it a value. */
export interface SimulationContextKey {
  readonly name: string;
  /** The key's type in the Service Authorization Reference or on the global condition keys page. */
  readonly type?: string;
  readonly multiValued?: boolean;
  readonly description?: string;
  /** What AWS derives without a value being given (aws:username, aws:PrincipalTag/team from the account model). */
  readonly derivedValue?: string;
  readonly suppliedValue?: string | readonly string[];
  /** The request lacked it while a statement tested it ("missing context values"). */
  readonly missing: boolean;
  /** "policy statement" labels of the statements that test it. */
  readonly testedBy: readonly string[];
}

export interface SimulateAccessResult {
  readonly params: SimulateAccessParams;
  /** Absent when the request could not be evaluated (see `error`). */
  readonly decision?: Decision;
  /** One per concrete action: several for a pattern (the batch table). */
  readonly results: readonly EvaluationResult[];
  /** Access level per action, from the Service Authorization Reference ("Read", "Write"...). */
  readonly accessLevels: Readonly<Record<string, string>>;
  readonly policies: readonly SimulatedPolicy[];
  /** The text of every statement the results name, by `statementKey`; long ones are cut. */
  readonly statementTexts: Readonly<Record<string, string>>;
  readonly contextKeys: readonly SimulationContextKey[];
  /** The content of a request file for `iam-policy-studio simulate --request FILE` that gives the same decision. */
  readonly cliRequest: unknown;
  readonly notes: readonly string[];
  readonly error?: string;
}

/** Client -> server: "IAM: Simulate access" (and its batch form, an action pattern) evaluates one request. */
export namespace SimulateAccessRequest {
  export const type = new RequestType<SimulateAccessParams, SimulateAccessResult, void>('iamPolicyStudio/simulateAccess');
}

export interface SimulationPrincipal {
  readonly arn: string;
  readonly type: 'user' | 'role';
  readonly name: string;
  readonly accountId: string;
}

export interface SimulationPrincipalsResult {
  readonly principals: readonly SimulationPrincipal[];
  /** Account files are still being read. */
  readonly loading: boolean;
}

/** Client -> server: the principal step of "Simulate access" lists the users and roles of the account model. */
export namespace SimulationPrincipalsRequest {
  export const type = new RequestType0<SimulationPrincipalsResult, void>('iamPolicyStudio/simulationPrincipals');
}

export interface SimulationActionsParams {
  /** What the user typed: "s3:Get", "s3:Get*", "ec2". */
  readonly text: string;
}

export interface SimulationActionItem {
  /** An action ("s3:GetObject") or a pattern ("s3:Get*"). */
  readonly action: string;
  readonly accessLevel?: string;
  /** For a pattern: how many actions it covers. */
  readonly count?: number;
}

/** Client -> server: the action step completes the typed text from the service reference. */
export namespace SimulationActionsRequest {
  export const type = new RequestType<SimulationActionsParams, { readonly items: readonly SimulationActionItem[] }, void>('iamPolicyStudio/simulationActions');
}

export interface SimulationResourcesParams {
  readonly action: string;
  /** Its account pre-fills the ARN templates. */
  readonly principal?: string;
  readonly documents?: readonly SimulationDocumentParams[];
}

export interface SimulationResourceItem {
  readonly arn: string;
  /** "object (template)", "Resource of ReportsReader"... */
  readonly detail: string;
  readonly source: 'policy' | 'template' | 'any';
}

/** Client -> server: the resource step offers the action's ARN templates (pre-filled) and the matching Resource values of the policies involved. */
export namespace SimulationResourcesRequest {
  export const type = new RequestType<SimulationResourcesParams, { readonly items: readonly SimulationResourceItem[] }, void>('iamPolicyStudio/simulationResources');
}

export interface WhoCanParams {
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context?: SimulationContext;
  /** SCPs, RCPs, a resource-based policy... from the workspace, applied to every principal. */
  readonly documents?: readonly SimulationDocumentParams[];
}

export interface WhoCanPrincipal extends SimulationPrincipal {
  readonly decision: Decision;
  /** The statements the decision rests on (the allowing ones, or the denying ones). */
  readonly statements: readonly MatchedStatement[];
}

export interface WhoCanResult {
  readonly params: WhoCanParams;
  readonly allowed: readonly WhoCanPrincipal[];
  /** Principals an explicit deny refuses (an implicit deny is not listed: nothing grants them access). */
  readonly explicitlyDenied: readonly WhoCanPrincipal[];
  /** Users and roles evaluated. */
  readonly evaluated: number;
  readonly policies: readonly SimulatedPolicy[];
  readonly statementTexts: Readonly<Record<string, string>>;
  readonly missingContextKeys: readonly string[];
  readonly notes: readonly string[];
  readonly error?: string;
}

/** Client -> server: "IAM: Who can..." evaluates one action on one resource for every user and role of the account model. */
export namespace WhoCanRequest {
  export const type = new RequestType<WhoCanParams, WhoCanResult, void>('iamPolicyStudio/whoCan');
}

export interface EffectivePermissionsParams {
  readonly principal: string;
  readonly context?: SimulationContext;
  readonly documents?: readonly SimulationDocumentParams[];
  readonly useAccountModel?: boolean;
}

export type PermissionRisk = 'privilege-escalation' | 'credential-exposure' | 'data-exfiltration';

export interface EffectiveAction {
  readonly action: string;
  readonly accessLevel: string;
  /** The resources it is allowed on: the Resource values of the allowing statements. */
  readonly resources: readonly string[];
  /** The allowing statements. */
  readonly statements: readonly StatementRef[];
  readonly risks: readonly PermissionRisk[];
}

export interface EffectiveDeniedAction {
  readonly action: string;
  readonly accessLevel: string;
  readonly decision: Exclude<Decision, 'allowed'>;
  /** The engine's explanation, first step that refused. */
  readonly reason: string;
  /** Denying statements, or the allowing statements whose condition did not hold. */
  readonly statements: readonly StatementRef[];
}

export interface EffectiveService {
  readonly service: string;
  readonly name?: string;
  readonly levels: readonly { readonly accessLevel: string; readonly actions: readonly EffectiveAction[] }[];
}

export interface EffectivePermissionsResult {
  readonly params: EffectivePermissionsParams;
  readonly services: readonly EffectiveService[];
  readonly allowedCount: number;
  /** Actions an identity policy grants that are not allowed in the end (boundary, SCP, explicit deny, condition). */
  readonly denied: readonly EffectiveDeniedAction[];
  /** Privilege-escalation methods whose every action is allowed (securityRisks.ts lists them). */
  readonly privilegeEscalation: readonly { readonly method: string; readonly actions: readonly string[] }[];
  readonly credentialExposure: readonly string[];
  readonly missingContextKeys: readonly string[];
  readonly policies: readonly SimulatedPolicy[];
  readonly statementTexts: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
  readonly error?: string;
}

/** Client -> server: "IAM: Show effective permissions" lists what a principal can do after all its policies, boundary and SCPs. */
export namespace EffectivePermissionsRequest {
  export const type = new RequestType<EffectivePermissionsParams, EffectivePermissionsResult, void>('iamPolicyStudio/effectivePermissions');
}
