/**
 * Files -> accounts. Each loader reads one file; here the files that describe the same account
 * (same id) are merged, the same entity defined twice is reported, and references that lead
 * nowhere (a group that is not in the account, a managed policy neither in the files nor among
 * the bundled AWS managed policies) are reported once each. Cheap enough to run again whenever
 * one file changes: the server keeps each file's LoadedAccountFile and rebuilds the model.
 */
import type { ManagedPolicyStore } from '../catalog/managedPolicies';
import { hasPlaceholder } from './cloudformation/intrinsics';
import { runToEnd, type LoadSteps } from './loadSteps';
import type { Account, AccountIdSource, AccountModel, AccountProblem, IamPrincipal, LoadedAccountFile, ManagedPolicy, SourceLocation } from './model';
import { accountProblem } from './problems';

export interface AccountModelOptions {
  /** Bundled AWS managed policies: attached AWS managed ARNs that it does not know are reported. */
  readonly managedPolicies?: ManagedPolicyStore;
}

const ID_SOURCE_RANK: Readonly<Record<AccountIdSource, number>> = { arns: 0, settings: 1, placeholder: 2 };

// arn:<partition>:iam::aws:policy/... (reference_identifiers.md)
const AWS_MANAGED_ARN = /^arn:[a-z-]+:iam::aws:policy\//;

export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED_ARN.test(arn);
}

export function buildAccountModel(files: readonly LoadedAccountFile[], options: AccountModelOptions = {}): AccountModel {
  return runToEnd(accountModelSteps(files, options));
}

/** The same merge, pausing after each entity (loadSteps.ts): a large account has tens of thousands. */
export function* accountModelSteps(files: readonly LoadedAccountFile[], options: AccountModelOptions = {}): LoadSteps<AccountModel> {
  const problems: AccountProblem[] = files.flatMap((file) => file.problems);
  const merged = new Map<string, MergedAccount>();
  for (const file of files) {
    for (const account of file.accounts) {
      let target = merged.get(account.id);
      if (!target) {
        target = new MergedAccount(account.id, account.partition, problems);
        merged.set(account.id, target);
      }
      yield* target.add(account);
    }
  }
  const accounts = [...merged.values()].map((account) => account.result());
  const policiesByArn = new Map<string, ManagedPolicy>();
  for (const account of accounts) for (const policy of [...account.managedPolicies, ...account.awsManagedPolicies]) policiesByArn.set(policy.arn, policy);
  for (const account of accounts) yield* reportDanglingReferences(account, policiesByArn, options.managedPolicies, problems);
  return { accounts, problems };
}

class MergedAccount {
  private idSource: AccountIdSource = 'placeholder';
  private readonly sources: string[] = [];
  private readonly seen = new Map<string, SourceLocation>();
  private readonly users: Account['users'][number][] = [];
  private readonly groups: Account['groups'][number][] = [];
  private readonly roles: Account['roles'][number][] = [];
  private readonly managedPolicies: ManagedPolicy[] = [];
  private readonly awsManagedPolicies: ManagedPolicy[] = [];
  private readonly awsManagedArns = new Set<string>();
  private readonly resourcePolicies: Account['resourcePolicies'][number][] = [];

  constructor(
    private readonly id: string,
    private readonly partition: string,
    private readonly problems: AccountProblem[],
  ) {}

  *add(account: Account): LoadSteps<void> {
    if (ID_SOURCE_RANK[account.idSource] < ID_SOURCE_RANK[this.idSource] || this.sources.length === 0) this.idSource = account.idSource;
    for (const source of account.sources) if (!this.sources.includes(source)) this.sources.push(source);
    yield* this.addNew(this.users, account.users);
    yield* this.addNew(this.groups, account.groups);
    yield* this.addNew(this.roles, account.roles);
    yield* this.addNew(this.managedPolicies, account.managedPolicies);
    // The same AWS managed policy in two exports is the same document: keep one, silently.
    for (const policy of account.awsManagedPolicies) {
      if (!this.awsManagedArns.has(policy.arn)) {
        this.awsManagedArns.add(policy.arn);
        this.awsManagedPolicies.push(policy);
      }
      yield;
    }
    this.resourcePolicies.push(...account.resourcePolicies);
  }

  /** The entities not defined before (each one defined again is reported). */
  private *addNew<T extends { readonly arn: string; readonly origin: SourceLocation }>(into: T[], entities: readonly T[]): LoadSteps<void> {
    for (const entity of entities) {
      if (this.isNew(entity.arn, entity.origin)) into.push(entity);
      yield;
    }
  }

  private isNew(arn: string, origin: SourceLocation): boolean {
    const earlier = this.seen.get(arn);
    if (!earlier) {
      this.seen.set(arn, origin);
      return true;
    }
    const where = earlier.uri === origin.uri ? `line ${earlier.range.start.line + 1}` : `${earlier.uri} line ${earlier.range.start.line + 1}`;
    this.problems.push(accountProblem(origin.uri, origin.range, 'account-duplicate-entity', `${arn} is already defined (${where}); this definition is ignored.`));
    return false;
  }

  result(): Account {
    return {
      id: this.id,
      idSource: this.idSource,
      partition: this.partition,
      sources: this.sources,
      users: this.users,
      groups: this.groups,
      roles: this.roles,
      managedPolicies: this.managedPolicies,
      awsManagedPolicies: this.awsManagedPolicies,
      resourcePolicies: this.resourcePolicies,
    };
  }
}

/** Each missing group or policy once per account, at its first reference, with how many refer to it. */
function* reportDanglingReferences(account: Account, policies: ReadonlyMap<string, ManagedPolicy>, store: ManagedPolicyStore | undefined, problems: AccountProblem[]): LoadSteps<void> {
  const missing = new Map<string, { at: SourceLocation; count: number; message: string }>();
  const note = (key: string, at: SourceLocation, message: string) => {
    const known = missing.get(key);
    if (known) known.count++;
    else missing.set(key, { at, count: 1, message });
  };
  const groupNames = new Set(account.groups.map((group) => group.name));
  const checkPolicy = (principal: IamPrincipal, arn: string, role: 'attached' | 'boundary') => {
    if (hasPlaceholder(arn) || policies.has(arn)) return;
    const what = role === 'boundary' ? 'permissions boundary' : 'attached managed policy';
    if (isAwsManagedPolicyArn(arn)) {
      if (store && !store.find(arn)) note(arn, principal.origin, `The ${what} ${arn} is not an AWS managed policy known to this version of the extension (check the name and path).`);
      return;
    }
    note(arn, principal.origin, `The ${what} ${arn} is not in the loaded files (export it with the other policies, or add the template that defines it).`);
  };
  for (const principal of [...account.users, ...account.groups, ...account.roles]) {
    for (const arn of principal.attachedPolicyArns) checkPolicy(principal, arn, 'attached');
    if (principal.type !== 'group' && principal.permissionsBoundaryArn) checkPolicy(principal, principal.permissionsBoundaryArn, 'boundary');
    if (principal.type === 'user') {
      for (const group of principal.groups) {
        if (!groupNames.has(group) && !hasPlaceholder(group)) note(`group:${group}`, principal.origin, `The group "${group}" is not in account ${account.id}'s files.`);
      }
    }
    yield;
  }
  for (const { at, count, message } of missing.values()) {
    problems.push(accountProblem(at.uri, at.range, 'account-unknown-reference', count > 1 ? `${message} (${count} references; this is the first.)` : message));
  }
}
