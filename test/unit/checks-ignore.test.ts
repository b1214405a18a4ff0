import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { globMatches, ignoreActions, readIgnoreRules } from '../../server/src/analysis/ignore';
import { runCli } from '../../server/src/cli/main';
import { parsePolicy } from '../../server/src/policy/parse';
import { analysisOptionsFor, isIgnoredDocument, readSettings } from '../../server/src/settings';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const URI = 'file:///work/project/policies/app.identity.json';
/** Two statements with the same Sid twice and an empty Sid: three findings to ignore selectively. */
const TEXT = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
    {"Sid": "", "Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "*"}
  ]
}`;

/** The Sid and statement findings (others, such as security findings on s3:GetObject on "*", are beside the point here). */
const OBSERVED = new Set(['UNIQUE_SIDS_REQUIRED', 'EMPTY_SID_VALUE', 'REDUNDANT_STATEMENT']);

const { analyze } = policyChecks({ path: URI });

function codes(settings: unknown, uri = URI, text = TEXT): string[] {
  return analyze(text, uri, analysisOptionsFor(readSettings(settings), uri))
    .findings.filter((finding) => OBSERVED.has(finding.code))
    .map((finding) => `${finding.code}@${finding.range.start.line}`);
}

describe('ignoring findings and files (iamPolicyStudio.ignoreFindings, iamPolicyStudio.ignorePaths)', () => {
  before(async () => {
    await loadedCatalog(['s3']);
  });

  it('without rules, every finding is reported', () => {
    assert.deepEqual(codes({}), ['UNIQUE_SIDS_REQUIRED@4', 'UNIQUE_SIDS_REQUIRED@5', 'EMPTY_SID_VALUE@6']);
  });

  it('a rule names a code, and optionally a file glob, a Sid and a value', () => {
    assert.deepEqual(codes({ ignoreFindings: [{ code: 'UNIQUE_SIDS_REQUIRED' }] }), ['EMPTY_SID_VALUE@6']);
    assert.deepEqual(codes({ ignoreFindings: [{ code: 'UNIQUE_SIDS_REQUIRED', path: 'policies/*.json' }] }), ['EMPTY_SID_VALUE@6']);
    assert.deepEqual(codes({ ignoreFindings: [{ code: 'UNIQUE_SIDS_REQUIRED', path: 'other/*.json' }] }), ['UNIQUE_SIDS_REQUIRED@4', 'UNIQUE_SIDS_REQUIRED@5', 'EMPTY_SID_VALUE@6']);
    assert.deepEqual(codes({ ignoreFindings: [{ code: 'UNIQUE_SIDS_REQUIRED', sid: 'Write' }] }), ['UNIQUE_SIDS_REQUIRED@4', 'UNIQUE_SIDS_REQUIRED@5', 'EMPTY_SID_VALUE@6']);
    assert.deepEqual(codes({ ignoreFindings: [{ code: 'UNIQUE_SIDS_REQUIRED', sid: 'Read', value: 'Nope' }] }), ['UNIQUE_SIDS_REQUIRED@4', 'UNIQUE_SIDS_REQUIRED@5', 'EMPTY_SID_VALUE@6']);
    assert.deepEqual(codes({ ignoreFindings: [{ code: 'UNIQUE_SIDS_REQUIRED', sid: 'Read', value: 'Read' }] }), ['EMPTY_SID_VALUE@6']);
  });

  it('a rule survives edits above it: it names no line or position', () => {
    const rules = { ignoreFindings: [{ code: 'EMPTY_SID_VALUE', path: 'policies/app.identity.json' }] };
    const edited = TEXT.replace('"Statement": [\n', '"Statement": [\n    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},\n');
    assert.deepEqual(codes(rules, URI, edited), ['UNIQUE_SIDS_REQUIRED@5', 'UNIQUE_SIDS_REQUIRED@6']);
  });

  it('wrongly typed rules and globs are dropped, not fatal', () => {
    assert.deepEqual(readIgnoreRules([{ code: 'A' }, { code: 1 }, 'x', null, { code: 'B', sid: 3 }, { code: 'C', path: 'a/*.json', value: 'v' }]), [
      { code: 'A', path: undefined, sid: undefined, value: undefined },
      { code: 'C', path: 'a/*.json', sid: undefined, value: 'v' },
    ]);
    assert.deepEqual(readSettings({ ignorePaths: ['vendor/**', 3, ''] }).ignorePaths, ['vendor/**']);
  });

  it('globs: relative ones match at any depth, absolute ones as written, URIs and Windows paths alike', () => {
    assert.ok(globMatches('policies/*.json', URI));
    assert.ok(globMatches('**/app.identity.json', URI));
    assert.ok(globMatches('/work/project/policies/app.identity.json', URI));
    assert.ok(!globMatches('/project/policies/app.identity.json', URI));
    assert.ok(globMatches('policies/*.json', 'C:\\work\\policies\\a.json'));
    assert.ok(globMatches('my policies/a.json', 'file:///w/my%20policies/a.json'));
    assert.ok(isIgnoredDocument(readSettings({ ignorePaths: ['policies/**'] }), URI));
    assert.ok(!isIgnoredDocument(readSettings({ ignorePaths: ['vendor/**'] }), URI));
  });

  it('code actions: "here" names the Sid and the value, "in this file" the path relative to the workspace folder', () => {
    const ast = parsePolicy(TEXT);
    const range = { start: { line: 4, character: 12 }, end: { line: 4, character: 18 } };
    const actions = ignoreActions(ast, URI, 'UNIQUE_SIDS_REQUIRED', range, ['file:///work/project']);
    assert.deepEqual(
      actions.map((action) => [action.title, action.args]),
      [
        ['Ignore UNIQUE_SIDS_REQUIRED here (statement "Read", "Read")', { setting: 'ignoreFindings', entry: { code: 'UNIQUE_SIDS_REQUIRED', path: 'policies/app.identity.json', sid: 'Read', value: 'Read' } }],
        ['Ignore UNIQUE_SIDS_REQUIRED in this file', { setting: 'ignoreFindings', entry: { code: 'UNIQUE_SIDS_REQUIRED', path: 'policies/app.identity.json' } }],
      ],
    );
    // The stored rule ignores the findings with that code, Sid and value: here both repeats of "Read", not the empty Sid.
    assert.deepEqual(codes({ ignoreFindings: [actions[0].args.entry] }), ['EMPTY_SID_VALUE@6']);
  });

  it('code actions: only "in this file" when nothing stable names the place; an absolute, escaped path outside the workspace', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
    const brace = { start: { line: 0, character: 103 }, end: { line: 0, character: 104 } };
    const actions = ignoreActions(parsePolicy(text), 'file:///tmp/a%5B1%5D.json', 'REDUNDANT_STATEMENT', brace, ['file:///work/project']);
    assert.deepEqual(actions.map((action) => action.args.entry), [{ code: 'REDUNDANT_STATEMENT', path: '/tmp/a\\[1\\].json' }]);
    assert.deepEqual(codes({ ignoreFindings: [actions[0].args.entry] }, 'file:///tmp/a%5B1%5D.json', text), []);
  });

  it('the CLI honours ignorePaths and ignoreFindings from .vscode/settings.json', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'iam-ignore-'));
    const write = (name: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    };
    write('policies/app.identity.json', TEXT);
    write('vendor/third.identity.json', TEXT);
    write(
      '.vscode/settings.json',
      JSON.stringify({
        'iamPolicyStudio.ignorePaths': ['vendor/**'],
        'iamPolicyStudio.ignoreFindings': [{ code: 'UNIQUE_SIDS_REQUIRED', path: 'policies/app.identity.json', sid: 'Read' }],
      }),
    );
    let out = '';
    const code = await runCli(['check', '--format', 'json', '.'], { out: (text) => (out += text), err: () => undefined, cwd: root });
    const report = JSON.parse(out) as { files: Array<{ path: string; findings: Array<{ code: string; severity: string }> }> };
    assert.deepEqual(
      report.files.map((file) => [file.path.split(path.sep).join('/'), file.findings.map((finding) => finding.code).filter((found) => OBSERVED.has(found))]),
      [['policies/app.identity.json', ['EMPTY_SID_VALUE']]],
    );
    const errors = report.files.flatMap((file) => file.findings).filter((finding) => finding.severity === 'error');
    assert.equal(code, errors.length > 0 ? 1 : 0, 'the ignored error no longer decides the exit code');
  });
});
