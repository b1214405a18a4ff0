/**
 * For whole-account queries ("who can"): which documents of an account model may apply to a
 * request, and which users and roles use them. Built once per account model: every identity
 * policy and boundary document of every user and role is read once for the actions and
 * services its Action values name (actionRelevance.ts) and filed under them, with the
 * principals that use it. A query then reads again only the documents filed under its action
 * or service (or under any service), and evaluates only the principals that use one that may
 * apply: a principal none of whose documents can allow or deny is implicitly denied whatever
 * it asks (reference_policies_evaluation-logic.md), so nothing is built for it.
 *
 * The index keeps no parse of any document: it is built from every document of the model, and
 * whatever it kept would stay in memory as long as the model.
 */
import type { AccountIndex } from '../account';
import type { IamGroup, IamRole, IamUser } from '../account/model';
import { actionScope, mayApplyTo, type RelevanceRequest } from './actionRelevance';
import { documentOf, readBundled, type BundledDocuments, type ManagedPolicyUse } from './principalPolicies';
import type { LocatableDocument } from './policySources';

interface ManagedUse extends ManagedPolicyUse {
  /** Positions of the principals that use the policy this way (directly or through a group). */
  readonly users: number[];
}

/** What may apply to one request: computed once per query. */
export class ConcernedPrincipals {
  private readonly others = new Map<LocatableDocument, boolean>();

  constructor(
    private readonly request: RelevanceRequest,
    /** The model's documents that may apply. */
    private readonly documents: ReadonlySet<LocatableDocument>,
    private readonly inModel: (document: LocatableDocument) => boolean,
    /** The users and roles that use one of them (as an identity policy or a boundary), in model order. */
    readonly entities: readonly (IamUser | IamRole)[],
  ) {}

  /** Whether a document may apply: one of the model's, or another (a workspace document), read once per query. */
  mayApply(document: LocatableDocument): boolean {
    if (this.documents.has(document)) return true;
    if (this.inModel(document)) return false;
    let applies = this.others.get(document);
    if (applies === undefined) this.others.set(document, (applies = mayApplyTo(document.text, this.request)));
    return applies;
  }
}

export class PrincipalDocumentIndex {
  private readonly ids = new Map<LocatableDocument, number>();
  private readonly documents: LocatableDocument[] = [];
  /** Per document: the positions in `entities` of the principals that use it (unordered, maybe repeated). */
  private readonly users: number[][] = [];
  /** Documents by the lower-case actions they name without wildcards. */
  private readonly byAction = new Map<string, number[]>();
  /** Documents by the lower-case services of their patterns with wildcards. */
  private readonly byService = new Map<string, number[]>();
  private readonly anyService: number[] = [];
  #bundled: BundledDocuments = new Map();

  private constructor(readonly entities: readonly (IamUser | IamRole)[]) {}

  /** The bundled AWS managed policies the principals use (principalPolicies.ts). */
  get bundled(): BundledDocuments {
    return this.#bundled;
  }

  /**
   * One walk over the principals: inline documents are filed at once; each managed policy ARN
   * and each group is looked up once, with the principals that use it. The bundled AWS managed
   * policies among them are read while the others are filed.
   */
  static async build(index: AccountIndex, entities: readonly (IamUser | IamRole)[]): Promise<PrincipalDocumentIndex> {
    const built = new PrincipalDocumentIndex(entities);
    const attached = new Map<string, ManagedUse>();
    const boundaries = new Map<string, ManagedUse>();
    const members = new Map<IamGroup, number[]>();
    const usersOf = (uses: Map<string, ManagedUse>, arn: string, usedAs: ManagedUse['usedAs']) => {
      let use = uses.get(arn);
      if (!use) uses.set(arn, (use = { reference: index.managedPolicy(arn), usedAs, users: [] }));
      return use.users;
    };
    for (let position = 0; position < entities.length; position++) {
      const entity = entities[position];
      for (const policy of entity.inlinePolicies) built.use(policy.document, position);
      for (const arn of entity.attachedPolicyArns) usersOf(attached, arn, 'attached').push(position);
      if (entity.permissionsBoundaryArn) usersOf(boundaries, entity.permissionsBoundaryArn, 'boundary').push(position);
      if (entity.type !== 'user') continue;
      for (const group of index.groupsOf(entity)) {
        const users = members.get(group);
        if (users) users.push(position);
        else members.set(group, [position]);
      }
    }
    for (const [group, users] of members) {
      for (const policy of group.inlinePolicies) built.use(policy.document, users);
      for (const arn of group.attachedPolicyArns) usersOf(attached, arn, 'attached').push(...users);
    }
    const managed = [...attached.values(), ...boundaries.values()];
    const bundled = readBundled(index, managed);
    const fileManaged = (fromFiles: boolean) => {
      for (const { reference, usedAs, users } of managed) {
        if (!!reference.policy !== fromFiles) continue;
        const document = documentOf(reference, usedAs, built.bundled);
        if (document) built.use(document, users);
      }
    };
    fileManaged(true);
    built.#bundled = await bundled;
    fileManaged(false);
    return built;
  }

  /** The documents that may apply to a request, and the principals that use them. */
  concerning(request: RelevanceRequest): ConcernedPrincipals {
    const documents = new Set<LocatableDocument>();
    const marked = new Uint8Array(this.entities.length);
    const test = (ids: readonly number[] | undefined) => {
      for (const id of ids ?? []) {
        const document = this.documents[id];
        // A document in two lists (it names the action, and other actions of its service with a wildcard) is read once if it applies.
        if (documents.has(document) || !mayApplyTo(document.text, request)) continue;
        documents.add(document);
        for (const position of this.users[id]) marked[position] = 1;
      }
    };
    test(this.byAction.get(request.lowerAction));
    test(this.byService.get(request.lowerService));
    test(this.anyService);
    const entities: (IamUser | IamRole)[] = [];
    for (let position = 0; position < marked.length; position++) if (marked[position]) entities.push(this.entities[position]);
    return new ConcernedPrincipals(request, documents, (document) => this.ids.has(document), entities);
  }

  private use(document: LocatableDocument, users: number | readonly number[]): void {
    let id = this.ids.get(document);
    if (id === undefined) id = this.add(document);
    if (typeof users === 'number') this.users[id].push(users);
    else this.users[id].push(...users);
  }

  private add(document: LocatableDocument): number {
    const id = this.documents.length;
    this.ids.set(document, id);
    this.documents.push(document);
    this.users.push([]);
    const { actions, services, anyService } = actionScope(document.text);
    // A document filed under any service needs no other entry: it is read for every request.
    if (anyService) this.anyService.push(id);
    else {
      for (const action of actions) file(this.byAction, action, id);
      for (const service of services) file(this.byService, service, id);
    }
    return id;
  }
}

function file(lists: Map<string, number[]>, key: string, id: number): void {
  const ids = lists.get(key);
  if (ids) ids.push(id);
  else lists.set(key, [id]);
}
