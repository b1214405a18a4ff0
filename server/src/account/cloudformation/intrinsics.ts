/**
 * Resolves CloudFormation intrinsic functions as far as the template itself allows: parameter
 * Default values (or values from settings), pseudo parameters, `Fn::Sub` with its variables,
 * `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`, `Fn::If` over conditions that can be
 * decided, and `Ref` / `Fn::GetAtt` to resources of the template (resourceTypes.ts). Whatever
 * only a deployment knows stays in the value as a visible placeholder such as
 * `${!GetAtt Key.KeyId}` or `${!ImportValue shared-bucket}`: never dropped, never guessed.
 * (`${!...}` is how Fn::Sub writes a literal `${...}`, so the text reads as "not substituted".)
 */
import { RESOURCE_TYPES, type NamedResource } from './resourceTypes';
import { SHORT_FORMS, literalString, valueOf, type TemplateNode } from './templateTree';
import type { PseudoParameters } from './templateOptions';

export type Resolved =
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null; readonly node: TemplateNode; readonly exact: boolean }
  | { readonly kind: 'object'; readonly entries: readonly ResolvedEntry[]; readonly node: TemplateNode }
  | { readonly kind: 'array'; readonly items: readonly Resolved[]; readonly node: TemplateNode }
  /** `Ref: AWS::NoValue`: the property or item is removed. */
  | { readonly kind: 'none'; readonly node: TemplateNode };

export interface ResolvedEntry {
  readonly key: string;
  readonly keyNode: TemplateNode;
  readonly value: Resolved;
}

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly keyNode: TemplateNode;
  readonly node: TemplateNode;
  readonly properties?: TemplateNode;
  /** The name of the condition the resource is created under. */
  readonly condition?: string;
}

export interface ResolverProblem {
  readonly offset: number;
  readonly length: number;
  readonly code: 'template-unknown-reference' | 'template-invalid-resource';
  readonly message: string;
}

/** The text left where a value is only known after deployment. */
export function placeholder(expression: string): string {
  return `\${!${expression}}`;
}

/** True when a resolved string still contains a placeholder. */
export function hasPlaceholder(text: string): boolean {
  return text.includes('${!');
}

const PSEUDO_WITHOUT_VALUE = new Set(['AWS::StackId', 'AWS::NotificationARNs']);
const MAX_DEPTH = 100;

export class TemplateResolver {
  readonly resources = new Map<string, TemplateResource>();
  readonly problems: ResolverProblem[] = [];
  private readonly parameters = new Map<string, TemplateNode>();
  private readonly conditions = new Map<string, TemplateNode>();
  private readonly mappings?: TemplateNode;
  private readonly named = new Map<string, { name: string; path: string; generated: boolean }>();
  private readonly namesInProgress = new Set<string>();
  private readonly conditionValues = new Map<string, boolean | undefined>();
  private readonly conditionsInProgress = new Set<string>();
  private readonly reported = new Set<string>();

  constructor(
    root: TemplateNode | undefined,
    readonly pseudo: PseudoParameters,
    private readonly parameterValues: Readonly<Record<string, string>> = {},
  ) {
    for (const entry of mapEntries(valueOf(root, 'Parameters'))) if (entry.value) this.parameters.set(entry.key, entry.value);
    for (const entry of mapEntries(valueOf(root, 'Conditions'))) if (entry.value) this.conditions.set(entry.key, entry.value);
    this.mappings = valueOf(root, 'Mappings');
    for (const entry of mapEntries(valueOf(root, 'Resources'))) {
      const node = entry.value;
      const type = literalString(valueOf(node, 'Type'));
      if (!node || !type) continue;
      this.resources.set(entry.key, {
        logicalId: entry.key,
        type,
        keyNode: entry.keyNode,
        node,
        properties: valueOf(node, 'Properties'),
        condition: literalString(valueOf(node, 'Condition')),
      });
    }
  }

  resolve(node: TemplateNode, depth = 0): Resolved {
    if (depth > MAX_DEPTH) return this.placeholderValue(node, 'nested too deeply');
    const call = intrinsicOf(node);
    if (call) return anchored(this.intrinsic(call.name, call.argument, node, depth + 1), node);
    switch (node.kind) {
      case 'scalar':
        return { kind: 'scalar', value: node.value ?? null, node, exact: node.exactOffset !== undefined };
      case 'seq':
        return { kind: 'array', node, items: (node.items ?? []).map((item) => this.resolve(item, depth + 1)).filter((item) => item.kind !== 'none') };
      case 'map': {
        const entries: ResolvedEntry[] = [];
        for (const entry of node.entries ?? []) {
          const value: Resolved = entry.value ? this.resolve(entry.value, depth + 1) : { kind: 'scalar', value: null, node: entry.keyNode, exact: false };
          if (value.kind !== 'none') entries.push({ key: entry.key, keyNode: entry.keyNode, value });
        }
        return { kind: 'object', node, entries };
      }
    }
  }

  /** The value as text, the way Fn::Sub and Fn::Join use it; lists joined with commas. */
  resolveText(node: TemplateNode | undefined): string {
    return node ? textOf(this.resolve(node)) : '';
  }

  /** A resource's physical name and IAM path: the name property when set, else the generated `stack-LogicalId`. */
  nameOf(resource: TemplateResource): { name: string; path: string; generated: boolean } {
    const known = this.named.get(resource.logicalId);
    if (known) return known;
    const facts = RESOURCE_TYPES[resource.type];
    const nameNode = facts?.nameProperty ? valueOf(resource.properties, facts.nameProperty) : undefined;
    let result: { name: string; path: string; generated: boolean };
    if (this.namesInProgress.has(resource.logicalId)) {
      // A name that depends on itself: CloudFormation rejects the circular dependency.
      result = { name: placeholder(`Ref ${resource.logicalId}`), path: '/', generated: false };
    } else {
      this.namesInProgress.add(resource.logicalId);
      const pathNode = valueOf(resource.properties, 'Path');
      const path = pathNode ? this.resolveText(pathNode) : '/';
      if (nameNode) result = { name: this.resolveText(nameNode), path, generated: false };
      else {
        const generated = `${this.pseudo['AWS::StackName']}-${resource.logicalId}`;
        result = { name: facts?.lowerCaseName ? generated.toLowerCase() : generated, path, generated: true };
      }
      this.namesInProgress.delete(resource.logicalId);
    }
    this.named.set(resource.logicalId, result);
    return result;
  }

  /** The value `Ref` gives for a resource, pseudo parameter or parameter name. */
  refText(name: string, at: TemplateNode): string {
    return textOf(this.ref(name, at, at));
  }

  /** The value `Fn::GetAtt` gives for a resource's attribute. */
  attributeText(logicalId: string, attribute: string, at: TemplateNode): string {
    return textOf(this.getAtt(logicalId, attribute, at));
  }

  /** A condition's value, or undefined when it depends on something only a deployment knows. */
  condition(name: string, at?: TemplateNode): boolean | undefined {
    if (this.conditionValues.has(name)) return this.conditionValues.get(name);
    const node = this.conditions.get(name);
    if (!node) {
      if (at) this.report(at, 'template-unknown-reference', `The condition "${name}" is not defined in Conditions.`);
      return undefined;
    }
    if (this.conditionsInProgress.has(name)) return undefined;
    this.conditionsInProgress.add(name);
    const value = this.evaluateCondition(node, 0);
    this.conditionsInProgress.delete(name);
    this.conditionValues.set(name, value);
    return value;
  }

  private evaluateCondition(node: TemplateNode, depth: number): boolean | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    const call = intrinsicOf(node);
    if (!call) return undefined;
    const items = call.argument.kind === 'seq' ? (call.argument.items ?? []) : [call.argument];
    switch (call.name) {
      case 'Fn::Equals': {
        if (items.length !== 2) return undefined;
        const [left, right] = items.map((item) => this.resolveText(item));
        return hasPlaceholder(left) || hasPlaceholder(right) ? undefined : left === right;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = items.map((item) => this.evaluateCondition(item, depth + 1));
        const decisive = call.name === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.includes(undefined) ? undefined : !decisive;
      }
      case 'Fn::Not': {
        const value = items[0] ? this.evaluateCondition(items[0], depth + 1) : undefined;
        return value === undefined ? undefined : !value;
      }
      case 'Condition':
        return this.condition(this.resolveText(call.argument), call.argument);
      default:
        return undefined;
    }
  }

  private intrinsic(name: string, argument: TemplateNode, node: TemplateNode, depth: number): Resolved {
    const items = argument.kind === 'seq' ? (argument.items ?? []) : undefined;
    switch (name) {
      case 'Ref':
        return this.ref(this.resolveText(argument), argument, node);
      case 'Fn::GetAtt': {
        const parts = items ? items.map((item) => this.resolveText(item)) : splitOnce(this.resolveText(argument), '.');
        return this.getAtt(parts[0] ?? '', parts.slice(1).join('.'), node);
      }
      case 'Fn::Sub':
        return this.sub(items ? items[0] : argument, items?.[1], node);
      case 'Fn::Join': {
        if (!items || items.length !== 2) return this.invalid(node, 'Fn::Join takes a delimiter and a list: [delimiter, [values]].');
        const list = this.resolve(items[1], depth);
        const values = list.kind === 'array' ? list.items.map(textOf) : [textOf(list)];
        return this.text(values.join(this.resolveText(items[0])), node);
      }
      case 'Fn::Select': {
        if (!items || items.length !== 2) return this.invalid(node, 'Fn::Select takes an index and a list: [index, [values]].');
        const index = Number(this.resolveText(items[0]));
        const list = this.resolve(items[1], depth);
        if (list.kind === 'array' && Number.isInteger(index) && index >= 0 && index < list.items.length) {
          // An item written in the list keeps its own place; one produced by a function is the Select's.
          const item = list.items[index];
          return (items[1].items ?? []).includes(item.node) ? item : relocated(item, node);
        }
        return this.placeholderValue(node, `Select ${this.resolveText(items[0])}`);
      }
      case 'Fn::Split': {
        if (!items || items.length !== 2) return this.invalid(node, 'Fn::Split takes a delimiter and a string: [delimiter, text].');
        const delimiter = this.resolveText(items[0]);
        const source = this.resolveText(items[1]);
        return { kind: 'array', node, items: (delimiter ? source.split(delimiter) : [source]).map((part) => this.text(part, node)) };
      }
      case 'Fn::FindInMap': {
        if (!items || items.length < 3) return this.invalid(node, 'Fn::FindInMap takes a map name, a top-level key and a second-level key.');
        const [map, top, second] = items.map((item) => this.resolveText(item));
        const found = valueOf(valueOf(valueOf(this.mappings, map), top), second);
        if (found) return this.resolve(found, depth);
        if (!hasPlaceholder(map + top + second)) this.report(node, 'template-unknown-reference', `Mappings has no ${map} > ${top} > ${second}.`);
        return this.placeholderValue(node, `FindInMap ${map}.${top}.${second}`);
      }
      case 'Fn::If': {
        if (!items || items.length !== 3) return this.invalid(node, 'Fn::If takes a condition name and two values: [condition, ifTrue, ifFalse].');
        const conditionName = this.resolveText(items[0]);
        const value = this.condition(conditionName, items[0]);
        if (value === undefined) return this.placeholderValue(node, `If ${conditionName}`);
        return this.resolve(value ? items[1] : items[2], depth);
      }
      case 'Fn::ImportValue':
        return this.placeholderValue(node, `ImportValue ${this.resolveText(argument)}`);
      case 'Fn::Base64': {
        const text = this.resolveText(argument);
        return hasPlaceholder(text) ? this.placeholderValue(node, 'Base64') : this.text(base64(text), node);
      }
      case 'Fn::GetAZs':
        return this.placeholderValue(node, `GetAZs ${this.resolveText(argument) || this.pseudo['AWS::Region']}`);
      case 'Fn::Length': {
        const list = this.resolve(argument, depth);
        return list.kind === 'array' ? { kind: 'scalar', value: list.items.length, node, exact: false } : this.placeholderValue(node, 'Length');
      }
      case 'Fn::ToJsonString':
        return this.text(JSON.stringify(plainOf(this.resolve(argument, depth))), node);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
      case 'Condition': {
        const value = this.evaluateCondition(node, depth);
        return value === undefined ? this.placeholderValue(node, name) : { kind: 'scalar', value, node, exact: false };
      }
      case 'Fn::Cidr':
      case 'Fn::Transform':
        return this.placeholderValue(node, name.replace(/^Fn::/, ''));
      default:
        return this.invalid(node, `${name} is not a CloudFormation intrinsic function.`, name);
    }
  }

  private ref(name: string, argument: TemplateNode, node: TemplateNode): Resolved {
    if (name === 'AWS::NoValue') return { kind: 'none', node };
    if (name in this.pseudo) return this.text(this.pseudo[name as keyof PseudoParameters], node);
    if (PSEUDO_WITHOUT_VALUE.has(name)) return this.placeholderValue(node, `Ref ${name}`);
    const parameter = this.parameters.get(name);
    if (parameter) return this.parameter(name, parameter, node);
    const resource = this.resources.get(name);
    if (resource) {
      const facts = RESOURCE_TYPES[resource.type];
      return facts ? this.text(facts.ref(this.namedResource(resource)), node) : this.placeholderValue(node, `Ref ${name}`);
    }
    if (!hasPlaceholder(name)) this.report(argument, 'template-unknown-reference', `Ref: "${name}" is not a parameter, resource or pseudo parameter of this template.`);
    return this.placeholderValue(node, `Ref ${name}`);
  }

  /**
   * A parameter's value: from settings, else its Default. List types become arrays. An SSM
   * parameter type's Default names the SSM parameter, not its value, so it stays a placeholder.
   */
  private parameter(name: string, declaration: TemplateNode, node: TemplateNode): Resolved {
    const type = literalString(valueOf(declaration, 'Type')) ?? 'String';
    if (type.startsWith('AWS::SSM::Parameter::Value')) return this.placeholderValue(node, `Ref ${name}`);
    const given = this.parameterValues[name];
    const defaultNode = valueOf(declaration, 'Default');
    if (given === undefined && !defaultNode) return this.placeholderValue(node, `Ref ${name}`);
    const list = type === 'CommaDelimitedList' || type.startsWith('List<');
    if (given !== undefined) {
      return list ? { kind: 'array', node, items: given.split(',').map((part) => this.text(part.trim(), node)) } : this.text(given, node);
    }
    const value = this.resolve(defaultNode!);
    if (list && value.kind === 'scalar') {
      return { kind: 'array', node: value.node, items: textOf(value).split(',').map((part) => this.text(part.trim(), value.node)) };
    }
    // The Default's own node: a range in the policy then points at the value that produced it.
    return value;
  }

  private getAtt(logicalId: string, attribute: string, node: TemplateNode): Resolved {
    const resource = this.resources.get(logicalId);
    if (!resource) {
      if (!hasPlaceholder(logicalId)) this.report(node, 'template-unknown-reference', `Fn::GetAtt: "${logicalId}" is not a resource of this template.`);
      return this.placeholderValue(node, `GetAtt ${logicalId}.${attribute}`);
    }
    const value = RESOURCE_TYPES[resource.type]?.attributes[attribute];
    return value ? this.text(value(this.namedResource(resource)), node) : this.placeholderValue(node, `GetAtt ${logicalId}.${attribute}`);
  }

  private sub(templateNode: TemplateNode | undefined, variablesNode: TemplateNode | undefined, node: TemplateNode): Resolved {
    if (!templateNode || templateNode.kind !== 'scalar' || typeof templateNode.value !== 'string') {
      return this.invalid(node, 'Fn::Sub takes a string, or [string, {variables}].');
    }
    const template = templateNode.value;
    const variables = new Map(mapEntries(variablesNode).map((entry) => [entry.key, entry.value]));
    let substituted = false;
    const text = template.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => {
      substituted = true;
      // ${!Literal} is written out as ${Literal}: how templates keep IAM policy variables.
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (variables.has(name)) return this.resolveText(variables.get(name));
      if (!name.includes('::') && name.includes('.')) {
        const [logicalId, attribute] = splitOnce(name, '.');
        return textOf(this.getAtt(logicalId, attribute, templateNode));
      }
      return textOf(this.ref(name, templateNode, templateNode));
    });
    // Without substitutions the string is the template's own text, character for character.
    if (!substituted && !variablesNode) return { kind: 'scalar', value: text, node: templateNode, exact: templateNode.exactOffset !== undefined };
    return this.text(text, node);
  }

  private namedResource(resource: TemplateResource): NamedResource {
    const { name, path } = this.nameOf(resource);
    return { logicalId: resource.logicalId, name, path, pseudo: this.pseudo, placeholder };
  }

  private text(value: string, node: TemplateNode): Resolved {
    return { kind: 'scalar', value, node, exact: false };
  }

  private placeholderValue(node: TemplateNode, expression: string): Resolved {
    return this.text(placeholder(expression), node);
  }

  private invalid(node: TemplateNode, message: string, expression = 'invalid'): Resolved {
    this.report(node, 'template-invalid-resource', message);
    return this.placeholderValue(node, expression);
  }

  private report(node: TemplateNode, code: ResolverProblem['code'], message: string): void {
    const key = `${node.offset}:${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ offset: node.offset, length: node.length, code, message });
  }
}

/**
 * A value produced by a function call keeps pointing inside the call: a parameter's Default or
 * a mapping entry lives elsewhere in the file, and a policy's ranges must stay inside the policy.
 */
function anchored(value: Resolved, call: TemplateNode): Resolved {
  const inside = value.node.offset >= call.offset && value.node.offset + value.node.length <= call.offset + call.length;
  return inside ? value : relocated(value, call);
}

/** The value, every part of it pointing at `call`. */
function relocated(value: Resolved, call: TemplateNode): Resolved {
  switch (value.kind) {
    case 'scalar':
      return { ...value, node: call, exact: false };
    case 'none':
      return { ...value, node: call };
    case 'array':
      return { kind: 'array', node: call, items: value.items.map((item) => relocated(item, call)) };
    case 'object':
      return { kind: 'object', node: call, entries: value.entries.map((entry) => ({ key: entry.key, keyNode: { ...call, exactOffset: undefined }, value: relocated(entry.value, call) })) };
  }
}

/** `{ "Ref": ... }`, `{ "Fn::X": ... }` or a YAML short form; the argument without the tag. */
export function intrinsicOf(node: TemplateNode): { name: string; argument: TemplateNode } | undefined {
  if (node.tag) {
    const offset = node.valueOffset ?? node.offset;
    return { name: SHORT_FORMS[node.tag], argument: { ...node, tag: undefined, valueOffset: undefined, offset, length: node.length - (offset - node.offset) } };
  }
  if (node.kind !== 'map' || node.entries?.length !== 1) return undefined;
  const [entry] = node.entries;
  if (!entry.value || !(entry.key === 'Ref' || entry.key.startsWith('Fn::'))) return undefined;
  return { name: entry.key, argument: entry.value };
}

/** True when any value under `node` is an intrinsic function call. */
export function containsIntrinsic(node: TemplateNode): boolean {
  if (intrinsicOf(node)) return true;
  if (node.kind === 'map') return (node.entries ?? []).some((entry) => entry.value !== undefined && containsIntrinsic(entry.value));
  if (node.kind === 'seq') return (node.items ?? []).some(containsIntrinsic);
  return false;
}

export function textOf(value: Resolved): string {
  switch (value.kind) {
    case 'scalar':
      return value.value === null ? '' : String(value.value);
    case 'array':
      return value.items.map(textOf).join(',');
    case 'object':
      return placeholder('object');
    case 'none':
      return '';
  }
}

/** As plain JSON data (for Fn::ToJsonString). */
function plainOf(value: Resolved): unknown {
  switch (value.kind) {
    case 'scalar':
      return value.value;
    case 'array':
      return value.items.map(plainOf);
    case 'object':
      return Object.fromEntries(value.entries.map((entry) => [entry.key, plainOf(entry.value)]));
    case 'none':
      return null;
  }
}

export function mapEntries(node: TemplateNode | undefined) {
  return node?.kind === 'map' && !node.tag ? (node.entries ?? []) : [];
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
