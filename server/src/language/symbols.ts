/**
 * The outline: Version and Id, then one symbol per statement named by its Sid (or its
 * position, counted from 1), with its elements as children.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { JsonProperty, PolicyAst, Statement } from '../policy/ast';

export function documentSymbols(ast: PolicyAst): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const property of [ast.version, ast.id]) {
    if (property) symbols.push(elementSymbol(property));
  }
  symbols.push(...ast.statements.map(statementSymbol));
  return symbols;
}

function statementSymbol(statement: Statement): DocumentSymbol {
  const sid = stringValue(statement.sid);
  const effect = stringValue(statement.effect);
  const actions = statement.action ?? statement.notAction;
  const count = actions?.values.length ?? 0;
  const detailParts = [effect ?? 'no Effect'];
  if (actions) detailParts.push(`${statement.notAction ? 'NotAction' : ''}${statement.notAction ? ' ' : ''}${count} action${count === 1 ? '' : 's'}`.trim());
  return {
    name: sid || `Statement ${statement.index + 1}`,
    detail: detailParts.join(' · '),
    kind: SymbolKind.Object,
    range: statement.node.range,
    selectionRange: statement.sid?.value?.range ?? { start: statement.node.range.start, end: statement.node.range.start },
    children: statement.properties.map(elementSymbol),
  };
}

function elementSymbol(property: JsonProperty): DocumentSymbol {
  const value = property.value;
  let detail: string | undefined;
  if (value?.type === 'string' || value?.type === 'number' || value?.type === 'boolean') detail = String(value.value);
  else if (value?.type === 'array') detail = `${value.items?.length ?? 0} item${value.items?.length === 1 ? '' : 's'}`;
  return {
    name: property.key || '""',
    detail,
    kind: value?.type === 'array' ? SymbolKind.Array : value?.type === 'object' ? SymbolKind.Object : SymbolKind.Property,
    range: property.range,
    selectionRange: property.keyRange,
  };
}

function stringValue(property: JsonProperty | undefined): string | undefined {
  return property?.value?.type === 'string' ? String(property.value.value) : undefined;
}
