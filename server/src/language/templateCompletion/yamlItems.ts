/**
 * Completion items made for the probe (a policy in JSON, cursorMark.ts) turned into edits of the
 * YAML template. Where an item replaces the typed string's characters, the same text goes into
 * the YAML scalar (quoted as YAML needs); where it writes JSON (a key with its value, a
 * statement, a quoted value where nothing was typed), that JSON is written again as YAML for
 * the place: `Action: $1` under a statement, `- Effect: ...` in the Statement list, inline in a
 * flow collection. Items that edit anything else (the comma fixes JSON needs) have no YAML
 * counterpart and are left out.
 */
import { InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { LineIndex } from '../../policy/lineIndex';
import type { Probe } from './cursorMark';
import { readItemJson, type ItemJson, type SnippetValue } from './itemJson';
import type { YamlQuote, YamlToken } from './yamlCursor';
import { flowValue, itemBody, valueAfterKey, yamlScalar } from './yamlText';

export interface YamlCompletionPlace {
  readonly token: YamlToken;
  readonly probe: Probe;
  readonly probeLines: LineIndex;
  readonly templateLines: LineIndex;
  /** Spaces per nesting level in the template. */
  readonly indentUnit: number;
}

/** An edit of the template: offsets, and the text (snippet text when `snippet`). */
interface Written {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly snippet: boolean;
}

export function yamlCompletionList(list: CompletionList, place: YamlCompletionPlace): CompletionList {
  return { isIncomplete: list.isIncomplete, items: list.items.flatMap((item) => convertItem(item, place) ?? []) };
}

function convertItem(item: CompletionItem, place: YamlCompletionPlace): CompletionItem | undefined {
  const { token, probe, probeLines, templateLines } = place;
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) return undefined;
  const start = probeLines.offsetAt(edit.range.start);
  const end = probeLines.offsetAt(edit.range.end);
  const snippet = item.insertTextFormat === InsertTextFormat.Snippet;
  let written: Written | undefined;
  let wroteJson = false;
  if (!probe.empty && start === probe.contentStart && end === probe.contentEnd) {
    written = scalarInToken(token, edit.newText, snippet);
  } else if (!probe.empty && start >= probe.contentStart && end <= probe.contentEnd) {
    // Part of the string (a policy variable): the typed characters are the template's own.
    written = { start: token.contentStart + start - probe.contentStart, end: token.contentStart + end - probe.contentStart, text: edit.newText, snippet };
  } else if (start === probe.tokenStart && end === probe.tokenEnd) {
    const json = readItemJson(edit.newText, snippet);
    written = json && jsonInPlace(json, token, place.indentUnit);
    wroteJson = true;
  }
  if (!written) return undefined;
  const converted: CompletionItem = {
    ...item,
    textEdit: { range: { start: templateLines.position(written.start), end: templateLines.position(written.end) }, newText: written.text },
  };
  delete converted.additionalTextEdits;
  if (written.snippet) converted.insertTextFormat = InsertTextFormat.Snippet;
  if (written.text.includes('\n')) converted.insertTextMode = InsertTextMode.asIs;
  // The JSON filter text starts with the quote typed in JSON; in YAML the label is what is typed.
  if (wroteJson) delete converted.filterText;
  return converted;
}

/** `text` as the content of the typed scalar, in its quoting; a plain scalar is quoted where YAML needs it. */
function scalarInToken(token: YamlToken, text: string, snippet: boolean): Written {
  if (token.quote !== '') return { start: token.contentStart, end: token.contentEnd, text: inQuotes(token.quote, text), snippet };
  return { start: token.outerStart, end: token.outerEnd, text: (token.needsSpace ? ' ' : '') + yamlScalar(text, snippet, token.flow), snippet };
}

function inQuotes(quote: Exclude<YamlQuote, ''>, text: string): string {
  return quote === "'" ? text.replace(/'/g, "''") : text.replace(/"/g, '\\"');
}

function jsonInPlace(json: ItemJson, token: YamlToken, unit: number): Written | undefined {
  return token.role === 'key' ? keyInPlace(json, token, unit) : valueInPlace(json, token, unit);
}

/** `Key: value` (or only the key, when its colon is there). */
function keyInPlace(json: ItemJson, token: YamlToken, unit: number): Written | undefined {
  const lone = json.kind === 'values' && json.values.length === 1 && json.values[0].type === 'string' ? json.values[0].text : undefined;
  const key = json.kind === 'property' ? json.key : lone;
  if (key === undefined) return undefined;
  const value = json.kind === 'property' ? json.value : undefined;
  if (token.hasColon || !value) return scalarInToken(token, key, true);
  const after = `:${token.flow ? ` ${flowValue(value)}` : valueAfterKey(value, token.column, unit)}`;
  if (token.quote === '') return { start: token.outerStart, end: token.outerEnd, text: yamlScalar(key, true, token.flow) + after, snippet: true };
  return { start: token.contentStart, end: token.outerEnd, text: inQuotes(token.quote, key) + token.quote + after, snippet: true };
}

/** A value where nothing (or a statement's first word) was typed: a scalar in place, a block under its key or dash. */
function valueInPlace(json: ItemJson, token: YamlToken, unit: number): Written | undefined {
  if (json.kind !== 'values') return undefined;
  const [first, ...rest] = json.values;
  if ((first.type === 'string' || first.type === 'literal') && rest.length === 0) {
    return first.type === 'string' ? scalarInToken(token, first.text, true) : { start: token.outerStart, end: token.outerEnd, text: (token.needsSpace ? ' ' : '') + first.text, snippet: true };
  }
  const prefix = token.needsSpace ? ' ' : '';
  const whole = (text: string): Written => ({ start: token.outerStart, end: token.outerEnd, text: prefix + text, snippet: true });
  if (token.flow) return whole(json.values.map(flowValue).join(', '));
  if (token.seqItem) {
    const dash = token.dashColumn ?? token.column - 2;
    return whole(json.values.map((value, index) => (index === 0 ? itemBody(value, token.column, unit) : `\n${' '.repeat(dash)}- ${itemBody(value, dash + 2, unit)}`)).join(''));
  }
  if (token.keyColumn !== undefined && token.colonEnd !== undefined && rest.length === 0) {
    return { start: token.colonEnd, end: token.outerEnd, text: valueAfterKey(first as SnippetValue, token.keyColumn, unit), snippet: true };
  }
  return undefined;
}

/** Spaces per nesting level: the smallest indentation of the template's first lines, 2 when none says. */
export function indentUnitOf(text: string): number {
  let unit = 0;
  for (const line of text.split('\n', 400)) {
    const indent = /^ +(?=[^\s#])/.exec(line)?.[0].length ?? 0;
    if (indent > 0 && (unit === 0 || indent < unit)) unit = indent;
  }
  return unit > 0 && unit <= 8 ? unit : 2;
}
