/**
 * Loader for CloudFormation templates (JSON or YAML): the IAM users, groups, roles, inline and
 * managed policies a template declares, the links between them (UserToGroupAddition,
 * AWS::IAM::Policy attachments, InstanceProfile roles) and the bucket, queue, topic and key
 * policies. Pure: text, uri and options in; one account (the one the template would be
 * deployed to) and problems out. Resources whose Condition is known to be false are left out.
 */
import type { Account, AccountProblem, IamGroup, IamRole, IamUser, InlinePolicy, InstanceProfile, LoadedAccountFile, ManagedPolicy, PolicyDocument, ResourcePolicy, ResourcePolicyService, SourceLocation, Tag } from '../model';
import { SourcedPolicyDocument } from '../policyDocument';
import { accountProblem } from '../problems';
import { analyseTemplate, type EmbeddedPolicy, type TemplateAnalysis } from './embeddedPolicies';
import { textOf, type TemplateResource } from './intrinsics';
import { ASSUMED_ACCOUNT_ID, type TemplateOptions } from './templateOptions';
import { valueOf, type TemplateNode } from './templateTree';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

const RESOURCE_POLICY_TYPES: Readonly<Record<string, { service: ResourcePolicyService; property: string }>> = {
  'AWS::S3::BucketPolicy': { service: 's3', property: 'PolicyDocument' },
  'AWS::SQS::QueuePolicy': { service: 'sqs', property: 'PolicyDocument' },
  'AWS::SNS::TopicPolicy': { service: 'sns', property: 'PolicyDocument' },
  'AWS::KMS::Key': { service: 'kms', property: 'KeyPolicy' },
};

/** Inline policy resources and the property naming their one principal, or the lists naming several. */
const INLINE_POLICY_TYPES: Readonly<Record<string, readonly (readonly [string, 'role' | 'user' | 'group', boolean])[]>> = {
  'AWS::IAM::Policy': [
    ['Roles', 'role', true],
    ['Users', 'user', true],
    ['Groups', 'group', true],
  ],
  'AWS::IAM::RolePolicy': [['RoleName', 'role', false]],
  'AWS::IAM::UserPolicy': [['UserName', 'user', false]],
  'AWS::IAM::GroupPolicy': [['GroupName', 'group', false]],
};

export function loadCloudFormationTemplate(text: string, uri: string, options: TemplateOptions = {}): LoadedAccountFile {
  const analysis = analyseTemplate(text, uri, options);
  return new TemplateLoader(analysis, options).load();
}

class TemplateLoader {
  private readonly problems: AccountProblem[];
  private readonly documents = new Map<string, EmbeddedPolicy>();
  private readonly users = new Map<string, Mutable<IamUser>>();
  private readonly groups = new Map<string, Mutable<IamGroup>>();
  private readonly roles = new Map<string, Mutable<IamRole>>();
  private readonly managedPolicies: Mutable<ManagedPolicy>[] = [];
  private readonly resourcePolicies: ResourcePolicy[] = [];

  constructor(
    private readonly analysis: TemplateAnalysis,
    private readonly options: TemplateOptions,
  ) {
    this.problems = [...analysis.problems];
    for (const policy of analysis.policies) this.documents.set(`${policy.logicalId}\n${policy.property}`, policy);
  }

  private get resolver() {
    return this.analysis.resolver;
  }

  load(): LoadedAccountFile {
    const { parsed, uri } = this.analysis;
    const resources = valueOf(parsed.root, 'Resources');
    if (parsed.root?.kind !== 'map' || resources?.kind !== 'map') {
      const at = parsed.root ?? resources;
      this.problems.push(
        accountProblem(
          uri,
          parsed.lines.range(at?.offset ?? 0, 0),
          'account-unknown-shape',
          'This is not a CloudFormation template the loader can read: expected a top-level object with a Resources map.',
        ),
      );
      return { uri, format: 'cloudformation', accounts: [], problems: this.problems };
    }
    const present = [...this.resolver.resources.values()].filter((resource) => !resource.condition || this.resolver.condition(resource.condition, resource.keyNode) !== false);
    // Principals first, so that policies, memberships and profiles can find them by name.
    for (const resource of present) this.readPrincipal(resource);
    for (const resource of present) this.readAttachment(resource);
    const pseudo = this.resolver.pseudo;
    const account: Account = {
      id: pseudo['AWS::AccountId'],
      idSource: this.options.accountId ? 'settings' : 'placeholder',
      partition: pseudo['AWS::Partition'],
      sources: [uri],
      users: [...this.users.values()],
      groups: [...this.groups.values()],
      roles: [...this.roles.values()],
      managedPolicies: this.managedPolicies,
      awsManagedPolicies: [],
      resourcePolicies: this.resourcePolicies,
    };
    if (!this.options.accountId && account.id === ASSUMED_ACCOUNT_ID && (account.users.length || account.roles.length || account.groups.length)) {
      this.problems.push(
        accountProblem(
          uri,
          parsed.lines.range(0, 0),
          'template-assumed-account',
          `The account this template deploys to is not set; its ARNs use the example account ${ASSUMED_ACCOUNT_ID}. Set the template account in the settings to merge it with that account's export.`,
        ),
      );
    }
    return { uri, format: 'cloudformation', accounts: [account], problems: this.problems };
  }

  private readPrincipal(resource: TemplateResource): void {
    const properties = resource.properties;
    const origin = this.origin(resource);
    const { name, path, generated } = this.resolver.nameOf(resource);
    const accountId = this.resolver.pseudo['AWS::AccountId'];
    const arn = () => this.resolver.attributeText(resource.logicalId, 'Arn', resource.keyNode);
    const common = {
      accountId,
      name,
      path,
      generatedName: generated || undefined,
      origin,
      inlinePolicies: this.inlinePolicies(resource),
      attachedPolicyArns: this.texts(valueOf(properties, 'ManagedPolicyArns')),
    };
    switch (resource.type) {
      case 'AWS::IAM::User':
        this.users.set(name, {
          ...common,
          type: 'user',
          arn: arn(),
          groups: this.texts(valueOf(properties, 'Groups')),
          permissionsBoundaryArn: this.optionalText(valueOf(properties, 'PermissionsBoundary')),
          tags: this.tags(valueOf(properties, 'Tags')),
        });
        return;
      case 'AWS::IAM::Group':
        this.groups.set(name, { ...common, type: 'group', arn: arn() });
        return;
      case 'AWS::IAM::Role':
        this.roles.set(name, {
          ...common,
          type: 'role',
          arn: arn(),
          trustPolicy: this.document(resource, 'AssumeRolePolicyDocument'),
          permissionsBoundaryArn: this.optionalText(valueOf(properties, 'PermissionsBoundary')),
          tags: this.tags(valueOf(properties, 'Tags')),
          instanceProfiles: [],
        });
        return;
      case 'AWS::IAM::ManagedPolicy': {
        const policyArn = this.resolver.refText(resource.logicalId, resource.keyNode);
        const document = this.document(resource, 'PolicyDocument', policyArn);
        this.managedPolicies.push({
          type: 'managed-policy',
          accountId,
          name,
          arn: policyArn,
          path,
          awsManaged: false,
          description: this.optionalText(valueOf(properties, 'Description')),
          defaultVersionId: 'v1',
          // A template declares the one version CloudFormation creates; it is the default.
          versions: document ? [{ versionId: 'v1', isDefault: true, document }] : [],
          inForce: document,
          origin,
        });
        return;
      }
    }
    const resourcePolicy = RESOURCE_POLICY_TYPES[resource.type];
    if (resourcePolicy) {
      const document = this.document(resource, resourcePolicy.property);
      if (!document) return;
      this.resourcePolicies.push({
        type: 'resource-policy',
        accountId,
        service: resourcePolicy.service,
        resourceType: resource.type,
        logicalId: resource.logicalId,
        resourceArns: this.protectedResources(resource, resourcePolicy.service),
        document,
        origin,
      });
    }
  }

  /** Links that need the principals: group memberships, policies attached from outside, instance profiles. */
  private readAttachment(resource: TemplateResource): void {
    const properties = resource.properties;
    const inline = INLINE_POLICY_TYPES[resource.type];
    if (inline) {
      const document = this.document(resource, 'PolicyDocument');
      if (!document) return;
      const policy: InlinePolicy = { name: this.resolver.resolveText(valueOf(properties, 'PolicyName')) || resource.logicalId, document };
      for (const [key, type, isList] of inline) {
        const node = valueOf(properties, key);
        const names = isList ? this.texts(node) : node ? [this.resolver.resolveText(node)] : [];
        for (const name of names) this.principal(type, name, node ?? resource.keyNode)?.inlinePolicies.push(policy);
      }
      return;
    }
    switch (resource.type) {
      case 'AWS::IAM::ManagedPolicy': {
        const arn = this.resolver.refText(resource.logicalId, resource.keyNode);
        for (const [key, type] of [
          ['Roles', 'role'],
          ['Users', 'user'],
          ['Groups', 'group'],
        ] as const) {
          const node = valueOf(properties, key);
          for (const name of this.texts(node)) this.principal(type, name, node!)?.attachedPolicyArns.push(arn);
        }
        return;
      }
      case 'AWS::IAM::UserToGroupAddition': {
        const groupNode = valueOf(properties, 'GroupName');
        const group = this.resolver.resolveText(groupNode);
        const usersNode = valueOf(properties, 'Users');
        for (const name of this.texts(usersNode)) this.principal('user', name, usersNode!)?.groups.push(group);
        return;
      }
      case 'AWS::IAM::InstanceProfile': {
        const { name, path } = this.resolver.nameOf(resource);
        const profile: InstanceProfile = { name, path, arn: this.resolver.attributeText(resource.logicalId, 'Arn', resource.keyNode) };
        const rolesNode = valueOf(properties, 'Roles');
        for (const roleName of this.texts(rolesNode)) this.principal('role', roleName, rolesNode!)?.instanceProfiles.push(profile);
        return;
      }
    }
  }

  private principal(type: 'role', name: string, at: TemplateNode): Mutable<IamRole> | undefined;
  private principal(type: 'user', name: string, at: TemplateNode): Mutable<IamUser> | undefined;
  private principal(type: 'role' | 'user' | 'group', name: string, at: TemplateNode): Mutable<IamRole> | Mutable<IamUser> | Mutable<IamGroup> | undefined;
  private principal(type: 'role' | 'user' | 'group', name: string, at: TemplateNode) {
    const found = (type === 'role' ? this.roles : type === 'user' ? this.users : this.groups).get(name);
    if (!found) {
      this.problems.push(
        accountProblem(
          this.analysis.uri,
          this.analysis.parsed.lines.range(at.offset, at.length),
          'account-unknown-reference',
          `The ${type} "${name}" is not declared in this template; the link to it is not shown in the account tree.`,
        ),
      );
    }
    return found;
  }

  private inlinePolicies(resource: TemplateResource): InlinePolicy[] {
    const policies: InlinePolicy[] = [];
    for (const [key, policy] of this.documents) {
      if (key.startsWith(`${resource.logicalId}\nPolicies[`)) policies.push({ name: policy.name, document: this.sourced(policy) });
    }
    return policies;
  }

  private document(resource: TemplateResource, property: string, arn?: string): PolicyDocument | undefined {
    const policy = this.documents.get(`${resource.logicalId}\n${property}`);
    return policy && this.sourced(policy, property === 'AssumeRolePolicyDocument' ? `${this.resolver.nameOf(resource).name} trust policy` : undefined, arn);
  }

  private sourced(policy: EmbeddedPolicy, name = policy.name, arn?: string): PolicyDocument {
    return new SourcedPolicyDocument(name, policy.kind, policy.text, { uri: this.analysis.uri, range: policy.range, precision: policy.mapping.precision }, policy.mapping, arn);
  }

  /** The ARNs a bucket, queue, topic or key policy protects. */
  private protectedResources(resource: TemplateResource, service: ResourcePolicyService): string[] {
    const properties = resource.properties;
    const partition = this.resolver.pseudo['AWS::Partition'];
    switch (service) {
      case 's3': {
        const bucket = this.resolver.resolveText(valueOf(properties, 'Bucket'));
        return [bucket.startsWith('arn:') ? bucket : `arn:${partition}:s3:::${bucket}`];
      }
      case 'sqs':
        return this.texts(valueOf(properties, 'Queues')).map((queue) => queueArn(queue, partition));
      case 'sns':
        return this.texts(valueOf(properties, 'Topics'));
      case 'kms':
        return [this.resolver.attributeText(resource.logicalId, 'Arn', resource.keyNode)];
    }
  }

  /** A list property as strings (a list from a parameter or Fn::Split counts). */
  private texts(node: TemplateNode | undefined): string[] {
    if (!node) return [];
    const value = this.resolver.resolve(node);
    if (value.kind === 'array') return value.items.map(textOf);
    if (value.kind === 'none') return [];
    return [textOf(value)];
  }

  private optionalText(node: TemplateNode | undefined): string | undefined {
    if (!node) return undefined;
    const value = this.resolver.resolve(node);
    return value.kind === 'none' ? undefined : textOf(value);
  }

  private tags(node: TemplateNode | undefined): Tag[] {
    if (!node) return [];
    const value = this.resolver.resolve(node);
    if (value.kind !== 'array') return [];
    return value.items.flatMap((item) => {
      if (item.kind !== 'object') return [];
      const key = item.entries.find((entry) => entry.key === 'Key');
      const tagValue = item.entries.find((entry) => entry.key === 'Value');
      return key ? [{ key: textOf(key.value), value: tagValue ? textOf(tagValue.value) : '' }] : [];
    });
  }

  private origin(resource: TemplateResource): SourceLocation {
    const { keyNode } = resource;
    return { uri: this.analysis.uri, range: this.analysis.parsed.lines.range(keyNode.offset, keyNode.length) };
  }
}

/** https://sqs.us-east-1.amazonaws.com/123456789012/orders -> arn:aws:sqs:us-east-1:123456789012:orders */
function queueArn(queue: string, partition: string): string {
  const url = /^https:\/\/sqs\.([a-z0-9-]+)\.[^/]+\/(\d{12}|[^/]+)\/([^/]+)$/.exec(queue);
  return url ? `arn:${partition}:sqs:${url[1]}:${url[2]}:${url[3]}` : queue;
}
