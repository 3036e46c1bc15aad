import type { Command } from 'commander';
import { UsageError } from '../main.js';

// Placeholder: replaced by the issue that builds this command.
export function register(program: Command): void {
  program.command('problems').description('(not built yet)').allowUnknownOption().action(() => {
    throw new UsageError('problems is not built yet');
  });
}
