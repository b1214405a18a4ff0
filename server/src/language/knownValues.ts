/**
 * Enumerations that condition values draw from, where AWS documents a closed set.
 */

/**
 * Values of aws:PrincipalType: the "Principal key values" table of
 * reference_policies_variables.md (#principaltable) gives Account for the root user, User,
 * FederatedUser, AssumedRole (roles and role sessions) and Anonymous.
 */
export const PRINCIPAL_TYPE_VALUES: readonly { readonly value: string; readonly meaning: string }[] = [
  { value: 'Account', meaning: 'The AWS account root user' },
  { value: 'User', meaning: 'An IAM user' },
  { value: 'FederatedUser', meaning: 'An AWS STS federated user session (GetFederationToken)' },
  { value: 'AssumedRole', meaning: 'A role session: an assumed IAM role, including roles assumed through web identity or SAML federation' },
  { value: 'Anonymous', meaning: 'An anonymous (unauthenticated) request' },
];

/**
 * Region codes for aws:RequestedRegion and ARN templates: the commercial Regions, AWS GovCloud
 * (US) and China, as the AWS General Reference lists them ("Regions and endpoints"). A Region
 * missing here can still be typed; the list only saves looking codes up.
 */
export const REGIONS: readonly { readonly code: string; readonly name: string }[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)' },
  { code: 'us-east-2', name: 'US East (Ohio)' },
  { code: 'us-west-1', name: 'US West (N. California)' },
  { code: 'us-west-2', name: 'US West (Oregon)' },
  { code: 'af-south-1', name: 'Africa (Cape Town)' },
  { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)' },
  { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
  { code: 'ca-central-1', name: 'Canada (Central)' },
  { code: 'ca-west-1', name: 'Canada West (Calgary)' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { code: 'eu-central-2', name: 'Europe (Zurich)' },
  { code: 'eu-west-1', name: 'Europe (Ireland)' },
  { code: 'eu-west-2', name: 'Europe (London)' },
  { code: 'eu-west-3', name: 'Europe (Paris)' },
  { code: 'eu-south-1', name: 'Europe (Milan)' },
  { code: 'eu-south-2', name: 'Europe (Spain)' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)' },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)' },
  { code: 'me-south-1', name: 'Middle East (Bahrain)' },
  { code: 'me-central-1', name: 'Middle East (UAE)' },
  { code: 'mx-central-1', name: 'Mexico (Central)' },
  { code: 'sa-east-1', name: 'South America (São Paulo)' },
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)' },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
  { code: 'cn-north-1', name: 'China (Beijing)' },
  { code: 'cn-northwest-1', name: 'China (Ningxia)' },
];

/** Condition keys whose value is an account id (reference_policies_condition-keys.md). */
export const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['aws:principalaccount', 'aws:resourceaccount', 'aws:sourceaccount', 'aws:vpceaccount']);

/** Keys whose values are service principal names (aws:CalledVia: "cloudformation.amazonaws.com"...). */
export const SERVICE_PRINCIPAL_KEYS: ReadonlySet<string> = new Set([
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:principalservicename',
  'aws:principalservicenameslist',
]);
