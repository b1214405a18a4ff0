/**
 * The JSON a completion item writes (`"Effect": "${1|Allow,Deny|}"`, `{ "AWS": "$1" }`,
 * `"s3:GetObject"`, statements separated by commas) read back as values, so it can be written
 * again as YAML. Strings keep their snippet text: tab stops, choices and `\$` escapes pass
 * through untouched.
 */
import { escapeSnippet } from '../snippets';

export type SnippetValue =
  /** A string; `text` is snippet text. */
  | { readonly type: 'string'; readonly text: string }
  /** A number, `true`, `null` or a bare tab stop, as written. */
  | { readonly type: 'literal'; readonly text: string }
  | { readonly type: 'object'; readonly entries: readonly SnippetEntry[] }
  | { readonly type: 'array'; readonly items: readonly SnippetValue[] };

export interface SnippetEntry {
  /** Snippet text. */
  readonly key: string;
  readonly value: SnippetValue;
}

/** A key with its value (`"Action": "$1"`), or one or more values (a lone string may also be a key). */
export type ItemJson = { readonly kind: 'property'; readonly key: string; readonly value: SnippetValue } | { readonly kind: 'values'; readonly values: readonly SnippetValue[] };

type Token = { readonly type: 'punctuation'; readonly text: string } | { readonly type: 'string'; readonly text: string } | { readonly type: 'literal'; readonly text: string };

/** Reads an item's new text; plain text is escaped first so that both read as snippet text. Undefined when it is not JSON. */
export function readItemJson(newText: string, snippet: boolean): ItemJson | undefined {
  const tokens = tokenize(snippet ? newText : escapeSnippet(newText));
  if (!tokens) return undefined;
  const reader = new Reader(tokens);
  try {
    if (tokens[0]?.type === 'string' && tokens[1]?.text === ':' && tokens[1].type === 'punctuation') {
      const key = tokens[0].text;
      reader.at = 2;
      const value = reader.value();
      reader.skip(',');
      return reader.done() ? { kind: 'property', key, value } : undefined;
    }
    const values: SnippetValue[] = [];
    while (!reader.done()) {
      values.push(reader.value());
      if (!reader.skip(',')) break;
    }
    return reader.done() && values.length > 0 ? { kind: 'values', values } : undefined;
  } catch {
    return undefined;
  }
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '\\') {
      // Outside strings snippet text escapes the closing braces (`\}`): the brace is what counts.
      i++;
    } else if ('{}[],:'.includes(ch)) {
      tokens.push({ type: 'punctuation', text: ch });
      i++;
    } else if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) return undefined;
      tokens.push({ type: 'string', text: text.slice(i + 1, end) });
      i = end + 1;
    } else {
      let end = i;
      // A bare tab stop `${1:x}` may hold a colon or comma; it ends at its closing brace.
      if (text.startsWith('${', i)) end = text.indexOf('}', i) + 1 || text.length;
      while (end < text.length && !/[\s{}[\],:"]/.test(text[end])) end++;
      tokens.push({ type: 'literal', text: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

class Reader {
  at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  skip(punctuation: string): boolean {
    const token = this.tokens[this.at];
    if (token?.type !== 'punctuation' || token.text !== punctuation) return false;
    this.at++;
    return true;
  }

  value(): SnippetValue {
    const token = this.tokens[this.at++];
    if (!token) throw new Error('value expected');
    if (token.type === 'string') return { type: 'string', text: token.text };
    if (token.type === 'literal') return { type: 'literal', text: token.text };
    if (token.text === '{') {
      const entries: SnippetEntry[] = [];
      if (this.skip('}')) return { type: 'object', entries };
      do {
        const key = this.tokens[this.at++];
        if (key?.type !== 'string' || !this.skip(':')) throw new Error('key expected');
        entries.push({ key: key.text, value: this.value() });
      } while (this.skip(','));
      if (!this.skip('}')) throw new Error('"}" expected');
      return { type: 'object', entries };
    }
    if (token.text === '[') {
      const items: SnippetValue[] = [];
      if (this.skip(']')) return { type: 'array', items };
      do items.push(this.value());
      while (this.skip(','));
      if (!this.skip(']')) throw new Error('"]" expected');
      return { type: 'array', items };
    }
    throw new Error(`unexpected "${token.text}"`);
  }
}
