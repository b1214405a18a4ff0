/**
 * The custom requests and notifications between client and server, defined once. The client
 * imports this file (and nothing else from the server), so both sides agree on names and types.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';

/** The kinds of policy the server tells apart (access_policies.md), with the names shown to users. */
export type PolicyKindType = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'boundary' | 'session' | 'endpoint';

export const POLICY_KIND_LABELS: Readonly<Record<PolicyKindType, string>> = {
  identity: 'Identity policy',
  resource: 'Resource policy',
  trust: 'Role trust policy',
  scp: 'Service control policy',
  rcp: 'Resource control policy',
  boundary: 'Permissions boundary',
  session: 'Session policy',
  endpoint: 'VPC endpoint policy',
};

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
