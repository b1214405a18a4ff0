/**
 * Statement IDs: unique where the policy store requires it (IAM: "the Sid value must be unique
 * within a JSON policy"; SNS: "Each statement in a policy must have a unique statement sid"),
 * recommended elsewhere; IAM's character set; no empty Sid.
 * Sources: reference_policies_elements_sid.md, access-analyzer-reference-policy-checks.md,
 * sns-access-policy-language-api-permissions-reference (SNS developer guide).
 */
import type { PolicyKind } from '../policy/kind';
import type { JsonValue, Statement } from '../policy/ast';
import { removeProperty, replaceWith } from './fixEdits';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';

/** Kinds stored by IAM, which enforces unique, alphanumeric Sids. */
const IAM_KINDS = ['identity', 'trust', 'boundary'] as const;
const SID_CHARACTERS = /^[A-Za-z0-9]*$/;

const checks: CheckInfo[] = [
  {
    code: 'UNIQUE_SIDS_REQUIRED',
    severity: 'error',
    summary: 'Two statements have the same Sid in a policy that IAM stores (identity, trust, boundary) or in an SNS topic policy.',
    accessAnalyzerTitle: 'Unique Sids required',
    kinds: [...IAM_KINDS, 'resource'],
    docs: accessAnalyzerDocs('error', 'Unique Sids required'),
  },
  {
    code: 'UNIQUE_SIDS_RECOMMENDED',
    severity: 'warning',
    summary: 'Two statements have the same Sid in a policy whose store accepts it (resource policies, SCPs, RCPs, session and endpoint policies).',
    accessAnalyzerTitle: 'Unique Sids recommended',
    kinds: ['resource', 'scp', 'rcp', 'session', 'endpoint'],
    docs: accessAnalyzerDocs('general-warning', 'Unique Sids recommended'),
  },
  {
    code: 'UNSUPPORTED_SID',
    severity: 'error',
    summary: 'A Sid in an IAM policy has characters other than A-Z, a-z and 0-9.',
    accessAnalyzerTitle: 'Unsupported Sid',
    kinds: [...IAM_KINDS, 'session'],
    docs: accessAnalyzerDocs('error', 'Unsupported Sid'),
  },
  {
    code: 'EMPTY_SID_VALUE',
    severity: 'suggestion',
    summary: 'A Sid is the empty string.',
    accessAnalyzerTitle: 'Empty Sid value',
    docs: accessAnalyzerDocs('suggestion', 'Empty Sid value'),
  },
];

function sidsRequiredUnique(kind: PolicyKind): boolean {
  return (IAM_KINDS as readonly string[]).includes(kind.type) || (kind.type === 'resource' && kind.resourceService === 'sns');
}

interface SidOf {
  readonly statement: Statement;
  readonly value: string;
  readonly node: JsonValue;
}

export const sidChecks: CheckFamily = {
  name: 'sids',
  checks,
  run({ ast, kind }, report) {
    const sids: SidOf[] = [];
    for (const statement of ast.statements) {
      const node = statement.sid?.value;
      if (node?.type === 'string') sids.push({ statement, value: String(node.value), node });
    }
    if (sids.length === 0) return;
    const taken = new Set(sids.map((sid) => sid.value));
    const seen = new Set<string>();
    const uniqueCode = sidsRequiredUnique(kind) ? 'UNIQUE_SIDS_REQUIRED' : 'UNIQUE_SIDS_RECOMMENDED';
    const iamCharacters = kind.type !== 'resource' && kind.type !== 'scp' && kind.type !== 'rcp' && kind.type !== 'endpoint';

    for (const sid of sids) {
      const statementIndex = sid.statement.index;
      if (sid.value === '') {
        report('EMPTY_SID_VALUE', {
          range: sid.node.range,
          statementIndex,
          message: 'The Sid is empty. Give the statement a name that says what it allows or denies, or remove the Sid.',
          fixes: [{ title: 'Remove the empty Sid', edits: [removeProperty(ast, sid.statement.node, sid.statement.sid!)] }],
        });
        continue;
      }
      if (seen.has(sid.value)) {
        const renamed = freeName(sid.value, taken);
        report(uniqueCode, {
          range: sid.node.range,
          statementIndex,
          message:
            uniqueCode === 'UNIQUE_SIDS_REQUIRED'
              ? `Another statement already has the Sid "${sid.value}"; ${kind.type === 'resource' ? 'SNS' : 'IAM'} rejects a policy with duplicate statement IDs. Rename this one, for example to "${renamed}".`
              : `Another statement already has the Sid "${sid.value}". Give each statement its own Sid, for example "${renamed}", so findings and logs point at one statement.`,
          fixes: [replaceWith(sid.node.range, renamed, `Rename to "${renamed}"`)],
        });
      }
      seen.add(sid.value);
      if (iamCharacters && !SID_CHARACTERS.test(sid.value)) {
        const cleaned = sid.value.replace(/[^A-Za-z0-9]/g, '');
        const suggestion = cleaned && freeName(cleaned, taken);
        report('UNSUPPORTED_SID', {
          range: sid.node.range,
          statementIndex,
          message: `The Sid "${sid.value}" has characters IAM does not accept: only A-Z, a-z and 0-9.${suggestion ? ` Write "${suggestion}".` : ' Use letters and digits only.'}`,
          fixes: suggestion ? [replaceWith(sid.node.range, suggestion, `Change to "${suggestion}"`)] : undefined,
        });
      }
    }
  },
};

/** `base` itself when no other statement uses it, else base2, base3... (taken is updated). */
function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}
