/**
 * Test helpers for text with markers. `|` marks a cursor; `«...»` marks a range a finding
 * must point at. Positions are zero-based like LSP.
 */
export interface Marked {
  readonly text: string;
  readonly ranges: Array<{ start: { line: number; character: number }; end: { line: number; character: number } }>;
}

/** Removes every `«` and `»` and returns the ranges they enclosed, in order of their opening. */
export function markedRanges(source: string): Marked {
  let text = '';
  const opens: number[] = [];
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '«') {
      opens.push(spans.length);
      spans.push([text.length, -1]);
    } else if (source[i] === '»' && opens.length) {
      spans[opens.pop()!][1] = text.length;
    } else text += source[i];
  }
  const position = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { text, ranges: spans.map(([s, e]) => ({ start: position(s), end: position(e) })) };
}

export function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" not found ${occurrence + 1} times`);
  }
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
