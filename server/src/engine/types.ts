/**
 * What the evaluation engine takes and returns. Everything here is plain JSON-serializable
 * data: the editor's result panel and `iam-policy-studio simulate --format json` render it.
 */
import type { Range } from 'vscode-languageserver-types';
import type { PolicyAst } from '../policy/ast';

/** The policy types of reference_policies_evaluation-logic.md, plus RCPs and VPC endpoint policies. */
export type PolicyType = 'scp' | 'rcp' | 'resource' | 'identity' | 'boundary' | 'session' | 'endpoint';

export const POLICY_TYPES: readonly PolicyType[] = ['scp', 'rcp', 'endpoint', 'resource', 'identity', 'boundary', 'session'];

/** One policy document to evaluate: parsed (`ast`), as a JavaScript value (`json`) or as text. */
export interface PolicyDocumentInput {
  /** Shown in explanations: a file name, a managed policy name, "inline policy 1"... */
  readonly id: string;
  readonly ast?: PolicyAst;
  /** The document as a value (JSON.parse'd, or from an account export): read without text or ranges. */
  readonly json?: unknown;
  readonly text?: string;
  /** When the policy came from a file: statements are reported with this uri and their range. */
  readonly uri?: string;
}

export interface PolicySetInput {
  /** Identity-based policies of the principal (user, its groups, or role). */
  readonly identity?: readonly PolicyDocumentInput[];
  /** The resource-based policy of the resource (bucket policy, key policy, role trust policy...). */
  readonly resource?: PolicyDocumentInput;
  readonly permissionsBoundary?: PolicyDocumentInput;
  /** The session policy passed when the role session or federated user session was created. */
  readonly session?: PolicyDocumentInput;
  /** SCPs of the principal's account, one array per level from the organization root down to the account. */
  readonly scp?: readonly (readonly PolicyDocumentInput[])[];
  /** RCPs of the resource's account, one array per level; RCPFullAWSAccess is implied at every level. */
  readonly rcp?: readonly (readonly PolicyDocumentInput[])[];
  /** The VPC endpoint policy, when the request goes through an endpoint. */
  readonly endpoint?: PolicyDocumentInput;
}

export type ContextValue = string | readonly string[];

export interface SimulationRequest {
  /**
   * Who makes the request: an IAM user, role or root ARN, an assumed-role session ARN, a
   * federated-user ARN, a bare account id (the root user), a service principal
   * ("lambda.amazonaws.com"), or "anonymous" for unsigned requests.
   */
  readonly principal: string;
  /** One concrete action ("s3:GetObject"); use `evaluateActions` for patterns. */
  readonly action: string;
  /** The resource ARN, or "*" for actions that take no resource. */
  readonly resource: string;
  /** Defaults to the account in the resource ARN, else the principal's account. */
  readonly resourceAccount?: string;
  /** Request context keys (any case); an array is a multivalued key. Overrides derived values. */
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** From the account model: the principal's tags (aws:PrincipalTag/*). */
  readonly principalTags?: Readonly<Record<string, string>>;
  /** From the account model: the unique id of the user (AIDA...) or role (AROA...), for aws:userid. */
  readonly principalUniqueId?: string;
}

export interface EvaluationOptions {
  /** The request time (epoch milliseconds) for aws:CurrentTime and aws:EpochTime; default now. */
  readonly now?: number;
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** A policy type's own verdict; `notApplicable` when it was not given or does not apply to the principal. */
export type PolicyTypeDecision = Decision | 'notApplicable';

/**
 * How a resource-based policy's Principal names the requester (reference_policies_evaluation-logic.md):
 * `direct` (the user, the session, "*", the service), `role` (the role of a role session),
 * `federatedUser` (the IAM user behind a federated user session), `account` (the account).
 */
export type PrincipalMatch = 'direct' | 'role' | 'federatedUser' | 'account';

export interface PolicyTypeResult {
  readonly decision: PolicyTypeDecision;
  /** SCPs and RCPs: one verdict per level, root first. */
  readonly levels?: readonly PolicyTypeDecision[];
  /** Resource-based policy: the strongest way an applicable Allow names the requester. */
  readonly principalMatch?: PrincipalMatch;
  readonly note?: string;
}

export interface StatementRef {
  readonly policyType: PolicyType;
  readonly policyId: string;
  /** SCP/RCP level (0 = organization root). */
  readonly level?: number;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny' | 'unknown';
  readonly uri?: string;
  readonly range?: Range;
}

export interface MatchedStatement extends StatementRef {
  readonly principalMatch?: PrincipalMatch;
  /** A part of the statement could not be evaluated; a Deny is then taken as applying (see `errors`). */
  readonly unevaluable?: boolean;
  /** Part of the reason for the decision. */
  readonly deciding?: boolean;
}

export type StatementElement = 'effect' | 'action' | 'resource' | 'principal' | 'condition';

export interface MismatchReason {
  readonly element: StatementElement;
  readonly key?: string;
  readonly operator?: string;
  readonly values?: readonly string[];
  readonly message: string;
}

export interface UnmatchedStatement extends StatementRef {
  readonly reason: MismatchReason;
}

export interface EvaluationError {
  readonly message: string;
  readonly policyType?: PolicyType;
  readonly policyId?: string;
  readonly statementIndex?: number;
  readonly uri?: string;
  readonly range?: Range;
}

export interface EvaluationResult {
  readonly decision: Decision;
  readonly request: {
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    readonly resourceAccount?: string;
    readonly principalAccount?: string;
    readonly crossAccount: boolean;
  };
  readonly policyTypes: Partial<Record<PolicyType, PolicyTypeResult>>;
  /** Why, in order, citing the User Guide page each step follows. */
  readonly explanation: readonly string[];
  readonly matchedStatements: readonly MatchedStatement[];
  readonly unmatchedStatements: readonly UnmatchedStatement[];
  /** Keys the applicable statements test (or use as variables) that the request did not supply. */
  readonly missingContextKeys: readonly string[];
  readonly errors: readonly EvaluationError[];
}

/** A request whose action is a pattern: one result per concrete action. */
export interface MultiActionResult {
  /** `allowed` when every action is allowed, else `explicitDeny` if any is, else `implicitDeny`. */
  readonly decision: Decision;
  readonly results: readonly EvaluationResult[];
  readonly errors: readonly EvaluationError[];
}
