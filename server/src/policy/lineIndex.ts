/**
 * Offsets to LSP positions without a TextDocument, so the parser gives ranges in the server,
 * the CLI and the engine alike. Line starts are computed once, on the first lookup; lookups are
 * binary searches, skipped when the offset is on the line of the previous lookup (a range's end
 * is mostly on the line of its start).
 */
import type { Position, Range } from 'vscode-languageserver-types';

export interface LineIndex {
  position(offset: number): Position;
  range(offset: number, length: number): Range;
  offsetAt(position: Position): number;
}

/** Offsets where lines start: after "\n", "\r\n" or a lone "\r". */
function lineStarts(text: string): number[] {
  const starts: number[] = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 /* \n */) starts.push(i + 1);
    else if (code === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function createLineIndex(text: string): LineIndex {
  // Found on the first lookup: the parser computes ranges only when they are read, so many
  // documents (in the CLI, every one without findings) never need them.
  let known: number[] | undefined;
  const lineStartsOnce = () => (known ??= lineStarts(text));
  let recent = 0;
  const position = (offset: number): Position => {
    const starts = lineStartsOnce();
    const last = starts.length - 1;
    const clamped = Math.max(0, Math.min(offset, text.length));
    let line = recent;
    if (!(starts[line] <= clamped && (line === last || clamped < starts[line + 1]))) {
      let low = 0;
      let high = last;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= clamped) low = middle;
        else high = middle - 1;
      }
      line = recent = low;
    }
    return { line, character: clamped - starts[line] };
  };
  return {
    position,
    range: (offset, length) => ({ start: position(offset), end: position(offset + length) }),
    offsetAt: ({ line, character }) => {
      const starts = lineStartsOnce();
      if (line < 0) return 0;
      if (line >= starts.length) return text.length;
      const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
      return Math.min(starts[line] + Math.max(0, character), lineEnd);
    },
  };
}
