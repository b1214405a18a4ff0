/**
 * Lookups over an account model: principals by ARN or name, a user's groups, the identity
 * policies that apply to a principal (its own and, for a user, those of its groups:
 * id_groups.md), its permissions boundary, and the documents of managed policies. AWS managed
 * policies the files do not include are read from the bundled catalog on first use, so loading
 * a large account costs nothing for them.
 */
import type { ManagedPolicyStore } from '../catalog/managedPolicies';
import { isAwsManagedPolicyArn } from './accountModel';
import type { Account, AccountModel, IamGroup, IamPrincipal, IamUser, ManagedPolicy, PolicyDocument, PrincipalType, ResourcePolicy } from './model';
import { locationKind, SourcedPolicyDocument } from './policyDocument';
import { substringMapping } from './sourceMapping';
// The scheme is part of the protocol: the client serves these documents.
import { AWS_MANAGED_POLICY_SCHEME } from '../protocolValues';

export { AWS_MANAGED_POLICY_SCHEME };

/** "arn:aws:iam::aws:policy/service-role/X" -> "iam-aws-managed-policy:/service-role/X.json". */
export function awsManagedPolicyUri(arn: string): string {
  const path = arn.slice(arn.indexOf(':policy/') + ':policy'.length);
  return `${AWS_MANAGED_POLICY_SCHEME}:${path}.json`;
}

export type PolicyVia = { readonly type: 'direct' } | { readonly type: 'group'; readonly group: IamGroup };

/** A managed policy as a principal refers to it; `policy` when the loaded files define it. */
export interface ManagedPolicyReference {
  readonly arn: string;
  readonly name: string;
  readonly awsManaged: boolean;
  readonly policy?: ManagedPolicy;
}

export type IdentityPolicy =
  | { readonly attachment: 'inline'; readonly via: PolicyVia; readonly name: string; readonly document: PolicyDocument }
  | { readonly attachment: 'managed'; readonly via: PolicyVia; readonly reference: ManagedPolicyReference };

const DIRECT: PolicyVia = { type: 'direct' };

export interface PolicyUse {
  readonly principal: IamPrincipal;
  readonly as: 'attached' | 'boundary';
}

export class AccountIndex {
  private readonly accounts = new Map<string, Account>();
  private readonly principals = new Map<string, IamPrincipal>();
  private readonly principalsLowerCase = new Map<string, IamPrincipal>();
  /** Groups by account id, then name: a user's group names are looked up without building keys. */
  private readonly groupsByAccount = new Map<string, Map<string, IamGroup>>();
  private readonly membersByGroup = new Map<string, IamUser[]>();
  private readonly policies = new Map<string, ManagedPolicy>();
  /** What a group gives its members (identityPoliciesOf), built once per group. */
  private readonly groupPolicies = new Map<IamGroup, readonly IdentityPolicy[]>();
  private readonly bundled = new Map<string, Promise<PolicyDocument | undefined>>();
  private uses?: Map<string, PolicyUse[]>;

  constructor(
    readonly model: AccountModel,
    private readonly managedPolicies?: ManagedPolicyStore,
  ) {
    for (const account of model.accounts) {
      this.accounts.set(account.id, account);
      for (const principal of [...account.users, ...account.groups, ...account.roles]) {
        this.principals.set(principal.arn, principal);
        this.principalsLowerCase.set(principal.arn.toLowerCase(), principal);
      }
      const groups = this.groupsByAccount.get(account.id) ?? new Map<string, IamGroup>();
      for (const group of account.groups) groups.set(group.name, group);
      this.groupsByAccount.set(account.id, groups);
      for (const user of account.users) {
        for (const group of user.groups) {
          const key = `${account.id}/${group}`;
          const members = this.membersByGroup.get(key) ?? [];
          members.push(user);
          this.membersByGroup.set(key, members);
        }
      }
      for (const policy of [...account.managedPolicies, ...account.awsManagedPolicies]) this.policies.set(policy.arn, policy);
    }
  }

  account(id: string): Account | undefined {
    return this.accounts.get(id);
  }

  /** A user, group or role by ARN; IAM names are unique ignoring case, so a different case still finds it. */
  principal(arn: string): IamPrincipal | undefined {
    return this.principals.get(arn) ?? this.principalsLowerCase.get(arn.toLowerCase());
  }

  /** Principals of a type by name, in every account (or one). */
  principalsNamed(type: PrincipalType, name: string, accountId?: string): IamPrincipal[] {
    return this.model.accounts
      .filter((account) => !accountId || account.id === accountId)
      .flatMap((account): readonly IamPrincipal[] => (type === 'user' ? account.users : type === 'group' ? account.groups : account.roles))
      .filter((principal) => principal.name === name);
  }

  groupsOf(user: IamUser): IamGroup[] {
    const groups = this.groupsByAccount.get(user.accountId);
    const found: IamGroup[] = [];
    for (const name of user.groups) {
      const group = groups?.get(name);
      if (group) found.push(group);
    }
    return found;
  }

  membersOf(group: IamGroup): IamUser[] {
    return this.membersByGroup.get(`${group.accountId}/${group.name}`) ?? [];
  }

  managedPolicy(arn: string): ManagedPolicyReference {
    const policy = this.policies.get(arn);
    const name = policy?.name ?? arn.slice(arn.lastIndexOf('/') + 1);
    return { arn, name, awsManaged: policy?.awsManaged ?? isAwsManagedPolicyArn(arn), policy };
  }

  /** The identity-based policies of a principal: inline and attached, and for a user those of its groups. */
  identityPoliciesOf(principal: IamPrincipal): IdentityPolicy[] {
    const policies: IdentityPolicy[] = [];
    this.ownPolicies(principal, DIRECT, policies);
    if (principal.type !== 'user') return policies;
    for (const group of this.groupsOf(principal)) {
      let given = this.groupPolicies.get(group);
      if (!given) this.groupPolicies.set(group, (given = this.ownPolicies(group, { type: 'group', group }, [])));
      for (const policy of given) policies.push(policy);
    }
    return policies;
  }

  private ownPolicies(of: IamPrincipal, via: PolicyVia, into: IdentityPolicy[]): IdentityPolicy[] {
    for (const policy of of.inlinePolicies) into.push({ attachment: 'inline', via, name: policy.name, document: policy.document });
    for (const arn of of.attachedPolicyArns) into.push({ attachment: 'managed', via, reference: this.managedPolicy(arn) });
    return into;
  }

  permissionsBoundaryOf(principal: IamPrincipal): ManagedPolicyReference | undefined {
    return principal.type !== 'group' && principal.permissionsBoundaryArn ? this.managedPolicy(principal.permissionsBoundaryArn) : undefined;
  }

  /** Who uses a managed policy, attached or as boundary (the reverse map is built on first use). */
  principalsUsing(arn: string): readonly PolicyUse[] {
    if (!this.uses) {
      this.uses = new Map();
      const add = (policyArn: string, use: PolicyUse) => {
        const list = this.uses!.get(policyArn) ?? [];
        list.push(use);
        this.uses!.set(policyArn, list);
      };
      for (const principal of this.principals.values()) {
        for (const attached of principal.attachedPolicyArns) add(attached, { principal, as: 'attached' });
        if (principal.type !== 'group' && principal.permissionsBoundaryArn) add(principal.permissionsBoundaryArn, { principal, as: 'boundary' });
      }
    }
    return this.uses.get(arn) ?? [];
  }

  /** Resource policies that name this resource ARN. */
  resourcePoliciesFor(resourceArn: string): ResourcePolicy[] {
    return this.model.accounts.flatMap((account) => account.resourcePolicies.filter((policy) => policy.resourceArns.includes(resourceArn)));
  }

  /**
   * The document in force of a managed policy: the default version from the files, else, for an
   * AWS managed policy, the bundled one (read once, then kept). Undefined when neither has it.
   */
  async documentOf(reference: ManagedPolicyReference, usedAs: 'attached' | 'boundary' = 'attached'): Promise<PolicyDocument | undefined> {
    if (reference.policy) return reference.policy.inForce;
    if (!reference.awsManaged || !this.managedPolicies) return undefined;
    const key = `${usedAs}\n${reference.arn}`;
    let document = this.bundled.get(key);
    if (!document) {
      document = this.readBundled(reference.arn, usedAs);
      this.bundled.set(key, document);
    }
    return document;
  }

  private async readBundled(arn: string, usedAs: 'attached' | 'boundary'): Promise<PolicyDocument | undefined> {
    const policy = await this.managedPolicies!.resolve(arn);
    if (!policy) return undefined;
    const text = policy.documentText;
    const uri = awsManagedPolicyUri(policy.arn);
    const start = { line: 0, character: 0 };
    return new SourcedPolicyDocument(
      `${policy.name} ${policy.versionId}`,
      locationKind(usedAs === 'boundary' ? 'boundary' : 'identity'),
      text,
      { uri, range: { start, end: lastPosition(text) }, precision: 'bundled' },
      substringMapping(text, start, 'bundled'),
      policy.arn,
    );
  }
}

function lastPosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
