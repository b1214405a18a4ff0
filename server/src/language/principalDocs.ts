/**
 * Principals as reference_policies_elements_principal.md describes them: the types of the
 * Principal block and what a principal value names.
 */
import { isAccountId, parseArn } from '../policy/arn';
import { USER_GUIDE } from './elementDocs';

const PAGE = `${USER_GUIDE}/reference_policies_elements_principal.html`;

export interface PrincipalTypeDoc {
  readonly name: string;
  readonly summary: string;
  readonly url: string;
}

export const PRINCIPAL_TYPES: readonly PrincipalTypeDoc[] = [
  {
    name: 'AWS',
    summary: 'AWS accounts (`123456789012` or `arn:aws:iam::123456789012:root`), IAM roles and users, role sessions and federated user sessions, by ARN; `"*"` for everyone.',
    url: `${PAGE}#principal-accounts`,
  },
  { name: 'Service', summary: 'AWS service principals, such as `lambda.amazonaws.com`: the service can act, for example assume the role.', url: `${PAGE}#principal-services` },
  {
    name: 'Federated',
    summary: 'Web identity providers (`cognito-identity.amazonaws.com`, `accounts.google.com`...) and SAML or OIDC providers by ARN, for role trust policies.',
    url: `${PAGE}#principal-federated-web-identity`,
  },
  { name: 'CanonicalUser', summary: 'An Amazon S3 canonical user ID, another way to name an account in S3 policies.', url: `${PAGE}#principal-accounts` },
];

/** Web identity providers the User Guide names for the Federated type. */
export const WEB_IDENTITY_PROVIDERS: readonly { readonly name: string; readonly title: string }[] = [
  { name: 'cognito-identity.amazonaws.com', title: 'Amazon Cognito identity pools' },
  { name: 'www.amazon.com', title: 'Login with Amazon' },
  { name: 'graph.facebook.com', title: 'Facebook' },
  { name: 'accounts.google.com', title: 'Google' },
];

export interface PrincipalDescription {
  readonly title: string;
  readonly detail?: string;
  readonly url: string;
}

/** What a principal value names, in words, or undefined when it is not a form the page describes. */
export function describePrincipal(type: string | undefined, value: string): PrincipalDescription | undefined {
  if (value === '*') {
    return {
      title: 'All principals',
      detail: 'Everyone, including anonymous users. With `"Effect": "Allow"` this grants public access unless a condition narrows it.',
      url: `${PAGE}#principal-anonymous`,
    };
  }
  if (type === 'Service') return { title: 'AWS service principal', detail: `The service \`${value.split('.')[0]}\` acting on its own behalf.`, url: `${PAGE}#principal-services` };
  if (type === 'CanonicalUser') return { title: 'Amazon S3 canonical user ID', url: `${PAGE}#principal-accounts` };
  if (isAccountId(value)) {
    return {
      title: `AWS account ${value}`,
      detail: `Same as \`arn:aws:iam::${value}:root\`: delegates to the account; its administrators decide which identities get access.`,
      url: `${PAGE}#principal-accounts`,
    };
  }
  const provider = WEB_IDENTITY_PROVIDERS.find((candidate) => candidate.name === value);
  if (provider) return { title: `Web identity provider: ${provider.title}`, url: `${PAGE}#principal-federated-web-identity` };
  const arn = parseArn(value);
  if (!arn) return undefined;
  const resource = arn.resource;
  const slash = resource.indexOf('/');
  const resourceType = slash < 0 ? resource : resource.slice(0, slash);
  const name = slash < 0 ? '' : resource.slice(slash + 1);
  const account = `account ${arn.account}`;
  if (arn.service === 'iam') {
    switch (resourceType) {
      case 'root':
        return {
          title: `AWS account ${arn.account}`,
          detail: 'The account ARN delegates to the whole account, not only to its root user.',
          url: `${PAGE}#principal-accounts`,
        };
      case 'role':
        return { title: `IAM role \`${name}\` in ${account}`, url: `${PAGE}#principal-roles` };
      case 'user':
        return { title: `IAM user \`${name}\` in ${account}`, url: `${PAGE}#principal-users` };
      case 'saml-provider':
        return { title: `SAML identity provider \`${name}\` in ${account}`, url: `${PAGE}#principal-saml` };
      case 'oidc-provider':
        return { title: `OIDC identity provider \`${name}\` in ${account}`, url: `${PAGE}#principal-federated-web-identity` };
      default:
        return undefined;
    }
  }
  if (arn.service === 'sts') {
    if (resourceType === 'assumed-role') {
      const [role, session] = [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)];
      return { title: `Assumed-role session \`${session}\` of role \`${role}\` in ${account}`, url: `${PAGE}#principal-sessions` };
    }
    if (resourceType === 'federated-user') return { title: `Federated user session \`${name}\` in ${account}`, url: `${PAGE}#sts-session-principals` };
  }
  return undefined;
}
