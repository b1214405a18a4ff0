/**
 * Snippet text (the LSP/TextMate snippet syntax): tab stops `${1:default}`, choices
 * `${1|a,b|}`, and JSON values with tab stops inside, written the way policies are usually laid
 * out (objects one key per line, short arrays of strings on one line).
 */

/** `$`, `}` and `\` are syntax in snippets; literal text must escape them. */
export function escapeSnippet(text: string): string {
  // Most text has nothing to escape; skipping the regular expression matters in long lists.
  if (!text.includes('$') && !text.includes('}') && !text.includes('\\')) return text;
  return text.replace(/[\\$}]/g, '\\$&');
}

// Private-use characters mark tab stops inside JSON text: JSON.stringify leaves them alone.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const CHOICE = '\uE002';

/** A tab stop with a default, to put inside a string of a `jsonSnippet` value. */
export function stop(index: number, placeholder = ''): string {
  return `${OPEN}${index}:${placeholder}${CLOSE}`;
}

/** A tab stop offering a choice, to put inside a string of a `jsonSnippet` value. */
export function choice(index: number, options: readonly string[]): string {
  return `${OPEN}${index}${CHOICE}${options.join(',')}${CLOSE}`;
}

/** Turns stop()/choice() markers in already-escaped text into snippet syntax. */
function resolveMarkers(escaped: string): string {
  return escaped.replace(new RegExp(`${OPEN}(\\d+)(:|${CHOICE})([^${CLOSE}]*)${CLOSE}`, 'g'), (_match, index: string, kind: string, body: string) =>
    kind === ':' ? (body ? `\${${index}:${body}}` : `\$${index}`) : `\${${index}|${body}|}`,
  );
}

/** The text a snippet inserts before any tab stop is changed: markers replaced by their defaults (first choice). */
export function previewText(text: string): string {
  return text.replace(new RegExp(`${OPEN}\\d+(?::([^${CLOSE}]*)|${CHOICE}([^,${CLOSE}]*)[^${CLOSE}]*)${CLOSE}`, 'g'), (_match, placeholder?: string, first?: string) => placeholder ?? first ?? '');
}

/** A JSON value as snippet text, indented with tabs (the editor turns them into the document's indentation). */
export function jsonSnippet(value: unknown, indent = ''): string {
  return resolveMarkers(escapeSnippet(layout(value, indent)));
}

/** JSON text with objects one key per line and short arrays of scalars on one line. */
export function layout(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== 'object' || item === null)) {
      const inline = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      if (inline.length <= 80) return inline;
    }
    const inner = indent + '\t';
    return `[\n${value.map((item) => inner + layout(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const inner = indent + '\t';
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${layout(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export interface ArnTemplateDefaults {
  readonly partition: string;
  readonly accountId?: string;
  readonly region?: string;
}

/**
 * An ARN format of the Service Authorization Reference ("arn:${Partition}:s3:::${BucketName}")
 * as a snippet: the partition written out, a tab stop per placeholder, the account and region
 * pre-filled when known. `firstStop` numbers the first tab stop.
 */
export function arnFormatSnippet(format: string, defaults: ArnTemplateDefaults, firstStop = 1): string {
  let index = firstStop;
  let snippet = '';
  let at = 0;
  const pattern = /\$\{([^}]*)\}/g;
  for (let match = pattern.exec(format); match; match = pattern.exec(format)) {
    snippet += escapeSnippet(format.slice(at, match.index));
    at = match.index + match[0].length;
    const name = match[1];
    if (name === 'Partition') {
      snippet += escapeSnippet(defaults.partition);
      continue;
    }
    const placeholder = name === 'Account' ? (defaults.accountId ?? 'account-id') : name === 'Region' ? (defaults.region ?? 'region') : name;
    snippet += `\${${index++}:${escapeSnippet(placeholder)}}`;
  }
  return snippet + escapeSnippet(format.slice(at));
}
