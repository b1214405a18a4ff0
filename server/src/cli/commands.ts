/** Every CLI command, in the order `--help` lists them. */
import { checkCommand } from './check';
import type { CliCommand } from './io';
import { simulateCommand } from './simulate';
import { whoCanCommand } from './whoCan';

export const COMMANDS: readonly CliCommand[] = [checkCommand, simulateCommand, whoCanCommand];
