/**
 * Condition keys in words: type, single- or multivalued
 * (reference_policies_single-vs-multi-valued-condition-keys.md), description, the operators
 * it works with, and the page that documents it.
 */
import type { Catalog } from '../catalog/catalog';
import type { GlobalConditionKey } from '../catalog/globalConditionKeys';
import type { ConditionKeyInfo, ConditionKeyType } from '../catalog/types';
import { familiesForKeyType } from './conditionOperators';
import { markdownLink } from './elementDocs';

export type AnyConditionKey = ConditionKeyInfo | GlobalConditionKey;

/** "String" for ArrayOfString: the type of each value. */
export function valueType(type: ConditionKeyType): string {
  return type.startsWith('ArrayOf') ? type.slice('ArrayOf'.length) : type;
}

export function keyTypeLabel(key: AnyConditionKey): string {
  return `${valueType(key.type)} · ${key.multiValued ? 'multivalued' : 'single-valued'}`;
}

export function conditionKeyMarkdown(key: AnyConditionKey, shownName = key.name): string {
  const lines = [`**${shownName}** · ${keyTypeLabel(key)}`];
  if (shownName !== key.name) lines.push('', `An instance of \`${key.name}\`.`);
  lines.push('', key.description ?? '(no description in the reference)');
  const operators = 'operators' in key && key.operators ? key.operators : familiesForKeyType(key.type);
  lines.push('', `Works with ${operators.join(', ')} operators.`);
  if (key.multiValued) {
    lines.push('', 'Multivalued: use `ForAllValues:` or `ForAnyValue:` with it, and list the values in an array.');
  }
  const source = 'service' in key && key.service ? `Service Authorization Reference: ${key.service}` : 'IAM User Guide: global condition keys';
  lines.push('', markdownLink(source, key.docUrl));
  return lines.join('\n');
}

/** The key `name` is or is an instance of; undefined when unknown or when its service is not loaded yet. */
export function findConditionKey(catalog: Catalog, name: string): AnyConditionKey | undefined {
  const services = catalog.conditionKeyServices(name);
  if (services.some((service) => catalog.getServiceSummary(service) && !catalog.isServiceLoaded(service))) return undefined;
  return catalog.getConditionKey(name);
}
