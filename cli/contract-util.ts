// Helpers that keep every command inside the command-line contract (DESIGN.md): one-line errors, output files
// that fail with exit 2 instead of a stack trace, spec names checked against the flag that gave them.
import { accessSync, constants, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { didYouMean } from '../src/suggest.js';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ParameterError } from '../src/errors.js';
import { LANCZOS_MAX_STORAGE } from '../src/spectra/lanczos.js';

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

/** Whether `path` is an existing directory (false for anything else, or when it cannot be read). */
function isDirectory(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

/**
 * Check an output file path before any work: not empty, its parent an existing directory (nothing is created at /),
 * not itself a directory. ParameterError naming the flag otherwise.
 *
 * @example
 * checkOutputFile('--out', '/nonexistent/deep/fig.svg'); // throws "--out = ... is invalid: expected a file in an existing directory ..."
 */
export function checkOutputFile(flag: string, file: string): void {
  if (file.trim() === '') throw new ParameterError(flag, file, 'a file path (not empty)');
  const parent = dirname(resolve(file));
  if (!isDirectory(parent)) throw new ParameterError(flag, file, `a file in an existing directory (${parent} is not one)`);
  if (isDirectory(file)) throw new ParameterError(flag, file, 'a file path, not a directory');
}

/**
 * Make sure an output directory exists and is writable before any work: its parent must exist (only the last level is
 * created), so `--out /nonexistent/deep/rep` creates nothing and `--out /proc/rep` fails at once instead of at the end.
 */
export function prepareOutputDirectory(flag: string, dir: string): void {
  if (dir.trim() === '') throw new ParameterError(flag, dir, 'a directory path (not empty)');
  const parent = dirname(resolve(dir));
  if (!isDirectory(parent)) throw new ParameterError(flag, dir, `a directory whose parent exists (${parent} is not a directory)`);
  try {
    if (!isDirectory(dir)) mkdirSync(dir);
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new ParameterError(flag, dir, `a writable directory (${(err as Error).message.split('\n')[0]})`);
  }
}

/** Write an output file; a missing directory or a permission problem is bad input (exit 2), not a crash. */
export function writeOutputFile(flag: string, file: string, data: string | Uint8Array): void {
  checkOutputFile(flag, file);
  try {
    writeFileSync(file, data);
  } catch (err) {
    throw new ParameterError(flag, file, `a writable file path (${(err as Error).message.split('\n')[0]})`);
  }
}

/** Check that a spec's name is one of `names`, naming the flag (e.g. --problem) rather than the library's parameter. */
export function checkSpecName(flag: string, name: string, names: readonly string[]): void {
  if (!names.includes(name)) throw new ParameterError(flag, name, `one of ${names.join(', ')}${didYouMean(name, names)}`);
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

/** Caps of readJsonFile: input files are small specs and matrices, never deeper than a few levels. */
export const JSON_MAX_DEPTH = 64;
export const JSON_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Read and parse a JSON input file (--config, --state-space, --merge): unreadable, malformed, larger than
 * JSON_MAX_BYTES or nested deeper than JSON_MAX_DEPTH is a ParameterError naming the flag.
 */
export function readJsonFile(flag: string, file: string, what = 'a readable JSON file'): unknown {
  let text: string;
  try {
    if (statSync(file).size > JSON_MAX_BYTES) throw new Error(`larger than ${JSON_MAX_BYTES / 1048576} MB`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ParameterError(flag, file, `${what} (${(err as Error).message.split('\n')[0]})`);
  }
  // JSON.parse recurses on nesting: check the brackets first, without parsing.
  let depth = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) { if (c === 92) i++; else if (c === 34) inString = false; continue; }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) { if (++depth > JSON_MAX_DEPTH) throw new ParameterError(flag, file, `${what} nested at most ${JSON_MAX_DEPTH} levels deep`); }
    else if (c === 93 || c === 125) depth--;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ParameterError(flag, file, `${what} (${(err as Error).message.split('\n')[0]})`);
  }
}

/**
 * Lanczos keeps one vector of the dimension per step (full reorthogonalisation): refuse, naming the flag, a request
 * whose `steps` x `dim` passes LANCZOS_MAX_STORAGE (the library would name its internal `steps`).
 */
export function checkLanczosStorage(flag: string, value: number, steps: number, dim: number, allowed: string): void {
  if (steps * dim > LANCZOS_MAX_STORAGE) {
    throw new ParameterError(flag, value, `${allowed} (Lanczos stores steps x dim <= ${LANCZOS_MAX_STORAGE.toExponential(0).replace('e+', 'e')} numbers; here ${steps} steps x ${dim})`);
  }
}
