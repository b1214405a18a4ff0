/**
 * Folding ranges for every object and array that spans lines, from the AST. As in VS Code's
 * JSON support, a fold ends on the line before the closing bracket, so the bracket stays
 * visible. A folded statement shows its Sid and Effect.
 */
import type { FoldingRange } from 'vscode-languageserver-types';
import type { JsonValue, PolicyAst } from '../policy/ast';

export function foldingRanges(ast: PolicyAst): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const statementTexts = new Map<JsonValue, string>();
  for (const statement of ast.statements) {
    const sid = statement.sid?.value?.type === 'string' ? String(statement.sid.value.value) : undefined;
    const effect = statement.effect?.value?.type === 'string' ? String(statement.effect.value.value) : undefined;
    const parts = [sid && `"Sid": ${JSON.stringify(sid)}`, effect].filter(Boolean);
    if (parts.length) statementTexts.set(statement.node, `{ ${parts.join(' · ')} … }`);
  }
  const visit = (node: JsonValue | undefined) => {
    if (!node || (node.type !== 'object' && node.type !== 'array')) return;
    const startLine = node.range.start.line;
    const closeLine = node.range.end.line;
    if (closeLine > startLine) {
      const range: FoldingRange = { startLine, endLine: closeLine - 1 };
      const collapsedText = statementTexts.get(node);
      if (collapsedText) range.collapsedText = collapsedText;
      if (range.endLine > range.startLine) ranges.push(range);
    }
    for (const property of node.properties ?? []) visit(property.value);
    for (const item of node.items ?? []) visit(item);
  };
  visit(ast.root);
  return ranges;
}
