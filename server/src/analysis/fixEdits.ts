/**
 * Edits that quick fixes are made of. Each keeps the document valid JSON and keeps the user's
 * layout: removing an array item takes its comma with it, a replaced list keeps one-per-line or
 * inline as it was, an inserted property copies the indentation of its neighbours.
 */
import type { JsonProperty, JsonValue, PolicyAst, PolicyString, StringListElement } from '../policy/ast';
import type { FixData, FixEdit } from './finding';

type Range = FixEdit['range'];

/**
 * The fixes of a redundant entry of a list element (REDUNDANT_ACTION, REDUNDANT_RESOURCE): remove
 * it (preferred), and, when the element has several, remove them all at once.
 */
export function redundantEntryFixes(ast: PolicyAst, element: StringListElement, redundant: readonly PolicyString[], noun: string): (entry: PolicyString) => FixData[] {
  const items = element.property.value?.items ?? [];
  const removeAll: FixData | undefined =
    redundant.length > 1
      ? {
          title: `Remove all ${redundant.length} redundant ${noun} of this ${element.property.key}`,
          edits: removeArrayItems(
            ast,
            items,
            redundant.map((entry) => items.indexOf(entry.node)),
          ),
        }
      : undefined;
  return (entry) => {
    const fixes: FixData[] = [{ title: `Remove "${entry.value}"`, edits: [removeArrayItem(ast, items, items.indexOf(entry.node))], preferred: true }];
    if (removeAll) fixes.push(removeAll);
    return fixes;
  };
}

/** Replace a string token by another string value. */
export function replaceWith(range: Range, value: string, title = `Change to "${value}"`): FixData {
  return { title, edits: [{ range, newText: JSON.stringify(value) }], preferred: true };
}

function rangeOf(ast: PolicyAst, start: number, end: number): Range {
  return { start: ast.positionAt(start), end: ast.positionAt(end) };
}

/**
 * Removes `items[index]` from an array, with the comma and white space that separate it from its
 * neighbour, so `["a", "b", "c"]` minus "b" is `["a", "c"]` and one-per-line stays one-per-line.
 */
export function removeArrayItem(ast: PolicyAst, items: readonly JsonValue[], index: number): FixEdit {
  const item = items[index];
  if (index + 1 < items.length) return { range: rangeOf(ast, item.offset, items[index + 1].offset), newText: '' };
  if (index > 0) {
    const previous = items[index - 1];
    return { range: rangeOf(ast, previous.offset + previous.length, item.offset + item.length), newText: '' };
  }
  return { range: rangeOf(ast, item.offset, item.offset + item.length), newText: '' };
}

/** Removes several items of one array in one fix (edits must not overlap, so runs are merged). */
export function removeArrayItems(ast: PolicyAst, items: readonly JsonValue[], indexes: Iterable<number>): FixEdit[] {
  const remove = new Set(indexes);
  const kept = items.filter((_, i) => !remove.has(i));
  if (kept.length === 0 && items.length > 0) {
    const first = items[0];
    const last = items[items.length - 1];
    return [{ range: rangeOf(ast, first.offset, last.offset + last.length), newText: '' }];
  }
  const edits: FixEdit[] = [];
  // Remove each item together with the separator that follows it; a removed last item takes the separator before it.
  for (let i = 0; i < items.length; i++) {
    if (!remove.has(i)) continue;
    const item = items[i];
    if (i + 1 < items.length) {
      let end = i + 1;
      while (end < items.length && remove.has(end)) end++;
      if (end < items.length) {
        edits.push({ range: rangeOf(ast, item.offset, items[end].offset), newText: '' });
        i = end - 1;
        continue;
      }
    }
    let start = i;
    while (start > 0 && remove.has(start - 1)) start--;
    const previous = items[start - 1];
    edits.push({ range: rangeOf(ast, previous.offset + previous.length, items[items.length - 1].offset + items[items.length - 1].length), newText: '' });
    break;
  }
  return edits;
}

/** The indentation of the line `offset` is on. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return match ? match[0] : '';
}

/** One indentation step as the document uses it (two spaces when it cannot be told). */
export function indentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  return match ? match[1] : '  ';
}

/**
 * JSON text for a list of strings that replaces `node` (a string or an array), laid out as the
 * original was: a multi-line array stays one item per line at the same indentation.
 */
export function stringListText(ast: PolicyAst, node: JsonValue, values: readonly string[]): string {
  if (values.length === 1 && node.type === 'string') return JSON.stringify(values[0]);
  const original = ast.text.slice(node.offset, node.offset + node.length);
  const multiLine = original.includes('\n') || values.length > 3;
  if (!multiLine) return `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
  const base = indentationAt(ast.text, node.offset);
  const itemIndent =
    node.type === 'array' && node.items && node.items.length > 0 && original.includes('\n')
      ? indentationAt(ast.text, node.items[0].offset)
      : base + indentUnit(ast.text);
  return `[\n${values.map((value) => `${itemIndent}${JSON.stringify(value)}`).join(',\n')}\n${base}]`;
}

/** Replaces a whole value (string or array of strings) by a list of strings. */
export function replaceStringList(ast: PolicyAst, node: JsonValue, values: readonly string[], title: string): FixData {
  return { title, edits: [{ range: node.range, newText: stringListText(ast, node, values) }] };
}

/**
 * Inserts `"key": valueJson` as the first property of an object, on its own line when the
 * object's properties are on their own lines.
 */
export function insertFirstProperty(ast: PolicyAst, object: JsonValue, key: string, valueJson: string): FixEdit {
  const first = object.properties?.[0];
  const braceEnd = object.offset + 1;
  if (!first) return { range: rangeOf(ast, braceEnd, braceEnd), newText: ` ${JSON.stringify(key)}: ${valueJson} ` };
  const between = ast.text.slice(braceEnd, first.offset);
  if (between.includes('\n')) {
    const indent = indentationAt(ast.text, first.offset);
    return { range: rangeOf(ast, first.offset, first.offset), newText: `${JSON.stringify(key)}: ${valueJson},\n${indent}` };
  }
  return { range: rangeOf(ast, first.offset, first.offset), newText: `${JSON.stringify(key)}: ${valueJson}, ` };
}

/**
 * Removes `"key": value` from an object with the comma that separates it from a neighbour, as
 * removeArrayItem does for array items; the last property leaves `{}`.
 */
export function removeProperty(ast: PolicyAst, object: JsonValue, property: JsonProperty): FixEdit {
  const properties = object.properties ?? [];
  const index = properties.indexOf(property);
  if (index + 1 < properties.length && index >= 0) return { range: rangeOf(ast, property.offset, properties[index + 1].offset), newText: '' };
  if (index > 0) {
    const previous = properties[index - 1];
    return { range: rangeOf(ast, previous.offset + previous.length, property.offset + property.length), newText: '' };
  }
  return { range: rangeOf(ast, object.offset + 1, object.offset + object.length - 1), newText: '' };
}

/**
 * Replaces one string of a string-or-array element by several strings: a lone string becomes an
 * array laid out by `stringListText`; inside an array the new strings take the item's place,
 * one per line at the item's indentation when the array is one per line.
 */
export function replaceListItemWithStrings(ast: PolicyAst, element: JsonValue, item: JsonValue, values: readonly string[]): FixEdit {
  if (element.type !== 'array' || !element.items) return { range: element.range, newText: stringListText(ast, element, values) };
  const original = ast.text.slice(element.offset, element.offset + element.length);
  const separator = original.includes('\n') ? `,\n${indentationAt(ast.text, item.offset)}` : ', ';
  return { range: item.range, newText: values.map((value) => JSON.stringify(value)).join(separator) };
}
