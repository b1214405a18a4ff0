/**
 * Policy text -> tree of JsonValues with their ranges, in one pass: the tolerant JSON reading of
 * jsonc-parser's `parseTree` (the scanner VS Code's JSON support uses), with the same error
 * recovery, the same errors at the same offsets and the same tree, built straight into the AST's
 * node shapes. The options are fixed to what policies need: comments are errors, trailing
 * commas are accepted (parse.ts reports them), empty text is no error.
 *
 * Why not call jsonc-parser: its scanner builds a string of every run of white space, and its
 * tree is a second copy of the document that parse.ts then converted; reading a folder of
 * policies spent a third of its parse time on that. The scanning and recovery rules below are
 * ported from jsonc-parser 3.3 (src/impl/scanner.ts and the `visit` of src/impl/parser.ts,
 * MIT License, Copyright (c) Microsoft Corporation). When this was written, parsePolicy gave the
 * same AST with both on every AWS managed policy and on some 80,000 damaged or random documents.
 */
import type { Range } from 'vscode-languageserver-types';
import type { JsonProperty, JsonType, JsonValue } from './ast';
import type { LineIndex } from './lineIndex';

/** jsonc-parser's ParseErrorCode names (printParseErrorCode), which parse.ts turns into messages. */
export type JsonErrorCode =
  | 'InvalidSymbol'
  | 'InvalidNumberFormat'
  | 'PropertyNameExpected'
  | 'ValueExpected'
  | 'ColonExpected'
  | 'CommaExpected'
  | 'CloseBraceExpected'
  | 'CloseBracketExpected'
  | 'EndOfFileExpected'
  | 'InvalidCommentToken'
  /** Never reported: comments are an error of their own (InvalidCommentToken). */
  | 'UnexpectedEndOfComment'
  | 'UnexpectedEndOfString'
  | 'UnexpectedEndOfNumber'
  | 'InvalidUnicode'
  | 'InvalidEscapeCharacter'
  | 'InvalidCharacter';

export interface JsonError {
  readonly code: JsonErrorCode;
  readonly offset: number;
  readonly length: number;
}

export interface JsonTree {
  /** The root value; undefined for empty text (or text that holds no value). */
  readonly root?: JsonValue;
  readonly errors: readonly JsonError[];
  /** Something nested deeper than `maxDepth`: those values are left empty. */
  readonly tooDeep: boolean;
  /**
   * Offsets of the commas the reader took as trailing ones (directly before a closing brace or
   * bracket), in order. Complete only when there are no errors: error recovery skips tokens.
   */
  readonly trailingCommas: readonly number[];
  /** Whether `offset` lies strictly inside a string token of the tree (a key or a string value). */
  insideString(offset: number): boolean;
}

/**
 * A value of the tree. Its range is computed when first read, then kept: most ranges are never
 * read (the CLI reads one per finding), and a Range with two Positions for every value and two
 * for every property were some 40% of the parse's memory. The range is a getter, not an own
 * property, so a node must not be spread, serialized or structured-cloned (nothing does that;
 * LSP messages carry the Range itself, a plain object).
 */
class JsonNode implements JsonValue {
  private knownRange: Range | undefined = undefined;

  constructor(
    private readonly lines: LineIndex,
    readonly type: JsonType,
    readonly offset: number,
    readonly length: number,
    readonly value: string | number | boolean | null | undefined,
    readonly properties: readonly JsonProperty[] | undefined,
    readonly items: readonly JsonValue[] | undefined,
  ) {}

  get range(): Range {
    return (this.knownRange ??= this.lines.range(this.offset, this.length));
  }
}

/** A `"key": value` pair, its ranges computed when first read (as JsonNode's). */
class JsonPropertyNode implements JsonProperty {
  private knownKeyRange: Range | undefined = undefined;
  private knownRange: Range | undefined = undefined;

  constructor(
    private readonly lines: LineIndex,
    readonly key: string,
    readonly keyOffset: number,
    readonly keyLength: number,
    readonly colonOffset: number | undefined,
    readonly value: JsonValue | undefined,
    readonly offset: number,
    readonly length: number,
  ) {}

  get keyRange(): Range {
    return (this.knownKeyRange ??= this.lines.range(this.keyOffset, this.keyLength));
  }

  get range(): Range {
    return (this.knownRange ??= this.lines.range(this.offset, this.length));
  }
}

// Token kinds (jsonc-parser's SyntaxKind, trivia left out: the reader skips it).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL = 7;
const TRUE = 8;
const FALSE = 9;
const STRING = 10;
const NUMBER = 11;
const EOF = 17;

/** Scan errors a token can carry (jsonc-parser's ScanError). */
type ScanError = 'UnexpectedEndOfString' | 'UnexpectedEndOfNumber' | 'InvalidUnicode' | 'InvalidEscapeCharacter' | 'InvalidCharacter' | undefined;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Characters that end a run of unknown text (a literal such as `true`, or garbage). */
function endsUnknownRun(code: number): boolean {
  switch (code) {
    case 32: // space
    case 9: // tab
    case 10: // \n
    case 13: // \r
    case 125: // }
    case 93: // ]
    case 123: // {
    case 91: // [
    case 34: // "
    case 58: // :
    case 44: // ,
    case 47: // /
      return true;
    default:
      return false;
  }
}

export function readJsonTree(text: string, lines: LineIndex, maxDepth: number): JsonTree {
  const reader = new JsonReader(text, lines, maxDepth);
  const root = reader.readDocument();
  const strings = reader.stringTokens;
  return {
    root,
    errors: reader.errors,
    tooDeep: reader.tooDeep,
    trailingCommas: reader.trailingCommas,
    insideString(offset) {
      // Tokens are recorded in document order as [offset, end, offset, end, ...].
      let low = 0;
      let high = strings.length / 2 - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const start = strings[2 * middle];
        if (offset <= start) high = middle - 1;
        else if (offset >= strings[2 * middle + 1]) low = middle + 1;
        else return true;
      }
      return false;
    },
  };
}

/**
 * The properties or items read so far of the objects or arrays being read, innermost last. Each
 * object or array takes its own off when it ends, as an array of the exact size: a fresh array
 * that is pushed onto reserves room for 16, and most objects and lists in policies hold one to
 * four (that spare room was a tenth of the parse's memory). Taken entries stay behind until
 * overwritten, because setting `length` to drop them is a runtime call each time.
 */
class PendingEntries<T> {
  private readonly entries: T[] = [];
  private count = 0;

  /** Where the entries of an object or array that starts now will begin. */
  get end(): number {
    return this.count;
  }

  push(entry: T): void {
    this.entries[this.count++] = entry;
  }

  takeFrom(first: number): T[] {
    const taken = this.entries.slice(first, this.count);
    this.count = first;
    return taken;
  }
}

class JsonReader {
  readonly errors: JsonError[] = [];
  tooDeep = false;
  readonly trailingCommas: number[] = [];
  /** Offsets and ends of the string tokens that became keys or values, in order. */
  readonly stringTokens: number[] = [];
  private readonly pendingProperties = new PendingEntries<JsonProperty>();
  private readonly pendingItems = new PendingEntries<JsonValue>();

  private pos = 0;
  private token: number = EOF;
  private tokenOffset = 0;
  /** The decoded string, or the text of a number. */
  private value = '';
  private scanError: ScanError;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly maxDepth: number,
  ) {}

  readDocument(): JsonValue | undefined {
    this.next();
    if (this.token === EOF) return undefined;
    const root = this.readValue(0);
    if (!root) {
      this.error('ValueExpected');
      return undefined;
    }
    if (this.token !== EOF) this.error('EndOfFileExpected');
    return root;
  }

  // --- parsing (jsonc-parser's visit, building the tree parseTree would) ----------------

  /**
   * A value at the current token, or undefined (nothing consumed) when the token starts none.
   * Arrays and objects call readArray and readObject directly rather than through here, so that
   * each level of nesting takes as few stack frames as it can (parse.test.ts reads arrays nested
   * 5,000 deep; past what the stack holds, parse.ts reports the document as nested too deeply).
   */
  private readValue(depth: number): JsonValue | undefined {
    switch (this.token) {
      case OPEN_BRACKET:
        return this.readArray(depth);
      case OPEN_BRACE:
        return this.readObject(depth);
      case STRING: {
        const offset = this.tokenOffset;
        const length = this.pos - offset;
        this.stringTokens.push(offset, offset + length);
        const value = this.value;
        this.next();
        return this.literal('string', offset, length, value, depth);
      }
      case NUMBER: {
        let value = Number(this.value);
        if (isNaN(value)) {
          this.error('InvalidNumberFormat');
          value = 0;
        }
        return this.literalToken('number', value, depth);
      }
      case NULL:
        return this.literalToken('null', null, depth);
      case TRUE:
        return this.literalToken('boolean', true, depth);
      case FALSE:
        return this.literalToken('boolean', false, depth);
      default:
        return undefined;
    }
  }

  private literalToken(type: 'number' | 'boolean' | 'null', value: number | boolean | null, depth: number): JsonValue {
    const offset = this.tokenOffset;
    const length = this.pos - offset;
    this.next();
    return this.literal(type, offset, length, value, depth);
  }

  private literal(type: 'string' | 'number' | 'boolean' | 'null', offset: number, length: number, value: string | number | boolean | null, depth: number): JsonValue {
    if (depth > this.maxDepth) return this.tooDeepValue('object', offset, length);
    return new JsonNode(this.lines, type, offset, length, value, undefined, undefined);
  }

  /** What parse.ts always made of a value nested too deeply: an empty object or array. */
  private tooDeepValue(type: 'object' | 'array', offset: number, length: number): JsonValue {
    this.tooDeep = true;
    return new JsonNode(this.lines, type, offset, length, undefined, [], []);
  }

  private readObject(depth: number): JsonValue {
    const offset = this.tokenOffset;
    const first = this.pendingProperties.end;
    this.next();
    let needsComma = false;
    while (this.token !== CLOSE_BRACE && this.token !== EOF) {
      if (this.token === COMMA) {
        if (!needsComma) this.error('ValueExpected');
        if (this.trailingComma(CLOSE_BRACE)) break;
      } else if (needsComma) {
        this.error('CommaExpected');
      }
      if (this.token === STRING) this.pendingProperties.push(this.readProperty(depth + 1));
      else {
        this.error('PropertyNameExpected', CLOSE_BRACE, COMMA);
        this.error('ValueExpected', CLOSE_BRACE, COMMA);
      }
      needsComma = true;
    }
    const length = this.tokenOffset + (this.pos - this.tokenOffset) - offset;
    if (this.token !== CLOSE_BRACE) this.errorSkippingPast('CloseBraceExpected', CLOSE_BRACE);
    else this.next();
    const properties = this.pendingProperties.takeFrom(first);
    if (depth > this.maxDepth) return this.tooDeepValue('object', offset, length);
    return new JsonNode(this.lines, 'object', offset, length, undefined, properties, undefined);
  }

  /** `"key": value` at a string token, the value missing when it is. */
  private readProperty(depth: number): JsonProperty {
    const keyOffset = this.tokenOffset;
    const keyLength = this.pos - keyOffset;
    const key = this.value;
    this.stringTokens.push(keyOffset, keyOffset + keyLength);
    this.next();
    let colonOffset: number | undefined;
    let value: JsonValue | undefined;
    if (this.token === COLON) {
      colonOffset = this.tokenOffset;
      const token = this.next();
      value = token === OPEN_BRACKET ? this.readArray(depth + 1) : token === OPEN_BRACE ? this.readObject(depth + 1) : this.readValue(depth + 1);
      if (!value) this.error('ValueExpected', CLOSE_BRACE, COMMA);
    } else {
      this.error('ColonExpected', CLOSE_BRACE, COMMA);
    }
    const end = value ? value.offset + value.length : keyOffset + keyLength;
    return new JsonPropertyNode(this.lines, key, keyOffset, keyLength, colonOffset, value, keyOffset, end - keyOffset);
  }

  private readArray(depth: number): JsonValue {
    const offset = this.tokenOffset;
    const first = this.pendingItems.end;
    this.next();
    let needsComma = false;
    while (this.token !== CLOSE_BRACKET && this.token !== EOF) {
      if (this.token === COMMA) {
        if (!needsComma) this.error('ValueExpected');
        if (this.trailingComma(CLOSE_BRACKET)) break;
      } else if (needsComma) {
        this.error('CommaExpected');
      }
      const item = this.token === OPEN_BRACKET ? this.readArray(depth + 1) : this.token === OPEN_BRACE ? this.readObject(depth + 1) : this.readValue(depth + 1);
      if (item) this.pendingItems.push(item);
      else this.error('ValueExpected', CLOSE_BRACKET, COMMA);
      needsComma = true;
    }
    const length = this.pos - offset;
    if (this.token !== CLOSE_BRACKET) this.errorSkippingPast('CloseBracketExpected', CLOSE_BRACKET);
    else this.next();
    const items = this.pendingItems.takeFrom(first);
    if (depth > this.maxDepth) return this.tooDeepValue('array', offset, length);
    return new JsonNode(this.lines, 'array', offset, length, undefined, undefined, items);
  }

  /** Moves past the comma at the current token; whether `close` follows it (the comma is recorded as trailing then). */
  private trailingComma(close: number): boolean {
    const comma = this.tokenOffset;
    if (this.next() !== close) return false;
    this.trailingCommas.push(comma);
    return true;
  }

  /** Reports `code` at the current token, then skips tokens up to (not past) one of `until`, if given. */
  private error(code: JsonErrorCode, ...until: number[]): void {
    this.errors.push({ code, offset: this.tokenOffset, length: this.pos - this.tokenOffset });
    if (until.length === 0) return;
    while (this.token !== EOF && !until.includes(this.token)) this.next();
  }

  /** Reports `code` at the current token, then skips tokens up to and past `past`. */
  private errorSkippingPast(code: JsonErrorCode, past: number): void {
    this.errors.push({ code, offset: this.tokenOffset, length: this.pos - this.tokenOffset });
    while (this.token !== EOF) {
      if (this.token === past) {
        this.next();
        return;
      }
      this.next();
    }
  }

  // --- scanning -----------------------------------------------------------------------------

  /** Moves to the next token that is not trivia, reporting scan errors, comments and unknown symbols on the way. */
  private next(): number {
    for (;;) {
      const token = this.scan();
      if (this.scanError) this.errors.push({ code: this.scanError, offset: this.tokenOffset, length: this.pos - this.tokenOffset });
      if (token >= 0) {
        this.token = token;
        return token;
      }
      // Comments are -2; anything unknown -3.
      if (token === -2) this.errors.push({ code: 'InvalidCommentToken', offset: this.tokenOffset, length: this.pos - this.tokenOffset });
      else if (token === -3) this.errors.push({ code: 'InvalidSymbol', offset: this.tokenOffset, length: this.pos - this.tokenOffset });
    }
  }

  /** One token from `pos`, after white space: a token kind, or -2 a comment, -3 an unknown symbol. */
  private scan(): number {
    const text = this.text;
    const length = text.length;
    this.scanError = undefined;
    let pos = this.pos;
    let code = text.charCodeAt(pos);
    // White space and line breaks are skipped here rather than returned as a token of their own
    // (as jsonc-parser does): nothing in them is an error, and indented policies are half blanks.
    while (code === 32 || code === 9 || code === 10 || code === 13) code = text.charCodeAt(++pos);
    this.pos = pos;
    this.tokenOffset = pos;
    if (pos >= length) {
      this.tokenOffset = length;
      return EOF;
    }
    switch (code) {
      case 123:
        this.pos = pos + 1;
        return OPEN_BRACE;
      case 125:
        this.pos = pos + 1;
        return CLOSE_BRACE;
      case 91:
        this.pos = pos + 1;
        return OPEN_BRACKET;
      case 93:
        this.pos = pos + 1;
        return CLOSE_BRACKET;
      case 58:
        this.pos = pos + 1;
        return COLON;
      case 44:
        this.pos = pos + 1;
        return COMMA;
      case 34:
        this.pos = pos + 1;
        this.value = this.scanString();
        return STRING;
      case 47: {
        if (text.charCodeAt(pos + 1) === 47) {
          pos += 2;
          while (pos < length && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
          this.pos = pos;
          return -2;
        }
        if (text.charCodeAt(pos + 1) === 42) {
          pos += 2;
          let closed = false;
          while (pos < length - 1) {
            if (text.charCodeAt(pos) === 42 && text.charCodeAt(pos + 1) === 47) {
              pos += 2;
              closed = true;
              break;
            }
            pos++;
          }
          // As jsonc-parser: an unclosed comment reaches one past its last character.
          if (!closed) pos++;
          this.pos = pos;
          return -2;
        }
        this.pos = pos + 1;
        return -3;
      }
      case 45: // '-': a number, or an unknown symbol
        if (pos + 1 === length || !isDigit(text.charCodeAt(pos + 1))) {
          this.pos = pos + 1;
          return -3;
        }
        this.pos = pos + 1;
        this.value = '-' + this.scanNumber();
        return NUMBER;
      default:
        if (isDigit(code)) {
          this.value = this.scanNumber();
          return NUMBER;
        }
        while (pos < length && !endsUnknownRun(code)) code = text.charCodeAt(++pos);
        if (this.tokenOffset !== pos) {
          this.pos = pos;
          switch (text.slice(this.tokenOffset, pos)) {
            case 'true':
              return TRUE;
            case 'false':
              return FALSE;
            case 'null':
              return NULL;
            default:
              return -3;
          }
        }
        this.pos = pos + 1;
        return -3;
    }
  }

  /** The digits from `pos`, as jsonc-parser reads them (a bad fraction or exponent is an error, not part of the value). */
  private scanNumber(): string {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 48) pos++;
    else {
      pos++;
      while (pos < text.length && isDigit(text.charCodeAt(pos))) pos++;
    }
    if (pos < text.length && text.charCodeAt(pos) === 46) {
      pos++;
      if (pos < text.length && isDigit(text.charCodeAt(pos))) {
        pos++;
        while (pos < text.length && isDigit(text.charCodeAt(pos))) pos++;
      } else {
        this.scanError = 'UnexpectedEndOfNumber';
        this.pos = pos;
        return text.substring(start, pos);
      }
    }
    let end = pos;
    if (pos < text.length && (text.charCodeAt(pos) === 69 || text.charCodeAt(pos) === 101)) {
      pos++;
      // (sic: jsonc-parser accepts a '-' here even past the end of the text, which cannot happen)
      if ((pos < text.length && text.charCodeAt(pos) === 43) || text.charCodeAt(pos) === 45) pos++;
      if (pos < text.length && isDigit(text.charCodeAt(pos))) {
        pos++;
        while (pos < text.length && isDigit(text.charCodeAt(pos))) pos++;
        end = pos;
      } else {
        this.scanError = 'UnexpectedEndOfNumber';
      }
    }
    this.pos = pos;
    return text.substring(start, end);
  }

  /** The string's value from after its opening quote; `pos` ends after the closing quote. */
  private scanString(): string {
    const text = this.text;
    const length = text.length;
    let pos = this.pos;
    let start = pos;
    // The common case, a string without escapes or control characters, is one slice.
    for (;;) {
      if (pos >= length) break;
      const code = text.charCodeAt(pos);
      if (code === 34) {
        this.pos = pos + 1;
        return text.substring(start, pos);
      }
      if (code === 92 || code <= 0x1f) break;
      pos++;
    }
    let result = '';
    for (;;) {
      if (pos >= length) {
        result += text.substring(start, pos);
        this.scanError = 'UnexpectedEndOfString';
        break;
      }
      const code = text.charCodeAt(pos);
      if (code === 34) {
        result += text.substring(start, pos);
        pos++;
        break;
      }
      if (code === 92) {
        result += text.substring(start, pos);
        pos++;
        if (pos >= length) {
          this.scanError = 'UnexpectedEndOfString';
          break;
        }
        const escaped = text.charCodeAt(pos++);
        switch (escaped) {
          case 34:
            result += '"';
            break;
          case 92:
            result += '\\';
            break;
          case 47:
            result += '/';
            break;
          case 98:
            result += '\b';
            break;
          case 102:
            result += '\f';
            break;
          case 110:
            result += '\n';
            break;
          case 114:
            result += '\r';
            break;
          case 116:
            result += '\t';
            break;
          case 117: {
            let digits = 0;
            let value = 0;
            while (digits < 4) {
              const hex = text.charCodeAt(pos);
              if (hex >= 48 && hex <= 57) value = value * 16 + hex - 48;
              else if (hex >= 65 && hex <= 70) value = value * 16 + hex - 65 + 10;
              else if (hex >= 97 && hex <= 102) value = value * 16 + hex - 97 + 10;
              else break;
              pos++;
              digits++;
            }
            if (digits === 4) result += String.fromCharCode(value);
            else this.scanError = 'InvalidUnicode';
            break;
          }
          default:
            this.scanError = 'InvalidEscapeCharacter';
        }
        start = pos;
        continue;
      }
      if (code <= 0x1f) {
        if (code === 10 || code === 13) {
          result += text.substring(start, pos);
          this.scanError = 'UnexpectedEndOfString';
          break;
        }
        // A control character: an error, and the string goes on.
        this.scanError = 'InvalidCharacter';
      }
      pos++;
    }
    this.pos = pos;
    return result;
  }
}
