/**
 * The principal that makes the request, as the evaluation logic distinguishes it
 * (reference_policies_evaluation-logic.md, reference_policies_elements_principal.md), and the
 * request context AWS derives from it (reference_policies_condition-keys.md; the principal key
 * values of reference_policies_variables.md).
 */
import { isAccountId, lastPathSegment, parseArn } from '../policy/arn';

export type RequestPrincipal =
  | { readonly kind: 'user'; readonly arn: string; readonly partition: string; readonly account: string; readonly name: string }
  /** A role ARN given as the principal: one of its sessions, the session name not known. */
  | { readonly kind: 'role'; readonly arn: string; readonly partition: string; readonly account: string; readonly name: string }
  | {
      readonly kind: 'roleSession';
      readonly arn: string;
      readonly partition: string;
      readonly account: string;
      readonly roleName: string;
      readonly sessionName: string;
      /** Without a path: a session ARN does not carry the role's path. */
      readonly roleArn: string;
    }
  | { readonly kind: 'federatedUser'; readonly arn: string; readonly partition: string; readonly account: string; readonly name: string }
  | { readonly kind: 'root'; readonly arn: string; readonly partition: string; readonly account: string }
  /** Outside any account: an AWS service, a web identity or SAML provider, an S3 canonical user. */
  | { readonly kind: 'external'; readonly name: string; readonly service: boolean }
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'invalid'; readonly text: string; readonly message: string };

export type AccountPrincipal = Extract<RequestPrincipal, { account: string }>;

export function parseRequestPrincipal(text: string): RequestPrincipal {
  const value = text.trim();
  if (value === 'anonymous' || value === '*') return { kind: 'anonymous' };
  if (isAccountId(value)) return { kind: 'root', arn: `arn:aws:iam::${value}:root`, partition: 'aws', account: value };
  if (value.startsWith('arn:')) return parseArnPrincipal(value);
  if (/^[0-9a-f]{64}$/.test(value)) return { kind: 'external', name: value, service: false };
  if (/^[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9.-]+$/.test(value)) {
    return { kind: 'external', name: value, service: /\.amazonaws\.com(\.cn)?$/.test(value) };
  }
  return { kind: 'invalid', text, message: invalidMessage(text) };
}

function parseArnPrincipal(text: string): RequestPrincipal {
  const arn = parseArn(text);
  if (!arn || !isAccountId(arn.account)) return { kind: 'invalid', text, message: invalidMessage(text) };
  const { partition, account, resource } = arn;
  if (arn.service === 'iam') {
    if (resource === 'root') return { kind: 'root', arn: text, partition, account };
    if (resource.startsWith('user/')) return { kind: 'user', arn: text, partition, account, name: lastPathSegment(resource) };
    if (resource.startsWith('role/')) return { kind: 'role', arn: text, partition, account, name: lastPathSegment(resource) };
    if (resource.startsWith('saml-provider/') || resource.startsWith('oidc-provider/')) return { kind: 'external', name: text, service: false };
  }
  if (arn.service === 'sts') {
    const session = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
    if (session) {
      const [, roleName, sessionName] = session;
      return { kind: 'roleSession', arn: text, partition, account, roleName, sessionName, roleArn: `arn:${partition}:iam::${account}:role/${roleName}` };
    }
    const federated = /^federated-user\/(.+)$/.exec(resource);
    if (federated) return { kind: 'federatedUser', arn: text, partition, account, name: federated[1] };
  }
  return { kind: 'invalid', text, message: invalidMessage(text) };
}

function invalidMessage(text: string): string {
  return (
    `"${text}" is not a principal the engine knows: use an IAM user, role or root ARN, an assumed-role or ` +
    'federated-user session ARN, a 12-digit account id, a service principal such as "lambda.amazonaws.com", or "anonymous".'
  );
}

export function principalAccount(principal: RequestPrincipal): string | undefined {
  return 'account' in principal ? principal.account : undefined;
}

/** Role sessions and federated user sessions (reference_policies_evaluation-logic.md, step "Session policies"). */
export function isSessionPrincipal(principal: RequestPrincipal): boolean {
  return principal.kind === 'roleSession' || principal.kind === 'role' || principal.kind === 'federatedUser';
}

/** Details the account model knows about the principal. */
export interface PrincipalDetails {
  readonly principalTags?: Readonly<Record<string, string>>;
  readonly principalUniqueId?: string;
}

/** The keys `derivedValue` can answer, as AWS spells them. */
const DERIVED_KEYS = ['aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalType', 'aws:username', 'aws:userid', 'aws:PrincipalServiceName', 'aws:PrincipalIsAWSService'];
const PRINCIPAL_TAG = 'aws:principaltag/';

/**
 * A context key AWS fills from the principal (`lowerKey` in lower case), or undefined.
 * aws:PrincipalArn of a role session is the role's ARN ("For IAM roles, the request context
 * returns the ARN of the role"); aws:username exists only for IAM users; aws:userid needs the
 * unique id, known only from the account model, except for the root user, federated users and
 * anonymous requests (the principal key values of reference_policies_variables.md).
 */
export function derivedValue(principal: RequestPrincipal, details: PrincipalDetails, lowerKey: string): string | undefined {
  const kind = principal.kind;
  const inAccount = 'account' in principal;
  switch (lowerKey) {
    case 'aws:principalarn':
      return kind === 'roleSession' ? principal.roleArn : inAccount ? principal.arn : undefined;
    case 'aws:principalaccount':
      // "For anonymous requests, the request context returns anonymous".
      return inAccount ? principal.account : kind === 'anonymous' ? 'anonymous' : undefined;
    case 'aws:principaltype':
      return PRINCIPAL_TYPES[kind];
    case 'aws:username':
      return kind === 'user' ? principal.name : undefined;
    case 'aws:userid':
      return userId(principal, details.principalUniqueId);
    case 'aws:principalservicename':
      return kind === 'external' && principal.service ? principal.name : undefined;
    case 'aws:principalisawsservice':
      return kind === 'external' && principal.service ? 'true' : inAccount ? 'false' : undefined;
  }
  if (lowerKey.startsWith(PRINCIPAL_TAG) && kind !== 'anonymous' && kind !== 'external' && details.principalTags) {
    const tag = lowerKey.slice(PRINCIPAL_TAG.length);
    // Tag key names are not case-sensitive in conditions (reference_policies_elements_condition.md).
    const found = Object.keys(details.principalTags).find((name) => name.toLowerCase() === tag);
    const value: unknown = found === undefined ? undefined : details.principalTags[found];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

const PRINCIPAL_TYPES: Partial<Record<RequestPrincipal['kind'], string>> = {
  user: 'User',
  role: 'AssumedRole',
  roleSession: 'AssumedRole',
  federatedUser: 'FederatedUser',
  root: 'Account',
  anonymous: 'Anonymous',
};

function userId(principal: RequestPrincipal, uniqueId: string | undefined): string | undefined {
  switch (principal.kind) {
    case 'user':
      return uniqueId;
    case 'roleSession':
      return uniqueId && `${uniqueId}:${principal.sessionName}`;
    case 'federatedUser':
      return `${principal.account}:${principal.name}`;
    case 'root':
      return principal.account;
    case 'anonymous':
      return 'anonymous';
    default:
      return undefined;
  }
}

/** Every key AWS derives from the principal, with its value (for display and for tests). */
export function principalContext(principal: RequestPrincipal, details: PrincipalDetails): Record<string, string> {
  const context: Record<string, string> = {};
  for (const key of DERIVED_KEYS) {
    const value = derivedValue(principal, details, key.toLowerCase());
    if (value !== undefined) context[key] = value;
  }
  if (principal.kind !== 'anonymous' && principal.kind !== 'external') {
    for (const [key, value] of Object.entries(details.principalTags ?? {})) context[`aws:PrincipalTag/${key}`] = value;
  }
  return context;
}

/** aws:CurrentTime (ISO 8601, whole seconds) or aws:EpochTime (seconds) for the request time; `lowerKey` in lower case. */
export function timeValue(now: number, lowerKey: string): string | undefined {
  if (lowerKey === 'aws:currenttime') return new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  if (lowerKey === 'aws:epochtime') return String(Math.floor(now / 1000));
  return undefined;
}

/** Both time keys, for display and for tests. */
export function timeContext(now: number): Record<string, string> {
  return { 'aws:CurrentTime': timeValue(now, 'aws:currenttime')!, 'aws:EpochTime': timeValue(now, 'aws:epochtime')! };
}
