// Writes a large, seeded `aws iam get-account-authorization-details` export for the account
// benchmark: 5,000 roles, 2,000 users, 300 groups and 10,000 customer managed policies (about
// 50 MB, pretty-printed with 4 spaces the way the AWS CLI prints it). Same seed, same bytes.
//
//   node bench/generate-account.mjs [--out FILE] [--seed N]
// Default output: bench/.data/account-authorization-details.json (gitignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_EXPORT_PATH = join(here, '.data', 'account-authorization-details.json');

export const COUNTS = { roles: 5000, users: 2000, groups: 300, policies: 10000 };
const ACCOUNT = '210987654321';

/** mulberry32: a small, fast, seedable generator; good enough to vary names and shapes. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = {
  s3: ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket', 'GetBucketLocation', 'GetObjectTagging'],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem', 'BatchGetItem'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'],
  sns: ['Publish', 'Subscribe', 'ListTopics'],
  lambda: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode'],
  logs: ['CreateLogGroup', 'CreateLogStream', 'PutLogEvents', 'DescribeLogGroups'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey'],
  ec2: ['DescribeInstances', 'StartInstances', 'StopInstances', 'DescribeVolumes'],
  ssm: ['GetParameter', 'GetParameters', 'PutParameter'],
  secretsmanager: ['GetSecretValue', 'DescribeSecret'],
};
const SERVICE_NAMES = Object.keys(SERVICES);
const AWS_MANAGED = [
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/SecurityAudit',
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  'arn:aws:iam::aws:policy/AmazonSQSFullAccess',
  'arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess',
];
const TEAMS = ['reports', 'platform', 'payments', 'search', 'data', 'mobile', 'identity', 'growth'];
const DATE = '2024-03-04T10:15:00+00:00';

export function generateExport(seed = 7) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const between = (low, high) => low + Math.floor(next() * (high - low + 1));

  function statement(index) {
    const service = pick(SERVICE_NAMES);
    const actions = [];
    for (let i = between(1, 5); i > 0; i--) actions.push(`${service}:${pick(SERVICES[service])}`);
    const team = pick(TEAMS);
    const result = {
      Sid: `Statement${index}`,
      Effect: next() < 0.9 ? 'Allow' : 'Deny',
      Action: [...new Set(actions)],
      Resource: [`arn:aws:${service}:eu-west-1:${ACCOUNT}:${team}-${between(1, 999)}/*`, `arn:aws:${service}:eu-west-1:${ACCOUNT}:${team}-shared`],
    };
    if (next() < 0.3) result.Condition = { StringEquals: { 'aws:PrincipalTag/team': team } };
    return result;
  }
  const documentOf = (statements) => ({
    Version: '2012-10-17',
    Statement: Array.from({ length: statements }, (_, i) => statement(i)),
  });
  // One document in ten in the raw API form (URL-encoded JSON string), as some tools export it.
  const maybeEncoded = (document) => (next() < 0.1 ? encodeURIComponent(JSON.stringify(document)) : document);
  const tags = () => [
    { Key: 'team', Value: pick(TEAMS) },
    { Key: 'cost-center', Value: `cc-${between(1000, 9999)}` },
  ];
  const policyArn = (i) => `arn:aws:iam::${ACCOUNT}:policy/generated/policy-${i}`;
  const attached = (count) => {
    const list = [];
    for (let i = 0; i < count; i++) {
      if (next() < 0.2) {
        const arn = pick(AWS_MANAGED);
        list.push({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn });
      } else {
        const n = between(0, COUNTS.policies - 1);
        list.push({ PolicyName: `policy-${n}`, PolicyArn: policyArn(n) });
      }
    }
    return list;
  };
  const inline = (count) => Array.from({ length: count }, (_, i) => ({ PolicyName: `inline-${i}`, PolicyDocument: maybeEncoded(documentOf(between(1, 3))) }));
  const boundary = () =>
    next() < 0.3 ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: policyArn(between(0, 99)) } } : {};

  const groups = Array.from({ length: COUNTS.groups }, (_, i) => ({
    Path: '/',
    GroupName: `group-${i}`,
    GroupId: `AGPA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:group/group-${i}`,
    CreateDate: DATE,
    GroupPolicyList: inline(between(0, 2)),
    AttachedManagedPolicies: attached(between(1, 4)),
  }));
  const users = Array.from({ length: COUNTS.users }, (_, i) => ({
    Path: '/people/',
    UserName: `user-${i}`,
    UserId: `AIDA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:user/people/user-${i}`,
    CreateDate: DATE,
    UserPolicyList: inline(between(0, 1)),
    GroupList: Array.from(new Set(Array.from({ length: between(1, 3) }, () => `group-${between(0, COUNTS.groups - 1)}`))),
    AttachedManagedPolicies: attached(between(0, 2)),
    ...boundary(),
    Tags: tags(),
  }));
  const roles = Array.from({ length: COUNTS.roles }, (_, i) => ({
    Path: '/service/',
    RoleName: `role-${i}`,
    RoleId: `AROA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:role/service/role-${i}`,
    CreateDate: DATE,
    AssumeRolePolicyDocument: maybeEncoded({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: `${pick(['lambda', 'ec2', 'ecs-tasks'])}.amazonaws.com` }, Action: 'sts:AssumeRole' }],
    }),
    InstanceProfileList:
      next() < 0.2
        ? [{ Path: '/', InstanceProfileName: `role-${i}`, InstanceProfileId: `AIPA${String(i).padStart(17, '0')}`, Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/role-${i}`, CreateDate: DATE, Roles: [] }]
        : [],
    RolePolicyList: inline(between(0, 2)),
    AttachedManagedPolicies: attached(between(1, 3)),
    ...boundary(),
    Tags: tags(),
    RoleLastUsed: {},
  }));
  const policies = Array.from({ length: COUNTS.policies }, (_, i) => {
    const versionCount = between(1, 3);
    const defaultVersion = between(1, versionCount);
    return {
      PolicyName: `policy-${i}`,
      PolicyId: `ANPA${String(i).padStart(17, '0')}`,
      Arn: policyArn(i),
      Path: '/generated/',
      DefaultVersionId: `v${defaultVersion}`,
      AttachmentCount: between(0, 5),
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: DATE,
      UpdateDate: DATE,
      PolicyVersionList: Array.from({ length: versionCount }, (_, v) => ({
        Document: maybeEncoded(documentOf(between(1, 3))),
        VersionId: `v${v + 1}`,
        IsDefaultVersion: v + 1 === defaultVersion,
        CreateDate: DATE,
      })),
    };
  });
  return JSON.stringify({ UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies }, null, 4) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string' } } });
  const out = values.out ?? DEFAULT_EXPORT_PATH;
  const text = generateExport(values.seed ? Number(values.seed) : undefined);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`${out}: ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`);
}
