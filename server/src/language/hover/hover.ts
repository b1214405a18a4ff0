/**
 * Hover: the cursor's context says what the hovered string is (an action, an ARN, an
 * operator...) and the matching provider explains it. `hoverPolicy` loads what that needs first.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Catalog } from '../../catalog/catalog';
import type { PolicyAst } from '../../policy/ast';
import { cursorContext, type CursorContext } from '../cursorContext';
import { describePrincipal } from '../principalDocs';
import { markdownLink } from '../elementDocs';
import { prepareForCursor } from '../prepare';
import { actionHover } from './actionHover';
import { arnHover } from './arnHover';
import { conditionKeyHover, conditionValueHover, operatorHover } from './conditionHover';
import { effectHover, elementHover, principalTypeHover, versionHover } from './elementHover';
import type { HoverText } from './hoverText';
import { variableAround, variableHover } from './variableHover';

export interface HoverInput {
  readonly ast: PolicyAst;
  readonly context: CursorContext;
  readonly catalog: Catalog;
  /** Whether the all-actions index is loaded, for patterns across services. */
  readonly actionIndexLoaded: boolean;
}

function textAt(input: HoverInput): HoverText | undefined {
  const { ast, context, catalog } = input;
  const { span, slot } = context;
  if (!span.inString) return undefined;
  const value = span.value;
  if (slot.kind === 'resource-value' || slot.kind === 'condition-value') {
    const variable = variableAround(value, context.offset - span.start);
    if (variable) return { markdown: variableHover(variable.inner, ast, catalog), start: span.start + variable.start, end: span.start + variable.end };
  }
  switch (slot.kind) {
    case 'top-level-key':
    case 'statement-key':
      return elementHover(value);
    case 'principal-key':
      return principalTypeHover(value);
    case 'condition-operator':
      return operatorHover(value);
    case 'condition-key':
      return conditionKeyHover(value, catalog);
    case 'version-value':
      return versionHover(value);
    case 'effect-value':
      return effectHover(value);
    case 'action-value':
      return actionHover(span, context.offset, catalog, input.actionIndexLoaded);
    case 'resource-value':
      return arnHover(value, catalog, context.statement, slot.element === 'Resource');
    case 'principal-value': {
      const described = describePrincipal(slot.principalType, value);
      if (!described) return undefined;
      const lines = [`**${described.title}**`];
      if (described.detail) lines.push('', described.detail);
      lines.push('', markdownLink('IAM User Guide: Principal', described.url));
      return { markdown: lines.join('\n') };
    }
    case 'condition-value':
      return conditionValueHover(slot.key, value) ?? (value.startsWith('arn:') ? arnHover(value, catalog, undefined, false) : undefined);
    default:
      return undefined;
  }
}

/** The hover at the context's cursor; the services it names must be loaded (see `prepareForCursor`). */
export function hoverAt(input: HoverInput): Hover | null {
  const text = textAt(input);
  if (!text) return null;
  const { ast, context } = input;
  const { span } = context;
  // The whole string token, quotes included, unless the provider narrowed it (a variable, a prefix).
  const start = text.start ?? span.start - 1;
  const end = text.end ?? (span.unterminated ? span.end : span.end + 1);
  return { contents: { kind: MarkupKind.Markdown, value: text.markdown }, range: { start: ast.positionAt(start), end: ast.positionAt(end) } };
}

export interface HoverRequest {
  readonly ast: PolicyAst;
  readonly offset: number;
  readonly catalog: Catalog;
}

/** Loads what the hovered text needs, then explains it. */
export async function hoverPolicy(request: HoverRequest): Promise<Hover | null> {
  let context = cursorContext(request.ast, request.offset);
  // On the opening quote the cursor is not yet inside the string; hover means the string.
  if (!context.span.inString && request.ast.text[request.offset] === '"') context = cursorContext(request.ast, request.offset + 1);
  const prepared = await prepareForCursor(context, request.catalog, 'hover');
  return hoverAt({ ast: request.ast, context, catalog: request.catalog, actionIndexLoaded: prepared.actionIndexLoaded });
}
