import type { Command } from 'commander';
import { UsageError } from '../main.js';

// Placeholder: replaced by the issue that builds this command.
export function register(program: Command): void {
  program.command('dynamics').description('(not built yet)').allowUnknownOption().action(() => {
    throw new UsageError('dynamics is not built yet');
  });
}
