import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const TRUST = 'role.trust.json';

const { analyze, assertFinding, assertNoFinding, applyFirstFix } = policyChecks({ path: TRUST });

const policy = (...statements: string[]) => `{"Version": "2012-10-17", "Statement": [${statements.join(', ')}]}`;
const trust = (principal: string, action: string, extra = '') => policy(`{"Effect": "Allow", "Principal": ${principal}, "Action": ${action}${extra}}`);
const condition = (operators: string) => `, "Condition": ${operators}`;

const GITHUB = '"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"';
const EKS = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const SAML = '"arn:aws:iam::123456789012:saml-provider/Okta"';

describe('role trust policy checks (access-analyzer-reference-policy-checks.md, id_roles_create_for-idp_oidc.md)', () => {
  before(async () => {
    await loadedCatalog(['sts', 's3']);
  });

  it('a plain service trust policy has no findings', () => {
    assert.deepEqual(analyze(trust('{"Service": "ec2.amazonaws.com"}', '"sts:AssumeRole"')).findings, []);
  });

  it('ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL at NotPrincipal; near miss: Principal', () => {
    assertFinding(policy('{"Effect": "Allow", «"NotPrincipal"»: {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}'), 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL');
    assertNoFinding(trust('{"AWS": "123456789012"}', '"sts:AssumeRole"'), 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL');
  });

  it('ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL for "Principal": "*", with a fix when a Condition limits it; near miss: {"AWS": "*"}', () => {
    const orgOnly = condition('{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}');
    assertFinding(trust('«"*"»', '"sts:AssumeRole"'), 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL');
    assert.equal(analyze(trust('"*"', '"sts:AssumeRole"')).findings.find((finding) => finding.code === 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL')?.fixes, undefined);
    assert.equal(applyFirstFix(trust('"*"', '"sts:AssumeRole"', orgOnly), 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL'), trust('{ "AWS": "*" }', '"sts:AssumeRole"', orgOnly));
    assertNoFinding(trust('{"AWS": "*"}', '"sts:AssumeRole"', orgOnly), 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL');
  });

  it('ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE at Resource and NotResource, with a fix that removes it', () => {
    assertFinding(trust('{"AWS": "123456789012"}', '"sts:AssumeRole"', ', «"Resource"»: "*"'), 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE');
    assertFinding(trust('{"AWS": "123456789012"}', '"sts:AssumeRole"', ', «"NotResource"»: "arn:aws:s3:::b"'), 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE');
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"AWS": "123456789012"},\n      "Action": "sts:AssumeRole",\n      "Resource": "*"\n    }\n  ]\n}';
    assert.equal(applyFirstFix(text, 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE'), text.replace(',\n      "Resource": "*"', ''));
    assertNoFinding(trust('{"AWS": "123456789012"}', '"sts:AssumeRole"'), 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE');
  });

  it('INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY; near miss: SAML and OIDC provider ARNs and domain names', () => {
    assertFinding(
      trust('{"Federated": [«"my-idp"», «"arn:aws:iam::123456789012:user/okta"»]}', '"sts:AssumeRoleWithSAML"'),
      'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
    );
    for (const federated of [SAML, `"${EKS}"`, '"cognito-identity.amazonaws.com"', '"accounts.google.com"']) {
      assertNoFinding(trust(`{"Federated": ${federated}}`, '"sts:AssumeRoleWithWebIdentity"'), 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY');
    }
  });

  it('MISMATCHED_ACTION_FOR_PRINCIPAL at the action; near miss: matching actions, TagSession, mixed principals', () => {
    assertFinding(trust(`{"Federated": ${SAML}}`, '[«"sts:AssumeRoleWithWebIdentity"», "sts:TagSession"]'), 'MISMATCHED_ACTION_FOR_PRINCIPAL');
    assertFinding(trust('{"AWS": "arn:aws:iam::123456789012:root"}', '«"sts:AssumeRoleWithSAML"»'), 'MISMATCHED_ACTION_FOR_PRINCIPAL');
    assertFinding(trust('{"Federated": "accounts.google.com"}', '«"sts:AssumeRole"»', condition('{"StringEquals": {"accounts.google.com:aud": "app"}}')), 'MISMATCHED_ACTION_FOR_PRINCIPAL');
    assertNoFinding(trust(`{"Federated": ${SAML}}`, '["sts:AssumeRoleWithSAML", "sts:TagSession"]'), 'MISMATCHED_ACTION_FOR_PRINCIPAL');
    assertNoFinding(trust(`{"AWS": "123456789012", "Federated": ${SAML}}`, '["sts:AssumeRole", "sts:AssumeRoleWithSAML"]'), 'MISMATCHED_ACTION_FOR_PRINCIPAL');
  });

  it('MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY with a fix adding the missing actions; near miss: all three, or sts:*', () => {
    const anywhere = '{"Service": «"rolesanywhere.amazonaws.com"»}';
    assertFinding(trust(anywhere, '["sts:AssumeRole", "sts:TagSession"]'), 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY');
    const plain = anywhere.replace(/[«»]/g, '');
    assert.equal(applyFirstFix(trust(plain, '["sts:AssumeRole", "sts:TagSession"]'), 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY'), trust(plain, '["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]'));
    assertNoFinding(trust(plain, '["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]'), 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY');
    assertNoFinding(trust(plain, '"sts:*"'), 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY');
  });

  it('MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL at the provider; near miss: a condition on its claims', () => {
    assertFinding(trust(`{"Federated": «"${EKS}"»}`, '"sts:AssumeRoleWithWebIdentity"'), 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL');
    const sub = condition(`{"StringEquals": {"${EKS.split('oidc-provider/')[1]}:sub": "system:serviceaccount:default:app"}}`);
    assertNoFinding(trust(`{"Federated": "${EKS}"}`, '"sts:AssumeRoleWithWebIdentity"', sub), 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL');
    assertNoFinding(trust(`{"Federated": ${SAML}}`, '"sts:AssumeRoleWithSAML"'), 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL');
  });

  it('OIDC_PRINCIPAL_WITHOUT_SUB_OR_AUD_CONDITION when only other claims, or negated ones, are tested; near miss: aud required', () => {
    const cognito = '{"Federated": «"cognito-identity.amazonaws.com"»}';
    assertFinding(trust(cognito, '"sts:AssumeRoleWithWebIdentity"', condition('{"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}')), 'OIDC_PRINCIPAL_WITHOUT_SUB_OR_AUD_CONDITION');
    assertFinding(trust(cognito, '"sts:AssumeRoleWithWebIdentity"', condition('{"StringNotEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:bad"}}')), 'OIDC_PRINCIPAL_WITHOUT_SUB_OR_AUD_CONDITION');
    const required = condition('{"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}');
    assertNoFinding(trust(cognito.replace(/[«»]/g, ''), '"sts:AssumeRoleWithWebIdentity"', required), 'OIDC_PRINCIPAL_WITHOUT_SUB_OR_AUD_CONDITION');
  });

  it('MISSING_GITHUB_REPO_CONDITION_KEY without a sub condition; near miss: sub pinned to a repository', () => {
    const github = `{"Federated": «${GITHUB}»}`;
    assertFinding(trust(github, '"sts:AssumeRoleWithWebIdentity"', condition('{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}')), 'MISSING_GITHUB_REPO_CONDITION_KEY');
    assertFinding(trust(github, '"sts:AssumeRoleWithWebIdentity"'), 'MISSING_GITHUB_REPO_CONDITION_KEY');
    const pinned = condition('{"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"}}');
    const result = analyze(trust(`{"Federated": ${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', pinned)).findings;
    assert.deepEqual(result.map((finding) => finding.code), [], 'the recommended GitHub trust policy is clean');
  });

  it('GITHUB_OIDC_WITHOUT_REPOSITORY_CONDITION when sub does not pin an owner, or is only negated; near miss: an owner-wide pattern', () => {
    assertFinding(trust(`{"Federated": ${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', condition('{"StringLike": {"token.actions.githubusercontent.com:sub": [«"repo:*"», "repo:octo-org/*"]}}')), 'GITHUB_OIDC_WITHOUT_REPOSITORY_CONDITION');
    assertFinding(trust(`{"Federated": «${GITHUB}»}`, '"sts:AssumeRoleWithWebIdentity"', condition('{"StringNotLike": {"token.actions.githubusercontent.com:sub": "repo:evil/*"}}')), 'GITHUB_OIDC_WITHOUT_REPOSITORY_CONDITION');
    assertNoFinding(trust(`{"Federated": ${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', condition('{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/*"}}')), 'GITHUB_OIDC_WITHOUT_REPOSITORY_CONDITION');
  });

  it('SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED for a wildcard in sub; near miss: repository and branch named', () => {
    assertFinding(trust(`{"Federated": ${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', condition('{"StringLike": {"token.actions.githubusercontent.com:sub": «"repo:octo-org/octo-repo:*"»}}')), 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED');
    assertNoFinding(trust(`{"Federated": ${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', condition('{"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:environment:prod"}}')), 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED');
  });

  it('REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY at the session of a listed role, with a fix; near miss: another role\'s session', () => {
    const principals = (session: string) => `{"AWS": ["arn:aws:iam::123456789012:role/path/Deployer", ${session}]}`;
    assertFinding(trust(principals('«"arn:aws:sts::123456789012:assumed-role/Deployer/ci"»'), '"sts:AssumeRole"'), 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY');
    assert.equal(
      applyFirstFix(trust(principals('"arn:aws:sts::123456789012:assumed-role/Deployer/ci"'), '"sts:AssumeRole"'), 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY'),
      trust('{"AWS": ["arn:aws:iam::123456789012:role/path/Deployer"]}', '"sts:AssumeRole"'),
    );
    assertNoFinding(trust(principals('"arn:aws:sts::123456789012:assumed-role/Other/ci"'), '"sts:AssumeRole"'), 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY');
    assertNoFinding(trust(principals('"arn:aws:sts::999999999999:assumed-role/Deployer/ci"'), '"sts:AssumeRole"'), 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY');
  });
});
