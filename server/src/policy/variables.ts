/**
 * Policy variables in strings (reference_policies_variables.md): `${aws:username}`,
 * `${aws:PrincipalTag/team, 'company-wide'}` with a default value, and the special
 * characters `${*}`, `${?}`, `${$}`. Variables only exist under `"Version": "2012-10-17"`:
 * otherwise "variables like ${aws:username} are treated as literal strings in the policy".
 */

/** A piece of a policy string: text whose `*` and `?` are wildcards, literal text, or a variable. */
export type TemplatePiece =
  | { readonly kind: 'pattern'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string; readonly defaultValue?: string };

const SPECIAL_CHARACTERS: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/** The policy language version that introduced variables (reference_policies_elements_version.md). */
export const VARIABLES_VERSION = '2012-10-17';

/**
 * Splits `text` into pieces. With `variablesEnabled` false the whole text is one pattern
 * piece, so `${...}` stays literal text (its `*` and `?` would still be wildcards, as AWS reads them).
 */
export function parseTemplate(text: string, variablesEnabled: boolean): TemplatePiece[] {
  if (!variablesEnabled || !text.includes('${')) return [{ kind: 'pattern', text }];
  const pieces: TemplatePiece[] = [];
  let literalStart = 0;
  let at = text.indexOf('${');
  while (at >= 0) {
    const end = text.indexOf('}', at + 2);
    if (end < 0) break;
    if (at > literalStart) pieces.push({ kind: 'pattern', text: text.slice(literalStart, at) });
    pieces.push(variablePiece(text.slice(at + 2, end)));
    literalStart = end + 1;
    at = text.indexOf('${', literalStart);
  }
  if (literalStart < text.length) pieces.push({ kind: 'pattern', text: text.slice(literalStart) });
  return pieces;
}

export function hasVariables(pieces: readonly TemplatePiece[]): boolean {
  return pieces.some((piece) => piece.kind === 'variable');
}

/** The variable names a template refers to (for "missing context keys"). */
export function variableNames(pieces: readonly TemplatePiece[]): string[] {
  return pieces.flatMap((piece) => (piece.kind === 'variable' ? [piece.name] : []));
}

// "surround the default value with single quotes (' '), and separate the variable text and the
// default value with a comma and space (, )" (reference_policies_variables.md, default values).
const WITH_DEFAULT = /^(.*?), '(.*)'$/s;

function variablePiece(inner: string): TemplatePiece {
  const special = SPECIAL_CHARACTERS[inner];
  if (special !== undefined) return { kind: 'literal', text: special };
  const withDefault = WITH_DEFAULT.exec(inner);
  if (withDefault) return { kind: 'variable', name: withDefault[1].trim(), defaultValue: withDefault[2] };
  return { kind: 'variable', name: inner.trim() };
}

/**
 * Answers a variable's value, or undefined when the request has none ("effectively null":
 * reference_policies_variables.md, policy variables with no value). Implementations may
 * record the miss.
 */
export type VariableResolver = (name: string) => string | undefined;

/**
 * Substitutes the variables. Returns undefined when a variable has neither a value nor a
 * default. Substituted values are literal text: their `*` and `?` are not wildcards.
 */
export function resolveTemplate(pieces: readonly TemplatePiece[], resolve: VariableResolver): TemplatePiece[] | undefined {
  const resolved: TemplatePiece[] = [];
  for (const piece of pieces) {
    if (piece.kind !== 'variable') {
      resolved.push(piece);
      continue;
    }
    const value = resolve(piece.name) ?? piece.defaultValue;
    if (value === undefined) return undefined;
    resolved.push({ kind: 'literal', text: value });
  }
  return resolved;
}
