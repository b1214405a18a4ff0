/**
 * `iam-policy-studio <command> ...`: the same services as the language server, for CI.
 * Each command lives in its own file and is listed here. Exit codes: 0 success (or nothing
 * reached --fail-on), 1 findings at or above --fail-on, 2 usage or I/O errors.
 */
import { COMMANDS } from './commands';
import { CliError, type CliIo } from './io';

// The CLI bundle is this module and what it imports: a check worker thread requires the bundle
// and calls this (check.ts).
export { runCheckWorker } from './check';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out('0.1.0');
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`iam-policy-studio ${name}: ${error.message}`);
      return 2;
    }
    io.err(`iam-policy-studio ${name}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  }
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: iam-policy-studio <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run iam-policy-studio <command> --help for the options of a command.',
  ].join('\n');
}

/**
 * Writes to `stream` until its reader goes away (`iam-policy-studio check . | head`): from then on
 * the output is dropped, and the command still runs to its end and exits with its own code (so a
 * shell with `set -o pipefail` sees whether the check failed). Without this, Node reports the
 * EPIPE as an unhandled error with a stack trace.
 */
export function writerTo(stream: NodeJS.WritableStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  return (text) => {
    if (!readerGone) stream.write(text.endsWith('\n') ? text : `${text}\n`);
  };
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    out: writerTo(process.stdout),
    err: writerTo(process.stderr),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`iam-policy-studio: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
