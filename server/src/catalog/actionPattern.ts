/**
 * Action names with IAM wildcards: `*` is any run of characters, `?` any one character, and
 * the match ignores case (reference_policies_elements_action.md: "The prefix and the action
 * name are case insensitive").
 */

export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

export function actionPatternToRegExp(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}
