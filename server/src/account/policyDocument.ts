/**
 * The one implementation of PolicyDocument: text, kind and source, with the AST parsed on
 * first use and kept. The parse is private state (not serialised with the model).
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { PolicyAst } from '../policy/ast';
import type { PolicyKind } from '../policy/kind';
import { parsePolicy } from '../policy/parse';
import type { PolicyDocument, PolicySource, SourceMapping } from './model';

export class SourcedPolicyDocument implements PolicyDocument {
  #ast?: PolicyAst;
  readonly #mapping: SourceMapping;

  constructor(
    readonly name: string,
    readonly kind: PolicyKind,
    readonly text: string,
    readonly source: PolicySource,
    mapping: SourceMapping,
    readonly arn?: string,
  ) {
    this.#mapping = mapping;
  }

  get ast(): PolicyAst {
    return (this.#ast ??= parsePolicy(this.text));
  }

  toSourceRange(range: Range): Range {
    return this.#mapping.toSourceRange(range);
  }

  toTextPosition(position: Position): Position | undefined {
    return this.#mapping.toTextPosition(position);
  }
}

/** The kind of a policy decided by where it sits (kind.ts: the "location" input). */
export function locationKind(type: PolicyKind['type'], resourceService?: string): PolicyKind {
  return resourceService ? { type, resourceService, source: 'location' } : { type, source: 'location' };
}
