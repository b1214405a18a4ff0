/**
 * Which loader reads a file, decided by content (file names are free-form in a workspace):
 * a get-account-authorization-details export, a CloudFormation template, or neither.
 */
import { authorizationDetailsSteps, looksLikeAuthorizationDetails } from './authorizationDetails';
import { loadCloudFormationTemplate } from './cloudformation/loadTemplate';
import type { TemplateOptions } from './cloudformation/templateOptions';
import { looksLikeCloudFormationTemplate } from './cloudformation/templateTree';
import { runToEnd, type LoadSteps } from './loadSteps';
import type { LoadedAccountFile } from './model';

export type AccountFileFormat = LoadedAccountFile['format'];

export function detectAccountFileFormat(text: string): AccountFileFormat | undefined {
  // Templates first: a JSON template's IAM resources have `Policies` too.
  if (looksLikeCloudFormationTemplate(text)) return 'cloudformation';
  if (looksLikeAuthorizationDetails(text)) return 'authorization-details';
  return undefined;
}

/** The file's accounts and problems, or undefined when the file describes no account. */
export function loadAccountFile(text: string, uri: string, options: { template?: TemplateOptions } = {}): LoadedAccountFile | undefined {
  return runToEnd(accountFileSteps(text, uri, options));
}

/**
 * The same load, pausing between the entries of an export (loadSteps.ts). A template loads in
 * one piece: CloudFormation takes templates of at most 1 MB, small next to a large account's export.
 */
export function* accountFileSteps(text: string, uri: string, options: { template?: TemplateOptions } = {}): LoadSteps<LoadedAccountFile | undefined> {
  switch (detectAccountFileFormat(text)) {
    case 'authorization-details':
      return yield* authorizationDetailsSteps(text, uri);
    case 'cloudformation':
      return loadCloudFormationTemplate(text, uri, options.template);
    default:
      return undefined;
  }
}
