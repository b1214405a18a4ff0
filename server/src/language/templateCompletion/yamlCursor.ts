/**
 * What is being typed at the cursor of a YAML template, read from the cursor's line: a mapping
 * key (`Ac|`, `Action|:`), a value after `Key: `, an item after `- `, or an entry of a flow
 * collection (`[s3:GetObject, s3:Pu|]`, `{Service: |}`), plain or quoted. The line decides
 * because what is on screen while typing is often not YAML yet (`Ac` alone on a line is read as
 * part of the next key), and the YAML parser then places the marked text by its indentation
 * (cursorMark.ts). Tags, anchors, aliases, block scalars, comments and complex keys are left
 * alone: nothing from a policy file's completion fits there.
 */

export type YamlQuote = '' | "'" | '"';

export interface YamlToken {
  readonly role: 'key' | 'value';
  /** Inside a flow collection on this line: values are written inline. */
  readonly flow: boolean;
  readonly quote: YamlQuote;
  /** The scalar's characters (inside its quotes), as template offsets; equal when nothing is typed. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** With its quotes. */
  readonly outerStart: number;
  readonly outerEnd: number;
  /** For a key: a colon follows it already, so only the key is written. */
  readonly hasColon: boolean;
  /** A value that is an item of a block sequence (`- |`). */
  readonly seqItem: boolean;
  /** The cursor is right after `:` or `-`: what is written starts with a space. */
  readonly needsSpace: boolean;
  /** Column where the key or value text starts: nested lines of a block align with it. */
  readonly column: number;
  /** Column of the sequence item's dash, for more items after the first. */
  readonly dashColumn?: number;
  /** A value after `Key:`: the key's column and the offset after its colon, where a block value begins. */
  readonly keyColumn?: number;
  readonly colonEnd?: number;
}

interface Scalar {
  readonly start: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly end: number;
  readonly quote: YamlQuote;
  readonly terminated: boolean;
  readonly followedByColon: boolean;
  readonly state: EntryState;
}

interface EntryState {
  readonly flow: string;
  readonly seqItem: boolean;
  readonly dashColumn?: number;
  readonly keyColumn?: number;
  readonly colonEnd?: number;
  /** A scalar was already written in this entry before this point. */
  readonly hasValue: boolean;
  /** A tag, anchor, alias or block scalar indicator in this entry. */
  readonly special: boolean;
}

const SPECIAL_START = /[!&*|>%@`?]/;

/**
 * What may be typed at `offset` of a YAML text: none where completion has nothing to offer, two
 * readings right after a colon that ends the line. `Effect:|` is a key whose value comes next,
 * `s3:|` in a Condition block the start of the key `s3:prefix`; `Action: s3:|` a service prefix
 * being typed, `- Effect:|` a statement's first key. The editor filters each reading's items by
 * the text its edit replaces, so the reading that does not fit shows nothing.
 */
export function yamlTokensAt(text: string, offset: number): YamlToken[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  if (offset > lineEnd) return [];
  const line = text.slice(lineStart, lineEnd);
  const column = offset - lineStart;
  const colonTyped = line[column - 1] === ':' && line.slice(column).trim() === '';
  const readings: ColonReading[] = colonTyped ? ['separator', 'in-scalar'] : ['separator'];
  return readings.flatMap((reading) => tokenOf(line, lineStart, column, reading) ?? []);
}

/** Whether a colon right before the cursor ends a key or belongs to the scalar being typed. */
type ColonReading = 'separator' | 'in-scalar';

function tokenOf(line: string, lineStart: number, column: number, reading: ColonReading): YamlToken | undefined {
  const scan = scanLine(line, column, reading);
  if (!scan) return undefined;
  const scalar = scan.scalars.find((candidate) => candidate.contentStart <= column && column <= candidate.contentEnd);
  if (scalar) {
    if (!scalar.terminated || scalar.state.special) return undefined;
    const role = roleOf(scalar.followedByColon, scalar.state);
    return role && placed(lineStart, role, scalar.state, scalar, scalar.followedByColon, false);
  }
  // Nothing typed yet: the place decides. After a complete value (`Key: value |`) there is none.
  const state = scan.atCursor;
  if (!state || state.special || state.hasValue) return undefined;
  const colonAfter = /^\s*:/.test(line.slice(column));
  const role = roleOf(colonAfter, state);
  // A block key starts its line (after its indentation).
  if (!role || (role === 'key' && state.flow === '' && line.slice(0, column).trim() !== '')) return undefined;
  const before = line[column - 1];
  const needsSpace = before === ':' || (before === '-' && state.flow === '');
  const empty = { start: column, contentStart: column, contentEnd: column, end: column, quote: '' as const };
  return placed(lineStart, role, state, empty, colonAfter, needsSpace);
}

/** The token in template offsets, from a scalar's (or an empty place's) columns on its line. */
function placed(
  lineStart: number,
  role: 'key' | 'value',
  state: EntryState,
  columns: Pick<Scalar, 'start' | 'contentStart' | 'contentEnd' | 'end' | 'quote'>,
  hasColon: boolean,
  needsSpace: boolean,
): YamlToken {
  const afterKey = role === 'value' && state.keyColumn !== undefined;
  return {
    role,
    flow: state.flow !== '',
    quote: columns.quote,
    contentStart: lineStart + columns.contentStart,
    contentEnd: lineStart + columns.contentEnd,
    outerStart: lineStart + columns.start,
    outerEnd: lineStart + columns.end,
    hasColon: role === 'key' && hasColon,
    seqItem: role === 'value' && state.seqItem && !afterKey,
    needsSpace,
    column: columns.start + (needsSpace ? 1 : 0),
    dashColumn: state.dashColumn,
    keyColumn: afterKey ? state.keyColumn : undefined,
    colonEnd: afterKey && state.colonEnd !== undefined ? lineStart + state.colonEnd : undefined,
  };
}

/**
 * A key where a mapping expects one: before a colon, in a flow mapping before its colon, or
 * first in a block line (not after `- `, where a plain word is a list item). Else a value.
 */
function roleOf(followedByColon: boolean, state: EntryState): 'key' | 'value' | undefined {
  if (followedByColon) return state.keyColumn === undefined ? 'key' : undefined;
  if (state.keyColumn !== undefined) return 'value';
  if (state.flow === '{') return 'key';
  if (state.flow === '[') return 'value';
  return state.seqItem ? 'value' : 'key';
}

/** The scalars of a line with the entry state at each, and the state at `column`; undefined inside a comment. */
function scanLine(line: string, column: number, reading: ColonReading): { scalars: Scalar[]; atCursor?: EntryState } | undefined {
  const flows: string[] = [];
  const scalars: Scalar[] = [];
  let state: EntryState = { flow: '', seqItem: false, hasValue: false, special: false };
  let atCursor: EntryState | undefined;
  const newEntry = (extra: Partial<EntryState> = {}) => {
    state = { flow: flows[flows.length - 1] ?? '', seqItem: false, hasValue: false, special: false, ...extra };
  };
  const separatorAt = (i: number) => line[i] === ':' && (i + 1 >= line.length || /\s/.test(line[i + 1]) || (flows.length > 0 && /[,\]}]/.test(line[i + 1])));

  let i = 0;
  while (i < line.length) {
    if (i >= column && atCursor === undefined) atCursor = state;
    const ch = line[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      if (column > i) return undefined;
      break;
    }
    if (flows.length === 0 && ch === '-' && (i + 1 >= line.length || /\s/.test(line[i + 1])) && !state.hasValue && state.keyColumn === undefined) {
      newEntry({ seqItem: true, dashColumn: i });
      i++;
      continue;
    }
    if (ch === '{' || ch === '[') {
      flows.push(ch);
      newEntry();
      i++;
      continue;
    }
    if ((ch === '}' || ch === ']') && flows.length > 0) {
      flows.pop();
      state = { ...state, flow: flows[flows.length - 1] ?? '', hasValue: true };
      i++;
      continue;
    }
    if (ch === ',' && flows.length > 0) {
      newEntry();
      i++;
      continue;
    }
    if (separatorAt(i)) {
      state = { ...state, keyColumn: state.keyColumn ?? i, colonEnd: i + 1, hasValue: false };
      i++;
      continue;
    }
    if (SPECIAL_START.test(ch)) {
      state = { ...state, special: true };
      while (i < line.length && !/\s/.test(line[i])) i++;
      continue;
    }
    const scalar = ch === "'" || ch === '"' ? quotedScalar(line, i, flows.length > 0, ch, state) : plainScalar(line, i, flows.length > 0, column, reading, state);
    scalars.push(scalar);
    i = scalar.end;
    if (!scalar.followedByColon) {
      state = { ...state, hasValue: true };
      continue;
    }
    // A key: the value after its colon belongs to it (a block value indents from its column).
    while (line[i] !== ':') i++;
    state = { ...state, keyColumn: scalar.start, colonEnd: i + 1, hasValue: false };
    i++;
  }
  if (atCursor === undefined && column >= line.length) atCursor = state;
  return { scalars, atCursor };
}

/** A quoted scalar; in a flow collection a colon may follow it without a space (`{"Effect":"Allow"}`). */
function quotedScalar(line: string, start: number, flow: boolean, quote: "'" | '"', state: EntryState): Scalar {
  let i = start + 1;
  let terminated = false;
  while (i < line.length) {
    if (quote === '"' && line[i] === '\\') {
      i += 2;
      continue;
    }
    if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i += 2;
        continue;
      }
      terminated = true;
      break;
    }
    i++;
  }
  const contentEnd = Math.min(i, line.length);
  const end = terminated ? contentEnd + 1 : contentEnd;
  return { start, contentStart: start + 1, contentEnd, end, quote, terminated, followedByColon: (flow ? /^\s*:/ : /^\s*:(\s|$)/).test(line.slice(end)), state };
}

/**
 * A plain scalar runs to `: `, ` #`, the line's end, or in a flow collection to `,`, `]`, `}`;
 * in the `in-scalar` reading it runs on through a colon right before the cursor.
 */
function plainScalar(line: string, start: number, flow: boolean, column: number, reading: ColonReading, state: EntryState): Scalar {
  let i = start;
  while (i < line.length) {
    const ch = line[i];
    const typedColon = reading === 'in-scalar' && i + 1 === column;
    if (ch === ':' && !typedColon && (i + 1 >= line.length || /\s/.test(line[i + 1]) || (flow && /[,\]}]/.test(line[i + 1])))) break;
    if (ch === '#' && /\s/.test(line[i - 1])) break;
    if (flow && /[,\]{}[]/.test(ch)) break;
    i++;
  }
  let end = i;
  while (end > start && /\s/.test(line[end - 1])) end--;
  return { start, contentStart: start, contentEnd: end, end, quote: '', terminated: true, followedByColon: line[i] === ':', state };
}
