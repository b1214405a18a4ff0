/**
 * One-paragraph docs for the policy elements, shown by completion and hover: the opening of
 * each reference_policies_elements_*.md page, shortened, with its link.
 */
import type { PolicyKindType } from '../policy/kind';
import { kindHasPrincipal } from '../policy/kind';

export const USER_GUIDE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';

export interface ElementDoc {
  readonly summary: string;
  readonly url: string;
}

const page = (name: string) => `${USER_GUIDE}/reference_policies_elements_${name}.html`;

export const ELEMENT_DOCS: Readonly<Record<string, ElementDoc>> = {
  Version: {
    summary: 'The policy language version. Use `2012-10-17`, the current version: without it, features such as policy variables do not work.',
    url: page('version'),
  },
  Id: { summary: 'An optional identifier for the policy; services use it differently (SQS and SNS accept a UUID here).', url: page('id') },
  Statement: {
    summary: 'The main element of a policy, required: a single statement object or an array of statements.',
    url: page('statement'),
  },
  Sid: { summary: 'An optional statement ID, used as a description of the statement. In IAM it must be unique within the policy.', url: page('sid') },
  Effect: { summary: 'Required: whether the statement results in an allow or an explicit deny. `Allow` or `Deny`, case sensitive.', url: page('effect') },
  Principal: {
    summary: 'Who the statement allows or denies, in a resource-based policy. In a role trust policy, who can assume the role.',
    url: page('principal'),
  },
  NotPrincipal: {
    summary: 'Every principal except the ones listed. Not allowed in identity-based policies or role trust policies; AWS recommends a condition on `aws:PrincipalArn` instead.',
    url: page('notprincipal'),
  },
  Action: { summary: 'The actions the statement allows or denies, as `service:Action` (prefix and name are case insensitive, `*` and `?` are wildcards).', url: page('action') },
  NotAction: {
    summary: 'Matches every action except the ones listed. With `Allow` it grants all other actions on the statement\'s resources; with `Deny` it denies them.',
    url: page('notaction'),
  },
  Resource: { summary: 'The resources the statement covers, as ARNs (`*` for all). Some actions only accept `*`.', url: page('resource') },
  NotResource: { summary: 'Matches every resource except the ones listed.', url: page('notresource') },
  Condition: {
    summary: 'When the statement applies: `{ "operator": { "key": value } }` compares condition keys of the request context with values.',
    url: page('condition'),
  },
};

/** The statement elements this kind of policy takes (reference_policies_elements_principal.md, _notprincipal.md). */
export function allowedStatementElements(kind: PolicyKindType): ReadonlySet<string> {
  const allowed = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Condition']);
  // A trust policy names no resource: the role it is attached to is the resource.
  if (kind !== 'trust') allowed.add('Resource').add('NotResource');
  // RCPs name Principal "*" (structure.ts accepts it); identity-based kinds take no Principal.
  if (kindHasPrincipal(kind) || kind === 'rcp') allowed.add('Principal');
  // "You cannot use the NotPrincipal element in an IAM identity-based policy or in an IAM role trust policy."
  if (kind === 'resource') allowed.add('NotPrincipal');
  return allowed;
}

/** Pairs a statement holds only one of (the UNSUPPORTED_ELEMENT_COMBINATION check). */
export const EXCLUSIVE_ELEMENTS: Readonly<Record<string, string>> = {
  Action: 'NotAction',
  NotAction: 'Action',
  Resource: 'NotResource',
  NotResource: 'Resource',
  Principal: 'NotPrincipal',
  NotPrincipal: 'Principal',
};

export function markdownLink(title: string, url: string): string {
  return `[${title}](${url})`;
}
