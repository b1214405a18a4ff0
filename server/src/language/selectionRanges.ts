/**
 * Smart select (expand selection): from a part of a string outwards. Inside an ARN the first
 * step is the colon-separated part; inside an action, the service prefix or the action name;
 * then the string's content, the string, the property, the enclosing object or array, and so
 * on up to the document.
 */
import type { SelectionRange } from 'vscode-languageserver-types';
import type { JsonProperty, JsonValue, PolicyAst } from '../policy/ast';

type Span = readonly [start: number, end: number];

export function selectionRanges(ast: PolicyAst, offsets: readonly number[]): SelectionRange[] {
  return offsets.map((offset) => toSelectionRange(ast, spansAt(ast, offset), offset));
}

function toSelectionRange(ast: PolicyAst, spans: Span[], offset: number): SelectionRange {
  let range: SelectionRange | undefined;
  // Outermost first, so each inner range gets the next outer one as its parent.
  for (const [start, end] of spans) range = { range: { start: ast.positionAt(start), end: ast.positionAt(end) }, parent: range };
  return range ?? { range: { start: ast.positionAt(offset), end: ast.positionAt(offset) } };
}

/** Spans containing the offset, outermost first. */
function spansAt(ast: PolicyAst, offset: number): Span[] {
  const spans: Span[] = [];
  const push = (start: number, end: number) => {
    const last = spans[spans.length - 1];
    if (!last || last[0] !== start || last[1] !== end) spans.push([start, end]);
  };
  let node = ast.root;
  if (!node) return spans;
  push(0, ast.text.length);
  while (node && node.offset <= offset && offset <= node.offset + node.length) {
    push(node.offset, node.offset + node.length);
    const next: JsonProperty | JsonValue | undefined =
      node.properties?.find((property) => property.offset <= offset && offset <= property.offset + property.length) ??
      node.items?.find((item) => item.offset <= offset && offset <= item.offset + item.length);
    if (!next) break;
    if ('key' in next) {
      push(next.offset, next.offset + next.length);
      if (offset <= next.keyOffset + next.keyLength) {
        pushStringParts(push, ast.text, next.keyOffset, next.keyLength, offset);
        break;
      }
      node = next.value;
      continue;
    }
    node = next;
    if (node.type === 'string') {
      pushStringParts(push, ast.text, node.offset, node.length, offset);
      break;
    }
  }
  return spans;
}

/** The string token, its content, then the part of an ARN or action the offset is in. */
function pushStringParts(push: (start: number, end: number) => void, text: string, offset: number, length: number, at: number): void {
  push(offset, offset + length);
  const contentStart = offset + 1;
  const contentEnd = text[offset + length - 1] === '"' && length > 1 ? offset + length - 1 : offset + length;
  if (at < contentStart || at > contentEnd) return;
  push(contentStart, contentEnd);
  const content = text.slice(contentStart, contentEnd);
  if (!content.includes(':')) return;
  // ARN parts are the six colon-separated components; the last one keeps any further colons.
  const limit = content.startsWith('arn:') ? 5 : 1;
  let partStart = 0;
  for (let colons = 0; colons <= limit; colons++) {
    const colon = colons < limit ? content.indexOf(':', partStart) : -1;
    const partEnd = colon < 0 ? content.length : colon;
    if (at - contentStart >= partStart && at - contentStart <= partEnd) {
      push(contentStart + partStart, contentStart + partEnd);
      return;
    }
    if (colon < 0) return;
    partStart = colon + 1;
  }
}
