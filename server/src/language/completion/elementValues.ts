/** Values with a fixed set of choices: Version (reference_policies_elements_version.md) and Effect (…_effect.md). */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { CursorContext } from '../cursorContext';
import { valueItem, rank } from './items';

export function versionItems(context: CursorContext): CompletionItem[] {
  return [
    valueItem(context, {
      label: '2012-10-17',
      kind: CompletionItemKind.EnumMember,
      description: 'current',
      documentation: 'The current version of the policy language. Policy variables and newer features need it.',
      sortText: rank(0, '2012-10-17'),
      preselect: true,
    }),
    valueItem(context, {
      label: '2008-10-17',
      kind: CompletionItemKind.EnumMember,
      description: 'earlier version',
      documentation: 'An earlier version of the policy language. Do not use it for new policies: variables such as `${aws:username}` are read as literal text.',
      sortText: rank(1, '2008-10-17'),
    }),
  ];
}

export function effectItems(context: CursorContext): CompletionItem[] {
  return [
    valueItem(context, { label: 'Allow', kind: CompletionItemKind.EnumMember, documentation: 'The statement allows what it matches.', sortText: rank(0, 'Allow') }),
    valueItem(context, {
      label: 'Deny',
      kind: CompletionItemKind.EnumMember,
      documentation: 'The statement explicitly denies what it matches; an explicit deny overrides any allow.',
      sortText: rank(1, 'Deny'),
    }),
  ];
}
