/**
 * From a policy's text back to its source file. A policy's AST is built over its own text
 * (parsePolicy knows nothing of the file around it); these mappings turn AST ranges into file
 * ranges for diagnostics, "reveal in source" and the engine's explanations, and file positions
 * into text positions for completion and hover inside an embedded policy.
 */
import type { Position } from 'vscode-languageserver-types';
import { createLineIndex, type LineIndex } from '../policy/lineIndex';
import type { SourceMapping } from './model';

/**
 * The text is a verbatim substring of the file starting at `start`: the first line is shifted
 * by the start column, the others only by lines. Needs no index of the (possibly 50 MB) file.
 */
export function substringMapping(text: string, start: Position, precision: 'exact' | 'bundled' = 'exact'): SourceMapping {
  let lines: LineIndex | undefined;
  const toSource = ({ line, character }: Position): Position =>
    line === 0 ? { line: start.line, character: start.character + character } : { line: start.line + line, character };
  return {
    precision,
    toSourceRange: (range) => ({ start: toSource(range.start), end: toSource(range.end) }),
    toTextPosition: (position) => {
      const line = position.line - start.line;
      const character = line === 0 ? position.character - start.character : position.character;
      if (line < 0 || character < 0) return undefined;
      lines ??= createLineIndex(text);
      const inText = lines.position(lines.offsetAt({ line, character }));
      return inText.line === line && inText.character === character ? inText : undefined;
    },
  };
}

/**
 * The text was decoded from one JSON string token (`"%7B%22Version%22..."`): first the JSON
 * escapes, then, when `urlEncoded`, the RFC 3986 percent-encoding IAM uses for documents in
 * its API (the GetAccountAuthorizationDetails reference). Each decoded character maps to the
 * characters that encode it, so a range still lands on the right part of the token. The map is
 * built on first use. A JSON string token never spans lines, so file positions are columns on
 * the token's line.
 */
export function encodedStringMapping(text: string, tokenStart: Position, token: string, urlEncoded: boolean): SourceMapping {
  let rawOffsets: Int32Array | undefined | null;
  let lines: LineIndex | undefined;
  const offsets = (): Int32Array | undefined => {
    if (rawOffsets === undefined) rawOffsets = decodedToRawOffsets(text, token, urlEncoded) ?? null;
    return rawOffsets ?? undefined;
  };
  const column = (rawOffset: number): Position => ({ line: tokenStart.line, character: tokenStart.character + rawOffset });
  return {
    precision: 'encoded',
    toSourceRange: (range) => {
      const map = offsets();
      if (!map) return { start: column(0), end: column(token.length) };
      lines ??= createLineIndex(text);
      return { start: column(map[lines.offsetAt(range.start)]), end: column(map[lines.offsetAt(range.end)]) };
    },
    toTextPosition: (position) => {
      const at = position.character - tokenStart.character;
      if (position.line !== tokenStart.line || at < 1 || at > token.length - 1) return undefined;
      const map = offsets();
      if (!map) return { line: 0, character: 0 };
      // The last decoded character that starts at or before the column.
      let low = 0;
      let high = map.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (map[middle] <= at) low = middle;
        else high = middle - 1;
      }
      lines ??= createLineIndex(text);
      return lines.position(low);
    },
  };
}

/**
 * For each offset of the decoded text (and its end), the offset inside `token` (which starts
 * with its opening quote) of the characters that encode it. When the decoding here does not
 * reproduce `text` (a malformed escape the loader left as is): undefined, and ranges map to the
 * whole token.
 */
function decodedToRawOffsets(text: string, token: string, urlEncoded: boolean): Int32Array | undefined {
  const contentEnd = token.length > 1 && token.endsWith('"') ? token.length - 1 : token.length;
  // Step 1: JSON escapes.
  let unescaped = '';
  const unescapedAt: number[] = [];
  for (let at = 1; at < contentEnd; ) {
    unescapedAt.push(at);
    if (token[at] !== '\\') {
      unescaped += token[at++];
      continue;
    }
    const escape = token[at + 1];
    if (escape === 'u') {
      unescaped += String.fromCharCode(parseInt(token.slice(at + 2, at + 6), 16));
      at += 6;
    } else {
      unescaped += JSON_ESCAPES[escape] ?? escape ?? '';
      at += 2;
    }
  }
  unescapedAt.push(contentEnd);
  let decoded = unescaped;
  let decodedAt = unescapedAt;
  // Step 2: percent-encoding, UTF-8 sequences decoded as a whole.
  if (urlEncoded) {
    decoded = '';
    decodedAt = [];
    for (let at = 0; at < unescaped.length; ) {
      if (unescaped[at] !== '%') {
        decodedAt.push(unescapedAt[at]);
        decoded += unescaped[at++];
        continue;
      }
      const length = utf8SequenceLength(parseInt(unescaped.slice(at + 1, at + 3), 16));
      let character: string | undefined;
      try {
        character = decodeURIComponent(unescaped.slice(at, at + 3 * length));
      } catch {
        character = undefined;
      }
      if (character === undefined) {
        // Not a valid escape: IAM would not have produced it; keep the '%' as a character.
        decodedAt.push(unescapedAt[at]);
        decoded += unescaped[at++];
        continue;
      }
      for (let unit = 0; unit < character.length; unit++) decodedAt.push(unescapedAt[at]);
      decoded += character;
      at += 3 * length;
    }
    decodedAt.push(contentEnd);
  }
  if (decoded !== text) return undefined;
  return Int32Array.from(decodedAt);
}

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function utf8SequenceLength(lead: number): number {
  if (Number.isNaN(lead) || lead < 0xc0) return 1;
  if (lead < 0xe0) return 2;
  if (lead < 0xf0) return 3;
  return 4;
}

/**
 * A span of rendered text and the span of source it stands for. Keys, scalars and containers
 * each get one. `exact` marks a scalar whose characters are the source's own, one for one:
 * `textStart` and `sourceStart` are its first characters and `length` their count.
 */
export interface MappedSegment {
  readonly textOffset: number;
  readonly textLength: number;
  readonly sourceOffset: number;
  readonly sourceLength: number;
  readonly exact?: { readonly textStart: number; readonly sourceStart: number; readonly length: number };
}

/**
 * The text was rendered from template values (YAML, or JSON whose intrinsic functions were
 * resolved). A range maps through the innermost segment that contains it: character by
 * character inside an exact scalar, otherwise to that segment's whole source.
 */
export function segmentMapping(text: string, segments: readonly MappedSegment[], sourceLines: LineIndex): SourceMapping {
  let lines: LineIndex | undefined;
  const textLines = () => (lines ??= createLineIndex(text));
  return {
    precision: 'value',
    toSourceRange: (range) => {
      const start = textLines().offsetAt(range.start);
      const end = textLines().offsetAt(range.end);
      let best: MappedSegment | undefined;
      for (const segment of segments) {
        if (segment.textOffset <= start && end <= segment.textOffset + segment.textLength) {
          if (!best || segment.textLength <= best.textLength) best = segment;
        }
      }
      if (!best) return sourceLines.range(segments[0]?.sourceOffset ?? 0, segments[0]?.sourceLength ?? 0);
      const exact = best.exact;
      if (exact && start >= exact.textStart && end <= exact.textStart + exact.length) {
        return sourceLines.range(exact.sourceStart + start - exact.textStart, end - start);
      }
      return sourceLines.range(best.sourceOffset, best.sourceLength);
    },
    toTextPosition: (position) => {
      const offset = sourceLines.offsetAt(position);
      let best: MappedSegment | undefined;
      for (const segment of segments) {
        if (segment.sourceOffset <= offset && offset <= segment.sourceOffset + segment.sourceLength) {
          if (!best || segment.sourceLength <= best.sourceLength) best = segment;
        }
      }
      if (!best) return undefined;
      const exact = best.exact;
      if (exact && offset >= exact.sourceStart && offset <= exact.sourceStart + exact.length) {
        return textLines().position(exact.textStart + offset - exact.sourceStart);
      }
      // Inside a container but between its values (white space, a half-typed key): the place
      // in the rendering right after the last value that ends before the position.
      const containerEnd = best.textOffset + best.textLength;
      let after = best.textOffset + 1;
      for (const segment of segments) {
        const textEnd = segment.textOffset + segment.textLength;
        if (segment !== best && segment.textOffset > best.textOffset && textEnd < containerEnd && segment.sourceOffset + segment.sourceLength <= offset) {
          after = Math.max(after, textEnd);
        }
      }
      return textLines().position(Math.min(after, containerEnd));
    },
  };
}
