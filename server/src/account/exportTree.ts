/**
 * The tree of an export: the entities with their positions, built in one pass. Policy documents
 * (the bulk of an export) are not built: each is kept as the span of its object, to be parsed
 * from that exact substring when someone looks at it. Two scanners build it: the strict fast
 * path (exportFastScan.ts) for valid JSON, and here jsonc-parser's tolerant visitor, which
 * recovers from anything, collects syntax errors (inside documents too) with positions, and
 * closes whatever a truncated file leaves open at its end.
 */
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import type { Position, Range } from 'vscode-languageserver-types';
import { scanExportStrict } from './exportFastScan';
import { describeJsonError } from '../policy/parse';

/** Keys whose object value is a policy document (the GetAccountAuthorizationDetails response). */
export const DOCUMENT_KEYS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Document']);

/**
 * Where a value is. Positions are kept as plain numbers, not Position objects: a large export
 * has about a million of these and allocation is most of the cost of reading it.
 */
interface Span {
  readonly offset: number;
  /** End offset (exclusive); for a value cut off by the end of the file, the file's end. */
  end: number;
  readonly startLine: number;
  readonly startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface ExportObject extends Span {
  readonly type: 'object';
  readonly properties: ExportProperty[];
}
export interface ExportArray extends Span {
  readonly type: 'array';
  readonly items: ExportValue[];
}
export interface ExportScalar extends Span {
  readonly type: 'string' | 'number' | 'boolean' | 'null';
  readonly value: string | number | boolean | null;
}
/** A policy document object, not built: its text is `text.slice(offset, end)`. */
export interface ExportDocumentSpan extends Span {
  readonly type: 'document';
  /** False when the file ended inside it. */
  closed: boolean;
}
export type ExportValue = ExportObject | ExportArray | ExportScalar | ExportDocumentSpan;

export interface ExportProperty {
  readonly key: string;
  readonly keyLine: number;
  readonly keyCharacter: number;
  readonly keyLength: number;
  value?: ExportValue;
}

export function spanStart(span: ExportValue): Position {
  return { line: span.startLine, character: span.startCharacter };
}

export function spanRange(span: ExportValue): Range {
  return { start: spanStart(span), end: { line: span.endLine, character: span.endCharacter } };
}

export function keyRange(property: ExportProperty): Range {
  return {
    start: { line: property.keyLine, character: property.keyCharacter },
    end: { line: property.keyLine, character: property.keyCharacter + property.keyLength },
  };
}

export interface ExportSyntaxError {
  readonly message: string;
  readonly start: Position;
  readonly length: number;
}

export interface ExportTree {
  readonly root?: ExportValue;
  readonly errors: readonly ExportSyntaxError[];
  /** Set when the file ended with values still open: where it ended. */
  readonly truncatedAt?: Position;
}

/** The tree of an export: the strict fast path when the file is valid JSON, else the tolerant visitor. */
export function scanExport(text: string): ExportTree {
  return scanExportStrict(text, DOCUMENT_KEYS) ?? scanExportTolerant(text);
}

/** jsonc-parser's visitor: recovers from any error and reports each with its position. */
export function scanExportTolerant(text: string): ExportTree {
  try {
    return visitExport(text);
  } catch (error) {
    // jsonc-parser recurses per nesting level; absurd nesting overflows the stack.
    if (!(error instanceof RangeError)) throw error;
    return { errors: [{ message: 'The file is nested too deeply to be read as JSON.', start: { line: 0, character: 0 }, length: 0 }] };
  }
}

function visitExport(text: string): ExportTree {
  const stack: Array<ExportObject | ExportArray> = [];
  const errors: ExportSyntaxError[] = [];
  let root: ExportValue | undefined;
  let document: ExportDocumentSpan | undefined;
  let documentDepth = 0;

  const attach = (value: ExportValue) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root ??= value;
      return;
    }
    if (parent.type === 'array') parent.items.push(value);
    else {
      const property = parent.properties[parent.properties.length - 1];
      if (property && !property.value) property.value = value;
    }
  };
  const pendingKey = () => {
    const parent = stack[stack.length - 1];
    if (parent?.type !== 'object') return undefined;
    const property = parent.properties[parent.properties.length - 1];
    return property && !property.value ? property.key : undefined;
  };
  let truncated = false;
  /** The closing token's end; at the end of the file (a truncated file) the file's end. */
  const closeAt = (span: ExportValue, offset: number, line: number, character: number) => {
    const atEnd = offset >= text.length;
    span.end = atEnd ? text.length : offset + 1;
    span.endLine = line;
    span.endCharacter = atEnd ? character : character + 1;
    if (atEnd) truncated = true;
  };
  const close = (offset: number, line: number, character: number) => {
    const container = stack.pop();
    if (container) closeAt(container, offset, line, character);
  };

  visit(
    text,
    {
      onObjectBegin(offset, _length, line, character) {
        if (documentDepth > 0) {
          documentDepth++;
          return;
        }
        const span = { offset, end: text.length, startLine: line, startCharacter: character, endLine: line, endCharacter: character };
        const key = pendingKey();
        if (key !== undefined && DOCUMENT_KEYS.has(key)) {
          document = { type: 'document', ...span, closed: false };
          documentDepth = 1;
          attach(document);
          return;
        }
        const object: ExportObject = { type: 'object', ...span, properties: [] };
        attach(object);
        stack.push(object);
      },
      onObjectEnd(offset, _length, line, character) {
        if (documentDepth > 0) {
          documentDepth--;
          if (documentDepth === 0 && document) {
            closeAt(document, offset, line, character);
            document.closed = offset < text.length;
            document = undefined;
          }
          return;
        }
        close(offset, line, character);
      },
      onArrayBegin(offset, _length, line, character) {
        if (documentDepth > 0) {
          documentDepth++;
          return;
        }
        const array: ExportArray = { type: 'array', offset, end: text.length, startLine: line, startCharacter: character, endLine: line, endCharacter: character, items: [] };
        attach(array);
        stack.push(array);
      },
      onArrayEnd(offset, _length, line, character) {
        if (documentDepth > 0) {
          documentDepth--;
          return;
        }
        close(offset, line, character);
      },
      onObjectProperty(key, _offset, length, line, character) {
        if (documentDepth > 0) return;
        const parent = stack[stack.length - 1];
        if (parent?.type === 'object') parent.properties.push({ key, keyLine: line, keyCharacter: character, keyLength: length });
      },
      onLiteralValue(value: string | number | boolean | null, offset, length, line, character) {
        if (documentDepth > 0) return;
        const type = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
        attach({ type, value, offset, end: offset + length, startLine: line, startCharacter: character, endLine: line, endCharacter: character + length });
      },
      onError(error: ParseErrorCode, offset, length, line, character) {
        // At the end of the file, every container still open reports a missing closer: that is
        // one fact (the file is cut off), reported once as such.
        if (offset >= text.length && END_OF_FILE_ERRORS.has(printParseErrorCode(error))) {
          truncated = true;
          return;
        }
        // jsonc-parser reports a trailing comma twice (key expected, value expected): say it once, plainly.
        const previous = errors[errors.length - 1];
        if (previous && previous.start.line === line && previous.start.character === character) return;
        const trailingComma = (text[offset] === '}' || text[offset] === ']') && /,\s*$/.test(text.slice(Math.max(0, offset - 200), offset));
        const message = trailingComma ? `JSON does not allow a comma before '${text[offset]}'. Remove the comma.` : describeJsonError(printParseErrorCode(error), text.slice(offset, offset + Math.min(length, 20)));
        errors.push({ message, start: { line, character }, length });
      },
    },
    { allowTrailingComma: false, disallowComments: true },
  );

  if (!truncated && stack.length === 0 && documentDepth === 0) return { root, errors };
  // jsonc-parser closes what is open at the end of the file; anything left is closed here.
  const truncatedAt = endOf(text);
  for (const open of [...stack, ...(document ? [document] : [])]) {
    open.end = text.length;
    open.endLine = truncatedAt.line;
    open.endCharacter = truncatedAt.character;
  }
  return { root, errors, truncatedAt };
}

const END_OF_FILE_ERRORS = new Set(['CloseBraceExpected', 'CloseBracketExpected', 'ValueExpected', 'ColonExpected', 'PropertyNameExpected', 'CommaExpected']);

/** The position just after the last character; only needed for a truncated file. */
function endOf(text: string): Position {
  let line = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, character: text.length - lineStart };
}

