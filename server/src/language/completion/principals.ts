/**
 * Principal values by type (reference_policies_elements_principal.md): `*`, account ids and the
 * account root ARN, role and user ARNs, users and roles of a loaded account model, service
 * principals, web identity and SAML/OIDC providers.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { PolicyAst } from '../../policy/ast';
import type { CursorContext } from '../cursorContext';
import type { LanguageOptions } from '../languageOptions';
import { PRINCIPAL_TYPES, WEB_IDENTITY_PROVIDERS } from '../principalDocs';
import { escapeSnippet, jsonSnippet, stop } from '../snippets';
import { blockItem, rank, valueItem, type Proposal } from './items';

export function principalValueItems(context: CursorContext, ast: PolicyAst, options: LanguageOptions, principalType: string | undefined): CompletionItem[] {
  if (principalType === undefined) return principalElementItems(context, ast);
  const partition = options.partition ?? 'aws';
  const account = escapeSnippet(options.defaultAccountId ?? 'account-id');
  const arn = (label: string, insert: string, description: string, group: number): Proposal => ({
    label,
    kind: CompletionItemKind.Reference,
    insert,
    snippet: true,
    description,
    sortText: rank(group, label),
  });
  const proposals: Proposal[] = [];
  switch (principalType) {
    case 'AWS':
      proposals.push(
        arn(`arn:${partition}:iam::${account}:root`, `arn:${partition}:iam::\${1:${account}}:root`, 'account', 0),
        arn(`arn:${partition}:iam::${account}:role/…`, `arn:${partition}:iam::\${1:${account}}:role/\${2:role-name}`, 'IAM role', 0),
        arn(`arn:${partition}:iam::${account}:user/…`, `arn:${partition}:iam::\${1:${account}}:user/\${2:user-name}`, 'IAM user', 0),
        arn(
          `arn:${partition}:sts::${account}:assumed-role/…`,
          `arn:${partition}:sts::\${1:${account}}:assumed-role/\${2:role-name}/\${3:session-name}`,
          'role session',
          1,
        ),
        { label: '*', kind: CompletionItemKind.Constant, description: 'everyone, including anonymous users', sortText: rank(2, '*') },
      );
      if (options.defaultAccountId) {
        proposals.push({ label: options.defaultAccountId, kind: CompletionItemKind.Value, description: 'account (short form)', sortText: rank(1, 'account') });
      }
      for (const principal of options.knownPrincipals ?? []) {
        proposals.push({ label: principal.arn, kind: CompletionItemKind.Reference, description: principal.type, sortText: rank(0, `~${principal.arn}`) });
      }
      break;
    case 'Service':
      for (const principal of options.servicePrincipals ?? []) {
        proposals.push({ label: principal, kind: CompletionItemKind.Value, sortText: rank(0, principal) });
      }
      break;
    case 'Federated':
      proposals.push(
        arn(
          `arn:${partition}:iam::${account}:oidc-provider/token.actions.githubusercontent.com`,
          `arn:${partition}:iam::\${1:${account}}:oidc-provider/token.actions.githubusercontent.com`,
          'GitHub Actions OIDC',
          0,
        ),
        arn(`arn:${partition}:iam::${account}:oidc-provider/…`, `arn:${partition}:iam::\${1:${account}}:oidc-provider/\${2:provider-url}`, 'OIDC provider', 0),
        arn(`arn:${partition}:iam::${account}:saml-provider/…`, `arn:${partition}:iam::\${1:${account}}:saml-provider/\${2:provider-name}`, 'SAML provider', 0),
      );
      for (const provider of WEB_IDENTITY_PROVIDERS) {
        proposals.push({ label: provider.name, kind: CompletionItemKind.Value, description: provider.title, sortText: rank(1, provider.name) });
      }
      break;
    default:
      break;
  }
  return proposals.map((proposal) => valueItem(context, proposal));
}

/** `"Principal": |`: the string "*" or an object with one principal type. */
function principalElementItems(context: CursorContext, ast: PolicyAst): CompletionItem[] {
  const items = [valueItem(context, { label: '*', kind: CompletionItemKind.Constant, description: 'all principals', sortText: rank(1, '*') })];
  if (context.span.inString) return items;
  PRINCIPAL_TYPES.forEach((type, index) => {
    items.push(
      blockItem(
        context,
        ast,
        { label: `{ "${type.name}": … }`, kind: CompletionItemKind.Struct, documentation: type.summary, sortText: rank(0, String(index)), retrigger: true },
        jsonSnippet({ [type.name]: stop(1) }),
      ),
    );
  });
  return items;
}
