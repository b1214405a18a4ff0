/**
 * The account model of the workspace, kept up to date as files come and go. The client names
 * the candidate files (and reports creations, changes and deletions); this service reads each
 * one (through the host: the open document's text, else the client's file system), lets
 * loadAccountFile decide by content whether it is an export or a template, and rebuilds the
 * model once the queue is empty. Loading is cooperative: between files, and within a file
 * whenever a slice of SLICE_MS has run (account/loadSteps.ts), it yields to the event loop, so
 * diagnostics of open policies and every other request keep being answered while a large
 * account loads.
 * Nothing here throws: a file that cannot be read or loaded is logged and left out.
 */
import {
  accountFileSteps,
  AccountIndex,
  accountModelSteps,
  AWS_MANAGED_POLICY_SCHEME,
  type AccountModel,
  type LoadedAccountFile,
  type LoadSteps,
  type TemplateOptions,
} from './account';
import type { ManagedPolicyStore } from './catalog/managedPolicies';
import { globMatches } from './analysis/ignore';
import type { AccountLoadProgressParams } from './protocol';
import { describe } from './runSafe';

export interface AccountServiceHost {
  /** The file's text: the open document's when the editor has it, else the file as saved. */
  readText(uri: string): Promise<string>;
  /** Bundled AWS managed policies, to resolve attached ones and report unknown ones. */
  managedPolicies(): Promise<ManagedPolicyStore | undefined>;
  log(message: string): void;
  progress(params: AccountLoadProgressParams): void;
  /** A new model is in place (after a batch of files was read). */
  modelChanged(index: AccountIndex): void;
}

/** The settings the account loading reads (`iamPolicyStudio.accountFiles.exclude`, `defaultAccountId`, `defaultRegion`). */
export interface AccountFileSettings {
  /** Globs of workspace files never read as account files; relative globs match at any depth. */
  readonly exclude: readonly string[];
  readonly template: TemplateOptions;
}

export const DEFAULT_ACCOUNT_FILE_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**', 'examples/**'];

/** The file names that may hold an export or a template. */
const CANDIDATE_NAME = /\.(json|ya?ml|template)$/i;

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function readAccountFileSettings(raw: unknown): AccountFileSettings {
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const accountFiles = section.accountFiles && typeof section.accountFiles === 'object' ? (section.accountFiles as Record<string, unknown>) : {};
  const exclude = Array.isArray(accountFiles.exclude) ? accountFiles.exclude.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : DEFAULT_ACCOUNT_FILE_EXCLUDE;
  const accountId = typeof section.defaultAccountId === 'string' ? section.defaultAccountId.trim() : '';
  const region = typeof section.defaultRegion === 'string' ? section.defaultRegion.trim() : '';
  return {
    exclude,
    template: { accountId: ACCOUNT_ID.test(accountId) ? accountId : undefined, region: REGION.test(region) ? region : undefined },
  };
}

/** Lets queued messages (a keystroke's didChange, a hover) and due timers (its validation) run. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The longest stretch of loading between two turns of the event loop. A keystroke's diagnostics
 * wait for about one slice (and a garbage collection that lands in it) beyond their debounce.
 * Shorter slices make the load slower: each turn costs at least setTimeout's minimum delay
 * (1 ms in node, 4 ms in a browser worker).
 */
const SLICE_MS = 20;

/**
 * Runs load steps a slice at a time, yielding to the event loop between slices. Undefined when
 * `unwanted()` says, at one of those turns, that the result would be thrown away (the file
 * changed again or went away meanwhile): the rest of the work is not done.
 */
function runCooperatively<T>(steps: LoadSteps<T>): Promise<T>;
function runCooperatively<T>(steps: LoadSteps<T>, unwanted: () => boolean): Promise<T | undefined>;
async function runCooperatively<T>(steps: LoadSteps<T>, unwanted: () => boolean = () => false): Promise<T | undefined> {
  let sliceStarted = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - sliceStarted < SLICE_MS) continue;
    await yieldToEventLoop();
    if (unwanted()) return undefined;
    sliceStarted = Date.now();
  }
}

/** Reads run this many files ahead of the loader, so round trips to the client overlap with loading. */
const READ_AHEAD = 4;
/** Problems logged to the output channel per model rebuild; the Problems panel has them all. */
const MAX_LOGGED_PROBLEMS = 100;

export class AccountService {
  /** Every file the client named or reported, excluded or not: a settings change may let one in. */
  private readonly named = new Set<string>();
  /** The named files the exclude globs let through: the ones read. */
  private readonly candidates = new Set<string>();
  /** Candidates the user picked: loaded even where the exclude globs would skip them. */
  private readonly picked = new Set<string>();
  private readonly files = new Map<string, LoadedAccountFile>();
  private readonly queue = new Set<string>();
  private readonly reads = new Map<string, Promise<string>>();
  private readonly debounced = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly editedWhileOpen = new Set<string>();
  private loggedProblems = new Set<string>();
  private idleWaiters: Array<() => void> = [];
  private draining?: Promise<void>;
  private modelStale = false;
  /** The client has not yet heard of the current model (or of the end of the first load). */
  private announcePending = false;
  private candidatesKnown = false;
  /** Nothing is read before the settings are (they say what to exclude and which account templates assume). */
  private settingsKnown = false;
  private currentIndex = new AccountIndex({ accounts: [], problems: [] });
  private settings: AccountFileSettings = { exclude: DEFAULT_ACCOUNT_FILE_EXCLUDE, template: {} };

  constructor(
    private readonly host: AccountServiceHost,
    private workspaceFolders: readonly string[] = [],
  ) {}

  get index(): AccountIndex {
    return this.currentIndex;
  }

  get model(): AccountModel {
    return this.currentIndex.model;
  }

  /** True until the client has named the candidates and the settings are read, and while files are being read. */
  get loading(): boolean {
    return !this.candidatesKnown || !this.settingsKnown || this.draining !== undefined || this.queue.size > 0;
  }

  /**
   * Resolves once the model is loaded: the candidates and settings known, every queued file read
   * and the model rebuilt (for requests that need the whole model, such as a simulation). A
   * client that has named no files within `namingDeadlineMs` (another LSP client, a test
   * harness) is taken to have none: the empty model is the answer then.
   */
  whenIdle(namingDeadlineMs = 5000): Promise<void> {
    if (!this.loading) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      if (this.candidatesKnown) return;
      setTimeout(() => {
        if (this.candidatesKnown) return;
        const at = this.idleWaiters.indexOf(resolve);
        if (at >= 0) this.idleWaiters.splice(at, 1);
        resolve();
      }, namingDeadlineMs);
    });
  }

  setWorkspaceFolders(folders: readonly string[]): void {
    this.workspaceFolders = folders;
  }

  /**
   * The settings, first or changed: templates are read again when the account or Region they
   * assume changed; files come and go with the exclude globs.
   */
  updateSettings(settings: AccountFileSettings): void {
    const previous = this.settings;
    this.settings = settings;
    this.settingsKnown = true;
    const templateChanged = previous.template.accountId !== settings.template.accountId || previous.template.region !== settings.template.region;
    if (templateChanged) {
      for (const [uri, file] of this.files) if (file.format === 'cloudformation') this.queue.add(uri);
    }
    if (previous.exclude.join('\n') !== settings.exclude.join('\n')) {
      for (const uri of this.named) {
        const excluded = this.isExcluded(uri);
        if (excluded && this.candidates.has(uri)) this.forget(uri);
        else if (!excluded && !this.candidates.has(uri)) this.admit(uri);
      }
    }
    this.schedule();
  }

  /** Files that may describe an account (the client's list, again after an exclude change, or files the user picked). */
  addCandidates(uris: readonly string[], picked = false): void {
    if (!this.candidatesKnown) this.announcePending = true;
    this.candidatesKnown = true;
    for (const uri of uris) {
      if (picked) this.picked.add(uri);
      else if (!CANDIDATE_NAME.test(uri)) continue;
      this.named.add(uri);
      // Known files are not read again: their changes come as file events.
      if (!this.candidates.has(uri) && !this.isExcluded(uri)) this.admit(uri);
    }
    this.schedule();
  }

  /** A watched file was created or saved. */
  fileChanged(uri: string): void {
    if (!this.named.has(uri)) {
      if (!CANDIDATE_NAME.test(uri)) return;
      this.named.add(uri);
    }
    if (this.isExcluded(uri)) return;
    if (this.candidates.has(uri)) this.requeue(uri);
    else this.admit(uri);
    this.schedule();
  }

  fileDeleted(uri: string): void {
    // A folder deletion reports the folder only.
    const prefix = uri.endsWith('/') ? uri : `${uri}/`;
    for (const known of [...this.named]) {
      if (known !== uri && !known.startsWith(prefix)) continue;
      this.named.delete(known);
      this.forget(known);
    }
    this.schedule();
  }

  /** The open document of a candidate was edited: read it again once typing pauses. */
  documentEdited(uri: string, delayMs: number): void {
    if (!this.candidates.has(uri)) return;
    this.editedWhileOpen.add(uri);
    const pending = this.debounced.get(uri);
    if (pending) clearTimeout(pending);
    this.debounced.set(
      uri,
      setTimeout(() => {
        this.debounced.delete(uri);
        this.requeue(uri);
      }, delayMs),
    );
  }

  /** The open document of a candidate was closed: if it was edited, what counts now is the file as saved. */
  documentClosed(uri: string): void {
    if (this.editedWhileOpen.delete(uri) && this.candidates.has(uri)) this.requeue(uri);
  }

  private admit(uri: string): void {
    this.candidates.add(uri);
    this.queue.add(uri);
  }

  private requeue(uri: string): void {
    this.reads.delete(uri);
    this.queue.add(uri);
    this.schedule();
  }

  /** The file is no longer read (deleted or excluded); it stays named, and picked, unless deleted. */
  private forget(uri: string): void {
    if (!this.named.has(uri)) this.picked.delete(uri);
    this.candidates.delete(uri);
    this.queue.delete(uri);
    this.reads.delete(uri);
    if (this.files.delete(uri)) this.modelStale = true;
  }

  private isExcluded(uri: string): boolean {
    if (this.picked.has(uri)) return false;
    const path = this.relativePath(uri);
    return this.settings.exclude.some((glob) => globMatches(glob, path));
  }

  /** Globs see the path inside its workspace folder: a workspace that itself sits in an `examples` folder is not excluded by `examples/**`. */
  private relativePath(uri: string): string {
    for (const folder of this.workspaceFolders) {
      const base = folder.endsWith('/') ? folder : `${folder}/`;
      if (uri.startsWith(base)) return decodeURIComponentSafe(uri.slice(base.length));
    }
    return uri;
  }

  private schedule(): void {
    if (this.draining || !this.settingsKnown) return;
    if (this.queue.size === 0 && !this.modelStale) {
      this.announce();
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.host.log(describe('loading the account files', undefined, error)))
      .finally(() => {
        this.draining = undefined;
        // Files queued while the last ones loaded start a new load; the client hears once all are in.
        this.schedule();
      });
  }

  private announce(): void {
    if (this.announcePending) {
      this.announcePending = false;
      this.host.modelChanged(this.currentIndex);
    }
    if (!this.loading) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private async drain(): Promise<void> {
    const started = Date.now();
    let done = 0;
    let total = this.queue.size;
    if (total > 0) this.host.progress({ state: 'begin', done, total });
    try {
      while (this.queue.size > 0) {
        const uri = this.queue.values().next().value as string;
        this.queue.delete(uri);
        this.readAhead(uri);
        await yieldToEventLoop();
        this.host.progress({ state: 'report', done, total, uri });
        await this.loadFile(uri);
        done++;
        total = Math.max(total, done + this.queue.size);
      }
      await yieldToEventLoop();
      await this.rebuild(started, done);
    } finally {
      if (total > 0) this.host.progress({ state: 'end', done, total });
    }
  }

  /** Starts reading `uri` and the next few queued files. */
  private readAhead(uri: string): void {
    const next = [uri];
    for (const queued of this.queue) {
      if (next.length >= READ_AHEAD) break;
      next.push(queued);
    }
    for (const candidate of next) {
      if (this.reads.has(candidate)) continue;
      const reading = this.host.readText(candidate);
      // Errors surface when the file's turn comes; until then nobody may be awaiting them.
      reading.catch(() => undefined);
      this.reads.set(candidate, reading);
    }
  }

  private async loadFile(uri: string): Promise<void> {
    const waitStarted = Date.now();
    const reading = this.reads.get(uri) ?? this.host.readText(uri);
    let text: string;
    try {
      text = await reading;
    } catch (error) {
      this.host.log(`Account files: could not read ${uri}: ${error instanceof Error ? error.message : String(error)}`);
      if (this.files.delete(uri)) this.modelStale = true;
      return;
    } finally {
      if (this.reads.get(uri) === reading) this.reads.delete(uri);
    }
    // Changed or deleted while it was read or loaded: the newer event has queued it (or forgotten it).
    const superseded = () => this.queue.has(uri) || !this.candidates.has(uri);
    if (superseded()) return;
    const started = Date.now();
    let loaded: LoadedAccountFile | undefined;
    try {
      loaded = await runCooperatively(accountFileSteps(text, uri, { template: this.settings.template }), superseded);
    } catch (error) {
      this.host.log(describe('loading the account file', uri, error));
    }
    if (superseded()) return;
    const had = this.files.has(uri);
    if (loaded) {
      this.files.set(uri, loaded);
      const [users, groups, roles, policies] = ['users', 'groups', 'roles', 'managedPolicies'].map((list) =>
        loaded.accounts.reduce((sum, account) => sum + (account[list as 'users'] as readonly unknown[]).length, 0),
      );
      const format = loaded.format === 'cloudformation' ? 'a CloudFormation template' : 'an authorization details export';
      this.host.log(
        `Account files: ${uri} is ${format}: ${users} users, ${groups} groups, ${roles} roles, ${policies} managed policies, ${loaded.problems.length} problems (read in ${started - waitStarted} ms, loaded in ${Date.now() - started} ms).`,
      );
    } else {
      this.files.delete(uri);
    }
    if (loaded || had) this.modelStale = true;
  }

  private async rebuild(started: number, filesRead: number): Promise<void> {
    if (!this.modelStale) return;
    this.modelStale = false;
    const store = await this.host.managedPolicies().catch(() => undefined);
    const building = Date.now();
    const model = await runCooperatively(accountModelSteps([...this.files.values()], { managedPolicies: store }));
    this.currentIndex = new AccountIndex(model, store);
    const built = Date.now() - building;
    this.logNewProblems(model);
    this.announcePending = true;
    const accounts = model.accounts.length;
    this.host.log(
      `Account model: ${accounts} account${accounts === 1 ? '' : 's'} from ${this.files.size} file${this.files.size === 1 ? '' : 's'} (${filesRead} read, built in ${built} ms, ${Date.now() - started} ms in all).`,
    );
  }

  /** Each problem once in the output channel (the Problems panel shows them all, always). */
  private logNewProblems(model: AccountModel): void {
    const current = new Set<string>();
    const fresh: string[] = [];
    for (const problem of model.problems) {
      const line = `${problem.uri}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.severity} ${problem.code}: ${problem.message}`;
      current.add(line);
      if (!this.loggedProblems.has(line)) fresh.push(line);
    }
    this.loggedProblems = current;
    for (const line of fresh.slice(0, MAX_LOGGED_PROBLEMS)) this.host.log(line);
    if (fresh.length > MAX_LOGGED_PROBLEMS) this.host.log(`... and ${fresh.length - MAX_LOGGED_PROBLEMS} more account problems (see the Problems panel).`);
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The text of the read-only document `iam-aws-managed-policy:/path/Name.json` (accountIndex.ts makes these URIs). */
export async function awsManagedPolicyText(uri: string, store: ManagedPolicyStore): Promise<string | undefined> {
  const prefix = `${AWS_MANAGED_POLICY_SCHEME}:`;
  if (!uri.startsWith(prefix)) return undefined;
  const path = decodeURIComponentSafe(uri.slice(prefix.length)).replace(/^\/*/, '/').replace(/\.json$/, '');
  const policy = await store.resolve(`arn:aws:iam::aws:policy${path}`);
  return policy?.documentText;
}
