// Helpers that keep every command inside the command-line contract (DESIGN.md): one-line errors, output files
// that fail with exit 2 instead of a stack trace, spec names checked against the flag that gave them.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ParameterError } from '../src/errors.js';

/**
 * Make commander's own errors one line: its "(Did you mean --method?)" hint goes on the error's line.
 * Applies to `cmd` and, recursively, to its subcommands.
 *
 * @example
 * oneLineErrors(program.command('run')); // "error: unknown option '--metod' (Did you mean --method?)"
 */
export function oneLineErrors(cmd: Command): Command {
  cmd.configureOutput({ outputError: (text, write) => write(text.replace(/\s*\n(?=.)/g, ' ')) });
  for (const sub of cmd.commands) oneLineErrors(sub);
  return cmd;
}

/** Write an output file; a missing directory or a permission problem is bad input (exit 2), not a crash. */
export function writeOutputFile(flag: string, file: string, data: string | Uint8Array): void {
  try {
    writeFileSync(file, data);
  } catch (err) {
    throw new ParameterError(flag, file, `a writable file path (${(err as Error).message.split('\n')[0]})`);
  }
}

/** Check that a spec's name is one of `names`, naming the flag (e.g. --problem) rather than the library's parameter. */
export function checkSpecName(flag: string, name: string, names: readonly string[]): void {
  if (!names.includes(name)) throw new ParameterError(flag, name, `one of ${names.join(', ')}`);
}

/**
 * Cap the work of a command (e.g. steps x dimension) so that no input runs for hours unannounced.
 *
 * @example
 * checkWork('--steps x dim', 1e8 * 5e7, 1e12, 'about an hour'); // throws: "--steps x dim = 5e+15 is invalid: ..."
 */
export function checkWork(what: string, work: number, cap: number, hint: string): void {
  if (!(work <= cap)) throw new ParameterError(what, work, `at most ${cap.toExponential(0).replace('e+', 'e')} (${hint}); reduce it`);
}

/**
 * Coordinate updates per step of a problem spec: dim, or dim^2 for a quadratic with a dense (or tridiagonal, stored
 * dense) Hessian, whose matrix-vector product costs n^2.
 *
 * @example
 * workPerStep({ name: 'quadratic', params: { structure: 'dense' } }, 2000); // 4000000
 */
export function workPerStep(spec: { name: string; params: Record<string, string> }, dim: number): number {
  const dense = spec.name === 'quadratic' && (spec.params.structure === 'dense' || spec.params.structure === 'tridiagonal');
  return dense ? dim * dim : dim;
}
