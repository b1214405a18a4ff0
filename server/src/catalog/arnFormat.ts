/**
 * ARN formats from the Service Authorization Reference ("arn:${Partition}:s3:::${BucketName}/${ObjectName}")
 * turned into matchers.
 *
 * The reference gives no grammar for what a placeholder may hold, so this is the rule used:
 * - in the first five fields (arn:partition:service:region:account) a placeholder holds
 *   anything but ':' (region and account may be empty, as in IAM and S3 ARNs);
 * - in the resource part a placeholder holds one segment: no '/' and no ':';
 * - except placeholders named like paths (RoleNameWithPath, ApiGatewayResourcePath...) and the
 *   last placeholder of a format that no other format of the service continues: those hold
 *   anything, so `${ObjectName}` takes "photos/2024/a.jpg" and a qualified Lambda function
 *   ARN still reads as a function, while `${BucketName}` (continued by the object format)
 *   stays one segment;
 * - a literal `*` in a format (dms "cert:*") holds anything.
 *
 * The ARN being matched may be a Resource value from a policy: `*` and `?` in it are
 * wildcards (reference_policies_elements_resource.md), `${*}`, `${?}`, `${$}` are those
 * characters and any other `${...}` is a policy variable, taken as any text without ':'
 * (reference_policies_variables.md; ':' separates the ARN's fields, which a value such as
 * ${aws:PrincipalAccount} fills one at a time). The ARN then matches the format when at least one
 * concrete ARN fits both. Matching is case-sensitive, as ARN matching is.
 */

export interface ArnFormatMatcher {
  readonly format: string;
  matches(arn: string): boolean;
}

const CHAR = 0;
const ONE_OF = 1;
const ANY_NUMBER_OF = 2;

/** One character of the format or of the ARN, or a run of characters. */
type Element =
  | { kind: typeof CHAR; char: string }
  | { kind: typeof ONE_OF | typeof ANY_NUMBER_OF; excluded: string };

const PLACEHOLDER = /\$\{([^}]*)\}/g;
const PATH_LIKE = /path$/i;

/** The format with every placeholder written the same way, to compare shapes across formats. */
export function arnFormatShape(format: string): string {
  return format.replace(PLACEHOLDER, '${}');
}

/**
 * @param lastPlaceholderSpans whether the placeholder that ends the format may hold '/' and ':'
 *   (true when no other resource type of the service continues this format).
 */
export function compileArnFormat(format: string, lastPlaceholderSpans: boolean): ArnFormatMatcher {
  let elements: Element[] | undefined;
  return {
    format,
    matches(arn) {
      elements ??= formatElements(format, lastPlaceholderSpans);
      return intersects(elements, arnElements(arn));
    },
  };
}

/** Which formats of one service have a last placeholder that may span segments. */
export function lastPlaceholderSpans(format: string, allFormatsOfService: readonly string[]): boolean {
  if (!format.endsWith('}')) return false;
  const shape = arnFormatShape(format);
  return !allFormatsOfService.some((other) => {
    const otherShape = arnFormatShape(other);
    return otherShape.length > shape.length && otherShape.startsWith(shape);
  });
}

function formatElements(format: string, lastSpans: boolean): Element[] {
  const elements: Element[] = [];
  let field = 0; // colons seen: fields 0..4 are the header, 5 the resource part
  let i = 0;
  while (i < format.length) {
    const char = format[i];
    if (char === '$' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) {
        elements.push({ kind: CHAR, char });
        i += 1;
        continue;
      }
      const name = format.slice(i + 2, end);
      const isLast = end === format.length - 1;
      if (field < 5) {
        // The partition is never empty; region and account are for global resources.
        if (name === 'Partition') elements.push({ kind: ONE_OF, excluded: ':' });
        elements.push({ kind: ANY_NUMBER_OF, excluded: ':' });
      } else {
        const excluded = PATH_LIKE.test(name) || (isLast && lastSpans) ? '' : '/:';
        elements.push({ kind: ONE_OF, excluded }, { kind: ANY_NUMBER_OF, excluded });
      }
      i = end + 1;
      continue;
    }
    if (char === '*') {
      elements.push({ kind: ANY_NUMBER_OF, excluded: field < 5 ? ':' : '' });
    } else {
      elements.push({ kind: CHAR, char });
      if (char === ':' && field < 5) field += 1;
    }
    i += 1;
  }
  return elements;
}

const SPECIAL_CHARACTER_VARIABLES: Record<string, string> = { '${*}': '*', '${?}': '?', '${$}': '$' };

function arnElements(arn: string): Element[] {
  const elements: Element[] = [];
  let i = 0;
  while (i < arn.length) {
    const char = arn[i];
    if (char === '$' && arn[i + 1] === '{') {
      const end = arn.indexOf('}', i);
      if (end > 0) {
        const variable = arn.slice(i, end + 1);
        const literal = SPECIAL_CHARACTER_VARIABLES[variable];
        if (literal !== undefined) elements.push({ kind: CHAR, char: literal });
        else elements.push({ kind: ONE_OF, excluded: ':' }, { kind: ANY_NUMBER_OF, excluded: ':' });
        i = end + 1;
        continue;
      }
    }
    if (char === '*') elements.push({ kind: ANY_NUMBER_OF, excluded: '' });
    else if (char === '?') elements.push({ kind: ONE_OF, excluded: '' });
    else elements.push({ kind: CHAR, char });
    i += 1;
  }
  return elements;
}

/** Can one character be produced by both elements? */
function compatible(a: Element, b: Element): boolean {
  if (a.kind === CHAR && b.kind === CHAR) return a.char === b.char;
  if (a.kind === CHAR) return b.kind !== CHAR && !b.excluded.includes(a.char);
  if (b.kind === CHAR) return !a.excluded.includes(b.char);
  // Two classes: both exclude at most "/:" so they always share a character.
  return true;
}

/** Is there a string both element sequences accept? Reachability over (position in a, position in b). */
function intersects(a: Element[], b: Element[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const visit = (i: number, j: number) => {
    const state = i * width + j;
    if (seen[state] === 0) {
      seen[state] = 1;
      stack.push(state);
    }
  };
  while (stack.length > 0) {
    const state = stack.pop()!;
    const i = Math.floor(state / width);
    const j = state % width;
    if (i === a.length && j === b.length) return true;
    const ea = a[i];
    const eb = b[j];
    if (ea?.kind === ANY_NUMBER_OF) visit(i + 1, j);
    if (eb?.kind === ANY_NUMBER_OF) visit(i, j + 1);
    if (ea !== undefined && eb !== undefined && compatible(ea, eb)) {
      visit(ea.kind === ANY_NUMBER_OF ? i : i + 1, eb.kind === ANY_NUMBER_OF ? j : j + 1);
    }
  }
  return false;
}
