/**
 * "Can this Resource ARN be a resource of that type?", answered generously, for
 * ACTION_RESOURCE_MISMATCH: a finding there must mean no real resource could match.
 *
 * The ARN and the type's ARN formats are compared field by field (wildcards apply within ARN
 * segments: reference_policies_elements_resource.md), each field asking whether one string
 * fits both the policy's pattern and the format's template. In the template a placeholder holds
 * any text, except that it holds no '/' where a '/' follows it, in its own format or in a format
 * of the service that continues it: `${BucketName}` stays one segment, because
 * "arn:aws:s3:::bucket/*" names objects and not the bucket (the classic s3:ListBucket mistake
 * this check exists to catch), while `${LogGroupName}`, continued only by ":log-stream:", may
 * hold "/aws/lambda/x" as real log group names do. (The catalog's own matcher keeps every
 * continued placeholder to one segment, which suits naming resource types but would flag valid
 * policies here.)
 */
import type { Catalog } from '../catalog/catalog';
import type { ResourceTypeInfo, ServiceInfo } from '../catalog/types';
import { splitArnFields } from './arnsParse';
import { detached } from './detached';

const CHAR = 0;
const ANY = 1;
const ONE = 2;

type Element = { kind: typeof CHAR; char: string } | { kind: typeof ANY | typeof ONE; excluded: string };

const PLACEHOLDER = /\$\{[^}]*\}/g;

/**
 * Elements are read-only, so one object stands for every occurrence of the same element:
 * compiling a field allocates its array only (the catalog's formats alone hold ~100,000
 * characters, and the garbage collector is a good part of a cold run).
 */
const ANY_TEXT: Element = { kind: ANY, excluded: '' };
const ANY_TEXT_BUT_SLASH: Element = { kind: ANY, excluded: '/' };
const ONE_CHAR: Element = { kind: ONE, excluded: '' };
const ASCII_ELEMENTS: readonly Element[] = Array.from({ length: 128 }, (_, code) => ({ kind: CHAR, char: String.fromCharCode(code) }));

function charElement(char: string): Element {
  const code = char.charCodeAt(0);
  return char.length === 1 && code < 128 ? ASCII_ELEMENTS[code] : { kind: CHAR, char };
}

/** The policy's pattern: `*` any run, `?` one character, `${var}` any run (a variable's value). */
function patternElements(pattern: string): Element[] {
  const elements: Element[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i);
      if (end > 0) {
        const inner = pattern.slice(i + 2, end);
        if (inner === '*' || inner === '?' || inner === '$') elements.push(charElement(inner));
        else elements.push(ANY_TEXT);
        i = end;
        continue;
      }
    }
    if (char === '*') elements.push(ANY_TEXT);
    else if (char === '?') elements.push(ONE_CHAR);
    else elements.push(charElement(char));
  }
  return elements;
}

/** A format field: placeholders hold any text, but no '/' where `slashFollows` says a '/' comes next. */
function templateElements(template: string, lastFollowedBySlash: boolean): Element[] {
  const elements: Element[] = [];
  let i = 0;
  while (i < template.length) {
    if (template[i] === '$' && template[i + 1] === '{') {
      const end = template.indexOf('}', i);
      if (end > 0) {
        const next = end + 1 < template.length ? template[end + 1] : undefined;
        const slash = next === undefined ? lastFollowedBySlash : next === '/';
        elements.push(slash ? ANY_TEXT_BUT_SLASH : ANY_TEXT);
        i = end + 1;
        continue;
      }
    }
    // A literal '*' in a format (dms "cert:*") holds anything.
    if (template[i] === '*') elements.push(ANY_TEXT);
    else elements.push(charElement(template[i]));
    i += 1;
  }
  return elements;
}

function compatible(a: Element, b: Element): boolean {
  if (a.kind === CHAR && b.kind === CHAR) return a.char === b.char;
  if (a.kind === CHAR) return !(b as { excluded: string }).excluded.includes(a.char);
  if (b.kind === CHAR) return !a.excluded.includes(b.char);
  return true;
}

/**
 * Scratch state for intersects and templateAccepts, grown as needed and cleared per use rather
 * than allocated per call: both run for every new pair of ARN and format field, and neither
 * calls back out, so one buffer serves every call.
 */
let scratch = new Uint8Array(256);

function clearedScratch(size: number): Uint8Array {
  if (scratch.length < size) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
  else scratch.fill(0, 0, size);
  return scratch;
}

/** Is there a string both element sequences accept? */
function intersects(a: Element[], b: Element[]): boolean {
  const width = b.length + 1;
  const seen = clearedScratch((a.length + 1) * width);
  const stack = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const state = stack.pop()!;
    const i = (state / width) | 0;
    const j = state - i * width;
    if (i === a.length && j === b.length) return true;
    const ea = a[i];
    const eb = b[j];
    // The states reachable in one step; each is pushed once.
    if (ea?.kind === ANY && !seen[state + width]) {
      seen[state + width] = 1;
      stack.push(state + width);
    }
    if (eb?.kind === ANY && !seen[state + 1]) {
      seen[state + 1] = 1;
      stack.push(state + 1);
    }
    if (ea && eb && compatible(ea, eb)) {
      const both = (ea.kind === ANY ? i : i + 1) * width + (eb.kind === ANY ? j : j + 1);
      if (!seen[both]) {
        seen[both] = 1;
        stack.push(both);
      }
    }
  }
  return false;
}

/**
 * A field of the policy's ARN, read once per ARN. Most fields are plain text ("arn", "aws",
 * "s3", "my-bucket/reports"), which templateAccepts answers directly, and many resource parts
 * are a lone "*", which fits anything.
 */
interface PatternField {
  readonly elements: Element[];
  /** The one string the field matches, when it holds no wildcard and no variable. */
  readonly literal?: string;
  /** Only wildcards and variables: every format field accepts some string it matches. */
  readonly open: boolean;
}

function patternField(text: string): PatternField {
  const elements = patternElements(text);
  // Built from the elements, not the text: `${*}` stands for a literal "*".
  let literal: string | undefined = '';
  for (const element of elements) {
    if (element.kind !== CHAR) {
      literal = undefined;
      break;
    }
    literal += element.char;
  }
  return { elements, literal, open: elements.length > 0 && elements.every((element) => element.kind === ANY) };
}

/** A format field read into elements; one object per distinct field text (see sharedField). */
interface CompiledField {
  readonly elements: Element[];
}

/**
 * Whether the template accepts `text`: the element positions reachable after each character,
 * placeholders matching runs of the characters they allow. (A regular expression per format
 * field reads the same, but compiling thousands of them costs more than the matching.)
 */
function templateAccepts(elements: readonly Element[], text: string): boolean {
  const count = elements.length;
  // Two rows of count + 1 states in the scratch buffer, starting at `reachable` and `next`.
  const states = clearedScratch(2 * (count + 1));
  let reachable = 0;
  let next = count + 1;
  states[reachable] = 1;
  closeOverPlaceholders(elements, states, reachable);
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    states.fill(0, next, next + count + 1);
    for (let e = 0; e < count; e++) {
      if (!states[reachable + e]) continue;
      const element = elements[e];
      if (element.kind === CHAR) {
        if (element.char === char) states[next + e + 1] = 1;
      } else if (!element.excluded.includes(char)) states[next + e] = 1;
    }
    closeOverPlaceholders(elements, states, next);
    const swap = reachable;
    reachable = next;
    next = swap;
  }
  return states[reachable + count] === 1;
}

/** A placeholder may match nothing: reaching it reaches what follows it (the row of states starting at `row`). */
function closeOverPlaceholders(elements: readonly Element[], states: Uint8Array, row: number): void {
  for (let e = 0; e < elements.length; e++) if (states[row + e] && elements[e].kind === ANY) states[row + e + 1] = 1;
}

/** Is there a string that both the policy's field and the format's field accept? */
function fieldsIntersect(pattern: PatternField, template: CompiledField): boolean {
  if (pattern.open) return true;
  if (pattern.literal !== undefined) return templateAccepts(template.elements, pattern.literal);
  return intersects(pattern.elements, template.elements);
}

/** The text before the first wildcard, variable or placeholder. */
function literalHead(text: string): string {
  const end = text.search(/[*?]|\$\{/);
  return end < 0 ? text : text.slice(0, end);
}

/**
 * A format's fields 0–2 ("arn", "${Partition}", the service), compiled; one object per distinct
 * text, so nearly every format of a service shares one and an ARN is compared with it once
 * (see PolicyArn.fitsHeader), not once per format.
 */
interface CompiledHeader {
  readonly fields: readonly CompiledField[];
}

/** One ARN format of a resource type; its fields are compiled when a policy ARN gets past the head. */
class CompiledFormat {
  /** The resource field's literal text before its first placeholder or wildcard, for a quick no. */
  readonly head: string;
  private compiledHeader?: CompiledHeader;
  private compiledResource?: CompiledField;

  constructor(
    private readonly templates: readonly string[],
    private readonly continuedBySlash: boolean,
  ) {
    this.head = literalHead(templates[5]);
  }

  get header(): CompiledHeader {
    this.compiledHeader ??= sharedHeader(this.templates);
    return this.compiledHeader;
  }

  /** Region and account (fields 3 and 4) are never compiled: they have checks of their own. */
  get resource(): CompiledField {
    this.compiledResource ??= sharedField(this.templates[5], this.continuedBySlash);
    return this.compiledResource;
  }
}

/**
 * Compiled format fields by text: formats repeat the same fields ("arn", "${Partition}", the
 * service), so an ARN compared with every format of a service meets each only once (see
 * PolicyArn). The texts come from the service reference, a bounded set.
 */
const fieldsByTemplate = new Map<string, CompiledField>();
const headersByTemplate = new Map<string, CompiledHeader>();

function sharedField(template: string, lastFollowedBySlash: boolean): CompiledField {
  const key = lastFollowedBySlash ? `/${template}` : ` ${template}`;
  let field = fieldsByTemplate.get(key);
  if (!field) {
    field = { elements: templateElements(template, lastFollowedBySlash) };
    fieldsByTemplate.set(key, field);
  }
  return field;
}

function sharedHeader(templates: readonly string[]): CompiledHeader {
  const key = `${templates[0]}:${templates[1]}:${templates[2]}`;
  let header = headersByTemplate.get(key);
  if (!header) {
    header = { fields: [sharedField(templates[0], false), sharedField(templates[1], false), sharedField(templates[2], false)] };
    headersByTemplate.set(key, header);
  }
  return header;
}

/**
 * The service's ARN formats with their placeholders blanked, cut before each '/': a format
 * whose blanked shape is in this set is continued by a '/' in another format of the service.
 */
const slashContinuedShapes = new WeakMap<ServiceInfo, ReadonlySet<string>>();
const compiledByType = new WeakMap<ResourceTypeInfo, CompiledFormat[]>();

function continuedShapes(service: ServiceInfo): ReadonlySet<string> {
  let shapes = slashContinuedShapes.get(service);
  if (!shapes) {
    const found = new Set<string>();
    for (const rt of service.resourceTypes) {
      for (const format of rt.arnFormats) {
        const shape = format.replace(PLACEHOLDER, '${}');
        for (let slash = shape.indexOf('/'); slash >= 0; slash = shape.indexOf('/', slash + 1)) found.add(shape.slice(0, slash));
      }
    }
    shapes = found;
    slashContinuedShapes.set(service, shapes);
  }
  return shapes;
}

function compile(service: ServiceInfo, resourceType: ResourceTypeInfo): CompiledFormat[] {
  let compiled = compiledByType.get(resourceType);
  if (!compiled) {
    compiled = [];
    for (const format of resourceType.arnFormats) {
      const fields = splitArnFields(format);
      if (fields.length < 6) continue;
      compiled.push(new CompiledFormat(fields, continuedShapes(service).has(format.replace(PLACEHOLDER, '${}'))));
    }
    compiledByType.set(resourceType, compiled);
  }
  return compiled;
}

/** A policy ARN split once for comparison with many formats; its fields are read on first need. */
class PolicyArn {
  readonly fields: string[];
  readonly head: string;
  /** Fields 0–2 and 5 as patterns, read on first need; Region and account have checks of their own. */
  private headerPatterns?: readonly PatternField[];
  private resourcePattern?: PatternField;
  private readonly answers = new Map<CompiledHeader | CompiledField, boolean>();

  /** The ARN as written (a detached copy: this object is cached across documents). */
  readonly text: string;

  constructor(arn: string) {
    this.text = arn;
    this.fields = splitArnFields(arn);
    this.head = this.fields.length < 6 ? '' : literalHead(this.fields[5]);
  }

  /** Whether fields 0–2 of this ARN (prefix, partition, service) and of the format intersect. */
  fitsHeader(header: CompiledHeader): boolean {
    let answer = this.answers.get(header);
    if (answer === undefined) {
      const patterns = (this.headerPatterns ??= [patternField(this.fields[0]), patternField(this.fields[1]), patternField(this.fields[2])]);
      answer = fieldsIntersect(patterns[0], header.fields[0]) && fieldsIntersect(patterns[1], header.fields[1]) && fieldsIntersect(patterns[2], header.fields[2]);
      this.answers.set(header, answer);
    }
    return answer;
  }

  /** Whether the resource part of this ARN and the format's resource field intersect. */
  fitsResource(template: CompiledField): boolean {
    let answer = this.answers.get(template);
    if (answer === undefined) {
      this.resourcePattern ??= patternField(this.fields[5]);
      answer = fieldsIntersect(this.resourcePattern, template);
      this.answers.set(template, answer);
    }
    return answer;
  }
}

/** ARNs as read, by text: the same ARN meets every resource type of its statement's actions. */
const MAX_CACHED_POLICY_ARNS = 5000;
const policyArns = new Map<string, PolicyArn>();

function policyArn(arn: string): PolicyArn {
  let parsed = policyArns.get(arn);
  if (!parsed) {
    parsed = new PolicyArn(detached(arn));
    if (policyArns.size >= MAX_CACHED_POLICY_ARNS) policyArns.clear();
    policyArns.set(parsed.text, parsed);
  }
  return parsed;
}

/**
 * Whether `arn` (wildcards and variables allowed) may be a resource of `resourceType`, whatever
 * its Region and account fields say (ARN_REGION_NOT_ALLOWED, MISSING_ARN_REGION and
 * ARN_ACCOUNT_NOT_ALLOWED judge those).
 */
export function mayBeResourceOfType(service: ServiceInfo, resourceType: ResourceTypeInfo, arn: string): boolean {
  let answers = answersByType.get(resourceType);
  if (!answers) {
    answers = new Map();
    answersByType.set(resourceType, answers);
  }
  let answer = answers.get(arn);
  if (answer === undefined) {
    const parsed = policyArn(arn);
    answer = computeMayBe(service, resourceType, parsed);
    if (answers.size >= MAX_CACHED_ANSWERS) answers.clear();
    answers.set(parsed.text, answer);
  }
  return answer;
}

/** Answers by ARN text, per resource type: statements pair many actions with the same ARNs. */
const MAX_CACHED_ANSWERS = 2000;
const answersByType = new WeakMap<ResourceTypeInfo, Map<string, boolean>>();

function computeMayBe(service: ServiceInfo, resourceType: ResourceTypeInfo, arn: PolicyArn): boolean {
  return arn.fields.length < 6 || fitsSomeFormat(compile(service, resourceType), arn);
}

/** Plain loops: this runs for every resource type of a service per new ARN. */
function fitsSomeFormat(formats: readonly CompiledFormat[], arn: PolicyArn): boolean {
  const head = arn.head;
  for (const format of formats) {
    // Both literal heads must agree as far as the shorter goes.
    if (!(head.startsWith(format.head) || format.head.startsWith(head))) continue;
    if (arn.fitsHeader(format.header) && arn.fitsResource(format.resource)) return true;
  }
  return false;
}

/**
 * The service's resource types whose resource part `arn` can fit, whatever its Region and
 * account say (those are judged separately, from the formats' header shape). Undefined when the
 * catalog has no ARN format in this service's own namespace (devops-guru lists only SNS
 * topics): then nothing can be said about the ARN's shape.
 */
export function resourceTypesFittingResourcePart(catalog: Catalog, service: string, arn: string): readonly ResourceTypeInfo[] | undefined {
  const own = ownResourceTypes(catalog, service);
  const info = catalog.getService(service);
  if (own === undefined || !info) return undefined;
  let cache = fittingCaches.get(info);
  if (!cache) {
    cache = new Map();
    fittingCaches.set(info, cache);
  }
  let fitting = cache.get(arn);
  if (!fitting) {
    const parsed = policyArn(arn);
    if (parsed.fields.length < 6) fitting = own;
    else {
      const found: ResourceTypeInfo[] = [];
      for (const rt of own) if (fitsSomeFormat(compile(info, rt), parsed)) found.push(rt);
      fitting = found;
    }
    if (cache.size >= MAX_CACHED_ARNS) cache.clear();
    cache.set(parsed.text, fitting);
  }
  return fitting;
}

/** Answers by ARN text, per service: an edit re-analyses mostly unchanged ARNs. */
const MAX_CACHED_ARNS = 5000;
const fittingCaches = new WeakMap<ServiceInfo, Map<string, readonly ResourceTypeInfo[]>>();

const ownTypes = new WeakMap<object, readonly ResourceTypeInfo[] | undefined>();

/** The loaded service's resource types with an ARN format in its own namespace (arn:...:<service>:...). */
export function ownResourceTypes(catalog: Catalog, service: string): readonly ResourceTypeInfo[] | undefined {
  const info = catalog.getService(service);
  if (!info) return undefined;
  if (!ownTypes.has(info)) {
    const own = info.resourceTypes.filter((rt) => rt.arnFormats.some((format) => splitArnFields(format)[2] === service));
    ownTypes.set(info, own.length > 0 ? own : undefined);
  }
  return ownTypes.get(info);
}

const wordsByService = new WeakMap<object, ReadonlySet<string> | undefined>();

/**
 * The words that start the resource parts of the service's own ARN formats ("role", "user",
 * "log-group", "apis"), or undefined when a format starts with a placeholder (SQS queues: any
 * word may be a resource) or the catalog has no format of the service's own.
 */
export function resourceTypeWords(catalog: Catalog, service: string): ReadonlySet<string> | undefined {
  const info = catalog.getService(service);
  if (!info) return undefined;
  if (!wordsByService.has(info)) {
    let words: Set<string> | undefined = new Set<string>();
    for (const format of ownResourceTypes(catalog, service)?.flatMap((rt) => rt.arnFormats) ?? []) {
      if (splitArnFields(format)[2] !== service) continue;
      const match = /^\/?([A-Za-z0-9_.-]*)(.*)$/s.exec(splitArnFields(format)[5] ?? '')!;
      if (match[1] === '' || match[2].startsWith('${') || match[2].startsWith('*')) {
        words = undefined;
        break;
      }
      words.add(match[1]);
    }
    wordsByService.set(info, words && words.size > 0 ? words : undefined);
  }
  return wordsByService.get(info);
}
