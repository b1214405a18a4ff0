/**
 * The harness of the language-feature tests: a `|` in the policy text marks the cursor (as in
 * yaml-language-server's tests), and completion or hover runs there on the shared test catalog.
 */
import type { CompletionList, Range } from 'vscode-languageserver-types';
import { completePolicy } from '../../server/src/language/completion/complete';
import { hoverPolicy } from '../../server/src/language/hover/hover';
import type { LanguageOptions } from '../../server/src/language/languageOptions';
import type { PolicyKindType } from '../../server/src/policy/kind';
import { parsePolicy } from '../../server/src/policy/parse';
import { loadedCatalog } from './catalog';

export interface Cursor {
  /** The text without the marker. */
  readonly text: string;
  /** Where the marker stood, as an offset into `text`. */
  readonly offset: number;
}

/** Takes the first `|` out of `marked`: that is the cursor. */
export function cursorIn(marked: string): Cursor {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error(`the text needs a | cursor marker: ${marked}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export interface CompletionContext {
  /** The policy kind, as if set by the user (default: identity). */
  readonly kind?: PolicyKindType;
  readonly options?: LanguageOptions;
}

/** The completion list at the `|` cursor. */
export async function completeAtCursor(marked: string, { kind = 'identity', options = {} }: CompletionContext = {}): Promise<CompletionList> {
  const { text, offset } = cursorIn(marked);
  return completePolicy({ ast: parsePolicy(text), offset, kind: { type: kind, source: 'setting' }, catalog: await loadedCatalog(), options });
}

export interface HoverAtCursor {
  readonly markdown: string;
  /** The range the hover covers, and its text. */
  readonly range: Range;
  readonly hovered: string;
}

/** The hover at the `|` cursor, or undefined where there is none. */
export async function hoverAtCursor(marked: string): Promise<HoverAtCursor | undefined> {
  const { text, offset } = cursorIn(marked);
  const result = await hoverPolicy({ ast: parsePolicy(text), offset, catalog: await loadedCatalog() });
  if (!result) return undefined;
  const range = result.range!;
  const hovered = text.split('\n')[range.start.line].slice(range.start.character, range.end.character);
  return { markdown: (result.contents as { value: string }).value, range, hovered };
}
