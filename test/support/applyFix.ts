/** Applies a fix's edits to the text, as the editor would, for tests that check fixed documents. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixData } from '../../server/src/analysis/finding';

export function applyFix(text: string, fix: FixData): string {
  const document = TextDocument.create('file:///fix.json', 'json', 1, text);
  return TextDocument.applyEdits(document, fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })));
}
