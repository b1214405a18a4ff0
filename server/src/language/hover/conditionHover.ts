/**
 * Hover in a Condition block: an operator's exact semantics, including what happens when the
 * key is missing (reference_policies_elements_condition_operators.md); a key's type, whether
 * it is multivalued and its description; the meaning of an enumerated value.
 */
import type { Catalog } from '../../catalog/catalog';
import { conditionKeyMarkdown, findConditionKey } from '../conditionKeyDocs';
import { familyTitle, familyValues, missingKeyBehaviour, operatorDescription, operatorDocsUrl, parseConditionOperator } from '../conditionOperators';
import { markdownLink } from '../elementDocs';
import { PRINCIPAL_TYPE_VALUES, REGIONS } from '../knownValues';
import type { HoverText } from './hoverText';

const SET_MEANING: Record<'ForAllValues' | 'ForAnyValue', string> = {
  ForAllValues:
    'ForAllValues: every value of the key in the request must match at least one value in the policy (the request set is a subset of the policy set).',
  ForAnyValue: 'ForAnyValue: at least one value of the key in the request must match at least one value in the policy.',
};

export function operatorHover(text: string): HoverText | undefined {
  const parsed = parseConditionOperator(text);
  if (!parsed) return undefined;
  const base = parsed.base;
  const title = base.family === 'Null' ? 'condition operator for key presence' : `${familyTitle(base.family)} condition operator`;
  const lines = [`**${text}** · ${title}`, '', operatorDescription(base)];
  if (text !== parsed.canonical) lines.push('', `AWS reads operator names case-sensitively: write \`${parsed.canonical}\`.`);
  if (parsed.setOperator) lines.push('', SET_MEANING[parsed.setOperator]);
  if (parsed.ifExists) {
    lines.push('', 'IfExists: "If the policy key is present in the context of the request, process the key as specified in the policy. If the key is not present, evaluate the condition element as true."');
  }
  lines.push('', `**Missing key:** ${missingKeyBehaviour(parsed)}`);
  lines.push('', `Values: ${familyValues(base.family)}.`);
  if (base.family !== 'Null') {
    // reference_policies_variables.md: variables only with the string and ARN operators.
    lines.push(`Wildcards: ${base.wildcards ? '`*` and `?` match' : 'none, `*` and `?` are literal'}. Policy variables: ${base.acceptsVariables ? 'allowed' : 'not allowed'}.`);
  }
  lines.push('', markdownLink('IAM User Guide: condition operators', operatorDocsUrl(parsed)));
  return { markdown: lines.join('\n') };
}

export function conditionKeyHover(name: string, catalog: Catalog): HoverText | undefined {
  const key = findConditionKey(catalog, name);
  return key ? { markdown: conditionKeyMarkdown(key, name) } : undefined;
}

/** Values from a documented enumeration: what aws:PrincipalType's "AssumedRole" means, a Region's name. */
export function conditionValueHover(key: string, value: string): HoverText | undefined {
  const lower = key.toLowerCase();
  if (lower === 'aws:principaltype') {
    const known = PRINCIPAL_TYPE_VALUES.find((candidate) => candidate.value === value);
    return known ? { markdown: `**${value}**: ${known.meaning} (\`aws:PrincipalType\`).` } : undefined;
  }
  if (lower === 'aws:requestedregion') {
    const region = REGIONS.find((candidate) => candidate.code === value);
    return region ? { markdown: `**${value}**: ${region.name}` } : undefined;
  }
  return undefined;
}
