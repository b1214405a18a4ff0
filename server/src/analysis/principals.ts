/**
 * The Principal and NotPrincipal elements of resource-based policies (trust policies included):
 * their shape, their keys, the form of each value, wildcards, and grants that reach further
 * than intended. Trust-only rules live in trust.ts; principals in SCPs in organizations.ts.
 * Sources: reference_policies_elements_principal.md, reference_policies_elements_notprincipal.md,
 * reference_identifiers.md (unique ID prefixes), access-analyzer-reference-policy-checks.md.
 */
import type { ConditionElement, PolicyAst, PolicyString, PrincipalElement, PrincipalEntry, Statement } from '../policy/ast';
import { kindHasPrincipal } from '../policy/kind';
import { nearest } from './nearest';
import { removeProperty, replaceWith } from './fixEdits';
import { accessAnalyzerDocs, userGuideDocs, type CheckFamily, type CheckInfo } from './check';

/** The keys a Principal object can have (reference_policies_elements_principal.md). */
export const PRINCIPAL_KEYS = ['AWS', 'CanonicalUser', 'Federated', 'Service'] as const;

const RESOURCE_KINDS = ['resource', 'trust', 'endpoint'] as const;

const checks: CheckInfo[] = [
  {
    code: 'INVALID_PRINCIPAL_FORMAT',
    severity: 'error',
    summary: 'Principal is a string other than "*", or an AWS principal value is neither an account ID, an IAM/STS ARN nor a unique ID.',
    accessAnalyzerTitle: 'Invalid principal format',
    kinds: [...RESOURCE_KINDS],
    docs: accessAnalyzerDocs('error', 'Invalid principal format'),
  },
  {
    code: 'INVALID_PRINCIPAL_KEY',
    severity: 'error',
    summary: 'A Principal key other than AWS, CanonicalUser, Federated and Service.',
    accessAnalyzerTitle: 'Invalid principal key',
    kinds: [...RESOURCE_KINDS],
    docs: accessAnalyzerDocs('error', 'Invalid principal key'),
  },
  {
    code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    severity: 'error',
    summary: 'A principal value uses * or ? other than the whole value "*" for AWS: principals cannot match part of a name or ARN.',
    accessAnalyzerTitle: 'Unsupported wildcard in principal',
    kinds: [...RESOURCE_KINDS],
    docs: accessAnalyzerDocs('error', 'Unsupported wildcard in principal'),
  },
  {
    code: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    severity: 'error',
    summary: 'A service principal (Service value, or a condition key that takes service principals) is not of the form service.amazonaws.com in lowercase.',
    accessAnalyzerTitle: 'Invalid service principal format',
    docs: accessAnalyzerDocs('error', 'Invalid service principal format'),
  },
  {
    code: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
    severity: 'error',
    summary: 'A Federated principal outside a role trust policy.',
    accessAnalyzerTitle: 'Federated principal not supported',
    kinds: ['resource', 'endpoint'],
    docs: accessAnalyzerDocs('error', 'Federated principal not supported'),
  },
  {
    code: 'EMPTY_ARRAY_PRINCIPAL',
    severity: 'suggestion',
    summary: 'A principal key has an empty array: it names nobody.',
    accessAnalyzerTitle: 'Empty array principal',
    kinds: [...RESOURCE_KINDS],
    docs: accessAnalyzerDocs('suggestion', 'Empty array principal'),
  },
  {
    code: 'EMPTY_OBJECT_PRINCIPAL',
    severity: 'suggestion',
    summary: 'Principal is an empty object: the statement applies to nobody.',
    accessAnalyzerTitle: 'Empty object principal',
    kinds: [...RESOURCE_KINDS],
    docs: accessAnalyzerDocs('suggestion', 'Empty object principal'),
  },
  {
    code: 'ALLOW_WITH_NOTPRINCIPAL',
    severity: 'security-warning',
    summary: 'Allow with NotPrincipal grants everyone else, anonymous users included.',
    accessAnalyzerTitle: 'Allow with NotPrincipal',
    kinds: ['resource', 'endpoint'],
    docs: accessAnalyzerDocs('security-warning', 'Allow with NotPrincipal'),
  },
  {
    code: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
    severity: 'security-warning',
    summary: 'A resource policy allows a service principal without aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths (confused deputy).',
    accessAnalyzerTitle: 'Restrict access to service principal',
    kinds: ['resource'],
    docs: accessAnalyzerDocs('security-warning', 'Restrict access to service principal'),
  },
  {
    code: 'INVALID_ROLE_REFERENCE',
    severity: 'warning',
    summary: 'A principal is a role unique ID (AROA...): it stops matching when the role is recreated; use the role ARN.',
    accessAnalyzerTitle: 'Invalid role reference',
    kinds: [...RESOURCE_KINDS],
    docs: accessAnalyzerDocs('general-warning', 'Invalid role reference'),
  },
  {
    code: 'INVALID_USER_REFERENCE',
    severity: 'warning',
    summary: 'A principal is a user unique ID (AIDA...): it stops matching when the user is recreated; use the user ARN.',
    accessAnalyzerTitle: 'Invalid user reference',
    kinds: [...RESOURCE_KINDS],
    docs: accessAnalyzerDocs('general-warning', 'Invalid user reference'),
  },
  {
    code: 'ALLOW_ALL_PRINCIPALS_WITHOUT_CONDITION',
    severity: 'security-warning',
    summary: 'Allow to Principal "*" (or {"AWS": "*"}) with no Condition: anyone, anonymous users included, gets the access.',
    kinds: ['resource', 'trust'],
    docs: userGuideDocs('reference_policies_elements_principal', 'principal-anonymous'),
  },
];

/** Condition keys whose values are service principals, and the form each takes. */
const SERVICE_PRINCIPAL_CONDITION_KEYS: ReadonlyMap<string, 'principal' | 'regional'> = new Map([
  ['aws:principalservicename', 'principal'],
  ['aws:principalservicenameslist', 'principal'],
  ['aws:calledvia', 'principal'],
  ['aws:calledviafirst', 'principal'],
  ['aws:calledvialast', 'principal'],
  ['iam:passedtoservice', 'principal'],
  ['iam:awsservicename', 'principal'],
  // kms:ViaService names the service endpoint in a Region: service.region.amazonaws.com.
  ['kms:viaservice', 'regional'],
]);

/** service-name.amazonaws.com (some with a Region or a sub-service), in the AWS partitions' domains. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;
const REGIONAL_SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9-]*\.[a-z0-9-]+\.(amazonaws\.com|amazonaws\.com\.cn|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

/** Unique ID prefixes (reference_identifiers.md, "Understanding unique ID prefixes"); IDs are 21 characters. */
const ROLE_ID = /^AROA[A-Z0-9]{16,}$/;
const USER_ID = /^AIDA[A-Z0-9]{16,}$/;
const UNIQUE_ID = /^A[A-Z0-9]{3}[A-Z0-9]{16,}$/;

/** Keys that tie a service principal's access to a source (confused-deputy.md). */
export const SOURCE_CONDITION_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths']);

export type Report = Parameters<CheckFamily['run']>[1];

export const principalChecks: CheckFamily = {
  name: 'principals',
  checks,
  run({ ast, kind }, report) {
    for (const statement of ast.statements) {
      checkServicePrincipalConditions(statement, report);
      // Principals where none belong are UNSUPPORTED_PRINCIPAL (structure.ts) or SCP_SYNTAX_ERROR_PRINCIPAL.
      if (!kindHasPrincipal(kind.type)) continue;
      for (const element of [statement.principal, statement.notPrincipal]) {
        if (element) checkPrincipalElement(statement, element, kind.type === 'trust', report, ast);
      }
      if (isAllow(statement)) {
        if (statement.notPrincipal) {
          report('ALLOW_WITH_NOTPRINCIPAL', {
            range: statement.notPrincipal.property.keyRange,
            statementIndex: statement.index,
            message: 'Allow with NotPrincipal grants everyone not listed, anonymous users included. Name who gets access in Principal, or turn this into a Deny with NotPrincipal.',
          });
        }
        checkServicePrincipalSource(statement, report);
        checkAllPrincipalsWithoutCondition(statement, kind.type === 'trust', report);
      }
    }
  },
};

export function isAllow(statement: Statement): boolean {
  return statement.effect?.value?.type === 'string' && statement.effect.value.value === 'Allow';
}

/** The principal values of one key ("AWS", "Federated"...), key matched as AWS spells it. */
export function principalValues(element: PrincipalElement | undefined, key: (typeof PRINCIPAL_KEYS)[number]): PolicyString[] {
  return (element?.entries ?? []).filter((entry) => entry.type === key).flatMap((entry) => entry.values);
}

/** Whether a Principal grants everyone: "*" or {"AWS": "*"} (reference_policies_elements_principal.md). */
export function isEveryone(element: PrincipalElement | undefined): boolean {
  if (!element) return false;
  if (element.form === 'wildcard') return element.wildcard?.value === '*';
  return principalValues(element, 'AWS').some((value) => value.value === '*');
}

/** Condition keys a statement tests, lowercased. */
export function conditionKeys(condition: ConditionElement | undefined): Set<string> {
  const keys = new Set<string>();
  for (const operator of condition?.operators ?? []) for (const key of operator.keys) keys.add(key.key.toLowerCase());
  return keys;
}

function checkPrincipalElement(statement: Statement, element: PrincipalElement, isTrust: boolean, report: Report, ast: PolicyAst): void {
  const statementIndex = statement.index;
  const name = element.property.key;
  if (element.form === 'wildcard' && element.wildcard) {
    const value = element.wildcard.value;
    if (value === '*') return; // trust.ts reports "*" in a role trust policy
    const key = /^\d{12}$/.test(value) || value.startsWith('arn:') ? 'AWS' : SERVICE_PRINCIPAL.test(value) ? 'Service' : undefined;
    report('INVALID_PRINCIPAL_FORMAT', {
      range: element.wildcard.node.range,
      statementIndex,
      message: `${name} must be "*" or an object of principal keys, not the string ${JSON.stringify(value)}.${key ? ` Write {"${key}": ${JSON.stringify(value)}}.` : ' Write for example {"AWS": "123456789012"}.'}`,
      fixes: key ? [{ title: `Change to {"${key}": ${JSON.stringify(value)}}`, edits: [{ range: element.wildcard.node.range, newText: `{ ${JSON.stringify(key)}: ${JSON.stringify(value)} }` }], preferred: true }] : undefined,
    });
    return;
  }
  if (element.form !== 'object') return;
  if (element.entries.length === 0) {
    report('EMPTY_OBJECT_PRINCIPAL', {
      range: element.property.value?.range ?? element.property.keyRange,
      statementIndex,
      message: `${name} is an empty object, so this statement applies to nobody. Name the principals, for example {"AWS": "123456789012"}.`,
    });
    return;
  }
  for (const entry of element.entries) {
    if (!(PRINCIPAL_KEYS as readonly string[]).includes(entry.type)) {
      const suggestion = nearest(entry.type, PRINCIPAL_KEYS, Math.max(2, Math.floor(entry.type.length / 3)));
      report('INVALID_PRINCIPAL_KEY', {
        range: entry.property.keyRange,
        statementIndex,
        message: `"${entry.type}" is not a principal key.${suggestion ? ` Did you mean "${suggestion}"?` : ''} The keys are AWS, CanonicalUser, Federated and Service.`,
        fixes: suggestion ? [replaceWith(entry.property.keyRange, suggestion)] : undefined,
      });
      continue;
    }
    if (entry.property.value?.type === 'array' && (entry.property.value.items?.length ?? 0) === 0) {
      const others = element.entries.length > 1;
      report('EMPTY_ARRAY_PRINCIPAL', {
        range: entry.property.value.range,
        statementIndex,
        message: `"${entry.type}" has an empty array: it names nobody. Add the principals${others ? ', or remove the key' : ''}.`,
        fixes: others && element.property.value ? [{ title: `Remove "${entry.type}": []`, edits: [removeProperty(ast, element.property.value, entry.property)] }] : undefined,
      });
    }
    if (entry.type === 'Federated' && !isTrust) {
      report('FEDERATED_PRINCIPAL_NOT_SUPPORTED', {
        range: entry.property.keyRange,
        statementIndex,
        message: 'A Federated principal (a SAML or OIDC identity provider) only belongs in the trust policy of a role. Grant the role that the provider\'s users assume instead, with {"AWS": "arn:aws:iam::<account>:role/<name>"}.',
      });
    }
    for (const value of entry.values) checkPrincipalValue(entry, value, statementIndex, report);
  }
}

function checkPrincipalValue(entry: PrincipalEntry, value: PolicyString, statementIndex: number, report: Report): void {
  const text = value.value;
  const range = value.node.range;
  if (/[*?]/.test(text) && !(entry.type === 'AWS' && text === '*')) {
    report('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', {
      range,
      statementIndex,
      message:
        entry.type === 'AWS'
          ? `Principals cannot match part of a name or ARN with a wildcard: ${JSON.stringify(text)}. Name each principal, or use "*" with a Condition on aws:PrincipalArn (ArnLike) to match a pattern.`
          : `Wildcards are not supported with the principal key ${entry.type}: ${JSON.stringify(text)}. Name the principal exactly.`,
    });
    return;
  }
  switch (entry.type) {
    case 'AWS':
      if (ROLE_ID.test(text)) {
        report('INVALID_ROLE_REFERENCE', {
          range,
          statementIndex,
          message: `${text} is the unique ID of an IAM role. If the role is deleted and recreated, the new role has a new ID and this statement no longer applies to it. Use the role ARN (arn:aws:iam::<account>:role/<name>).`,
        });
      } else if (USER_ID.test(text)) {
        report('INVALID_USER_REFERENCE', {
          range,
          statementIndex,
          message: `${text} is the unique ID of an IAM user. If the user is deleted and recreated, the new user has a new ID and this statement no longer applies to it. Use the user ARN (arn:aws:iam::<account>:user/<name>).`,
        });
      } else if (!isAwsPrincipal(text)) {
        report('INVALID_PRINCIPAL_FORMAT', {
          range,
          statementIndex,
          message: `${JSON.stringify(text)} is not an AWS principal. Use "*", a 12-digit account ID, or the ARN of an account root, IAM user, role, role session or federated user (arn:aws:iam::123456789012:role/name).`,
        });
      }
      break;
    case 'Service':
      checkServicePrincipal(text, range, statementIndex, 'principal', 'The service principal', report);
      break;
    default:
      break;
  }
}

/** "*", an account ID, an IAM or STS ARN, or a unique ID (reference_policies_elements_principal.md). */
function isAwsPrincipal(text: string): boolean {
  if (text === '*' || /^\d{12}$/.test(text) || UNIQUE_ID.test(text)) return true;
  const match = /^arn:[a-z-]+:(iam|sts)::[^:]+:.+$/.exec(text);
  return match !== null;
}

function checkServicePrincipal(
  text: string,
  range: PolicyString['node']['range'],
  statementIndex: number,
  form: 'principal' | 'regional',
  what: string,
  report: Report,
): void {
  const pattern = form === 'regional' ? REGIONAL_SERVICE_PRINCIPAL : SERVICE_PRINCIPAL;
  if (pattern.test(text)) return;
  const expected = form === 'regional' ? 'service-name.region.amazonaws.com' : 'service-name.amazonaws.com';
  let fixed: string | undefined;
  if (pattern.test(text.toLowerCase())) fixed = text.toLowerCase();
  else if (form === 'principal' && /^[a-z0-9-]+$/i.test(text)) fixed = `${text.toLowerCase()}.amazonaws.com`;
  report('INVALID_SERVICE_PRINCIPAL_FORMAT', {
    range,
    statementIndex,
    message: `${what} ${JSON.stringify(text)} does not have the form ${expected} in lowercase.${fixed ? ` Write "${fixed}".` : ''}`,
    fixes: fixed ? [replaceWith(range, fixed)] : undefined,
  });
}

/** Exact values of condition keys that take service principals; patterns, variables and Null are left alone. */
function checkServicePrincipalConditions(statement: Statement, report: Report): void {
  for (const operator of statement.condition?.operators ?? []) {
    const name = operator.operator.toLowerCase();
    if (name.startsWith('null') || name.includes('like')) continue;
    for (const key of operator.keys) {
      const form = SERVICE_PRINCIPAL_CONDITION_KEYS.get(key.key.toLowerCase());
      if (!form) continue;
      for (const value of key.values) {
        if (value.node.type !== 'string' || /[*?]|\$\{/.test(value.text)) continue;
        checkServicePrincipal(value.text, value.node.range, statement.index, form, `The ${key.key} value`, report);
      }
    }
  }
}

function checkServicePrincipalSource(statement: Statement, report: Report): void {
  const service = statement.principal?.entries.find((entry) => entry.type === 'Service' && entry.values.length > 0);
  if (!service) return;
  const keys = conditionKeys(statement.condition);
  if ([...SOURCE_CONDITION_KEYS].some((key) => keys.has(key))) return;
  const names = service.values.map((value) => value.value).join(', ');
  report('RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', {
    range: service.property.keyRange,
    statementIndex: statement.index,
    message: `${names} can act here on behalf of any account's resources (confused deputy). Add a Condition on aws:SourceArn or aws:SourceAccount that names your resource or account.`,
  });
}

function checkAllPrincipalsWithoutCondition(statement: Statement, isTrust: boolean, report: Report): void {
  const principal = statement.principal;
  if (!principal || !isEveryone(principal)) return;
  // A bare "*" in a role trust policy is an error of its own (trust.ts).
  if (isTrust && principal.form === 'wildcard') return;
  if (statement.condition && statement.condition.operators.some((operator) => operator.keys.length > 0)) return;
  const star = principal.form === 'wildcard' ? principal.wildcard! : principalValues(principal, 'AWS').find((value) => value.value === '*')!;
  report('ALLOW_ALL_PRINCIPALS_WITHOUT_CONDITION', {
    range: star.node.range,
    statementIndex: statement.index,
    message: isTrust
      ? 'Anyone in any AWS account can assume this role: the Principal is "*" and there is no Condition. Name the accounts or roles that may assume it, or add a Condition such as aws:PrincipalOrgID.'
      : 'Anyone, anonymous users included, gets this access: the Principal is "*" and there is no Condition. Name the principals, or add a Condition such as aws:PrincipalOrgID, aws:SourceVpce or aws:PrincipalAccount.',
  });
}
