/**
 * Risky IAM actions that the service catalog cannot tell apart by itself, as lists with their
 * sources. Names are in the catalog's canonical casing; a unit test checks that each one still
 * exists in the catalog, so a retired or misspelt entry shows up when the catalog is refreshed.
 *
 * Source for all three lists: cloudsplaining (github.com/salesforce/cloudsplaining, BSD-3-Clause),
 * cloudsplaining/shared/constants.py: PRIVILEGE_ESCALATION_METHODS (the original Rhino Security
 * Labs set, "AWS IAM Privilege Escalation – Methods and Mitigation"), ACTIONS_THAT_RETURN_CREDENTIALS
 * and READ_ONLY_DATA_EXFILTRATION_ACTIONS. Deviations from that file: "gamelist:" entries there
 * are gamelift actions; connect:GetFederationTokens and sso:GetRoleCredentials are left out (no
 * such IAM actions in the catalog); the data-exfiltration list adds rds:CopyDBSnapshot and
 * rds:CreateDBSnapshot, which cloudsplaining's own risk description names, and
 * s3:GetObjectVersion and secretsmanager:BatchGetSecretValue, which read the same data as
 * s3:GetObject and secretsmanager:GetSecretValue.
 */

export interface PrivilegeEscalationMethod {
  /** Cloudsplaining's name for the method. */
  readonly name: string;
  /** All of these together allow the escalation. */
  readonly actions: readonly string[];
}

export const PRIVILEGE_ESCALATION_METHODS: readonly PrivilegeEscalationMethod[] = [
  // 1. IAM permissions on other users
  { name: 'CreateAccessKey', actions: ['iam:CreateAccessKey'] },
  { name: 'CreateLoginProfile', actions: ['iam:CreateLoginProfile'] },
  { name: 'UpdateLoginProfile', actions: ['iam:UpdateLoginProfile'] },
  { name: 'AddUserToGroup', actions: ['iam:AddUserToGroup'] },
  // 2. Permissions on policies
  { name: 'CreateNewPolicyVersion', actions: ['iam:CreatePolicyVersion'] },
  { name: 'SetExistingDefaultPolicyVersion', actions: ['iam:SetDefaultPolicyVersion'] },
  { name: 'AttachUserPolicy', actions: ['iam:AttachUserPolicy'] },
  { name: 'AttachGroupPolicy', actions: ['iam:AttachGroupPolicy'] },
  { name: 'AttachRolePolicy', actions: ['iam:AttachRolePolicy'] },
  { name: 'PutUserPolicy', actions: ['iam:PutUserPolicy'] },
  { name: 'PutGroupPolicy', actions: ['iam:PutGroupPolicy'] },
  { name: 'PutRolePolicy', actions: ['iam:PutRolePolicy'] },
  // 3. Updating an AssumeRole policy
  { name: 'UpdateRolePolicyToAssumeIt', actions: ['iam:UpdateAssumeRolePolicy'] },
  // 4. iam:PassRole to a service the principal controls
  { name: 'CreateEC2WithExistingIP', actions: ['iam:PassRole', 'ec2:RunInstances'] },
  { name: 'PassExistingRoleToNewLambdaThenInvoke', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'] },
  {
    name: 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping', 'dynamodb:CreateTable', 'dynamodb:PutItem'],
  },
  { name: 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'] },
  { name: 'PassExistingRoleToNewGlueDevEndpoint', actions: ['iam:PassRole', 'glue:CreateDevEndpoint'] },
  { name: 'PassExistingRoleToCloudFormation', actions: ['iam:PassRole', 'cloudformation:CreateStack'] },
  { name: 'PassExistingRoleToNewDataPipeline', actions: ['iam:PassRole', 'datapipeline:CreatePipeline'] },
  // 5. Privilege escalation using AWS services
  { name: 'UpdateExistingGlueDevEndpoint', actions: ['glue:UpdateDevEndpoint'] },
  { name: 'EditExistingLambdaFunctionWithRole', actions: ['lambda:UpdateFunctionCode'] },
];

/** Actions whose response carries credentials, keys, passwords or tokens. */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = [
  'airflow:CreateCliToken',
  'airflow:CreateWebLoginToken',
  'appsync:CreateApiKey',
  'chime:CreateApiKey',
  'cloud9:CreateEnvironmentToken',
  'codeartifact:GetAuthorizationToken',
  'codepipeline:PollForJobs',
  'cognito-identity:GetOpenIdToken',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
  'cognito-identity:GetCredentialsForIdentity',
  'cognito-idp:GetSigningCertificate',
  'connect:GetFederationToken',
  'ec2:GetPasswordData',
  'ecr:GetAuthorizationToken',
  'ecr-public:GetAuthorizationToken',
  'emr-containers:GetManagedEndpointSessionCredentials',
  'finspace-api:GetProgrammaticAccessCredentials',
  'gamelift:RequestUploadCredentials',
  'gamelift:GetInstanceAccess',
  'gamelift:GetComputeAccess',
  'gamelift:GetComputeAuthToken',
  'grafana:CreateWorkspaceApiKey',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UpdateAccessKey',
  'license-manager:GetAccessToken',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:DownloadDefaultKeyPair',
  'lightsail:CreateBucketAccessKey',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'mediapackage:RotateChannelCredentials',
  'mediapackage:RotateIngestEndpointCredentials',
  'rds-db:connect',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:GetFederationToken',
  'sts:GetSessionToken',
];

/** Read actions that hand out stored data or secrets. */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'rds:CopyDBSnapshot',
  'rds:CreateDBSnapshot',
];
