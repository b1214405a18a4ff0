/**
 * Snippet values written as YAML: scalars plain where YAML reads them back as the same string
 * (single-quoted otherwise), mappings and sequences in block style under their key, or inline
 * in a flow collection. Lines carry their full indentation: the items are inserted as they are
 * (LSP insertTextMode asIs), because YAML nesting is decided by columns, not by the editor's
 * idea of the current line's indentation.
 */
import type { SnippetValue } from './itemJson';

/** What a snippet inserts before any tab stop is filled in: tab stops empty, placeholders and first choices as they are. */
export function snippetPreview(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '$') {
      const rest = text.slice(i);
      const stop = /^\$\d+|^\$\{\d+\}/.exec(rest);
      const choice = /^\$\{\d+\|([^,|]*)[^}]*\|\}/.exec(rest);
      const placeholder = /^\$\{\d+:((?:\\.|[^}\\])*)\}/.exec(rest);
      const match = stop ?? choice ?? placeholder;
      if (match) {
        out += choice ? choice[1] : placeholder ? snippetPreview(placeholder[1]) : '';
        i += match[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * A scalar as YAML. `text` is snippet text when `snippet` is set. Quoted when plain YAML would
 * read something else: an indicator first, `: ` or ` #` inside, flow indicators in a flow
 * collection, or a word YAML 1.1 (what CloudFormation follows) reads as a boolean, null, number
 * or date: `'2012-10-17'`, `'123456789012'`, `'false'`.
 */
export function yamlScalar(text: string, snippet: boolean, flow: boolean): string {
  // `s3:$0` reopens the list right after the colon: the value goes on, it does not end in `:`.
  const shown = snippet ? snippetPreview(text) + (text.endsWith(':$0') ? 'x' : '') : text;
  return needsQuotes(shown, flow) ? `'${text.replace(/'/g, "''")}'` : text;
}

const NOT_A_STRING = [
  /^(?:y|n|yes|no|true|false|on|off|null|~)$/i,
  /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/,
  /^[-+]?0x[\da-fA-F_]+$/,
  /^[-+]?\.(?:inf|nan)$/i,
  /^\d{4}-\d\d?-\d\d?(?:$|[Tt\s])/,
  /^[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?$/,
];

function needsQuotes(shown: string, flow: boolean): boolean {
  // An empty tab stop: the user types the value, and quotes would only be in the way.
  if (shown === '') return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(shown) || /\s$/.test(shown)) return true;
  if (/: |\s#|:$/.test(shown)) return true;
  if (flow && /[,[\]{}]/.test(shown)) return true;
  return NOT_A_STRING.some((pattern) => pattern.test(shown));
}

function scalarOf(value: SnippetValue & { type: 'string' | 'literal' }, flow: boolean): string {
  return value.type === 'string' ? yamlScalar(value.text, true, flow) : value.text;
}

const pad = (column: number) => ' '.repeat(column);

/** A value inline, as in `{Service: lambda.amazonaws.com}` or `[s3:GetObject, s3:PutObject]`. */
export function flowValue(value: SnippetValue): string {
  switch (value.type) {
    case 'string':
    case 'literal':
      return scalarOf(value, true);
    case 'object':
      return `{${value.entries.map((entry) => `${yamlScalar(entry.key, true, true)}: ${flowValue(entry.value)}`).join(', ')}}`;
    case 'array':
      return `[${value.items.map(flowValue).join(', ')}]`;
  }
}

/** The text after `Key:` (which sits at `keyColumn`): ` scalar`, or lines indented one `unit` deeper. */
export function valueAfterKey(value: SnippetValue, keyColumn: number, unit: number): string {
  const column = keyColumn + unit;
  switch (value.type) {
    case 'string':
    case 'literal':
      return ` ${scalarOf(value, false)}`;
    case 'object':
      if (value.entries.length === 0) return ' {}';
      return value.entries.map((entry) => `\n${pad(column)}${yamlScalar(entry.key, true, false)}:${valueAfterKey(entry.value, column, unit)}`).join('');
    case 'array':
      if (value.items.length === 0) return ' []';
      return value.items.map((item) => `\n${pad(column)}- ${itemBody(item, column + 2, unit)}`).join('');
  }
}

/** A sequence item's text after its `- `, whose first character is at `column`. */
export function itemBody(value: SnippetValue, column: number, unit: number): string {
  switch (value.type) {
    case 'string':
    case 'literal':
      return scalarOf(value, false);
    case 'object':
      if (value.entries.length === 0) return '{}';
      return value.entries.map((entry, index) => `${index ? `\n${pad(column)}` : ''}${yamlScalar(entry.key, true, false)}:${valueAfterKey(entry.value, column, unit)}`).join('');
    case 'array':
      return flowValue(value);
  }
}
