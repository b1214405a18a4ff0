/**
 * The shape of a policy: JSON syntax, the required elements and their values, unknown elements,
 * wrong JSON types, duplicate keys and element combinations AWS rejects.
 * Sources: reference_policies_grammar.md, reference_policies_elements_*.md,
 * access-analyzer-reference-policy-checks.md.
 */
import type { JsonProperty, PolicyAst, Statement } from '../policy/ast';
import { kindHasPrincipal, type PolicyKindType } from '../policy/kind';
import { STATEMENT_ELEMENTS, TOP_LEVEL_ELEMENTS } from '../policy/ast';
import { insertFirstProperty, replaceWith } from './fixEdits';
import { nearest } from './nearest';
import { accessAnalyzerDocs, userGuideDocs, type CheckFamily, type CheckInfo } from './check';

export const VALID_VERSIONS = ['2012-10-17', '2008-10-17'] as const;
const EFFECTS = ['Allow', 'Deny'] as const;

const checks: CheckInfo[] = [
  {
    code: 'JSON_SYNTAX_ERROR',
    severity: 'error',
    summary: 'The document is not valid JSON.',
    accessAnalyzerTitle: 'Json syntax error',
    docs: accessAnalyzerDocs('error', 'Json syntax error'),
  },
  {
    code: 'MISSING_VERSION',
    severity: 'warning',
    summary: 'No Version element: AWS then uses 2008-10-17, in which policy variables are not replaced.',
    accessAnalyzerTitle: 'Missing version',
    docs: accessAnalyzerDocs('general-warning', 'Missing version'),
  },
  {
    code: 'INVALID_VERSION',
    severity: 'error',
    summary: 'Version is neither 2012-10-17 nor 2008-10-17.',
    accessAnalyzerTitle: 'Invalid version',
    docs: accessAnalyzerDocs('error', 'Invalid version'),
  },
  {
    code: 'MISSING_STATEMENT',
    severity: 'error',
    summary: 'The policy has no Statement, or an empty one.',
    accessAnalyzerTitle: 'Missing statement',
    docs: accessAnalyzerDocs('error', 'Missing statement'),
  },
  {
    code: 'MISSING_EFFECT',
    severity: 'error',
    summary: 'A statement has no Effect.',
    accessAnalyzerTitle: 'Missing effect',
    docs: accessAnalyzerDocs('error', 'Missing effect'),
  },
  {
    code: 'INVALID_EFFECT',
    severity: 'error',
    summary: 'Effect is neither "Allow" nor "Deny" (the values are case-sensitive).',
    accessAnalyzerTitle: 'Invalid effect',
    docs: accessAnalyzerDocs('error', 'Invalid effect'),
  },
  {
    code: 'MISSING_ACTION',
    severity: 'error',
    summary: 'A statement has neither Action nor NotAction.',
    accessAnalyzerTitle: 'Missing action',
    docs: accessAnalyzerDocs('error', 'Missing action'),
  },
  {
    code: 'MISSING_RESOURCE',
    severity: 'error',
    summary: 'A statement has neither Resource nor NotResource (trust policies excepted, which name no resource).',
    accessAnalyzerTitle: 'Missing resource',
    kinds: ['identity', 'resource', 'scp', 'rcp', 'boundary', 'session', 'endpoint'],
    docs: accessAnalyzerDocs('error', 'Missing resource'),
  },
  {
    code: 'MISSING_PRINCIPAL',
    severity: 'error',
    summary: 'A statement of a resource-based policy has neither Principal nor NotPrincipal.',
    accessAnalyzerTitle: 'Missing principal',
    kinds: ['resource', 'trust'],
    docs: accessAnalyzerDocs('error', 'Missing principal'),
  },
  {
    code: 'UNSUPPORTED_PRINCIPAL',
    severity: 'error',
    summary: 'Principal or NotPrincipal in a policy kind that does not name principals (identity, boundary, session; SCPs have SCP_SYNTAX_ERROR_PRINCIPAL).',
    accessAnalyzerTitle: 'Unsupported principal',
    kinds: ['identity', 'boundary', 'session'],
    docs: accessAnalyzerDocs('error', 'Unsupported principal'),
  },
  {
    code: 'INVALID_POLICY_ELEMENT',
    severity: 'error',
    summary: 'An element that the policy grammar does not have, or a known element spelled in the wrong case.',
    accessAnalyzerTitle: 'Invalid policy element',
    docs: accessAnalyzerDocs('error', 'Invalid policy element'),
  },
  {
    code: 'UNSUPPORTED_ELEMENT_COMBINATION',
    severity: 'error',
    summary: 'Action with NotAction, Resource with NotResource, or Principal with NotPrincipal in one statement.',
    accessAnalyzerTitle: 'Unsupported element combination',
    docs: accessAnalyzerDocs('error', 'Unsupported element combination'),
  },
  {
    code: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    severity: 'error',
    summary: 'The same key appears twice in one object with different capitalization.',
    accessAnalyzerTitle: 'Duplicate keys with different case',
    docs: accessAnalyzerDocs('error', 'Duplicate keys with different case'),
  },
  {
    code: 'DUPLICATE_KEY',
    severity: 'error',
    summary: 'The same key appears twice in one object; JSON readers keep only one of them.',
    docs: userGuideDocs('reference_policies_grammar'),
  },
  {
    code: 'INVALID_ELEMENT_TYPE',
    severity: 'error',
    summary: 'An element has the wrong JSON type (for example a number where a string or array of strings belongs).',
    docs: userGuideDocs('reference_policies_grammar'),
  },
];

export const structureChecks: CheckFamily = {
  name: 'structure',
  checks,
  run({ ast, kind }, report) {
    for (const problem of ast.syntaxProblems) {
      report('JSON_SYNTAX_ERROR', { range: problem.range, message: problem.message });
    }
    for (const problem of ast.shapeProblems) {
      const statementIndex = problem.statementIndex;
      switch (problem.kind) {
        case 'unknown-element': {
          const suggestion = nearest(problem.detail, statementIndex === undefined ? TOP_LEVEL_ELEMENTS : STATEMENT_ELEMENTS);
          const known =
            statementIndex === undefined
              ? 'A policy has Version, Id and Statement.'
              : 'A statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition.';
          report('INVALID_POLICY_ELEMENT', {
            range: problem.range,
            statementIndex,
            message: `"${problem.detail}" is not a ${statementIndex === undefined ? 'policy' : 'statement'} element.${suggestion ? ` Did you mean "${suggestion}"?` : ''} ${known}`,
            fixes: suggestion ? [replaceWith(problem.range, suggestion)] : undefined,
          });
          break;
        }
        case 'element-case':
          report('INVALID_POLICY_ELEMENT', {
            range: problem.range,
            statementIndex,
            message: `"${problem.detail}" is not a policy element: element names are case-sensitive. Write "${problem.expected}".`,
            fixes: problem.expected ? [replaceWith(problem.range, problem.expected)] : undefined,
          });
          break;
        case 'duplicate-key':
          report('DUPLICATE_KEY', {
            range: problem.range,
            statementIndex,
            message: `"${problem.detail}" appears more than once in this object. Keep one and merge the values.`,
          });
          break;
        case 'duplicate-key-different-case':
          report('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', {
            range: problem.range,
            statementIndex,
            message: `"${problem.detail}" repeats "${problem.expected}" with different capitalization in the same object. Remove one of them.`,
          });
          break;
        case 'wrong-type':
          report('INVALID_ELEMENT_TYPE', { range: problem.range, statementIndex, message: problem.detail });
          break;
      }
    }

    if (!ast.root || ast.root.type !== 'object') return;
    checkVersion(ast, report);

    const statementProperty = ast.statementProperty;
    if (!statementProperty) {
      report('MISSING_STATEMENT', { range: firstLine(ast.root.range), message: 'The policy has no Statement element. Add "Statement": [ ... ] with at least one statement.' });
    } else if (ast.statementForm === 'array' && ast.statements.length === 0 && (statementProperty.value?.items?.length ?? 0) === 0) {
      report('MISSING_STATEMENT', { range: statementProperty.keyRange, message: 'Statement is empty. Add at least one statement.' });
    }

    for (const statement of ast.statements) checkStatement(statement, kind.type, report);
  },
};

type Report = Parameters<CheckFamily['run']>[1];

function checkVersion(ast: PolicyAst, report: Report): void {
  const version = ast.version;
  if (!ast.root) return;
  if (!version) {
    report('MISSING_VERSION', {
      range: firstLine(ast.root.range),
      fixes: [{ title: 'Add "Version": "2012-10-17"', edits: [insertFirstProperty(ast, ast.root, 'Version', '"2012-10-17"')], preferred: true }],
      message: 'The policy has no Version. Without it AWS uses 2008-10-17, where policy variables such as ${aws:username} are literal text. Add "Version": "2012-10-17".',
    });
    return;
  }
  const value = version.value;
  if (value?.type === 'string' && !(VALID_VERSIONS as readonly string[]).includes(String(value.value))) {
    const text = String(value.value);
    report('INVALID_VERSION', {
      range: value.range,
      message: `"${text}" is not a policy language version. Use "2012-10-17" (the current version).`,
      fixes: [replaceWith(value.range, '2012-10-17')],
    });
  } else if (!value) {
    report('INVALID_VERSION', { range: version.keyRange, message: 'Version has no value. Use "2012-10-17".' });
  }
}

function checkStatement(statement: Statement, kind: PolicyKindType, report: Report): void {
  const statementIndex = statement.index;
  const label = statementLabel(statement);
  // Read when reporting: ranges are computed on first read, and most statements are complete.
  const at = () => firstLine(statement.node.range);

  if (!statement.effect) {
    report('MISSING_EFFECT', { range: at(), statementIndex, message: `${label} has no Effect. Add "Effect": "Allow" or "Effect": "Deny".` });
  } else if (statement.effect.value?.type === 'string') {
    const effect = String(statement.effect.value.value);
    if (!(EFFECTS as readonly string[]).includes(effect)) {
      const fixed = EFFECTS.find((candidate) => candidate.toLowerCase() === effect.toLowerCase());
      report('INVALID_EFFECT', {
        range: statement.effect.value.range,
        statementIndex,
        message: fixed
          ? `"${effect}" is not a valid Effect: the value is case-sensitive. Write "${fixed}".`
          : `"${effect}" is not a valid Effect. Use "Allow" or "Deny".`,
        fixes: fixed ? [replaceWith(statement.effect.value.range, fixed)] : undefined,
      });
    }
  } else if (!statement.effect.value) {
    report('INVALID_EFFECT', { range: statement.effect.keyRange, statementIndex, message: 'Effect has no value. Use "Allow" or "Deny".' });
  }

  if (!statement.action && !statement.notAction) {
    report('MISSING_ACTION', { range: at(), statementIndex, message: `${label} has neither Action nor NotAction. Add the actions it applies to.` });
  }
  if (kind !== 'trust' && !statement.resource && !statement.notResource) {
    report('MISSING_RESOURCE', { range: at(), statementIndex, message: `${label} has neither Resource nor NotResource. Add the resources it applies to ("*" for all).` });
  }
  const principal = statement.principal ?? statement.notPrincipal;
  if (kindHasPrincipal(kind) && kind !== 'endpoint' && !principal) {
    report('MISSING_PRINCIPAL', { range: at(), statementIndex, message: `${label} of a resource-based policy names no Principal. Add the principals it applies to.` });
  }
  // SCPs report their own code (organizations.ts); RCPs name their principals with "*".
  if (!kindHasPrincipal(kind) && kind !== 'rcp' && kind !== 'scp' && principal) {
    report('UNSUPPORTED_PRINCIPAL', {
      range: principal.property.keyRange,
      statementIndex,
      message: `${principal.property.key} is not allowed in this kind of policy: it applies to whoever it is attached to. Remove it, or mark the file as a resource policy.`,
    });
  }
  for (const [a, b] of [
    [statement.action, statement.notAction],
    [statement.resource, statement.notResource],
    [statement.principal, statement.notPrincipal],
  ] as const) {
    if (a && b) {
      report('UNSUPPORTED_ELEMENT_COMBINATION', {
        range: b.property.keyRange,
        statementIndex,
        message: `${label} has both ${a.property.key} and ${b.property.key}. A statement takes one of them; remove one.`,
      });
    }
  }
}

function statementLabel(statement: Statement): string {
  const sid = statement.sid?.value?.type === 'string' ? String(statement.sid.value.value) : '';
  return sid ? `Statement "${sid}"` : `Statement ${statement.index + 1}`;
}

/** The first character of a node: findings about a whole object point at its opening brace. */
function firstLine(range: JsonProperty['range']): JsonProperty['range'] {
  return { start: range.start, end: { line: range.start.line, character: range.start.character + 1 } };
}
