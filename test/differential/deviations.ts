/**
 * Where @cloud-copilot/iam-simulate departs from the IAM User Guide, each with the sentence it
 * contradicts (pages under shared/reference/iam-user-guide/). The differential test accepts a
 * disagreement only when one of these accounts for it:
 * - `explains`: a decision-logic deviation, recognised from the case and our trace;
 * - `neutralize`: a feature iam-simulate reads differently, rewritten into an equivalent case
 *   without it; the disagreement is accounted for only if our decision on the rewritten case is
 *   unchanged and iam-simulate then agrees.
 */
import { parseDate } from '../../server/src/engine/conditionValues';
import type { Decision, EvaluationResult, MatchedStatement } from '../../server/src/engine';
import type { Case, Doc, Json } from './generator';
import {
  MATCHES_NOTHING,
  contextValue,
  dropConditionEntries,
  isEpoch,
  resolveVariables,
  rewriteConditionValues,
  rewriteStatements,
  toIsoSeconds,
} from './neutralize';

export interface Deviation {
  readonly id: string;
  /** What iam-simulate does. */
  readonly peerBehaviour: string;
  readonly userGuide: { readonly page: string; readonly sentence: string };
  explains?(c: Case, ours: EvaluationResult, peer: Decision): boolean;
  neutralize?(c: Case): Case | undefined;
}

const pair = (ours: EvaluationResult, peer: Decision, oursDecision: Decision, peerDecision: Decision) => ours.decision === oursDecision && peer === peerDecision;
const VARIABLES_VERSION = '2012-10-17';
const GRANTS_EVERYTHING: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const GRANTS_NOTHING: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: 'arn:aws:iam::999999999999:user/nobody' }] };
const TRUSTS_ANOTHER_ACCOUNT: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 'sts:AssumeRole' }] };

export const DEVIATIONS: readonly Deviation[] = [
  // --- decision logic -----------------------------------------------------------------------
  {
    id: 'root-user-full-access',
    peerBehaviour: 'Requires an identity-based Allow for the AWS account root user, like for an IAM user.',
    userGuide: {
      page: 'reference_policies_evaluation-logic.md',
      sentence: 'By default, all requests are implicitly denied with the exception of the AWS account root user, which has full access.',
    },
    // Root has no identity-based policies to us; an Allow-all one gives iam-simulate the full access.
    neutralize: (c) => (c.principal.kind === 'root' ? { ...c, identity: [...c.identity, GRANTS_EVERYTHING] } : undefined),
  },
  {
    id: 'scp-without-allow-is-explicit-deny',
    peerBehaviour: 'Reports an SCP level without an applicable Allow as an implicit deny.',
    userGuide: {
      page: 'reference_policies_evaluation-logic.md',
      sentence: 'If the enforcement code does not find any applicable Allow statements in the SCPs, the request is explicitly denied, even if the denial is implicit.',
    },
    explains: (_c, ours, peer) =>
      pair(ours, peer, 'explicitDeny', 'implicitDeny') && ours.policyTypes.scp?.decision === 'implicitDeny' && !ours.matchedStatements.some((s) => s.deciding),
  },
  {
    id: 'scps-apply-to-principals-in-accounts',
    peerBehaviour: 'Applies SCPs to AWS service principals, which belong to no account of the organization.',
    userGuide: { page: 'reference_policies_evaluation-logic.md', sentence: 'SCPs apply to principals of the account where the SCPs are attached.' },
    neutralize: (c) => (c.principal.kind === 'service' && c.scp ? { ...c, scp: undefined } : undefined),
  },
  {
    id: 'session-policy-does-not-limit-session-grants',
    peerBehaviour: 'Denies a role session whose session policy does not allow the request, even when the resource-based policy names the session itself.',
    userGuide: {
      page: 'access_policies.md',
      sentence: 'A resource-based policy can specify the ARN of the session as a principal. ... The resource-based policy permissions are not limited by the session policy.',
    },
    explains: (c, ours, peer) =>
      pair(ours, peer, 'allowed', 'implicitDeny') &&
      !!c.session &&
      ours.policyTypes.session?.decision === 'implicitDeny' &&
      ours.policyTypes.resource?.principalMatch === 'direct' &&
      !ours.request.crossAccount,
  },
  {
    id: 'federated-user-needs-a-session-policy',
    peerBehaviour: 'Lets a federated user session without a session policy use the identity-based policies of the IAM user who federated.',
    userGuide: {
      page: 'reference_policies_evaluation-logic.md',
      sentence: 'If there is no session policy, the code checks whether the principal is a role session. If the principal is a role session, then the request is Allowed. Otherwise, the request is implicitly denied.',
    },
    // To us, no session policy and one that allows nothing deny the same requests.
    neutralize: (c) => (c.principal.kind === 'federatedUser' && !c.session ? { ...c, session: GRANTS_NOTHING } : undefined),
  },
  {
    id: 'role-trust-policy-must-grant',
    peerBehaviour: 'Allows sts:AssumeRole within an account on an identity-based Allow alone when no trust policy is given.',
    userGuide: {
      page: 'reference_policies_evaluation-logic.md',
      sentence: 'IAM role trust policies and KMS key policies are exceptions to this logic, because they must explicitly allow access for principals.',
    },
    // To us, no trust policy and one that trusts only an unrelated account deny the same requests.
    neutralize: (c) => (c.action === 'sts:AssumeRole' && !c.resourcePolicy ? { ...c, resourcePolicy: TRUSTS_ANOTHER_ACCOUNT } : undefined),
  },
  {
    id: 'resource-wildcard-crosses-slash-before-first-delimiter',
    peerBehaviour:
      'Splits the resource part of a policy ARN at its first "/" or ":" and compares what precedes literally, so "arn:aws:iam::123456789012:*/alice" matches no user.',
    userGuide: {
      page: 'reference_policies_elements_resource.md',
      sentence:
        'The asterisk (*) character can expand to replace everything within a segment, including characters like a forward slash (/) that may otherwise appear to be a delimiter within a given service namespace.',
    },
    explains: (c, ours) =>
      ours.matchedStatements.some((ref) => ref.deciding && stringsOf(statementOf(c, ref)?.Resource).some(wildcardBeforeFirstDelimiter)) ||
      ours.unmatchedStatements.some((ref) => ref.reason.element === 'resource' && stringsOf(statementOf(c, ref)?.NotResource).some(wildcardBeforeFirstDelimiter)),
  },

  // --- features, neutralized ----------------------------------------------------------------
  {
    id: 'ifexists-with-set-operator',
    peerBehaviour: 'ForAllValues:...IfExists and ForAnyValue:...IfExists ignore IfExists: a missing key makes ForAnyValue false.',
    userGuide: { page: 'reference_policies_elements_condition_operators.md', sentence: 'If the key is not present, evaluate the condition element as true.' },
    neutralize: (c) =>
      rewriteStatements(c, (statement) =>
        dropConditionEntries(statement, ({ operator, key }) => /^For(All|Any)Values?:/.test(operator) && operator.endsWith('IfExists') && contextValue(c, key) === undefined),
      ),
  },
  {
    id: 'epoch-dates-are-seconds',
    peerBehaviour: 'Reads an epoch date as seconds but an ISO 8601 date as milliseconds, so the two formats never compare correctly.',
    userGuide: {
      page: 'reference_policies_elements_condition_operators.md',
      sentence: 'You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time.',
    },
    // Write each policy date in the format of the request's value: the same instant.
    neutralize: (c) =>
      rewriteStatements(c, (statement) =>
        rewriteConditionValues(statement, (values, { base, key }) => {
          const request = contextValue(c, key);
          if (!base.startsWith('Date') || typeof request !== 'string') return undefined;
          const next = values.map((value) => (isEpoch(request) ? (isEpoch(value) ? value : String(parseDate(value)! / 1000)) : isEpoch(value) ? toIsoSeconds(Number(value)) : value));
          return next.some((value, index) => value !== values[index]) ? next : undefined;
        }),
      ),
  },
  {
    id: 'variables-need-version-2012-10-17',
    peerBehaviour: 'Substitutes policy variables whatever the policy Version (2008-10-17, or none).',
    userGuide: {
      page: 'reference_policies_variables.md',
      sentence: "If you don't include the Version element and set it to an appropriate version date, variables like ${aws:username} are treated as literal strings in the policy.",
    },
    // "${x}" and "#{x}" are both literal text there, and no request carries either.
    neutralize: (c) => rewriteStatements(c, (statement, doc) => (doc.Version !== VARIABLES_VERSION && JSON.stringify(statement).includes('${') ? JSON.parse(JSON.stringify(statement).replaceAll('${', '#{')) : undefined)),
  },
  {
    id: 'null-variables-match-nothing',
    peerBehaviour:
      'A condition value whose variable has no value (and no default) makes negated operators false too, and a NotResource value with such a variable keeps the statement from applying anywhere.',
    userGuide: {
      page: 'reference_policies_variables.md',
      sentence:
        'Inverted condition operators like StringNotEquals or StringNotLike do match against a null value ... the resource that includes a policy variable with no value will not match any resource.',
    },
    // A value no request carries is what a null value is to every operator and to Resource/NotResource.
    neutralize: (c) =>
      rewriteStatements(c, (statement, doc) => {
        if (doc.Version !== VARIABLES_VERSION) return undefined;
        const unresolved = (value: string) => (value.includes('${') && resolveVariables(c, value) === undefined ? MATCHES_NOTHING : value);
        const conditions = rewriteConditionValues(statement, (values, { base }) => (/^(String|Arn)/.test(base) ? changedValues(values, unresolved) : undefined));
        const resources = rewriteResources(conditions ?? statement, (value) => (unresolved(value) !== value ? MATCHES_NOTHING : undefined));
        return resources ?? conditions;
      }),
  },
  {
    id: 'arn-operators-with-values-that-are-not-arns',
    peerBehaviour: 'An ARN operator value that is not an ARN once its variables are substituted makes ArnNotLike and ArnNotEquals false instead of true.',
    userGuide: { page: 'reference_policies_elements_condition_operators.md', sentence: 'ArnNotEquals, ArnNotLike: Negated matching for ARN.' },
    neutralize: (c) =>
      rewriteStatements(c, (statement, doc) =>
        rewriteConditionValues(statement, (values, { base }) => {
          if (!base.startsWith('Arn')) return undefined;
          return changedValues(values, (value) => {
            const resolved = doc.Version === VARIABLES_VERSION ? resolveVariables(c, value) : value;
            return resolved !== undefined && !resolved.startsWith('arn:') && !/[*?]/.test(resolved) ? MATCHES_NOTHING : value;
          });
        }),
      ),
  },
  {
    id: 'ipv4-prefix-zero',
    peerBehaviour: 'Treats the IPv4 block 0.0.0.0/0 as the single address 0.0.0.0 (a 32-bit shift by 32 is no shift in JavaScript).',
    userGuide: { page: 'reference_policies_elements_condition_operators.md', sentence: 'The value must be in the standard CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64).' },
    neutralize: (c) =>
      rewriteStatements(c, (statement) =>
        rewriteConditionValues(statement, (values, { base }) =>
          /IpAddress$/.test(base) && values.includes('0.0.0.0/0') ? values.flatMap((value) => (value === '0.0.0.0/0' ? ['0.0.0.0/1', '128.0.0.0/1'] : [value])) : undefined,
        ),
      ),
  },
  {
    id: 'not-ip-address-other-family',
    peerBehaviour: 'NotIpAddress with a bare IPv4 address is false for an IPv6 request address (and the reverse).',
    userGuide: {
      page: 'reference_policies_elements_condition_operators.md',
      sentence: 'If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32.',
    },
    neutralize: (c) =>
      rewriteStatements(c, (statement) =>
        rewriteConditionValues(statement, (values, { base }) => (/IpAddress$/.test(base) ? changedValues(values, (value) => (value.includes('/') ? value : `${value}/${value.includes(':') ? 128 : 32}`)) : undefined)),
      ),
  },
  {
    id: 'null-operator-empty-value',
    peerBehaviour: 'The Null operator counts a key given with an empty list as present (not null).',
    userGuide: {
      page: 'reference_policies_elements_condition.md',
      sentence: 'Null – For condition keys that are defined by the user, such as passing tags in a request, it is possible to include an empty string. In this case, the value in the request context is null.',
    },
    // Point the Null test at a key that is absent: null to both simulators.
    neutralize: (c) =>
      rewriteStatements(c, (statement) => {
        const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
        const block = condition?.Null;
        if (!block) return undefined;
        let changed = false;
        for (const key of Object.keys(block)) {
          const value = contextValue(c, key);
          if (value === '' || (Array.isArray(value) && value.length === 0)) {
            block[`aws:PrincipalTag/absent-${key.replace(/\W/g, '')}`] = block[key];
            delete block[key];
            changed = true;
          }
        }
        return changed ? statement : undefined;
      }),
  },
];

function changedValues(values: string[], map: (value: string) => string): string[] | undefined {
  const next = values.map(map);
  return next.some((value, index) => value !== values[index]) ? next : undefined;
}

function rewriteResources(statement: Json, map: (value: string) => string | undefined): Json | undefined {
  let changed = false;
  for (const element of ['Resource', 'NotResource']) {
    if (statement[element] === undefined) continue;
    const values = stringsOf(statement[element]).map((value) => {
      const next = map(value);
      if (next !== undefined && next !== value) changed = true;
      return next ?? value;
    });
    statement[element] = values;
  }
  return changed ? statement : undefined;
}

function stringsOf(value: unknown): string[] {
  return [value ?? []].flat().map(String);
}

/** `arn:...:*\/alice`: a wildcard before the first "/" or ":" of the resource part (not for S3 bucket ARNs). */
function wildcardBeforeFirstDelimiter(pattern: string): boolean {
  const parts = pattern.split(':');
  if (parts.length < 6 || (parts[2] === 's3' && parts[3] === '' && parts[4] === '')) return false;
  const resource = parts.slice(5).join(':');
  const delimiter = resource.search(/[/:]/);
  return delimiter >= 0 && /[*?]/.test(resource.slice(0, delimiter));
}

/** The statement a trace entry refers to, found in the case by policy id and index. */
function statementOf(c: Case, ref: MatchedStatement): Json | undefined {
  const docs: Record<string, Doc | undefined> = { resource: c.resourcePolicy, boundary: c.boundary, session: c.session, endpoint: c.endpoint };
  c.identity.forEach((doc, index) => (docs[`identity${index}`] = doc));
  c.scp?.forEach((level, l) => level.forEach((doc, index) => (docs[`scp${l}-${index}`] = doc)));
  c.rcp?.forEach((level, l) => level.forEach((doc, index) => (docs[`rcp${l}-${index}`] = doc)));
  return docs[ref.policyId]?.Statement[ref.statementIndex];
}
