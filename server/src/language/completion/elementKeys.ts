/**
 * Keys: the top-level elements, the elements of a statement, the principal types. Keys already
 * present are left out, and so are elements this kind of policy does not take and the partner
 * of an element already there (Action/NotAction...).
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { PolicyAst } from '../../policy/ast';
import type { PolicyKind } from '../../policy/kind';
import type { CursorContext, PrincipalElementName } from '../cursorContext';
import { allowedStatementElements, ELEMENT_DOCS, EXCLUSIVE_ELEMENTS, markdownLink } from '../elementDocs';
import { PRINCIPAL_TYPES } from '../principalDocs';
import { jsonSnippet, choice, stop } from '../snippets';
import { keyItem, rank } from './items';
import { statementTemplate } from './statementSnippets';

const elementDocumentation = (name: string) => {
  const doc = ELEMENT_DOCS[name];
  return doc ? `${doc.summary}\n\n${markdownLink(`IAM User Guide: ${name}`, doc.url)}` : undefined;
};

/** The value inserted with each statement element, as snippet text. */
function statementValueSnippet(name: string, kind: PolicyKind): string {
  switch (name) {
    case 'Effect':
      return jsonSnippet(choice(1, ['Allow', 'Deny']));
    case 'Principal':
      return kind.type === 'rcp' ? '"*"' : jsonSnippet({ [choice(1, ['AWS', 'Service', 'Federated'])]: stop(2) });
    case 'NotPrincipal':
      return jsonSnippet({ AWS: stop(1) });
    case 'Condition':
      return jsonSnippet({ [stop(1, 'StringEquals')]: { [stop(2)]: stop(3) } });
    default:
      return '"$1"';
  }
}

/** Elements of a statement in the order people write them. */
const STATEMENT_ORDER = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];

export function statementKeyItems(context: CursorContext, ast: PolicyAst, kind: PolicyKind): CompletionItem[] {
  const allowed = allowedStatementElements(kind.type);
  const present = new Set(context.presentKeys);
  return STATEMENT_ORDER.filter((name) => allowed.has(name) && !present.has(name) && !present.has(EXCLUSIVE_ELEMENTS[name] ?? ''))
    .map((name, index) =>
      keyItem(
        context,
        ast,
        {
          label: name,
          kind: CompletionItemKind.Property,
          documentation: elementDocumentation(name),
          // The advanced Not forms after the everyday elements.
          sortText: rank(name.startsWith('Not') ? 1 : 0, String(index)),
          retrigger: name === 'Action' || name === 'NotAction' || name === 'Resource' || name === 'NotResource',
        },
        statementValueSnippet(name, kind),
      ),
    );
}

export function topLevelKeyItems(context: CursorContext, ast: PolicyAst, kind: PolicyKind): CompletionItem[] {
  const present = new Set(context.presentKeys);
  const values: Record<string, string> = {
    Version: '"2012-10-17"',
    Id: '"$1"',
    Statement: jsonSnippet([statementTemplate(kind)]),
  };
  return ['Version', 'Id', 'Statement']
    .filter((name) => !present.has(name))
    .map((name, index) =>
      keyItem(context, ast, { label: name, kind: CompletionItemKind.Property, documentation: elementDocumentation(name), sortText: rank(index, name) }, values[name]),
    );
}

export function principalKeyItems(context: CursorContext, ast: PolicyAst, element: PrincipalElementName): CompletionItem[] {
  const present = new Set(context.presentKeys);
  return PRINCIPAL_TYPES.filter((type) => !present.has(type.name)).map((type, index) =>
    keyItem(
      context,
      ast,
      {
        label: type.name,
        kind: CompletionItemKind.Property,
        detail: `${element} type`,
        documentation: `${type.summary}\n\n${markdownLink('IAM User Guide: Principal', type.url)}`,
        sortText: rank(index, type.name),
        retrigger: type.name !== 'CanonicalUser',
      },
      '"$1"',
    ),
  );
}
