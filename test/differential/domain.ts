/**
 * The universe the differential generator draws from: two accounts, principals of every kind,
 * actions paired with resource ARNs that iam-simulate accepts (its iam-data must know the action
 * and the ARN must fit exactly one of the action's resource types), and condition keys with
 * value pools per operator family.
 */

export const A = '111111111111';
export const B = '222222222222';

export type PrincipalKind = 'user' | 'role' | 'roleSession' | 'federatedUser' | 'root' | 'service' | 'anonymous';

export interface PrincipalChoice {
  readonly kind: PrincipalKind;
  /** As the request names it ("anonymous" for unsigned requests). */
  readonly value: string;
  readonly account?: string;
}

export const PRINCIPALS: readonly PrincipalChoice[] = [
  { kind: 'user', value: `arn:aws:iam::${A}:user/alice`, account: A },
  { kind: 'user', value: `arn:aws:iam::${A}:user/dev/bob`, account: A },
  { kind: 'user', value: `arn:aws:iam::${B}:user/alice`, account: B },
  { kind: 'role', value: `arn:aws:iam::${A}:role/Admin`, account: A },
  { kind: 'roleSession', value: `arn:aws:sts::${A}:assumed-role/Admin/alice`, account: A },
  { kind: 'roleSession', value: `arn:aws:sts::${A}:assumed-role/Reader/session-1`, account: A },
  { kind: 'roleSession', value: `arn:aws:sts::${B}:assumed-role/Admin/alice`, account: B },
  { kind: 'federatedUser', value: `arn:aws:sts::${A}:federated-user/alice`, account: A },
  { kind: 'federatedUser', value: `arn:aws:sts::${B}:federated-user/carol`, account: B },
  { kind: 'root', value: `arn:aws:iam::${A}:root`, account: A },
  { kind: 'root', value: `arn:aws:iam::${B}:root`, account: B },
  { kind: 'service', value: 'sns.amazonaws.com' },
  { kind: 'service', value: 'events.amazonaws.com' },
  { kind: 'anonymous', value: 'anonymous' },
];

export interface ActionChoice {
  readonly action: string;
  /** `{account}` is replaced by the resource's account. */
  readonly resources: readonly string[];
  /** The service supports resource-based policies for this resource. */
  readonly resourcePolicy: boolean;
}

export const ACTIONS: readonly ActionChoice[] = [
  { action: 's3:GetObject', resources: ['arn:aws:s3:::bucket-a/photos/cat.jpg', 'arn:aws:s3:::bucket-a/home/alice/notes.txt', 'arn:aws:s3:::bucket-b/logs/app.log'], resourcePolicy: true },
  { action: 's3:ListBucket', resources: ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-b'], resourcePolicy: true },
  { action: 's3:ListAllMyBuckets', resources: ['*'], resourcePolicy: false },
  { action: 'sqs:SendMessage', resources: ['arn:aws:sqs:us-east-1:{account}:queue-a', 'arn:aws:sqs:eu-west-1:{account}:queue-b'], resourcePolicy: true },
  { action: 'sns:Publish', resources: ['arn:aws:sns:us-east-1:{account}:topic-a'], resourcePolicy: true },
  { action: 'dynamodb:GetItem', resources: ['arn:aws:dynamodb:us-east-1:{account}:table/Thread'], resourcePolicy: false },
  { action: 'iam:GetUser', resources: ['arn:aws:iam::{account}:user/alice', 'arn:aws:iam::{account}:user/dev/bob'], resourcePolicy: false },
  { action: 'kms:Decrypt', resources: ['arn:aws:kms:us-east-1:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab'], resourcePolicy: true },
  { action: 'sts:AssumeRole', resources: ['arn:aws:iam::{account}:role/Admin', 'arn:aws:iam::{account}:role/team/Reader'], resourcePolicy: true },
  { action: 'lambda:InvokeFunction', resources: ['arn:aws:lambda:us-east-1:{account}:function:fn-a'], resourcePolicy: true },
  { action: 'secretsmanager:GetSecretValue', resources: ['arn:aws:secretsmanager:us-east-1:{account}:secret:db-AbCdEf'], resourcePolicy: true },
  { action: 'ec2:TerminateInstances', resources: ['arn:aws:ec2:us-east-1:{account}:instance/i-0123456789abcdef0'], resourcePolicy: false },
  { action: 'logs:PutLogEvents', resources: ['arn:aws:logs:us-east-1:{account}:log-group:/aws/lambda/fn-a:log-stream:2024/01/01'], resourcePolicy: false },
];

export type Family = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn';

export interface KeySpec {
  readonly key: string;
  readonly families: readonly Family[];
  readonly multi: boolean;
  /** Values policies compare with. */
  readonly policyValues: readonly string[];
  /** Values a request may carry (arrays for multivalued keys are drawn from these). */
  readonly requestValues: readonly string[];
  /** Derived from the principal: the request context always has it (when the principal has it). */
  readonly derived?: boolean;
}

export const DATE_ISO = ['2024-01-01T00:00:00Z', '2023-06-15T12:00:00Z', '2024-03-01T12:00:00+02:00', '2024-01-01'];
export const DATE_EPOCH = ['1704067200', '1686830400'];

export const KEYS: readonly KeySpec[] = [
  { key: 'aws:PrincipalTag/team', families: ['String'], multi: false, policyValues: ['red', 'blue', 'Red', 'r*', 'b?ue'], requestValues: ['red', 'blue', 'Red', 'green'] },
  { key: 'aws:SourceVpce', families: ['String'], multi: false, policyValues: ['vpce-1a', 'vpce-2b', 'vpce-*'], requestValues: ['vpce-1a', 'vpce-9z'] },
  { key: 'aws:username', families: ['String'], multi: false, policyValues: ['alice', 'bob', 'Alice', 'a*'], requestValues: [], derived: true },
  { key: 'aws:PrincipalAccount', families: ['String'], multi: false, policyValues: [A, B], requestValues: [], derived: true },
  { key: 'aws:PrincipalType', families: ['String'], multi: false, policyValues: ['User', 'AssumedRole', 'FederatedUser', 'Account'], requestValues: [], derived: true },
  { key: 'aws:MultiFactorAuthAge', families: ['Numeric'], multi: false, policyValues: ['100', '3600', '7200.5', '0'], requestValues: ['50', '3600', '8000', '7200.5'] },
  { key: 'aws:TokenIssueTime', families: ['Date'], multi: false, policyValues: [...DATE_ISO, ...DATE_EPOCH], requestValues: ['2024-01-01T00:00:00Z', '2023-01-01T00:00:00Z', '2024-06-01T08:30:00Z', '1704067200'] },
  { key: 'aws:CurrentTime', families: ['Date'], multi: false, policyValues: [...DATE_ISO, ...DATE_EPOCH], requestValues: [], derived: true },
  { key: 'aws:EpochTime', families: ['Numeric', 'Date'], multi: false, policyValues: ['1704067200', '1709294400', '1800000000'], requestValues: [], derived: true },
  { key: 'aws:SecureTransport', families: ['Bool'], multi: false, policyValues: ['true', 'false'], requestValues: ['true', 'false'] },
  { key: 'aws:MultiFactorAuthPresent', families: ['Bool'], multi: false, policyValues: ['true', 'false'], requestValues: ['true', 'false'] },
  { key: 'aws:RequestTag/blob', families: ['Binary'], multi: false, policyValues: ['QmluYXJ5', 'QUJD'], requestValues: ['QmluYXJ5', 'QUJD', 'WFla'] },
  {
    key: 'aws:SourceIp',
    families: ['IpAddress'],
    multi: false,
    policyValues: ['10.0.0.0/8', '10.1.0.0/16', '192.168.1.10', '192.168.1.0/31', '2001:db8::/32', '2001:db8:0:1::/64', '0.0.0.0/0'],
    requestValues: ['10.1.2.3', '10.2.0.1', '192.168.1.10', '192.168.1.11', '172.16.0.1', '2001:db8::1', '2001:db8:0:1::5', '2001:dbf::1'],
  },
  {
    key: 'aws:SourceArn',
    families: ['Arn', 'String'],
    multi: false,
    policyValues: [`arn:aws:sns:us-east-1:${A}:topic-a`, `arn:aws:sns:*:${A}:*`, 'arn:aws:sns:us-east-?:*:topic-*', 'arn:aws:s3:::bucket-a', 'arn:aws:*:*:*:*'],
    requestValues: [`arn:aws:sns:us-east-1:${A}:topic-a`, `arn:aws:sns:eu-west-1:${B}:topic-b`, 'arn:aws:s3:::bucket-a'],
  },
  {
    key: 'aws:PrincipalArn',
    families: ['Arn', 'String'],
    multi: false,
    policyValues: [`arn:aws:iam::${A}:user/*`, 'arn:aws:iam::*:role/Admin', `arn:aws:iam::${A}:root`, `arn:aws:sts::${A}:federated-user/alice`, 'arn:aws:iam::*:*'],
    requestValues: [],
    derived: true,
  },
  { key: 'aws:TagKeys', families: ['String'], multi: true, policyValues: ['env', 'team', 'owner', 'cost*'], requestValues: ['env', 'team', 'owner', 'costcenter', 'x'] },
  { key: 'aws:PrincipalOrgPaths', families: ['String'], multi: true, policyValues: ['o-a/r-ab/ou-1/*', 'o-a/r-ab/ou-2/'], requestValues: ['o-a/r-ab/ou-1/ou-3/', 'o-a/r-ab/ou-2/', 'o-b/r-cd/'] },
];

export const OPERATORS: Readonly<Record<Family, readonly string[]>> = {
  String: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  Numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  Date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  Bool: ['Bool'],
  Binary: ['BinaryEquals'],
  IpAddress: ['IpAddress', 'NotIpAddress'],
  Arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
};

export const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress', 'ArnNotEquals', 'ArnNotLike']);

/** Variables the generator writes into Resource and condition values. */
export const VARIABLES = ['${aws:username}', '${aws:PrincipalTag/team}', "${aws:PrincipalTag/missing, 'red'}", '${aws:PrincipalTag/nothing}', '${aws:PrincipalAccount}'];
