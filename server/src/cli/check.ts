/**
 * `iam-policy-studio check [--format text|json|sarif] [--policy-type KIND]
 *   [--fail-on error|security-warning|warning|suggestion|none] [--config FILE] PATH...`
 *
 * Runs the same checks as the editor over policy files (folders are searched for them) and
 * applies the same settings: `iamPolicyStudio.*` from `.vscode/settings.json` in the working
 * directory, or from --config.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { MessagePort, Worker } from 'node:worker_threads';
import { parse as parseJsonc } from 'jsonc-parser';
import { analyzePolicy, prepareAnalysis } from '../analysis/analyze';
import { Catalog } from '../catalog/catalog';
import { createNodeDataSource } from '../catalog/nodeDataSource';
import { findDataRoot } from '../node/dataRoot';
import type { Finding, FindingSeverity } from '../analysis/finding';
import { SEVERITY_ORDER } from '../analysis/finding';
import { checkInfo } from '../analysis/registry';
import { decidePolicyKind, isPolicyKindType, kindFromFileName, type PolicyKind } from '../policy/kind';
import { parsePolicy } from '../policy/parse';
import { DEFAULT_SETTINGS, analysisOptionsFor, isIgnoredDocument, kindFromSettings, readSettings, type ServerSettings } from '../settings';
import { CHECK_OPTIONS } from './checkOptions';
import { displayPath, jsonFilesUnder } from './files';
import { CliError, type CliCommand, type CliIo } from './io';

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'security-warning', 'warning', 'suggestion', 'none'] as const;
/** Files bigger than this are reported, not read: no real policy comes near it. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface CheckedFile {
  readonly path: string;
  readonly policyType: PolicyKind['type'];
  readonly findings: readonly Finding[];
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check policy files (or folders of them) as the editor does; text, JSON or SARIF output.',
  async run(args, io) {
    const { values, positionals } = parseCheckArgs(args);
    if (values.help) {
      io.out(CHECK_USAGE);
      return 0;
    }
    const format = values.format ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}; got "${format}".`);
    const failOn = values['fail-on'] ?? 'error';
    if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new CliError(`--fail-on must be one of ${FAIL_ON.join(', ')}; got "${failOn}".`);
    const policyType = values['policy-type'];
    if (policyType !== undefined && !isPolicyKindType(policyType)) {
      throw new CliError(`--policy-type must be one of identity, resource, trust, scp, rcp, boundary, session, endpoint; got "${policyType}".`);
    }
    if (positionals.length === 0) throw new CliError(`no PATH given.\n\n${CHECK_USAGE}`);
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new CliError(`--jobs must be a whole number of at least 1; got "${values.jobs}".`);

    const settings = loadSettings(io, values.config);
    const candidates = positionals.flatMap((given) => candidateFiles(path.resolve(io.cwd, given), given));
    // iamPolicyStudio.ignorePaths: such files are not read at all, whether found in a folder or named.
    const files = candidates.filter((candidate) => !isIgnoredDocument(settings, candidate.file));

    const job: CheckJob = { files, cwd: io.cwd, settings, policyType };
    const threads = Math.min(jobs ?? defaultThreads(files.length), files.length);
    const results = threads > 1 ? await checkInThreads(job, threads) : await checkInOrder(job);
    if (results.length === 0 && files.length === candidates.length) throw new CliError(`no policy files found in ${positionals.join(', ')}.`);
    io.out(render(format as (typeof FORMATS)[number], results));
    if (failOn === 'none') return 0;
    const threshold = SEVERITY_ORDER.indexOf(failOn as FindingSeverity);
    const failing = results.some((file) => file.findings.some((finding) => SEVERITY_ORDER.indexOf(finding.severity) >= threshold));
    return failing ? 1 : 0;
  },
};

const CHECK_USAGE = `Usage: iam-policy-studio check [options] PATH...

  PATH                    policy files, or folders searched for *.json policy files
  --format text|json|sarif  output format (default text)
  --policy-type KIND      treat every file as KIND: identity, resource, trust, scp, rcp,
                          boundary, session, endpoint (default: from settings, file name, content)
  --fail-on SEVERITY      exit 1 when a finding is at least SEVERITY: error (default),
                          security-warning, warning, suggestion, or none
  --config FILE           settings JSON with iamPolicyStudio.* keys (default: .vscode/settings.json)
  --jobs N, -j N          check files on N threads (default: one per core but one, when there are
                          hundreds of files)

Exit codes: 0 nothing reached --fail-on, 1 something did, 2 usage or I/O error.`;

function parseCheckArgs(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, options: CHECK_OPTIONS });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** Settings as the editor reads them: the `iamPolicyStudio.*` keys of a VS Code settings file. */
function loadSettings(io: CliIo, configPath: string | undefined): ServerSettings {
  const file = configPath ? path.resolve(io.cwd, configPath) : path.join(io.cwd, '.vscode', 'settings.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (configPath) throw new CliError(`cannot read --config ${configPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return DEFAULT_SETTINGS;
  }
  const raw = parseJsonc(text, [], { allowTrailingComma: true }) as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== 'object') throw new CliError(`${file} is not a JSON object of settings.`);
  const section: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('iamPolicyStudio.')) setPath(section, key.slice('iamPolicyStudio.'.length).split('.'), value);
  }
  if (raw.iamPolicyStudio && typeof raw.iamPolicyStudio === 'object') Object.assign(section, raw.iamPolicyStudio);
  return readSettings(section);
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

interface CandidateFile {
  readonly file: string;
  /** Named on the command line or by the file-name convention: checked whatever it holds. */
  readonly certain: boolean;
}

/**
 * A file given by name is always checked; inside folders, *.json files (not node_modules or dot
 * folders) whose name says they are policies, or whose content turns out to be one (decided
 * in checkFile, so that each file is read and parsed once).
 */
function candidateFiles(absolute: string, given: string): CandidateFile[] {
  let stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    throw new CliError(`cannot read ${given}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error)}`);
  }
  if (stats.isFile()) return [{ file: absolute, certain: true }];
  return [...jsonFilesUnder(absolute)].map((file) => ({ file, certain: !!kindFromFileName(file) || /\.(iam|policy)\.json$/i.test(file) }));
}

/** What every thread that checks files needs to know; plain data, so that it reaches worker threads as is. */
interface CheckJob {
  readonly files: readonly CandidateFile[];
  readonly cwd: string;
  readonly settings: ServerSettings;
  readonly policyType: string | undefined;
}

/** Beyond this many files, nearly every service is needed: all are read at once rather than file by file. */
const PRELOAD_ALL_SERVICES = 200;

/**
 * The service catalog. For many files, every service is loaded right away, in one go (the node
 * data source reads synchronously: all 456 files take well under a tenth of a second) instead
 * of each file waiting for its new services; a failure shows up again, in order, when a file
 * that needs the service asks for it.
 */
async function loadCatalog(files: number): Promise<Catalog> {
  // No output of a check shows a description.
  const catalog = await Catalog.load(createNodeDataSource(findDataRoot(__dirname)), { descriptions: false });
  if (files >= PRELOAD_ALL_SERVICES) catalog.ensureServices(catalog.listServices().map((service) => service.prefix)).catch(() => undefined);
  return catalog;
}

/** One file at a time, stopping at the first that cannot be read. */
async function checkInOrder(job: CheckJob): Promise<CheckedFile[]> {
  const catalog = await loadCatalog(job.files.length);
  const results: CheckedFile[] = [];
  for (const candidate of job.files) {
    const checked = await checkFile(candidate, job.cwd, job.settings, job.policyType, catalog);
    if (checked) results.push(checked);
  }
  return results;
}

// --- several threads --------------------------------------------------------------------------
//
// Checking is CPU-bound and every file is independent, so large inputs are spread over worker
// threads. A worker loads this same module (the one-file CLI bundle, or out/ in the tests) and
// calls runCheckWorker, which checks for the flag in its workerData. The threads claim chunks of
// files from a shared counter, so a thread slowed by the rest of the machine takes fewer; the
// results are put back in file order, and the first file that failed (in that order) fails the
// command, as in checkInOrder.

/**
 * Below this many files per thread, a thread costs more than it saves: each loads the bundle
 * and the catalog again, and warms up its own JIT (about a second of CPU).
 */
const MIN_FILES_PER_THREAD = 300;

/**
 * One thread per core but one: V8 keeps a core busy compiling and collecting garbage for the
 * thread that checks (over the AWS managed policies, a one-thread run takes about 1.5 CPU
 * seconds per wall second). On two cores a second thread made the run slower, not faster.
 */
function defaultThreads(files: number): number {
  return Math.max(1, Math.min(availableParallelism() - 1, Math.floor(files / MIN_FILES_PER_THREAD)));
}

/** Files claimed at a time: small enough to balance the threads, large enough to keep messages few. */
const CHUNK = 8;
const WORKER_FLAG = 'iamPolicyStudioCheckWorker';

/** A file's result as it crosses threads: only what the output formats read. */
type FileOutcome = { readonly checked: CheckedFile | undefined } | { readonly failure: string; readonly usage: boolean };

interface WorkerData {
  readonly [WORKER_FLAG]: true;
  readonly job: CheckJob;
  /** Int32Array over it: [0] the next unclaimed file index. */
  readonly counter: SharedArrayBuffer;
}

type WorkerMessage = { readonly outcomes: ReadonlyArray<readonly [number, FileOutcome]> } | { readonly done: true };

async function checkInThreads(job: CheckJob, threads: number): Promise<CheckedFile[]> {
  const counter = new SharedArrayBuffer(4);
  const outcomes: (FileOutcome | undefined)[] = new Array(job.files.length);
  const data: WorkerData = { [WORKER_FLAG]: true, job, counter };
  const record = (index: number, outcome: FileOutcome) => (outcomes[index] = outcome);
  const workers = Array.from({ length: threads - 1 }, () => startWorker(data, record));
  try {
    // This thread takes its share too, while the workers start.
    await claimAndCheck(job, counter, record);
    await Promise.all(workers.map((worker) => worker.finished));
  } catch (error) {
    // An unexpected failure: the others' results would not be used, so they need not run on.
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
    throw error;
  }
  const results: CheckedFile[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    if (!outcome) throw new Error(`file ${job.files[index].file} was not checked`);
    if ('failure' in outcome) throw outcome.usage ? new CliError(outcome.failure) : new Error(outcome.failure);
    if (outcome.checked) results.push(outcome.checked);
  }
  return results;
}

function startWorker(data: WorkerData, record: (index: number, outcome: FileOutcome) => void): { thread: Worker; finished: Promise<void> } {
  // Evaluated code, so that the module's own `require.main === module` entry point stays asleep.
  // In the CLI bundle __filename is the bundle, whose entry (main.ts) exports runCheckWorker too.
  const { Worker } = workerThreads();
  const thread = new Worker(`require(${JSON.stringify(__filename)}).runCheckWorker();`, { eval: true, workerData: data });
  const finished = new Promise<void>((resolve, reject) => {
    let done = false;
    thread.on('message', (message: WorkerMessage) => {
      if ('done' in message) {
        done = true;
        return;
      }
      for (const [index, outcome] of message.outcomes) record(index, outcome);
    });
    thread.on('error', reject);
    thread.on('exit', (code) => (done ? resolve() : reject(new Error(`a check worker stopped (exit code ${code}) before it finished`))));
  });
  // Awaited once this thread has done its share; until then a failure must not count as unhandled.
  finished.catch(() => undefined);
  return { thread, finished };
}

/** Checks chunks of files until none are left, handing each file's outcome to `record`. */
async function claimAndCheck(job: CheckJob, counter: SharedArrayBuffer, record: (index: number, outcome: FileOutcome) => void, afterChunk?: () => void): Promise<void> {
  const next = new Int32Array(counter);
  const catalog = await loadCatalog(job.files.length);
  for (let start = Atomics.add(next, 0, CHUNK); start < job.files.length; start = Atomics.add(next, 0, CHUNK)) {
    for (let index = start; index < Math.min(start + CHUNK, job.files.length); index++) {
      record(index, await outcomeOf(job, index, catalog));
    }
    afterChunk?.();
  }
}

async function outcomeOf(job: CheckJob, index: number, catalog: Catalog): Promise<FileOutcome> {
  try {
    const checked = await checkFile(job.files[index], job.cwd, job.settings, job.policyType, catalog);
    return { checked: checked && { ...checked, findings: checked.findings.map(({ code, severity, message, range }) => ({ code, severity, message, range })) } };
  } catch (error) {
    if (error instanceof CliError) return { failure: error.message, usage: true };
    return { failure: error instanceof Error ? (error.stack ?? error.message) : String(error), usage: false };
  }
}

async function workerMain(data: WorkerData, parentPort: MessagePort): Promise<void> {
  let pending: [number, FileOutcome][] = [];
  await claimAndCheck(
    data.job,
    data.counter,
    (index, outcome) => pending.push([index, outcome]),
    () => {
      parentPort.postMessage({ outcomes: pending } satisfies WorkerMessage);
      pending = [];
    },
  );
  parentPort.postMessage({ done: true } satisfies WorkerMessage);
}

/** node:worker_threads, loaded by the first check that uses threads: a check in one thread (most) does without. */
function workerThreads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

/** The work of a check worker thread, called by the code startWorker gives it; nothing anywhere else. */
export function runCheckWorker(): void {
  const { isMainThread, parentPort, workerData } = workerThreads();
  if (isMainThread || !parentPort || !(workerData as Partial<WorkerData> | null)?.[WORKER_FLAG]) throw new Error('runCheckWorker runs in a check worker thread only');
  // A rejection ends the worker with an 'error' event in the thread that started it.
  void workerMain(workerData as WorkerData, parentPort);
}

/** Reused by readPolicyFile for every file that fits, so that reading allocates only the string. */
let readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * The file's text, or 'too large' without reading it. One open file for the size and the bytes
 * (stat by path, then readFileSync, cost a check of the 1,594 AWS managed policies twice the
 * time); errors are the file system's.
 */
function readPolicyFile(file: string): string | 'too large' {
  const descriptor = openSync(file, 'r');
  try {
    const { size } = fstatSync(descriptor);
    if (size > MAX_FILE_BYTES) return 'too large';
    if (size > readBuffer.length) readBuffer = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const count = readSync(descriptor, readBuffer, length, size - length, length);
      if (count === 0) break;
      length += count;
    }
    return readBuffer.toString('utf8', 0, length);
  } finally {
    closeSync(descriptor);
  }
}

/** The file's findings; undefined for a file found in a folder that is not a policy after all. */
async function checkFile(candidate: CandidateFile, cwd: string, settings: ServerSettings, policyType: string | undefined, catalog: Catalog): Promise<CheckedFile | undefined> {
  const { file } = candidate;
  const display = displayPath(cwd, file);
  let text: ReturnType<typeof readPolicyFile>;
  try {
    text = readPolicyFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A file that is gone is reported even when a folder walk found it; one that cannot be read
    // (permissions, a socket named *.json) only when it was named or its name says it is a policy.
    if (!candidate.certain && code !== 'ENOENT') return undefined;
    throw new CliError(`cannot read ${display}: ${code ?? String(error)}`);
  }
  if (text === 'too large') {
    if (!candidate.certain) return undefined;
    throw new CliError(`${display} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; that is not a policy.`);
  }
  const ast = parsePolicy(text);
  if (!candidate.certain && !(ast.root?.type === 'object' && ast.statementProperty !== undefined)) return undefined;
  const explicit = isPolicyKindType(policyType) ? { type: policyType, source: 'setting' as const } : kindFromSettings(settings, `file://${file}`);
  const kind = decidePolicyKind(ast, { explicit, path: file });
  await prepareAnalysis(ast, catalog);
  // No output format shows quick fixes, so they are not computed.
  return { path: display, policyType: kind.type, findings: analyzePolicy(ast, kind, catalog, { ...analysisOptionsFor(settings, file), fixes: false }) };
}

function render(format: (typeof FORMATS)[number], files: readonly CheckedFile[]): string {
  switch (format) {
    case 'json':
      return JSON.stringify(
        {
          files: files.map((file) => ({
            path: file.path,
            policyType: file.policyType,
            findings: file.findings.map(({ code, severity, message, range }) => ({ code, severity, message, range })),
          })),
        },
        null,
        2,
      );
    case 'sarif':
      return JSON.stringify(toSarif(files), null, 2);
    case 'text':
      return renderText(files);
  }
}

function renderText(files: readonly CheckedFile[]): string {
  const lines: string[] = [];
  const counts = new Map<FindingSeverity, number>();
  for (const file of files) {
    for (const finding of file.findings) {
      counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
      const { line, character } = finding.range.start;
      lines.push(`${file.path}:${line + 1}:${character + 1}: ${finding.severity} ${finding.code}: ${finding.message}`);
    }
  }
  const summary = SEVERITY_ORDER.slice()
    .reverse()
    .map((severity) => `${counts.get(severity) ?? 0} ${severity}${(counts.get(severity) ?? 0) === 1 ? '' : 's'}`)
    .join(', ');
  lines.push(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${summary}.`);
  return lines.join('\n');
}

const SARIF_LEVEL: Readonly<Record<FindingSeverity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  'security-warning': 'warning',
  warning: 'warning',
  suggestion: 'note',
};

/** SARIF 2.1.0 as GitHub code scanning accepts it: one rule per code, 1-based columns. */
function toSarif(files: readonly CheckedFile[]) {
  const used = [...new Set(files.flatMap((file) => file.findings.map((finding) => finding.code)))].sort();
  const rules = used.map((code) => {
    const info = checkInfo(code);
    return {
      id: code,
      name: code
        .toLowerCase()
        .split('_')
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join(''),
      shortDescription: { text: info?.accessAnalyzerTitle ?? code },
      fullDescription: { text: info?.summary ?? code },
      helpUri: info?.docs,
      defaultConfiguration: { level: SARIF_LEVEL[info?.severity ?? 'warning'] },
      properties: { tags: info?.severity === 'security-warning' ? ['security'] : [] },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'IAM Policy Studio', informationUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html', version: '0.1.0', rules } },
        results: files.flatMap((file) =>
          file.findings.map((finding) => ({
            ruleId: finding.code,
            ruleIndex: used.indexOf(finding.code),
            level: SARIF_LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.path.split(path.sep).join('/') },
                  region: {
                    startLine: finding.range.start.line + 1,
                    startColumn: finding.range.start.character + 1,
                    endLine: finding.range.end.line + 1,
                    endColumn: finding.range.end.character + 1,
                  },
                },
              },
            ],
            properties: { severity: finding.severity },
          })),
        ),
      },
    ],
  };
}
