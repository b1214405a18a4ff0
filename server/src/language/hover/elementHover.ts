/** Hover on element keys (Version, Effect, Action...), principal types, and the Version and Effect values. */
import { ELEMENT_DOCS, markdownLink } from '../elementDocs';
import { PRINCIPAL_TYPES } from '../principalDocs';
import type { HoverText } from './hoverText';

export function elementHover(name: string): HoverText | undefined {
  const doc = ELEMENT_DOCS[name];
  return doc ? { markdown: `**${name}**\n\n${doc.summary}\n\n${markdownLink(`IAM User Guide: ${name}`, doc.url)}` } : undefined;
}

export function principalTypeHover(name: string): HoverText | undefined {
  const type = PRINCIPAL_TYPES.find((candidate) => candidate.name === name);
  return type ? { markdown: `**${name}** principals\n\n${type.summary}\n\n${markdownLink('IAM User Guide: Principal', type.url)}` } : undefined;
}

/** reference_policies_elements_version.md */
export function versionHover(value: string): HoverText | undefined {
  const url = ELEMENT_DOCS.Version.url;
  if (value === '2012-10-17') {
    return { markdown: `**Version 2012-10-17**: the current version of the policy language, with policy variables and every newer feature.\n\n${markdownLink('IAM User Guide: Version', url)}` };
  }
  if (value === '2008-10-17') {
    return {
      markdown: `**Version 2008-10-17**: an earlier version of the policy language. Policy variables such as \`\${aws:username}\` are read as literal text; use 2012-10-17 for new policies.\n\n${markdownLink('IAM User Guide: Version', url)}`,
    };
  }
  return { markdown: `**${value}** is not a policy language version: IAM supports 2012-10-17 and 2008-10-17.\n\n${markdownLink('IAM User Guide: Version', url)}` };
}

/** reference_policies_elements_effect.md */
export function effectHover(value: string): HoverText | undefined {
  if (value === 'Allow') return { markdown: '**Allow**: the statement allows what it matches, unless an explicit deny or a missing allow in a limiting policy (SCP, boundary, session policy) prevents it.' };
  if (value === 'Deny') return { markdown: '**Deny**: the statement explicitly denies what it matches. An explicit deny overrides any allow.' };
  return undefined;
}
