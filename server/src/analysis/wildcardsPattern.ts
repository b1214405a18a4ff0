/**
 * Does one IAM wildcard pattern cover another? Used to find redundant actions and resources
 * ("iam:GetCredentialReport" is covered by "iam:Get*") and to tell whether a Resource entry
 * reaches every role.
 *
 * `*` is any run of characters and `?` any one character (reference_policies_elements_action.md,
 * reference_policies_elements_resource.md). A policy variable `${...}` is one opaque token: two
 * equal variables cover each other, and only a `*` of the outer pattern covers a variable of the
 * inner one (its value may be any length). The test is sound (a `true` answer means every
 * string the inner pattern matches is matched by the outer one) and exact for the patterns
 * people write; exotic overlaps of several wildcards may be answered `false`, which only means
 * a redundancy goes unreported.
 */
import { detached } from './detached';

type Token = { readonly kind: 'star' } | { readonly kind: 'one' } | { readonly kind: 'text'; readonly text: string };

const STAR: Token = { kind: 'star' };
const ONE: Token = { kind: 'one' };

function tokenize(pattern: string, ignoreCase: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i];
    if (char === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i);
      if (end > 0) {
        tokens.push({ kind: 'text', text: pattern.slice(i, end + 1) });
        i = end + 1;
        continue;
      }
    }
    if (char === '*') {
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (char === '?') tokens.push(ONE);
    else tokens.push({ kind: 'text', text: ignoreCase ? char.toLowerCase() : char });
    i += 1;
  }
  return tokens;
}

const MAX_CACHED_PATTERNS = 20_000;
const tokenCaches = [new Map<string, Token[]>(), new Map<string, Token[]>()];

/** Tokens by pattern: redundancy checks compare the same entries many times. */
function cachedTokens(pattern: string, ignoreCase: boolean): Token[] {
  const cache = tokenCaches[ignoreCase ? 1 : 0];
  let tokens = cache.get(pattern);
  if (!tokens) {
    const key = detached(pattern);
    tokens = tokenize(key, ignoreCase);
    if (cache.size >= MAX_CACHED_PATTERNS) cache.clear();
    cache.set(key, tokens);
  }
  return tokens;
}

/** Can `outer` token, used once, stand for `inner` token? (Stars are handled by the caller.) */
function coversOne(outer: Token, inner: Token): boolean {
  if (outer.kind === 'one') return inner.kind === 'one' || (inner.kind === 'text' && inner.text.length === 1);
  if (outer.kind === 'text') return inner.kind === 'text' && inner.text === outer.text;
  return false;
}

/** Whether every string `inner` matches is matched by `outer` (both IAM wildcard patterns). */
export function patternCovers(outer: string, inner: string, ignoreCase: boolean): boolean {
  if (outer === '*') return true;
  const star = outer.indexOf('*');
  const one = outer.indexOf('?');
  if (star < 0 && one < 0) return ignoreCase ? outer.toLowerCase() === inner.toLowerCase() : outer === inner;
  // The common shape "prefix*": covered when the inner text starts with that prefix literally.
  if (star === outer.length - 1 && one < 0 && !outer.includes('${')) return startsWithLiteral(inner, outer, star, ignoreCase);
  return coversByTokens(cachedTokens(outer, ignoreCase), cachedTokens(inner, ignoreCase));
}

/**
 * Whether `inner` starts with the first `length` characters of `outer` and has no wildcard or
 * variable among them. Compared in place: checks compare every entry with every wildcard of
 * its element, and slicing both heads for each pair made this the largest source of garbage.
 */
export function startsWithLiteral(inner: string, outer: string, length: number, ignoreCase: boolean): boolean {
  if (inner.length < length) return false;
  for (let index = 0; index < length; index++) {
    const code = inner.charCodeAt(index);
    if (code === 42 /* * */ || code === 63 /* ? */ || (code === 36 /* $ */ && index + 1 < length && inner.charCodeAt(index + 1) === 123 /* { */)) return false;
    const other = outer.charCodeAt(index);
    if (code === other) continue;
    if (!ignoreCase) return false;
    // Outside ASCII, lower-casing may change lengths: compare as toLowerCase would.
    if (code > 127 || other > 127) return inner.slice(0, length).toLowerCase() === outer.slice(0, length).toLowerCase();
    if ((code | 32) !== (other | 32) || (code | 32) < 97 || (code | 32) > 122) return false;
  }
  return true;
}

/** reachable[j] (and the row being filled): the token matching's two rows, reused across calls. */
let rows: [Uint8Array, Uint8Array] = [new Uint8Array(64), new Uint8Array(64)];

function coversByTokens(a: readonly Token[], b: readonly Token[]): boolean {
  if (rows[0].length <= b.length) rows = [new Uint8Array(b.length * 2), new Uint8Array(b.length * 2)];
  // reachable[j]: outer's first i tokens can cover inner's first j tokens.
  let [reachable, next] = rows;
  reachable.fill(0, 0, b.length + 1);
  reachable[0] = 1;
  for (let i = 0; i < a.length; i++) {
    next.fill(0, 0, b.length + 1);
    const token = a[i];
    if (token.kind === 'star') {
      // A star covers any run of inner tokens, inner stars and variables included.
      let seen = false;
      for (let j = 0; j <= b.length; j++) {
        if (reachable[j]) seen = true;
        if (seen) next[j] = 1;
      }
    } else {
      for (let j = 0; j < b.length; j++) if (reachable[j] && coversOne(token, b[j])) next[j + 1] = 1;
    }
    [reachable, next] = [next, reachable];
  }
  return reachable[b.length] === 1;
}

/** Whether `text` holds an IAM wildcard character. */
export function hasWildcardCharacter(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
