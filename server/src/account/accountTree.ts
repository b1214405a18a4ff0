/**
 * The account model as the nodes of the IAM tree view: accounts, then users, groups, roles and
 * customer managed policies; under each principal its group memberships, inline and attached
 * policies, permissions boundary, trust policy (roles) and tags. Pure: an index in, plain data
 * out. The tree is lazy (the client asks for a node's children when it is expanded), so a large
 * account costs one list per expanded folder, never the whole model at once.
 *
 * Node ids name what a node stands for, so a node keeps its id across rebuilds of the model:
 * `account:<id>`, `folder:<kind>:<account id>`, `entity:<arn>`, `tags:<arn>`, and leaves below.
 */
import type { AccountTreeNode, AccountTreeNodeKind, SourceLocationParams } from '../protocol';
import { awsManagedPolicyUri, type AccountIndex, type ManagedPolicyReference } from './accountIndex';
import type { Account, IamGroup, IamPrincipal, IamRole, IamUser, ManagedPolicy, PolicyDocument, SourceLocation, Tag } from './model';

type FolderKind = 'users' | 'groups' | 'roles' | 'policies' | 'resource-policies';

const FOLDERS: ReadonlyArray<{ readonly kind: FolderKind; readonly label: string }> = [
  { kind: 'users', label: 'Users' },
  { kind: 'groups', label: 'Groups' },
  { kind: 'roles', label: 'Roles' },
  { kind: 'policies', label: 'Customer managed policies' },
  { kind: 'resource-policies', label: 'Resource policies' },
];

const START = { line: 0, character: 0 };
/** Names sort as people read them: case aside, "role-2" before "role-10". */
const BY_NAME = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The children of `parentId` (the accounts when absent); unknown ids (a node of an older model) have none. */
export function accountTreeChildren(index: AccountIndex, parentId?: string, filter?: string): AccountTreeNode[] {
  const matcher = nameMatcher(filter);
  if (!parentId) {
    return index.model.accounts
      .filter((account) => !matcher || folderKinds(account).some((kind) => entitiesOf(account, kind, matcher).length > 0))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((account) => accountNode(account, matcher));
  }
  const colon = parentId.indexOf(':');
  const prefix = parentId.slice(0, colon);
  const rest = parentId.slice(colon + 1);
  switch (prefix) {
    case 'account': {
      const account = index.account(rest);
      return account ? folderNodes(account, matcher) : [];
    }
    case 'folder': {
      const [kind, accountId] = rest.split(':') as [FolderKind, string];
      const account = index.account(accountId);
      if (!account) return [];
      return entitiesOf(account, kind, matcher)
        .sort((a, b) => BY_NAME.compare(entityName(a), entityName(b)))
        .map((entity) => entityNode(index, entity));
    }
    case 'entity':
      return entityChildren(index, rest);
    case 'tags': {
      const principal = index.principal(rest);
      return principal && principal.type !== 'group' ? principal.tags.map((tag, position) => tagNode(principal, tag, position)) : [];
    }
    default:
      return [];
  }
}

type Matcher = (name: string, arn: string) => boolean;

function nameMatcher(filter: string | undefined): Matcher | undefined {
  const needle = filter?.trim().toLowerCase();
  if (!needle) return undefined;
  return (name, arn) => name.toLowerCase().includes(needle) || arn.toLowerCase().includes(needle);
}

function folderKinds(account: Account): FolderKind[] {
  return FOLDERS.map((folder) => folder.kind).filter((kind) => entitiesOf(account, kind).length > 0);
}

type Entity = IamPrincipal | ManagedPolicy | Account['resourcePolicies'][number];

function entitiesOf(account: Account, kind: FolderKind, matcher?: Matcher): Entity[] {
  const all: readonly Entity[] =
    kind === 'users'
      ? account.users
      : kind === 'groups'
        ? account.groups
        : kind === 'roles'
          ? account.roles
          : kind === 'policies'
            ? account.managedPolicies
            : account.resourcePolicies;
  return matcher ? all.filter((entity) => matcher(entityName(entity), entityArn(entity))) : [...all];
}

function entityName(entity: Entity): string {
  return entity.type === 'resource-policy' ? entity.logicalId : entity.name;
}

function entityArn(entity: Entity): string {
  return entity.type === 'resource-policy' ? entity.resourceArns.join(' ') : entity.arn;
}

function accountNode(account: Account, matcher: Matcher | undefined): AccountTreeNode {
  const assumed = account.idSource === 'placeholder';
  const files = account.sources.length === 1 ? '1 file' : `${account.sources.length} files`;
  return {
    id: `account:${account.id}`,
    kind: 'account',
    label: account.id,
    description: assumed ? `assumed id, ${files}` : files,
    tooltip: [
      `AWS account ${account.id}${assumed ? ' (assumed: the templates do not say which account they deploy to; set iamPolicyStudio.defaultAccountId)' : ''}`,
      ...account.sources.map((uri) => `• ${uri}`),
    ].join('\n'),
    hasChildren: folderKinds(account).some((kind) => !matcher || entitiesOf(account, kind, matcher).length > 0),
  };
}

function folderNodes(account: Account, matcher: Matcher | undefined): AccountTreeNode[] {
  return FOLDERS.flatMap(({ kind, label }) => {
    const total = entitiesOf(account, kind).length;
    const shown = matcher ? entitiesOf(account, kind, matcher).length : total;
    if (shown === 0) return [];
    return [{ id: `folder:${kind}:${account.id}`, kind, label, description: matcher ? `${shown} of ${total}` : String(total), hasChildren: true }];
  });
}

function entityNode(index: AccountIndex, entity: Entity): AccountTreeNode {
  switch (entity.type) {
    case 'user':
    case 'role':
    case 'group':
      return principalNode(index, entity);
    case 'managed-policy':
      return managedPolicyNode(entity);
    case 'resource-policy':
      return {
        id: `resource:${entity.accountId}:${entity.origin.uri}#${entity.logicalId}`,
        kind: 'resource-policy',
        label: entity.logicalId,
        description: entity.resourceType,
        tooltip: [`${entity.resourceType} ${entity.logicalId}`, ...entity.resourceArns].join('\n'),
        hasChildren: false,
        definition: location(entity.origin),
        policy: documentLocation(entity.document),
      };
  }
}

function principalNode(index: AccountIndex, principal: IamPrincipal): AccountTreeNode {
  const details: string[] = [];
  if (principal.path !== '/') details.push(principal.path);
  if (principal.type === 'group') {
    const members = index.membersOf(principal).length;
    details.push(members === 1 ? '1 member' : `${members} members`);
  }
  if (principal.generatedName) details.push('name generated at deployment');
  return {
    id: `entity:${principal.arn}`,
    kind: principal.type,
    label: principal.name,
    description: details.join(', ') || undefined,
    tooltip: principal.arn,
    hasChildren: principalChildren(index, principal).length > 0,
    principalArn: principal.type === 'group' ? undefined : principal.arn,
    definition: location(principal.origin),
  };
}

function managedPolicyNode(policy: ManagedPolicy): AccountTreeNode {
  return {
    id: `entity:${policy.arn}`,
    kind: 'managed-policy',
    label: policy.name,
    description: [policy.path !== '/' ? policy.path : '', policy.defaultVersionId ?? ''].filter(Boolean).join(' ') || undefined,
    tooltip: [policy.arn, policy.description ?? ''].filter(Boolean).join('\n'),
    hasChildren: policy.versions.length > 1,
    definition: location(policy.origin),
    policy: policy.inForce ? documentLocation(policy.inForce) : undefined,
  };
}

function entityChildren(index: AccountIndex, arn: string): AccountTreeNode[] {
  const principal = index.principal(arn);
  if (principal) return principalChildren(index, principal);
  const policy = index.managedPolicy(arn).policy;
  if (!policy || policy.versions.length <= 1) return [];
  return policy.versions.map((version) => ({
    id: `version:${policy.arn}:${version.versionId}`,
    kind: 'policy-version',
    label: version.versionId,
    description: version.isDefault ? 'default version, in force' : 'not in force',
    tooltip: version.createDate ? `${policy.arn} ${version.versionId}, created ${version.createDate}` : `${policy.arn} ${version.versionId}`,
    hasChildren: false,
    definition: documentLocation(version.document),
    policy: documentLocation(version.document),
  }));
}

function principalChildren(index: AccountIndex, principal: IamPrincipal): AccountTreeNode[] {
  const nodes: AccountTreeNode[] = [];
  const leaf = (what: string) => `leaf:${principal.arn}:${what}`;
  if (principal.type === 'role' && principal.trustPolicy) nodes.push(trustPolicyNode(principal, principal.trustPolicy, leaf('trust')));
  if (principal.type === 'user') nodes.push(...groupMembershipNodes(index, principal, leaf));
  principal.inlinePolicies.forEach((inline, position) => {
    nodes.push({
      id: leaf(`inline:${position}`),
      kind: 'inline-policy',
      label: inline.name,
      description: 'inline policy',
      tooltip: `Inline policy ${inline.name} of ${principal.arn}`,
      hasChildren: false,
      definition: documentLocation(inline.document),
      policy: documentLocation(inline.document),
    });
  });
  principal.attachedPolicyArns.forEach((arn, position) => {
    nodes.push(referenceNode(index.managedPolicy(arn), 'attached-policy', leaf(`attached:${position}`)));
  });
  const boundary = index.permissionsBoundaryOf(principal);
  if (boundary) nodes.push(referenceNode(boundary, 'permissions-boundary', leaf('boundary')));
  if (principal.type !== 'group' && principal.tags.length > 0) {
    nodes.push({ id: `tags:${principal.arn}`, kind: 'tags', label: 'Tags', description: String(principal.tags.length), hasChildren: true });
  }
  return nodes;
}

function trustPolicyNode(role: IamRole, document: PolicyDocument, id: string): AccountTreeNode {
  return {
    id,
    kind: 'trust-policy',
    label: 'Trust policy',
    description: 'who can assume the role',
    tooltip: `The role trust policy of ${role.arn}`,
    hasChildren: false,
    definition: documentLocation(document),
    policy: documentLocation(document),
  };
}

function groupMembershipNodes(index: AccountIndex, user: IamUser, leaf: (what: string) => string): AccountTreeNode[] {
  const groups = new Map<string, IamGroup>(index.groupsOf(user).map((group) => [group.name, group]));
  return user.groups.map((name, position) => {
    const group = groups.get(name);
    return {
      id: leaf(`group:${position}`),
      kind: 'group-membership',
      label: name,
      description: group ? 'group' : 'group not in the loaded files',
      tooltip: group ? `Member of ${group.arn}: the group's policies apply to ${user.name}` : `Member of ${name}, which the loaded files do not define`,
      hasChildren: false,
      definition: group ? location(group.origin) : undefined,
    };
  });
}

function referenceNode(reference: ManagedPolicyReference, kind: AccountTreeNodeKind, id: string): AccountTreeNode {
  const defined = reference.policy;
  const role = kind === 'permissions-boundary' ? 'permissions boundary' : reference.awsManaged ? 'AWS managed' : 'customer managed';
  let policy: SourceLocationParams | undefined;
  if (defined?.inForce) policy = documentLocation(defined.inForce);
  else if (reference.awsManaged) policy = { uri: awsManagedPolicyUri(reference.arn), range: { start: START, end: START } };
  return {
    id,
    kind,
    label: reference.name,
    description: policy ? role : `${role}, not in the loaded files`,
    tooltip: reference.arn,
    hasChildren: false,
    definition: defined ? location(defined.origin) : policy,
    policy,
  };
}

function tagNode(principal: IamUser | IamRole, tag: Tag, position: number): AccountTreeNode {
  return { id: `leaf:${principal.arn}:tag:${position}`, kind: 'tag', label: tag.key, description: tag.value, tooltip: `${tag.key} = ${tag.value}`, hasChildren: false };
}

function documentLocation(document: PolicyDocument): SourceLocationParams {
  return { uri: document.source.uri, range: document.source.range };
}

function location(source: SourceLocation): SourceLocationParams {
  return { uri: source.uri, range: source.range };
}
