/**
 * What a template cannot tell by itself: the account, Region and stack it is deployed to. The
 * pseudo parameters (AWS::AccountId, AWS::Region, AWS::Partition, AWS::StackName,
 * AWS::URLSuffix) take these values; settings can give them, otherwise they are assumed.
 */

export interface TemplateOptions {
  readonly accountId?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly stackName?: string;
  readonly urlSuffix?: string;
  /** Parameter values, overriding the template's Default values. */
  readonly parameters?: Readonly<Record<string, string>>;
}

/**
 * Assumed when settings do not say: 123456789012 is the account id the AWS documentation uses
 * in its examples (reference_identifiers.md), so it reads as an example, not a real account.
 */
export const ASSUMED_ACCOUNT_ID = '123456789012';
export const ASSUMED_REGION = 'us-east-1';

export interface PseudoParameters {
  readonly 'AWS::AccountId': string;
  readonly 'AWS::Region': string;
  readonly 'AWS::Partition': string;
  readonly 'AWS::StackName': string;
  readonly 'AWS::URLSuffix': string;
}

export function pseudoParameters(options: TemplateOptions, uri: string): PseudoParameters {
  const region = options.region ?? ASSUMED_REGION;
  const partition = options.partition ?? partitionOfRegion(region);
  return {
    'AWS::AccountId': options.accountId ?? ASSUMED_ACCOUNT_ID,
    'AWS::Region': region,
    'AWS::Partition': partition,
    'AWS::StackName': options.stackName ?? stackNameFromUri(uri),
    'AWS::URLSuffix': options.urlSuffix ?? (partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'),
  };
}

function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** "file:///infra/network-stack.yaml" -> "network-stack": stack names allow letters, digits and hyphens. */
function stackNameFromUri(uri: string): string {
  const file = decodeURIComponentSafe(uri.slice(uri.lastIndexOf('/') + 1));
  const stem = file.replace(/\.(template\.)?(json|ya?ml|template)$/i, '').replace(/\.template$/i, '');
  const name = stem.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[A-Za-z]/.test(name) ? name : `stack-${name || 'template'}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
