/**
 * Resource ARNs as the checks read them: six colon-separated fields (reference_identifiers.md:
 * arn:partition:service:region:account:resource), where a colon inside a policy variable such as
 * `${aws:PrincipalAccount}` does not separate fields (reference_policies_variables.md), and where
 * wildcards apply within one field (reference_policies_elements_resource.md, "You can use
 * wildcard characters (* and ?) within ARN segments").
 *
 * policy/arn.ts splits ARNs for the engine without variables in mind; this reader keeps the
 * fields' text as written so findings can name them.
 */
import type { ResourceTypeInfo } from '../catalog/types';
import { patternCovers } from './wildcardsPattern';

export interface ArnFields {
  /** "arn" as written (its case is checked). */
  readonly prefix: string;
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth separating colon. */
  readonly resource: string;
}

/** The colon-separated fields of `text`, at most six (the sixth keeps its colons). */
export function splitArnFields(text: string): string[] {
  // Without a variable, every colon up to the fifth separates (the common case, found by indexOf).
  if (!text.includes('${')) {
    const fields: string[] = [];
    let start = 0;
    for (let colon = text.indexOf(':'); colon >= 0 && fields.length < 5; colon = text.indexOf(':', start)) {
      fields.push(text.slice(start, colon));
      start = colon + 1;
    }
    fields.push(text.slice(start));
    return fields;
  }
  const fields: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length && fields.length < 5) {
    if (text[i] === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end > 0) {
        i = end + 1;
        continue;
      }
    }
    if (text[i] === ':') {
      fields.push(text.slice(start, i));
      start = i + 1;
    }
    i += 1;
  }
  fields.push(text.slice(start));
  return fields;
}

/** The six fields, or undefined when the text has fewer than six. */
export function parseArnFields(text: string): ArnFields | undefined {
  const fields = splitArnFields(text);
  if (fields.length < 6) return undefined;
  const [prefix, partition, service, region, account, resource] = fields;
  return { prefix, partition, service, region, account, resource };
}

export function joinArnFields(fields: ArnFields): string {
  return [fields.prefix, fields.partition, fields.service, fields.region, fields.account, fields.resource].join(':');
}

/** A field whose value is not known from the text: it holds a wildcard or a policy variable. */
export function isOpenField(field: string): boolean {
  return field.includes('*') || field.includes('?') || field.includes('${');
}

/**
 * Whether Resource entry `outer` covers every ARN `inner` matches. "*" covers everything; two
 * ARNs are compared field by field (wildcards do not cross the colons between fields); ARN
 * matching is case-sensitive.
 */
export function resourceCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (inner === '*') return false;
  const a = parseArnFields(outer);
  const b = parseArnFields(inner);
  if (!a || !b) return outer === inner;
  return arnFieldsCover(a, b);
}

const FIELD_NAMES = ['resource', 'service', 'account', 'region', 'partition', 'prefix'] as const;

/** resourceCovers for ARNs already split; the resource field, most often different, is compared first. */
export function arnFieldsCover(outer: ArnFields, inner: ArnFields): boolean {
  for (const name of FIELD_NAMES) {
    const a = outer[name];
    const b = inner[name];
    if (a === b || a === '*') continue;
    if (!a.includes('*') && !a.includes('?')) return false;
    if (!patternCovers(a, b, false)) return false;
  }
  return true;
}

/** How a resource type's ARN formats fill the Region and account fields. */
export interface ArnHeaderShape {
  /** 'empty' for global resources (IAM, S3 buckets), 'placeholder' for ${Region}, 'mixed' when formats disagree. */
  readonly region: 'empty' | 'placeholder' | 'mixed';
  readonly account: 'empty' | 'placeholder' | 'mixed';
}

const headerShapes = new WeakMap<ResourceTypeInfo, ArnHeaderShape>();

export function arnHeaderShape(resourceType: ResourceTypeInfo): ArnHeaderShape {
  let shape = headerShapes.get(resourceType);
  if (!shape) {
    const regions = new Set<string>();
    const accounts = new Set<string>();
    for (const format of resourceType.arnFormats) {
      const fields = parseArnFields(format);
      if (!fields) continue;
      regions.add(fields.region === '' ? 'empty' : 'placeholder');
      accounts.add(fields.account === '' ? 'empty' : 'placeholder');
    }
    const one = (set: Set<string>) => (set.size === 1 ? ([...set][0] as 'empty' | 'placeholder') : 'mixed');
    shape = { region: one(regions), account: one(accounts) };
    headerShapes.set(resourceType, shape);
  }
  return shape;
}
