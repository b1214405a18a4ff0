/**
 * Policies -> compiled statements, once; `evaluateRequest` then runs them for many requests.
 * Patterns become matchers and condition values are read once (see compiledStatement.ts), so
 * evaluation only compares. Nothing here throws: what cannot be read is kept as a problem on
 * the statement and reported when the statement would otherwise apply.
 */
import type { PolicyAst, Statement } from '../policy/ast';
import { parsePolicy } from '../policy/parse';
import { VARIABLES_VERSION } from '../policy/variables';
import { CompiledStatement } from './compiledStatement';
import { policyFromJson } from './policyFromJson';
import type { EvaluationError, PolicyDocumentInput, PolicySetInput, PolicyType, StatementRef } from './types';

export { CompiledStatement };

export interface CompiledPolicy {
  readonly type: PolicyType;
  readonly id: string;
  readonly level?: number;
  readonly statements: readonly CompiledStatement[];
}

export interface CompiledPolicies {
  readonly identity: readonly CompiledPolicy[];
  readonly resource?: CompiledPolicy;
  readonly boundary?: CompiledPolicy;
  readonly session?: CompiledPolicy;
  readonly endpoint?: CompiledPolicy;
  readonly scp?: readonly (readonly CompiledPolicy[])[];
  readonly rcp?: readonly (readonly CompiledPolicy[])[];
  /** Problems found while compiling (syntax errors, documents without statements). */
  readonly errors: readonly EvaluationError[];
}

export function compilePolicies(input: PolicySetInput): CompiledPolicies {
  const errors: EvaluationError[] = [];
  const one = (type: PolicyType, document: PolicyDocumentInput, level?: number) => compilePolicy(type, document, errors, level);
  return {
    identity: (input.identity ?? []).map((document) => one('identity', document)),
    resource: input.resource && one('resource', input.resource),
    boundary: input.permissionsBoundary && one('boundary', input.permissionsBoundary),
    session: input.session && one('session', input.session),
    endpoint: input.endpoint && one('endpoint', input.endpoint),
    scp: input.scp?.map((level, index) => level.map((document) => one('scp', document, index))),
    rcp: input.rcp?.map((level, index) => level.map((document) => one('rcp', document, index))),
    errors,
  };
}

function compilePolicy(type: PolicyType, document: PolicyDocumentInput, errors: EvaluationError[], level: number | undefined): CompiledPolicy {
  const ast: PolicyAst = document.ast ?? (document.json !== undefined ? policyFromJson(document.json) : parsePolicy(typeof document.text === 'string' ? document.text : ''));
  const where = { policyType: type, policyId: document.id, uri: document.uri };
  if (ast.syntaxProblems.length > 0) {
    const first = ast.syntaxProblems[0];
    errors.push({
      ...where,
      range: document.uri ? first.range : undefined,
      message: `The policy has ${ast.syntaxProblems.length} JSON syntax problem(s) (first: ${first.message}); only the statements that could be read were evaluated.`,
    });
  }
  if (ast.statements.length === 0) errors.push({ ...where, message: 'The policy has no statement that could be read.' });
  const version = ast.version?.value?.value;
  // Variables exist only in version 2012-10-17 (reference_policies_variables.md, reference_policies_elements_version.md).
  const variablesEnabled = version === VARIABLES_VERSION;
  const statements = ast.statements.map((statement) => new CompiledStatement(statementRef(type, document, statement, level), statement, variablesEnabled));
  return { type, id: document.id, level, statements };
}

function statementRef(type: PolicyType, document: PolicyDocumentInput, statement: Statement, level: number | undefined): StatementRef {
  const effect = statement.effect?.value?.value;
  const sid = statement.sid?.value?.value;
  return {
    policyType: type,
    policyId: document.id,
    level,
    statementIndex: statement.index,
    sid: typeof sid === 'string' ? sid : undefined,
    effect: effect === 'Allow' || effect === 'Deny' ? effect : 'unknown',
    uri: document.uri,
    // A range only means something in a file the reader can open.
    range: document.uri ? statement.node.range : undefined,
  };
}

