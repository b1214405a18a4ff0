/**
 * Whole statements people write again and again, as snippets with tab stops: an empty
 * statement shaped for the policy kind, and well-known patterns from the IAM User Guide (deny
 * without TLS, require MFA, restrict Regions, cross-account trust with an external ID, GitHub
 * OIDC trust, creating roles only with a permissions boundary).
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { PolicyAst } from '../../policy/ast';
import type { PolicyKind, PolicyKindType } from '../../policy/kind';
import type { CursorContext } from '../cursorContext';
import type { LanguageOptions } from '../languageOptions';
import { choice, jsonSnippet, layout, previewText, stop } from '../snippets';
import { markdownLink, USER_GUIDE } from '../elementDocs';
import { blockItem, rank } from './items';

interface StatementPattern {
  readonly label: string;
  readonly summary: string;
  /** The User Guide page the pattern comes from. */
  readonly url: string;
  readonly kinds: readonly PolicyKindType[];
  /** One or more statement objects with stop()/choice() markers. */
  statements(kind: PolicyKind, options: LanguageOptions): object[];
}

const account = (options: LanguageOptions, index: number) => stop(index, options.defaultAccountId ?? 'account-id');
const partition = (options: LanguageOptions) => options.partition ?? 'aws';

/** An empty statement with the elements this kind of policy needs. */
export function statementTemplate(kind: PolicyKind): object {
  switch (kind.type) {
    case 'trust':
      return { Effect: 'Allow', Principal: { [choice(1, ['AWS', 'Service', 'Federated'])]: stop(2) }, Action: stop(3, 'sts:AssumeRole') };
    case 'resource':
      return { Effect: choice(1, ['Allow', 'Deny']), Principal: { AWS: stop(2) }, Action: stop(3), Resource: stop(4) };
    case 'rcp':
      return { Effect: 'Deny', Principal: '*', Action: stop(1), Resource: stop(2, '*') };
    default:
      return { Effect: choice(1, ['Allow', 'Deny']), Action: stop(2), Resource: stop(3) };
  }
}

const PATTERNS: readonly StatementPattern[] = [
  {
    label: 'Deny requests without TLS',
    summary: 'Denies any request not sent over HTTPS (`aws:SecureTransport` is `false`).',
    url: `${USER_GUIDE}/reference_policies_condition-keys.html#condition-keys-securetransport`,
    kinds: ['identity', 'resource', 'scp', 'rcp', 'boundary', 'session'],
    statements: (kind) => [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        ...(kind.type === 'resource' || kind.type === 'rcp' ? { Principal: '*' } : {}),
        Action: stop(1, kind.resourceService ? `${kind.resourceService}:*` : '*'),
        Resource: stop(2, '*'),
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  },
  {
    label: 'Require MFA',
    summary:
      'Denies everything except what is needed to set up MFA unless the request was authenticated with MFA (`BoolIfExists` so that requests with long-term keys, which carry no MFA key, are denied too).',
    url: `${USER_GUIDE}/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent`,
    kinds: ['identity', 'boundary'],
    statements: () => [
      {
        Sid: 'DenyAllExceptListedIfNoMFA',
        Effect: 'Deny',
        NotAction: [
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:GetUser',
          'iam:ListMFADevices',
          'iam:ListVirtualMFADevices',
          'iam:ResyncMFADevice',
          'sts:GetSessionToken',
        ],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  },
  {
    label: 'Restrict Regions',
    summary:
      'Denies requests to Regions other than the listed ones (`aws:RequestedRegion`), except for global services whose single endpoint is in us-east-1.',
    url: `${USER_GUIDE}/reference_policies_condition-keys.html#condition-keys-requestedregion`,
    kinds: ['scp', 'identity', 'boundary', 'rcp'],
    statements: (kind, options) => [
      {
        Sid: 'DenyOutsideApprovedRegions',
        Effect: 'Deny',
        ...(kind.type === 'rcp' ? { Principal: '*' } : {}),
        NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*', 'waf:*', 'budgets:*', 'globalaccelerator:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [stop(1, options.defaultRegion ?? 'eu-west-1')] } },
      },
    ],
  },
  {
    label: 'Cross-account trust with external ID',
    summary:
      'Lets another account assume the role only when it passes the agreed `sts:ExternalId` (the confused-deputy protection for third parties).',
    url: `${USER_GUIDE}/reference_policies_elements_principal.html#principal-accounts`,
    kinds: ['trust'],
    statements: (_kind, options) => [
      {
        Sid: 'TrustAccountWithExternalId',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition(options)}:iam::${stop(1, options.defaultAccountId ?? 'trusted-account-id')}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': stop(2, 'external-id') } },
      },
    ],
  },
  {
    label: 'GitHub Actions OIDC trust',
    summary:
      'Lets GitHub Actions workflows of one repository assume the role through the account\'s OIDC provider for token.actions.githubusercontent.com.',
    url: `${USER_GUIDE}/reference_policies_elements_principal.html#principal-federated-web-identity`,
    kinds: ['trust'],
    statements: (_kind, options) => [
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: { Federated: `arn:${partition(options)}:iam::${account(options, 1)}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': `repo:${stop(2, 'org')}/${stop(3, 'repository')}:${stop(4, 'ref:refs/heads/main')}` },
        },
      },
    ],
  },
  {
    label: 'Create roles only with a permissions boundary',
    summary:
      'Lets the holder create roles and users only when they attach the given permissions boundary (`iam:PermissionsBoundary`), and never remove it.',
    url: `${USER_GUIDE}/access_policies_boundaries.html`,
    kinds: ['identity', 'boundary'],
    statements: (_kind, options) => {
      const boundary = `arn:${partition(options)}:iam::${account(options, 1)}:policy/${stop(2, 'boundary-policy')}`;
      return [
        {
          Sid: 'CreateOnlyWithBoundary',
          Effect: 'Allow',
          Action: ['iam:CreateRole', 'iam:CreateUser', 'iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary'],
          Resource: '*',
          Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
        },
        {
          Sid: 'NoBoundaryRemoval',
          Effect: 'Deny',
          Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
          Resource: '*',
        },
      ];
    },
  },
];

function joinedStatements(statements: object[]): string {
  return statements.map((statement) => jsonSnippet(statement)).join(',\n');
}

function patternsFor(kind: PolicyKind): StatementPattern[] {
  return PATTERNS.filter((pattern) => pattern.kinds.includes(kind.type));
}

function documentation(pattern: StatementPattern, statements: object[]): string {
  const preview = previewText(statements.map((statement) => layout(statement, '')).join(',\n'));
  return `${pattern.summary} ${markdownLink('IAM User Guide', pattern.url)}\n\n\`\`\`json\n${preview}\n\`\`\``;
}

/** Snippets for an item of the Statement array; `wrapInArray` for the value of Statement itself. */
export function statementItems(context: CursorContext, ast: PolicyAst, kind: PolicyKind, options: LanguageOptions, wrapInArray: boolean): CompletionItem[] {
  const wrap = (body: string) => (wrapInArray ? `[\n\t${body.replace(/\n/g, '\n\t')}\n]` : body);
  const items: CompletionItem[] = [
    blockItem(
      context,
      ast,
      { label: 'New statement', kind: CompletionItemKind.Snippet, detail: `Statement for a ${kind.type} policy`, sortText: rank(0, 'New statement'), preselect: true },
      wrap(jsonSnippet(statementTemplate(kind))),
    ),
  ];
  for (const pattern of patternsFor(kind)) {
    const statements = pattern.statements(kind, options);
    items.push(
      blockItem(
        context,
        ast,
        { label: pattern.label, kind: CompletionItemKind.Snippet, detail: 'Statement pattern', documentation: documentation(pattern, statements), sortText: rank(1, pattern.label) },
        wrap(joinedStatements(statements)),
      ),
    );
  }
  return items;
}

/** A complete policy for an empty document. */
export function policyItems(context: CursorContext, ast: PolicyAst, kind: PolicyKind): CompletionItem[] {
  const policy = { Version: '2012-10-17', Statement: [statementTemplate(kind)] };
  return [
    blockItem(context, ast, { label: 'New policy', kind: CompletionItemKind.Snippet, detail: `Empty ${kind.type} policy`, preselect: true }, jsonSnippet(policy)),
  ];
}
