/**
 * Condition values, by what the key holds and how the operator compares it: true/false for
 * Bool keys and the Null operator, the current time for dates, the enumerations AWS documents
 * (aws:PrincipalType), Region codes for aws:RequestedRegion, account ids, service principals
 * for aws:CalledVia*, and the GitHub OIDC audience and subject forms.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Catalog } from '../../catalog/catalog';
import { findConditionKey } from '../conditionKeyDocs';
import { parseConditionOperator } from '../conditionOperators';
import type { CursorContext } from '../cursorContext';
import type { LanguageOptions } from '../languageOptions';
import { ACCOUNT_KEYS, PRINCIPAL_TYPE_VALUES, REGIONS, SERVICE_PRINCIPAL_KEYS } from '../knownValues';
import { escapeSnippet } from '../snippets';
import { rank, valueItem, type Proposal } from './items';

const GITHUB = 'token.actions.githubusercontent.com';

/** ISO 8601 to the second, as the Date operators take it. */
function isoSecond(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function conditionValueItems(
  context: CursorContext,
  catalog: Catalog,
  options: LanguageOptions,
  operator: string,
  keyName: string,
): CompletionItem[] {
  const family = parseConditionOperator(operator)?.base.family;
  const key = findConditionKey(catalog, keyName);
  const lowerKey = keyName.toLowerCase();
  const proposals: Proposal[] = [];
  const plain = (label: string, description?: string, group = 0) =>
    proposals.push({ label, kind: CompletionItemKind.Value, description, sortText: rank(group, label) });

  if (family === 'Null') {
    // reference_policies_elements_condition_operators.md#Conditions_Null
    plain('true', 'the key is absent');
    plain('false', 'the key is present');
  } else if (key?.type === 'Bool' || key?.type === 'ArrayOfBool' || family === 'Boolean') {
    plain('true');
    plain('false');
  } else if (lowerKey === 'aws:principaltype') {
    PRINCIPAL_TYPE_VALUES.forEach(({ value, meaning }, index) => proposals.push({ label: value, kind: CompletionItemKind.EnumMember, description: meaning, sortText: rank(0, String(index)) }));
  } else if (lowerKey === 'aws:requestedregion') {
    for (const region of REGIONS) plain(region.code, region.name, region.code === options.defaultRegion ? 0 : 1);
  } else if (ACCOUNT_KEYS.has(lowerKey)) {
    if (options.defaultAccountId) plain(options.defaultAccountId, 'default account');
  } else if (SERVICE_PRINCIPAL_KEYS.has(lowerKey)) {
    for (const principal of options.servicePrincipals ?? []) plain(principal, undefined, 1);
  } else if (lowerKey === `${GITHUB}:aud`) {
    plain('sts.amazonaws.com', 'audience for AWS STS');
  } else if (lowerKey === `${GITHUB}:sub`) {
    proposals.push(
      {
        label: 'repo:org/repository:ref:refs/heads/branch',
        kind: CompletionItemKind.Snippet,
        insert: 'repo:${1:org}/${2:repository}:ref:refs/heads/${3:main}',
        snippet: true,
        description: 'one branch',
        sortText: rank(0, 'a'),
      },
      { label: 'repo:org/repository:*', kind: CompletionItemKind.Snippet, insert: 'repo:${1:org}/${2:repository}:*', snippet: true, description: 'any ref (use StringLike)', sortText: rank(0, 'b') },
      {
        label: 'repo:org/repository:environment:name',
        kind: CompletionItemKind.Snippet,
        insert: 'repo:${1:org}/${2:repository}:environment:${3:production}',
        snippet: true,
        description: 'one deployment environment',
        sortText: rank(0, 'c'),
      },
    );
  } else if (key?.type === 'Date' || family === 'Date') {
    const now = options.now ?? new Date();
    if (lowerKey === 'aws:epochtime' && family === 'Numeric') plain(String(Math.floor(now.getTime() / 1000)), 'now, epoch seconds');
    else plain(isoSecond(now), 'now');
  } else if (lowerKey === 'aws:principalarn') {
    const account = escapeSnippet(options.defaultAccountId ?? 'account-id');
    const partition = options.partition ?? 'aws';
    proposals.push(
      { label: `arn:${partition}:iam::${account}:role/…`, kind: CompletionItemKind.Reference, insert: `arn:${partition}:iam::\${1:${account}}:role/\${2:role-name}`, snippet: true, sortText: rank(0, 'role') },
      { label: `arn:${partition}:iam::${account}:user/…`, kind: CompletionItemKind.Reference, insert: `arn:${partition}:iam::\${1:${account}}:user/\${2:user-name}`, snippet: true, sortText: rank(0, 'user') },
    );
    for (const principal of options.knownPrincipals ?? []) plain(principal.arn, principal.type, 1);
  }
  return proposals.map((proposal) => valueItem(context, proposal));
}
