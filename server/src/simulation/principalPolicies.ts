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
import type { IamGroup, IamRole, IamUser } from '../account/model';
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

/** A managed policy as one principal uses it: attached, or as its permissions boundary. */
export interface ManagedPolicyUse {
  readonly reference: ManagedPolicyReference;
  readonly usedAs: 'attached' | 'boundary';
}

/** Reads the bundled AWS managed policies these principals use and the files do not define. */
export async function readBundledDocuments(index: AccountIndex, entities: Iterable<IamUser | IamRole>): Promise<BundledDocuments> {
  const uses: ManagedPolicyUse[] = [];
  const seenGroups = new Set<string>();
  for (const entity of entities) {
    for (const arn of entity.attachedPolicyArns) uses.push({ reference: index.managedPolicy(arn), usedAs: 'attached' });
    if (entity.type === 'user') {
      for (const group of index.groupsOf(entity)) {
        if (seenGroups.has(group.arn)) continue;
        seenGroups.add(group.arn);
        for (const arn of group.attachedPolicyArns) uses.push({ reference: index.managedPolicy(arn), usedAs: 'attached' });
      }
    }
    const boundary = index.permissionsBoundaryOf(entity);
    if (boundary) uses.push({ reference: boundary, usedAs: 'boundary' });
  }
  return readBundled(index, uses);
}

/** Reads the bundled AWS managed policies among these uses: those the files do not define. */
export async function readBundled(index: AccountIndex, uses: Iterable<ManagedPolicyUse>): Promise<BundledDocuments> {
  const wanted = new Map<string, ManagedPolicyUse>();
  for (const use of uses) if (!use.reference.policy && use.reference.awsManaged) wanted.set(bundledKey(use.usedAs, use.reference.arn), use);
  const documents = new Map<string, LocatableDocument | undefined>();
  await Promise.all([...wanted].map(async ([key, { reference, usedAs }]) => documents.set(key, await index.documentOf(reference, usedAs))));
  return documents;
}

export async function principalPolicies(index: AccountIndex, entity: IamUser | IamRole): Promise<PrincipalPolicies> {
  return principalPoliciesWith(index, entity, await readBundledDocuments(index, [entity]));
}

/** The same, with the bundled documents read beforehand (readBundledDocuments). */
export function principalPoliciesWith(index: AccountIndex, entity: IamUser | IamRole, bundled: BundledDocuments): PrincipalPolicies {
  return new PrincipalPolicyReader(index, bundled).read(entity);
}

/** A policy of a principal as the simulation evaluates it, or why it cannot be. */
type Resolved = { readonly policy: SimulationPolicy; readonly note?: undefined } | { readonly policy?: undefined; readonly note: string };

/**
 * principalPoliciesWith for many principals of one account model ("who can"): what a group
 * gives its members is resolved once and the same records serve every member.
 */
export class PrincipalPolicyReader {
  private readonly fromGroups = new Map<IdentityPolicy, Resolved>();
  /**
   * Whether policy ids name the account. "Who can" lists principals of every account with their
   * statements by policy id, and two accounts may each have a user alice and a policy
   * ReportsReader; one principal's simulation needs no such names.
   */
  private readonly severalAccounts: boolean;

  constructor(
    private readonly index: AccountIndex,
    private readonly bundled: BundledDocuments,
    options: { readonly idsNameAccounts?: boolean } = {},
  ) {
    this.severalAccounts = options.idsNameAccounts === true && index.model.accounts.length > 1;
  }

  read(entity: IamUser | IamRole): PrincipalPolicies {
    const notes: string[] = [];
    const identity: SimulationPolicy[] = [];
    const account = this.severalAccounts ? entity.accountId : undefined;
    for (const attached of this.index.identityPoliciesOf(entity)) {
      const { policy, note } =
        attached.via.type === 'group' ? this.fromGroup(attached, attached.via.group, account) : identityPolicy(ownerName(entity, account), attached, this.bundled, account);
      if (note) notes.push(note);
      // The same managed policy reached twice (directly and through a group) is one set of statements.
      else if (policy && !identity.some((kept) => kept.id === policy.id)) identity.push(policy);
    }
    let boundary: SimulationPolicy | undefined;
    const reference = this.index.permissionsBoundaryOf(entity);
    if (reference) {
      const document = documentOf(reference, 'boundary', this.bundled);
      if (document) boundary = { type: 'boundary', id: managedId(reference, account), via: 'permissions boundary', origin: originOf(reference), document };
      else notes.push(`The permissions boundary ${reference.arn} is neither in the loaded files nor a bundled AWS managed policy: the simulation has no boundary.`);
    }
    const principalTags: Record<string, string> = {};
    for (const tag of entity.tags) principalTags[tag.key] = tag.value;
    return { entity, identity, boundary, principalTags, principalUniqueId: entity.id, notes };
  }

  /** A group's policies read the same for every member (AccountIndex gives the same record for each). */
  private fromGroup(attached: IdentityPolicy, group: IamGroup, account: string | undefined): Resolved {
    let resolved = this.fromGroups.get(attached);
    if (!resolved) this.fromGroups.set(attached, (resolved = identityPolicy(ownerName(group, account), attached, this.bundled, account)));
    return resolved;
  }
}

/** "user alice", or "user alice in 111122223333" when the model holds several accounts. */
function ownerName(owner: IamUser | IamRole | IamGroup, account: string | undefined): string {
  return `${owner.type} ${owner.name}${account ? ` in ${account}` : ''}`;
}

/** `via`: whose policy it is, "user alice" or "group Developers" (ownerName). */
function identityPolicy(via: string, attached: IdentityPolicy, bundled: BundledDocuments, account: string | undefined): Resolved {
  if (attached.attachment === 'inline') {
    return { policy: { type: 'identity', id: `${via} inline ${attached.name}`, via: `inline policy of ${via}`, origin: 'account', document: attached.document } };
  }
  const { reference } = attached;
  const document = documentOf(reference, 'attached', bundled);
  if (!document) return { note: `The managed policy ${reference.arn} attached to ${via} is neither in the loaded files nor a bundled AWS managed policy: it was not evaluated.` };
  return { policy: { type: 'identity', id: managedId(reference, account), via: `attached to ${via}`, origin: originOf(reference), document } };
}

/** The document in force: the default version from the files, else the bundled AWS managed one. */
export function documentOf(reference: ManagedPolicyReference, usedAs: 'attached' | 'boundary', bundled: BundledDocuments): LocatableDocument | undefined {
  return reference.policy ? reference.policy.inForce : bundled.get(bundledKey(usedAs, reference.arn));
}

function originOf(reference: ManagedPolicyReference): SimulationPolicy['origin'] {
  return reference.awsManaged && !reference.policy ? 'aws-managed' : 'account';
}

/**
 * A customer managed and an AWS managed policy may share a name; the id tells them apart. With
 * several accounts, a policy read from an account's files names that account; a bundled AWS
 * managed policy is the same document for all.
 */
function managedId(reference: ManagedPolicyReference, account: string | undefined): string {
  const name = reference.awsManaged ? `${reference.name} (AWS managed)` : reference.name;
  return account && reference.policy ? `${name} in ${account}` : name;
}
