/**
 * The server's account service with an in-memory host: which files it reads, when it rebuilds
 * the model, and that it lets other work run between files and while a large file loads.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildAccountModel, loadAccountFile, type AccountIndex } from '../../server/src/account';
import { AccountService, readAccountFileSettings, type AccountServiceHost } from '../../server/src/accountService';

const ROOT = path.resolve(__dirname, '../../..');
const EXPORT = readFileSync(path.join(ROOT, 'examples', 'account', 'authorization-details.json'), 'utf8');
const TEMPLATE = readFileSync(path.join(ROOT, 'examples', 'cloudformation', 'reports-stack.yaml'), 'utf8');
const FOLDER = 'file:///work/project';

interface FakeHost extends AccountServiceHost {
  readonly files: Map<string, string>;
  readonly reads: string[];
  readonly logs: string[];
  progress: AccountServiceHost['progress'] & { calls: string[] };
  /** Resolves with the index of the next model-changed call. */
  nextModel(): Promise<AccountIndex>;
}

function fakeHost(files: Record<string, string>): FakeHost {
  const waiting: Array<(index: AccountIndex) => void> = [];
  const calls: string[] = [];
  const progress = Object.assign((params: { state: string; done: number; total: number }) => void calls.push(`${params.state} ${params.done}/${params.total}`), { calls });
  const host: FakeHost = {
    files: new Map(Object.entries(files)),
    reads: [],
    logs: [],
    progress,
    readText: async (uri) => {
      host.reads.push(uri);
      const text = host.files.get(uri);
      if (text === undefined) throw new Error('ENOENT: no such file');
      return text;
    },
    managedPolicies: async () => undefined,
    log: (message) => host.logs.push(message),
    modelChanged: (index) => waiting.splice(0).forEach((resolve) => resolve(index)),
    nextModel: () => new Promise((resolve) => waiting.push(resolve)),
  };
  return host;
}

const accountIds = (index: AccountIndex) => index.model.accounts.map((account) => account.id).sort();

/**
 * The example export copied until it is several MB (AWS CLI layout, 4-space indent): each copy's
 * entities sit under their own path, so every ARN is new, while attachments and group names
 * still refer to the first copy's policies and groups.
 */
function largeExport(copies: number): string {
  const example = JSON.parse(EXPORT) as Record<string, Array<{ Path: string; Arn: string }>>;
  const lists = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'];
  const large: Record<string, unknown[]> = Object.fromEntries(lists.map((list) => [list, [...example[list]]]));
  for (let copy = 1; copy < copies; copy++) {
    for (const list of lists) {
      for (const entry of example[list]) {
        const path = `/copy-${copy}${entry.Path}`;
        const arn = entry.Arn.replace(/:(user|group|role|policy)\//, `:$1${path}`);
        large[list].push({ ...entry, Path: path, Arn: arn });
      }
    }
  }
  return JSON.stringify(large, null, 4);
}

describe('account service: which files become the model', () => {
  it('reads nothing before the settings, then every candidate once; only exports and templates count', async () => {
    const host = fakeHost({ [`${FOLDER}/account.json`]: EXPORT, [`${FOLDER}/infra/stack.yaml`]: TEMPLATE, [`${FOLDER}/package.json`]: '{"name": "x"}' });
    const service = new AccountService(host, [FOLDER]);
    service.addCandidates([...host.files.keys(), `${FOLDER}/README.md`]);
    assert.equal(service.loading, true);
    let idle = false;
    const whenIdle = service.whenIdle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(host.reads, [], 'the exclude globs and template account come with the settings');
    assert.equal(idle, false, 'not idle before the first load');

    const model = host.nextModel();
    service.updateSettings(readAccountFileSettings({ defaultAccountId: '111122223333' }));
    const index = await model;
    await whenIdle;
    assert.equal(service.loading, false);
    assert.equal(service.index, index);
    assert.deepEqual([...host.reads].sort(), [...host.files.keys()].sort());
    // The template, told its account, merges into the export's account.
    assert.deepEqual(accountIds(index), ['111122223333']);
    assert.deepEqual(index.model.accounts[0].roles.map((role) => role.name).sort(), ['github-deploy', 'reports-function-prod', 'reports-lambda-execution', 'security-audit']);
    assert.deepEqual(host.progress.calls.at(-1), 'end 3/3');
  });

  it('leaves out excluded files (relative to the workspace folder) unless picked, and takes them in when the setting changes', async () => {
    const excluded = `${FOLDER}/examples/account.json`;
    const host = fakeHost({ [excluded]: EXPORT, [`${FOLDER}/node_modules/pkg/stack.yaml`]: TEMPLATE });
    const service = new AccountService(host, [FOLDER]);
    let model = host.nextModel();
    service.updateSettings(readAccountFileSettings({}));
    service.addCandidates([...host.files.keys()]);
    assert.deepEqual(accountIds(await model), []);
    assert.deepEqual(host.reads, []);

    model = host.nextModel();
    service.updateSettings(readAccountFileSettings({ accountFiles: { exclude: ['**/node_modules/**'] } }));
    assert.deepEqual(accountIds(await model), ['111122223333']);

    model = host.nextModel();
    service.updateSettings(readAccountFileSettings({}));
    assert.deepEqual(accountIds(await model), [], 'excluded again');

    model = host.nextModel();
    service.addCandidates([excluded], true);
    assert.deepEqual(accountIds(await model), ['111122223333'], 'a picked file is read even where excluded');
  });

  it('follows changes and deletions, and an unreadable file leaves the others loaded', async () => {
    const exportUri = `${FOLDER}/account.json`;
    const templateUri = `${FOLDER}/stack.yaml`;
    const host = fakeHost({ [exportUri]: EXPORT, [templateUri]: TEMPLATE });
    const service = new AccountService(host, [FOLDER]);
    let model = host.nextModel();
    service.updateSettings(readAccountFileSettings({}));
    service.addCandidates([exportUri, templateUri, `${FOLDER}/gone.json`]);
    assert.deepEqual(accountIds(await model), ['111122223333', '123456789012']);
    assert.ok(host.logs.some((line) => line.includes('could not read') && line.includes('gone.json')));

    model = host.nextModel();
    host.files.set(templateUri, TEMPLATE.replace("RoleName: !Sub 'reports-function-${Environment}'", 'RoleName: renamed-role'));
    service.fileChanged(templateUri);
    assert.deepEqual((await model).model.accounts[1].roles.map((role) => role.name), ['renamed-role']);

    model = host.nextModel();
    service.fileDeleted(exportUri);
    assert.deepEqual(accountIds(await model), ['123456789012']);

    model = host.nextModel();
    host.files.set(`${FOLDER}/new/account.json`, EXPORT);
    service.fileChanged(`${FOLDER}/new/account.json`);
    assert.deepEqual(accountIds(await model), ['111122223333', '123456789012'], 'a created file joins');

    model = host.nextModel();
    service.fileDeleted(`${FOLDER}/new`);
    assert.deepEqual(accountIds(await model), ['123456789012'], 'deleting a folder drops the files in it');
  });

  it('reports a problem in a file on the file, with its position', async () => {
    const uri = `${FOLDER}/broken.json`;
    const host = fakeHost({ [uri]: EXPORT.slice(0, EXPORT.indexOf('"RoleDetailList"') + 200) });
    const service = new AccountService(host, [FOLDER]);
    const model = host.nextModel();
    service.updateSettings(readAccountFileSettings({}));
    service.addCandidates([uri]);
    const index = await model;
    const truncated = index.model.problems.find((problem) => problem.code === 'account-truncated');
    assert.ok(truncated);
    assert.equal(truncated.uri, uri);
    assert.ok(host.logs.some((line) => line.startsWith(`${uri}:${truncated.range.start.line + 1}:`) && line.includes('account-truncated')));
    assert.ok(index.model.accounts[0].users.length === 3, 'the complete entries before the cut load');
  });
});

describe('account service: waiting for the model', () => {
  it('a client that names no files is not waited for beyond the deadline', async () => {
    const service = new AccountService(fakeHost({}), [FOLDER]);
    service.updateSettings(readAccountFileSettings({}));
    assert.equal(service.loading, true);
    const started = Date.now();
    await service.whenIdle(20);
    assert.ok(Date.now() - started >= 15);
    assert.equal(service.loading, true, 'still no files named');
  });
});

describe('account service: other work runs while files load', () => {
  it('a timer set while one file loads runs before the next file is read', async () => {
    const uris = [1, 2, 3].map((n) => `${FOLDER}/account-${n}.json`);
    const host = fakeHost(Object.fromEntries(uris.map((uri) => [uri, EXPORT])));
    const events: string[] = [];
    const log = host.log;
    host.log = (message) => {
      log(message);
      const loaded = uris.find((uri) => message.startsWith(`Account files: ${uri} `));
      if (!loaded) return;
      events.push(`loaded ${loaded.slice(-6)}`);
      // What a keystroke's validation would be: queued while the service works.
      if (loaded === uris[0]) setTimeout(() => events.push('timer'), 0);
    };
    const service = new AccountService(host, [FOLDER]);
    const model = host.nextModel();
    service.updateSettings(readAccountFileSettings({}));
    service.addCandidates(uris);
    await model;
    assert.deepEqual(events, ['loaded 1.json', 'timer', 'loaded 2.json', 'loaded 3.json']);
  });
});

describe('account service: typing stays responsive while a large export loads', () => {
  // About 10 MB: a few hundred milliseconds of loading, many slices of it.
  const LARGE = largeExport(600);
  const uri = `${FOLDER}/large.json`;

  /**
   * Sets a timer for `atStart` just as the service first starts loading `uri` (its progress
   * report comes right before): what a keystroke's validation would be. Loaded in one piece, the
   * file would be loaded before the timer runs.
   */
  function onLoadStart(host: FakeHost, atStart: () => void): void {
    const progress = host.progress;
    let started = false;
    host.progress = Object.assign(
      (params: Parameters<AccountServiceHost['progress']>[0]) => {
        progress(params);
        if (started || params.state !== 'report' || params.uri !== uri) return;
        started = true;
        setTimeout(atStart, 0);
      },
      { calls: progress.calls },
    );
  }

  it('a timer set as the load of a multi-MB export starts runs before that load ends, and the model is the one loaded in one piece', async () => {
    assert.ok(LARGE.length > 8_000_000, `${LARGE.length} characters`);
    const host = fakeHost({ [uri]: LARGE });
    const events: string[] = [];
    onLoadStart(host, () => events.push('timer'));
    const log = host.log;
    host.log = (message) => {
      log(message);
      if (message.startsWith(`Account files: ${uri} `)) events.push('loaded');
    };
    const service = new AccountService(host, [FOLDER]);
    const model = host.nextModel();
    service.updateSettings(readAccountFileSettings({}));
    service.addCandidates([uri]);
    const index = await model;
    assert.deepEqual(events, ['timer', 'loaded']);
    assert.equal(index.model.accounts[0].roles.length, 3 * 600);
    assert.deepEqual(index.model, buildAccountModel([loadAccountFile(LARGE, uri)!]));
  });

  it('a file changed while it loads is not loaded to the end: the newer text is what counts', async () => {
    const host = fakeHost({ [uri]: LARGE });
    const service = new AccountService(host, [FOLDER]);
    onLoadStart(host, () => {
      host.files.set(uri, EXPORT);
      service.fileChanged(uri);
    });
    const model = host.nextModel();
    service.updateSettings(readAccountFileSettings({}));
    service.addCandidates([uri]);
    const index = await model;
    assert.deepEqual(host.reads, [uri, uri]);
    assert.deepEqual(
      host.logs.filter((line) => line.startsWith(`Account files: ${uri} `)).map((line) => line.slice(0, line.indexOf(' problems') + ' problems'.length)),
      [`Account files: ${uri} is an authorization details export: 3 users, 3 groups, 3 roles, 3 managed policies, 0 problems`],
      'the large text was dropped part way; only the new one was loaded',
    );
    assert.equal(index.model.accounts[0].roles.length, 3);
  });
});
