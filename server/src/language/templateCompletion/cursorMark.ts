/**
 * The route from a YAML template's cursor into a policy completion can understand: a copy of the
 * template with a mark at the cursor (and a colon after a key typed without one), which the
 * template loader reads like any template, so the YAML parser places what is being typed by its
 * indentation and the loader renders the document as JSON with the mark inside one string; then
 * a probe, that JSON without the mark, with the cursor where the mark was.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { YamlToken } from './yamlCursor';

/** A private-use character no template contains (snippets.ts uses U+E000..U+E002). */
export const CURSOR_MARK = '\uE0FF';

/** The template with the mark at the cursor; a key typed without a colon gets one, so it reads as a key. */
export function markCursor(text: string, token: YamlToken, offset: number): string {
  const mark = (token.needsSpace ? ' ' : '') + CURSOR_MARK;
  if (token.role === 'key' && !token.hasColon) {
    return text.slice(0, offset) + mark + text.slice(offset, token.outerEnd) + ': ' + text.slice(token.outerEnd);
  }
  return text.slice(0, offset) + mark + text.slice(offset);
}

/** A policy text for completion, with the cursor in the string that was typed. Offsets are in `text`. */
export interface Probe {
  readonly text: string;
  readonly offset: number;
  /** The typed string's characters, between its quotes; when the value was empty, nothing is there and both are the cursor. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** The same string with its quotes. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
  /** The value was empty: the probe has no string at the cursor, as a policy with nothing typed there. */
  readonly empty: boolean;
  /** The string's value without the mark, to compare with the template's own characters. */
  readonly content: string;
}

/**
 * The probe for a rendered document that holds the mark: undefined unless the mark sits in
 * exactly one string, as a key where a key is typed and as a value where a value is.
 */
export function probeFromRendered(rendered: string, token: YamlToken): Probe | undefined {
  const mark = rendered.indexOf(CURSOR_MARK);
  if (mark < 0 || rendered.includes(CURSOR_MARK, mark + 1)) return undefined;
  const scanner = createScanner(rendered, true);
  let kind = scanner.scan();
  while (kind !== SyntaxKind.EOF && scanner.getTokenOffset() + scanner.getTokenLength() <= mark) kind = scanner.scan();
  const start = scanner.getTokenOffset();
  const end = start + scanner.getTokenLength();
  if (kind !== SyntaxKind.StringLiteral || start > mark) return undefined;
  const raw = rendered.slice(start + 1, end - 1);
  const content = scanner.getTokenValue().replace(CURSOR_MARK, '');
  // Offsets inside the string map one for one onto the template only when nothing is escaped.
  if (raw.replace(CURSOR_MARK, '') !== content) return undefined;
  const isKey = scanner.scan() === SyntaxKind.ColonToken;
  if (isKey !== (token.role === 'key')) return undefined;

  const contentEnd = end - 1 - CURSOR_MARK.length;
  if (token.role === 'value' && token.contentStart === token.contentEnd && token.quote === '') {
    if (content !== '') return undefined;
    const text = rendered.slice(0, start) + rendered.slice(end);
    return { text, offset: start, contentStart: start, contentEnd: start, tokenStart: start, tokenEnd: start, empty: true, content };
  }
  let text = rendered.slice(0, mark) + rendered.slice(mark + CURSOR_MARK.length);
  if (token.role === 'key' && !token.hasColon) {
    // `"Ac": null` -> `"Ac"`: a key without its colon, so completion writes the key with a value.
    const afterKey = end - CURSOR_MARK.length;
    if (!text.startsWith(': null', afterKey)) return undefined;
    text = text.slice(0, afterKey) + text.slice(afterKey + ': null'.length);
  }
  return { text, offset: mark, contentStart: start + 1, contentEnd, tokenStart: start, tokenEnd: contentEnd + 1, empty: false, content };
}
