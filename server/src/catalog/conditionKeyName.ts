/**
 * Condition key names with a variable part, as the reference writes them:
 * "aws:RequestTag/${TagKey}", "s3:ExistingObjectTag/<key>",
 * "token.actions.githubusercontent.com/${SubPath}:actor". A concrete key such as
 * "aws:RequestTag/CostCenter" is an instance of the first. Key names are not case-sensitive
 * (reference_policies_elements_condition.md).
 */

const VARIABLE_PART = /\$\{[^}]*\}|<[^>]*>/;

export function isConditionKeyPattern(name: string): boolean {
  return VARIABLE_PART.test(name);
}

/** A matcher for the concrete keys a pattern name stands for (the name itself included). */
export function conditionKeyPatternToRegExp(name: string): RegExp {
  const source = name
    .split(/(\$\{[^}]*\}|<[^>]*>)/)
    .map((part, index) => (index % 2 === 1 ? '.+' : part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

/** The prefix before the first ':' that is not inside a variable part ("aws", "s3", "accounts.google.com"). */
export function conditionKeyPrefix(name: string): string {
  const withoutVariables = name.replace(/\$\{[^}]*\}/g, (variable) => 'x'.repeat(variable.length));
  const colon = withoutVariables.indexOf(':');
  return colon < 0 ? '' : name.slice(0, colon).toLowerCase();
}
