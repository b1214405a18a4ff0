/**
 * The written form of policy variables, for diagnostics: where each `${` starts and ends and
 * what is wrong with it. The engine reads well-formed variables with policy/variables.ts; this
 * scanner also understands the malformed ones Access Analyzer reports
 * (access-analyzer-reference-policy-checks.md: missing brace, missing quote, space, empty).
 * Syntax (reference_policies_variables.md): `${name}`, `${name, 'default'}` ("surround the
 * default value with single quotes, and separate the variable text and the default value with
 * a comma and space"), and the special `${*}`, `${?}`, `${$}`.
 */

export type VariableProblemKind = 'missing-brace' | 'missing-quote' | 'space' | 'empty';

export interface ScannedVariable {
  /** Offset of the `$` in the string value. */
  readonly start: number;
  /** Offset after the closing `}`, or the end of the variable text when there is none. */
  readonly end: number;
  /** The text between `${` and `}`. */
  readonly inner: string;
  readonly closed: boolean;
  /** The variable's name (before a default value), trimmed; "" when empty. */
  readonly name: string;
  /** `${*}`, `${?}`, `${$}`: the literal characters. */
  readonly special: boolean;
  readonly problem?: VariableProblemKind;
  /** For problems with an obvious repair: the corrected variable text (`${...}`). */
  readonly repaired?: string;
}

const SPECIAL = new Set(['*', '?', '$']);
/** Characters of a variable name when the closing brace is missing: a key name without its tag part. */
const NAME_RUN = /^[A-Za-z0-9_.:-]+/;

/**
 * Every `${` in `text`, in order. `isKnownName` tells whether a name is a variable that exists
 * (a global key such as aws:username): an unclosed variable is repaired only when its name is
 * one, since otherwise where it ends is a guess.
 */
export function scanVariables(text: string, isKnownName: (name: string) => boolean = () => false): ScannedVariable[] {
  const variables: ScannedVariable[] = [];
  let at = text.indexOf('${');
  while (at >= 0) {
    const close = text.indexOf('}', at + 2);
    if (isTemplatePlaceholder(text, at) && close >= 0) {
      at = text.indexOf('${', close + 1);
      continue;
    }
    const nextOpen = text.indexOf('${', at + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const end = nextOpen >= 0 ? nextOpen : text.length;
      const inner = text.slice(at + 2, end);
      const run = NAME_RUN.exec(inner)?.[0] ?? '';
      const repaired = run && isKnownName(run) ? `\${${run}}` : undefined;
      variables.push({ start: at, end: repaired ? at + 2 + run.length : end, inner, closed: false, name: run, special: false, problem: 'missing-brace', repaired });
      at = nextOpen;
      continue;
    }
    variables.push(closedVariable(at, close + 1, text.slice(at + 2, close)));
    at = text.indexOf('${', close + 1);
  }
  return variables;
}

/**
 * `${!Ref Bucket}`: what the CloudFormation loader leaves where only a deployment knows the
 * value (account/cloudformation/intrinsics.ts; Fn::Sub writes a literal `${` as `${!`). Not a
 * policy variable, so none of the variable checks apply to it.
 */
function isTemplatePlaceholder(text: string, at: number): boolean {
  return text.startsWith('${!', at);
}

function closedVariable(start: number, end: number, inner: string): ScannedVariable {
  const base = { start, end, inner, closed: true };
  if (SPECIAL.has(inner)) return { ...base, name: inner, special: true };
  if (inner.trim() === '') return { ...base, name: '', special: false, problem: 'empty' };
  const comma = inner.indexOf(',');
  const namePart = comma < 0 ? inner : inner.slice(0, comma);
  const name = namePart.trim();
  const compactName = namePart.replace(/\s+/g, '');
  if (comma >= 0) {
    const defaultPart = inner.slice(comma + 1).replace(/^\s+/, '');
    const quoted = defaultPart.length >= 2 && defaultPart.startsWith("'") && defaultPart.endsWith("'");
    if (!quoted) {
      const value = defaultPart.replace(/^'|'$/g, '');
      return { ...base, name, special: false, problem: 'missing-quote', repaired: `\${${compactName}, '${value}'}` };
    }
  }
  if (/\s/.test(namePart)) {
    const rest = comma < 0 ? '' : inner.slice(comma);
    return { ...base, name, special: false, problem: 'space', repaired: `\${${compactName}${rest}}` };
  }
  return { ...base, name, special: false };
}

/** `text` with one variable replaced by `replacement`. */
export function replaceVariable(text: string, variable: ScannedVariable, replacement: string): string {
  return text.slice(0, variable.start) + replacement + text.slice(variable.end);
}
