/**
 * Formatting that keeps the author's layout: jsonc-parser's formatter with `keepLines`, so line
 * breaks stay where they are (a one-line Action array stays on one line) and only indentation
 * and the spaces between tokens are normalised. Indentation follows the document's own when it
 * has one, else the editor's options; brackets written without inner spaces (`["a", "b"]`) keep
 * that style.
 */
import { format as formatJson, type Edit } from 'jsonc-parser';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { PolicyAst } from '../policy/ast';

export interface IndentOptions {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
}

/**
 * The document's indentation: tabs when most indented lines start with one, else the most
 * common change of indentation between neighbouring lines (as editors guess it).
 */
export function detectIndentation(text: string): IndentOptions | undefined {
  let tabs = 0;
  let spaces = 0;
  let previous = 0;
  const deltas = new Map<number, number>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) tabs++;
    else if (indent.length > 0) spaces++;
    const width = indent.startsWith('\t') ? previous : indent.length;
    const delta = Math.abs(width - previous);
    if (delta > 0 && delta <= 8 && !indent.startsWith('\t')) deltas.set(delta, (deltas.get(delta) ?? 0) + 1);
    previous = width;
  }
  if (tabs === 0 && spaces === 0) return undefined;
  if (tabs > spaces) return { tabSize: 4, insertSpaces: false };
  let best = 0;
  for (const [delta, count] of deltas) if (best === 0 || count > deltas.get(best)! || (count === deltas.get(best)! && delta < best)) best = delta;
  return best === 0 ? undefined : { tabSize: best, insertSpaces: true };
}

export function formatPolicy(ast: PolicyAst, range: { start: number; end: number } | undefined, options: IndentOptions): TextEdit[] {
  const text = ast.text;
  const indentation = detectIndentation(text) ?? options;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits = formatJson(text, range && { offset: range.start, length: range.end - range.start }, {
    tabSize: indentation.tabSize,
    insertSpaces: indentation.insertSpaces,
    eol,
    keepLines: true,
    insertFinalNewline: false,
  });
  return edits.filter((edit) => !addsBracketPadding(text, edit)).map((edit) => toTextEdit(ast, edit));
}

/** keepLines pads `[` and `{` on the same line with a space; a document written without it keeps its style. */
function addsBracketPadding(text: string, edit: Edit): boolean {
  if (edit.length !== 0 || edit.content !== ' ') return false;
  return '[{'.includes(text[edit.offset - 1] ?? '') || ']}'.includes(text[edit.offset] ?? '');
}

function toTextEdit(ast: PolicyAst, edit: Edit): TextEdit {
  const range: Range = { start: ast.positionAt(edit.offset), end: ast.positionAt(edit.offset + edit.length) };
  return { range, newText: edit.content };
}
