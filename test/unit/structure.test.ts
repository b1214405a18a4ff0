import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';
import { allChecks } from '../../server/src/analysis/registry';
import { structureChecks } from '../../server/src/analysis/structure';
import { applyFix } from '../support/applyFix';

// Only this family's findings: the other families (security, conditions...) have their own tests.
const { analyze, assertFinding } = policyChecks({ path: 'policy.iam.json', family: structureChecks, minMessageLength: 20 });

const VALID = `{
  "Version": "2012-10-17",
  "Statement": [{ "Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }]
}`;

describe('structural checks (access-analyzer-reference-policy-checks.md)', () => {
  before(async () => {
    await loadedCatalog(['s3', 'iam', 'sts', 'ec2']);
  });

  it('a valid identity policy has no findings', () => {
    assert.deepEqual(analyze(VALID).codes, []);
  });

  it('JSON_SYNTAX_ERROR at the broken token', () => {
    assertFinding('{"Version": "2012-10-17" «"Statement"»: [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}', 'JSON_SYNTAX_ERROR');
  });

  it('JSON_SYNTAX_ERROR once per trailing comma, and the rest of the document still read', () => {
    const { findings } = analyze('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"«,»], "Resource": "*", "Sid": "a,}"«,»}]}');
    assert.deepEqual(findings.map((finding) => finding.code), ['JSON_SYNTAX_ERROR', 'JSON_SYNTAX_ERROR']);
    assertFinding('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"«,»], "Resource": "*", "Sid": "a,}"«,»}]}', 'JSON_SYNTAX_ERROR');
  });

  it('MISSING_VERSION at the opening brace; near miss: Version present', () => {
    assertFinding('«{»"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}', 'MISSING_VERSION');
    const text = '{\n  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]\n}';
    const [missing] = analyze(text).findings;
    assert.equal(applyFix(text, missing.fixes![0]), '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]\n}');
    assert.ok(!analyze(VALID).codes.includes('MISSING_VERSION'));
  });

  it('INVALID_VERSION at the value with a fix; near miss: 2008-10-17 is valid (reference_policies_elements_version.md)', () => {
    assertFinding('{"Version": «"2012-10-18"», "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}', 'INVALID_VERSION');
    const { findings } = analyze('{"Version": "2012-10-18", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}');
    assert.equal(findings[0].fixes?.[0].edits[0].newText, '"2012-10-17"');
    assert.deepEqual(analyze('{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}').codes, []);
  });

  it('MISSING_STATEMENT when absent or empty; near miss: a single statement object', () => {
    assertFinding('«{»"Version": "2012-10-17"}', 'MISSING_STATEMENT');
    assertFinding('{"Version": "2012-10-17", «"Statement"»: []}', 'MISSING_STATEMENT');
    assert.deepEqual(analyze('{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}').codes, []);
  });

  it('MISSING_EFFECT and INVALID_EFFECT, with a case fix (reference_policies_elements_effect.md)', () => {
    assertFinding('{"Version": "2012-10-17", "Statement": [«{»"Action": "s3:*", "Resource": "*"}]}', 'MISSING_EFFECT');
    assertFinding('{"Version": "2012-10-17", "Statement": [{"Effect": «"allow"», "Action": "s3:*", "Resource": "*"}]}', 'INVALID_EFFECT');
    assertFinding('{"Version": "2012-10-17", "Statement": [{"Effect": «"Permit"», "Action": "s3:*", "Resource": "*"}]}', 'INVALID_EFFECT');
    const { findings } = analyze('{"Version": "2012-10-17", "Statement": [{"Effect": "DENY", "Action": "s3:*", "Resource": "*"}]}');
    assert.equal(findings[0].fixes?.[0].edits[0].newText, '"Deny"');
    assert.deepEqual(analyze('{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}').codes, []);
  });

  it('MISSING_ACTION; near miss: NotAction alone is enough', () => {
    assertFinding('{"Version": "2012-10-17", "Statement": [«{»"Effect": "Allow", "Resource": "*"}]}', 'MISSING_ACTION');
    assert.deepEqual(analyze('{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}]}').codes, []);
  });

  it('MISSING_RESOURCE; near miss: a trust policy names no resource', () => {
    assertFinding('{"Version": "2012-10-17", "Statement": [«{»"Effect": "Allow", "Action": "s3:*"}]}', 'MISSING_RESOURCE');
    const trust = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}';
    assert.deepEqual(analyze(trust, 'role.trust.json').codes, []);
    assert.deepEqual(analyze(trust, 'role.json').codes, [], 'detected as a trust policy from its content');
  });

  it('MISSING_PRINCIPAL in a resource policy; near miss: the same statement in an identity policy', () => {
    assertFinding('{"Version": "2012-10-17", "Statement": [«{»"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}', 'MISSING_PRINCIPAL', 'b.bucket-policy.json');
    assert.ok(!analyze('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}').codes.includes('MISSING_PRINCIPAL'));
  });

  it('UNSUPPORTED_PRINCIPAL in a boundary; near miss: a bucket policy, and an SCP (SCP_SYNTAX_ERROR_PRINCIPAL instead)', () => {
    const source = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", «"Principal"»: "*", "Action": "s3:*", "Resource": "*"}]}';
    assert.ok(!analyze(source, 'guard.scp.json').codes.includes('UNSUPPORTED_PRINCIPAL'));
    assertFinding(source, 'UNSUPPORTED_PRINCIPAL', 'dev.boundary.json');
    assert.ok(!analyze(source, 'b.bucket-policy.json').codes.includes('UNSUPPORTED_PRINCIPAL'));
  });

  it('INVALID_POLICY_ELEMENT for unknown and wrongly cased elements, with a fix for the case', () => {
    assertFinding('{"Version": "2012-10-17", «"Statements"»: [], "Statement": [{"Effect": "Allow", «"Actions"»: "s3:*", "Action": "s3:*", "Resource": "*"}]}', 'INVALID_POLICY_ELEMENT');
    const { findings } = analyze('{"Version": "2012-10-17", "Statement": [{"effect": "Allow", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}');
    const element = findings.find((finding) => finding.code === 'INVALID_POLICY_ELEMENT');
    assert.equal(element?.fixes?.[0].edits[0].newText, '"Effect"');
    const misspelled = analyze('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Actions": "s3:*", "Resource": "*"}]}').findings;
    assert.equal(misspelled.find((finding) => finding.code === 'INVALID_POLICY_ELEMENT')?.fixes?.[0].edits[0].newText, '"Action"', 'nearest element by edit distance');
    const unrelated = analyze('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Comment": "x"}]}').findings;
    assert.equal(unrelated.find((finding) => finding.code === 'INVALID_POLICY_ELEMENT')?.fixes, undefined, 'no guess for an unrelated word');
  });

  it('UNSUPPORTED_ELEMENT_COMBINATION at the second element (reference_policies_elements_notaction.md)', () => {
    assertFinding(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", «"NotAction"»: "iam:*", "Resource": "*", «"NotResource"»: "x"}]}',
      'UNSUPPORTED_ELEMENT_COMBINATION',
    );
    assertFinding(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", «"NotPrincipal"»: {"AWS": "1"}, "Action": "s3:*", "Resource": "*"}]}',
      'UNSUPPORTED_ELEMENT_COMBINATION',
      'b.bucket-policy.json',
    );
  });

  it('DUPLICATE_KEY and DUPLICATE_KEYS_WITH_DIFFERENT_CASE at the later key', () => {
    assertFinding('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", «"Effect"»: "Deny", "Action": "s3:*", "Resource": "*"}]}', 'DUPLICATE_KEY');
    assertFinding(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "a", «"AWS:username"»: "b"}}}]}',
      'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    );
  });

  it('INVALID_ELEMENT_TYPE at the wrongly typed value', () => {
    assertFinding(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", «42»], "Resource": «{"a": 1}», "Condition": «"x"»}]}',
      'INVALID_ELEMENT_TYPE',
    );
  });

  it('every declared check is documented and every code is UPPER_SNAKE_CASE', () => {
    for (const check of allChecks()) {
      assert.match(check.code, /^[A-Z][A-Z0-9_]+$/);
      assert.match(check.docs, /^https:\/\/docs\.aws\.amazon\.com\//);
      if (check.accessAnalyzerTitle) {
        assert.equal(check.accessAnalyzerTitle.toUpperCase().replace(/[^A-Z0-9]+/g, '_'), check.code);
      }
    }
  });
});
