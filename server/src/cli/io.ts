/** What a CLI command may touch: output streams and the working directory (so tests can run commands in-process). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
}

/** A usage or input problem: reported as one line, exit code 2. */
export class CliError extends Error {}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}
