/**
 * Role trust policies: what IAM rejects in them (NotPrincipal, Principal "*", Resource, badly
 * formed federated principals, actions that the principal cannot call) and trust that reaches
 * further than intended (identity providers without conditions on their claims).
 * Sources: access-analyzer-reference-policy-checks.md (the "Role trust policy" checks and the
 * OIDC and GitHub checks), reference_policies_elements_principal.md, id_roles_create_for-idp_oidc.md
 * (GitHub: token.actions.githubusercontent.com:sub and :aud), IAM Roles Anywhere trust model.
 */
import type { PolicyAst, PolicyString, PrincipalElement, Statement } from '../policy/ast';
import { compileWildcard } from '../policy/match';
import { removeArrayItem, removeProperty, replaceStringList } from './fixEdits';
import { accessAnalyzerDocs, userGuideDocs, type CheckFamily, type CheckInfo } from './check';
import { isAllow, principalValues, type Report } from './principals';

const checks: CheckInfo[] = [
  {
    code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
    severity: 'error',
    summary: 'NotPrincipal in a role trust policy.',
    accessAnalyzerTitle: 'Role trust policy syntax error notprincipal',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('error', 'Role trust policy syntax error notprincipal'),
  },
  {
    code: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    severity: 'error',
    summary: '"Principal": "*" in a role trust policy.',
    accessAnalyzerTitle: 'Role trust policy unsupported wildcard in principal',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('error', 'Role trust policy unsupported wildcard in principal'),
  },
  {
    code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
    severity: 'error',
    summary: 'Resource or NotResource in a role trust policy: it applies to the role it is attached to.',
    accessAnalyzerTitle: 'Role trust policy syntax error resource',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('error', 'Role trust policy syntax error resource'),
  },
  {
    code: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
    severity: 'error',
    summary: 'A Federated principal that is neither a domain name nor a SAML or OIDC provider ARN.',
    accessAnalyzerTitle: 'Invalid federated principal syntax in role trust policy',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('error', 'Invalid federated principal syntax in role trust policy'),
  },
  {
    code: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
    severity: 'error',
    summary: 'An sts:AssumeRole* action that none of the statement\'s principals can call (SAML needs AssumeRoleWithSAML, OIDC AssumeRoleWithWebIdentity).',
    accessAnalyzerTitle: 'Mismatched action for principal',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('error', 'Mismatched action for principal'),
  },
  {
    code: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
    severity: 'error',
    summary: 'The rolesanywhere.amazonaws.com principal lacks sts:AssumeRole, sts:SetSourceIdentity or sts:TagSession.',
    accessAnalyzerTitle: 'Missing action for roles anywhere trust policy',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('error', 'Missing action for roles anywhere trust policy'),
  },
  {
    code: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
    severity: 'security-warning',
    summary: 'An OIDC provider is trusted without any condition on its claims (keys prefixed with the provider).',
    accessAnalyzerTitle: 'Missing condition key for oidc principal',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('security-warning', 'Missing condition key for oidc principal'),
  },
  {
    code: 'MISSING_GITHUB_REPO_CONDITION_KEY',
    severity: 'security-warning',
    summary: 'GitHub Actions OIDC is trusted without a token.actions.githubusercontent.com:sub condition.',
    accessAnalyzerTitle: 'Missing github repo condition key',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('security-warning', 'Missing github repo condition key'),
  },
  {
    code: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
    severity: 'warning',
    summary: 'A token.actions.githubusercontent.com:sub value has a wildcard.',
    accessAnalyzerTitle: 'Specific github repo and branch recommended',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('general-warning', 'Specific github repo and branch recommended'),
  },
  {
    code: 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
    severity: 'suggestion',
    summary: 'An assumed-role session principal next to its own role.',
    accessAnalyzerTitle: 'Redundant principal in role trust policy',
    kinds: ['trust'],
    docs: accessAnalyzerDocs('suggestion', 'Redundant principal in role trust policy'),
  },
  {
    code: 'OIDC_PRINCIPAL_WITHOUT_SUB_OR_AUD_CONDITION',
    severity: 'security-warning',
    summary: 'An OIDC provider is trusted with conditions on its claims, but none that requires the audience (aud) or the subject (sub).',
    kinds: ['trust'],
    docs: userGuideDocs('id_roles_create_for-idp_oidc'),
  },
  {
    code: 'GITHUB_OIDC_WITHOUT_REPOSITORY_CONDITION',
    severity: 'security-warning',
    summary: 'GitHub Actions OIDC whose sub condition does not pin a repository owner (a wildcard owner, or sub tested only by a negated or IfExists operator).',
    kinds: ['trust'],
    docs: userGuideDocs('id_roles_create_for-idp_oidc', 'idp_oidc_Create_GitHub'),
  },
];

const GITHUB_PROVIDER = 'token.actions.githubusercontent.com';
const ROLES_ANYWHERE = 'rolesanywhere.amazonaws.com';
const ROLES_ANYWHERE_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'];

const SAML_PROVIDER_ARN = /^arn:[a-z-]+:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
const OIDC_PROVIDER_ARN = /^arn:[a-z-]+:iam::\d{12}:oidc-provider\/([a-z0-9.-]+(?::\d+)?(?:\/[^\s]*)?)$/i;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

type FederatedKind = 'saml' | 'oidc';

/** A Federated principal's kind, and for OIDC the prefix of its condition keys (id_roles_create_for-idp_oidc.md). */
export function federatedPrincipal(value: string): { kind: FederatedKind; keyPrefix?: string } | undefined {
  if (SAML_PROVIDER_ARN.test(value)) return { kind: 'saml' };
  const oidc = OIDC_PROVIDER_ARN.exec(value);
  if (oidc) return { kind: 'oidc', keyPrefix: oidc[1] };
  if (DOMAIN_NAME.test(value)) return { kind: 'oidc', keyPrefix: value };
  return undefined;
}

export const trustChecks: CheckFamily = {
  name: 'trust',
  checks,
  run({ ast, kind }, report) {
    if (kind.type !== 'trust') return;
    for (const statement of ast.statements) {
      const statementIndex = statement.index;
      if (statement.notPrincipal) {
        report('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL', {
          range: statement.notPrincipal.property.keyRange,
          statementIndex,
          message: 'Role trust policies do not support NotPrincipal. Name who may assume the role in a Principal element instead.',
        });
      }
      checkWildcardPrincipal(statement, report);
      for (const element of [statement.resource, statement.notResource]) {
        if (!element) continue;
        report('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE', {
          range: element.property.keyRange,
          statementIndex,
          message: `A role trust policy applies to the role it is attached to; it cannot name resources. Remove ${element.property.key}.`,
          fixes: [{ title: `Remove ${element.property.key}`, edits: [removeProperty(ast, statement.node, element.property)], preferred: true }],
        });
      }
      for (const value of principalValues(statement.principal, 'Federated')) {
        if (!/[*?]/.test(value.value) && !federatedPrincipal(value.value)) {
          report('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', {
            range: value.node.range,
            statementIndex,
            message: `${JSON.stringify(value.value)} is not a federated principal. Use a domain name (accounts.google.com, cognito-identity.amazonaws.com), or the ARN of an identity provider: arn:aws:iam::123456789012:saml-provider/Name or arn:aws:iam::123456789012:oidc-provider/host.`,
          });
        }
      }
      checkMismatchedActions(statement, report);
      checkRedundantSessionPrincipals(ast, statement, report);
      if (isAllow(statement)) checkOidcConditions(statement, report);
    }
    checkRolesAnywhere(ast, report);
  },
};

function checkWildcardPrincipal(statement: Statement, report: Report): void {
  const principal = statement.principal;
  if (principal?.form !== 'wildcard' || principal.wildcard?.value !== '*') return;
  const conditioned = (statement.condition?.operators ?? []).some((operator) => operator.keys.length > 0);
  report('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', {
    range: principal.wildcard.node.range,
    statementIndex: statement.index,
    message: conditioned
      ? '"Principal": "*" is not supported in a role trust policy. Name the accounts or roles that may assume it; {"AWS": "*"} is accepted, limited by this statement\'s Condition.'
      : '"Principal": "*" is not supported in a role trust policy. Name the accounts, roles or services that may assume the role.',
    // With a Condition, {"AWS": "*"} keeps what the author meant and is accepted by IAM (reference_policies_elements_principal.md).
    fixes: conditioned ? [{ title: 'Change to {"AWS": "*"}', edits: [{ range: principal.wildcard.node.range, newText: '{ "AWS": "*" }' }] }] : undefined,
  });
}

type PrincipalClass = 'everyone' | 'aws' | 'service' | 'saml' | 'oidc' | 'other';

function principalClasses(element: PrincipalElement | undefined): Array<{ value: string; kind: PrincipalClass }> {
  if (!element) return [];
  if (element.form === 'wildcard') return [{ value: element.wildcard?.value ?? '', kind: 'everyone' }];
  return element.entries.flatMap((entry) =>
    entry.values.map((value) => {
      if (entry.type === 'AWS') return { value: value.value, kind: value.value === '*' ? ('everyone' as const) : ('aws' as const) };
      if (entry.type === 'Service') return { value: value.value, kind: 'service' as const };
      if (entry.type === 'Federated') return { value: value.value, kind: federatedPrincipal(value.value)?.kind ?? ('other' as const) };
      return { value: value.value, kind: 'other' as const };
    }),
  );
}

/** Which principals can call each role-assuming action (id_credentials_temp_request.md, "Comparing the AWS STS API operations"). */
const CALLERS: Readonly<Record<string, readonly PrincipalClass[]>> = {
  'sts:assumerole': ['aws', 'service'],
  'sts:assumerolewithsaml': ['saml'],
  'sts:assumerolewithwebidentity': ['oidc'],
};

function checkMismatchedActions(statement: Statement, report: Report): void {
  const principals = principalClasses(statement.principal);
  if (principals.length === 0 || principals.some((principal) => principal.kind === 'everyone' || principal.kind === 'other')) return;
  for (const action of statement.action?.values ?? []) {
    const callers = CALLERS[action.value.toLowerCase()];
    if (!callers || principals.some((principal) => callers.includes(principal.kind))) continue;
    report('MISMATCHED_ACTION_FOR_PRINCIPAL', {
      range: action.node.range,
      statementIndex: statement.index,
      message: `The ${action.value} action is invalid with the following principal(s): ${principals.map((principal) => principal.value).join(', ')}. Use a SAML provider principal with sts:AssumeRoleWithSAML, an OIDC provider principal with sts:AssumeRoleWithWebIdentity, and AWS or service principals with sts:AssumeRole.`,
    });
  }
}

/** arn:aws:sts::A:assumed-role/Name/Session next to arn:aws:iam::A:role/path/Name says nothing more. */
function checkRedundantSessionPrincipals(ast: PolicyAst, statement: Statement, report: Report): void {
  const entry = statement.principal?.entries.find((candidate) => candidate.type === 'AWS');
  if (!entry || entry.values.length < 2) return;
  const roles = new Map<string, string>();
  for (const value of entry.values) {
    const role = /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[^*?]*\/)?([^/*?]+)$/.exec(value.value);
    if (role) roles.set(`${role[1]}:${role[2]}:${role[3]}`, value.value);
  }
  if (roles.size === 0) return;
  const items = entry.property.value?.items ?? [];
  for (const value of entry.values) {
    const session = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(value.value);
    const parent = session && roles.get(`${session[1]}:${session[2]}:${session[3]}`);
    if (!parent) continue;
    const position = items.indexOf(value.node);
    report('REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY', {
      range: value.node.range,
      statementIndex: statement.index,
      message: `The assumed-role principal ${value.value} is redundant with its parent role ${parent}. Remove the assumed-role principal.`,
      fixes: position >= 0 ? [{ title: 'Remove the assumed-role principal', edits: [removeArrayItem(ast, items, position)], preferred: true }] : undefined,
    });
  }
}

interface ClaimTests {
  /** Claims of the provider that any operator names. */
  readonly named: Set<string>;
  /** Claims tested by an operator that requires a match (not negated, not IfExists, not Null). */
  readonly required: Set<string>;
  /** The values that such operators require of `sub`. */
  readonly subValues: PolicyString[];
}

/** How a statement's Condition tests the claims of one OIDC provider (keys "<prefix>:<claim>"). */
function claimTests(statement: Statement, prefix: string): ClaimTests {
  const lowerPrefix = `${prefix.toLowerCase()}:`;
  const named = new Set<string>();
  const required = new Set<string>();
  const subValues: PolicyString[] = [];
  for (const operator of statement.condition?.operators ?? []) {
    const name = operator.operator.toLowerCase();
    const restricting = !name.includes('not') && !name.endsWith('ifexists') && !name.startsWith('null');
    for (const key of operator.keys) {
      const lower = key.key.toLowerCase();
      if (!lower.startsWith(lowerPrefix)) continue;
      const claim = lower.slice(lowerPrefix.length);
      named.add(claim);
      if (!restricting) continue;
      required.add(claim);
      if (claim === 'sub') {
        for (const value of key.values) if (value.node.type === 'string') subValues.push({ value: value.text, node: value.node });
      }
    }
  }
  return { named, required, subValues };
}

function checkOidcConditions(statement: Statement, report: Report): void {
  for (const value of principalValues(statement.principal, 'Federated')) {
    const federated = federatedPrincipal(value.value);
    if (federated?.kind !== 'oidc' || !federated.keyPrefix) continue;
    const tests = claimTests(statement, federated.keyPrefix);
    if (federated.keyPrefix.toLowerCase().startsWith(GITHUB_PROVIDER)) checkGitHub(statement, value, federated.keyPrefix, tests, report);
    else checkOidcClaims(statement, value, federated.keyPrefix, tests, report);
  }
}

function checkOidcClaims(statement: Statement, value: PolicyString, prefix: string, tests: ClaimTests, report: Report): void {
  if (tests.named.size === 0) {
    report('MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', {
      range: value.node.range,
      statementIndex: statement.index,
      message: `Anyone with a token from ${prefix} can assume this role: there is no condition on its claims. Add condition keys with the prefix "${prefix}:", at least ${prefix}:aud (your app's client ID) and, where the provider sets it, ${prefix}:sub.`,
    });
  } else if (!tests.required.has('aud') && !tests.required.has('sub')) {
    report('OIDC_PRINCIPAL_WITHOUT_SUB_OR_AUD_CONDITION', {
      range: value.node.range,
      statementIndex: statement.index,
      message: `The conditions on ${prefix} require neither its audience (aud) nor its subject (sub), so tokens issued for other applications or users can assume this role. Add "StringEquals": {"${prefix}:aud": "<client ID>"}.`,
    });
  }
}

/** GitHub Actions: the sub claim carries the repository ("repo:<owner>/<repo>:..."), so it must be required and pinned. */
function checkGitHub(statement: Statement, value: PolicyString, prefix: string, tests: ClaimTests, report: Report): void {
  const statementIndex = statement.index;
  if (!tests.named.has('sub')) {
    report('MISSING_GITHUB_REPO_CONDITION_KEY', {
      range: value.node.range,
      statementIndex,
      message: `Any GitHub Actions workflow, in any repository, can assume this role: there is no ${prefix}:sub condition. Add "StringEquals": {"${prefix}:sub": "repo:<owner>/<repo>:ref:refs/heads/<branch>"} (and "${prefix}:aud": "sts.amazonaws.com").`,
    });
    return;
  }
  if (!tests.required.has('sub')) {
    report('GITHUB_OIDC_WITHOUT_REPOSITORY_CONDITION', {
      range: value.node.range,
      statementIndex,
      message: `${prefix}:sub is only tested by a negated or IfExists operator, which does not limit the repositories that can assume this role. Require it with StringEquals or StringLike and a value "repo:<owner>/<repo>:...".`,
    });
    return;
  }
  for (const sub of tests.subValues) {
    if (/^(\*|\?|repo:[^/]*[*?])/.test(sub.value)) {
      report('GITHUB_OIDC_WITHOUT_REPOSITORY_CONDITION', {
        range: sub.node.range,
        statementIndex,
        message: `${JSON.stringify(sub.value)} does not name a repository owner: workflows in anyone's repositories can assume this role. Start the value with "repo:<owner>/<repo>".`,
      });
    }
    if (sub.value.includes('*')) {
      report('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', {
        range: sub.node.range,
        statementIndex,
        message: `Using a wildcard (*) in ${prefix}:sub (${JSON.stringify(sub.value)}) can allow requests from more sources than you intended. Name the repository and branch, for example "repo:<owner>/<repo>:ref:refs/heads/main".`,
      });
    }
  }
}

/** IAM Roles Anywhere needs all three actions ("Trust model in IAM Roles Anywhere"). */
function checkRolesAnywhere(ast: PolicyAst, report: Report): void {
  const statements = ast.statements.filter((statement) => isAllow(statement) && principalValues(statement.principal, 'Service').some((value) => value.value === ROLES_ANYWHERE));
  if (statements.length === 0) return;
  const patterns = statements.flatMap((statement) => (statement.action?.values ?? []).map((action) => compileWildcard(action.value, true)));
  const missing = ROLES_ANYWHERE_ACTIONS.filter((action) => !patterns.some((matches) => matches(action)));
  if (missing.length === 0) return;
  const first = statements[0];
  const service = principalValues(first.principal, 'Service').find((value) => value.value === ROLES_ANYWHERE)!;
  const action = first.action;
  const canAdd = action && (action.form === 'string' || action.form === 'array') && action.property.value && action.invalid.length === 0;
  report('MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', {
    range: service.node.range,
    statementIndex: first.index,
    message: `The ${ROLES_ANYWHERE} service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. Add ${missing.length === 1 ? 'it' : 'them'} to the Action list.`,
    fixes: canAdd
      ? [replaceStringList(ast, action.property.value!, [...action.values.map((value) => value.value), ...missing], `Add ${missing.join(', ')}`)]
      : undefined,
  });
}
