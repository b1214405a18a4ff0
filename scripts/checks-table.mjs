// `npm run checks-table`: writes docs/checks.md from the check registry (compiled, so run
// `tsc -b` first) and the Access Analyzer reference page: every Access Analyzer check with our
// code, severity, policy kinds and whether we implement it (and why not, when we do not), then
// the checks of our own. test/unit/checks-table.test.ts fails when the file is out of date.
//   node scripts/checks-table.mjs [--stdout] [--registry FILE] [--reference FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = 'access-analyzer-reference-policy-checks';
const PAGE_URL = `https://docs.aws.amazon.com/IAM/latest/UserGuide/${PAGE}.html`;

/** The category of a heading decides the severity (docs: briefs of issue 4; finding.ts). */
const SEVERITY_OF_CATEGORY = {
  Error: 'error',
  'Security Warning': 'security-warning',
  'General Warning': 'warning',
  Suggestion: 'suggestion',
};

/**
 * Why an Access Analyzer check is not implemented, when there is a reason beyond "not yet".
 * SCP syntax: AWS Organizations supports the full IAM policy language in SCPs since 2025-09-19
 * (AWS Security Blog, "Unlock new possibilities: AWS Organizations service control policy now
 * supports full IAM language"), so these former limits no longer hold.
 */
const SCP_LIFTED = 'AWS lifted this SCP limit on 2025-09-19 (SCPs support the full IAM policy language); reporting it would flag valid SCPs.';
const NOT_IMPLEMENTED_REASONS = {
  'SCP syntax error action wildcard': SCP_LIFTED,
  'SCP syntax error allow condition': SCP_LIFTED,
  'SCP syntax error allow NotAction': SCP_LIFTED,
  'SCP syntax error allow resource': SCP_LIFTED,
  'SCP syntax error NotResource': SCP_LIFTED,
};

/** Where our quota numbers and AWS's pages part ways; kept next to the table that cites them. */
const QUOTA_NOTES = `## Policy size quotas: how we count, and where the sources disagree

Sizes are counted as IAM counts them: every character except white space between JSON tokens
(white space inside a string is part of a value). Limits: managed policy 6,144; user inline
2,048; role inline 10,240; group inline 5,120 (setting \`iamPolicyStudio.identityPolicyQuota\`,
default \`managed\`; a permissions boundary is always a managed policy); role trust policy 2,048
(setting \`iamPolicyStudio.trustPolicyQuota\`, up to 4,096); SCP and RCP 5,120; resource
policies by service: S3 20 KB, SQS 8,192, SNS 30 KB, DynamoDB 20 KB, KMS 32 KB, Lambda 20 KB,
Secrets Manager 20,480.

- \`reference_iam-quotas.md\` as stored here gives the trust policy length (2,048 default, 4,096
  maximum, adjustable) but elides the inline and managed numbers ("See the AWS documentation
  website"); the 6,144 managed limit is confirmed only by the Access Analyzer page. The inline
  limits are for the sum of all inline policies of one user, group or role, so a single file
  under the limit can still be too much together with the entity's other inline policies.
- The Access Analyzer message for the identity quota speaks of one "character maximum for inline
  and managed policies", but the limits differ by kind: the finding names the limit it used.
- AWS Organizations counts **all** characters of an SCP, white space included, when a policy is
  saved through the API as written ("All characters in your SCP count against its maximum size";
  the console strips white space outside strings first). We report only what exceeds 5,120
  even without white space, which fails however it is saved; minify SCPs near the limit.
- The "Policy size exceeds SCP quota" section of the Access Analyzer page repeats the resolution
  text of "SCP syntax error action wildcard" and gives no number; 5,120 is the Organizations quota.
- Resource policy limits come from each service's documentation, several in bytes; counting
  characters without white space gives a lower bound, so the warning never fires falsely.
`;

function readReferenceChecks(text) {
  const checks = [];
  const seen = new Set();
  const heading = /^## (Error|Security Warning|General Warning|Suggestion) – (.+?)<a name="([^"]+)"><\/a>\s*$/gm;
  for (const match of text.matchAll(heading)) {
    const [, category, title, anchor] = match;
    if (seen.has(title)) continue; // a few titles appear twice; one code each
    seen.add(title);
    checks.push({ category, title, anchor });
  }
  return checks;
}

const codeOf = (title) => title.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
const kindsOf = (check) => (check.kinds ? check.kinds.join(', ') : 'all');
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderChecksTable(registryChecks, referenceText) {
  const reference = readReferenceChecks(referenceText);
  const byTitle = new Map(registryChecks.filter((check) => check.accessAnalyzerTitle).map((check) => [check.accessAnalyzerTitle.toLowerCase(), check]));
  const implemented = reference.filter((entry) => byTitle.has(entry.title.toLowerCase())).length;
  const lines = [
    '# Checks',
    '',
    '<!-- Generated by scripts/checks-table.mjs from the check registry and the Access Analyzer reference page; do not edit by hand. Run `npm run checks-table`. -->',
    '',
    `Every check of the [Access Analyzer policy check reference](${PAGE_URL}) (${reference.length} checks; ${implemented} implemented), then the checks of our own. The code of an Access Analyzer check is its title in UPPER_SNAKE_CASE; the severity is its category. Codes can be turned off or given another severity with \`iamPolicyStudio.checks\`, and single findings ignored with \`iamPolicyStudio.ignoreFindings\`.`,
    '',
    '## Access Analyzer checks',
    '',
    '| Access Analyzer check | Code | Severity | Policy kinds | Implemented | Notes |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const entry of reference) {
    const check = byTitle.get(entry.title.toLowerCase());
    const title = `[${cell(entry.title)}](${PAGE_URL}#${entry.anchor})`;
    if (check) {
      lines.push(`| ${title} | \`${check.code}\` | ${check.severity} | ${kindsOf(check)} | yes | ${cell(check.summary)} |`);
    } else {
      const reason = NOT_IMPLEMENTED_REASONS[entry.title] ?? 'Not implemented yet.';
      lines.push(`| ${title} | \`${codeOf(entry.title)}\` | ${SEVERITY_OF_CATEGORY[entry.category]} | | no | ${cell(reason)} |`);
    }
  }
  const unknownTitles = registryChecks.filter((check) => check.accessAnalyzerTitle && !reference.some((entry) => entry.title.toLowerCase() === check.accessAnalyzerTitle.toLowerCase()));
  const own = registryChecks.filter((check) => !check.accessAnalyzerTitle).sort((a, b) => a.code.localeCompare(b.code));
  lines.push('', '## Checks of our own', '', '| Code | Severity | Policy kinds | What it finds |', '| --- | --- | --- | --- |');
  for (const check of own) lines.push(`| [\`${check.code}\`](${check.docs}) | ${check.severity} | ${kindsOf(check)} | ${cell(check.summary)} |`);
  if (unknownTitles.length > 0) {
    lines.push('', '## Registry titles missing from the reference page', '');
    for (const check of unknownTitles) lines.push(`- \`${check.code}\`: "${check.accessAnalyzerTitle}"`);
  }
  lines.push('', QUOTA_NOTES.trimEnd(), '');
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({ options: { stdout: { type: 'boolean' }, registry: { type: 'string' }, reference: { type: 'string' } } });
  const registryPath = resolve(values.registry ?? join(root, 'out/server/src/analysis/registry.js'));
  const referencePath = resolve(values.reference ?? join(root, `docs/reference/${PAGE}.md`));
  const { allChecks } = createRequire(import.meta.url)(registryPath);
  const markdown = renderChecksTable(allChecks(), readFileSync(referencePath, 'utf8'));
  if (values.stdout) process.stdout.write(markdown);
  else {
    writeFileSync(join(root, 'docs/checks.md'), markdown);
    console.log(`docs/checks.md: ${allChecks().length} checks in the registry.`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
