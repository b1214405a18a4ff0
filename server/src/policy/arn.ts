/**
 * ARNs by segment. An ARN has six colon-separated components: `arn`, partition, service,
 * region, account and the resource; the resource is everything after the fifth colon and may
 * itself contain colons and slashes (reference_identifiers.md; the ARN operators of
 * reference_policies_elements_condition_operators.md: "Each of the six colon-delimited
 * components of the ARN is checked separately").
 */

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon: "user/path/name", "log-group:x:log-stream:y". */
  readonly resource: string;
}

/**
 * The six components, or undefined when `text` does not start with "arn:" or has fewer than
 * five colons. With `skipVariables`, colons inside `${...}` (a policy variable such as
 * `${aws:PrincipalAccount}`) do not separate components.
 */
export function splitArn(text: string, skipVariables = false): [string, string, string, string, string, string] | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let start = 0;
  let at = 0;
  while (parts.length < 5) {
    const colon = text.indexOf(':', at);
    if (colon < 0) return undefined;
    const variable = skipVariables ? text.lastIndexOf('${', colon) : -1;
    if (variable >= start) {
      const end = text.indexOf('}', variable);
      if (end > colon) {
        at = end + 1;
        continue;
      }
    }
    parts.push(text.slice(start, colon));
    start = at = colon + 1;
  }
  parts.push(text.slice(start));
  return parts as [string, string, string, string, string, string];
}

export function parseArn(text: string): Arn | undefined {
  const parts = splitArn(text);
  if (!parts) return undefined;
  const [, partition, service, region, account, resource] = parts;
  if (!partition || !service) return undefined;
  return { partition, service, region, account, resource };
}

/** A 12-digit AWS account id (reference_identifiers.md). */
export function isAccountId(text: string): boolean {
  return /^\d{12}$/.test(text);
}

/** The account of an ARN, or undefined when the ARN has none (S3 buckets) or is not an ARN. */
export function accountOfArn(text: string): string | undefined {
  const arn = parseArn(text);
  return arn && arn.account !== '' ? arn.account : undefined;
}

/** The last segment of a slash path: "role/path/Admin" -> "Admin". */
export function lastPathSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
