/**
 * The policies inside an open CloudFormation template get what a policy file gets: the same
 * checks (each document with the kind its place gives it), hover, and completion where the
 * text typed is the same in the template as in the policy. Each embedded policy is parsed from
 * its JSON text; positions go into that text and ranges come back out through the template's
 * source mapping (account/sourceMapping.ts).
 */
import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { findEmbeddedPolicies, type AccountProblem, type EmbeddedPolicy, type TemplateOptions } from './account';
import { analyzePolicy, prepareAnalysis, type AnalysisOptions } from './analysis/analyze';
import { toDiagnostic } from './analysis/diagnostics';
import type { Finding } from './analysis/finding';
import type { Catalog } from './catalog/catalog';
import { completePolicy } from './language/completion/complete';
import { hoverPolicy } from './language/hover/hover';
import type { LanguageOptions } from './language/languageOptions';
import type { PolicyAst } from './policy/ast';
import { accountProblemDiagnostic } from './diagnosticsPublisher';
import { createLineIndex } from './policy/lineIndex';
import { parsePolicy } from './policy/parse';

/** Language ids under which a CloudFormation template may be open (only templates are analysed). */
export const TEMPLATE_LANGUAGE_IDS: ReadonlySet<string> = new Set(['yaml', 'json', 'jsonc', 'cloudformation']);

/** The embedded policies of one version of a template, each parsed once. */
export interface TemplatePolicies {
  readonly policies: readonly ParsedEmbeddedPolicy[];
  readonly problems: readonly AccountProblem[];
}

export interface ParsedEmbeddedPolicy {
  readonly embedded: EmbeddedPolicy;
  readonly ast: PolicyAst;
}

export function parseTemplatePolicies(text: string, uri: string, options: TemplateOptions): TemplatePolicies {
  const { policies, problems } = findEmbeddedPolicies(text, uri, options);
  return { policies: policies.map((embedded) => ({ embedded, ast: parsePolicy(embedded.text) })), problems };
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
 * Completion inside policies written as the template's own JSON (a JSON template without
 * intrinsic functions in the document): the inserted text is the same there as in a policy file.
 * In YAML (or a rendered document) quoting and layout differ, so completion is not offered.
 */
export async function templateCompletion(
  template: TemplatePolicies,
  position: Position,
  catalog: Catalog,
  options: LanguageOptions,
): Promise<CompletionList | null> {
  const found = policyAt(template, position);
  if (!found || found.policy.embedded.mapping.precision !== 'exact') return null;
  const { embedded, ast } = found.policy;
  const list = await completePolicy({ ast, offset: found.offset, kind: embedded.kind, catalog, options });
  const toSource = embedded.mapping.toSourceRange;
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
