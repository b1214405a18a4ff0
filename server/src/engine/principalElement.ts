/**
 * `Principal` and `NotPrincipal` (reference_policies_elements_principal.md,
 * reference_policies_elements_notprincipal.md), compiled once and matched against the requester.
 *
 * - `"*"` and `{"AWS": "*"}` are everyone, anonymous users included.
 * - An account id or `arn:aws:iam::ID:root` "delegates authority to the account"; it does not
 *   name any one principal.
 * - A user, role session or federated user ARN names that principal directly; a role ARN names
 *   the role, whose sessions it covers; a user ARN also covers the federated user sessions that
 *   user creates ("if a resource-based policy grants permission to the ARN of the IAM user who
 *   federated", reference_policies_evaluation-logic.md).
 * - "You cannot use a wildcard to match part of a principal name or ARN": values compare literally.
 */
import { isAccountId, lastPathSegment, parseArn } from '../policy/arn';
import type { PrincipalElement } from '../policy/ast';
import type { RequestPrincipal } from './requestPrincipal';
import type { PrincipalMatch } from './types';

export interface CompiledPrincipalElement {
  readonly wildcard: boolean;
  readonly accounts: ReadonlySet<string>;
  readonly arns: ReadonlySet<string>;
  /** "partition:account:name" of role ARNs, path ignored (session ARNs carry no path). */
  readonly roles: ReadonlySet<string>;
  /** "partition:account:name" of user ARNs, for federated user sessions. */
  readonly users: ReadonlySet<string>;
  /** Service, Federated and CanonicalUser values. */
  readonly names: ReadonlySet<string>;
  /** Values that could not be read (wrong JSON types, a string other than "*"). */
  readonly problems: readonly string[];
}

export function compilePrincipalElement(element: PrincipalElement): CompiledPrincipalElement {
  const compiled = {
    wildcard: false,
    accounts: new Set<string>(),
    arns: new Set<string>(),
    roles: new Set<string>(),
    users: new Set<string>(),
    names: new Set<string>(),
    problems: [] as string[],
  };
  if (element.form === 'wildcard') {
    if (element.wildcard?.value === '*') compiled.wildcard = true;
    else compiled.problems.push(`${element.property.key} as a string must be "*", not "${element.wildcard?.value}".`);
  } else if (element.form !== 'object') {
    compiled.problems.push(`${element.property.key} has no readable value.`);
  }
  for (const entry of element.entries) {
    if (entry.invalid.length > 0) compiled.problems.push(`${element.property.key} "${entry.type}" has values that are not strings.`);
    for (const { value } of entry.values) {
      if (entry.type === 'AWS') addAwsPrincipal(compiled, value);
      else if (entry.type === 'Service' || entry.type === 'Federated' || entry.type === 'CanonicalUser') compiled.names.add(value);
      else compiled.problems.push(`"${entry.type}" is not a principal type (AWS, Service, Federated or CanonicalUser).`);
    }
  }
  return compiled;
}

function addAwsPrincipal(compiled: { wildcard: boolean; accounts: Set<string>; arns: Set<string>; roles: Set<string>; users: Set<string> }, value: string): void {
  if (value === '*') {
    compiled.wildcard = true;
    return;
  }
  if (isAccountId(value)) {
    compiled.accounts.add(value);
    return;
  }
  const arn = parseArn(value);
  if (arn?.service === 'iam' && arn.resource === 'root') {
    compiled.accounts.add(arn.account);
    return;
  }
  compiled.arns.add(value);
  if (arn?.service === 'iam' && arn.resource.startsWith('role/')) compiled.roles.add(`${arn.partition}:${arn.account}:${lastPathSegment(arn.resource)}`);
  if (arn?.service === 'iam' && arn.resource.startsWith('user/')) compiled.users.add(`${arn.partition}:${arn.account}:${lastPathSegment(arn.resource)}`);
}

/** How the element names the requester, strongest first; undefined when it does not. */
export function matchPrincipal(element: CompiledPrincipalElement, principal: RequestPrincipal): PrincipalMatch | undefined {
  if (element.wildcard) return 'direct';
  switch (principal.kind) {
    case 'anonymous':
    case 'invalid':
      return undefined;
    case 'external':
      return element.names.has(principal.name) ? 'direct' : undefined;
    case 'user':
    case 'federatedUser':
    case 'root':
      if (element.arns.has(principal.arn)) return principal.kind === 'root' ? 'account' : 'direct';
      if (principal.kind === 'federatedUser' && element.users.has(`${principal.partition}:${principal.account}:${principal.name}`)) return 'federatedUser';
      break;
    case 'roleSession':
      if (element.arns.has(principal.arn)) return 'direct';
      if (element.roles.has(`${principal.partition}:${principal.account}:${principal.roleName}`)) return 'role';
      break;
    case 'role':
      if (element.roles.has(`${principal.partition}:${principal.account}:${principal.name}`)) return 'role';
      break;
  }
  return element.accounts.has(principal.account) ? 'account' : undefined;
}
