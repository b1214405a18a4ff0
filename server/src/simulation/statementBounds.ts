/**
 * Where each statement object of a policy's text is, found without building the policy AST:
 * "who can" locates the deciding statements of hundreds of documents, and parsing each into
 * the AST (every node with its range, kept with the document for as long as the account model
 * lives) cost more than evaluating them. Only plain documents are read this way: strictly valid
 * JSON whose top-level object has exactly one "Statement" key written without escapes. For
 * anything else the caller uses the AST, which reads the first of duplicate keys, recovers from
 * syntax errors and decodes escapes (policy/parse.ts). Statement indexes follow the AST: a
 * single statement object is statement 0; in an array only objects count.
 */

export interface StatementBounds {
  /** Offset of the statement's opening brace in the text. */
  readonly offset: number;
  /** Up to and including its closing brace. */
  readonly length: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

export function statementBounds(text: string): readonly StatementBounds[] | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  // Valid JSON from here on: the scan below only needs to find where values end.
  let at = skipSpace(text, 0);
  if (text.charCodeAt(at) !== OPEN_BRACE) return undefined;
  at = skipSpace(text, at + 1);
  let statement: StatementBounds[] | undefined;
  while (text.charCodeAt(at) === QUOTE) {
    const keyEnd = stringEnd(text, at);
    const key = text.slice(at + 1, keyEnd - 1);
    if (key.includes('\\')) return undefined;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    const valueEnd = valueEndAt(text, valueStart);
    if (key === 'Statement') {
      if (statement) return undefined;
      statement = statementsIn(text, valueStart, valueEnd);
    }
    at = skipSpace(text, valueEnd);
    if (text.charCodeAt(at) === COMMA) at = skipSpace(text, at + 1);
  }
  return statement ?? [];
}

function statementsIn(text: string, start: number, end: number): StatementBounds[] {
  const code = text.charCodeAt(start);
  if (code === OPEN_BRACE) return [{ offset: start, length: end - start }];
  if (code !== OPEN_BRACKET) return [];
  const statements: StatementBounds[] = [];
  let at = skipSpace(text, start + 1);
  while (text.charCodeAt(at) !== CLOSE_BRACKET) {
    const itemEnd = valueEndAt(text, at);
    if (text.charCodeAt(at) === OPEN_BRACE) statements.push({ offset: at, length: itemEnd - at });
    at = skipSpace(text, itemEnd);
    if (text.charCodeAt(at) === COMMA) at = skipSpace(text, at + 1);
  }
  return statements;
}

/** The offset just past the value that starts at `at`. */
function valueEndAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code === QUOTE) return stringEnd(text, at);
  if (code !== OPEN_BRACE && code !== OPEN_BRACKET) {
    // A number or a literal: it ends at the next delimiter.
    let end = at;
    while (end < text.length && !isDelimiter(text.charCodeAt(end))) end++;
    return end;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The offset just past the closing quote of the string that starts at `at`. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return text.length;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    at++;
  }
  return at;
}

function isDelimiter(code: number): boolean {
  return code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COLON || code === 32 || code === 10 || code === 13 || code === 9;
}
