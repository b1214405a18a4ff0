/**
 * A principal of the account model -> the policies AWS evaluates for it: its inline and
 * attached managed policies and, for a user, those of its groups (id_groups.md); its
 * permissions boundary (access_policies_boundaries.md); and what the request context derives
 * from it: tags for aws:PrincipalTag/* and the unique id for aws:userid
 * (reference_policies_condition-keys.md). AWS managed policies the files do not include come
 * from the bundled catalog (accountIndex.ts), read once up front so that whole-account queries
 * assemble each principal's policies without waiting.
 */
import type { AccountIndex, IdentityPolicy, ManagedPolicyReference } from '../account';
import type { IamGroup, IamPrincipal, IamRole, IamUser } from '../account/model';
import { parseArn } from '../policy/arn';
import type { LocatableDocument, SimulationPolicy } from './policySources';

export interface PrincipalPolicies {
  readonly entity: IamUser | IamRole;
  readonly identity: readonly SimulationPolicy[];
  readonly boundary?: SimulationPolicy;
  readonly principalTags: Readonly<Record<string, string>>;
  readonly principalUniqueId?: string;
  /** Policies that could not be found (neither in the files nor bundled): not evaluated. */
  readonly notes: readonly string[];
}

/** Bundled AWS managed policy documents by use ("attached" or "boundary") and ARN. */
export type BundledDocuments = ReadonlyMap<string, LocatableDocument | undefined>;

const bundledKey = (usedAs: 'attached' | 'boundary', arn: string) => `${usedAs}\n${arn}`;

/**
 * The user or role an ARN names: a user or role ARN (any case: IAM names are unique ignoring
 * case), or an assumed-role session ARN, whose role is found by name in its account.
 */
export function findPrincipalEntity(index: AccountIndex, arn: string): IamUser | IamRole | undefined {
  const direct = index.principal(arn);
  if (direct) return direct.type === 'group' ? undefined : direct;
  const parsed = parseArn(arn);
  const session = parsed?.service === 'sts' ? /^assumed-role\/([^/]+)\//.exec(parsed.resource) : null;
  if (!parsed || !session) return undefined;
  const [role] = index.principalsNamed('role', session[1], parsed.account);
  return role?.type === 'role' ? role : undefined;
}

/** Reads the bundled AWS managed policies these principals use and the files do not define. */
export async function readBundledDocuments(index: AccountIndex, entities: Iterable<IamUser | IamRole>): Promise<BundledDocuments> {
  const wanted = new Map<string, { reference: ManagedPolicyReference; usedAs: 'attached' | 'boundary' }>();
  const want = (reference: ManagedPolicyReference, usedAs: 'attached' | 'boundary') => {
    if (!reference.policy && reference.awsManaged) wanted.set(bundledKey(usedAs, reference.arn), { reference, usedAs });
  };
  const seenGroups = new Set<string>();
  for (const entity of entities) {
    for (const arn of entity.attachedPolicyArns) want(index.managedPolicy(arn), 'attached');
    if (entity.type === 'user') {
      for (const group of index.groupsOf(entity)) {
        if (seenGroups.has(group.arn)) continue;
        seenGroups.add(group.arn);
        for (const arn of group.attachedPolicyArns) want(index.managedPolicy(arn), 'attached');
      }
    }
    const boundary = index.permissionsBoundaryOf(entity);
    if (boundary) want(boundary, 'boundary');
  }
  const documents = new Map<string, LocatableDocument | undefined>();
  await Promise.all([...wanted].map(async ([key, { reference, usedAs }]) => documents.set(key, await index.documentOf(reference, usedAs))));
  return documents;
}

export async function principalPolicies(index: AccountIndex, entity: IamUser | IamRole): Promise<PrincipalPolicies> {
  return principalPoliciesWith(index, entity, await readBundledDocuments(index, [entity]));
}

export interface PrincipalDocuments {
  readonly identity: readonly LocatableDocument[];
  readonly boundary?: LocatableDocument;
}

/**
 * Only the documents of each principal's identity policies and boundary, without naming them:
 * enough for a whole-account query to tell that nothing of a principal concerns an action.
 * Each managed policy ARN and each group is looked up once for all principals.
 */
export function principalDocumentsLookup(index: AccountIndex, bundled: BundledDocuments): (entity: IamUser | IamRole) => PrincipalDocuments {
  const byArn = new Map<string, LocatableDocument | undefined>();
  const byGroup = new Map<IamGroup, LocatableDocument[]>();
  const managed = (arn: string, usedAs: 'attached' | 'boundary') => {
    const key = usedAs === 'attached' ? arn : bundledKey(usedAs, arn);
    if (!byArn.has(key)) byArn.set(key, documentOf(index.managedPolicy(arn), usedAs, bundled));
    return byArn.get(key);
  };
  const own = (principal: IamPrincipal, into: LocatableDocument[]) => {
    for (const policy of principal.inlinePolicies) into.push(policy.document);
    for (const arn of principal.attachedPolicyArns) {
      const document = managed(arn, 'attached');
      if (document) into.push(document);
    }
    return into;
  };
  return (entity) => {
    const identity = own(entity, []);
    if (entity.type === 'user') {
      for (const group of index.groupsOf(entity)) {
        let documents = byGroup.get(group);
        if (!documents) byGroup.set(group, (documents = own(group, [])));
        identity.push(...documents);
      }
    }
    return { identity, boundary: entity.permissionsBoundaryArn ? managed(entity.permissionsBoundaryArn, 'boundary') : undefined };
  };
}

/** The same, with the bundled documents read beforehand (readBundledDocuments). */
export function principalPoliciesWith(index: AccountIndex, entity: IamUser | IamRole, bundled: BundledDocuments): PrincipalPolicies {
  const notes: string[] = [];
  const identity: SimulationPolicy[] = [];
  const ids = new Set<string>();
  for (const attached of index.identityPoliciesOf(entity)) {
    const policy = identityPolicy(entity, attached, bundled, notes);
    // The same managed policy reached twice (directly and through a group) is one set of statements.
    if (policy && !ids.has(policy.id)) {
      ids.add(policy.id);
      identity.push(policy);
    }
  }
  let boundary: SimulationPolicy | undefined;
  const reference = index.permissionsBoundaryOf(entity);
  if (reference) {
    const document = documentOf(reference, 'boundary', bundled);
    if (document) boundary = { type: 'boundary', id: managedId(reference), via: 'permissions boundary', origin: originOf(reference), document };
    else notes.push(`The permissions boundary ${reference.arn} is neither in the loaded files nor a bundled AWS managed policy: the simulation has no boundary.`);
  }
  const principalTags: Record<string, string> = {};
  for (const tag of entity.tags) principalTags[tag.key] = tag.value;
  return { entity, identity, boundary, principalTags, principalUniqueId: entity.id, notes };
}

function identityPolicy(entity: IamUser | IamRole, attached: IdentityPolicy, bundled: BundledDocuments, notes: string[]): SimulationPolicy | undefined {
  const via = attached.via.type === 'group' ? `group ${attached.via.group.name}` : `${entity.type} ${entity.name}`;
  if (attached.attachment === 'inline') {
    return { type: 'identity', id: `${via} inline ${attached.name}`, via: `inline policy of ${via}`, origin: 'account', document: attached.document };
  }
  const { reference } = attached;
  const document = documentOf(reference, 'attached', bundled);
  if (!document) {
    notes.push(`The managed policy ${reference.arn} attached to ${via} is neither in the loaded files nor a bundled AWS managed policy: it was not evaluated.`);
    return undefined;
  }
  return { type: 'identity', id: managedId(reference), via: `attached to ${via}`, origin: originOf(reference), document };
}

/** The document in force: the default version from the files, else the bundled AWS managed one. */
function documentOf(reference: ManagedPolicyReference, usedAs: 'attached' | 'boundary', bundled: BundledDocuments): LocatableDocument | undefined {
  return reference.policy ? reference.policy.inForce : bundled.get(bundledKey(usedAs, reference.arn));
}

function originOf(reference: ManagedPolicyReference): SimulationPolicy['origin'] {
  return reference.awsManaged && !reference.policy ? 'aws-managed' : 'account';
}

/** A customer managed and an AWS managed policy may share a name; the id tells them apart. */
function managedId(reference: ManagedPolicyReference): string {
  return reference.awsManaged ? `${reference.name} (AWS managed)` : reference.name;
}
