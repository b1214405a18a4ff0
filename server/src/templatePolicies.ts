/**
 * The policies inside an open CloudFormation template get what a policy file gets: the same
 * checks (each document with the kind its place gives it), hover, and completion with edits
 * written for the template (YAML or JSON). Each embedded policy is parsed from its JSON text;
 * positions go into that text and ranges come back out through the template's source mapping
 * (account/sourceMapping.ts).
 */
import type { CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { findEmbeddedPolicies, type AccountProblem, type EmbeddedPolicy, type TemplateOptions } from './account';
import { analyseTemplate } from './account/cloudformation/embeddedPolicies';
import { valueOf, type ParsedTemplate } from './account/cloudformation/templateTree';
import { substringMapping } from './account/sourceMapping';
import { analyzePolicy, prepareAnalysis, type AnalysisOptions } from './analysis/analyze';
import { toDiagnostic } from './analysis/diagnostics';
import type { Finding } from './analysis/finding';
import type { Catalog } from './catalog/catalog';
import { completePolicy } from './language/completion/complete';
import { hoverPolicy } from './language/hover/hover';
import type { LanguageOptions } from './language/languageOptions';
import { CURSOR_MARK, markCursor, probeFromRendered } from './language/templateCompletion/cursorMark';
import { blankIntrinsicCalls } from './language/templateCompletion/jsonIntrinsics';
import { yamlTokensAt, type YamlToken } from './language/templateCompletion/yamlCursor';
import { indentUnitOf, yamlCompletionList } from './language/templateCompletion/yamlItems';
import type { PolicyAst } from './policy/ast';
import { accountProblemDiagnostic } from './diagnosticsPublisher';
import { createLineIndex, type LineIndex } from './policy/lineIndex';
import { parsePolicy } from './policy/parse';

/** Language ids under which a CloudFormation template may be open (only templates are analysed). */
export const TEMPLATE_LANGUAGE_IDS: ReadonlySet<string> = new Set(['yaml', 'json', 'jsonc', 'cloudformation']);

/** The embedded policies of one version of a template, each parsed once. */
export interface TemplatePolicies {
  readonly policies: readonly ParsedEmbeddedPolicy[];
  readonly problems: readonly AccountProblem[];
  /** The template itself: YAML completion reads it again with a mark at the cursor. */
  readonly source: TemplateSource;
}

export interface TemplateSource {
  readonly text: string;
  readonly uri: string;
  readonly options: TemplateOptions;
  readonly format: 'json' | 'yaml';
  readonly lines: LineIndex;
  /** YAML: where each resource's lines are, so completion reads only the one under the cursor again. */
  readonly resourceSpans: readonly TextSpan[];
}

interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface ParsedEmbeddedPolicy {
  readonly embedded: EmbeddedPolicy;
  readonly ast: PolicyAst;
}

export function parseTemplatePolicies(text: string, uri: string, options: TemplateOptions): TemplatePolicies {
  const { policies, problems, parsed } = analyseTemplate(text, uri, options);
  return {
    policies: policies.map((embedded) => ({ embedded, ast: parsePolicy(embedded.text) })),
    problems,
    source: { text, uri, options, format: parsed.format, lines: parsed.lines, resourceSpans: resourceSpansOf(parsed) },
  };
}

/** Diagnostics of every embedded policy, on the template's lines. */
export async function templateDiagnostics(template: TemplatePolicies, catalog: Catalog, options: AnalysisOptions): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const { embedded, ast } of template.policies) {
    await prepareAnalysis(ast, catalog);
    const lines = createLineIndex(embedded.text);
    for (const finding of analyzePolicy(ast, embedded.kind, catalog, options)) {
      if (isWholePlaceholder(embedded.text.slice(lines.offsetAt(finding.range.start), lines.offsetAt(finding.range.end)))) continue;
      diagnostics.push(toDiagnostic(inTemplate(finding, embedded)));
    }
  }
  return diagnostics;
}

/**
 * `"${!Ref ActionName}"`: a value only a deployment knows (the loader's placeholder,
 * account/cloudformation/intrinsics.ts). Nothing can be said about it, so a finding on the
 * whole value is dropped; values that only contain one (an ARN with `${!Ref Bucket}` inside)
 * are still checked, and the ARN and variable checks skip the placeholder part.
 */
function isWholePlaceholder(valueText: string): boolean {
  return /^"?\$\{![^}]*\}"?$/.test(valueText);
}

/**
 * A finding on the template's lines. Fixes are edits of JSON text: they carry over where the
 * policy is the template's own JSON characters, and are dropped where it was rendered from
 * YAML or from a string (an edit there would have to be written differently).
 */
function inTemplate(finding: Finding, embedded: EmbeddedPolicy): Finding {
  const { mapping } = embedded;
  const fixes =
    mapping.precision === 'exact'
      ? finding.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: mapping.toSourceRange(edit.range) })) }))
      : undefined;
  return { ...finding, range: mapping.toSourceRange(finding.range), fixes };
}

/** The embedded policy under a template position, and the offset in its text. */
function policyAt(template: TemplatePolicies, position: Position): { policy: ParsedEmbeddedPolicy; offset: number } | undefined {
  for (const policy of template.policies) {
    if (!contains(policy.embedded.range, position)) continue;
    const inText = policy.embedded.mapping.toTextPosition(position);
    if (!inText) continue;
    return { policy, offset: createLineIndex(policy.embedded.text).offsetAt(inText) };
  }
  return undefined;
}

export async function templateHover(template: TemplatePolicies, position: Position, catalog: Catalog): Promise<Hover | null> {
  const found = policyAt(template, position);
  if (!found) return null;
  const hover = await hoverPolicy({ ast: found.policy.ast, offset: found.offset, catalog });
  if (!hover) return null;
  return hover.range ? { ...hover, range: found.policy.embedded.mapping.toSourceRange(hover.range) } : hover;
}

/**
 * Completion inside an embedded policy offers what a policy file offers at the same place, for
 * the kind the document's place gives it:
 * - the template's own JSON (a JSON template without intrinsic functions in the document): the
 *   policy's text is the template's, so the items carry over with their ranges mapped;
 * - a JSON template's document with intrinsic function calls: the calls are blanked out and the
 *   rest completes as the template's own JSON (language/templateCompletion/jsonIntrinsics.ts);
 * - YAML: the template is read again with a mark at the cursor, the document's JSON rendering
 *   with the mark becomes the probe completion runs on, and its items are written back as YAML
 *   (language/templateCompletion/).
 * Documents written as a string (block scalars, escaped JSON) get none: an edit there would have
 * to be escaped, and that is not done.
 */
export async function templateCompletion(
  template: TemplatePolicies,
  position: Position,
  catalog: Catalog,
  options: LanguageOptions,
): Promise<CompletionList | null> {
  const found = policyAt(template, position);
  if (found?.policy.embedded.mapping.precision === 'exact') {
    const { embedded, ast } = found.policy;
    const list = await completePolicy({ ast, offset: found.offset, kind: embedded.kind, catalog, options });
    return mapCompletionList(list, embedded.mapping.toSourceRange);
  }
  if (template.source.format === 'json') return found ? jsonTemplateCompletion(template, found.policy.embedded, position, catalog, options) : null;
  return yamlTemplateCompletion(template, position, catalog, options);
}

async function jsonTemplateCompletion(
  template: TemplatePolicies,
  embedded: EmbeddedPolicy,
  position: Position,
  catalog: Catalog,
  options: LanguageOptions,
): Promise<CompletionList | null> {
  const { text, lines } = template.source;
  const start = lines.offsetAt(embedded.range.start);
  if (text[start] !== '{') return null;
  const offset = lines.offsetAt(position) - start;
  const documentText = blankIntrinsicCalls(text.slice(start, lines.offsetAt(embedded.range.end)), offset);
  if (documentText === undefined) return null;
  const list = await completePolicy({ ast: parsePolicy(documentText), offset, kind: embedded.kind, catalog, options });
  return mapCompletionList(list, substringMapping(documentText, embedded.range.start).toSourceRange);
}

async function yamlTemplateCompletion(template: TemplatePolicies, position: Position, catalog: Catalog, options: LanguageOptions): Promise<CompletionList | null> {
  const offset = template.source.lines.offsetAt(position);
  const lists: CompletionList[] = [];
  for (const token of yamlTokensAt(template.source.text, offset)) {
    const list = await yamlTokenCompletion(template, token, offset, catalog, options);
    if (list) lists.push(list);
  }
  if (lists.length === 0) return null;
  return { isIncomplete: lists.some((list) => list.isIncomplete), items: lists.flatMap((list) => list.items) };
}

async function yamlTokenCompletion(template: TemplatePolicies, token: YamlToken, offset: number, catalog: Catalog, options: LanguageOptions): Promise<CompletionList | null> {
  const { text, lines, uri, options: templateOptions } = template.source;
  const marked = markedResource(template.source, markCursor(text, token, offset), offset);
  if (marked === undefined) return null;
  const embedded = findEmbeddedPolicies(marked, uri, templateOptions).policies.find((policy) => policy.text.includes(CURSOR_MARK));
  // A document written as a string (`|`, quotes) or made by a function (`!If`): its text is not the template's YAML.
  if (!embedded || /^[|>'"!]/.test(marked.slice(createLineIndex(marked).offsetAt(embedded.range.start)))) return null;
  const probe = probeFromRendered(embedded.text, token);
  // The typed string as the policy sees it must be the template's characters (no function, no escapes).
  if (!probe || probe.content !== text.slice(token.contentStart, token.contentEnd)) return null;
  // The kind as the whole template decides it (a managed policy used only as a boundary), when the document was there before.
  const known = template.policies.find(({ embedded: before }) => before.logicalId === embedded.logicalId && before.property === embedded.property);
  const kind = known?.embedded.kind ?? embedded.kind;
  const list = await completePolicy({ ast: parsePolicy(probe.text), offset: probe.offset, kind, catalog, options });
  return yamlCompletionList(list, { token, probe, probeLines: createLineIndex(probe.text), templateLines: lines, indentUnit: indentUnitOf(text) });
}

/**
 * The marked template with only the resource under the cursor left in Resources (the other
 * sections stay, for references): reading it again then costs what that resource costs, not
 * what a template of hundreds of resources does. Undefined when the cursor is in no resource.
 */
function markedResource(source: TemplateSource, marked: string, offset: number): string | undefined {
  const spans = source.resourceSpans;
  if (spans.length === 0) return marked;
  const span = spans.find((candidate) => candidate.start <= offset && offset <= candidate.end);
  if (!span) return undefined;
  const grown = marked.length - source.text.length;
  const first = spans[0];
  const last = spans[spans.length - 1];
  return marked.slice(0, first.start) + marked.slice(span.start, span.end + grown) + marked.slice(last.end + grown);
}

/**
 * Each resource's lines in a YAML template, from its key's line to the next resource's (the
 * last one to the next top-level key). None when Resources is not a block mapping.
 */
function resourceSpansOf(parsed: ParsedTemplate): TextSpan[] {
  const root = parsed.root;
  const resources = valueOf(root, 'Resources');
  if (parsed.format !== 'yaml' || root?.kind !== 'map' || resources?.kind !== 'map' || resources.tag || parsed.text[resources.offset] === '{') return [];
  const lineStart = (offset: number) => parsed.text.lastIndexOf('\n', offset - 1) + 1;
  const starts = (resources.entries ?? []).map((entry) => lineStart(entry.keyNode.offset));
  const after = (root.entries ?? []).map((entry) => entry.keyNode.offset).filter((keyOffset) => keyOffset > resources.offset);
  const end = after.length > 0 ? lineStart(Math.min(...after)) : parsed.text.length;
  return starts.map((start, index) => ({ start, end: starts[index + 1] ?? end }));
}

/** Items of a policy text whose ranges map onto the template one for one. */
function mapCompletionList(list: CompletionList, toSource: (range: Range) => Range): CompletionList {
  return {
    ...list,
    items: list.items.map((item) => {
      const edit = item.textEdit;
      const mapped = { ...item };
      if (edit && 'range' in edit) mapped.textEdit = { ...edit, range: toSource(edit.range) };
      else if (edit) mapped.textEdit = { ...edit, insert: toSource(edit.insert), replace: toSource(edit.replace) };
      if (item.additionalTextEdits) mapped.additionalTextEdits = item.additionalTextEdits.map((extra) => ({ ...extra, range: toSource(extra.range) }));
      return mapped;
    }),
  };
}

/** Loader problems of an open template (syntax, unreadable resources): shown while it is edited, even outside the workspace. */
export function templateProblemDiagnostics(template: TemplatePolicies): Diagnostic[] {
  return template.problems.map(accountProblemDiagnostic);
}

function contains(range: { start: Position; end: Position }, position: Position): boolean {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}
