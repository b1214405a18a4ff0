/**
 * The engine names statements by policy id and index, with ranges only for the documents it
 * was given as files. Simulations evaluate documents of the account model (statements inside
 * an export or a template) and bundled AWS managed policies, so here every statement of a
 * result gets the file and range it is written at (through the document's source mapping)
 * and its text for the panel.
 */
import type { Range } from 'vscode-languageserver-types';
import type { EvaluationError, EvaluationResult, StatementRef } from '../engine';
import { createLineIndex } from '../policy/lineIndex';
import { statementKey } from '../protocolValues';
import type { LocatableDocument, SimulationPolicy } from './policySources';
import { statementBounds } from './statementBounds';

/** Statements longer than this are cut in the panel (AWS managed policies list thousands of actions). */
const MAX_STATEMENT_TEXT = 4000;

/**
 * Where statements are found: in the document's AST ("ast", parsed once and kept with the
 * document: single simulations locate the same documents again and again), or in its text
 * ("text", statementBounds.ts: "who can" locates statements of hundreds of documents once, and
 * the ASTs would stay in memory with the account model).
 */
export type StatementSource = 'ast' | 'text';

/** Where a statement is in its document's text: the statement object node of the AST. */
interface StatementPlace {
  readonly offset: number;
  readonly length: number;
  readonly range: Range;
}

export class StatementLocator {
  private readonly policies = new Map<string, SimulationPolicy>();
  private readonly statements = new WeakMap<LocatableDocument, ReadonlyMap<number, StatementPlace>>();
  readonly texts: Record<string, string> = {};
  /** Where each statement is, by statementKey: looked up for every result that names it. */
  private readonly places = new Map<string, { readonly uri: string; readonly range: Range } | null>();

  constructor(
    policies: Iterable<SimulationPolicy>,
    private readonly source: StatementSource = 'ast',
  ) {
    for (const policy of policies) this.add(policy);
  }

  add(policy: SimulationPolicy): void {
    this.policies.set(policyKey(policy.type, policy.id, policy.level), policy);
  }

  /** The policy a statement reference belongs to. */
  policyOf(ref: Pick<StatementRef, 'policyType' | 'policyId' | 'level'>): SimulationPolicy | undefined {
    return this.policies.get(policyKey(ref.policyType, ref.policyId, ref.level));
  }

  /** The reference with the statement's file and range; its text is recorded in `texts`. */
  locate<T extends StatementRef>(ref: T): T {
    const key = statementKey(ref);
    let place = this.places.get(key);
    if (place === undefined) {
      place = this.place(ref, key);
      this.places.set(key, place);
    }
    return place ? { ...ref, uri: place.uri, range: place.range } : ref;
  }

  private place(ref: StatementRef, key: string): { readonly uri: string; readonly range: Range } | null {
    const policy = this.policyOf(ref);
    const statement = policy && this.statement(policy, ref.statementIndex);
    if (!policy || !statement) return null;
    this.texts[key] = statementText(policy.document.text, statement);
    const uri = policy.document.source?.uri;
    return uri ? { uri, range: policy.document.toSourceRange(statement.range) } : null;
  }

  locateResult(result: EvaluationResult): EvaluationResult {
    return {
      ...result,
      matchedStatements: result.matchedStatements.map((statement) => this.locate(statement)),
      unmatchedStatements: result.unmatchedStatements.map((statement) => this.locate(statement)),
      errors: result.errors.map((error) => this.locateError(error)),
    };
  }

  private locateError(error: EvaluationError): EvaluationError {
    if (!error.policyType || error.policyId === undefined) return error;
    const policy = this.policyOf({ policyType: error.policyType, policyId: error.policyId, level: undefined }) ?? this.findById(error.policyId);
    const source = policy?.document.source;
    if (!policy || !source) return error;
    const statement = error.statementIndex !== undefined ? this.statement(policy, error.statementIndex) : undefined;
    const range: Range | undefined = statement ? policy.document.toSourceRange(statement.range) : source.range;
    return { ...error, uri: source.uri, range };
  }

  private findById(id: string): SimulationPolicy | undefined {
    for (const policy of this.policies.values()) if (policy.id === id) return policy;
    return undefined;
  }

  private statement(policy: SimulationPolicy, index: number): StatementPlace | undefined {
    let byIndex = this.statements.get(policy.document);
    if (!byIndex) {
      byIndex = statementPlaces(policy.document, this.source);
      this.statements.set(policy.document, byIndex);
    }
    return byIndex.get(index);
  }
}

/** The places of a document's statements; from the text only when asked and the text is plain JSON (statementBounds.ts). */
function statementPlaces(document: LocatableDocument, source: StatementSource): ReadonlyMap<number, StatementPlace> {
  const bounds = source === 'text' ? statementBounds(document.text) : undefined;
  if (!bounds) return new Map(document.ast.statements.map((statement) => [statement.index, { offset: statement.node.offset, length: statement.node.length, range: statement.node.range }]));
  const lines = createLineIndex(document.text);
  return new Map(bounds.map(({ offset, length }, index) => [index, { offset, length, range: lines.range(offset, length) }]));
}

function policyKey(type: string, id: string, level: number | undefined): string {
  return `${type}\n${level ?? ''}\n${id}`;
}

/** The statement as written, re-indented to its own first line; cut when very long. */
function statementText(text: string, statement: StatementPlace): string {
  const { offset, length } = statement;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
  const raw = text.slice(offset, offset + length);
  const dedented = indent ? raw.split('\n').map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n') : raw;
  return dedented.length > MAX_STATEMENT_TEXT ? `${dedented.slice(0, MAX_STATEMENT_TEXT)}\n… (${dedented.length - MAX_STATEMENT_TEXT} more characters)` : dedented;
}
