/**
 * Turns proposals into LSP completion items with the right edit for where the cursor is:
 * inside a string the content is replaced (and an open string closed), outside one the value is
 * written with its quotes; a key brings its colon and a value, and a comma when something follows.
 */
import {
  InsertTextFormat,
  MarkupKind,
  type Command,
  type CompletionItem,
  type CompletionItemKind,
  type Range,
} from 'vscode-languageserver-types';
import type { PolicyAst } from '../../policy/ast';
import type { CursorContext } from '../cursorContext';
import { escapeSnippet } from '../snippets';

export interface Proposal {
  readonly label: string;
  readonly kind: CompletionItemKind;
  /** The text to insert for the value (without quotes), plain or snippet. Defaults to the label. */
  readonly insert?: string;
  readonly snippet?: boolean;
  /** Shown after the label, dimmed (LSP labelDetails.description). */
  readonly description?: string;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Sorts within the list; the editor still puts better matches of what was typed first. */
  readonly sortText?: string;
  readonly filterText?: string;
  /** Open the suggestion list again after inserting (service prefix -> its actions). */
  readonly retrigger?: boolean;
  readonly preselect?: boolean;
  /** Carried to completionItem/resolve, which adds the documentation left out here. */
  readonly data?: CompletionData;
}

/** What resolve needs to document an item. */
export interface CompletionData {
  readonly action?: string;
}

const RETRIGGER: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

function range(ast: PolicyAst, start: number, end: number): Range {
  return { start: ast.positionAt(start), end: ast.positionAt(end) };
}

function base(proposal: Proposal): CompletionItem {
  const item: CompletionItem = { label: proposal.label, kind: proposal.kind };
  if (proposal.description) item.labelDetails = { description: proposal.description };
  if (proposal.detail) item.detail = proposal.detail;
  if (proposal.documentation) item.documentation = { kind: MarkupKind.Markdown, value: proposal.documentation };
  if (proposal.sortText) item.sortText = proposal.sortText;
  if (proposal.preselect) item.preselect = true;
  if (proposal.retrigger) item.command = RETRIGGER;
  return item;
}

/** A string value: Effect, an action, an ARN, a condition value... */
export function valueItem(context: CursorContext, proposal: Proposal): CompletionItem {
  const item = base(proposal);
  const { span } = context;
  // When the list opens again (`s3:` -> its actions), the cursor must stay inside the quotes.
  const cursorInside = proposal.retrigger === true && (!span.inString || span.unterminated);
  const snippet = (proposal.snippet ?? false) || cursorInside;
  let text = proposal.insert ?? proposal.label;
  if (snippet && !proposal.snippet) text = escapeSnippet(text);
  if (cursorInside) text += '$0';
  let newText: string;
  if (span.inString) newText = span.unterminated ? `${text}"` : text;
  else newText = `"${text}"`;
  item.textEdit = { range: context.spanRange, newText };
  // The editor filters on the label unless told otherwise; long lists stay lighter without a copy.
  if (proposal.filterText !== undefined && proposal.filterText !== proposal.label) item.filterText = proposal.filterText;
  if (snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (proposal.data !== undefined) item.data = proposal.data;
  return item;
}

/** Text replacing `start`..`end` as it is, for edits inside a string (a policy variable). */
export function spanItem(ast: PolicyAst, start: number, end: number, proposal: Proposal): CompletionItem {
  const item = base(proposal);
  const snippet = proposal.snippet ?? false;
  item.textEdit = { range: range(ast, start, end), newText: proposal.insert ?? (snippet ? escapeSnippet(proposal.label) : proposal.label) };
  item.filterText = proposal.filterText ?? proposal.label;
  if (snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  return item;
}

/**
 * A key with its value: `"Effect": "${1|Allow,Deny|}"`. `valueSnippet` is snippet text; when
 * the key already has its colon only the key is replaced. `keySnippet` (snippet text, quotes
 * included) puts a tab stop inside the key itself.
 */
export function keyItem(context: CursorContext, ast: PolicyAst, proposal: Proposal, valueSnippet: string, keySnippet?: string): CompletionItem {
  const item = base(proposal);
  const { span } = context;
  const start = span.inString ? span.start - 1 : span.start;
  const end = span.inString && !span.unterminated ? span.end + 1 : span.end;
  const key = JSON.stringify(proposal.label);
  const keyText = keySnippet ?? escapeSnippet(key);
  const newText = context.keyHasColon ? keyText : `${keyText}: ${valueSnippet}${context.needsComma ? ',' : ''}`;
  item.textEdit = { range: range(ast, start, end), newText };
  item.insertTextFormat = InsertTextFormat.Snippet;
  item.filterText = proposal.filterText ?? (span.inString ? key : proposal.label);
  addMissingComma(item, context, ast);
  return item;
}

/** A whole JSON value (a statement object, a policy) where no string is open. `snippetText` is snippet text. */
export function blockItem(context: CursorContext, ast: PolicyAst, proposal: Proposal, snippetText: string): CompletionItem {
  const item = base(proposal);
  const { span } = context;
  const start = span.inString ? span.start - 1 : span.start;
  const end = span.inString && !span.unterminated ? span.end + 1 : span.end;
  item.textEdit = { range: range(ast, start, end), newText: snippetText + (context.needsComma ? ',' : '') };
  item.insertTextFormat = InsertTextFormat.Snippet;
  item.filterText = proposal.filterText ?? (span.inString ? `"${proposal.label}` : proposal.label);
  addMissingComma(item, context, ast);
  return item;
}

function addMissingComma(item: CompletionItem, context: CursorContext, ast: PolicyAst): void {
  if (context.commaBefore === undefined || context.keyHasColon) return;
  item.additionalTextEdits = [{ range: range(ast, context.commaBefore, context.commaBefore), newText: ',' }];
}

/** Zero-padded rank for sortText: groups sort by rank, then by label. */
export function rank(group: number, label: string): string {
  return `${String(group).padStart(2, '0')}_${label}`;
}
