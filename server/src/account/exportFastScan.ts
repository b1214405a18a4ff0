/**
 * The fast path of scanExport for strictly valid JSON: one pass over character codes that
 * builds the same ExportTree as the tolerant visitor, allocates nothing inside policy
 * documents (only their bounds are kept) and validates everything it passes. At the first
 * deviation from the JSON grammar it gives up (returns undefined) and the tolerant visitor,
 * which knows how to recover and explain, reads the file instead. Exports are machine-written,
 * so the fast path is the usual one; it keeps a 50 MB export well inside the load-time budget
 * (jsonc-parser's scanner materialises every token, white space included, as a string).
 */
import type { ExportArray, ExportObject, ExportProperty, ExportTree, ExportValue } from './exportTree';
import { runToEnd, type LoadSteps } from './loadSteps';

class NotStrictJson extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/**
 * Receives the items of the top-level `lists` one by one, as soon as each is read, instead of
 * finding them in the tree: an item's tree is then short-lived, which keeps the garbage
 * collector's work small on a 50 MB export. If the scan gives up later, the items already
 * delivered must be discarded (the tolerant scan reads the whole file again).
 */
export interface ExportItemSink {
  readonly lists: ReadonlySet<string>;
  item(list: string, item: ExportValue, index: number): void;
}

export function scanExportStrict(text: string, documentKeys: ReadonlySet<string>, sink?: ExportItemSink): ExportTree | undefined {
  return runToEnd(scanExportStrictSteps(text, documentKeys, sink));
}

/**
 * The same scan, pausing after each item delivered to the sink (see loadSteps.ts): the top two
 * levels (the root object and the lists in it) are read by a generator, everything below an
 * item by the plain recursive scanner.
 */
export function* scanExportStrictSteps(text: string, documentKeys: ReadonlySet<string>, sink?: ExportItemSink): LoadSteps<ExportTree | undefined> {
  const scanner = new StrictScanner(text, documentKeys);
  try {
    scanner.whitespace();
    const root = sink ? yield* scanner.streamedRoot(sink) : scanner.value(false);
    scanner.whitespace();
    if (scanner.at < text.length) return undefined;
    return { root, errors: [] };
  } catch (error) {
    // RangeError: nesting deep enough to exhaust the stack; the tolerant path reports it.
    if (error instanceof NotStrictJson || error instanceof RangeError) return undefined;
    throw error;
  }
}

class StrictScanner {
  at = 0;
  private line = 0;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly documentKeys: ReadonlySet<string>,
  ) {}

  whitespace(): void {
    const text = this.text;
    let at = this.at;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 32 || code === 9) at++;
      else if (code === 10) {
        at++;
        this.line++;
        this.lineStart = at;
      } else if (code === 13) {
        at += text.charCodeAt(at + 1) === 10 ? 2 : 1;
        this.line++;
        this.lineStart = at;
      } else break;
    }
    this.at = at;
  }

  /**
   * The root value; when it is an object, each array under one of the sink's keys is handed to
   * the sink item by item (its `items` stay empty), with a pause after each item.
   */
  *streamedRoot(sink: ExportItemSink): LoadSteps<ExportValue> {
    if (this.text.charCodeAt(this.at) !== OPEN_BRACE) return this.value(false);
    const root = this.begin('object');
    if (this.enter(CLOSE_BRACE)) {
      do {
        const property = this.propertyKey();
        if (sink.lists.has(property.key) && this.text.charCodeAt(this.at) === OPEN_BRACKET) {
          const list = this.begin('array');
          let index = 0;
          if (this.enter(CLOSE_BRACKET)) {
            do {
              sink.item(property.key, this.value(false), index++);
              yield;
            } while (this.separator(CLOSE_BRACKET));
          }
          property.value = this.end(list);
        } else property.value = this.value(this.documentKeys.has(property.key));
        root.properties.push(property);
      } while (this.separator(CLOSE_BRACE));
    }
    return this.end(root);
  }

  /** A value; `asDocument` keeps an object as a document span instead of building it. */
  value(asDocument: boolean): ExportValue {
    const code = this.text.charCodeAt(this.at);
    const offset = this.at;
    const startLine = this.line;
    const startCharacter = this.at - this.lineStart;
    if (code === OPEN_BRACE && asDocument) {
      this.skipContainer(CLOSE_BRACE);
      return { type: 'document', offset, end: this.at, startLine, startCharacter, endLine: this.line, endCharacter: this.at - this.lineStart, closed: true };
    }
    if (code === OPEN_BRACE) {
      const object = this.begin('object');
      if (this.enter(CLOSE_BRACE)) {
        do {
          const property = this.propertyKey();
          property.value = this.value(this.documentKeys.has(property.key));
          object.properties.push(property);
        } while (this.separator(CLOSE_BRACE));
      }
      return this.end(object);
    }
    if (code === OPEN_BRACKET) {
      const array = this.begin('array');
      if (this.enter(CLOSE_BRACKET)) {
        do array.items.push(this.value(false));
        while (this.separator(CLOSE_BRACKET));
      }
      return this.end(array);
    }
    // A scalar never spans lines: its end is on its start line.
    if (code === QUOTE) {
      const value = this.string(true)!;
      return { type: 'string', value, offset, end: this.at, startLine, startCharacter, endLine: startLine, endCharacter: startCharacter + this.at - offset };
    }
    const scalar = this.literalOrNumber();
    const type = scalar === null ? 'null' : (typeof scalar as 'number' | 'boolean');
    return { type, value: scalar, offset, end: this.at, startLine, startCharacter, endLine: startLine, endCharacter: startCharacter + this.at - offset };
  }

  /** An empty container starting here (at its opener); `end` sets its end once it is read. */
  private begin(type: 'object'): ExportObject;
  private begin(type: 'array'): ExportArray;
  private begin(type: 'object' | 'array'): ExportObject | ExportArray {
    const offset = this.at;
    const startLine = this.line;
    const startCharacter = this.at - this.lineStart;
    return type === 'object'
      ? { type, offset, end: offset, startLine, startCharacter, endLine: startLine, endCharacter: startCharacter, properties: [] }
      : { type, offset, end: offset, startLine, startCharacter, endLine: startLine, endCharacter: startCharacter, items: [] };
  }

  private end<T extends ExportObject | ExportArray>(container: T): T {
    container.end = this.at;
    container.endLine = this.line;
    container.endCharacter = this.at - this.lineStart;
    return container;
  }

  /** Steps over an opener; false (and over the closer too) when the container is empty. */
  private enter(closer: number): boolean {
    this.at++;
    this.whitespace();
    if (this.text.charCodeAt(this.at) !== closer) return true;
    this.at++;
    return false;
  }

  /** After a member: true (past the comma) when another follows, false (past the closer) at the end. */
  private separator(closer: number): boolean {
    this.whitespace();
    const next = this.text.charCodeAt(this.at);
    this.at++;
    if (next === closer) return false;
    if (next !== COMMA) throw new NotStrictJson();
    this.whitespace();
    return true;
  }

  /** A property's key and the colon after it; the scanner is left at its value. */
  private propertyKey(): ExportProperty {
    if (this.text.charCodeAt(this.at) !== QUOTE) throw new NotStrictJson();
    const keyLine = this.line;
    const keyCharacter = this.at - this.lineStart;
    const keyOffset = this.at;
    const key = this.string(true)!;
    const property: ExportProperty = { key, keyLine, keyCharacter, keyLength: this.at - keyOffset };
    this.whitespace();
    if (this.text.charCodeAt(this.at) !== COLON) throw new NotStrictJson();
    this.at++;
    this.whitespace();
    return property;
  }

  /**
   * Validates an object or array without building it (the inside of a policy document). One
   * loop with an explicit stack of closers: `expectKey` after '{' and ',' in an object,
   * `expectValue` after ':' and ',' in an array, otherwise a ',' or the closer.
   */
  private skipContainer(firstCloser: number): void {
    const text = this.text;
    const closers: number[] = [firstCloser];
    let at = this.at + 1;
    let expectKey = firstCloser === CLOSE_BRACE;
    let expectValue = !expectKey;
    let empty = true;
    while (closers.length > 0) {
      let code = text.charCodeAt(at);
      while (code === 32 || code === 10 || code === 13 || code === 9) {
        if (code === 10 || (code === 13 && text.charCodeAt(at + 1) !== 10)) {
          this.line++;
          this.lineStart = at + 1;
        }
        code = text.charCodeAt(++at);
      }
      const closer = closers[closers.length - 1];
      if (code === closer && empty) {
        // "{}" or "[]": closes without a key or value.
        closers.pop();
        at++;
        empty = false;
        expectKey = expectValue = false;
        continue;
      }
      empty = false;
      if (expectKey) {
        if (code !== QUOTE) throw new NotStrictJson();
        at = this.skipString(at);
        while ((code = text.charCodeAt(at)) === 32 || code === 9) at++;
        if (code !== COLON) {
          this.at = at;
          this.whitespace();
          at = this.at;
          if (text.charCodeAt(at) !== COLON) throw new NotStrictJson();
        }
        at++;
        expectKey = false;
        expectValue = true;
        continue;
      }
      if (expectValue) {
        expectValue = false;
        if (code === QUOTE) at = this.skipString(at);
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          closers.push(code === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
          expectKey = code === OPEN_BRACE;
          expectValue = !expectKey;
          empty = true;
          at++;
        } else {
          this.at = at;
          this.literalOrNumber();
          at = this.at;
        }
        continue;
      }
      if (code === closer) {
        closers.pop();
        at++;
      } else if (code === COMMA) {
        at++;
        expectKey = closer === CLOSE_BRACE;
        expectValue = !expectKey;
      } else throw new NotStrictJson();
    }
    this.at = at;
  }

  /** The offset after the string token that starts at `at`, validating it. */
  private skipString(at: number): number {
    const text = this.text;
    at++;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) return at + 1;
      if (code === BACKSLASH) at = this.escapeEnd(at);
      // Control characters (and the end of the text: NaN) are not allowed inside a string.
      else if (code >= 32) at++;
      else throw new NotStrictJson();
    }
  }

  private escapeEnd(at: number): number {
    const escape = this.text.charCodeAt(at + 1);
    if (escape === 117 /* u */) {
      if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(at + 2, at + 6))) throw new NotStrictJson();
      return at + 6;
    }
    if (escape === QUOTE || escape === BACKSLASH || escape === 47 || escape === 98 || escape === 102 || escape === 110 || escape === 114 || escape === 116) return at + 2;
    throw new NotStrictJson();
  }

  /** A string token at `at` (its opening quote); returns its value when `build`. */
  private string(build: boolean): string | undefined {
    const begin = this.at;
    const end = this.skipString(begin);
    this.at = end;
    if (!build) return undefined;
    const raw = this.text.slice(begin + 1, end - 1);
    return raw.includes('\\') ? (JSON.parse(this.text.slice(begin, end)) as string) : raw;
  }

  private literalOrNumber(): number | boolean | null {
    const text = this.text;
    if (text.startsWith('true', this.at)) {
      this.at += 4;
      return true;
    }
    if (text.startsWith('false', this.at)) {
      this.at += 5;
      return false;
    }
    if (text.startsWith('null', this.at)) {
      this.at += 4;
      return null;
    }
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(text);
    if (!match) throw new NotStrictJson();
    this.at += match[0].length;
    return Number(match[0]);
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
