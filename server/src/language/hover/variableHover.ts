/**
 * Hover on a policy variable inside a string (reference_policies_variables.md): which key it
 * reads, what happens without a value, its default, the special characters, and the Version
 * the document needs for variables to be variables at all.
 */
import type { Catalog } from '../../catalog/catalog';
import type { PolicyAst } from '../../policy/ast';
import { parseTemplate, VARIABLES_VERSION } from '../../policy/variables';
import { findConditionKey, keyTypeLabel } from '../conditionKeyDocs';
import { markdownLink, USER_GUIDE } from '../elementDocs';
import { SPECIAL_CHARACTER_VARIABLES } from '../completion/policyVariables';

const PAGE = `${USER_GUIDE}/reference_policies_variables.html`;

/** The `${...}` around `index` in `value`, as offsets into `value`. */
export function variableAround(value: string, index: number): { start: number; end: number; inner: string } | undefined {
  const pattern = /\$\{[^}]*\}/g;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    const end = match.index + match[0].length;
    if (index >= match.index && index < end) return { start: match.index, end, inner: match[0].slice(2, -1) };
    if (match.index > index) break;
  }
  return undefined;
}

export function variableHover(inner: string, ast: PolicyAst, catalog: Catalog): string {
  const version = ast.version?.value?.type === 'string' ? String(ast.version.value.value) : undefined;
  const special = SPECIAL_CHARACTER_VARIABLES.find((candidate) => candidate.name === inner);
  const lines: string[] = [];
  if (special) {
    lines.push(`**\${${inner}}** · special character`, '', `Stands for ${special.meaning}.`);
  } else {
    const piece = parseTemplate(`\${${inner}}`, true)[0];
    const name = piece.kind === 'variable' ? piece.name : inner;
    const key = findConditionKey(catalog, name);
    lines.push(`**\${${inner}}** · policy variable`, '', `Replaced with the value of \`${name}\` from the request context.`);
    if (key) {
      lines.push('', `\`${name}\` · ${keyTypeLabel(key)}${key.description ? `: ${key.description}` : ''}`);
      if (key.multiValued) lines.push('', "A multivalued key can't be used as a variable.");
    }
    if (piece.kind === 'variable' && piece.defaultValue !== undefined) {
      lines.push('', `Default: \`${piece.defaultValue}\` when the request has no value for the key.`);
    } else {
      lines.push('', 'Without a value in the request, the string matches nothing (negated operators such as StringNotEquals do match).');
    }
  }
  if (version !== VARIABLES_VERSION) {
    lines.push('', `**This document needs \`"Version": "${VARIABLES_VERSION}"\`**: without it \`\${...}\` is read as literal text.`);
  }
  lines.push('', markdownLink('IAM User Guide: policy variables', PAGE));
  return lines.join('\n');
}
