/** Every CLI command, in the order `--help` lists them. */
import { checkCommand } from './check';
import type { CliCommand } from './io';

export const COMMANDS: readonly CliCommand[] = [checkCommand];
