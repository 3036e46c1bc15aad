import type { Command } from 'commander';
import { UsageError } from '../main.js';

// Placeholder: replaced by the issue that builds this command.
export function register(program: Command): void {
  program.command('analyze').description('(not built yet)').allowUnknownOption().action(() => {
    throw new UsageError('analyze is not built yet');
  });
}
