/**
 * A large check on a machine with few cores is started again in a child Node with fewer V8
 * helper threads (server/src/cli/relaunch.ts); everything else runs where it was started.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { childEnvironment } from '../../server/src/cli/bin';
import { RELAUNCH_MIN_FILES, relaunchPoolSize, type Launch } from '../../server/src/cli/relaunch';

const cli = path.resolve(__dirname, '../../../dist/cli/iam-policy-studio.js');
const examples = path.resolve(__dirname, '../../../examples/policies');

/** A folder of `count` policy files (one with an error), plus files that must not count. */
function policyFolder(count: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'iam-cli-relaunch-'));
  const policy = readFileSync(path.join(examples, 'identity.iam.json'), 'utf8');
  for (let index = 0; index < count; index++) writeFileSync(path.join(folder, `p${String(index).padStart(4, '0')}.json`), policy);
  writeFileSync(path.join(folder, 'p0000.json'), readFileSync(path.join(examples, 'broken.iam.json'), 'utf8'));
  for (const skipped of ['node_modules', '.git']) {
    mkdirSync(path.join(folder, skipped));
    for (let index = 0; index < count; index++) writeFileSync(path.join(folder, skipped, `x${index}.json`), policy);
  }
  writeFileSync(path.join(folder, 'notes.txt'), 'not a policy');
  return folder;
}

function launch(args: string[], overrides: Partial<Launch> = {}): Launch {
  return { args, cwd: tmpdir(), cores: 2, execArgv: [], nodeOptions: undefined, ...overrides };
}

describe('relaunching a large check with fewer V8 helper threads', () => {
  const large = policyFolder(RELAUNCH_MIN_FILES);
  const small = policyFolder(RELAUNCH_MIN_FILES - 1);

  it('a check of enough files, with fewer spare cores than V8 helpers, restarts with one helper per spare core', () => {
    assert.equal(relaunchPoolSize(launch(['check', '--format', 'json', large])), 1);
    assert.equal(relaunchPoolSize(launch(['check', large], { cores: 3 })), 2);
    assert.equal(relaunchPoolSize(launch(['check', large], { cores: 1 })), 1);
    // Option values are not paths; a file named counts once, relative paths start at cwd.
    assert.equal(relaunchPoolSize(launch(['check', '-j', '1', '--fail-on', 'none', path.basename(large), path.join(small, 'p0001.json')], { cwd: path.dirname(large) })), 1);
  });

  it('runs in place: few files, many cores, other commands, a pool size already chosen, help and usage errors', () => {
    // node_modules and dot folders hold RELAUNCH_MIN_FILES more .json files each: not counted.
    assert.equal(relaunchPoolSize(launch(['check', small])), undefined);
    assert.equal(relaunchPoolSize(launch(['check', large], { cores: 5 })), undefined);
    assert.equal(relaunchPoolSize(launch(['simulate', large])), undefined);
    assert.equal(relaunchPoolSize(launch(['check', large], { execArgv: ['--v8-pool-size=3'] })), undefined);
    assert.equal(relaunchPoolSize(launch(['check', large], { nodeOptions: '--max-old-space-size=4096 --v8-pool-size=2' })), undefined);
    for (const debugging of ['--inspect', '--inspect-brk=9230', '--cpu-prof', '--prof']) assert.equal(relaunchPoolSize(launch(['check', large], { execArgv: [debugging] })), undefined, debugging);
    assert.equal(relaunchPoolSize(launch(['check', large], { nodeOptions: '--inspect' })), undefined);
    assert.equal(relaunchPoolSize(launch(['check', large], { execArgv: ['--max-old-space-size=4096', '--enable-source-maps'] })), 1, 'other Node options are passed on');
    assert.equal(relaunchPoolSize(launch(['check', '--help', large])), undefined);
    assert.equal(relaunchPoolSize(launch(['check', '--no-such-option', large])), undefined);
    assert.equal(relaunchPoolSize(launch(['check', path.join(large, 'missing'), path.join(large, 'missing.json')])), undefined);
  });

  it('the command answers the same, with the same exit code, whether it restarted or not', () => {
    // A module preloaded with --require runs in the parent and, passed on with Node's options, in
    // a child: it prints the process's Node options, one line per process, and whether the
    // process was given extra CA certificates (the command line gives them; a child needs none).
    const probe = path.join(large, '..', `${path.basename(large)}-probe.js`);
    writeFileSync(
      probe,
      "process.stderr.write('node options: ' + JSON.stringify(process.execArgv.filter((flag) => flag.startsWith('--v8'))) + ' certificates: ' + (process.env.NODE_EXTRA_CA_CERTS ? 'yes' : 'no') + '\\n');",
    );
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: path.join(large, 'no-such-bundle.crt') };
    const run = (...nodeOptions: string[]) =>
      spawnSync(process.execPath, [...nodeOptions, '--require', probe, cli, 'check', '--format', 'json', large], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    const started = run();
    const inPlace = run('--v8-pool-size=4');
    assert.equal(inPlace.status, 1, inPlace.stderr);
    assert.equal(started.status, inPlace.status, started.stderr);
    assert.equal(started.stdout, inPlace.stdout);
    assert.equal(JSON.parse(started.stdout).files.length, RELAUNCH_MIN_FILES);
    assert.deepEqual(inPlace.stderr.match(/^node options: .*$/gm), ['node options: ["--v8-pool-size=4"] certificates: yes']);
    const spareCores = Math.max(1, availableParallelism() - 1);
    const expected =
      spareCores < 4 ? ['node options: [] certificates: yes', `node options: ["--v8-pool-size=${spareCores}"] certificates: no`] : ['node options: [] certificates: yes'];
    assert.deepEqual(started.stderr.match(/^node options: .*$/gm), expected);
  });

  it('the restarted check runs without NODE_EXTRA_CA_CERTS, and with the rest of the environment', () => {
    const env = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', IAM_SETTING: 'kept' };
    assert.deepEqual(childEnvironment(env), { PATH: '/usr/bin', IAM_SETTING: 'kept' });
    assert.equal(env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt', 'the parent keeps its own');
  });

  it('usage errors of a restarted check still exit 2', () => {
    const result = spawnSync(process.execPath, [cli, 'check', '--fail-on', 'sometimes', large], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--fail-on must be one of/);
  });
});
