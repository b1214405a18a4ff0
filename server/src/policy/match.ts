/**
 * Wildcard matching for actions, resource ARNs and string/ARN condition values, compiled once
 * and run many times.
 *
 * - Actions (reference_policies_elements_action.md): "The prefix and the action name are case
 *   insensitive"; `*` is any run of characters and `?` any one character.
 * - Resources (reference_policies_elements_resource.md): wildcards work "within ARN segments
 *   (the parts separated by colons)"; the `*` "can expand to replace everything within a
 *   segment, including characters like a forward slash (/)". The resource segment is
 *   everything after the fifth colon, so a `*` there also crosses the colons inside it
 *   (log-group:name:log-stream:x). Matching is case-sensitive. Variables are only read in the
 *   resource segment ("You can't use a variable to replace parts of the ARN before the fifth
 *   colon", reference_policies_variables.md).
 * - ARN condition operators: "Each of the six colon-delimited components of the ARN is checked
 *   separately and each can include" wildcards; variables may appear in any component.
 *
 * A policy value that is not an ARN (fewer than five colons) is matched against the whole
 * string, so "*" still means everything.
 */
import { splitArn } from './arn';
import { hasVariables, parseTemplate, resolveTemplate, type TemplatePiece, type VariableResolver } from './variables';

export type StringMatcher = (value: string) => boolean;

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function escapeRegExp(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

function wildcardSource(text: string): string {
  return text
    .split(/([*?])/)
    .map((part) => (part === '*' ? '.*' : part === '?' ? '.' : escapeRegExp(part)))
    .join('');
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** `*` and `?` wildcards over the whole value; 's' so that `*` also covers line breaks. */
export function compileWildcard(pattern: string, ignoreCase: boolean): StringMatcher {
  if (pattern === '*') return () => true;
  if (!hasWildcard(pattern)) {
    if (!ignoreCase) return (value) => value === pattern;
    const lower = pattern.toLowerCase();
    return (value) => value.length === lower.length && value.toLowerCase() === lower;
  }
  const star = pattern.indexOf('*');
  if (!pattern.includes('?') && star === pattern.length - 1) {
    const prefix = ignoreCase ? pattern.slice(0, -1).toLowerCase() : pattern.slice(0, -1);
    return ignoreCase ? (value) => value.toLowerCase().startsWith(prefix) : (value) => value.startsWith(prefix);
  }
  // Compiled on first use: most patterns of a policy never meet a request that gets this far.
  let regExp: RegExp | undefined;
  return (value) => (regExp ??= new RegExp(`^${wildcardSource(pattern)}$`, ignoreCase ? 'is' : 's')).test(value);
}

/**
 * A template with variables, matched after substitution. Substituted values and `${*}`-style
 * characters are literal. Returns false when a variable has no value: "there is no equal or
 * like value" (reference_policies_variables.md).
 */
export type TemplateMatcher = (value: string, resolve: VariableResolver) => boolean;

export function compileTemplate(pieces: readonly TemplatePiece[], options: { ignoreCase: boolean; wildcards: boolean }): TemplateMatcher {
  if (!hasVariables(pieces)) {
    const matcher = compileStaticPieces(pieces, options);
    return (value) => matcher(value);
  }
  // Resolved patterns repeat across requests (the same user, the same tag): keep a few compiled.
  const cache = new Map<string, StringMatcher>();
  return (value, resolve) => {
    const resolved = resolveTemplate(pieces, resolve);
    if (!resolved) return false;
    const key = resolved.map((piece) => (piece.kind === 'pattern' ? `p${piece.text}` : `l${piece.kind === 'literal' ? piece.text : ''}`)).join('\u0000');
    let matcher = cache.get(key);
    if (!matcher) {
      if (cache.size >= 64) cache.clear();
      matcher = compileStaticPieces(resolved, options);
      cache.set(key, matcher);
    }
    return matcher(value);
  };
}

function compileStaticPieces(pieces: readonly TemplatePiece[], options: { ignoreCase: boolean; wildcards: boolean }): StringMatcher {
  const wildcards = options.wildcards && pieces.some((piece) => piece.kind === 'pattern' && hasWildcard(piece.text));
  if (!wildcards) {
    const text = pieces.map((piece) => (piece.kind === 'variable' ? '' : piece.text)).join('');
    return compileExact(text, options.ignoreCase);
  }
  if (pieces.length === 1 && pieces[0].kind === 'pattern') return compileWildcard(pieces[0].text, options.ignoreCase);
  let regExp: RegExp | undefined;
  const compile = () => {
    const source = pieces
      .map((piece) => (piece.kind === 'pattern' ? wildcardSource(piece.text) : piece.kind === 'literal' ? escapeRegExp(piece.text) : ''))
      .join('');
    return new RegExp(`^${source}$`, options.ignoreCase ? 'is' : 's');
  };
  return (value) => (regExp ??= compile()).test(value);
}

function compileExact(text: string, ignoreCase: boolean): StringMatcher {
  if (!ignoreCase) return (value) => value === text;
  const lower = text.toLowerCase();
  return (value) => value.toLowerCase() === lower;
}

// --- actions ------------------------------------------------------------------------------

/**
 * Several Action values at once. A short list, and the first lookup in a long one, is scanned
 * in order (a one-shot request pays for nothing more); from the second lookup on, a long list
 * is grouped by service prefix so that a lookup only runs the patterns of the requested service
 * and those whose prefix has wildcards. Wildcard patterns are compiled on first use, which
 * keeps a policy of thousands of actions (ReadOnlyAccess) cheap to compile.
 */
export interface ActionPatternSet {
  /** Index of the first value that matches `action` (any case), or -1. */
  indexOf(action: string): number;
  /** The same for an action already in lower case, and its service prefix when the caller has it. */
  indexOfLower(lowerAction: string, lowerService?: string): number;
}

/** Up to this many values, a scan is cheaper than grouping. */
const SHORT_LIST = 16;

interface ServiceGroup {
  readonly exact: Map<string, number>;
  readonly wildcard: number[];
}

export function compileActionPatterns(patterns: readonly string[]): ActionPatternSet {
  const matchers: (StringMatcher | undefined)[] = [];
  const matches = (index: number, lowerAction: string) => (matchers[index] ??= compileWildcard(patterns[index].toLowerCase(), false))(lowerAction);
  let grouped: { groups: Map<string, ServiceGroup>; anyService: number[] } | undefined;
  let lookups = 0;

  const scan = (lowerAction: string, lowerService: string) => {
    for (let index = 0; index < patterns.length; index++) {
      const relation = prefixRelation(patterns[index], lowerService);
      if (relation === 'other') continue;
      if (relation === 'same' && !hasWildcard(patterns[index])) {
        if (patterns[index].length === lowerAction.length && patterns[index].toLowerCase() === lowerAction) return index;
      } else if (matches(index, lowerAction)) return index;
    }
    return -1;
  };

  const firstMatch = (indexes: readonly number[], lowerAction: string, best: number) => {
    for (const index of indexes) {
      if (best >= 0 && index > best) break;
      if (matches(index, lowerAction)) return index;
    }
    return best;
  };

  const lookup = (lowerAction: string, lowerService: string) => {
    grouped ??= groupByService(patterns);
    const group = grouped.groups.get(lowerService);
    let best = group?.exact.get(lowerAction) ?? -1;
    if (group) best = firstMatch(group.wildcard, lowerAction, best);
    return firstMatch(grouped.anyService, lowerAction, best);
  };

  const indexOfLower = (lowerAction: string, lowerService?: string) => {
    const service = lowerService ?? lowerAction.slice(0, Math.max(0, lowerAction.indexOf(':')));
    return patterns.length <= SHORT_LIST || ++lookups === 1 ? scan(lowerAction, service) : lookup(lowerAction, service);
  };
  return { indexOfLower, indexOf: (action) => indexOfLower(action.toLowerCase()) };
}

/** How a pattern's service prefix relates to a service: the same (any case), possibly the same (wildcards, no colon), or another. */
function prefixRelation(pattern: string, lowerService: string): 'same' | 'wildcard' | 'other' {
  const length = lowerService.length;
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code === 42 || code === 63) return 'wildcard'; // * ?
    if (code === 58) return i === length ? 'same' : 'other'; // :
    if (i >= length) return 'other';
    const lower = code >= 65 && code <= 90 ? code + 32 : code;
    if (lower !== lowerService.charCodeAt(i)) return 'other';
  }
  return 'wildcard'; // no colon: only wildcards can make it match
}

function groupByService(patterns: readonly string[]): { groups: Map<string, ServiceGroup>; anyService: number[] } {
  const groups = new Map<string, ServiceGroup>();
  const anyService: number[] = [];
  patterns.forEach((pattern, index) => {
    const lower = pattern.toLowerCase();
    const colon = lower.indexOf(':');
    const service = colon < 0 ? undefined : lower.slice(0, colon);
    if (service === undefined || hasWildcard(service)) {
      anyService.push(index);
      return;
    }
    let group = groups.get(service);
    if (!group) groups.set(service, (group = { exact: new Map(), wildcard: [] }));
    if (hasWildcard(lower)) group.wildcard.push(index);
    else if (!group.exact.has(lower)) group.exact.set(lower, index);
  });
  return { groups, anyService };
}

// --- resources and ARN values -------------------------------------------------------------

/** The request side, split once per request: the value and its six ARN components when it is an ARN. */
export interface SplitValue {
  readonly text: string;
  readonly arn?: readonly string[];
}

export function splitValue(text: string): SplitValue {
  return { text, arn: splitArn(text) };
}

export type ArnPatternMatcher = (value: SplitValue, resolve: VariableResolver) => boolean;

/**
 * A Resource/NotResource value. `variablesEnabled` follows the policy's Version; variables are
 * read only after the fifth colon.
 */
export function compileResourcePattern(pattern: string, variablesEnabled: boolean): ArnPatternMatcher {
  if (pattern === '*') return () => true;
  const segments = splitArn(pattern, variablesEnabled);
  if (!segments) {
    const whole = compileWildcard(pattern, false);
    return (value) => whole(value.text);
  }
  // Header segments are mostly literal ("aws", "s3", "", an account id): compare those directly.
  const header = segments.slice(1, 5).map((segment) => (hasWildcard(segment) ? compileWildcard(segment, false) : segment));
  const resource = compileTemplate(parseTemplate(segments[5], variablesEnabled), { ignoreCase: false, wildcards: true });
  return (value, resolve) => {
    const arn = value.arn;
    if (!arn) return false;
    for (let i = 0; i < 4; i++) {
      const segment = header[i];
      if (typeof segment === 'string' ? segment !== arn[i + 1] : !segment(arn[i + 1])) return false;
    }
    return resource(arn[5], resolve);
  };
}

/** A value of ArnLike/ArnEquals and their negations: six components, variables anywhere. */
export function compileArnValuePattern(pattern: string, variablesEnabled: boolean): ArnPatternMatcher {
  const segments = splitArn(pattern, variablesEnabled);
  if (!segments) {
    const whole = compileTemplate(parseTemplate(pattern, variablesEnabled), { ignoreCase: false, wildcards: true });
    return (value, resolve) => whole(value.text, resolve);
  }
  const parts = segments.slice(1).map((segment) => compileTemplate(parseTemplate(segment, variablesEnabled), { ignoreCase: false, wildcards: true }));
  return (value, resolve) => {
    const arn = value.arn;
    if (!arn) return false;
    for (let i = 0; i < 5; i++) if (!parts[i](arn[i + 1], resolve)) return false;
    return true;
  };
}
