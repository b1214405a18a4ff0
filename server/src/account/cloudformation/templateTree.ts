/**
 * A CloudFormation template as one tree, whether written in JSON or YAML: maps, sequences and
 * scalars with their offsets in the file, and the YAML short-form tag (`!Ref`, `!Sub`...) where
 * one is used. JSON goes through jsonc-parser's tolerant tree, YAML through the `yaml`
 * package's Document API; both keep going after an error, and the errors come back with
 * offsets. Short forms are those of the CloudFormation intrinsic function reference.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Document, type Tags } from 'yaml';
import { createLineIndex, type LineIndex } from '../../policy/lineIndex';

export interface TemplateNode {
  readonly kind: 'map' | 'seq' | 'scalar';
  /** From the tag (YAML) or the first character of the value to its end. */
  readonly offset: number;
  readonly length: number;
  /** The YAML short-form tag, e.g. "!GetAtt". */
  readonly tag?: string;
  /** With a tag: where the tagged value starts (after the tag and its space). */
  readonly valueOffset?: number;
  readonly entries?: readonly TemplateEntry[];
  readonly items?: readonly TemplateNode[];
  readonly value?: string | number | boolean | null;
  /** Set when the source characters at this offset are exactly String(value): plain or quoted without escapes. */
  readonly exactOffset?: number;
}

export interface TemplateEntry {
  readonly key: string;
  readonly keyNode: TemplateNode;
  /** Undefined while a key has no value yet (`Resources:` being typed). */
  readonly value?: TemplateNode;
}

export interface TemplateSyntaxProblem {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ParsedTemplate {
  readonly format: 'json' | 'yaml';
  readonly text: string;
  readonly root?: TemplateNode;
  readonly problems: readonly TemplateSyntaxProblem[];
  readonly lines: LineIndex;
}

/** The intrinsic functions that have a YAML short form, with the long name each stands for. */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/** Every short form as a scalar, a sequence or a map; the node keeps its tag and its plain value. */
const CLOUDFORMATION_TAGS: Tags = Object.keys(SHORT_FORMS).flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const },
  { tag, collection: 'map' as const },
]);

/** Deeper than any template; protects the recursive conversion. */
const MAX_DEPTH = 200;

export function parseTemplate(text: string): ParsedTemplate {
  const lines = createLineIndex(text);
  return /^\s*\{/.test(text) ? parseJsonTemplate(text, lines) : parseYamlTemplate(text, lines);
}

function parseJsonTemplate(text: string, lines: LineIndex): ParsedTemplate {
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { format: 'json', text, lines, problems: [{ offset: 0, length: 0, message: 'The template is nested too deeply to be read.', severity: 'error' }] };
  }
  const problems = errors.map((error) => ({
    offset: error.offset,
    length: error.length,
    message: `JSON syntax error: ${printParseErrorCode(error.error)}.`,
    severity: 'error' as const,
  }));
  return { format: 'json', text, lines, root: tree ? fromJson(tree, text, 0) : undefined, problems };
}

function fromJson(node: JsonNode, text: string, depth: number): TemplateNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const { offset, length } = node;
  switch (node.type) {
    case 'object': {
      const entries: TemplateEntry[] = [];
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode?.type !== 'string') continue;
        entries.push({
          key: String(keyNode.value),
          keyNode: jsonScalar(keyNode, text),
          value: valueNode ? fromJson(valueNode, text, depth + 1) : undefined,
        });
      }
      return { kind: 'map', offset, length, entries };
    }
    case 'array':
      return { kind: 'seq', offset, length, items: (node.children ?? []).flatMap((child) => fromJson(child, text, depth + 1) ?? []) };
    default:
      return jsonScalar(node, text);
  }
}

function jsonScalar(node: JsonNode, text: string): TemplateNode {
  const value = node.value as string | number | boolean | null;
  const raw = text.slice(node.offset, node.offset + node.length);
  const exact = typeof value === 'string' ? raw === `"${value}"` : raw === String(value);
  return { kind: 'scalar', offset: node.offset, length: node.length, value, exactOffset: exact ? node.offset + (typeof value === 'string' ? 1 : 0) : undefined };
}

function parseYamlTemplate(text: string, lines: LineIndex): ParsedTemplate {
  const document = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, prettyErrors: false, uniqueKeys: false });
  const problems: TemplateSyntaxProblem[] = [
    ...document.errors.map((error) => yamlProblem(error.pos, error.message, 'error')),
    ...document.warnings.map((warning) => yamlProblem(warning.pos, warning.message, 'warning')),
  ];
  const root = document.contents ? fromYaml(document.contents, text, document, 0) : undefined;
  return { format: 'yaml', text, lines, root, problems };
}

function yamlProblem(pos: [number, number], message: string, severity: 'error' | 'warning'): TemplateSyntaxProblem {
  return { offset: pos[0], length: Math.max(0, pos[1] - pos[0]), message: `YAML: ${message}`, severity };
}

function fromYaml(node: unknown, text: string, document: Document, depth: number): TemplateNode | undefined {
  if (depth > MAX_DEPTH || node === null || node === undefined) return undefined;
  if (isAlias(node)) {
    // CloudFormation does not expand aliases itself, but a YAML parser does before it sees them.
    const target = node.resolve(document);
    return target ? fromYaml(target, text, document, depth + 1) : undefined;
  }
  if (!isScalar(node) && !isMap(node) && !isSeq(node)) return undefined;
  const [valueStart, valueEnd] = node.range ?? [0, 0];
  const tag = node.tag && SHORT_FORMS[node.tag] ? node.tag : undefined;
  const tagAt = tag ? text.lastIndexOf(tag, valueStart) : -1;
  const offset = tagAt >= 0 ? tagAt : valueStart;
  // A block collection's range runs to the start of the next line; the value ends before that.
  let end = valueEnd;
  if (!isScalar(node)) while (end > valueStart && /\s/.test(text[end - 1])) end--;
  const length = end - offset;
  const valueOffset = tag ? valueStart : undefined;
  if (isMap(node)) {
    const entries: TemplateEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = fromYaml(pair.key, text, document, depth + 1);
      if (!keyNode) continue;
      entries.push({ key: keyNode.kind === 'scalar' ? String(keyNode.value) : text.slice(keyNode.offset, keyNode.offset + keyNode.length), keyNode, value: fromYaml(pair.value, text, document, depth + 1) });
    }
    return { kind: 'map', offset, length, tag, valueOffset, entries };
  }
  if (isSeq(node)) {
    return { kind: 'seq', offset, length, tag, valueOffset, items: node.items.flatMap((item) => fromYaml(item, text, document, depth + 1) ?? []) };
  }
  const raw = node.value;
  const value = raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
  return { kind: 'scalar', offset, length, tag, valueOffset, value, exactOffset: yamlExactOffset(node, text, value) };
}

function yamlExactOffset(node: Scalar, text: string, value: string | number | boolean | null): number | undefined {
  const [start, end] = node.range ?? [0, 0];
  const expected = String(value);
  if (node.type === Scalar.PLAIN) return text.slice(start, end) === expected ? start : undefined;
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    return text.slice(start + 1, end - 1) === expected ? start + 1 : undefined;
  }
  return undefined;
}

/** The entry of a map by key (first one; CloudFormation rejects duplicates). */
export function entryOf(node: TemplateNode | undefined, key: string): TemplateEntry | undefined {
  return node?.kind === 'map' ? node.entries?.find((entry) => entry.key === key) : undefined;
}

export function valueOf(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  return entryOf(node, key)?.value;
}

/** A plain string scalar (no tag), for fields such as Type that must be literal. */
export function literalString(node: TemplateNode | undefined): string | undefined {
  return node?.kind === 'scalar' && !node.tag && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * Recognises a template by content: `AWSTemplateFormatVersion`, or `Resources` with a resource
 * `Type: AWS::...` (JSON or YAML), within the first 64 KB.
 */
export function looksLikeCloudFormationTemplate(text: string): boolean {
  const head = text.slice(0, 65536);
  if (/(^|[\s{,"])"?AWSTemplateFormatVersion"?\s*:/m.test(head)) return true;
  return /(^|[\s{,"])"?Resources"?\s*:/m.test(head) && /"?Type"?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(head);
}
