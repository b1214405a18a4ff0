/**
 * Loader for what `aws iam get-account-authorization-details` prints (the
 * GetAccountAuthorizationDetails response: UserDetailList, GroupDetailList, RoleDetailList,
 * Policies). Pure: text and uri in, accounts and problems out. Tolerant: a malformed or
 * truncated file yields every entity that can be read, and a problem with its position for
 * the rest; nothing throws.
 *
 * Policy documents come as JSON objects (what the AWS CLI prints) or as URL-encoded JSON
 * strings (the raw API form, RFC 3986); both are accepted. Managed policies keep all their
 * versions; only the default one is in force (access_policies_managed-versioning.md).
 */
import type { Range } from 'vscode-languageserver-types';
import { scanExportStrictSteps } from './exportFastScan';
import { DOCUMENT_KEYS, keyRange, scanExportTolerant, spanRange, spanStart, type ExportObject, type ExportProperty, type ExportTree, type ExportValue } from './exportTree';
import { runToEnd, type LoadSteps } from './loadSteps';
import type {
  Account,
  AccountProblem,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  InstanceProfile,
  LoadedAccountFile,
  ManagedPolicy,
  PolicyDocument,
  PolicyVersion,
  SourceLocation,
  Tag,
} from './model';
import { locationKind, SourcedPolicyDocument } from './policyDocument';
import { accountProblem, MAX_SYNTAX_PROBLEMS_PER_FILE, type AccountProblemCode } from './problems';
import { encodedStringMapping, substringMapping } from './sourceMapping';

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
const PAGINATION_KEYS = new Set(['IsTruncated', 'Marker']);
const LIST_OF_TYPE = { user: 'UserDetailList', group: 'GroupDetailList', role: 'RoleDetailList', policy: 'Policies' } as const;

/** Keys of each entry type in the API reference; anything else is reported once per file. */
const KNOWN_KEY_LISTS = {
  user: ['Path', 'UserName', 'UserId', 'Arn', 'CreateDate', 'UserPolicyList', 'GroupList', 'AttachedManagedPolicies', 'PermissionsBoundary', 'Tags'],
  group: ['Path', 'GroupName', 'GroupId', 'Arn', 'CreateDate', 'GroupPolicyList', 'AttachedManagedPolicies'],
  role: [
    'Path',
    'RoleName',
    'RoleId',
    'Arn',
    'CreateDate',
    'AssumeRolePolicyDocument',
    'InstanceProfileList',
    'RolePolicyList',
    'AttachedManagedPolicies',
    'PermissionsBoundary',
    'Tags',
    'RoleLastUsed',
    'Description',
    'MaxSessionDuration',
  ],
  policy: [
    'PolicyName',
    'PolicyId',
    'Arn',
    'Path',
    'DefaultVersionId',
    'AttachmentCount',
    'PermissionsBoundaryUsageCount',
    'IsAttachable',
    'Description',
    'CreateDate',
    'UpdateDate',
    'PolicyVersionList',
  ],
} as const;

type EntryType = keyof typeof KNOWN_KEY_LISTS;
const KNOWN_KEYS: Record<EntryType, ReadonlySet<string>> = {
  user: new Set(KNOWN_KEY_LISTS.user),
  group: new Set(KNOWN_KEY_LISTS.group),
  role: new Set(KNOWN_KEY_LISTS.role),
  policy: new Set(KNOWN_KEY_LISTS.policy),
};

// arn:<partition>:iam::<account>:<resource> (reference_identifiers.md).
const IAM_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}|aws):(.+)$/;

interface AccountDraft {
  id: string;
  partition: string;
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  managedPolicies: ManagedPolicy[];
  awsManagedPolicies: ManagedPolicy[];
}

/**
 * Recognises an export by its keys, without parsing: a JSON object whose first 64 KB name one of
 * the detail lists, or Policies with a PolicyVersionList (a template's `Policies` has none).
 */
export function looksLikeAuthorizationDetails(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  const head = text.slice(0, 65536);
  return /"(UserDetailList|GroupDetailList|RoleDetailList)"\s*:/.test(head) || (/"Policies"\s*:/.test(head) && /"PolicyVersionList"\s*:/.test(head));
}

/**
 * The usual path streams: a valid export's entries are read while the fast scanner goes (see
 * exportFastScan.ts). If the file turns out not to be strict JSON, what was read is dropped and
 * the tolerant scan's tree is read instead, so a broken file gives the same result either way.
 */
export function loadAuthorizationDetails(text: string, uri: string): LoadedAccountFile {
  return runToEnd(authorizationDetailsSteps(text, uri));
}

/**
 * The same load, pausing after each entry (loadSteps.ts). Only the tolerant scan of a file that
 * is not strict JSON runs in one piece (jsonc-parser's visitor cannot pause); that costs a
 * broken file, never a valid export.
 */
export function* authorizationDetailsSteps(text: string, uri: string): LoadSteps<LoadedAccountFile> {
  const streaming = new ExportLoader(text, uri);
  const tree = yield* scanExportStrictSteps(text, DOCUMENT_KEYS, streaming);
  if (tree) return yield* streaming.finish(tree, true);
  return yield* new ExportLoader(text, uri).finish(scanExportTolerant(text), false);
}

type ListName = (typeof LISTS)[number];

class ExportLoader {
  readonly lists: ReadonlySet<string> = new Set(LISTS);
  private readonly problems: AccountProblem[] = [];
  private readonly accounts = new Map<string, AccountDraft>();
  private readonly reportedUnknownKeys = new Set<string>();
  /** How many entity ARNs name each account; the most named is the file's account. */
  private readonly accountCounts = new Map<string, { id: string; partition: string; count: number }>();
  /** Entries without a usable ARN, read once the file's account is known. */
  private readonly deferred: Array<{ list: ListName; entry: ExportObject }> = [];
  private mainAccount?: { id: string; partition: string };
  private readonly awsManaged: ManagedPolicy[] = [];
  private readonly boundaryArns = new Set<string>();
  private readonly attachedArns = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly uri: string,
  ) {}

  /** One entry of a top-level list (ExportItemSink). */
  item(list: string, item: ExportValue, index: number): void {
    if (item.type !== 'object') {
      this.report(spanRange(item), 'account-invalid-entry', `${list}[${index}] is not an object; it is ignored.`);
      return;
    }
    this.readEntry(list as ListName, item);
  }

  private readEntry(list: ListName, entry: ExportObject): void {
    switch (list) {
      case 'UserDetailList':
        return this.readUser(entry);
      case 'GroupDetailList':
        return this.readGroup(entry);
      case 'RoleDetailList':
        return this.readRole(entry);
      case 'Policies':
        return this.readManagedPolicy(entry);
    }
  }

  /** The file's accounts once every entry is read: the streamed ones already, a tolerant tree's here (pausing after each). */
  *finish(tree: ExportTree, streamed: boolean): LoadSteps<LoadedAccountFile> {
    tree.errors.slice(0, MAX_SYNTAX_PROBLEMS_PER_FILE).forEach((error) =>
      this.report(
        { start: error.start, end: { line: error.start.line, character: error.start.character + error.length } },
        'account-syntax',
        `${error.message} The entries around it are loaded as far as they can be read.`,
      ),
    );
    if (tree.errors.length > MAX_SYNTAX_PROBLEMS_PER_FILE) {
      const last = tree.errors[tree.errors.length - 1];
      this.report(
        { start: last.start, end: last.start },
        'account-syntax',
        `${tree.errors.length - MAX_SYNTAX_PROBLEMS_PER_FILE} more JSON syntax errors in this file are not listed.`,
      );
    }
    if (tree.truncatedAt) {
      this.report(
        { start: tree.truncatedAt, end: tree.truncatedAt },
        'account-truncated',
        'The file ends in the middle of the export (it looks truncated). Every entry read completely is loaded; the last, cut-off entry is loaded as far as it goes.',
      );
    }
    const root = tree.root;
    if (root?.type !== 'object' || !root.properties.some((property) => this.lists.has(property.key))) {
      const at = root ? { start: spanStart(root), end: spanStart(root) } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      this.report(
        at,
        'account-unknown-shape',
        'This is not a get-account-authorization-details export: expected a JSON object with UserDetailList, GroupDetailList, RoleDetailList or Policies.',
      );
      return this.result();
    }
    for (const item of root.properties) {
      if (this.lists.has(item.key)) {
        if (item.value && item.value.type !== 'array') this.report(spanRange(item.value), 'account-invalid-entry', `${item.key} must be an array; it is ignored.`);
        else if (!streamed && item.value) {
          for (const [index, entry] of item.value.items.entries()) {
            this.item(item.key, entry, index);
            yield;
          }
        }
      } else if (!PAGINATION_KEYS.has(item.key)) {
        this.report(keyRange(item), 'account-unknown-key', `"${item.key}" is not part of a get-account-authorization-details export; it is ignored.`);
      }
    }
    const isTruncated = property(root, 'IsTruncated');
    if (isTruncated?.value?.type === 'boolean' && isTruncated.value.value === true) {
      this.report(
        keyRange(isTruncated),
        'account-paginated',
        'IsTruncated is true: this is one page of the export and the entities on later pages are missing. Run the command without --max-items (the AWS CLI fetches every page), or merge the pages.',
      );
    }
    // An export is one account's: entries without a usable ARN and AWS managed policies go to
    // the account most ARNs name.
    let best: { id: string; partition: string; count: number } | undefined;
    for (const entry of this.accountCounts.values()) if (!best || entry.count > best.count) best = entry;
    this.mainAccount = best ?? { id: 'aws', partition: 'aws' };
    for (const { list, entry } of this.deferred) {
      this.readEntry(list, entry);
      yield;
    }
    if (this.awsManaged.length) this.draft(this.mainAccount.id, this.mainAccount.partition).awsManagedPolicies.push(...this.awsManaged);
    return this.result();
  }

  private result(): LoadedAccountFile {
    const accounts: Account[] = [...this.accounts.values()].map((draft) => ({
      id: draft.id,
      idSource: 'arns',
      partition: draft.partition,
      sources: [this.uri],
      users: draft.users,
      groups: draft.groups,
      roles: draft.roles,
      managedPolicies: draft.managedPolicies,
      awsManagedPolicies: draft.awsManagedPolicies,
      resourcePolicies: [],
    }));
    return { uri: this.uri, format: 'authorization-details', accounts, problems: this.problems };
  }

  private draft(id: string, partition: string): AccountDraft {
    let draft = this.accounts.get(id);
    if (!draft) {
      draft = { id, partition, users: [], groups: [], roles: [], managedPolicies: [], awsManagedPolicies: [] };
      this.accounts.set(id, draft);
    }
    return draft;
  }

  /**
   * Name, path, ARN and account of an entry. The ARN gives the account; a missing ARN is built
   * from the file's account, path and name; a missing name is taken from the ARN.
   */
  private identity(
    entry: ExportObject,
    type: EntryType,
    nameKey: string,
    arnResource: string,
  ): { name: string; path: string; arn: string; accountId: string; partition: string; id?: string; origin: SourceLocation } | undefined {
    const arnValue = property(entry, 'Arn')?.value;
    const parts = arnValue?.type === 'string' ? IAM_ARN.exec(String(arnValue.value)) : null;
    if (!parts && !this.mainAccount) {
      // Read once the file's account is known (at the end), before anything is reported for it.
      this.deferred.push({ list: LIST_OF_TYPE[type], entry });
      return undefined;
    }
    this.reportUnknownKeys(entry, type);
    const nameValue = property(entry, nameKey)?.value;
    const origin = { uri: this.uri, range: nameValue ? spanRange(nameValue) : { start: spanStart(entry), end: spanStart(entry) } };
    let name = this.string(entry, nameKey, type);
    const path = this.string(entry, 'Path', type) ?? '/';
    let arn = this.string(entry, 'Arn', type);
    if (arn && !parts) this.report(spanRange(property(entry, 'Arn')!.value!), 'account-invalid-entry', `"${arn}" is not an IAM ARN.`);
    if (!name && parts) name = parts[3].slice(parts[3].lastIndexOf('/') + 1);
    if (!name) {
      this.report(origin.range, 'account-invalid-entry', `This ${type} entry has neither ${nameKey} nor a usable Arn; it is skipped.`);
      return undefined;
    }
    let accountId = parts?.[2];
    let partition = parts?.[1] ?? 'aws';
    if (parts && accountId !== 'aws') {
      const count = this.accountCounts.get(accountId!) ?? { id: accountId!, partition, count: 0 };
      count.count++;
      this.accountCounts.set(accountId!, count);
    }
    if (!parts || !arn) {
      if (!this.mainAccount || this.mainAccount.id === 'aws') {
        this.report(origin.range, 'account-invalid-entry', `The ${type} "${name}" has no usable Arn and no other ARN in the file names the account; it is skipped.`);
        return undefined;
      }
      accountId = this.mainAccount.id;
      partition = this.mainAccount.partition;
      arn = `arn:${partition}:iam::${accountId}:${arnResource}${path}${name}`;
      this.report(origin.range, 'account-invalid-entry', `The ${type} "${name}" has no usable Arn; it is loaded as ${arn}.`);
    }
    return { name, path, arn, accountId: accountId!, partition, id: this.string(entry, `${capitalised(type)}Id`, type), origin };
  }

  private readGroup(entry: ExportObject): void {
    const identity = this.identity(entry, 'group', 'GroupName', 'group');
    if (!identity) return;
    const group: IamGroup = {
      type: 'group',
      accountId: identity.accountId,
      name: identity.name,
      arn: identity.arn,
      path: identity.path,
      id: identity.id,
      inlinePolicies: this.inlinePolicies(entry, 'GroupPolicyList'),
      attachedPolicyArns: this.attachedPolicies(entry),
      origin: identity.origin,
    };
    this.draft(identity.accountId, identity.partition).groups.push(group);
  }

  private readUser(entry: ExportObject): void {
    const identity = this.identity(entry, 'user', 'UserName', 'user');
    if (!identity) return;
    const user: IamUser = {
      type: 'user',
      accountId: identity.accountId,
      name: identity.name,
      arn: identity.arn,
      path: identity.path,
      id: identity.id,
      groups: this.strings(entry, 'GroupList'),
      inlinePolicies: this.inlinePolicies(entry, 'UserPolicyList'),
      attachedPolicyArns: this.attachedPolicies(entry),
      permissionsBoundaryArn: this.boundary(entry),
      tags: this.tags(entry),
      origin: identity.origin,
    };
    this.draft(identity.accountId, identity.partition).users.push(user);
  }

  private readRole(entry: ExportObject): void {
    const identity = this.identity(entry, 'role', 'RoleName', 'role');
    if (!identity) return;
    const trust = property(entry, 'AssumeRolePolicyDocument');
    const trustPolicy = trust?.value ? this.document(trust.value, `${identity.name} trust policy`, locationKind('trust')) : undefined;
    if (!trust) this.report(identity.origin.range, 'account-invalid-entry', `The role "${identity.name}" has no AssumeRolePolicyDocument (every role has a trust policy).`);
    const role: IamRole = {
      type: 'role',
      accountId: identity.accountId,
      name: identity.name,
      arn: identity.arn,
      path: identity.path,
      id: identity.id,
      trustPolicy,
      inlinePolicies: this.inlinePolicies(entry, 'RolePolicyList'),
      attachedPolicyArns: this.attachedPolicies(entry),
      permissionsBoundaryArn: this.boundary(entry),
      tags: this.tags(entry),
      instanceProfiles: this.objects(entry, 'InstanceProfileList').flatMap((profile): InstanceProfile[] => {
        const name = this.string(profile, 'InstanceProfileName', 'instance profile');
        const arn = this.string(profile, 'Arn', 'instance profile');
        if (!name || !arn) {
          this.report(spanRange(profile), 'account-invalid-entry', 'An instance profile needs InstanceProfileName and Arn; this one is skipped.');
          return [];
        }
        return [{ name, arn, path: this.string(profile, 'Path', 'instance profile') ?? '/', id: this.string(profile, 'InstanceProfileId', 'instance profile') }];
      }),
      origin: identity.origin,
    };
    this.draft(identity.accountId, identity.partition).roles.push(role);
  }

  private readManagedPolicy(entry: ExportObject): void {
    const identity = this.identity(entry, 'policy', 'PolicyName', 'policy');
    if (!identity) return;
    const { name, arn } = identity;
    const awsManaged = identity.accountId === 'aws';
    const defaultVersionId = this.string(entry, 'DefaultVersionId', 'policy');
    const kind = this.managedPolicyKind(entry, arn);
    const versions: PolicyVersion[] = [];
    for (const version of this.objects(entry, 'PolicyVersionList')) {
      const versionId = this.string(version, 'VersionId', 'policy version') ?? `version ${versions.length + 1}`;
      const flag = property(version, 'IsDefaultVersion')?.value;
      const isDefault = defaultVersionId !== undefined ? versionId === defaultVersionId : flag?.type === 'boolean' && flag.value === true;
      if (defaultVersionId !== undefined && flag?.type === 'boolean' && flag.value !== isDefault) {
        this.report(spanRange(flag), 'account-invalid-entry', `${name} ${versionId}: IsDefaultVersion is ${String(flag.value)} but DefaultVersionId is ${defaultVersionId}; DefaultVersionId is used.`);
      }
      const documentValue = property(version, 'Document')?.value;
      if (!documentValue) {
        this.report(spanRange(version), 'account-invalid-entry', `${name} ${versionId} has no Document; the version is skipped.`);
        continue;
      }
      const document = this.document(documentValue, `${name} ${versionId}`, kind, arn);
      if (document) versions.push({ versionId, isDefault, createDate: this.string(version, 'CreateDate', 'policy version'), document });
    }
    const inForce = versions.find((version) => version.isDefault)?.document;
    if (!inForce && versions.length > 0) {
      this.report(identity.origin.range, 'account-invalid-entry', `No version of ${name} is marked as the default, so none is in force.`);
    }
    const policy: ManagedPolicy = {
      type: 'managed-policy',
      accountId: identity.accountId,
      name,
      arn,
      path: identity.path,
      id: identity.id,
      awsManaged,
      description: this.string(entry, 'Description', 'policy'),
      defaultVersionId,
      versions,
      inForce,
      origin: identity.origin,
    };
    if (!awsManaged) {
      this.draft(identity.accountId, identity.partition).managedPolicies.push(policy);
      return;
    }
    // AWS managed policies belong to no account; they go with the account the export describes.
    this.awsManaged.push(policy);
  }

  /** Boundary when the policy is used only as a permissions boundary (access_policies_boundaries.md), else identity. */
  private managedPolicyKind(entry: ExportObject, arn: string) {
    const count = (key: string) => {
      const value = property(entry, key)?.value;
      return value?.type === 'number' ? Number(value.value) : 0;
    };
    const usedAsBoundary = this.boundaryArns.has(arn) || count('PermissionsBoundaryUsageCount') > 0;
    const attached = this.attachedArns.has(arn) || count('AttachmentCount') > 0;
    return locationKind(usedAsBoundary && !attached ? 'boundary' : 'identity');
  }

  private inlinePolicies(entry: ExportObject, key: string): InlinePolicy[] {
    return this.objects(entry, key).flatMap((item): InlinePolicy[] => {
      const name = this.string(item, 'PolicyName', 'inline policy') ?? `inline policy ${key}`;
      const value = property(item, 'PolicyDocument')?.value;
      if (!value) {
        this.report(spanRange(item), 'account-invalid-entry', `The inline policy "${name}" has no PolicyDocument; it is skipped.`);
        return [];
      }
      const document = this.document(value, name, locationKind('identity'));
      return document ? [{ name, document }] : [];
    });
  }

  private attachedPolicies(entry: ExportObject): string[] {
    return this.objects(entry, 'AttachedManagedPolicies').flatMap((item) => {
      const arn = this.string(item, 'PolicyArn', 'attached policy');
      if (!arn) {
        this.report(spanRange(item), 'account-invalid-entry', 'An attached managed policy without PolicyArn is skipped.');
        return [];
      }
      this.attachedArns.add(arn);
      return [arn];
    });
  }

  private boundary(entry: ExportObject): string | undefined {
    const value = property(entry, 'PermissionsBoundary')?.value;
    if (!value) return undefined;
    if (value.type !== 'object') {
      this.report(spanRange(value), 'account-invalid-entry', 'PermissionsBoundary must be an object with PermissionsBoundaryArn; it is ignored.');
      return undefined;
    }
    const arn = this.string(value, 'PermissionsBoundaryArn', 'permissions boundary');
    if (arn) this.boundaryArns.add(arn);
    else this.report(spanRange(value), 'account-invalid-entry', 'PermissionsBoundary has no PermissionsBoundaryArn; it is ignored.');
    return arn;
  }

  private tags(entry: ExportObject): Tag[] {
    return this.objects(entry, 'Tags').flatMap((item) => {
      const key = this.string(item, 'Key', 'tag');
      const value = this.string(item, 'Value', 'tag') ?? '';
      if (key === undefined) {
        this.report(spanRange(item), 'account-invalid-entry', 'A tag without Key is skipped.');
        return [];
      }
      return [{ key, value }];
    });
  }

  /**
   * A policy document: an object is parsed later from its exact text; a string is the raw API
   * form, URL-encoded JSON, or JSON text in a string. Ranges in a decoded string map to the
   * characters that encode them inside the string token.
   */
  private document(value: ExportValue, name: string, kind: ReturnType<typeof locationKind>, arn?: string): PolicyDocument | undefined {
    const range = spanRange(value);
    if (value.type === 'document') {
      const text = this.text.slice(value.offset, value.end);
      return new SourcedPolicyDocument(name, kind, text, { uri: this.uri, range, precision: 'exact' }, substringMapping(text, spanStart(value)), arn);
    }
    if (value.type === 'string') {
      const raw = String(value.value);
      const token = this.text.slice(value.offset, value.end);
      let text = raw;
      let urlEncoded = false;
      if (!/^\s*\{/.test(raw)) {
        try {
          text = decodeURIComponent(raw);
          urlEncoded = true;
        } catch {
          this.report(range, 'account-undecodable-document', `The policy document of "${name}" is a string but not valid URL-encoded JSON (a '%' is not followed by two hex digits of UTF-8); it is read as it is.`);
        }
      }
      return new SourcedPolicyDocument(name, kind, text, { uri: this.uri, range, precision: 'encoded' }, encodedStringMapping(text, spanStart(value), token, urlEncoded), arn);
    }
    this.report(range, 'account-invalid-entry', `The policy document of "${name}" must be a JSON object or a URL-encoded JSON string; it is skipped.`);
    return undefined;
  }

  private objects(entry: ExportObject, key: string): ExportObject[] {
    const value = property(entry, key)?.value;
    if (!value || value.type === 'null') return [];
    if (value.type !== 'array') {
      this.report(spanRange(value), 'account-invalid-entry', `${key} must be an array; it is ignored.`);
      return [];
    }
    return value.items.filter((item): item is ExportObject => {
      if (item.type === 'object') return true;
      this.report(spanRange(item), 'account-invalid-entry', `Each entry of ${key} must be an object; this one is ignored.`);
      return false;
    });
  }

  private strings(entry: ExportObject, key: string): string[] {
    const value = property(entry, key)?.value;
    if (!value || value.type === 'null') return [];
    if (value.type !== 'array') {
      this.report(spanRange(value), 'account-invalid-entry', `${key} must be an array of strings; it is ignored.`);
      return [];
    }
    return value.items.flatMap((item) => {
      if (item.type === 'string') return [String(item.value)];
      this.report(spanRange(item), 'account-invalid-entry', `Each entry of ${key} must be a string; this one is ignored.`);
      return [];
    });
  }

  private string(entry: ExportObject, key: string, type: string): string | undefined {
    const value = property(entry, key)?.value;
    if (!value || value.type === 'null') return undefined;
    if (value.type === 'string') return String(value.value);
    this.report(spanRange(value), 'account-invalid-entry', `${key} of a ${type} must be a string; it is ignored.`);
    return undefined;
  }

  private reportUnknownKeys(entry: ExportObject, type: EntryType): void {
    const known = KNOWN_KEYS[type];
    for (const item of entry.properties) {
      if (known.has(item.key) || this.reportedUnknownKeys.has(`${type}/${item.key}`)) continue;
      this.reportedUnknownKeys.add(`${type}/${item.key}`);
      this.report(keyRange(item), 'account-unknown-key', `"${item.key}" is not a key of a ${type} entry in get-account-authorization-details; it is ignored (reported once per file).`);
    }
  }

  private report(range: Range, code: AccountProblemCode, message: string): void {
    this.problems.push(accountProblem(this.uri, range, code, message));
  }
}

function property(object: ExportObject, key: string): ExportProperty | undefined {
  for (const item of object.properties) if (item.key === key) return item;
  return undefined;
}

function capitalised(type: EntryType): string {
  return type[0].toUpperCase() + type.slice(1);
}
